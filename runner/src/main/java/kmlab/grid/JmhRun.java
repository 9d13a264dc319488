package kmlab.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import kmlab.analysis.Stats;
import kmlab.bench.KernelBench;
import kmlab.runs.Axes;
import kmlab.runs.Axis;
import kmlab.runs.JvmRegime;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecords;
import kmlab.runs.RunSpec;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One run of the jmh engine: one {@code KernelBench} benchmark for one grid cell, as one JMH fork
 * (a fresh JVM; a grid's repeats are separate runs, interleaved like the cli engine's). Started
 * through JMH's Java API with the run's axes as parameters (each axis's {@link Axis#jmhParam()}
 * that the benchmark declares); JMH's JSON and its log are kept in the
 * results folder. The score of the run is the median of its measurement iterations.
 */
final class JmhRun {
    private static final int LOG_TAIL = 2_000;

    private JmhRun() {
    }

    /** Runs and measures; never throws for a failing benchmark: the status says what happened. */
    static RunOutcome execute(Grid grid, RunSpec run, Path json, Path log) throws IOException {
        Grid.Jmh jmh = grid.jmh();
        List<String> jvm = new ArrayList<>(List.of(KernelBench.VECTOR_MODULE, KernelBench.HEAP));
        jvm.addAll(run.get(Axes.JVM_OPTIONS));
        ChainedOptionsBuilder o = params(new OptionsBuilder(), kmlab.bench.KernelState.class, run)
                .include(only(KernelBench.class, run.benchmark()))
                .forks(1)
                .warmupIterations(jmh.warmupIterations())
                .warmupTime(TimeValue.milliseconds(Math.round(jmh.iterationSeconds() * 1e3)))
                .measurementIterations(jmh.iterations())
                .measurementTime(TimeValue.milliseconds(Math.round(jmh.iterationSeconds() * 1e3)))
                .timeout(TimeValue.seconds(Math.max(1, Math.round(grid.timeoutSeconds()))))
                .jvmArgsAppend(jvm.toArray(String[]::new));
        return measure(o, json, log);
    }

    /** The run's axes as the parameters the benchmark's state declares (each axis's JMH parameter), and the seed. */
    private static ChainedOptionsBuilder params(ChainedOptionsBuilder o, Class<?> state, RunSpec run) {
        List<String> declared = new ArrayList<>();
        for (java.lang.reflect.Field f : state.getDeclaredFields()) {
            if (f.isAnnotationPresent(Param.class)) {
                declared.add(f.getName());
            }
        }
        for (Axis<?> a : Axes.ALL) {
            if (a.jmhParam() != null && declared.contains(a.jmhParam()) && run.get(a) != null) {
                o.param(a.jmhParam(), run.axes().text(a));
            }
        }
        return o.param("seed", Long.toString(run.seed()));
    }

    /**
     * A run of {@code jvm: warm}: fit's whole job on the run's dataset, {@link JvmRegime#WARM_UP_JOBS}
     * times untimed and {@link JvmRegime#WARM_TIMED_JOBS} times timed, single shot, in one JMH fork
     * with the implementation's JVM options. The row's wall time is the median timed job; the child's
     * summary is the last job's (phases, fits, ARI), so the row is read like a cold run's.
     */
    static RunOutcome executeJob(Grid grid, RunSpec run, Path data, Path output, Path summary, Path json, Path log)
            throws IOException {
        List<String> jvm = new ArrayList<>(List.of(KernelBench.VECTOR_MODULE));
        jvm.addAll(run.get(Axes.JVM_OPTIONS));
        List<String> fit = new ArrayList<>(ChildRun.axisArguments(run, null));
        fit.addAll(List.of("--seed", Long.toString(run.seed())));
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(only(kmlab.bench.JobBench.class, "job"))
                .param("input", data.toString())
                .param("output", output.toString())
                .param("summary", summary.toString())
                .param("fit", String.join(" ", fit))
                .forks(1)
                .warmupIterations(JvmRegime.WARM_UP_JOBS)
                .measurementIterations(JvmRegime.WARM_TIMED_JOBS)
                .timeout(TimeValue.seconds(Math.max(1, Math.round(grid.timeoutSeconds()))))
                .jvmArgsAppend(jvm.toArray(String[]::new));
        Files.deleteIfExists(summary);
        RunOutcome m = measure(o, json, log);
        if (!m.ok()) {
            return new RunOutcome(m.status(), null, m.wall(), null, null, null, null, null, null, null, null, null,
                    m.stderrTail());
        }
        try {
            // a whole job: its median is the row's wall time, not a kernel's
            return new RunOutcome(m.status(), null, m.kernelSeconds(), m.kernelIterations(), null, null, null,
                    null, null, RunRecords.child(Files.readString(summary)), null, null, null);
        } catch (IOException | RuntimeException e) {
            return new RunOutcome(RunOutcome.Status.FAILED, null, m.wall(), null, null, null, null, null, null, null,
                    null, null, "the warm job wrote no summary: " + e);
        }
    }

    /** JMH's include pattern for exactly one benchmark method. */
    private static String only(Class<?> bench, String method) {
        return "^" + java.util.regex.Pattern.quote(bench.getName() + "." + method) + "$";
    }

    /** Runs one fork; the status, each measured iteration's seconds and their median, and the log's tail on failure. */
    private static RunOutcome measure(ChainedOptionsBuilder o, Path json, Path log) throws IOException {
        o.shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON)
                .output(log.toString());
        long t0 = System.nanoTime();
        List<Double> seconds = new ArrayList<>();
        String error = null;
        try {
            Collection<RunResult> results = new Runner(o.build()).run();
            for (RunResult rr : results) {
                for (BenchmarkResult br : rr.getBenchmarkResults()) {
                    double scale = perSecond(br.getScoreUnit());
                    for (IterationResult it : br.getIterationResults()) {
                        seconds.add(it.getPrimaryResult().getScore() * scale);
                    }
                }
            }
            if (seconds.isEmpty()) {
                error = "JMH returned no measurement";
            }
        } catch (RunnerException | RuntimeException e) {
            error = String.valueOf(e.getMessage());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (error != null) {
            return new RunOutcome(RunOutcome.Status.FAILED, null, wall, null, null, null, null, null, null, null, null,
                    null, (error + "\n" + ChildRun.tail(log, LOG_TAIL)).strip());
        }
        return new RunOutcome(RunOutcome.Status.OK, null, wall, null, null, null, null, null, null, null,
                Stats.median(seconds.stream().mapToDouble(Double::doubleValue).toArray()), List.copyOf(seconds), null);
    }

    /** Seconds per unit of a JMH average-time score ("ms/op" and the like). */
    static double perSecond(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> throw new IllegalStateException("unexpected JMH unit " + unit);
        };
    }
}
