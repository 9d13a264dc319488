package kmlab.fit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kmlab.data.CsvReader;
import kmlab.data.CsvWriter;
import kmlab.data.Dataset;
import kmlab.data.InputException;
import kmlab.data.LabelColumn;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.kernel.Kernel;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import kmlab.kernel.VectorWidth;
import kmlab.kernel.Workers;
import kmlab.metrics.Ari;

/**
 * kmlab's end-to-end job, written once for {@code fit} and for the warm regime's benchmark: read
 * the input, seed and fit every k of the job, write the input's lines plus one label column per fit.
 * Each fit runs the kernel and the number of threads that {@link KernelChoice} and
 * {@link ThreadsChoice} give for the job's shape and its k; all drivers share one chunking and tolerance, and
 * every kernel gives the scalar reference's result, so the output does not depend on the choice.
 */
public final class FitJob {
    /** How the job's fits run. */
    public record Settings(Layout layout, KernelChoice kernel, Precision precision, ThreadsChoice threads,
                           Seeding seeding, int chunkRows, boolean warmup) {
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

    private FitJob() {
    }

    /**
     * Runs the job; {@code callNanos} is {@link System#nanoTime()} when the command was called (the
     * summary's phases start there). Bad input is an {@link InputException}, nothing written.
     */
    public static JobSummary run(JobOptions job, Settings s, long callNanos) throws IOException, InputException {
        int[] ks = job.mode().ks(job.kMax());
        Dataset ds;
        boolean vectors = VectorWidth.available();
        CsvReader.Glance glance = s.warmup() || !vectors ? CsvReader.glance(job.input()) : null;
        if (!vectors && needsVectors(s, glance, ks)) {
            throw new VectorModuleNeeded("the job runs the " + s.kernel().label() + " kernel");
        }
        try (Warmup w = glance == null || glance.features() < 1 ? null
                : warmup(s, (int) Math.min(Integer.MAX_VALUE, glance.estimatedRows()), glance.features(), ks)) {
            ds = CsvReader.read(job.input(), s.layout());
            JobChecks.distinctPoints(job.input(), ds.x(), job.kMax());
        }
        long readNanos = System.nanoTime();
        int n = ds.n();
        int d = ds.d();
        int kTrue = job.ariK();

        JobSummary summary = new JobSummary(job.input().toString(), job.output().toString(), n, d, job.kMax(),
                job.mode())
                .put("layout", s.layout().label()).put("kernel", s.kernel().label())
                .put("precision", s.precision().label()).put("seeding", s.seeding().label())
                .put("threads", s.threads().recorded())
                .put("seed", job.seed());
        List<String> names = new ArrayList<>();
        List<LabelColumn> columns = new ArrayList<>(); // kept compact: a sweep holds k_max columns
        int[] labelsAtK = null;
        int[] labels = new int[n]; // reused by every fit: each is kept as a compact column
        int threadsUsed = 0;
        try (Drivers drivers = new Drivers(ds.x(), s, ks)) {
            summary.put("chunk_rows", drivers.base().chunks().size());
            // each seeding on the driver of the k it seeds to: the centres are the same on any kernel
            SweepSeeds seeds = new SweepSeeds(drivers::forK, ks, job.seed(), s.seeding());
            for (int k : ks) {
                long t0 = System.nanoTime();
                double[] init = seeds.centres(k);
                long t1 = System.nanoTime();
                FitResult r = drivers.forK(k).lloyd(init, k, labels);
                long t2 = System.nanoTime();
                names.add("cluster_k" + k);
                columns.add(LabelColumn.of(r.labels()));
                if (k == kTrue) {
                    labelsAtK = r.labels().clone();
                }
                int threads = drivers.threadsFor(k);
                summary.addFit(k, r.iterations(), r.converged(), r.inertia(), seconds(t1 - t0), seconds(t2 - t1));
                summary.fitDetail("kernel", drivers.kernelFor(k).label()).fitDetail("threads", threads);
                threadsUsed = Math.max(threadsUsed, threads);
            }
        }
        summary.put("threads_used", threadsUsed);
        long fitNanos = System.nanoTime();

        CsvWriter.appendColumns(job.input(), n, job.output(), names, columns);
        long writeNanos = System.nanoTime();

        Double ari = ds.hasLabels() && labelsAtK != null ? Ari.of(ds.labels(), labelsAtK) : null;
        return summary.finish(ds.hasLabels() ? kTrue : null, ari, callNanos, readNanos, fitNanos, writeNanos);
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
    private static final class Drivers implements AutoCloseable {
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

        Drivers(Matrix x, Settings s, int[] ks) {
            this.x = x;
            this.s = s;
            this.ks = ks;
            this.base = new KMeans(kernel(KernelKind.SCALAR), pool(1),
                    new FitOptions(FitOptions.DEFAULT.tol(), FitOptions.DEFAULT.maxIter(), s.chunkRows()));
            drivers.put(key(KernelKind.SCALAR, 1), base);
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
