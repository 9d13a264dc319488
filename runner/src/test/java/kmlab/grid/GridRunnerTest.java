package kmlab.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cli engine end to end, with real child JVMs: faults are recorded, killed runs resume exactly. */
class GridRunnerTest {
    @TempDir
    Path dir;

    private Path grid(String name, String extra, String impls) throws IOException {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, "name: " + name + "\n" + extra + """
                data: {n: 300, d: 2}
                fits: {mode: sweep, k_max: 3}
                implementations:
                """ + impls);
        return p;
    }

    private static List<JsonObject> rows(Path out) throws IOException {
        return RunnerProcess.rows(out);
    }

    private int runGrid(Path gridFile, Path out, boolean resume) throws Exception {
        Plan plan = Plan.of(GridLoader.load(gridFile));
        return new GridRunner(plan, out, resume, new PrintWriter(new StringWriter())).run(Map.of("machine", "test"));
    }

    @Test
    void crashOutOfMemoryAndTimeoutAreRecordedAndTheGridGoesOn() throws Exception {
        // big enough that the interpreted run outlives its 5 s and a 4 MB heap cannot hold it
        Path g = dir.resolve("faults.yaml");
        Files.writeString(g, """
                name: faults
                timeout_s: 5
                data: {n: 60000, d: 16}
                fits: {mode: sweep, k_max: 8}
                implementations:
                  - {name: ok, layout: rows, kernel: gemm}
                  - {name: crash, layout: rows, kernel: gemm, jvm_options: [-XX:+NoSuchOptionAtAll]}
                  - {name: oom, layout: boxed, kernel: scalar, jvm_options: [-Xmx4m]}
                  - {name: slow, layout: rows, kernel: gemm, jvm_options: [-Xint]}
                """);
        Path out = dir.resolve("out");
        int failed = runGrid(g, out, false);
        Map<String, JsonObject> byImpl = new HashMap<>();
        for (JsonObject r : rows(out)) {
            byImpl.put(r.get("implementation").getAsString(), r);
        }
        assertEquals("ok", byImpl.get("ok").get("status").getAsString(), byImpl.get("ok").toString());
        assertEquals(3, failed, byImpl.toString());
        assertTrue(byImpl.get("ok").get("rss_peak_sampled_bytes").getAsLong() > 1_000_000);
        if (ChildRun.nativeSpawnAvailable()) {
            // the kernel's peak, where kept (above this JVM's own), is never below what a poll saw
            JsonObject ok = byImpl.get("ok");
            assertTrue(ok.get("rss_peak_rusage_bytes").isJsonNull() || ok.get("rss_peak_rusage_bytes").getAsLong()
                    >= ok.get("rss_peak_sampled_bytes").getAsLong(), ok.toString());
            assertTrue(ok.get("cpu_rusage_s").getAsDouble() > 0, ok.toString());
            // through rusage-exec the peak is always the child's own, so always kept
            assertTrue(!RusageExec.available() || !ok.get("rss_peak_rusage_bytes").isJsonNull(), ok.toString());
        }
        assertEquals("failed", byImpl.get("crash").get("status").getAsString());
        assertTrue(byImpl.get("crash").get("stderr_tail").getAsString().contains("NoSuchOptionAtAll"));
        assertEquals("oom", byImpl.get("oom").get("status").getAsString());
        assertEquals("timeout", byImpl.get("slow").get("status").getAsString());
        assertTrue(byImpl.get("slow").get("wall_s").getAsDouble() < 10);
        assertEquals(5, Files.readAllLines(out.resolve("runs.csv")).size(), "header and four rows");
        assertTrue(Files.exists(out.resolve("env.json")) && Files.exists(out.resolve("grid.yaml"))
                && Files.exists(out.resolve("commit.txt")));
        assertTrue(!Files.exists(out.resolve("tmp")), "scratch removed");
    }

    @Test
    void jmhEngineTimesEachCellAndRepeatAsOneForkAndRecordsAFailingFork() throws Exception {
        Path g = dir.resolve("jmh.yaml");
        Files.writeString(g, """
                name: jmh
                engine: jmh
                repeats: 2
                jmh: {benchmarks: [assign, seed], warmup_iterations: 0, iterations: 3, iteration_s: 0.05}
                data: {n: 1001, d: 3}
                fits: {k_max: 5}
                implementations:
                  - {name: gemm, layout: rows, kernel: gemm}
                  - {name: starved, layout: rows, kernel: scalar, jvm_options: [-XX:+NoSuchOptionAtAll]}
                """);
        Path out = dir.resolve("out");
        assertEquals(4, runGrid(g, out, false));
        List<JsonObject> rows = rows(out);
        assertEquals(8, rows.size());
        assertEquals(rows.stream().map(r -> r.get("key").getAsString()).toList(),
                Files.readAllLines(out.resolve("plan.txt")));
        for (JsonObject r : rows) {
            String key = r.get("key").getAsString();
            assertEquals("jmh", r.get("engine").getAsString());
            if (r.get("implementation").getAsString().equals("gemm")) {
                assertEquals("ok", r.get("status").getAsString(), r.toString());
                double s = r.get("kernel_s").getAsDouble();
                assertTrue(s > 0 && s < 1, key + ": " + s);
                assertEquals(3, r.getAsJsonArray("kernel_s_iterations").size());
                Path json = out.resolve("jmh/" + key.replace('/', '_') + ".json");
                String params = JsonParser.parseString(Files.readString(json)).getAsJsonArray().get(0)
                        .getAsJsonObject().getAsJsonObject("params").toString();
                assertTrue(params.contains("\"n\":\"1001\"") && params.contains("\"k\":\"5\""), params);
            } else {
                assertEquals("failed", r.get("status").getAsString(), r.toString());
                assertTrue(r.get("stderr_tail").getAsString().contains("NoSuchOptionAtAll"), r.toString());
            }
        }
        assertEquals(Set.of("assign_k5", "seed_k5"), new TreeSet<>(rows.stream()
                .map(r -> r.get("key").getAsString().split("/")[1]).toList()));
    }

    @Test
    void anOutOfMemoryErrorIsRecognisedBehindALongStackTrace() throws Exception {
        // the error's line comes first; 100 frames push it out of the 2,000 bytes of stderr kept
        List<String> cmd = List.of("sh", "-c", "echo 'Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space' >&2;"
                + " i=0; while [ $i -lt 100 ]; do echo '	at some.deep.Frame.method(Frame.java:123)' >&2; i=$((i+1)); done;"
                + " exit 1");
        RunOutcome m = ChildRun.execute(cmd, 30, 10, Files.createDirectories(dir.resolve("scratch")));
        assertEquals(RunOutcome.Status.OOM, m.status());
        String tail = m.stderrTail();
        assertFalse(tail.contains("OutOfMemoryError"), "the kept tail no longer holds the error's line");
        assertTrue(tail.endsWith("at some.deep.Frame.method(Frame.java:123)"), tail);
    }

    @Test
    void sharedAndFreshSeedingReachTheChildAndGiveTheSameFits() throws Exception {
        Path g = grid("seeding", "", """
                  - {name: shared, layout: rows, kernel: gemm}
                  - {name: fresh, layout: rows, kernel: gemm, seeding: fresh}
                """);
        Path out = dir.resolve("out");
        assertEquals(0, runGrid(g, out, false));
        Map<String, JsonObject> byImpl = new java.util.HashMap<>();
        rows(out).forEach(r -> byImpl.put(r.get("implementation").getAsString(), r));
        assertEquals("shared", byImpl.get("shared").get("seeding").getAsString());
        assertEquals("fresh", byImpl.get("fresh").get("seeding").getAsString());
        assertEquals(byImpl.get("shared").get("fits").getAsJsonArray().asList().stream().map(f -> f.getAsJsonObject().get("inertia")).toList(),
                byImpl.get("fresh").get("fits").getAsJsonArray().asList().stream().map(f -> f.getAsJsonObject().get("inertia")).toList());
        assertTrue(Files.readAllLines(out.resolve("runs.csv")).get(0).contains(",precision,seeding,"));
    }

    @Test
    void resumeDropsATornLastLineAndRunsOnlyWhatIsMissing() throws Exception {
        Path g = grid("resume", "repeats: 2\n", """
                  - {name: a, layout: rows, kernel: gemm}
                  - {name: b, layout: boxed, kernel: scalar}
                """);
        Path out = dir.resolve("out");
        assertEquals(0, runGrid(g, out, false));
        List<String> lines = Files.readAllLines(out.resolve("runs.jsonl"));
        assertEquals(4, lines.size());
        List<String> csvBefore = Files.readAllLines(out.resolve("runs.csv"));
        // keep two rows and half of the third, as a kill during a write would leave them
        Files.writeString(out.resolve("runs.jsonl"), lines.get(0) + "\n" + lines.get(1) + "\n"
                + lines.get(2).substring(0, lines.get(2).length() / 2));
        assertThrows(IllegalArgumentException.class, () -> runGrid(g, out, false), "no silent overwrite");
        assertEquals(0, runGrid(g, out, true));
        List<JsonObject> rows = rows(out);
        assertEquals(4, rows.size());
        Set<String> keys = new TreeSet<>();
        rows.forEach(r -> keys.add(r.get("key").getAsString()));
        assertEquals(4, keys.size(), "no duplicate");
        List<String> csvAfter = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(5, csvAfter.size(), "CSV rebuilt from the record");
        assertEquals(csvBefore.subList(0, 3), csvAfter.subList(0, 3), "kept rows rebuilt exactly as written");
    }

    @Test
    void aRunnerKilledAtRandomMomentsLosesAndDuplicatesNothing() throws Exception {
        Path g = grid("killed", "repeats: 3\n", """
                  - {name: a, layout: rows, kernel: gemm}
                  - {name: b, layout: columns, kernel: simd}
                """);
        Path out = dir.resolve("out");
        Random rnd = new Random(7);
        List<String> cmd = RunnerProcess.command(List.of(), List.of(), "run", g.toString(), "--out", out.toString());
        for (int kill = 0; kill < 3; kill++) {
            List<String> c = new ArrayList<>(cmd);
            if (Files.exists(out.resolve("runs.jsonl"))) {
                c.add("--resume");
            }
            Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                    .start();
            Thread.sleep(800 + rnd.nextInt(1500));
            List<ProcessHandle> children = p.descendants().toList(); // before the kill: orphans are not descendants
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            p.waitFor();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        int failed = runGrid(g, out, true);
        List<JsonObject> rows = rows(out);
        assertEquals(0, failed, rows.toString());
        Set<String> keys = new TreeSet<>();
        rows.forEach(r -> keys.add(r.get("key").getAsString()));
        assertEquals(6, rows.size(), "every run once: " + keys);
        assertEquals(6, keys.size());
        assertTrue(rows.stream().allMatch(r -> r.get("status").getAsString().equals("ok")));
    }

    @Test
    void shardsRunApartAndMergeIntoTheWholeGrid() throws Exception {
        Path g = grid("shards", "repeats: 2\n", """
                  - {name: a, layout: rows, kernel: gemm}
                  - {name: b, layout: boxed, kernel: scalar}
                """);
        Plan plan = Plan.of(GridLoader.load(g));
        for (int i = 1; i <= 2; i++) {
            new GridRunner(plan.shard(i, 2), dir.resolve("s" + i), false, new PrintWriter(new StringWriter()))
                    .run(Map.of("machine_id", "m-" + i));
        }
        assertEquals(4, Merge.merge(dir.resolve("merged"), List.of(dir.resolve("s1"), dir.resolve("s2"))));
        Set<String> keys = new TreeSet<>();
        rows(dir.resolve("merged")).forEach(r -> keys.add(r.get("key").getAsString()));
        assertEquals(plan.runs().stream().map(RunSpec::key).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                keys);
        assertEquals(5, Files.readAllLines(dir.resolve("merged/runs.csv")).size());
        assertEquals(keys, new TreeSet<>(Files.readAllLines(dir.resolve("merged/plan.txt"))));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Merge.merge(dir.resolve("m2"), List.of(dir.resolve("s1"), dir.resolve("s1"))));
        assertTrue(twice.getMessage().contains("is in both"), twice.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve("merged/env-m-1.json")) && Files.isRegularFile(dir.resolve("merged/env-m-2.json")));
        // env.json is read as JSON, and a machine id that is no file name names nothing outside the folder
        Files.writeString(dir.resolve("s2/env.json"), "{\"machine_id\": \"../../evil\", \"note\": \"\\\"machine_id\\\": \\\"x\\\"\"}");
        Merge.merge(dir.resolve("m4"), List.of(dir.resolve("s1"), dir.resolve("s2")));
        try (var files = Files.list(dir.resolve("m4"))) {
            assertEquals(Set.of("env-m-1.json", "env-unknown.json"), files.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith("env-")).collect(java.util.stream.Collectors.toSet()));
        }
        assertFalse(Files.exists(dir.resolve("evil.json")) || Files.exists(dir.getParent().resolve("env-../../evil.json")));
        Files.writeString(dir.resolve("s2/grid.yaml"), Files.readString(dir.resolve("s2/grid.yaml")) + "# edited\n");
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> Merge.merge(dir.resolve("m3"), List.of(dir.resolve("s1"), dir.resolve("s2"))));
        assertTrue(mixed.getMessage().contains("refusing to mix grid files"), mixed.getMessage());
    }

    @Test
    void pathsStayInsideTheResultsFolder() throws Exception {
        Plan plan = Plan.of(GridLoader.load(grid("paths", "", "  - {name: a, layout: rows, kernel: gemm}\n")));
        GridRunner r = new GridRunner(plan, dir.resolve("out"), false, new PrintWriter(new StringWriter()));
        assertThrows(IllegalArgumentException.class, () -> r.inside("../escape.csv"));
        assertThrows(IllegalArgumentException.class, () -> r.inside("/etc/passwd"));
        assertEquals(dir.resolve("out/data/x.csv").toAbsolutePath(), r.inside("data/x.csv"));
    }

    @Test
    void theShorthandAndDryRun() throws Exception {
        Path g = grid("dry", "", "  - {name: a, layout: rows, kernel: gemm}\n");
        StringWriter out = new StringWriter();
        int code = kmlab.runner.Main.run(new String[] {g.toString(), "--dry-run"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(0, code);
        assertTrue(out.toString().contains("1 runs, 1 implementations, engine cli"), out.toString());
        assertTrue(!Files.exists(dir.resolve("results")));
        Files.writeString(dir.resolve("bad.yaml"), "name: x\nfitz: 1\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE);
        StringWriter err = new StringWriter();
        assertEquals(2, kmlab.runner.Main.run(new String[] {dir.resolve("bad.yaml").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("bad.yaml:2:1: unknown key 'fitz'"), err.toString());
        for (String[] bad : new String[][] {
            {"--shard", "x", "--shard must be I/N, e.g. 1/2, not 'x'"},
            {"--shard", "3/2", "--shard must be I/N with 1 <= I <= N, not 3/2"},
            {"--resume", null, "--resume needs --out"}}) {
            StringWriter e = new StringWriter();
            List<String> args = new ArrayList<>(List.of("run", g.toString(), "--no-peak", bad[0]));
            if (bad[1] != null) {
                args.add(bad[1]);
            }
            assertEquals(2, kmlab.runner.Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(e, true)));
            assertTrue(e.toString().contains(bad[2]), e.toString());
            assertEquals(1, e.toString().strip().lines().count(), e.toString());
        }
    }
}
