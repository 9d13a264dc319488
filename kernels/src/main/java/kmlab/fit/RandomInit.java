package kmlab.fit;

import java.util.SplittableRandom;
import kmlab.data.Matrix;

/**
 * scikit-learn's {@code init='random'}: k distinct rows drawn uniformly, as its
 * {@code permutation(n)[:k]} does, here by the first k steps of a Fisher-Yates shuffle from
 * {@code SplittableRandom(seed)} (not numpy's stream: the same rule, other draws). The writeup's
 * live demo starts from it to show a start that bisects the two moons; no point-centre distance is
 * evaluated.
 */
public final class RandomInit implements Initialization {
    public static final RandomInit INSTANCE = new RandomInit();

    private RandomInit() {
    }

    @Override
    public double[] centres(KMeans driver, int k, long seed) {
        Matrix x = driver.data();
        int n = x.n();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + ", got " + k);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] centres = new double[k * x.d()];
        for (int c = 0; c < k; c++) {
            int j = c + rnd.nextInt(n - c);
            int t = order[c];
            order[c] = order[j];
            order[j] = t;
            x.copyRow(order[c], centres, c * x.d());
        }
        return centres;
    }
}
