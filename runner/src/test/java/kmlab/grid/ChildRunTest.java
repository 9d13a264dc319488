package kmlab.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kmlab.runs.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ChildRun.execute with real processes (small Python programs): the kernel's rusage, signals, timeouts, the fallback. */
class ChildRunTest {
    private static final String PYTHON = "/usr/bin/python3";
    /** What RunRecords.child accepts as a summary: the run is ok. */
    /** The smallest summary a run is ok with: one fit (a summary without a fit fails its run). */
    private static final String SUMMARY = "print('{\"fits\": [{\"k\": 1, \"iterations\": 1, \"inertia\": 0.0}]}')";

    @TempDir
    Path dir;

    private RunOutcome run(double timeoutSeconds, int pollMillis, String program) throws Exception {
        return ChildRun.execute(List.of(PYTHON, "-c", program), timeoutSeconds, pollMillis, dir);
    }

    /** Where the FFM path should work it must: a failure to load it is no reason to skip. */
    private static void assumeNative() {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "needs " + PYTHON);
        assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"))
                && Runtime.version().feature() >= 22, "the FFM path is x86-64 Linux on Java 22+");
        assertTrue(ChildRun.nativeSpawnAvailable(), "PosixSpawn did not load (built without it, or a symbol missing)");
    }

    @Test
    void aChildEndedBeforeThePollStillHasTheKernelsPeak() throws Exception {
        assumeNative();
        // written (not calloc'd zero pages, which would never be resident), then exit; the poll is
        // 10 s, so nothing is sampled. Above this JVM's own peak, which the kernel charges the child too.
        long mib = Math.max(200, (kmlab.job.ProcessStats.peakRssBytes() >> 20) + 64);
        RunOutcome o = run(30, 10_000, "b = b'\\x01' * (" + mib + " << 20)\n" + SUMMARY);
        assertEquals(RunOutcome.Status.OK, o.status(), o.stderrTail());
        assertTrue(o.wall() < 10, "ended before the first poll: " + o.wall());
        assertNull(o.rssSampled());
        assertNotNull(o.rssRusage());
        assertTrue(o.rssRusage() >= mib << 20, o.rssRusage() + " < " + mib + " MiB");
        assertTrue(o.rssRusage() < (mib + 100) << 20, o.rssRusage() + " for " + mib + " MiB");
    }

    /** Where the build had a C compiler, rusage-exec must have been built and be used. */
    private static void assumeExact() {
        assumeNative();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")), "rusage-exec needs a C compiler at build time");
        assertTrue(RusageExec.available(), RusageExec.describe());
    }

    /** This JVM's peak above 300 MiB: what the kernel charges a child the runner spawns itself. */
    private static byte[] ballast() {
        byte[] ballast = new byte[300 << 20];
        java.util.Arrays.fill(ballast, (byte) 1); // resident, not zero pages
        return ballast;
    }

    @Test
    void aSmallChildOfABigRunnerHasItsOwnExactPeak() throws Exception {
        assumeExact();
        byte[] ballast = ballast();
        RunOutcome o = run(30, 10_000, SUMMARY);
        assertEquals(1, ballast[ballast.length - 1]);
        assertEquals(RunOutcome.Status.OK, o.status(), o.stderrTail());
        assertNull(o.rssSampled(), "ended before the first poll");
        assertNotNull(o.rssRusage(), "rusage-exec's wait4 is the child's own");
        assertTrue(o.rssRusage() > 1 << 20 && o.rssRusage() < 64 << 20, "a Python that prints a line: " + o.rssRusage());
        assertNotNull(o.cpuRusage());
        assertNull(o.signal());
    }

    @Test
    void rusageExecKilledFromOutsideTakesItsChildWithIt() throws Exception {
        assumeExact();
        // an orphan would run on and write into the files of the runner's next run
        Process exec = new ProcessBuilder(RusageExec.wrap(List.of("sleep", "60"), dir.resolve("report.txt")))
                .redirectErrorStream(true).start();
        ProcessHandle child = null;
        for (long end = System.nanoTime() + 10_000_000_000L; child == null && System.nanoTime() < end; Thread.sleep(5)) {
            child = exec.children().filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                    .findFirst().orElse(null);
        }
        assertNotNull(child, "rusage-exec's child never started sleep");
        exec.destroyForcibly();
        assertTrue(exec.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        child.onExit().completeOnTimeout(child, 10, java.util.concurrent.TimeUnit.SECONDS).get();
        boolean orphaned = child.isAlive();
        child.destroyForcibly();
        assertFalse(orphaned, "sleep outlived rusage-exec");
    }

    @Test
    void withoutRusageExecASmallChildsPeakIsLeftOutWhereItMayBeTheRunners() throws Exception {
        assumeNative();
        boolean was = RusageExec.enabled;
        RusageExec.enabled = false;
        try {
            byte[] ballast = ballast();
            RunOutcome o = run(30, 10_000, SUMMARY);
            assertEquals(1, ballast[ballast.length - 1]);
            assertEquals(RunOutcome.Status.OK, o.status(), o.stderrTail());
            assertNull(o.rssRusage(), "ru_maxrss is the runner's peak here, not the child's: " + o.rssRusage());
            assertNotNull(o.cpuRusage(), "the CPU times are the child's alone");
            assertNull(o.signal());
        } finally {
            RusageExec.enabled = was;
        }
    }

    @Test
    void theWallTimeIsTheCommandsAndThePollSamplesTheCommand() throws Exception {
        assumeExact();
        RunOutcome o = run(30, 10, "b = b'\\x01' * (150 << 20)\nimport time\ntime.sleep(0.4)\n" + SUMMARY);
        assertEquals(RunOutcome.Status.OK, o.status(), o.stderrTail());
        assertTrue(o.wall() >= 0.4 && o.wall() < 5, o.wall().toString());
        assertNotNull(o.rssSampled());
        assertTrue(o.rssSampled() >= 150L << 20, "the poll samples the Python, not rusage-exec: " + o.rssSampled());
        assertTrue(o.rssRusage() >= o.rssSampled(), o.rssRusage() + " < the sample " + o.rssSampled());
    }

    @Test
    void cpuIsTheChildsUserAndSystemTime() throws Exception {
        assumeNative();
        RunOutcome o = run(30, 10, """
                import time
                t = time.process_time()
                while time.process_time() - t < 0.3:
                    pass
                """ + SUMMARY);
        assertEquals(RunOutcome.Status.OK, o.status(), o.stderrTail());
        assertTrue(o.cpuRusage() >= 0.25, o.cpuRusage().toString());
        assertTrue(o.cpuRusage() < 5, o.cpuRusage().toString());
    }

    @Test
    void aChildKilledByASignalIsRecordedWithIt() throws Exception {
        assumeNative();
        RunOutcome o = run(30, 10, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");
        assertEquals(RunOutcome.Status.FAILED, o.status());
        assertEquals("SIGKILL", o.signal());
        assertEquals(137, o.exitCode(), "128 + 9, as the JDK reports it");
        assertTrue(o.stderrTail().contains("killed by signal 9 (SIGKILL"), o.stderrTail());
        assertNotNull(o.cpuRusage(), "a killed child has its rusage too");
    }

    @Test
    void aTimeoutKillsTheWholeTreeAndLeavesNoOrphan() throws Exception {
        assumeNative();
        RunOutcome o = run(1.5, 10, """
                import subprocess, time
                p = subprocess.Popen(['sleep', '60'])
                print(p.pid, flush=True)
                time.sleep(60)
                """);
        assertEquals(RunOutcome.Status.TIMEOUT, o.status());
        assertTrue(o.wall() < 10, o.wall().toString());
        assertNull(o.signal(), "the runner's own kill is the timeout, not a crash");
        assertGone(Long.parseLong(Files.readString(dir.resolve("stdout.txt")).strip()));
    }

    @Test
    void withoutTheFfmPathRunsAreStillRecordedWithoutRusage() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "needs " + PYTHON);
        boolean was = ChildRun.nativeSpawn;
        boolean exact = RusageExec.enabled;
        ChildRun.nativeSpawn = false;
        RusageExec.enabled = false;
        try {
            assertFalse(ChildRun.nativeSpawnAvailable());
            RunOutcome ok = run(30, 10, "import time\ntime.sleep(0.1)\n" + SUMMARY);
            assertEquals(RunOutcome.Status.OK, ok.status(), ok.stderrTail());
            assertNull(ok.rssRusage());
            assertNull(ok.cpuRusage());
            assertNotNull(ok.rssSampled(), "the poll goes on");
            RunOutcome killed = run(30, 10, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");
            assertEquals(RunOutcome.Status.FAILED, killed.status());
            assertEquals(137, killed.exitCode());
            assertNull(killed.signal(), "ProcessBuilder does not say");
        } finally {
            ChildRun.nativeSpawn = was;
            RusageExec.enabled = exact;
        }
    }

    @Test
    void rusageExecGivesTheRusageAndTheSignalBehindProcessBuilderToo() throws Exception {
        assumeExact();
        boolean was = ChildRun.nativeSpawn;
        ChildRun.nativeSpawn = false;
        try {
            RunOutcome ok = run(30, 10_000, SUMMARY);
            assertEquals(RunOutcome.Status.OK, ok.status(), ok.stderrTail());
            assertNotNull(ok.rssRusage());
            assertNotNull(ok.cpuRusage());
            RunOutcome killed = run(30, 10, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");
            assertEquals(137, killed.exitCode());
            assertEquals("SIGKILL", killed.signal(), "rusage-exec's report names it");
        } finally {
            ChildRun.nativeSpawn = was;
        }
    }

    @Test
    void theEnvironmentAndRedirectsAreAsProcessBuildersWere() throws Exception {
        assumeNative();
        RunOutcome o = run(30, 10, """
                import os, sys
                sys.stderr.write('to stderr\\n')
                sys.exit(3 if os.environ.get('%s') and sys.stdin.read() == '' else 4)
                """.formatted(kmlab.job.ProcessStats.SPAWN_ENV));
        assertEquals(3, o.exitCode(), "the spawn time in the environment, stdin at its end: " + o.stderrTail());
        assertEquals("to stderr", o.stderrTail());
    }

    @Test
    void aProgramThatIsNotThereFailsAsBefore() {
        assertTrue(assertThrows(IOException.class, () -> ChildRun.execute(
                List.of(dir.resolve("no-such-program").toString()), 30, 10, dir)).getMessage()
                .contains("no-such-program"));
    }

    @Test
    void signalsAreNamedAsLinuxNumbersThem() {
        assertEquals("SIGKILL", ExitSignal.name(9));
        assertEquals("SIGSEGV", ExitSignal.name(11));
        assertEquals("SIGSYS", ExitSignal.name(31));
        assertEquals("signal 34", ExitSignal.name(34));
    }

    /** Gone, or a zombie nobody has reaped yet (dead all the same). */
    private static void assertGone(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < until) {
            String s;
            try {
                s = Files.readString(stat);
            } catch (IOException e) {
                return; // no such process
            }
            char state = s.charAt(s.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " outlived the timeout's kill");
    }
}
