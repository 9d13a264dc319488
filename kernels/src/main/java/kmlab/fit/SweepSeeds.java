package kmlab.fit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The k-means++ centres of a job's fits. Greedy k-means++ from one seed draws the same random numbers
 * for every k with the same number of local trials (2 + floor(ln k): 2 for k <= 2, 3 up to 7, 4 up to
 * 20, 5 up to 54, ...), and each step depends only on the steps before, so its first k centres for a
 * larger k of that trial count are bitwise its centres for k. {@link Seeding#SHARED} therefore seeds
 * once to the largest k of each trial count in the job and hands out prefixes: for k = 1..32 that is
 * 265 candidate passes over the rows instead of 2,399. {@link Seeding#FRESH} seeds every k on its own.
 */
public final class SweepSeeds {
    private final IntFunction<KMeans> drivers;
    private final long seed;
    private final Seeding seeding;
    private final Map<Integer, Integer> largestK = new HashMap<>(); // trial count -> the job's largest k
    private final Map<Integer, double[]> seeded = new HashMap<>();  // trial count -> centres seeded so far

    /** For a job fitting {@code ks} with k-means++ seed {@code seed}. */
    public SweepSeeds(KMeans km, int[] ks, long seed, Seeding seeding) {
        this(k -> km, ks, seed, seeding);
    }

    /**
     * The same, each seeding run by the driver {@code drivers} gives for the k it seeds to (the
     * kernel and threads chosen for that size); the centres do not depend on it.
     */
    public SweepSeeds(IntFunction<KMeans> drivers, int[] ks, long seed, Seeding seeding) {
        this.drivers = drivers;
        this.seed = seed;
        this.seeding = seeding;
        for (int k : ks) {
            largestK.merge(KMeans.localTrials(k), k, Math::max);
        }
    }

    /** The initial centres for k (row-major k x d, a fresh array): those of {@code km.seed(k, seed)}. */
    public double[] centres(int k) {
        if (seeding == Seeding.FRESH) {
            return drivers.apply(k).seed(k, seed);
        }
        int trials = KMeans.localTrials(k);
        int d = drivers.apply(k).d();
        double[] longest = seeded.get(trials);
        if (longest == null || longest.length < k * d) {
            int to = Math.max(k, largestK.getOrDefault(trials, k));
            longest = drivers.apply(to).seed(to, seed);
            seeded.put(trials, longest);
        }
        return Arrays.copyOf(longest, k * d);
    }
}
