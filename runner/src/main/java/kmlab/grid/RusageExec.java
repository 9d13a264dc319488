package kmlab.grid;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small program between the runner and each child ({@code runner/src/main/c/rusage-exec.c}):
 * it forks the child, reaps it with {@code wait4} and writes one line, so that the child's peak RSS
 * is its own whatever its size (a child the runner spawns itself is charged the runner's peak, see
 * {@code PosixSpawn}) and its wall time starts at the fork, not with this program's own start.
 * Built beside runner.jar (runner/target/rusage-exec) where the machine has a C compiler.
 */
final class RusageExec {
    /** False: children are spawned without it, as on a machine without a C compiler (tests; {@code -Dkmlab.rusage-exec=off}). */
    static volatile boolean enabled = !"off".equals(System.getProperty("kmlab.rusage-exec"));

    private static final Path PROGRAM = locate();

    private RusageExec() {
    }

    /** What the program wrote of its child: wall time from fork to reaping, how it ended, the kernel's rusage. */
    record Report(long wallNanos, int exitCode, Integer signal, long peakRssBytes, double cpuSeconds) {
        /** The exit code as the JDK gives it: 128 + the signal where one ended the child. */
        int jdkExitCode() {
            return signal != null ? 128 + signal : exitCode;
        }
    }

    /** The program beside the runner's jar (or beside target/classes, in the build), or null if it is not there. */
    private static Path locate() {
        try {
            Path code = Path.of(RusageExec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path p = code.resolveSibling("rusage-exec");
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Whether children go through it: it was built and is not switched off. */
    static boolean available() {
        return enabled && PROGRAM != null;
    }

    /** The line the grid prints at its start: how the children's peak RSS is known. */
    static String describe() {
        return available() ? "children's peak RSS and CPU: exact (wait4 in " + PROGRAM + "), beside the 10 ms poll"
                : "children's peak RSS: the 10 ms poll, and wait4's where above the runner's own (rusage-exec "
                        + (PROGRAM == null ? "not built: no C compiler at build time" : "switched off") + ")";
    }

    /** {@code cmd} run through the program, which writes its report to {@code report}. */
    static List<String> wrap(List<String> cmd, Path report) {
        List<String> all = new ArrayList<>(cmd.size() + 2);
        all.add(PROGRAM.toString());
        all.add(report.toString());
        all.addAll(cmd);
        return all;
    }

    /**
     * The report, or null where there is none or it is not the program's line (it was killed before
     * writing it: a timeout, an interruption).
     *
     * @throws IOException the command could not run (not found, not executable), as ProcessBuilder
     *     says of a program it cannot start
     */
    static Report read(Path report) throws IOException {
        if (!Files.exists(report)) {
            return null;
        }
        String line = Files.readString(report).strip();
        if (line.startsWith("error ")) {
            throw new IOException("cannot run " + line.substring("error ".length()));
        }
        String[] f = line.split(" ");
        if (f.length != 6) {
            return null;
        }
        try {
            int signal = Integer.parseInt(f[2]);
            return new Report(Long.parseLong(f[0]), Integer.parseInt(f[1]), signal == 0 ? null : signal,
                    Long.parseLong(f[3]) * 1024, (Long.parseLong(f[4]) + Long.parseLong(f[5])) / 1e6);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
