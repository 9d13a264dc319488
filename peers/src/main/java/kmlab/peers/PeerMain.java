package kmlab.peers;

import java.io.IOException;
import java.io.PrintWriter;
import kmlab.data.InputException;
import kmlab.job.ProcessStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar peers.jar PEER INPUT --k-max K --output FILE [...]}: one Java library peer run
 * as kmlab's {@code fit} is, with the same options, output, JSON and errors.
 */
@Command(name = "peers.jar", mixinStandardHelpOptions = true,
        description = "K-Means by a Java library, with kmlab fit's options, output and JSON. PEER is one of the commands.")
public final class PeerMain {
    /** Exit code for bad input or bad usage, as kmlab's. */
    static final int BAD_INPUT = 2;

    private PeerMain() {
    }

    public static void main(String[] args) {
        ProcessStats.entryNanos(); // the clock at main, before any library is loaded
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line in process; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PeerMain());
        for (Peer p : Peers.ALL) {
            cl.addSubcommand(p.name(), PeerCommand.options(p).spec(v -> new PeerCommand(p, v, out).call()));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd == cl ? "peers" : cmd.getCommandName();
            cmd.getErr().println("kmlab " + name + ": " + ex.getMessage() + " (see: java -jar peers.jar "
                    + (cmd == cl ? "" : name + " ") + "--help)");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String name = "kmlab " + cmd.getCommandName() + ": ";
            if (ex instanceof InputException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println(name + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof IOException) {
                cmd.getErr().println(name + "I/O error: " + ex);
                return 1;
            }
            // a library that fails on valid input: one line, the library's own words
            Throwable cause = ex.getCause() != null && ex instanceof java.util.concurrent.ExecutionException
                    ? ex.getCause() : ex;
            cmd.getErr().println(name + "the library failed: " + cause);
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (Error e) { // a library's, e.g. a failed initialiser: one line too, not a stack trace
            err.println("kmlab " + (args.length > 0 ? args[0] : "peers") + ": the library failed: " + e);
            return 1;
        }
    }
}
