package kmlab.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import kmlab.data.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kmlab command line. */
@Command(name = "kmlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Benchmarks scalar, SIMD and parallel K-Means kernels on the JVM.",
        subcommands = {GenCommand.class, FitCommand.class, RunCommand.class, AnalyzeCommand.class, MergeCommand.class,
            EnvCommand.class, JmhCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code for bad input or bad usage. */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line in process; returns the exit code. {@code kmlab GRID.yaml} means {@code kmlab run GRID.yaml}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && (args[0].endsWith(".yaml") || args[0].endsWith(".yml"))) {
            String[] withRun = new String[args.length + 1];
            withRun[0] = "run";
            System.arraycopy(args, 0, withRun, 1, args.length);
            args = withRun;
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("kmlab " + cmd.getCommandName() + ": " + ex.getMessage()
                    + " (see: kmlab " + (cmd == cl ? "" : cmd.getCommandName() + " ") + "--help)");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InputException || ex instanceof IllegalArgumentException
                    || ex instanceof kmlab.grid.GridException) {
                cmd.getErr().println("kmlab " + cmd.getCommandName() + ": " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof IOException) {
                cmd.getErr().println("kmlab " + cmd.getCommandName() + ": I/O error: " + ex);
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"kmlab " + p.getProperty("version", "unknown") + " (Java " + Runtime.version() + ")"};
        }
    }
}
