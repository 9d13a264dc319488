package kmlab.data;

import java.util.SplittableRandom;

/**
 * Two interleaving half circles with ground-truth labels, scikit-learn's {@code make_moons}: the
 * outer moon (label 0) at (cos t, sin t) and the inner one (label 1) at (1 - cos t, 1 - sin t - 0.5)
 * for n/2 (rounded down) and the remaining t evenly spaced over [0, pi], Gaussian noise of standard
 * deviation {@code noise} on every coordinate (Marsaglia's polar method, as {@link Blobs}), rows
 * shuffled. Deterministic from the seed (SplittableRandom); values rounded to six decimals, as
 * {@link Blobs}, so generated and re-read data are the same doubles. The writeup's live demo shape:
 * a random start bisects the moons.
 */
public final class Moons {
    private static final double SCALE = 1e6;

    private Moons() {
    }

    /** The whole dataset in memory, ids "0".."n-1", columns x0, x1. */
    public static Dataset generate(int n, double noise, long seed, Layout layout) {
        if (n < 2) {
            throw new IllegalArgumentException("need n >= 2, got n=" + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("the noise must be a finite number >= 0, got " + noise);
        }
        int outer = n / 2;
        int inner = n - outer;
        double[] xy = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < outer; i++) {
            double t = outer == 1 ? 0 : Math.PI * i / (outer - 1);
            xy[2 * i] = Math.cos(t);
            xy[2 * i + 1] = Math.sin(t);
        }
        for (int i = 0; i < inner; i++) {
            double t = inner == 1 ? 0 : Math.PI * i / (inner - 1);
            int r = outer + i;
            xy[2 * r] = 1 - Math.cos(t);
            xy[2 * r + 1] = 1 - Math.sin(t) - 0.5;
            labels[r] = 1;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates, as Blobs
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Matrix.Builder m = Matrix.builder(layout, n, 2);
        String[] ids = new String[n];
        int[] shuffled = new int[n];
        double[] row = new double[2];
        double[] pair = null;
        for (int i = 0; i < n; i++) {
            int src = order[i];
            for (int j = 0; j < 2; j++) {
                double g = 0;
                if (noise > 0) {
                    if (pair == null) {
                        pair = Blobs.polar(rnd);
                        g = pair[0];
                    } else {
                        g = pair[1];
                        pair = null;
                    }
                }
                row[j] = Math.round((xy[2 * src + j] + noise * g) * SCALE) / SCALE;
            }
            ids[i] = Integer.toString(i);
            shuffled[i] = labels[src];
            m.add(ids[i], row);
        }
        return new Dataset(Blobs.header(2), m.build(), ids, shuffled);
    }
}
