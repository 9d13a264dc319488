package kmlab.grid;

import java.io.Console;
import java.io.PrintWriter;

/**
 * The grid's progress: on a terminal a bar redrawn in place (done/total, percent, ETA, the last
 * run), with a line of its own for every run that did not end "ok"; elsewhere (CI, a log file) one
 * line per run, so that a log keeps every run.
 */
final class Progress {
    private static final int BAR = 30;
    private static final int WIDTH = 120;
    private final PrintWriter out;
    private final boolean redraw;

    Progress(PrintWriter out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** True when the console is an interactive terminal (JDK 22+ answers through Console.isTerminal). */
    static boolean terminal() {
        Console c = System.console();
        if (c == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console is only returned for a terminal
        }
    }

    void run(int done, int total, double etaSeconds, String key, String status, double wallSeconds) {
        String pct = String.format("%3.0f%%", 100.0 * done / total);
        String last = String.format("%s: %s %.2f s", key, status, wallSeconds);
        if (!redraw) {
            out.printf("[%d/%d] %s eta %s  %s%n", done, total, pct, GridRunner.duration(etaSeconds), last);
            out.flush();
            return;
        }
        if (!"ok".equals(status)) {
            out.print("\r" + " ".repeat(WIDTH) + "\r" + last + "\n");
        }
        int filled = (int) ((long) BAR * done / total);
        String line = String.format("[%s%s] %s %d/%d eta %s  %s", "#".repeat(filled), ".".repeat(BAR - filled), pct,
                done, total, GridRunner.duration(etaSeconds), last);
        line = line.length() > WIDTH ? line.substring(0, WIDTH) : line + " ".repeat(WIDTH - line.length());
        out.print("\r" + line + (done == total ? "\n" : ""));
        out.flush();
    }
}
