package kmlab.grid;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kmlab.data.AtomicOutput;
import kmlab.data.Blobs;
import kmlab.runs.Axes;
import kmlab.runs.JvmRegime;
import kmlab.runs.Peer;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunSpec;

/**
 * Runs a plan into one results folder: the grid file as run, the machine's fingerprint, the
 * commit, the plan's run keys ({@code plan.txt}), the generated datasets (once each), and the
 * results log. Every path is inside the folder; a failing run is recorded and the grid goes on. The
 * folder is locked while the grid runs ({@link FolderLock}); SIGINT or SIGTERM stops the grid without
 * recording the run in progress ({@link Interruption}), and so does a full disk (the child's or the
 * log's, {@link ResultsLog#append}).
 */
public final class GridRunner {
    /** ENOSPC, as the C library words it in English. */
    private static final String NO_SPACE = "No space left on device";

    private final Plan plan;
    private final Path out;
    private final boolean resume;
    private final PrintWriter progress;
    private final PeerPrograms peers;
    /** The runner.jar whose AOT caches jvm: aot runs use, once trained for it (null: none). */
    private Path aotJar;

    public GridRunner(Plan plan, Path out, boolean resume, PrintWriter progress) {
        this(plan, out, resume, progress, PeerPrograms.fromEnvironment());
    }

    GridRunner(Plan plan, Path out, boolean resume, PrintWriter progress, PeerPrograms peers) {
        this.plan = plan;
        this.peers = peers;
        this.out = out.toAbsolutePath().normalize();
        this.resume = resume;
        this.progress = progress;
    }

