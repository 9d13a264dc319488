package kmlab.bench;

import java.util.Arrays;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.fit.AlgorithmChoice;
import kmlab.fit.AssignPass;
import kmlab.fit.FitOptions;
import kmlab.fit.KMeans;
import kmlab.kernel.Kernel;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import kmlab.kernel.Workers;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One dataset, kernel and worker pool per trial (fork), built from the parameters. Setup checks the
 * kernel against the scalar reference before anything is timed: a fast wrong kernel is no result.
 * Blobs are shuffled, so the argmin is not a pattern a branch predictor can learn.
 */
@State(Scope.Benchmark)
public class KernelState {
    @Param({"columns", "rows", "boxed", "boxed-scattered"})
    public String layout;

    /**
     * A kernel family or auto, as fit's --kernel (resolved for this n, d and k). JMH needs a default
     * and auto names no family, so no list of kernels is kept here: {@code kmlab jmh} running
     * KernelBench alone gives every family of {@link KernelKind} unless {@code -p kernel=...} says.
     */
    @Param("auto")
    public String kernel;

    @Param({"double"})
    public String precision;

    /** A count (0 = all cores) or auto, as fit's --threads (resolved for this n, d and k). */
    @Param({"1"})
    public String threads;

    @Param({"262144"})
    public int n;

    @Param({"32"})
    public int d;

    @Param({"32"})
    public int k;

    /** True clusters of the blobs; 0 = k. */
    @Param({"0"})
    public int clusters;

    /** The algorithm of the fit benchmark (the grid's algorithm; the assign and seed benchmarks are Lloyd's pass). */
    @Param({"auto"})
    public String algorithm;

    /** Each blob's standard deviation (the grid's cluster_std). */
    @Param({"1.0"})
    public double clusterStd;

    /** The blobs' seed (the grid's seed under the jmh engine). */
    @Param({"42"})
    public long seed;

    /** Rows per chunk; 0 = automatic (about n/64, 256..4096), as the fit command's default. */
    @Param({"0"})
    public int chunk;

    Dataset data;
    Workers workers;
    KMeans kmeans;
    AssignPass pass;
    double[] centres;
    int[] labels;

    @Setup(Level.Trial)
    public void setup() {
        data = Blobs.generate(n, d, clusters > 0 ? clusters : k, clusterStd, seed, Layout.parse(layout));
        workers = Workers.of(ThreadsChoice.parse(threads).threadsFor(n, d, k));
        KernelKind kind = KernelChoice.parse(kernel).kernelFor(n, d, k, new int[] {k});
        Kernel kern = Kernels.create(kind, data.x(), kind.precisionFor(Precision.parse(precision)));
        FitOptions options = new FitOptions(FitOptions.DEFAULT.tol(), FitOptions.DEFAULT.maxIter(), chunk);
        kmeans = new KMeans(kern, workers, options).using(AlgorithmChoice.parse(algorithm).algorithmFor(n, d));
        centres = kmeans.seed(k, 7);
        labels = new int[n];
        pass = new AssignPass(kern, workers, kmeans.chunks(), k);
        pass.run(centres, labels);
        checkAgainstScalar();
    }

    private void checkAgainstScalar() {
        try (Workers one = Workers.of(1)) {
            Kernel ref = Kernels.create(KernelKind.SCALAR, data.x());
            int[] want = new int[n];
            new AssignPass(ref, one, kmeans.chunks(), k).run(centres, want);
            long differ = 0;
            for (int i = 0; i < n; i++) {
                if (want[i] != labels[i]) {
                    differ++;
                }
            }
            // every kernel and precision gives the reference's labels bitwise (KernelEquivalenceTest)
            if (differ > 0) {
                throw new IllegalStateException(kernel + "/" + layout + ": " + differ + " labels differ from scalar");
            }
        }
        if (Arrays.stream(labels).anyMatch(l -> l < 0 || l >= k)) {
            throw new IllegalStateException("label out of range");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }
}
