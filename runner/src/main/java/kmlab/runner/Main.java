package kmlab.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import kmlab.cli.Values;
import kmlab.job.JobErrors;
import kmlab.job.VectorModuleNeeded;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kmlab command line. */
@Command(name = "kmlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Benchmarks scalar, SIMD and parallel K-Means kernels on the JVM.")
public final class Main {
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
        if (args.length > 0 && args[0].equals("fit")) {
            // the job users time: read without building picocli's model when the line is plain
            Values v = FitCommand.OPTIONS.parsePlain(Arrays.copyOfRange(args, 1, args.length));
            if (v != null) {
                try {
                    return new FitCommand(v, out).call();
                } catch (VectorModuleNeeded e) {
                    return relaunch(args, err);
                } catch (Exception e) {
                    return failed(e, "fit", err);
                }
            }
        }
        CommandLine cl = new CommandLine(new Main());
        addSubcommands(cl, args.length > 0 ? args[0] : "", out);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            return JobErrors.usage(cmd.getCommandName(), ex.getMessage(),
                    cmd == cl ? "kmlab" : "kmlab " + cmd.getCommandName(), cmd.getErr());
        });
        String[] line = args;
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> ex instanceof VectorModuleNeeded
                ? relaunch(line, cmd.getErr())
                : failed(ex, cmd.getCommandName(), cmd.getErr()));
        return cl.execute(args);
    }

    /** {@link Relaunch}: this command line in a JVM with the Vector API module; its exit code. */
    private static int relaunch(String[] args, PrintWriter err) {
        err.flush();
        try {
            return Relaunch.withVectorModule(args);
        } catch (IOException e) {
            err.println("kmlab fit: could not start a JVM with the Vector API module: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * A command's failure as one line ({@link JobErrors}, a bad grid file being bad input too): bad
     * input or usage exits 2, I/O 1; anything else is a bug and is thrown.
     */
    static int failed(Exception ex, String command, PrintWriter err) throws RuntimeException {
        return ex instanceof kmlab.grid.GridException ? JobErrors.badInput(ex, command, err)
                : JobErrors.failed(ex, command, err);
    }

    /**
     * The subcommands, in the order {@code --help} lists them. picocli builds a command's model by
     * reflection when it is added, so a command line that names one command gets only that one:
     * building all of them was most of {@code fit}'s start-up (their annotations, mixins and the
     * classes they reference; measured in README.md, Fixed costs); the help, an unknown name or no
     * name gets them all.
     */
    static Map<String, Supplier<Object>> commands(PrintWriter out) {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("gen", GenCommand::new);
        all.put("fit", () -> FitCommand.OPTIONS.spec(v -> new FitCommand(v, out).call()).versionProvider(new Version()));
        all.put("run", RunCommand::new);
        all.put("analyze", AnalyzeCommand::new);
        all.put("merge", MergeCommand::new);
        all.put("compare", CompareCommand::new);
        all.put("slurm", SlurmCommand::new);
        all.put("env", EnvCommand::new);
        all.put("jmh", JmhCommand::new);
        all.put("aot", AotCommand::new);
        all.put("demo", DemoCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        return all;
    }

    private static void addSubcommands(CommandLine cl, String first, PrintWriter out) {
        Map<String, Supplier<Object>> all = commands(out);
        Supplier<Object> only = "help".equals(first) ? null : all.get(first);
        if (only != null) {
            cl.addSubcommand(first, only.get());
            return;
        }
        all.forEach((name, command) -> cl.addSubcommand(name, command.get()));
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
