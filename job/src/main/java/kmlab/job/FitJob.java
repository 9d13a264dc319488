package kmlab.job;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import kmlab.data.CsvReader;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.fit.Algorithm;
import kmlab.fit.AlgorithmChoice;
import kmlab.fit.FitOptions;
import kmlab.fit.FitResult;
import kmlab.fit.Initialization;
import kmlab.fit.KMeans;
import kmlab.fit.Seeding;
import kmlab.fit.SweepSeeds;
import kmlab.fit.Warmup;
import kmlab.kernel.Kernel;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import kmlab.kernel.VectorWidth;
import kmlab.kernel.Workers;

/**
 * The job of kmlab's {@code fit} and of the warm regime's benchmark: {@link Job} with kmlab's
 * kernels doing the fits. Each fit runs the kernel and the number of threads that {@link KernelChoice}
 * and {@link ThreadsChoice} give for the job's shape and its k; all drivers share one chunking and
 * tolerance, and every kernel gives the scalar reference's result, so the output does not depend on
 * the choice. Before the read it refuses a job that needs the Vector API module where this JVM lacks
 * it ({@link VectorModuleNeeded}) and starts the warm-up of the kernel the fits will run.
 */
public final class FitJob implements Fitter {
    /** How the job's fits run. */
    public record Settings(Layout layout, KernelChoice kernel, Precision precision, ThreadsChoice threads,
                           Seeding seeding, AlgorithmChoice algorithm, int chunkRows, boolean warmup) {
        public Settings {
            if (chunkRows < 0) {
                throw new IllegalArgumentException("--chunk-rows must be >= 0 (0 = automatic), got " + chunkRows);
            }
            if (!kernel.isAuto() && !kernel.fixed().supports(precision)) {
                throw new IllegalArgumentException("--precision " + precision.label() + " exists for --kernel "
                        + KernelKind.supportingInWords(precision) + ", not " + kernel.label());
            }
        }
    }

    private final Settings s;

    public FitJob(Settings s) {
        this.s = s;
    }

    /** {@link Job#run(JobOptions, Fitter, long)} with kmlab's kernels doing the fits. */
    public static JobSummary run(JobOptions job, Settings s, long callNanos) throws Exception {
        return Job.run(job, new FitJob(s), callNanos);
    }

    @Override
    public Layout layout() {
        return s.layout();
    }

    /** --threads' count, every core for auto: the reader keeps a small file on one thread whatever it gets. */
    @Override
    public int ioThreads() {
        return s.threads().isAuto() ? 0 : s.threads().count();
    }

    @Override
    public Warmup beforeRead(Path input, int[] ks) {
        boolean vectors = VectorWidth.available();
        CsvReader.Glance glance = s.warmup() || !vectors ? CsvReader.glance(input) : null;
        if (!vectors && needsVectors(s, glance, ks)) {
            throw new VectorModuleNeeded("the job runs the " + s.kernel().label() + " kernel");
        }
        return glance == null || glance.features() < 1 ? null
                : warmup(s, (int) Math.min(Integer.MAX_VALUE, glance.estimatedRows()), glance.features(), ks);
    }

    @Override
    public void describe(JobSummary summary) {
        summary.put("layout", s.layout().label()).put("kernel", s.kernel().label())
                .put("precision", s.precision().label()).put("seeding", s.seeding().label())
                .put("algorithm", s.algorithm().label()).put("threads", s.threads().recorded());
    }

    @Override
    public Fits load(Matrix x, int[] ks, long seed, JobSummary summary) {
        Drivers drivers = new Drivers(x, s, ks, seed);
        summary.put("chunk_rows", drivers.base().chunks().size());
        return drivers;
    }

    /**
     * Whether the job will run a vector kernel: one given by name, or auto's gemm for the file's
     * estimated size (the lanes assumed at their most, so a job that is scalar here is scalar anywhere).
     */
    private static boolean needsVectors(Settings s, CsvReader.Glance g, int[] ks) {
        return s.kernel().namesVectorKernel() || s.kernel().isAuto() && g != null && g.features() > 0
                && s.kernel().vectorJob((int) Math.min(Integer.MAX_VALUE, g.estimatedRows()), g.features(), ks);
    }

