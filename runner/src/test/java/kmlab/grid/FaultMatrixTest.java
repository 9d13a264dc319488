package kmlab.grid;

import static kmlab.grid.RunnerProcess.await;
import static kmlab.grid.RunnerProcess.command;
import static kmlab.grid.RunnerProcess.rows;
import static kmlab.grid.RunnerProcess.running;
import static kmlab.grid.RunnerProcess.withArgument;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kmlab.runs.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grid runner's fault matrix, with real processes: the runner signalled (SIGINT to its process
 * group as a terminal's Ctrl-C sends it, SIGTERM to it alone as kill does), a run's child killed
 * from outside, a second runner on the same folder, the disk full under a child and under the
 * runner's own append, and a damaged results folder. Whatever happens, a run is recorded once,
 * whole, or not at all, and a resume runs exactly what is missing.
 */
class FaultMatrixTest {
    @TempDir
    Path dir;

    /**
     * A stand-in for python3 that makes a peer's run hang in a child of its own (sleep) until the file
     * {@code release} beside it exists, then prints a summary fit's contract accepts; the runner's
     * {@code -c "import numpy"} check passes.
     */
    private Path fakePython() throws IOException {
        Path p = dir.resolve("python3");
        Files.writeString(p, """
                #!/bin/sh
                case "$1" in -c) exit 0 ;; esac
                if [ ! -e "$(dirname "$0")/release" ]; then sleep 600; exit 3; fi
                echo '{"fits": [{"k": 1, "iterations": 1, "inertia": 3.0}, {"k": 2, "iterations": 2, "inertia": 2.0},'
                echo '  {"k": 3, "iterations": 2, "inertia": 1.0}]}'
                """);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Path grid(String name, String extra, String data, String impls) throws IOException {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, "name: " + name + "\n" + extra + "data: " + data + "\n"
                + "fits: {mode: sweep, k_max: 3}\nimplementations:\n" + impls);
        return p;
    }