    /** Runs what is not done yet; returns the number of runs that failed (a skipped peer's runs are not). */
    public int run(Map<String, Object> machine) throws IOException, InterruptedException {
        Files.createDirectories(out);
        // One scratch folder per runner process: a child orphaned by a killed runner may still be
        // writing into its own while a resumed runner works.
        Path scratch = inside("tmp/" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try (FolderLock lock = FolderLock.acquire(out, "run")) {
            try (ResultsLog log = new ResultsLog(out, resume)) {
                Files.createDirectories(scratch);
                Interruption stop = new Interruption(log, progress, resumeCommand(), () -> removeScratch(scratch));
                try {
                    return run(machine, log, stop, scratch);
                } finally {
                    stop.remove();
                }
            } finally {
                removeScratch(scratch);
            }
        }
    }

    private int run(Map<String, Object> machine, ResultsLog log, Interruption stop, Path scratch)
            throws IOException, InterruptedException {
        Grid grid = plan.grid();
        if (!resume || !Files.exists(inside("grid.yaml"))) {
            Files.copy(grid.source(), inside("grid.yaml"), StandardCopyOption.REPLACE_EXISTING);
            AtomicOutput.write(inside("env.json"), w -> w.write(new GsonBuilder().setPrettyPrinting()
                    .serializeNulls().create().toJson(machine)));
            AtomicOutput.write(inside("commit.txt"), w -> w.write(commit() + "\n"));
            // every run this folder is meant to hold: the audit checks the results against it
            AtomicOutput.write(inside("plan.txt"), w -> {
                for (RunSpec r : plan.runs()) {
                    w.write(r.key() + "\n");
                }
            });
        }
        List<RunSpec> todo = plan.runs().stream().filter(r -> !log.done().contains(r.key())).toList();
        double estimate = todo.stream().mapToDouble(plan::estimateSeconds).sum();
        progress.printf("kmlab run: %s, %d runs (%d done before), estimated %s; results in %s%n", grid.name(),
                plan.runs().size(), plan.runs().size() - todo.size(), duration(estimate), out);
        if (grid.engine() != kmlab.runs.Engine.JMH && !todo.isEmpty()) {
            progress.printf("kmlab run: %s%n", RusageExec.describe());
        }
        announceUnavailablePeers(todo);
        prepareAotCache(todo);
        Progress bar = new Progress(progress, Progress.terminal());
        int failed = 0;
        int skipped = 0;
        double spent = 0;
        double estimatedDone = 0;
        for (int i = 0; i < todo.size(); i++) {
            RunSpec run = todo.get(i);
            stop.starting(run.key());
            long started = System.nanoTime();
            RunOutcome m = measure(run, scratch);
            // what the grid waited for, not the record's wall: a warm run's JVM does its job 10 times
            double took = (System.nanoTime() - started) / 1e9;
            refuseDiskFull(run, m);
            stop.record(new RunRecord(run, String.valueOf(machine.get("machine_id")), m));
            double wall = m.wall() == null ? 0 : m.wall(); // a run that never started took no time
            if (m.status() == RunOutcome.Status.SKIPPED) {
                skipped++;
                estimate -= plan.estimateSeconds(run);
            } else {
                failed += m.ok() ? 0 : 1;
                spent += took;
                estimatedDone += plan.estimateSeconds(run);
            }
            double eta = (estimate - estimatedDone) * (spent / Math.max(1e-9, estimatedDone));
            bar.run(i + 1, todo.size(), eta, run.key(), m.status().label(), wall);
        }
        progress.printf("kmlab run: %d runs, %d failed, %d skipped (peers not installed); results: %s%n",
                todo.size(), failed, skipped, inside("runs.csv"));
        return failed;
    }

    /**
     * A run whose child found the disk full stops the grid, unrecorded: every run after it would fail
     * the same way, and a resume once there is space again runs it. Known by the error's text, as the
     * C library words ENOSPC (fit's, the JVM peers' and Python's messages all carry it).
     */
    private void refuseDiskFull(RunSpec run, RunOutcome m) throws IOException {
        String err = m.stderrTail();
        if (!m.ok() && err != null && err.contains(NO_SPACE)) {
            String line = err.lines().filter(l -> l.contains(NO_SPACE)).findFirst().orElse(NO_SPACE).strip();
            throw new IOException("run " + run.key() + " stopped the grid: its child ran out of disk space ("
                    + kmlab.util.OneLine.of(line) + "); it is not recorded: free space, then " + resumeCommand()
                    + " continues");
        }
    }

    /** The command line that continues this grid run. */
    private String resumeCommand() {
        return "kmlab run " + plan.grid().source() + (plan.shardLabel() == null ? "" : " --shard " + plan.shardLabel())
                + " --out " + out + " --resume";
    }

    /** The scratch folder, and tmp/ once no other runner's is in it. */
    private void removeScratch(Path scratch) {
        try {
            deleteTree(scratch);
            Files.deleteIfExists(inside("tmp"));
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another runner's scratch (an orphan's); left for it
        } catch (IOException e) {
            progress.println("kmlab run: could not remove the scratch folder " + scratch + " (" + e.getMessage() + ")");
        }
    }

    /**
     * For {@code jvm: aot} runs, the AOT caches of runner.jar (both kinds: a fit started without the
     * Vector API module may start one with it), trained now, before any run is timed, when missing or
     * trained on another jar, with the first such implementation's JVM options. Without runner.jar
     * (tests, IDEs) there is no cache, and those runs are recorded failed.
     */
    private void prepareAotCache(List<RunSpec> todo) throws IOException, InterruptedException {
        Optional<RunSpec> first = todo.stream().filter(r -> r.get(Axes.JVM) == JvmRegime.AOT).findFirst();
        Path jar = kmlab.runner.AotCache.jar();
        if (first.isEmpty() || jar == null) {
            return;
        }
        for (kmlab.runner.AotCache.Kind kind : kmlab.runner.AotCache.Kind.values()) {
            Path cache = kmlab.runner.AotCache.cacheFor(jar, kind);
            if (!kmlab.runner.AotCache.fresh(cache, jar)) {
                progress.printf("kmlab run: training the AOT cache for jvm: aot (%s) ...%n", cache);
                int code = kmlab.runner.AotCache.train(jar, cache, first.get().get(Axes.JVM_OPTIONS), kind);
                if (code != 0) {
                    progress.printf("kmlab run: the AOT cache's training failed (exit %d); jvm: aot runs are"
                            + " recorded as failed%n", code);
                    return;
                }
            }
        }
        aotJar = jar;
    }

