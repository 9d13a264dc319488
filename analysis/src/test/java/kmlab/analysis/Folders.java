package kmlab.analysis;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmlab.runs.Axes;
import kmlab.runs.Axis;
import kmlab.runs.AxisValues;
import kmlab.runs.Engine;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunRecords;
import kmlab.runs.RunSpec;

/**
 * Results folders with known answers for the comparison, written as the runner writes them: each
 * run a {@link RunRecord} through the one codec ({@link RunRecords#json}) into runs.jsonl, beside an
 * env.json of the runner's shape and plan.txt and commit.txt.
 */
final class Folders {
    /** One implementation: its name and its implementation axes (layout, kernel, threads). */
    record Impl(String name, String layout, String kernel) {
    }

    /** A measurement chosen by the test for one run. */
    interface Measure {
        double of(Impl impl, int n, int repeat);
    }

    final List<RunRecord> runs = new ArrayList<>();
    final String machine;
    String commit = "abc123";

    Folders(String machine) {
        this.machine = machine;
    }

    /** Every n x repeat x implementation, sweep at d = 8, k_max = 4 (engine cli), ok, with the test's wall and RSS. */
    Folders cli(List<Integer> ns, List<Impl> impls, int repeats, Measure wall, Measure rss) {
        for (int n : ns) {
            for (int r = 1; r <= repeats; r++) {
                for (Impl i : impls) {
                    runs.add(record(i, n, r, Engine.CLI, null, ok(wall.of(i, n, r), (long) rss.of(i, n, r), null)));
                }
            }
        }
        return this;
    }

    /** The same as JMH forks of {@code assign}: wall time and score (seconds per operation), no RSS. */
    Folders jmh(List<Integer> ns, List<Impl> impls, int repeats, Measure wall, Measure score) {
        for (int n : ns) {
            for (int r = 1; r <= repeats; r++) {
                for (Impl i : impls) {
                    runs.add(record(i, n, r, Engine.JMH, "assign", ok(wall.of(i, n, r), null, score.of(i, n, r))));
                }
            }
        }
        return this;
    }

    /** Replaces every run of {@code impl} at {@code n} by a failed one. */
    Folders fail(String impl, int n) {
        runs.replaceAll(r -> r.spec().implementation().equals(impl) && r.spec().get(Axes.N) == n
                ? new RunRecord(r.spec(), r.machineId(), new RunOutcome(RunOutcome.Status.FAILED, 1, 0.3, null, null,
                        null, null, null, null, null, null, null, "Exception in thread \"main\""))
                : r);
        return this;
    }

    private RunRecord record(Impl i, int n, int repeat, Engine engine, String benchmark, RunOutcome outcome) {
        AxisValues axes = AxisValues.NONE;
        Map<Axis<?>, String> values = new LinkedHashMap<>();
        values.put(Axes.N, Integer.toString(n));
        values.put(Axes.D, "8");
        values.put(Axes.K_MAX, "4");
        values.put(Axes.CLUSTERS, "4");
        values.put(Axes.MODE, engine == Engine.JMH ? "single" : "sweep");
        values.put(Axes.LAYOUT, i.layout());
        values.put(Axes.KERNEL, i.kernel());
        values.put(Axes.PRECISION, "double");
        values.put(Axes.THREADS, "1");
        for (Map.Entry<Axis<?>, String> e : values.entrySet()) {
            axes = axes.withParsed(e.getKey(), e.getKey().parse(List.of(e.getValue())));
        }
        String key = RunSpec.keyOf(axes, 1, benchmark, repeat, i.name());
        RunSpec spec = new RunSpec(runs.size(), -1, key, "synthetic", engine, i.name(), axes, repeat, 1, benchmark);
        return new RunRecord(spec, machine, outcome);
    }

    private static RunOutcome ok(double wall, Long rss, Double score) {
        RunOutcome.Child child = score != null ? null : new RunOutcome.Child(rss, wall, new RunOutcome.Phases(0.05, 0.1,
                0.01, wall / 2, 0.01), List.of(new RunOutcome.FitRecord(4, 3, true, 100.0, 0.001, 0.01, "gemm", 1,
                "lloyd", 1000L, 100L)), 1.0, false);
        return new RunOutcome(RunOutcome.Status.OK, score != null ? null : 0, wall, null, rss, wall, null, null, null,
                child, score, score == null ? null : List.of(score, score), null);
    }

    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder();
        runs.forEach(r -> sb.append(RunRecords.json(r)).append('\n'));
        Files.writeString(dir.resolve("runs.jsonl"), sb);
        Files.write(dir.resolve("plan.txt"), runs.stream().map(r -> r.spec().key()).toList());
        Files.writeString(dir.resolve("commit.txt"), commit + "\n");
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cpu_model", "Test CPU");
        env.put("logical_cores", 2);
        env.put("available_processors", 2);
        env.put("memory_bytes", 1e10);
        env.put("os", "Test OS");
        env.put("java_version", "25.0.3+9-LTS");
        env.put("vector_double_species", "Species[double, 8, S_512_BIT]");
        env.put("machine_id", machine);
        Files.writeString(dir.resolve("env.json"), new GsonBuilder().setPrettyPrinting().create().toJson(env));
        return dir;
    }
}
