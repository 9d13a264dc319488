package kmlab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kmlab.runs.Axes;
import kmlab.runs.AxisValues;
import kmlab.runs.Engine;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunRecords;
import kmlab.runs.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmlab compare through Main: its exit codes, its one-line errors, and the --commits plan. */
class CompareCommandTest {
    @TempDir
    Path dir;

    /**
     * A results folder of two implementations x 5 repeats at n = 1000 (engine cli), written by the
     * runs codec; {@code gemmFactor} scales rows-gemm's wall time.
     */
    private Path folder(String name, String machine, double gemmFactor) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        StringBuilder jsonl = new StringBuilder();
        int index = 0;
        for (int r = 1; r <= 5; r++) {
            for (String[] impl : List.of(new String[] {"rows-gemm", "rows", "gemm"},
                    new String[] {"boxed-scalar", "boxed", "scalar"})) {
                AxisValues axes = AxisValues.NONE;
                String[][] values = {{"n", "1000"}, {"d", "8"}, {"k_max", "4"}, {"clusters", "4"}, {"mode", "single"},
                        {"layout", impl[1]}, {"kernel", impl[2]}, {"threads", "1"}};
                for (String[] v : values) {
                    axes = axes.withParsed(Axes.byKey(v[0]), Axes.byKey(v[0]).parse(List.of(v[1])));
                }
                double wall = (impl[2].equals("gemm") ? 0.5 * gemmFactor : 0.8) * (1 + 0.01 * ((r * 7 + name.length()) % 5));
                RunSpec spec = new RunSpec(index++, -1, RunSpec.keyOf(axes, 1, null, r, impl[0]), "synthetic",
                        Engine.CLI, impl[0], axes, r, 1, null);
                RunOutcome o = new RunOutcome(RunOutcome.Status.OK, 0, wall, null, 70_000_000L, wall, null, null, null,
                        null, null, null, null);
                jsonl.append(RunRecords.json(new RunRecord(spec, machine, o))).append('\n');
            }
        }
        Files.writeString(d.resolve("runs.jsonl"), jsonl);
        Files.writeString(d.resolve("env.json"), "{\"cpu_model\": \"Test CPU\", \"machine_id\": \"" + machine + "\"}");
        Files.writeString(d.resolve("commit.txt"), "abc123\n");
        return d;
    }

    @Test
    void exitCodesThroughMain() throws IOException {
        Path base = folder("base", "m-test", 1);
        Path slow = folder("slow", "m-test", 1.6);
        CliTest.Run same = CliTest.run("compare", base.toString(), base.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("kmlab compare: 0 regressions, 0 improvements, 0 unclear, 2 same of 2 cells"),
                same.out());
        CliTest.Run regressed = CliTest.run("compare", base.toString(), slow.toString());
        assertEquals(1, regressed.code(), regressed.err() + regressed.out());
        assertTrue(regressed.out().contains("regressed: rows-gemm blobs_n1000_d8_c4_s1/single_k4 (wall 1.6"),
                regressed.out());
        assertEquals("", regressed.err());
        CliTest.Run improved = CliTest.run("compare", slow.toString(), base.toString(), "--format", "json");
        assertEquals(0, improved.code(), improved.err());
        assertEquals(1, JsonParser.parseString(improved.out()).getAsJsonObject().get("improvements").getAsInt());
        CliTest.Run loose = CliTest.run("compare", base.toString(), slow.toString(), "--threshold", "70%");
        assertEquals(0, loose.code(), "1.6x is within 70%: " + loose.out());
        CliTest.Run csv = CliTest.run("compare", base.toString(), slow.toString(), "--format", "csv");
        assertEquals(1, csv.code());
        assertTrue(csv.out().startsWith("implementation,cell,metric,"), csv.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path base = folder("base", "m-test", 1);
        Path other = folder("other", "m-other", 1);
        List<String[]> lines = List.of(
                new String[] {"compare", base.toString(), dir.resolve("missing").toString()},
                new String[] {"compare", base.toString(), other.toString()},
                new String[] {"compare", base.toString(), base.toString(), "--threshold", "five"},
                new String[] {"compare", base.toString(), base.toString(), "--threshold", "0%"},
                new String[] {"compare", base.toString(), base.toString(), "--format", "html"},
                new String[] {"compare", base.toString()},
                new String[] {"compare", base.toString(), base.toString(), base.toString()},
                new String[] {"compare", base.toString(), base.toString(), "--out", dir.resolve("x").toString()},
                new String[] {"compare", "--commits", "HEAD", "HEAD"},
                new String[] {"compare", "--commits", "HEAD", "HEAD", dir.resolve("no.yaml").toString()});
        List<String> seen = new ArrayList<>();
        for (String[] line : lines) {
            CliTest.Run r = CliTest.run(line);
            assertEquals(2, r.code(), String.join(" ", line) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), String.join(" ", line) + ": " + r.err());
            assertTrue(r.err().startsWith("kmlab compare: "), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            assertEquals("", r.out());
            seen.add(r.err().strip());
        }
        assertTrue(seen.get(0).endsWith("missing: no runs.jsonl here (not a results folder of kmlab run)"), seen.get(0));
        assertTrue(seen.get(1).contains("runs from two machines are not compared"), seen.get(1));
        CliTest.Run cross = CliTest.run("compare", base.toString(), other.toString(), "--cross-machine");
        assertEquals(0, cross.code(), cross.err());
        assertTrue(cross.out().startsWith("**Warning: BASE"), cross.out());
        assertTrue(cross.err().startsWith("kmlab compare: warning: BASE"), cross.err());
        CliTest.Run crossCsv = CliTest.run("compare", base.toString(), other.toString(), "--cross-machine", "--format", "csv");
        assertTrue(crossCsv.err().startsWith("kmlab compare: warning: BASE"), "the CSV has no place for it: " + crossCsv.err());
    }

    @Test
    void aCommitThatIsNoneIsBadInput() {
        // the tests run in the module's folder, inside this project's git checkout
        CliTest.Run r = CliTest.run("compare", "--commits", "no-such-commit-xyz", "HEAD", "../grids/quick.yaml",
                "--out", dir.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("kmlab compare: 'no-such-commit-xyz' is not a commit of "), r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written before the commits are known");
    }

    @Test
    void helpListsCompare() {
        CliTest.Run all = CliTest.run("--help");
        assertTrue(all.out().contains("  compare "), all.out());
        java.io.PrintStream systemErr = System.err;
        java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
        CliTest.Run h;
        try {
            System.setErr(new java.io.PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
            h = CliTest.run("compare", "--help");
        } finally {
            System.setErr(systemErr);
        }
        assertEquals(0, h.code());
        assertEquals("", picocliWarnings.toString(StandardCharsets.UTF_8), "a % that picocli would read as a format");
        assertTrue(h.out().startsWith("Usage: kmlab compare [-hV] [--commits] [--cross-machine] [--format=md|json|csv]"),
                h.out());
        assertTrue(h.out().contains("BASE NEW [GRID]"), h.out());
        for (String s : List.of("--threshold", "--format", "--cross-machine", "--commits", "--out", "Exit code:",
                "--shard")) {
            assertTrue(h.out().contains(s), s + ": " + h.out());
        }
    }

    /** The interleaving: group by group, A then B, each side's own launcher, shard G of N. */
    @Test
    void theCommitsPlanAlternatesTheTwoBuildsGroupByGroup() {
        CompareCommits.Side a = new CompareCommits.Side("A", "aaa", Path.of("/t/a"), Path.of("/r/base"));
        CompareCommits.Side b = new CompareCommits.Side("B", "bbb", Path.of("/t/b"), Path.of("/r/new"));
        List<CompareCommits.Step> steps = CompareCommits.steps(a, b, Path.of("/g/grid.yaml"), 3);
        assertEquals(6, steps.size());
        for (int i = 0; i < steps.size(); i++) {
            CompareCommits.Step s = steps.get(i);
            CompareCommits.Side side = i % 2 == 0 ? a : b;
            assertEquals(side, s.side());
            assertEquals(side.worktree(), s.dir());
            assertEquals(List.of(side.worktree().resolve("kmlab").toString(), "run", "/g/grid.yaml", "--out",
                    side.results().toString(), "--shard", (i / 2 + 1) + "/3", "--resume", "--no-peak", "--no-analysis"),
                    s.command());
        }
        assertEquals(List.of("/t/a/kmlab", "build"), CompareCommits.build(a).command());
        assertEquals(List.of("/t/b/kmlab", "run", "/g/grid.yaml", "--dry-run"),
                CompareCommits.dryRun(b, Path.of("/g/grid.yaml")).command());
    }

    @Test
    void theGroupsOfADryRun() {
        String dry = """
                    0  blobs_n1000_d8_c8_s1/sweep_k8/r1/rows-gemm                   est    0.9 s
                    1  blobs_n1000_d8_c8_s1/sweep_k8/r1/boxed-scalar                est    0.9 s
                    2  blobs_n1000_d8_c8_s1/sweep_k8/r2/rows-gemm                   est    0.9 s
                    3  blobs_n1000_d8_c8_s1/sweep_k8/r2/boxed-scalar                est    0.9 s
                   10  blobs_n8000_d8_c8_s1/assign_k8/r1/rows-gemm                  est   12.0 s
                5 runs, 2 implementations, engine cli; estimated 16 s (rough: constant rates from earlier runs, not measured here)
                """;
        List<String> keys = CompareCommits.keys(dry);
        assertEquals(5, keys.size());
        assertEquals("blobs_n8000_d8_c8_s1/assign_k8/r1/rows-gemm", keys.get(4));
        assertEquals(List.of("blobs_n1000_d8_c8_s1/sweep_k8/r1", "blobs_n1000_d8_c8_s1/sweep_k8/r2",
                "blobs_n8000_d8_c8_s1/assign_k8/r1"), CompareCommits.groups(keys));
    }

    /** A tiny git repository: two commits checked out into worktrees, and nothing of them left after close. */
    @Test
    void worktreesAreAddedAndRemoved() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("f.txt"), "one\n");
        git(repo, "add", "f.txt");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
        Files.writeString(repo.resolve("f.txt"), "two\n");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "two");
        java.io.StringWriter log = new java.io.StringWriter();
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);
        CompareCommits c = new CompareCommits(CompareCommits.repository(repo), new java.io.PrintWriter(log, true), tmp);
        String one = c.resolve("HEAD~1");
        String two = c.resolve("HEAD");
        assertEquals(40, one.length());
        c.addWorktree(one, tmp.resolve("a"));
        c.addWorktree(two, tmp.resolve("b"));
        assertEquals("one\n", Files.readString(tmp.resolve("a/f.txt")));
        assertEquals("two\n", Files.readString(tmp.resolve("b/f.txt")));
        assertTrue(git(repo, "worktree", "list").lines().count() == 3);
        c.close();
        c.close(); // twice is safe (the shutdown hook and the finally block)
        assertFalse(Files.exists(tmp), "the worktrees' folder is removed with them");
        assertEquals(1, git(repo, "worktree", "list").lines().count(), "only the main worktree is left");
        assertEquals("", log.toString());
        java.util.concurrent.Callable<String> bad = () -> c.resolve("--output=x");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, bad::call)
                .getMessage().contains("is not a commit"));
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
