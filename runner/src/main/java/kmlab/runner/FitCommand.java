package kmlab.runner;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import kmlab.cli.Options;
import kmlab.cli.Values;
import kmlab.data.Layout;
import kmlab.fit.AlgorithmChoice;
import kmlab.fit.Algorithms;
import kmlab.fit.Seeding;
import kmlab.job.FitJob;
import kmlab.job.Job;
import kmlab.job.JobChecks;
import kmlab.job.JobOptions;
import kmlab.job.JobSummary;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;

/** The writeup's end-to-end job, {@code kmlab fit}: {@link Job} with kmlab's kernels ({@link FitJob}); its options are {@link #OPTIONS}. */
public final class FitCommand implements Callable<Integer> {
    static final Options OPTIONS = new Options("fit",
            "The writeup's end-to-end job: read INPUT, seed with k-means++ and run Lloyd for every k in"
                    + " 1..k_max (or only k_max), write INPUT's columns plus one cluster_kK column per fit."
                    + " The CSV needs a header; columns named id and label are recognised, all others are"
                    + " numeric features.")
            .include(JobOptions.TABLE)
            .option("--layout", "layout", "rows", "boxed, boxed-scattered, rows or columns (default: ${DEFAULT-VALUE}).")
            .option("--kernel", "kernel", "auto", "Distance kernel (default: ${DEFAULT-VALUE}): " + KernelChoice.help()
                    + " Every kernel gives the scalar reference's labels, centres and inertia bitwise.")
            .option("--precision", "precision", "double", "double or float (default: ${DEFAULT-VALUE}); float ("
                    + KernelKind.supportingInWords(Precision.FLOAT) + ") runs the nearest-centre search in float,"
                    + " twice the lanes; k-means++ and the update stay double.")
            .option("--threads", "threads", "auto", "Threads; 0 = all cores; auto = one thread for small fits,"
                    + " all cores for large ones, from n, d and k only (default: ${DEFAULT-VALUE}). Results are"
                    + " identical for any count.")
            .option("--seeding", "seeding", "shared", "shared or fresh (default: ${DEFAULT-VALUE}); the centres are"
                    + " the same. Greedy k-means++ from one seed picks the same first k centres for every k with"
                    + " the same number of local trials (2 + floor(ln k)), so shared seeds once to the largest"
                    + " such k of the job and takes prefixes (k <= 32: 4 seedings, not 32); its seed_s is then"
                    + " counted at the first k of each trial count. fresh seeds every k on its own, as the"
                    + " writeup's programs do.")
            .option("--algorithm", "algorithm", "auto", "The k-means algorithm, one of "
                    + String.join(", ", Algorithms.labels()) + ", or auto, for each fit from n and d only (default:"
                    + " ${DEFAULT-VALUE}; kmlab env prints the rule); every one gives Lloyd's labels, centres,"
                    + " inertia and iterations bitwise, so the choice changes time only.")
            .option("--chunk-rows", "chunkRows", "0", "Rows per work chunk; 0 = about n/64, a power of two in"
                    + " 256..4096 (default: ${DEFAULT-VALUE}).")
            .flag("--no-warmup", "Do not compile the kernel's hot paths on a small synthetic dataset in the"
                    + " background while the input is read (on by default: it takes the JIT warm-up of the"
                    + " vector kernels off the critical path; the results do not depend on it).");

    /** fit's default for an option (what a grid's implementation that leaves the axis out runs). */
    public static String defaultValue(String flag) {
        return OPTIONS.options().stream().filter(o -> o.name().equals(flag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("fit has no option " + flag)).defaultValue();
    }

    private final PrintWriter out;
    private final JobOptions job;
    private final FitJob fitter;

    FitCommand(Values v, PrintWriter out) {
        this.out = out;
        this.job = JobOptions.of(v);
        ThreadsChoice threads = v.parsed("--threads", ThreadsChoice::parse);
        JobChecks.arguments(job, threads.isAuto() ? 0 : threads.count());
        this.fitter = new FitJob(new FitJob.Settings(v.parsed("--layout", Layout::parse),
                v.parsed("--kernel", KernelChoice::parse), v.parsed("--precision", Precision::parse), threads,
                v.parsed("--seeding", Seeding::parse), v.parsed("--algorithm", AlgorithmChoice::parse), v.integer("--chunk-rows"),
                !v.flag("--no-warmup")));
    }

    /**
     * fit's job for its arguments (those after {@code fit}), read as fit reads them: what the warm
     * regime times, so that it runs whatever fit would run for the same arguments.
     */
    public static FitCommand of(String... args) {
        Values v = OPTIONS.parsePlain(args);
        if (v == null) {
            throw new IllegalArgumentException("not a command line of fit: " + String.join(" ", args));
        }
        return new FitCommand(v, null);
    }

    /** The job run once as fit runs it, without printing: its summary. */
    public JobSummary summary(long callNanos) throws Exception {
        return Job.run(job, fitter, callNanos);
    }

    @Override
    public Integer call() throws Exception {
        return Job.run(job, fitter, out, null);
    }
}
