package kmlab.fit;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import kmlab.data.BoxedMatrix;
import kmlab.data.ColumnMatrix;
import kmlab.data.DataPoint;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;
import kmlab.kernel.Chunks;
import kmlab.kernel.Kernel;
import kmlab.kernel.KernelKind;

/**
 * Greedy k-means++ as scikit-learn defines it (SPEC section 3): the first centre a uniformly drawn
 * row, then for each further centre 2 + floor(ln k) trial rows drawn with probability proportional
 * to the squared distance to the nearest centre so far, the trial that lowers the potential most
 * kept. The distances come from the kernel, chunk by chunk on the driver's workers; the potentials
 * add their chunks in chunk order, so the centres do not depend on the thread count.
 *
 * <p>Pruned: each row keeps the index of the centre its distance so far is to, and a trial t
 * is not measured against row i where the triangle inequality proves it is not closer: half the
 * distance from t to that centre above the row's distance, by {@link Bounds#separated}'s margin for
 * rounding, proves the reference's distance to t larger than the row's, so the min() keeps the
 * row's own value exactly. Every value that enters a potential is the unpruned one, added in the
 * same order: the centres are bitwise those of the unpruned seeding. A chunk where enough pairs are
 * open runs the kernel's pass over all of them instead (the same values; "enough" by the kernel's
 * cost model against the scalar one's, an estimate, not measured for this pass). Only the scalar
 * kernel prunes: the vector kernels' whole pass was measured faster than pruning (see the
 * constructor).
 * The distances evaluated are counted: n for the first centre, then per step the rows x trials of
 * the chunks the kernel ran and the open pairs of the others (the trials x centres distances
 * between candidates and centres, O(k^2 d) in all, are not counted).
 */
public final class KMeansPlusPlus implements Initialization {
    /** Where the pruned pass runs. */
    enum Pruning {
        NEVER, SCALAR_KERNEL, ALWAYS
    }

    /** Pruned where it was measured faster: on the scalar kernel (see {@link Run}'s constructor). */
    public static final KMeansPlusPlus INSTANCE = new KMeansPlusPlus(Pruning.SCALAR_KERNEL);
    /** Pruned on every kernel (for tests: the pruned pass's centres on the vector kernels too). */
    static final KMeansPlusPlus PRUNED = new KMeansPlusPlus(Pruning.ALWAYS);
    /** Every trial measured against every row, as before the pruning (for tests: the same centres). */
    static final KMeansPlusPlus UNPRUNED = new KMeansPlusPlus(Pruning.NEVER);

    private final Pruning pruning;

    private KMeansPlusPlus(Pruning pruning) {
        this.pruning = pruning;
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
        return seeds(driver, k, seed).centres();
    }

    @Override
    public Seeds seeds(KMeans driver, int k, long seed) {
        Run run = new Run(driver, k, pruning);
        double[] centres = run.seed(seed);
        run.release(); // a seeding that failed leaves its arrays to the collector
        return new Seeds(centres, run.distances);
    }

    /** One seeding's buffers. */
    private static final class Run {
        private final KMeans driver;
        private final Matrix x;
        private final Kernel kernel;
        private final Chunks chunks;
        private final int k;
        private final int d;
        private final int trials;
        private final SeedBuffers buffers;
        /** Per trial, min(closest, its distance); after a step the chosen trial's array is the closest one. */
        private final double[][] out;
        /** The closest distances' first array (swapIn trades them with trial arrays: the set stays out's and this). */
        private final double[] closestBuffer;
        /** The closest distances' array once seeded. */
        private double[] closestAtEnd;
        private final double[][] chunkPots;
        private final double[] pots;
        private final double[] chunkPot;
        private final long[] chunkCount;
        private final boolean prune;
        /** A chunk runs the kernel's pass over all its pairs when more than this share of them is open. */
        private final double kernelFrom;
        private final Bounds bounds;
        /** Per row, the centre its closest distance is to (pruned seeding only). */
        private final int[] nearest;
        /** trials x k: a lower bound of half the distance from trial t to centre q, for the q chosen so far. */
        private final double[] half;
        /** Per chunk, a row buffer for the columns layout. */
        private final double[][] rows;
        /** The centre chosen last and the closest distances before it: rows it moved closer get its index. */
        private int pending = -1;
        private double[] before;
        long distances;

        Run(KMeans driver, int k, Pruning pruning) {
            this.driver = driver;
            this.x = driver.data();
            this.kernel = driver.kernel();
            this.chunks = driver.chunks();
            this.k = k;
            this.d = x.d();
            int n = x.n();
            if (k < 1 || k > n) {
                throw new IllegalArgumentException("k must be in 1.." + n + ", got " + k);
            }
            this.trials = localTrials(k);
            this.buffers = driver.seedBuffers();
            this.out = buffers.take(k == 1 ? 1 : trials);
            this.closestBuffer = buffers.take(1)[0];
            this.chunkPots = new double[chunks.count()][trials];
            this.pots = new double[trials];
            this.chunkPot = new double[chunks.count()];
            this.chunkCount = new long[chunks.count()];
            // the vector kernels' full pass measured faster than the pruned one at 256k x 32 (gemm, 2 threads,
            // sweep to 32: seeding 0.65 s pruned, 0.37 s full) and at 64k x 8 (0.30 against 0.18 s); the
            // scalar kernel's was slower (64k x 8: 0.18 s full, 0.15 s pruned; 3 fresh JVMs each, Intel Xeon)
            this.prune = k > 1 && (pruning == Pruning.ALWAYS
                    || pruning == Pruning.SCALAR_KERNEL && kernel.kind() == KernelKind.SCALAR);
            this.bounds = this.prune ? new Bounds(d) : null;
            // an open pair is measured by the reference's loop, at about the scalar kernel's rate: the
            // kernel's pass over all of a chunk's pairs costs less once their share is above the ratio
            // of its rate to the scalar one's (1 for the scalar kernel itself: never)
            this.kernelFrom = kernel.kind().secondsPerUnit(false) / KernelKind.SCALAR.secondsPerUnit(false);
            this.nearest = this.prune ? new int[n] : null;
            this.half = this.prune ? new double[trials * k] : null;
            this.rows = this.prune && x instanceof ColumnMatrix ? new double[chunks.count()][d] : null;
        }

