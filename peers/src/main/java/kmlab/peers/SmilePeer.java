package kmlab.peers;

import kmlab.runs.Peer;
import java.util.concurrent.ForkJoinPool;
import kmlab.data.Matrix;
import kmlab.fit.FitOptions;
import smile.clustering.BBDTree;
import smile.clustering.Clustering;
import smile.math.MathEx;
import smile.util.AlgoStatus;
import smile.util.IterativeAlgorithmController;

/**
 * Smile's {@code KMeans.fit}: k-means++ seeding, then Lloyd iterations computed over a BBD tree
 * (Kanungo et al.'s filtering algorithm), which is built once per dataset and reused for every k.
 * Smile parallelises with parallel streams; running the fit inside a pool of T threads confines
 * them to T (parallel streams fork into the pool they are started from).
 */
final class SmilePeer implements Library {
    @Override
    public Peer peer() {
        return Peer.SMILE;
    }

    @Override
    public String library() {
        return "smile-core";
    }

    @Override
    public Loaded load(Matrix x, int threads, String algorithm) throws Exception {
        int used = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        ForkJoinPool pool = new ForkJoinPool(used);
        double[][] rows = Rows.of(x);
        BBDTree tree = pool.submit(() -> new BBDTree(rows)).get();
        double meanVariance = kmlab.fit.KMeans.meanVariance(x);
        return new Loaded() {
            @Override
            public PeerFit fit(int k, long seed) throws Exception {
                if (k == 1) {
                    return PeerFit.oneCluster(rows); // Smile refuses k < 2
                }
                IterationCount count = new IterationCount();
                var options = new Clustering.Options(k, MAX_ITERATIONS, tolerance(meanVariance, rows.length, k), count);
                var c = pool.submit(() -> {
                    MathEx.setSeed(seed); // per thread: seed the one that runs the seeding
                    return smile.clustering.KMeans.fit(tree, rows, options);
                }).get();
                return new PeerFit(c.group(), c.centers(), count.last, count.last < MAX_ITERATIONS, null);
            }

            @Override
            public int threadsUsed() {
                return used;
            }

            @Override
            public void close() {
                pool.shutdownNow();
            }
        };
    }

    /**
     * Smile stops when the within-cluster sum of squares drops by at most tol in an iteration.
     * Moving a centre of m points by s lowers that sum by m s^2, so for clusters of equal size
     * kmlab's rule (sum of squared shifts <= 1e-4 x mean variance) is a drop of (n / k) times it.
     */
    static double tolerance(double meanVariance, int n, int k) {
        return FitOptions.DEFAULT.tol() * meanVariance * n / k;
    }

    /** Smile reports each iteration to a controller; this one keeps the last number, synchronously. */
    private static final class IterationCount extends IterativeAlgorithmController<AlgoStatus> {
        int last;

        IterationCount() {
            super(Runnable::run, 1);
        }

        @Override
        public void submit(AlgoStatus status) {
            last = status.iteration();
        }
    }
}
