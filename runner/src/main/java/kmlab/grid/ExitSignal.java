package kmlab.grid;

import java.util.List;

/**
 * What a child's exit code above 128 says: Java reports a process killed by signal N as exit code
 * 128 + N (a JVM ended by SIGINT or SIGTERM exits so itself), so the record's stderr tail names the
 * signal, where the child itself had no chance to say anything.
 */
final class ExitSignal {
    /** Linux's signals 1..31 in order, without their SIG prefix. */
    private static final List<String> NAMES = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
            "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
            "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    private ExitSignal() {
    }

    /** {@code stderrTail} with a last line naming the signal when {@code exit} is a signal's (null: none). */
    static String note(String stderrTail, Integer exit) {
        if (exit == null || exit <= 128 || exit > 128 + 64) {
            return stderrTail;
        }
        int signal = exit - 128;
        String line = "kmlab run: exit code " + exit + ": killed by signal " + signal + " ("
                + name(signal)
                + (signal == 9 ? ": from outside, or by the kernel's OOM killer" : "") + ")";
        return stderrTail == null || stderrTail.isEmpty() ? line : stderrTail + "\n" + line;
    }

    /** A signal's name (Linux numbering) as the record keeps it, e.g. SIGKILL; "signal N" past 31. */
    static String name(int signal) {
        return signal >= 1 && signal <= NAMES.size() ? "SIG" + NAMES.get(signal - 1) : "signal " + signal;
    }
}
