package kmlab.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import kmlab.data.Layout;
import kmlab.fit.Algorithms;
import kmlab.fit.Seeding;
import kmlab.fit.Workload;
import kmlab.job.FitJob;
import kmlab.job.JobOptions;
import kmlab.job.JobSummary;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The warm regime: fit's whole end-to-end job (read the CSV, seed and fit every k, write) in a JVM
 * that has already run it, each job timed once (single shot), so that a grid can set it beside a cold
 * fresh JVM and an AOT-trained one on the same cells and separate the JVM's fixed costs from the
 * layout's and kernel's effect. The same {@link FitJob} as {@code fit}, with fit's option labels as
 * parameters; the last job's summary (phases, fits, ARI) goes to {@code summary} for the results row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JobBench {
    @Param("")
    public String input;
    @Param("")
    public String output;
    /** Where the last job's JSON summary is written at the end of the fork (empty: nowhere). */
    @Param("")
    public String summary;
    @Param("8")
    public int k;
    @Param("sweep")
    public String mode;
    @Param("rows")
    public String layout;
    @Param("auto")
    public String kernel;
    @Param("double")
    public String precision;
    @Param("auto")
    public String threads;
    @Param("shared")
    public String seeding;
    @Param("lloyd")
    public String algorithm;
    @Param("1")
    public long seed;

    private JobOptions job;
    private FitJob.Settings settings;
    private JobSummary last;

    @Setup(Level.Trial)
    public void setUp() {
        job = new JobOptions(Path.of(input), k, Path.of(output), Workload.parse(mode), null, seed, true);
        settings = new FitJob.Settings(Layout.parse(layout), KernelChoice.parse(kernel), Precision.parse(precision),
                ThreadsChoice.parse(threads), Seeding.parse(seeding), Algorithms.parse(algorithm), 0, true);
    }

    @Benchmark
    public JobSummary job() throws Exception {
        last = FitJob.run(job, settings, System.nanoTime());
        return last;
    }

    @TearDown(Level.Trial)
    public void writeSummary() throws IOException {
        if (!summary.isEmpty() && last != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(summary)))) {
                last.print(w, true, null);
            }
        }
    }
}
