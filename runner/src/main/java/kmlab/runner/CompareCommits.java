package kmlab.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kmlab.data.AtomicOutput;

/**
 * {@code kmlab compare --commits A B GRID}: each commit checked out into its own temporary git
 * worktree and built there by its own launcher ({@code ./kmlab build}); the grid planned by each
 * build ({@code kmlab run GRID --dry-run}), which must give both the same groups (a group: one repeat
 * of one cell, every implementation); then, group by group, A's group and B's group in turn, each
 * by its own build's runner: {@code kmlab run GRID --out DIR/base --shard G/N --resume --no-peak
 * --no-analysis} with N the number of groups, so that shard G is exactly group G. Every process is
 * started from an argument list, never a shell string. The worktrees are removed at the end, whatever
 * ends it (a failure, Ctrl-C).
 */
final class CompareCommits {
    /** One side of the comparison: its commit and where it is checked out. */
    record Side(String name, String commit, Path worktree, Path results) {
    }

    /** A process to start: its arguments and its working folder. */
    record Step(Side side, List<String> command, Path dir) {
    }

    private final Path repo;
    private final PrintWriter log;
    /** The temporary folder the worktrees are made in (removed with them), or null. */
    private final Path scratch;
    private final List<Path> worktrees = new ArrayList<>();
    private volatile Process current;

    CompareCommits(Path repo, PrintWriter log, Path scratch) {
        this.repo = repo;
        this.log = log;
        this.scratch = scratch;
    }

    /** The top folder of the git checkout {@code dir} is in; bad input where it is in none. */
    static Path repository(Path dir) throws IOException, InterruptedException {
        Output o = capture(List.of("git", "rev-parse", "--show-toplevel"), dir);
        if (o.code() != 0) {
            throw new IllegalArgumentException("--commits needs a git checkout; " + dir.toAbsolutePath()
                    + " is in none (" + o.firstLine() + ")");
        }
        return Path.of(o.text().strip());
    }

    /** The full hash of a commit, or bad input. */
    String resolve(String commit) throws IOException, InterruptedException {
        if (commit.startsWith("-")) {
            throw new IllegalArgumentException("'" + commit + "' is not a commit");
        }
        Output o = capture(List.of("git", "rev-parse", "--verify", "--quiet", commit + "^{commit}"), repo);
        if (o.code() != 0) {
            throw new IllegalArgumentException("'" + commit + "' is not a commit of " + repo);
        }
        return o.text().strip();
    }

    /** Checks {@code commit} out, detached, into {@code dir} (a new folder), to be removed by {@link #close}. */
    void addWorktree(String commit, Path dir) throws IOException, InterruptedException {
        worktrees.add(dir);
        Output o = capture(List.of("git", "worktree", "add", "--detach", dir.toString(), commit), repo);
        if (o.code() != 0) {
            throw new IOException("git worktree add " + dir + " " + commit + " failed: " + o.firstLine());
        }
    }

    /** The run steps, A's group and B's group in turn ({@code groups} of them): the interleaving. */
    static List<Step> steps(Side base, Side other, Path grid, int groups) {
        List<Step> out = new ArrayList<>();
        for (int g = 1; g <= groups; g++) {
            for (Side s : List.of(base, other)) {
                out.add(new Step(s, List.of(s.worktree().resolve("kmlab").toString(), "run", grid.toString(), "--out",
                        s.results().toString(), "--shard", g + "/" + groups, "--resume", "--no-peak", "--no-analysis"),
                        s.worktree()));
            }
        }
        return out;
    }

    /** The build of one side, by its own launcher. */
    static Step build(Side s) {
        return new Step(s, List.of(s.worktree().resolve("kmlab").toString(), "build"), s.worktree());
    }

    /** The plan of one side, by its own runner. */
    static Step dryRun(Side s, Path grid) {
        return new Step(s, List.of(s.worktree().resolve("kmlab").toString(), "run", grid.toString(), "--dry-run"),
                s.worktree());
    }

