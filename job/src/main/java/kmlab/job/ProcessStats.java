package kmlab.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the process knows about itself: start time, peak resident memory, CPU time. Shared by kmlab's
 * {@code fit} and the Java peers, so every JVM child of a grid reports the same figures the same way.
 */
public final class ProcessStats {
    /** Set by a parent that spawns this JVM: its clock just before the spawn, in epoch milliseconds. */
    public static final String SPAWN_ENV = "KMLAB_SPAWNED_AT_EPOCH_MS";
    /**
     * System property holding {@link System#nanoTime()} at the entry of main. runner's Java 8
     * {@code Launch} sets it under the same name (a test keeps the two equal).
     */
    public static final String ENTRY_NANOS = "kmlab.entry.nanos";
    /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
    private static final double CLOCK_TICKS = 100.0;

    private ProcessStats() {
    }

    /** {@link System#nanoTime()} when main was entered (as recorded there, else when first asked). */
    public static long entryNanos() {
        String v = System.getProperty(ENTRY_NANOS);
        if (v == null) {
            v = Long.toString(System.nanoTime());
            System.setProperty(ENTRY_NANOS, v);
        }
        return Long.parseLong(v);
    }

    /**
     * Seconds from process start to the entry of main: from the parent's spawn time when it passed
     * one, else from the kernel's start tick and uptime (10 ms resolution); empty off Linux.
     */
    public static Optional<Double> startToMainSeconds() {
        double sinceEntry = (System.nanoTime() - entryNanos()) / 1e9;
        String spawned = System.getenv(SPAWN_ENV);
        if (spawned != null) {
            try {
                return Optional.of((System.currentTimeMillis() - Long.parseLong(spawned.strip())) / 1e3 - sinceEntry);
            } catch (NumberFormatException ignored) {
                // fall through to the kernel's figure
            }
        }
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double startTicks = Long.parseLong(f[19]); // field 22, starttime, in clock ticks
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Optional.of(uptime - startTicks / CLOCK_TICKS - sinceEntry);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The exact peak resident set (VmHWM) in bytes, or -1 where /proc is not available. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux: reported as unknown
        }
        return -1;
    }

    /** User + system CPU time of this process so far, in seconds, or -1 when unknown. */
    public static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }
}
