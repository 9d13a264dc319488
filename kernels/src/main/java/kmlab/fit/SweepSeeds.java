package kmlab.fit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The initial centres of a job's fits. Greedy k-means++ from one seed draws the same random numbers
 * for every k with the same number of local trials (2 + floor(ln k): 2 for k <= 2, 3 up to 7, 4 up to
 * 20, 5 up to 54, ...), and each step depends only on the steps before, so its first k centres for a
 * larger k of that trial count are bitwise its centres for k. {@link Seeding#SHARED} therefore seeds
 * once to the largest k of each such group in the job and hands out prefixes: for k = 1..32 that is
 * 265 candidate passes over the rows instead of 2,399. The groups are the seeding strategy's
 * ({@link Initialization#prefixGroup}): one without the property has a group per k, and shares
 * nothing. {@link Seeding#FRESH} seeds every k on its own.
 */
public final class SweepSeeds {
    private final IntFunction<KMeans> drivers;
    private final int[] ks;
    private final long seed;
    private final Seeding seeding;
    private Map<Integer, Integer> largestK; // prefix group -> the job's largest k, made on first use
    private final Map<Integer, double[]> seeded = new HashMap<>(); // prefix group -> centres seeded so far

    /** For a job fitting {@code ks} with seed {@code seed}. */
    public SweepSeeds(KMeans km, int[] ks, long seed, Seeding seeding) {
        this(k -> km, ks, seed, seeding);
    }

    /**
     * The same, each seeding run by the driver {@code drivers} gives for the k it seeds to (the
     * kernel and threads chosen for that size; the same seeding strategy for every k); the centres
     * do not depend on the kernel or threads.
     */
    public SweepSeeds(IntFunction<KMeans> drivers, int[] ks, long seed, Seeding seeding) {
        this.drivers = drivers;
        this.ks = ks.clone();
        this.seed = seed;
        this.seeding = seeding;
    }

    /** The initial centres for k (row-major k x d, a fresh array): those of {@code km.seed(k, seed)}. */
    public double[] centres(int k) {
        return seeds(k).centres();
    }

    /**
     * The same centres, with the distances this call evaluated: a shared seeding counts in the
     * call that runs it (to the largest k of its group), and a prefix handed out later counts 0,
     * so the counts of a job's fits add up to the job's work, as their seeding times do.
     */
    public Initialization.Seeds seeds(int k) {
        KMeans km = drivers.apply(k);
        if (seeding == Seeding.FRESH) {
            return km.seeds(k, seed);
        }
        Initialization init = km.initialization();
        if (largestK == null) {
            largestK = new HashMap<>();
            for (int j : ks) {
                largestK.merge(init.prefixGroup(j), j, Math::max);
            }
        }
        int group = init.prefixGroup(k);
        int d = km.d();
        double[] longest = seeded.get(group);
        long distances = 0;
        if (longest == null || longest.length < k * d) {
            int to = Math.max(k, largestK.getOrDefault(group, k));
            Initialization.Seeds s = drivers.apply(to).seeds(to, seed);
            longest = s.centres();
            distances = s.distances();
            seeded.put(group, longest);
        }
        return new Initialization.Seeds(Arrays.copyOf(longest, k * d), distances);
    }
}