    /** The run keys of a dry run's output (lines {@code INDEX  KEY  est ...}), in plan order. */
    static List<String> keys(String dryRun) {
        List<String> keys = new ArrayList<>();
        for (String line : dryRun.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && f[0].matches("\\d+") && f[1].contains("/") && f[2].equals("est")) {
                keys.add(f[1]);
            }
        }
        return keys;
    }

    /** The groups of a plan's keys (each key without its implementation), in plan order. */
    static List<String> groups(List<String> keys) {
        LinkedHashSet<String> g = new LinkedHashSet<>();
        keys.forEach(k -> g.add(k.substring(0, k.lastIndexOf('/'))));
        return List.copyOf(g);
    }

    /**
     * Builds both sides, checks their plans agree, and runs the grid interleaved into
     * {@code base.results()} and {@code other.results()}.
     */
    void run(Side base, Side other, Path grid) throws IOException, InterruptedException {
        for (Side s : List.of(base, other)) {
            log.printf("kmlab compare: building %s (%s) in %s%n", s.name(), s.commit(), s.worktree());
            int code = execute(build(s), true).code();
            if (code != 0) {
                throw new IllegalArgumentException("the build of " + s.name() + " (" + s.commit() + ") failed (exit "
                        + code + "; its output is above)");
            }
        }
        List<String> baseKeys = plan(base, grid);
        List<String> newKeys = plan(other, grid);
        List<String> groups = groups(baseKeys);
        if (!groups.equals(groups(newKeys))) {
            throw new IllegalArgumentException("the grid plans different groups of runs at " + base.commit() + " ("
                    + groups.size() + ") and " + other.commit() + " (" + groups(newKeys).size()
                    + "): the two builds cannot run it interleaved");
        }
        log.printf("kmlab compare: %d groups of runs, %d runs each side, interleaved group by group%n", groups.size(),
                baseKeys.size());
        List<Step> steps = steps(base, other, grid, groups.size());
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            log.printf("kmlab compare: group %d/%d (%s), %s%n", i / 2 + 1, groups.size(), groups.get(i / 2), s.side().name());
            int code = execute(s, true).code();
            if (code != 0 && code != 1) { // 1: a run failed, recorded; the grid went on
                throw new IllegalArgumentException("kmlab run of " + s.side().name() + " (" + s.side().commit()
                        + ") exited " + code + " (its output is above)");
            }
        }
        // each shard's first run wrote its own slice of the plan; the folder's plan is the whole one
        writePlan(base.results(), baseKeys);
        writePlan(other.results(), newKeys);
    }

    private List<String> plan(Side s, Path grid) throws IOException, InterruptedException {
        Output o = execute(dryRun(s, grid), false);
        if (o.code() != 0) {
            throw new IllegalArgumentException("the grid does not plan at " + s.name() + " (" + s.commit() + "): "
                    + o.firstLine());
        }
        List<String> keys = keys(o.text());
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the grid plans no run at " + s.name() + " (" + s.commit() + ")");
        }
        return keys;
    }

    private static void writePlan(Path dir, List<String> keys) throws IOException {
        AtomicOutput.write(dir.resolve("plan.txt"), w -> {
            for (String k : keys) {
                w.write(k + "\n");
            }
        });
    }

    /** Removes the worktrees (and what is left of their folders, and the scratch folder); safe to call twice. */
    synchronized void close() {
        Process p = current;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Path w : List.copyOf(worktrees)) {
            try {
                capture(List.of("git", "worktree", "remove", "--force", w.toString()), repo);
                deleteTree(w);
                worktrees.remove(w);
            } catch (IOException | InterruptedException e) {
                log.println("kmlab compare: could not remove the worktree " + w + " (" + e.getMessage()
                        + "): git worktree remove --force " + w);
            }
        }
        try {
            capture(List.of("git", "worktree", "prune"), repo);
            if (scratch != null && worktrees.isEmpty()) {
                deleteTree(scratch);
            }
        } catch (IOException | InterruptedException e) {
            log.println("kmlab compare: could not remove " + scratch + " (" + e.getMessage() + ")");
        }
    }

    /** What a process printed (stdout and stderr together) and its exit code. */
    record Output(int code, String text) {
        String firstLine() {
            return text.strip().lines().findFirst().orElse("no output");
        }
    }

    /** Runs a step; its output is passed on to the log as it comes ({@code echo}) and kept. */
    private Output execute(Step s, boolean echo) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(s.command()).directory(s.dir().toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home")); // both builds and runs on this JDK
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        current = p;
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                text.append(line).append('\n');
                if (echo) {
                    log.println("  " + line);
                }
            }
        }
        int code = p.waitFor();
        current = null;
        return new Output(code, text.toString());
    }

    private static Output capture(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Output(p.waitFor(), text);
    }

    static void deleteTree(Path dir) throws IOException {
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
