package kmlab.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kmlab.job.JobSummary;
import kmlab.runner.FitCommand;
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
 * layout's and kernel's effect. The job is fit's own for fit's own arguments ({@link FitCommand#of}:
 * every axis with a fit flag, as a cold run gets them), so no setting is listed here twice; the last
 * job's summary (phases, fits, ARI) goes to {@code summary} for the results row.
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
    /** fit's options for the run, space-separated flags and labels (the paths are the parameters above). */
    @Param("--k-max 8")
    public String fit;

    private FitCommand job;
    private JobSummary last;

    @Setup(Level.Trial)
    public void setUp() {
        List<String> args = new ArrayList<>(List.of(input));
        args.addAll(Arrays.asList(fit.strip().split(" +")));
        args.addAll(List.of("--json", "--output", output));
        job = FitCommand.of(args.toArray(String[]::new));
    }

    @Benchmark
    public JobSummary job() throws Exception {
        last = job.summary(System.nanoTime());
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