    private static Set<String> planKeys(Path grid) throws Exception {
        return Plan.of(GridLoader.load(grid)).runs().stream().map(RunSpec::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> keys(List<JsonObject> rows) {
        return rows.stream().map(r -> r.get("key").getAsString()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The kmlab command line of a grid run into {@code out}. */
    private static String[] run(Path grid, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("run", grid.toString(), "--out", out.toString(), "--no-peak",
                "--no-analysis"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** What kmlab printed, its lines but the JVM's warnings; asserts no stack trace among them. */
    private static List<String> lines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank() && !l.startsWith("WARNING: "))
                .toList();
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread")),
                String.join("\n", lines));
        return lines;
    }

    private static List<String> only(List<String> lines, String containing) {
        return lines.stream().filter(l -> l.contains(containing)).toList();
    }

    /** The processes below {@code p} end (they were all sent SIGKILL): none is left as an orphan. */
    private static void assertAllEnd(List<ProcessHandle> tree) throws Exception {
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
                throw new AssertionError("left running: " + h.pid() + " " + h.info().commandLine().orElse("?"));
            }
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalledRunnerKillsItsChildrenRecordsNothingOfTheRunAndResumes(String signal) throws Exception {
        Path g = grid("signal", "repeats: 2\n", "{n: 300, d: 2}", """
                  - {name: a, layout: rows, kernel: gemm}
                  - {name: p, peer: numpy}
                """);
        Path out = dir.resolve("out");
        Map<String, String> env = Map.of(PeerPrograms.PYTHON_ENV, fakePython().toString());
        Path log = dir.resolve("log.txt");
        // its own process group, signals as a shell leaves them to a foreground job (a CI script may ignore SIGINT)
        // SIGTERM's run is a shard (1/1, the whole plan): the line that resumes it must name the shard
        String[] shard = signal.equals("INT") ? new String[0] : new String[] {"--shard", "1/1"};
        Process runner = RunnerProcess.start(command(List.of("setsid", "env", "--default-signal"), List.of(),
                run(g, out, shard)), env, log);
        await(runner, running("sleep"), log); // the peer's run, its child's child sleeping
        List<ProcessHandle> tree = runner.descendants().toList();
        assertTrue(tree.size() >= 2, tree.toString());
        if (signal.equals("INT")) {
            // a terminal's Ctrl-C: the whole group, so the child dies of it too, maybe before the runner's hook runs
            assertEquals(0, new ProcessBuilder("kill", "-s", "INT", "--", "-" + runner.pid()).start().waitFor());
        } else {
            runner.destroy(); // SIGTERM, to the runner alone
        }
        assertTrue(runner.waitFor(30, TimeUnit.SECONDS), "the runner ends");
        assertEquals(signal.equals("INT") ? 130 : 143, runner.exitValue(), Files.readString(log));
        assertAllEnd(tree);
        List<String> said = only(lines(log), "interrupted");
        assertEquals(1, said.size(), Files.readString(log));
        assertTrue(said.get(0).matches("kmlab run: interrupted; run \\S+/r1/p was stopped and is not recorded; kmlab run "
                + java.util.regex.Pattern.quote(g + (shard.length == 0 ? "" : " --shard 1/1") + " --out " + out + " --resume")
                + " runs what is missing"), said.get(0));
        List<JsonObject> rows = rows(out);
        assertEquals(1, rows.size(), "a's first run only: " + rows);
        assertEquals("ok", rows.get(0).get("status").getAsString());
        assertEquals(2, Files.readAllLines(out.resolve("runs.csv")).size());

        Files.createFile(dir.resolve("release"));
        List<String> resume = new ArrayList<>(List.of(shard));
        resume.add("--resume");
        assertEquals(0, RunnerProcess.run(command(List.of(), List.of(), run(g, out, resume.toArray(String[]::new))), env, log),
                Files.readString(log));
        assertTrue(lines(log).get(0).contains("4 runs (1 done before)"), Files.readString(log));
        rows = rows(out);
        assertEquals(4, rows.size(), rows.toString());
        assertEquals(planKeys(g), keys(rows));
        assertTrue(rows.stream().allMatch(r -> r.get("status").getAsString().equals("ok")), rows.toString());
        assertFalse(Files.exists(out.resolve("tmp")), "scratch removed by the hook and by the resume");
    }

    @Test
    void aChildKilledFromOutsideIsRecordedFailedNamingTheSignalAndTheGridGoesOn() throws Exception {
        // the interpreter makes the victim's JVM slow enough to be caught alive
        Path g = grid("killed-child", "", "{n: 300, d: 2}", """
                  - {name: a, layout: rows, kernel: gemm}
                  - {name: victim, layout: rows, kernel: gemm, jvm_options: [-Xint]}
                  - {name: b, layout: boxed, kernel: scalar}
                """);
        Path out = dir.resolve("out");
        Path log = dir.resolve("log.txt");
        Process runner = RunnerProcess.start(command(List.of(), List.of(), run(g, out)), Map.of(), log);
        // the JVM itself, not rusage-exec, whose command line holds the same arguments
        ProcessHandle victim = await(runner, withArgument("-Xint").and(running("java")), log);
        assertTrue(victim.destroyForcibly(), "SIGKILL sent");
        assertTrue(runner.waitFor(2, TimeUnit.MINUTES));
        assertEquals(1, runner.exitValue(), "one run failed: " + Files.readString(log));
        List<JsonObject> rows = rows(out);
        assertEquals(planKeys(g), keys(rows), "the grid went on");
        for (JsonObject r : rows) {
            boolean killed = r.get("implementation").getAsString().equals("victim");
            assertEquals(killed ? "failed" : "ok", r.get("status").getAsString(), r.toString());
            if (killed) {
                assertEquals(137, r.get("exit_code").getAsInt());
                assertTrue(r.get("stderr_tail").getAsString().endsWith("kmlab run: exit code 137: killed by signal 9"
                        + " (SIGKILL: from outside, or by the kernel's OOM killer)"), r.toString());
            }
        }
    }

    @Test
    void aSecondRunnerOrAMergeIntoAFolderInUseIsRefusedAtOnce() throws Exception {
        Path g = grid("locked", "", "{n: 300, d: 2}", "  - {name: p, peer: numpy}\n");
        Path out = dir.resolve("out");
        Map<String, String> env = Map.of(PeerPrograms.PYTHON_ENV, fakePython().toString());
        Path log = dir.resolve("log.txt");
        Process first = RunnerProcess.start(command(List.of(), List.of(), run(g, out)), env, log);
        await(first, running("sleep"), log);
        String inUse = out + " is in use by another kmlab run (pid " + first.pid() + ")";
        for (boolean resume : new boolean[] {false, true}) {
            Path second = dir.resolve("second.txt");
            long t0 = System.nanoTime();
            int code = RunnerProcess.run(command(List.of(), List.of(), resume ? run(g, out, "--resume") : run(g, out)),
                    env, second);
            assertEquals(2, code, Files.readString(second));
            assertEquals(List.of("kmlab run: " + inUse), lines(second));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "at once, without waiting for the lock");
        }
        // two shards with no runs yet, merged into the folder in use
        for (String shard : List.of("s1", "s2")) {
            Path s = Files.createDirectories(dir.resolve(shard));
            Files.copy(g, s.resolve("grid.yaml"));
            Files.writeString(s.resolve("env.json"), "{\"machine_id\": \"" + shard + "\"}");
            Files.writeString(s.resolve("runs.jsonl"), "");
        }
        StringWriter err = new StringWriter();
        assertEquals(2, kmlab.runner.Main.run(new String[] {"merge", out.toString(), dir.resolve("s1").toString(),
            dir.resolve("s2").toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertEquals("kmlab merge: " + inUse, err.toString().strip());
        err = new StringWriter();
        assertEquals(2, kmlab.runner.Main.run(new String[] {"merge", dir.resolve("m").toString(), out.toString(),
            dir.resolve("s1").toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertEquals("kmlab merge: " + inUse, err.toString().strip(), "nor is a shard still running merged");

        List<ProcessHandle> tree = first.descendants().toList();
        first.destroyForcibly(); // SIGKILL: the OS releases the lock
        first.waitFor();
        tree.forEach(ProcessHandle::destroyForcibly);
        Files.createFile(dir.resolve("release"));
        assertEquals(0, RunnerProcess.run(command(List.of(), List.of(), run(g, out, "--resume")), env, log),
                Files.readString(log));
        assertEquals(planKeys(g), keys(rows(out)));
    }

    /** Mounts a tmpfs of {@code size} at {@code at} (root only); false where this machine does not allow it. */
    private static boolean mount(Path at, String size) throws Exception {
        Files.createDirectories(at);
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false; // no mount here
        }
    }

    private static void unmount(Path at) throws Exception {
        new ProcessBuilder("umount", at.toString()).redirectErrorStream(true).start().waitFor();
    }

    @Test
    void aChildThatFindsTheDiskFullStopsTheGridUnrecordedAndResumeRunsIt() throws Exception {
        Path disk = dir.resolve("disk");
        // room for the 0.52 MB dataset, not for the child's 0.64 MB output beside it
        assumeTrue(mount(disk, "900k"), "a small tmpfs needs root (mount -t tmpfs)");
        try {
            Path g = grid("full", "", "{n: 20000, d: 2}", "  - {name: a, layout: rows, kernel: gemm}\n");
            Path out = disk.resolve("out");
            Path log = dir.resolve("log.txt");
            assertEquals(1, RunnerProcess.run(command(List.of(), List.of(), run(g, out)), Map.of(), log),
                    Files.readString(log));
            List<String> said = only(lines(log), "kmlab run: I/O error");
            assertEquals(1, said.size(), Files.readString(log));
            assertTrue(said.get(0).contains("its child ran out of disk space (kmlab fit: I/O error:")
                    && said.get(0).contains("No space left on device); it is not recorded"), said.get(0));
            assertEquals(0, Files.size(out.resolve("runs.jsonl")), "nothing recorded");
            assertEquals(1, Files.readAllLines(out.resolve("runs.csv")).size(), "the header only");

            Process grow = new ProcessBuilder("mount", "-o", "remount,size=16m", disk.toString()).inheritIO().start();
            assertEquals(0, grow.waitFor(), "space is back");
            assertEquals(0, RunnerProcess.run(command(List.of(), List.of(), run(g, out, "--resume")), Map.of(), log),
                    Files.readString(log));
            List<JsonObject> rows = rows(out);
            assertEquals(planKeys(g), keys(rows));
            assertEquals("ok", rows.get(0).get("status").getAsString());
        } finally {
            unmount(disk);
        }
    }

    @Test
    void anAppendThatFailsIsCutOffBothFilesAndResumeRunsWhatIsMissing() throws Exception {
        // RLIMIT_FSIZE: no file of the runner's (nor its children's) may grow past LIMIT bytes, so the
        // append that crosses it fails half written (EFBIG: the JVM ignores SIGXFSZ); no perf data file,
        // and JNA's library (OSHI's) found unpacked, as JNA cannot unpack its 130 KB copy under the limit
        int limit = 6_000;
        Path jna = Files.createDirectories(dir.resolve("jna"));
        try (var in = com.sun.jna.Platform.class.getResourceAsStream("/com/sun/jna/" + com.sun.jna.Platform.RESOURCE_PREFIX
                + "/" + System.mapLibraryName("jnidispatch"))) {
            Files.copy(in, jna.resolve(System.mapLibraryName("jnidispatch")));
        }
        Path g = grid("fsize", "repeats: 6\n", "{n: 60, d: 2}",
                "  - {name: a, layout: rows, kernel: gemm, jvm_options: [-XX:-UsePerfData]}\n");
        Path out = dir.resolve("out");
        Path log = dir.resolve("log.txt");
        assertEquals(1, RunnerProcess.run(command(List.of("prlimit", "--fsize=" + limit, "--"),
                List.of("-XX:-UsePerfData", "-Djna.boot.library.path=" + jna), run(g, out)), Map.of(), log),
                Files.readString(log));
        List<String> said = only(lines(log), "kmlab run: I/O error");
        assertEquals(1, said.size(), Files.readString(log));
        assertTrue(said.get(0).matches(".*recording run \\S+ in " + java.util.regex.Pattern.quote(out.toString())
                + " failed \\(File too large\\); the run is not recorded, and what was written of it was cut off"
                + " again"), said.get(0));
        byte[] jsonl = Files.readAllBytes(out.resolve("runs.jsonl"));
        assertTrue(jsonl.length > 0 && jsonl.length <= limit && jsonl[jsonl.length - 1] == '\n', "whole lines only");
        List<JsonObject> rows = rows(out);
        assertTrue(rows.size() >= 1 && rows.size() < 6, rows.size() + " rows");
        List<String> csv = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(rows.size() + 1, csv.size(), "the CSV holds the same rows");
        byte[] csvBytes = Files.readAllBytes(out.resolve("runs.csv"));
        assertEquals('\n', csvBytes[csvBytes.length - 1]);

        assertEquals(0, RunnerProcess.run(command(List.of(), List.of(), run(g, out, "--resume")), Map.of(), log),
                Files.readString(log));
        assertEquals(planKeys(g), keys(rows(out)));
        assertEquals(6, rows(out).size());
    }

    @Test
    void aDamagedLineInsideRunsJsonlIsRefusedInOneLineByResumeAnalyzeAndMerge() throws Exception {
        Path g = grid("damaged", "repeats: 2\n", "{n: 300, d: 2}", "  - {name: a, layout: rows, kernel: gemm}\n");
        Path out = dir.resolve("out");
        Path log = dir.resolve("log.txt");
        assertEquals(0, RunnerProcess.run(command(List.of(), List.of(), run(g, out)), Map.of(), log),
                Files.readString(log));
        Path jsonl = out.resolve("runs.jsonl");
        List<String> good = Files.readAllLines(jsonl);
        assertEquals(2, good.size());
        Path other = Files.createDirectories(dir.resolve("other"));
        for (String f : List.of("grid.yaml", "env.json")) {
            Files.copy(out.resolve(f), other.resolve(f));
        }
        Files.writeString(other.resolve("runs.jsonl"), "");
        String half = good.get(1).substring(0, good.get(1).length() / 2);
        byte[][] damages = {
            "garbage".getBytes(StandardCharsets.UTF_8),
            half.getBytes(StandardCharsets.UTF_8), // a torn line, with a record after it
            {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            "{\"key\": \"x\"}".getBytes(StandardCharsets.UTF_8),
            "[1, 2]".getBytes(StandardCharsets.UTF_8)};
        // Gson reads a bare word leniently, as a string
        String[] problems = {"not a run record: not a JSON object", "not a run record: not JSON (",
            "not a run record: not UTF-8 text", "not a run record (", "not a run record: not a JSON object"};
        for (int i = 0; i < damages.length; i++) {
            byte[] bytes = join(good.get(0), damages[i], good.get(1));
            Files.write(jsonl, bytes);
            String where = jsonl + ":2: " + problems[i];
            for (String[] cmd : new String[][] {run(g, out, "--resume"), {"analyze", out.toString()},
                {"merge", dir.resolve("m").toString(), other.toString(), out.toString()}}) {
                StringWriter err = new StringWriter();
                int code = kmlab.runner.Main.run(cmd, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
                String e = err.toString().strip();
                assertEquals(2, code, String.join(" ", cmd) + ": " + e);
                assertEquals(1, e.lines().count(), e);
                assertTrue(e.startsWith("kmlab " + cmd[0] + ": " + where), e);
                assertArrayEquals(bytes, Files.readAllBytes(jsonl), "nothing cut");
                assertFalse(Files.exists(dir.resolve("m")), "no merged folder begun");
            }
        }
        // the torn last line an interrupted run leaves: analyze names it, a resume cuts it
        Files.writeString(jsonl, good.get(0) + "\n" + half);
        StringWriter err = new StringWriter();
        assertEquals(2, kmlab.runner.Main.run(new String[] {"analyze", out.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertTrue(err.toString().strip().startsWith("kmlab analyze: " + jsonl + ":2: not a run record: not JSON (")
                && err.toString().strip().endsWith("(the torn last line of an interrupted run: kmlab run --resume cuts it)"),
                err.toString());
        assertEquals(0, RunnerProcess.run(command(List.of(), List.of(), run(g, out, "--resume")), Map.of(), log),
                Files.readString(log));
        assertEquals(planKeys(g), keys(rows(out)));
    }

    private static byte[] join(String first, byte[] middle, String last) {
        byte[] a = (first + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] c = ("\n" + last + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
