package kmlab.grid;

import java.util.Map;

/**
 * What a child's exit code above 128 says: Java reports a process killed by signal N as exit code
 * 128 + N (a JVM ended by SIGINT or SIGTERM exits so itself), so the record's stderr tail names the
 * signal, where the child itself had no chance to say anything.
 */
final class ExitSignal {
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"),
            Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"), Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"), Map.entry(24, "SIGXCPU"), Map.entry(25, "SIGXFSZ"));

    private ExitSignal() {
    }

    /** {@code stderrTail} with a last line naming the signal when {@code exit} is a signal's (null: none). */
    static String note(String stderrTail, Integer exit) {
        if (exit == null || exit <= 128 || exit > 128 + 64) {
            return stderrTail;
        }
        int signal = exit - 128;
        String line = "kmlab run: exit code " + exit + ": killed by signal " + signal + " ("
                + NAMES.getOrDefault(signal, "signal " + signal)
                + (signal == 9 ? ": from outside, or by the kernel's OOM killer" : "") + ")";
        return stderrTail == null || stderrTail.isEmpty() ? line : stderrTail + "\n" + line;
    }
}
