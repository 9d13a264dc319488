package kmlab.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmlab.analysis.Stats;
import kmlab.bench.KernelBench;
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
 * through JMH's Java API with the cell as parameters; JMH's JSON and its log are kept in the
 * results folder. The score of the run is the median of its measurement iterations.
 */
final class JmhRun {
    private static final int LOG_TAIL = 2_000;

    private JmhRun() {
    }

    /** Runs and measures; never throws for a failing benchmark: the status says what happened. */
    static Map<String, Object> execute(Grid grid, Plan.Run run, Path json, Path log) throws IOException {
        Grid.Jmh jmh = grid.jmh();
        Grid.Implementation impl = run.impl();
        List<String> jvm = new ArrayList<>(List.of(KernelBench.VECTOR_MODULE, KernelBench.HEAP));
        jvm.addAll(impl.jvmOptions());
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(only(KernelBench.class, run.benchmark()))
                .param("layout", impl.layout().label())
                .param("kernel", impl.kernel().label())
                .param("precision", impl.precision().label())
                .param("threads", impl.threads().label())
                .param("n", Integer.toString(run.dataset().n()))
                .param("d", Integer.toString(run.dataset().d()))
                .param("k", Integer.toString(run.kMax()))
                .param("clusters", Integer.toString(run.dataset().clusters()))
                .param("seed", Long.toString(run.dataset().seed()))
                .forks(1)
                .warmupIterations(jmh.warmupIterations())
                .warmupTime(TimeValue.milliseconds(Math.round(jmh.iterationSeconds() * 1e3)))
                .measurementIterations(jmh.iterations())
                .measurementTime(TimeValue.milliseconds(Math.round(jmh.iterationSeconds() * 1e3)))
                .timeout(TimeValue.seconds(Math.max(1, Math.round(grid.timeoutSeconds()))))
                .jvmArgsAppend(jvm.toArray(String[]::new));
        return measure(o, json, log);
    }

    /**
     * A run of {@code jvm: warm}: fit's whole job on the run's dataset, {@link Grid.Jvm#WARM_UP_JOBS}
     * times untimed and {@link Grid.Jvm#WARM_TIMED_JOBS} times timed, single shot, in one JMH fork
     * with the implementation's JVM options. The row's wall time is the median timed job; the child's
     * summary is the last job's (phases, fits, ARI), so the row is read like a cold run's.
     */
    static Map<String, Object> executeJob(Grid grid, Plan.Run run, Path data, Path output, Path summary, Path json,
                                          Path log) throws IOException {
        Grid.Implementation impl = run.impl();
        List<String> jvm = new ArrayList<>(List.of(KernelBench.VECTOR_MODULE));
        jvm.addAll(impl.jvmOptions());
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(only(kmlab.bench.JobBench.class, "job"))
                .param("input", data.toString())
                .param("output", output.toString())
                .param("summary", summary.toString())
                .param("kMax", Integer.toString(run.kMax()))
                .param("mode", run.mode().label())
                .param("layout", impl.layout().label())
                .param("kernel", impl.kernel().label())
                .param("precision", impl.precision().label())
                .param("threads", impl.threads().label())
                .param("seeding", impl.seeding().label())
                .param("seed", Long.toString(grid.seed()))
                .forks(1)
                .warmupIterations(Grid.Jvm.WARM_UP_JOBS)
                .measurementIterations(Grid.Jvm.WARM_TIMED_JOBS)
                .timeout(TimeValue.seconds(Math.max(1, Math.round(grid.timeoutSeconds()))))
                .jvmArgsAppend(jvm.toArray(String[]::new));
        Files.deleteIfExists(summary);
        Map<String, Object> m = measure(o, json, log);
        // a whole job: its time is the row's wall time, not a kernel's
        Object median = m.remove("kernel_s");
        Object iterations = m.remove("kernel_s_iterations");
        if ("ok".equals(m.get("status"))) {
            m.put("wall_s", median);
            m.put("wall_s_iterations", iterations);
            try {
                m.put("child", com.google.gson.JsonParser.parseString(Files.readString(summary)).getAsJsonObject());
            } catch (IOException | RuntimeException e) {
                m.put("status", "failed");
                m.put("stderr_tail", "the warm job wrote no summary: " + e);
            }
        }
        return m;
    }

    /** JMH's include pattern for exactly one benchmark method. */
    private static String only(Class<?> bench, String method) {
        return "^" + java.util.regex.Pattern.quote(bench.getName() + "." + method) + "$";
    }

    /** Runs one fork; the status, each measured iteration's seconds and their median, and the log's tail on failure. */
    private static Map<String, Object> measure(ChainedOptionsBuilder o, Path json, Path log) throws IOException {
        o.shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON)
                .output(log.toString());
        Map<String, Object> m = new LinkedHashMap<>();
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
        m.put("status", error == null ? "ok" : "failed");
        m.put("exit_code", null);
        m.put("wall_s", (System.nanoTime() - t0) / 1e9);
        m.put("rss_peak_sampled_bytes", null);
        m.put("cpu_sampled_s", null);
        m.put("child", null);
        m.put("kernel_s", error == null ? Stats.median(seconds.stream().mapToDouble(Double::doubleValue).toArray()) : null);
        m.put("kernel_s_iterations", error == null ? seconds : null);
        m.put("stderr_tail", error == null ? null : (error + "\n" + ChildRun.tail(log, LOG_TAIL)).strip());
        return m;
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
