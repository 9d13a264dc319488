package kmlab.grid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kmlab.runs.Axes;
import kmlab.runs.Axis;
import kmlab.runs.JvmRegime;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecords;
import kmlab.runs.RunSpec;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * One run of the cli engine: a fresh process on one dataset (a JVM running {@code fit}, or a peer's
 * program, see {@link PeerPrograms}), measured from the outside as the writeup did (wall time around
 * the whole process, resident memory polled every few milliseconds), by the kernel (wait4's rusage,
 * through {@link RusageExec}) and from the inside (the
 * child's JSON: phases, exact peak RSS, CPU, quality). The command is an argument list; nothing
 * reaches a shell.
 */
final class ChildRun {
    private static final int STDERR_TAIL = 2_000;
    private static final OperatingSystem OS = new SystemInfo().getOperatingSystem();

    private ChildRun() {
    }

    /**
     * The command that runs {@code fit} for this run in a fresh JVM of the same Java and class path,
     * started as the launcher starts it: with the Vector API module where the run names a vector
     * kernel, else without (fit starts a JVM with it itself when its auto kernel needs one); with
     * {@code jvm: aot} also the AOT cache of that kind of JVM, trained on {@code aotJar} (else null),
     * which must then be usable ({@code -XX:AOTMode=on}: a run never silently goes without it).
     */
    static List<String> command(RunSpec run, Path data, Path output, long seed, Path aotJar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        kmlab.runner.AotCache.Kind kind = aotKind(run);
        if (kind.vectorModule()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.addAll(run.get(Axes.JVM_OPTIONS));
        if (run.get(Axes.JVM) == JvmRegime.AOT) {
            if (aotJar == null) {
                throw new IllegalStateException("jvm: aot without a trained cache");
            }
            cmd.addAll(kmlab.runner.AotCache.useOptions(kmlab.runner.AotCache.cacheFor(aotJar, kind), true));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("kmlab.runner.Launch");
        cmd.add("fit");
        cmd.addAll(fitArguments(run, data, output, seed));
        return cmd;
    }

    /** The kind of JVM a kmlab run starts: with the Vector API module where it names a vector kernel. */
    static kmlab.runner.AotCache.Kind aotKind(RunSpec run) {
        return run.get(Axes.KERNEL).namesVectorKernel() ? kmlab.runner.AotCache.Kind.VECTOR
                : kmlab.runner.AotCache.Kind.PLAIN;
    }

    /** fit's arguments for a run: every setting written out, so a run never depends on fit's defaults. */
    static List<String> fitArguments(RunSpec run, Path data, Path output, long seed) {
        List<String> args = new ArrayList<>(List.of(data.toString()));
        args.addAll(axisArguments(run, null));
        args.addAll(List.of("--seed", Long.toString(seed), "--json", "--output", output.toString()));
        return args;
    }

    /** The flag and value of every axis that has a fit flag and a value in the run, in the registry's order, but {@code except}. */
    static List<String> axisArguments(RunSpec run, Axis<?> except) {
        List<String> args = new ArrayList<>();
        for (Axis<?> a : Axes.ALL) {
            if (a.fitFlag() != null && a != except && run.get(a) != null) {
                args.add(a.fitFlag());
                args.add(run.axes().text(a));
            }
        }
        return args;
    }

    /**
     * Runs and measures; never throws for a failing child: the status says what happened. Where
     * {@link RusageExec} was built, the command runs as its child: the wall time is from its fork to
     * its reaping, and the rusage (peak RSS, CPU) is exactly the command's. Else the runner starts the
     * command itself, by {@code PosixSpawn} where it can (the CPU is recorded, the peak where it is
     * provably the child's) or by {@link ProcessBuilder} (no rusage), and the wall time is the
     * runner's. The RSS poll samples the command either way.
     */
    static RunOutcome execute(List<String> cmd, double timeoutSeconds, int pollMillis, Path scratch)
            throws IOException, InterruptedException {
        Path stdout = scratch.resolve("stdout.txt");
        Path stderr = scratch.resolve("stderr.txt");
        Path report = scratch.resolve("rusage.txt");
        // new files, never the last run's truncated: a writer left from it could not reach this run's
        for (Path f : List.of(stdout, stderr, report)) {
            Files.deleteIfExists(f);
        }
        boolean viaExec = RusageExec.available();
        long t0 = System.nanoTime();
        Started p = start(viaExec ? RusageExec.wrap(cmd, report) : cmd, stdout, stderr);
        long rssMax = 0;
        long cpuMillis = -1;
        boolean timedOut = false;
        // the command itself: through rusage-exec, its child (looked up until it has forked)
        OSProcess watched = viaExec ? null : OS.getProcess((int) p.pid());
        long deadline = t0 + (long) (timeoutSeconds * 1e9);
        Ended end;
        try {
            while ((end = p.waitFor(pollMillis)) == null) {
                if (watched == null && viaExec) {
                    watched = onlyChild(p.pid());
                }
                if (watched != null && watched.updateAttributes()) {
                    rssMax = Math.max(rssMax, watched.getResidentSetSize());
                    cpuMillis = watched.getUserTime() + watched.getKernelTime();
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    killTree(p);
                    end = p.waitFor(Long.MAX_VALUE);
                    break;
                }
            }
        } catch (InterruptedException e) {
            killTree(p); // a runner told to stop leaves no child running
            throw e;
        }
        RusageExec.Report exact = viaExec ? RusageExec.read(report) : null;
        if (exact != null) {
            end = new Ended(end.nanos(), exact.jdkExitCode(), exact.signal(), exact.peakRssBytes(), exact.cpuSeconds());
        }
        double wall = exact != null ? exact.wallNanos() / 1e9 : (end.nanos() - t0) / 1e9;
        int exit = end.exitCode();
        byte[] errBytes = Files.exists(stderr) ? Files.readAllBytes(stderr) : new byte[0];
        String err = ExitSignal.note(tail(errBytes, STDERR_TAIL), timedOut ? null : exit);
        RunOutcome.Child child = null;
        if (!timedOut && exit == 0) {
            try {
                child = RunRecords.child(Files.readString(stdout));
            } catch (RuntimeException e) {
                child = null; // not fit's JSON: the run failed
            }
        }
        RunOutcome.Status status = timedOut ? RunOutcome.Status.TIMEOUT : exit == 0 && child != null ? RunOutcome.Status.OK
                : mentions(errBytes, "OutOfMemoryError") ? RunOutcome.Status.OOM : RunOutcome.Status.FAILED;
        // the stderr tail names the signal once, in ExitSignal's words (from the exit code, on either path)
        String signal = timedOut || end.signal() == null ? null : ExitSignal.name(end.signal());
        return new RunOutcome(status, timedOut ? null : exit, wall, null, rssMax > 0 ? rssMax : null,
                cpuMillis >= 0 ? cpuMillis / 1e3 : null, end.rssBytes(), end.cpuSeconds(), signal, child, null, null,
                status == RunOutcome.Status.OK ? null : err);
    }

    /** The one child of {@code pid} (Linux's /proc/PID/task/PID/children, no scan of /proc), or null. */
    private static OSProcess onlyChild(long pid) {
        try {
            String children = Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children"));
            String first = children.strip().split(" ")[0];
            return first.isEmpty() ? null : OS.getProcess(Integer.parseInt(first));
        } catch (IOException | RuntimeException e) {
            return null; // not forked yet, or already gone
        }
    }

    /** A started child as the poll loop sees it, however it was started. */
    interface Started {
        long pid();

        /** How it ended, once it has within {@code millis}, else null. */
        Ended waitFor(long millis) throws InterruptedException;

        /** SIGKILL to the child itself. */
        void destroyForcibly();
    }

    /**
     * How a child ended: when ({@link System#nanoTime()}), its exit code (128 + the signal where one
     * killed it, as the JDK reports it), that signal or null, and the kernel's rusage of it and its
     * reaped descendants (peak RSS in bytes, user + system CPU seconds), null where not known (the
     * peak also where it may be the runner's own, see {@code PosixSpawn}).
     */
    record Ended(long nanos, int exitCode, Integer signal, Long rssBytes, Double cpuSeconds) {
    }

    /** Starts a child with its own rusage; see {@code PosixSpawn}. */
    interface Spawner {
        Started spawn(List<String> cmd, Map<String, String> env, Path stdout, Path stderr) throws IOException;
    }

    /** False: every child through ProcessBuilder, as on a platform without the FFM path (tests; {@code -Dkmlab.spawn=jdk}). */
    static volatile boolean nativeSpawn = !"jdk".equals(System.getProperty("kmlab.spawn"));

    /** Loaded at the first run, not with this class: its downcall handles are restricted methods. */
    private static final class Native {
        static final Spawner SPAWNER = loadNative();
    }

    /** The FFM spawner, or null where it cannot work: not x86-64 Linux, a Java before 22, a symbol missing. */
    private static Spawner loadNative() {
        if (!"Linux".equals(System.getProperty("os.name")) || !"amd64".equals(System.getProperty("os.arch"))) {
            return null;
        }
        try {
            // by name: the class is compiled for Java 22+ apart from the rest (runner/pom.xml)
            return (Spawner) Class.forName("kmlab.grid.PosixSpawn").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Whether children are started with the FFM path here (what the rusage fields need). */
    static boolean nativeSpawnAvailable() {
        return nativeSpawn && Native.SPAWNER != null;
    }

    private static Started start(List<String> cmd, Path stdout, Path stderr) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(kmlab.job.ProcessStats.SPAWN_ENV, Long.toString(System.currentTimeMillis()));
        if (nativeSpawnAvailable()) {
            try {
                return Native.SPAWNER.spawn(cmd, env, stdout, stderr);
            } catch (IOException | RuntimeException e) {
                // ProcessBuilder then says what is wrong in its own words (a program not found), or runs it
            }
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        return new Started() {
            @Override
            public long pid() {
                return p.pid();
            }

            @Override
            public Ended waitFor(long millis) throws InterruptedException {
                return p.waitFor(millis, TimeUnit.MILLISECONDS)
                        ? new Ended(System.nanoTime(), p.exitValue(), null, null, null) : null;
            }

            @Override
            public void destroyForcibly() {
                p.destroyForcibly();
            }
        };
    }

    /** The whole tree, descendants first: a fit that started a JVM with the Vector API module has a child. */
    private static void killTree(Started p) {
        ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        p.destroyForcibly();
    }

    /**
     * Whether the whole of a child's stderr names {@code what}: the error's own line comes first, and
     * a long stack trace pushes it out of the kept tail (a 4 MB-heap run's trace reached 2,073 bytes).
     */
    private static boolean mentions(byte[] stderr, String what) {
        return new String(stderr, StandardCharsets.ISO_8859_1).contains(what);
    }

    /** The last {@code limit} bytes of a log, without the JDK's incubator warning. */
    static String tail(Path file, int limit) throws IOException {
        return tail(Files.exists(file) ? Files.readAllBytes(file) : new byte[0], limit);
    }

    private static String tail(byte[] all, int limit) {
        int from = Math.max(0, all.length - limit);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8)
                .lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }
}