        double[] seed(long seed) {
            int n = x.n();
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] centres = new double[k * d];
            double[] candidates = new double[trials * d];
            x.copyRow(rnd.nextInt(n), centres, 0);
            double[] closest = closestBuffer;
            Arrays.fill(closest, Double.POSITIVE_INFINITY);
            pass(centres, 1, closest, null); // nearest[] starts at 0, this centre
            closest = swapIn(0, closest);
            double pot = pots[0];

            int[] ids = new int[trials];
            for (int c = 1; c < k; c++) {
                // scikit-learn draws all trial rows from the same potential, then keeps the best.
                for (int t = 0; t < trials; t++) {
                    ids[t] = sample(closest, rnd.nextDouble() * pot);
                    x.copyRow(ids[t], candidates, t * d);
                }
                pass(candidates, trials, closest, prune ? separations(candidates, centres, c) : null);
                int best = 0;
                for (int t = 1; t < trials; t++) {
                    if (pots[t] < pots[best]) { // the first of equal potentials wins, like argmin
                        best = t;
                    }
                }
                x.copyRow(ids[best], centres, c * d);
                double[] old = closest;
                closest = swapIn(best, closest);
                pending = c;
                before = old; // now trial best's buffer: the next pass reads each row before it writes it
                pot = pots[best];
            }
            closestAtEnd = closest;
            return centres;
        }

        /** Gives this seeding's n-sized arrays back for the next one. */
        void release() {
            buffers.giveBack(out);
            buffers.giveBack(closestAtEnd);
        }

        /** Half the distance between each trial and each of the first {@code c} centres, bounded from below. */
        private Kernel.Measure separations(double[] candidates, double[] centres, int c) {
            Kernel.Measure m = kernel.measure(candidates, trials);
            for (int t = 0; t < trials; t++) {
                for (int q = 0; q < c; q++) {
                    half[t * k + q] = 0.5 * bounds.lower(m.one(centres, q * d, t));
                }
            }
            return m;
        }

        /**
         * Distances to all candidates in one pass over the rows; totals per candidate added in chunk
         * order. Pruned where {@code m} is given (its separations computed).
         */
        private void pass(double[] candidates, int count, double[] closest, Kernel.Measure m) {
            driver.workers().forEachChunk(chunks.count(), c -> {
                int from = chunks.from(c);
                int to = chunks.to(c);
                if (m == null) {
                    kernel.seedDistances(candidates, count, closest, out, chunkPots[c], from, to);
                    chunkCount[c] = (long) (to - from) * count;
                } else {
                    chunkCount[c] = pruned(c, from, to, candidates, closest, m);
                }
            });
            Arrays.fill(pots, 0.0);
            for (double[] p : chunkPots) {
                for (int t = 0; t < count; t++) {
                    pots[t] += p[t];
                }
            }
            for (long e : chunkCount) {
                distances += e;
            }
        }

        /**
         * One chunk of a pruned pass: out[t][i] = min(closest[i], |x_i - t|^2) where the pair is open,
         * closest[i] (what the min() gives) where it is proven not closer; pots in row order.
         * Returns the distances evaluated.
         */
        private long pruned(int c, int from, int to, double[] candidates, double[] closest, Kernel.Measure m) {
            if (pending >= 0) {
                for (int i = from; i < to; i++) {
                    if (closest[i] < before[i]) {
                        nearest[i] = pending;
                    }
                }
            }
            long open = 0;
            for (int i = from; i < to; i++) {
                double thr = bounds.threshold(bounds.upper(closest[i]));
                int q = nearest[i];
                for (int t = 0; t < trials; t++) {
                    if (!(half[t * k + q] > thr)) {
                        open++;
                    }
                }
            }
            long pairs = (long) (to - from) * trials;
            if (open > kernelFrom * pairs) {
                kernel.seedDistances(candidates, trials, closest, out, chunkPots[c], from, to);
                return pairs;
            }
            double[] p = chunkPots[c];
            Arrays.fill(p, 0, trials, 0.0);
            for (int i = from; i < to; i++) {
                double ci = closest[i];
                double thr = bounds.threshold(bounds.upper(ci));
                int q = nearest[i];
                double[] row = null;
                int ro = 0;
                for (int t = 0; t < trials; t++) {
                    double v = ci;
                    if (!(half[t * k + q] > thr)) {
                        if (row == null) {
                            row = rowOf(i, c);
                            ro = x instanceof RowMatrix ? i * d : 0;
                        }
                        v = Math.min(ci, m.one(row, ro, t));
                    }
                    out[t][i] = v;
                    p[t] += v;
                }
            }
            return open;
        }

        /** Row i in place (rows: the whole array, at i d), or gathered into chunk c's buffer. */
        private double[] rowOf(int i, int c) {
            if (x instanceof RowMatrix r) {
                return r.data();
            }
            if (x instanceof BoxedMatrix b) {
                List<DataPoint> points = b.points();
                return points.get(i).features();
            }
            x.copyRow(i, rows[c], 0);
            return rows[c];
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
