package kmlab.fit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The k-means++ centres of a job's fits. Greedy k-means++ from one seed draws the same random numbers
 * for every k with the same number of local trials (2 + floor(ln k): 2 for k <= 2, 3 up to 7, 4 up to
 * 20, 5 up to 54, ...), and each step depends only on the steps before, so its first k centres for a
 * larger k of that trial count are bitwise its centres for k. {@link Seeding#SHARED} therefore seeds
 * once to the largest k of each trial count in the job and hands out prefixes: for k = 1..32 that is
 * 265 candidate passes over the rows instead of 2,399. {@link Seeding#FRESH} seeds every k on its own.
 */
public final class SweepSeeds {
    private final KMeans km;
    private final long seed;
    private final Seeding seeding;
    private final Map<Integer, Integer> largestK = new HashMap<>(); // trial count -> the job's largest k
    private final Map<Integer, double[]> seeded = new HashMap<>();  // trial count -> centres seeded so far

    /** For a job fitting {@code ks} with k-means++ seed {@code seed}. */
    public SweepSeeds(KMeans km, int[] ks, long seed, Seeding seeding) {
        this.km = km;
        this.seed = seed;
        this.seeding = seeding;
        for (int k : ks) {
            largestK.merge(KMeans.localTrials(k), k, Math::max);
        }
    }

    /** The initial centres for k (row-major k x d, a fresh array): those of {@code km.seed(k, seed)}. */
    public double[] centres(int k) {
        if (seeding == Seeding.FRESH) {
            return km.seed(k, seed);
        }
        int trials = KMeans.localTrials(k);
        int d = km.d();
        double[] longest = seeded.get(trials);
        if (longest == null || longest.length < k * d) {
            longest = km.seed(Math.max(k, largestK.getOrDefault(trials, k)), seed);
            seeded.put(trials, longest);
        }
        return Arrays.copyOf(longest, k * d);
    }
}
