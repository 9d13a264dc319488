package kmlab.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import kmlab.analysis.Analysis;
import kmlab.grid.Grid;
import kmlab.grid.GridLoader;
import kmlab.grid.GridRunner;
import kmlab.grid.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a grid file.",
            "Engine cli: every cell as a fresh JVM running fit (the writeup's method), measured from outside (wall time, RSS polled) and inside (phases, exact peak RSS). Engine jmh: every cell and repeat as one JMH fork of KernelBench (JMH's JSON kept in jmh/).",
            "Results (runs.csv, runs.jsonl, env.json, grid.yaml, commit.txt) go to one folder, one row appended per finished run; at the end the audit and report of kmlab analyze.",
            "One kmlab run or merge at a time uses a folder (another is refused at once, exit 2). Ctrl-C or SIGTERM kills the run in progress and its processes and records nothing of it (exit 130 or 143); a full disk stops the grid the same way (exit 1).",
            "`kmlab GRID` is short for `kmlab run GRID`."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GRID", description = "The grid file (YAML), e.g. grids/quick.yaml.")
    Path gridFile;

    @Option(names = "--out", description = "Results folder (default: results/<grid name>-<date-time>).")
    Path out;

    @Option(names = "--resume", description = "Continue an interrupted run in --out (Ctrl-C, kill, a full disk): finished runs are kept, not repeated; the run that was interrupted, never recorded, runs again.")
    boolean resume;

    @Option(names = "--dry-run", description = "Print the expanded plan and its estimated duration; run nothing.")
    boolean dryRun;

    @Option(names = "--no-peak", description = "Skip measuring the FMA peak and bandwidth into env.json (saves ~10 s).")
    boolean noPeak;

    @Option(names = "--no-analysis", description = "Do not write the report at the end (kmlab analyze DIR writes it later).")
    boolean noAnalysis;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run only the I-th of N disjoint slices (whole dataset x setting x repeat groups), "
                    + "e.g. 1/2 here and 2/2 on another machine; join the folders with kmlab merge.")
    String shard;

    @Override
    public Integer call() throws Exception {
        Grid grid = GridLoader.load(gridFile);
        Plan plan = Plan.of(grid);
        if (shard != null) {
            String[] parts = shard.split("/");
            try {
                plan = plan.shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("--shard must be I/N, e.g. 1/2, not '" + shard + "'");
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        if (dryRun) {
            for (kmlab.runs.RunSpec r : plan.runs()) {
                o.printf("%5d  %-60s est %6.1f s%n", r.index(), r.key(), plan.estimateSeconds(r));
            }
            o.printf("%d runs, %d implementations, engine %s; estimated %.0f s"
                    + " (rough: constant rates from earlier runs, not measured here)%n",
                    plan.runs().size(), grid.implementations().size(), grid.engine().name().toLowerCase(java.util.Locale.ROOT),
                    plan.estimateSeconds());
            return 0;
        }
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs --out, the folder of the run to continue");
        }
        Path folder = out != null ? out : Path.of("results", grid.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + (shard != null ? "-shard" + shard.replace("/", "of") : ""));
        Map<String, Object> machine = new LinkedHashMap<>(MachineInfo.collect());
        if (!noPeak && !resume) {
            spec.commandLine().getErr().println("kmlab run: measuring this machine's FMA peak and bandwidth for env.json"
                    + " (~10 s; --no-peak skips it)");
            machine.put("peak", MachinePeak.measure(Runtime.getRuntime().availableProcessors()));
        }
        int failed = new GridRunner(plan, folder, resume, spec.commandLine().getErr()).run(machine);
        if (!noAnalysis) {
            try {
                Analysis.run(folder, spec.commandLine().getErr());
            } catch (IOException | RuntimeException e) {
                // the runs are recorded whatever happens here; the report can be made again
                spec.commandLine().getErr().println("kmlab run: the analysis failed (" + e
                        + "); the runs are kept: kmlab analyze " + folder + " retries it");
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
