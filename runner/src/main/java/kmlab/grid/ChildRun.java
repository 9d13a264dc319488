package kmlab.grid;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * One run of the cli engine: a fresh process on one dataset (a JVM running {@code fit}, or a peer's
 * program, see {@link PeerPrograms}), measured from the outside as the writeup did (wall time around
 * the whole process, resident memory polled every few milliseconds) and from the inside (the
 * child's JSON: phases, exact peak RSS, CPU, quality). The command is an argument list; nothing
 * reaches a shell.
 */
final class ChildRun {
    /** The status of a run that did not start because its peer is not installed (not a failure). */
    static final String SKIPPED = "skipped";
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
    static List<String> command(Plan.Run run, Path data, Path output, long seed, Path aotJar) {
        Grid.Implementation impl = run.impl();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        kmlab.runner.AotCache.Kind kind = aotKind(impl);
        if (kind.vectorModule()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.addAll(impl.jvmOptions());
        if (impl.jvm() == Grid.Jvm.AOT) {
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
    static kmlab.runner.AotCache.Kind aotKind(Grid.Implementation impl) {
        return impl.kernel().namesVectorKernel() ? kmlab.runner.AotCache.Kind.VECTOR : kmlab.runner.AotCache.Kind.PLAIN;
    }

    /** fit's arguments for a run: every setting written out, so a run never depends on fit's defaults. */
    static List<String> fitArguments(Plan.Run run, Path data, Path output, long seed) {
        Grid.Implementation impl = run.impl();
        return List.of(data.toString(), "--k-max", Integer.toString(run.kMax()),
                "--mode", run.mode().label(), "--layout", impl.layout().label(),
                "--kernel", impl.kernel().label(), "--precision", impl.precision().label(),
                "--seeding", impl.seeding().label(),
                "--threads", impl.threads().label(), "--seed", Long.toString(seed),
                "--json", "--output", output.toString());
    }

    /** Runs and measures; never throws for a failing child: the status says what happened. */
    static Map<String, Object> execute(List<String> cmd, double timeoutSeconds, int pollMillis, Path scratch)
            throws IOException, InterruptedException {
        Path stdout = scratch.resolve("stdout.txt");
        Path stderr = scratch.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put(kmlab.job.ProcessStats.SPAWN_ENV, Long.toString(System.currentTimeMillis()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        long rssMax = 0;
        long cpuMillis = -1;
        boolean timedOut = false;
        OSProcess watched = OS.getProcess((int) p.pid());
        long deadline = t0 + (long) (timeoutSeconds * 1e9);
        while (!p.waitFor(pollMillis, TimeUnit.MILLISECONDS)) {
            if (watched != null && watched.updateAttributes()) {
                rssMax = Math.max(rssMax, watched.getResidentSetSize());
                cpuMillis = watched.getUserTime() + watched.getKernelTime();
            }
            if (System.nanoTime() > deadline) {
                timedOut = true;
                // the whole tree: a fit that started a JVM with the Vector API module has a child
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                break;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        int exit = p.exitValue();
        byte[] errBytes = Files.exists(stderr) ? Files.readAllBytes(stderr) : new byte[0];
        String err = tail(errBytes, STDERR_TAIL);
        Map<String, Object> m = new LinkedHashMap<>();
        JsonObject child = null;
        if (!timedOut && exit == 0) {
            try {
                child = JsonParser.parseString(Files.readString(stdout)).getAsJsonObject();
            } catch (RuntimeException e) {
                child = null;
            }
        }
        m.put("status", timedOut ? "timeout" : exit == 0 && child != null ? "ok"
                : mentions(errBytes, "OutOfMemoryError") ? "oom" : "failed");
        m.put("exit_code", timedOut ? null : exit);
        m.put("wall_s", wall);
        m.put("rss_peak_sampled_bytes", rssMax > 0 ? rssMax : null);
        m.put("cpu_sampled_s", cpuMillis >= 0 ? cpuMillis / 1e3 : null);
        m.put("child", child);
        m.put("stderr_tail", "ok".equals(m.get("status")) ? null : err);
        return m;
    }

    /**
     * Whether the whole of a child's stderr names {@code what}: the error's own line comes first, and
     * a long stack trace pushes it out of the kept tail (a 4 MB-heap run's trace reached 2,073 bytes).
     */
    private static boolean mentions(byte[] stderr, String what) {
        return new String(stderr, StandardCharsets.ISO_8859_1).contains(what);
    }

    /** A run that never started: its status and why, in the place of a child's stderr. */
    static Map<String, Object> notRun(String status, String why) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("exit_code", null);
        m.put("wall_s", null);
        m.put("rss_peak_sampled_bytes", null);
        m.put("cpu_sampled_s", null);
        m.put("child", null);
        m.put("stderr_tail", why);
        return m;
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
