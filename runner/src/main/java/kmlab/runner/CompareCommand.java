package kmlab.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kmlab.analysis.Compare;
import kmlab.data.AtomicOutput;
import kmlab.util.OneLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two results folders, or two commits run interleaved on this machine, cell by cell, with a regression verdict.",
            "BASE NEW: the runs of the two folders are matched by cell (the implementation and every axis, the engine, the JMH benchmark and the seed: everything but the repeat). For each cell and each of wall time, peak RSS (the report's figure: sampled, else the rusage peak) and, for the jmh engine, the score (seconds per operation), the ratio NEW/BASE of the medians of the runs that ended ok, with a 95%% bootstrap interval: the two folders' runs are independent, so each side is resampled on its own (4,000 resamples, a fixed seed: the same folders give the same output).",
            "A cell is a regression when a ratio is above 1 + threshold and its interval's low end above 1, or when every NEW run of it failed and a BASE run did not; an improvement when a ratio is below 1 / (1 + threshold) and its interval's high end below 1 (and nothing regressed); unclear (not flagged) when a ratio passes the threshold but its interval holds 1, or when a side has fewer than 3 ok runs of the cell (two runs a side are wholly apart by chance a third of the time, and then the interval excludes 1). Cells of one folder only are listed, not compared. The last line is a summary.",
            "Folders whose runs name different machines (machine_id) are refused unless --cross-machine, and then a warning heads the output and goes to stderr.",
            "--commits A B GRID: checks out each commit into its own temporary git worktree, builds each there with its own launcher (./kmlab build), plans GRID with each build (kmlab run GRID --dry-run: both must give the same groups, a group being one repeat of one cell with every implementation), then runs the groups in turn, A's then B's (A B A B), each by its own build: kmlab run GRID --out DIR/base --shard G/N --resume --no-peak --no-analysis, shard G of N being exactly group G. So machine drift lands on both sides alike. DIR (--out, default results/compare-GRIDNAME-A-B-DATE) gets base/ and new/ (whole results folders: kmlab analyze DIR/base reports one) and compare.md and compare.json; the comparison in --format goes to stdout. The worktrees are removed at the end, whatever ends it.",
            "Exit code: 0 when no cell regressed, 1 when one did, 2 for bad input or when there is no verdict (not a results folder, no cell in common, two machines, a commit that does not build)."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "The base results folder; with --commits, commit A.")
    String first;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new results folder; with --commits, commit B.")
    String second;

    @Parameters(index = "2", arity = "0..1", paramLabel = "GRID", description = "With --commits: the grid file to run.")
    String grid;

    @Option(names = "--threshold", paramLabel = "P%", defaultValue = "5%",
            description = "How far a ratio must pass 1 to count, as a percentage (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(names = "--format", paramLabel = "md|json|csv", defaultValue = "md",
            description = "What goes to stdout: a Markdown table (for a pull request), JSON (for scripts) or tidy CSV, one row per cell and metric (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--cross-machine", description = "Compare folders from two machines anyway; a warning heads the output.")
    boolean crossMachine;

    @Option(names = "--commits", description = "Build and run GRID at commits A and B, interleaved, then compare them (see above).")
    boolean commits;

    @Option(names = "--out", paramLabel = "DIR", description = "With --commits: the results folder (new or empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
        double t = threshold(threshold);
        if (!List.of("md", "json", "csv").contains(format)) {
            throw new IllegalArgumentException("--format must be md, json or csv, not '" + format + "'");
        }
        PrintWriter o = spec.commandLine().getOut();
        try {
            Compare.Result r;
            if (commits) {
                if (grid == null) {
                    throw new IllegalArgumentException("--commits takes two commits and a grid file: A B GRID");
                }
                r = commits(first, second, Path.of(grid), t);
            } else {
                if (grid != null) {
                    throw new IllegalArgumentException("compare takes two results folders, BASE NEW"
                            + " (or --commits A B GRID)");
                }
                if (out != null) {
                    throw new IllegalArgumentException("--out is for --commits; the comparison of two folders goes to stdout");
                }
                r = Compare.of(Path.of(first), Path.of(second), t, crossMachine);
            }
            if (r.warning() != null) {
                spec.commandLine().getErr().println("kmlab compare: warning: " + r.warning());
            }
            o.print(render(r, format));
            o.flush();
            return r.exitCode();
        } catch (IOException e) {
            // exit 1 means a regression here: a failure to read or run is no verdict
            throw new IllegalArgumentException(OneLine.of("I/O error: " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted", e);
        }
    }

    private static String render(Compare.Result r, String format) {
        return switch (format) {
            case "json" -> r.json();
            case "csv" -> r.csv();
            default -> r.markdown();
        };
    }

    /** {@code 5%} or {@code 5}: a percentage above 0. */
    static double threshold(String s) {
        String v = s.strip();
        v = v.endsWith("%") ? v.substring(0, v.length() - 1).strip() : v;
        double p;
        try {
            p = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threshold must be a percentage like 5%, not '" + s + "'");
        }
        if (!(p > 0 && p < 1000)) {
            throw new IllegalArgumentException("--threshold must be a percentage above 0% and below 1000%, not '" + s + "'");
        }
        return p / 100;
    }

    private Compare.Result commits(String a, String b, Path grid, double t)
            throws IOException, InterruptedException, kmlab.grid.GridException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(grid)) {
            throw new IllegalArgumentException(grid + ": no such grid file");
        }
        Path gridFile = grid.toAbsolutePath().normalize();
        String gridName = kmlab.grid.GridLoader.load(gridFile).name();
        Path repo = CompareCommits.repository(Path.of("").toAbsolutePath());
        String shaA = new CompareCommits(repo, err, null).resolve(a);
        String shaB = new CompareCommits(repo, err, null).resolve(b);
        Path dir = (out != null ? out : Path.of("results", "compare-" + gridName + "-" + shaA.substring(0, 7) + "-"
                + shaB.substring(0, 7) + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
                .toAbsolutePath().normalize();
        if (Files.exists(dir) && !(Files.isDirectory(dir) && isEmpty(dir))) {
            throw new IllegalArgumentException(dir + " exists and is not an empty folder (--out must be new or empty)");
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempDirectory("kmlab-compare-");
        CompareCommits c = new CompareCommits(repo, err, tmp);
        CompareCommits.Side base = new CompareCommits.Side("A", shaA, tmp.resolve("a"), dir.resolve("base"));
        CompareCommits.Side other = new CompareCommits.Side("B", shaB, tmp.resolve("b"), dir.resolve("new"));
        Thread hook = new Thread(() -> {
            err.println("kmlab compare: stopped; removing the worktrees in " + tmp);
            err.flush();
            c.close();
        }, "kmlab-compare-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            c.addWorktree(shaA, base.worktree());
            c.addWorktree(shaB, other.worktree());
            c.run(base, other, gridFile);
        } finally {
            c.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (close is safe twice)
            }
        }
        Compare.Result r = Compare.of(base.results(), other.results(), t, crossMachine);
        AtomicOutput.write(dir.resolve("compare.md"), w -> w.write(r.markdown()));
        AtomicOutput.write(dir.resolve("compare.json"), w -> w.write(r.json()));
        err.printf(Locale.ROOT, "kmlab compare: wrote %s and %s%n", dir.resolve("compare.md"), dir.resolve("compare.json"));
        return r;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
