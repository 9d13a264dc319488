package kmlab.runner;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import kmlab.cli.Options;
import kmlab.cli.Values;
import kmlab.data.CsvReader;
import kmlab.data.CsvWriter;
import kmlab.data.Dataset;
import kmlab.data.LabelColumn;
import kmlab.data.Layout;
import kmlab.fit.FitOptions;
import kmlab.fit.FitResult;
import kmlab.fit.JobSummary;
import kmlab.fit.JobChecks;
import kmlab.fit.JobOptions;
import kmlab.fit.KMeans;
import kmlab.fit.Seeding;
import kmlab.fit.SweepSeeds;
import kmlab.fit.Warmup;
import kmlab.kernel.Kernel;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.Workers;
import kmlab.metrics.Ari;

/** The writeup's end-to-end job, {@code kmlab fit}; its options are {@link #OPTIONS}. */
final class FitCommand implements Callable<Integer> {
    static final Options OPTIONS = new Options("fit",
            "The writeup's end-to-end job: read INPUT, seed with k-means++ and run Lloyd for every k in"
                    + " 1..k_max (or only k_max), write INPUT's columns plus one cluster_kK column per fit."
                    + " The CSV needs a header; columns named id and label are recognised, all others are"
                    + " numeric features.")
            .include(JobOptions.TABLE)
            .option("--layout", "layout", "rows", "boxed, rows or columns (default: ${DEFAULT-VALUE}).")
            .option("--kernel", "kernel", "gemm", "Distance kernel (default: ${DEFAULT-VALUE}): scalar, plain loops,"
                    + " the reference; simd, Vector API with points in lanes, sum of (x-c)^2 (best on columns);"
                    + " gemm, Vector API with centres in lanes, |c|^2 - 2x.c, register-tiled (best on rows).")
            .option("--precision", "precision", "double", "double or float (default: ${DEFAULT-VALUE}); float"
                    + " (simd and gemm) runs the nearest-centre search in float, twice the lanes; k-means++ and"
                    + " the update stay double.")
            .option("--threads", "threads", "1", "Threads; 0 = all cores (default: ${DEFAULT-VALUE}). Results are"
                    + " identical for any count.")
            .option("--seeding", "seeding", "shared", "shared or fresh (default: ${DEFAULT-VALUE}); the centres are"
                    + " the same. Greedy k-means++ from one seed picks the same first k centres for every k with"
                    + " the same number of local trials (2 + floor(ln k)), so shared seeds once to the largest"
                    + " such k of the job and takes prefixes (k <= 32: 4 seedings, not 32); its seed_s is then"
                    + " counted at the first k of each trial count. fresh seeds every k on its own, as the"
                    + " writeup's programs do.")
            .option("--chunk-rows", "chunkRows", "0", "Rows per work chunk; 0 = about n/64, a power of two in"
                    + " 256..4096 (default: ${DEFAULT-VALUE}).")
            .flag("--no-warmup", "Do not compile the kernel's hot paths on a small synthetic dataset in the"
                    + " background while the input is read (on by default: it takes the JIT warm-up of the"
                    + " vector kernels off the critical path; the results do not depend on it).");

    private final PrintWriter out;
    private final JobOptions job;
    private final Layout layout;
    private final KernelKind kernel;
    private final Precision precision;
    private final int threads;
    private final Seeding seeding;
    private final int chunkRows;
    private final boolean noWarmup;

    FitCommand(Values v, PrintWriter out) {
        this.out = out;
        this.job = JobOptions.of(v);
        this.layout = v.parsed("--layout", Layout::parse);
        this.kernel = v.parsed("--kernel", KernelKind::parse);
        this.precision = v.parsed("--precision", Precision::parse);
        this.threads = v.integer("--threads");
        this.seeding = v.parsed("--seeding", Seeding::parse);
        this.chunkRows = v.integer("--chunk-rows");
        this.noWarmup = v.flag("--no-warmup");
    }

    @Override
    public Integer call() throws Exception {
        long callNanos = System.nanoTime();
        validateOptions();

        Dataset ds;
        int features = noWarmup ? -1 : CsvReader.featureCount(job.input());
        try (Warmup w = features > 0 ? Warmup.start(kernel, precision, layout, features, job.mode().ks(job.kMax())) : null) {
            ds = CsvReader.read(job.input(), layout);
            JobChecks.distinctPoints(job.input(), ds.x(), job.kMax());
        }
        int k = job.ariK();
        long readNanos = System.nanoTime();

        JobSummary summary = new JobSummary(job.input().toString(), job.output().toString(), ds.n(), ds.d(), job.kMax(), job.mode())
                .put("layout", layout.label()).put("kernel", kernel.label()).put("precision", precision.label())
                .put("seeding", seeding.label()).put("threads", threads)
                .put("threads_used", threads == 0 ? Runtime.getRuntime().availableProcessors() : threads)
                .put("seed", job.seed());
        List<String> names = new ArrayList<>();
        List<LabelColumn> columns = new ArrayList<>(); // kept compact: a sweep holds k_max columns
        int[] labelsAtK = null;
        int[] labels = new int[ds.n()]; // reused by every fit: each is kept as a compact column
        try (Workers workers = Workers.of(threads)) {
            Kernel kern = Kernels.create(kernel, ds.x(), precision);
            KMeans km = new KMeans(kern, workers, new FitOptions(FitOptions.DEFAULT.tol(),
                    FitOptions.DEFAULT.maxIter(), chunkRows));
            summary.put("chunk_rows", km.chunks().size());
            SweepSeeds seeds = new SweepSeeds(km, job.mode().ks(job.kMax()), job.seed(), seeding);
            for (int kk : job.mode().ks(job.kMax())) {
                long t0 = System.nanoTime();
                double[] init = seeds.centres(kk);
                long t1 = System.nanoTime();
                FitResult r = km.lloyd(init, kk, labels);
                long t2 = System.nanoTime();
                names.add("cluster_k" + kk);
                columns.add(LabelColumn.of(r.labels()));
                if (kk == k) {
                    labelsAtK = r.labels().clone();
                }
                summary.addFit(kk, r.iterations(), r.converged(), r.inertia(), seconds(t1 - t0), seconds(t2 - t1));
            }
        }
        long fitNanos = System.nanoTime();

        CsvWriter.appendColumns(job.input(), ds.n(), job.output(), names, columns);
        long writeNanos = System.nanoTime();

        Double ari = ds.hasLabels() && labelsAtK != null ? Ari.of(ds.labels(), labelsAtK) : null;
        summary.finish(ds.hasLabels() ? k : null, ari, callNanos, readNanos, fitNanos, writeNanos)
                .print(out, job.json(), null);
        return 0;
    }

    /** Everything that can be checked before reading a large input. */
    private void validateOptions() {
        JobChecks.arguments(job.kMax(), job.kTrue(), job.mode(), threads);
        if (!Kernels.supports(kernel, precision)) {
            throw new IllegalArgumentException("--precision float exists for --kernel simd and gemm, not scalar");
        }
        if (chunkRows < 0) {
            throw new IllegalArgumentException("--chunk-rows must be >= 0 (0 = automatic), got " + chunkRows);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
