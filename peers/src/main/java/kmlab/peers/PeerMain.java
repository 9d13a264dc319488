package kmlab.peers;

import java.io.PrintWriter;
import kmlab.job.JobErrors;
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
    private PeerMain() {
    }

    public static void main(String[] args) {
        ProcessStats.entryNanos(); // the clock at main, before any library is loaded
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line in process; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PeerMain());
        for (Library p : Peers.ALL) {
            cl.addSubcommand(p.name(), PeerCommand.options(p).spec(v -> new PeerCommand(p, v, out).call()));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            return cmd == cl ? JobErrors.usage("peers", ex.getMessage(), "java -jar peers.jar", cmd.getErr())
                    : JobErrors.usage(cmd.getCommandName(), ex.getMessage(),
                            "java -jar peers.jar " + cmd.getCommandName(), cmd.getErr());
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (JobErrors.isJobError(ex)) {
                return JobErrors.failed(ex, cmd.getCommandName(), cmd.getErr());
            }
            // a library that fails on valid input: one line, the library's own words
            Throwable cause = ex.getCause() != null && ex instanceof java.util.concurrent.ExecutionException
                    ? ex.getCause() : ex;
            return libraryFailed(cmd.getCommandName(), cause, cmd.getErr());
        });
        try {
            return cl.execute(args);
        } catch (Error e) { // a library's, e.g. a failed initialiser: one line too, not a stack trace
            return libraryFailed(args.length > 0 ? args[0] : "peers", e, err);
        }
    }

    private static int libraryFailed(String command, Throwable cause, PrintWriter err) {
        err.println("kmlab " + command + ": the library failed: " + cause);
        return JobErrors.FAILED;
    }
}
