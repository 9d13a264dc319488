package kmlab.fit;

import java.util.Arrays;
import java.util.SplittableRandom;
import kmlab.data.Matrix;
import kmlab.kernel.Chunks;
import kmlab.kernel.Kernel;

/**
 * Greedy k-means++ as scikit-learn defines it (SPEC section 3): the first centre a uniformly drawn
 * row, then for each further centre 2 + floor(ln k) trial rows drawn with probability proportional
 * to the squared distance to the nearest centre so far, the trial that lowers the potential most
 * kept. The distances come from the kernel, chunk by chunk on the driver's workers; the potentials
 * add their chunks in chunk order, so the centres do not depend on the thread count.
 */
public final class KMeansPlusPlus implements Initialization {
    public static final KMeansPlusPlus INSTANCE = new KMeansPlusPlus();

    private KMeansPlusPlus() {
    }

    /** Candidate centres tried per k-means++ step for k clusters: 2 + floor(ln k), as scikit-learn. */
    public static int localTrials(int k) {
        return 2 + (int) Math.log(k);
    }

    /**
     * The trial count: from one seed the draws are the same for every k with the same count, and
     * each step depends only on the steps before, so such k share their first centres.
     */
    @Override
    public int prefixGroup(int k) {
        return localTrials(k);
    }

    @Override
    public double[] centres(KMeans driver, int k, long seed) {
        return new Run(driver, k).seed(seed);
    }

    /** One seeding's buffers. */
    private static final class Run {
        private final KMeans driver;
        private final Matrix x;
        private final Kernel kernel;
        private final Chunks chunks;
        private final int k;
        private final int trials;
        private final double[][] out;
        private final double[][] chunkPots;
        private final double[] pots;
        private final double[] chunkPot;

        Run(KMeans driver, int k) {
            this.driver = driver;
            this.x = driver.data();
            this.kernel = driver.kernel();
            this.chunks = driver.chunks();
            this.k = k;
            int n = x.n();
            if (k < 1 || k > n) {
                throw new IllegalArgumentException("k must be in 1.." + n + ", got " + k);
            }
            this.trials = localTrials(k);
            this.out = new double[k == 1 ? 1 : trials][n];
            this.chunkPots = new double[chunks.count()][trials];
            this.pots = new double[trials];
            this.chunkPot = new double[chunks.count()];
        }

        double[] seed(long seed) {
            int n = x.n();
            int d = x.d();
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] centres = new double[k * d];
            double[] candidates = new double[trials * d];
            x.copyRow(rnd.nextInt(n), centres, 0);
            double[] closest = new double[n];
            Arrays.fill(closest, Double.POSITIVE_INFINITY);
            pass(centres, 1, closest);
            closest = swapIn(0, closest);
            double pot = pots[0];

            int[] ids = new int[trials];
            for (int c = 1; c < k; c++) {
                // scikit-learn draws all trial rows from the same potential, then keeps the best.
                for (int t = 0; t < trials; t++) {
                    ids[t] = sample(closest, rnd.nextDouble() * pot);
                    x.copyRow(ids[t], candidates, t * d);
                }
                pass(candidates, trials, closest);
                int best = 0;
                for (int t = 1; t < trials; t++) {
                    if (pots[t] < pots[best]) { // the first of equal potentials wins, like argmin
                        best = t;
                    }
                }
                x.copyRow(ids[best], centres, c * d);
                closest = swapIn(best, closest);
                pot = pots[best];
            }
            return centres;
        }

        /** Distances to all candidates in one pass over the rows; totals per candidate added in chunk order. */
        private void pass(double[] candidates, int count, double[] closest) {
            driver.workers().forEachChunk(chunks.count(), c ->
                    kernel.seedDistances(candidates, count, closest, out, chunkPots[c], chunks.from(c), chunks.to(c)));
            Arrays.fill(pots, 0.0);
            for (double[] p : chunkPots) {
                for (int t = 0; t < count; t++) {
                    pots[t] += p[t];
                }
            }
        }

        /** Makes trial {@code t}'s distances the new closest ones; the old array becomes trial t's buffer. */
        private double[] swapIn(int t, double[] closest) {
            double[] chosen = out[t];
            out[t] = closest;
            for (int c = 0; c < chunkPot.length; c++) {
                chunkPot[c] = chunkPots[c][t];
            }
            return chosen;
        }

        /**
         * The first row whose running sum of {@code weights} reaches {@code target} (numpy's
         * searchsorted on the cumulative sum), found chunk by chunk; clipped to the last row.
         */
        private int sample(double[] weights, double target) {
            double acc = 0;
            for (int c = 0; c < chunkPot.length; c++) {
                if (acc + chunkPot[c] >= target) {
                    for (int i = chunks.from(c), end = chunks.to(c); i < end; i++) {
                        acc += weights[i];
                        if (acc >= target) {
                            return i;
                        }
                    }
                    return chunks.to(c) - 1;
                }
                acc += chunkPot[c];
            }
            return x.n() - 1;
        }
    }
}