    /**
     * Checks, once, every peer the remaining runs need (building the Rust twin if it must), and says
     * in one line each which cannot run, why, and what its runs will be recorded as.
     */
    private void announceUnavailablePeers(List<RunSpec> todo) throws InterruptedException {
        Map<Peer, Long> runsOf = todo.stream().filter(RunSpec::isPeer).collect(Collectors.groupingBy(
                r -> r.get(Axes.PEER), () -> new EnumMap<>(Peer.class), Collectors.counting()));
        for (Map.Entry<Peer, Long> e : runsOf.entrySet()) {
            Optional<PeerPrograms.Unavailable> u = peers.check(e.getKey(), progress);
            if (u.isPresent()) {
                progress.printf("kmlab run: peer %s: %s; its %d runs are recorded as %s%n", e.getKey().label(),
                        u.get().message().lines().findFirst().orElse(""), e.getValue(), u.get().status().label());
            }
        }
    }

    /** One run by the grid's engine: a fresh process running fit or a peer (cli), or one JMH fork (jmh). */
    private RunOutcome measure(RunSpec run, Path scratch) throws IOException, InterruptedException {
        Grid grid = plan.grid();
        if (grid.engine() == kmlab.runs.Engine.JMH) {
            Files.createDirectories(inside("jmh"));
            String name = "jmh/" + run.key().replace('/', '_');
            return JmhRun.execute(grid, run, inside(name + ".json"), inside(name + ".log"));
        }
        Path data = dataset(run);
        Path output = scratch.resolve("out.csv");
        if (run.get(Axes.JVM) == JvmRegime.WARM) {
            Files.createDirectories(inside("jmh"));
            String name = "jmh/" + run.key().replace('/', '_');
            return JmhRun.executeJob(grid, run, data, output, scratch.resolve("summary.json"), inside(name + ".json"),
                    inside(name + ".log"));
        }
        if (!run.isPeer()) {
            if (run.get(Axes.JVM) == JvmRegime.AOT && aotJar == null) {
                return RunOutcome.notRun(RunOutcome.Status.FAILED, "jvm: aot needs the grid run from runner.jar, whose AOT cache it"
                        + " trains and uses (this runner's classes come from " + System.getProperty("java.class.path") + ")");
            }
            return ChildRun.execute(ChildRun.command(run, data, output, grid.seed(), aotJar), grid.timeoutSeconds(),
                    grid.rssPollMillis(), scratch);
        }
        Optional<PeerPrograms.Unavailable> u = peers.check(run.get(Axes.PEER), progress);
        if (u.isPresent()) {
            return RunOutcome.notRun(u.get().status(), u.get().message());
        }
        return ChildRun.execute(peers.command(run, data, output, grid.seed()), grid.timeoutSeconds(),
                grid.rssPollMillis(), scratch);
    }

    /** The run's dataset file, generated on first use from the data axes. */
    private Path dataset(RunSpec run) throws IOException {
        Path dir = inside("data");
        Files.createDirectories(dir);
        Path file = inside("data/" + run.datasetName() + ".csv");
        if (!Files.exists(file)) {
            Blobs.write(file, run.get(Axes.N), run.get(Axes.D), run.get(Axes.CLUSTERS), run.get(Axes.CLUSTER_STD),
                    run.seed());
        }
        return file;
    }

    /** A path in the results folder; refuses anything that would leave it. */
    Path inside(String name) {
        Path p = out.resolve(name).normalize();
        if (!p.startsWith(out)) {
            throw new IllegalArgumentException("path '" + name + "' leaves the results folder " + out);
        }
        return p;
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? s : "unknown (not a git checkout)";
        } catch (IOException e) {
            return "unknown (git not found)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