    /**
     * The warm-up while the input is read, for a job of about n rows (estimated from the file's size):
     * of the kernel its fits will run ({@link KernelChoice#warmFor}), for the k values that run it;
     * null when there is nothing to warm.
     */
    private static Warmup warmup(Settings s, int n, int d, int[] ks) {
        KernelKind kind = s.kernel().warmFor(n, d, ks);
        if (kind == null) {
            return null;
        }
        int[] warmKs = java.util.Arrays.stream(ks).filter(k -> s.kernel().kernelFor(n, d, k, ks) == kind).toArray();
        return Warmup.start(kind, kind.precisionFor(s.precision()), s.layout(), d, warmKs);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * The drivers of one job: a kernel per family and a pool per thread count, made when a fit first
     * needs them, all over the same matrix, chunks and tolerance ({@link KMeans#using}).
     */
    private static final class Drivers implements Fits {
        /**
         * A driver's kernel and threads as one int: neither a record (its hashCode and equals are
         * invokedynamic, bootstrapped on first use: a 1,000-row job's fits took 29-34 ms instead of 10
         * with the AOT cache) nor a concatenated string (the same, without the cache).
         */
        private static int key(KernelKind kind, int threads) {
            return kind.ordinal() << 16 | threads;
        }

        private final Matrix x;
        private final Settings s;
        private final int[] ks;
        private final Map<KernelKind, Kernel> kernels = new EnumMap<>(KernelKind.class);
        private final Map<Integer, Workers> pools = new HashMap<>();
        private final Map<Integer, KMeans> drivers = new HashMap<>();
        private final KMeans base;
        private final SweepSeeds seeds;
        private final int[] labels; // reused by every fit: the job keeps each as a compact column
        private int threadsUsed;

        Drivers(Matrix x, Settings s, int[] ks, long seed) {
            this.x = x;
            this.s = s;
            this.ks = ks;
            this.base = new KMeans(kernel(KernelKind.SCALAR), pool(1),
                    new FitOptions(FitOptions.DEFAULT.tol(), FitOptions.DEFAULT.maxIter(), s.chunkRows()));
            drivers.put(key(KernelKind.SCALAR, 1), base);
            // each seeding on the driver of the k it seeds to: the centres are the same on any kernel
            this.seeds = new SweepSeeds(this::forK, ks, seed, s.seeding());
            this.labels = new int[x.n()];
        }

        @Override
        public Fit fit(int k) {
            long t0 = System.nanoTime();
            Initialization.Seeds init = seeds.seeds(k);
            long t1 = System.nanoTime();
            Algorithm algorithm = s.algorithm().algorithmFor(x.n(), x.d());
            FitResult r = forK(k).using(algorithm).fitFrom(init.centres(), k, labels).seededWith(init.distances());
            long t2 = System.nanoTime();
            int threads = threadsFor(k);
            threadsUsed = Math.max(threadsUsed, threads);
            return new Fit(r.labels(), r.iterations(), r.converged(), r.inertia(), seconds(t1 - t0), seconds(t2 - t1))
                    .ranWith(kernelFor(k).label(), threads, algorithm.label()).counted(r.distances(), r.seedDistances());
        }

        @Override
        public int threadsUsed() {
            return threadsUsed;
        }

        KMeans base() {
            return base;
        }

        /** The kernel a fit at k runs once compiled. */
        KernelKind kernelFor(int k) {
            return s.kernel().kernelFor(x.n(), x.d(), k, ks);
        }

        /** The threads of a fit at k, 0 resolved to the core count. */
        int threadsFor(int k) {
            int t = s.threads().threadsFor(x.n(), x.d(), k);
            return t == 0 ? Runtime.getRuntime().availableProcessors() : t;
        }

        KMeans forK(int k) {
            return get(kernelFor(k), threadsFor(k));
        }

        KMeans get(KernelKind kind, int threads) {
            return drivers.computeIfAbsent(key(kind, threads), k -> base.using(kernel(kind), pool(threads)));
        }

        private Kernel kernel(KernelKind kind) {
            // a scalar fit of a float job runs the double reference
            return kernels.computeIfAbsent(kind, kk -> Kernels.create(kk, x, kk.precisionFor(s.precision())));
        }

        private Workers pool(int threads) {
            return pools.computeIfAbsent(threads, Workers::of);
        }

        @Override
        public void close() {
            pools.values().forEach(Workers::close);
        }
    }
}
