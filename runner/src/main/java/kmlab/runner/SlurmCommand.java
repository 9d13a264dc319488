package kmlab.runner;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kmlab.data.AtomicOutput;
import kmlab.grid.Grid;
import kmlab.grid.GridLoader;
import kmlab.grid.Plan;
import kmlab.grid.Shards;
import kmlab.util.OneLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "slurm", mixinStandardHelpOptions = true,
        description = {"Runs a grid on a Slurm cluster: one shard per task of an array job, then the merge and report.",
            "Writes into DIR/slurm/ the grid as submitted, two batch scripts (shards.sbatch, merge.sbatch) and submission.properties, then submits with sbatch an array job whose task I runs kmlab run GRID --shard I/N --out DIR/shards/I (each shard with its own env.json and machine id), and a job that waits for the whole array (afterany) and runs kmlab merge and kmlab analyze into DIR. Prints the job ids and how to watch them.",
            "Every value reaches sbatch and the scripts as an argument of its own, never inside shell code. Shards keep paired groups whole, so no pair spans two nodes; each shard has its node to itself (--exclusive, the default: every grid times its runs).",
            "kmlab slurm --resume DIR submits again only the shards that did not finish (each continues with kmlab run --resume), then a new merge job."})
final class SlurmCommand implements Callable<Integer> {
    /** The shards' task names and the files of DIR/slurm/. */
    static final String SHARDS_SCRIPT = "shards.sbatch";
    static final String MERGE_SCRIPT = "merge.sbatch";
    static final String SUBMISSION = "submission.properties";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GRID", description = "The grid file (YAML), e.g. grids/full.yaml.")
    Path gridFile;

    @Option(names = "--shards", paramLabel = "N", description = "How many shards (array tasks) to split the grid into.")
    Integer shards;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder, new or empty (default: results/<grid name>-<date-time>); must be on a file system the nodes share.")
    Path out;

    @Option(names = "--partition", paramLabel = "P", description = "The Slurm partition of both jobs (sbatch --partition).")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "The time limit of each shard and of the merge job (sbatch --time), e.g. 2:00:00.")
    String time;

    @Option(names = "--exclusive", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Each shard has its node to itself (sbatch --exclusive), so that two shards never share a node's cores; on by default, --no-exclusive lets them share.")
    boolean exclusive;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "One more argument for both sbatch command lines (repeatable), e.g. --sbatch-arg=--account=abc.")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--no-peak", description = "Each shard skips measuring its node's FMA peak and bandwidth (kmlab run --no-peak).")
    boolean noPeak;

    @Option(names = "--kmlab", paramLabel = "PATH", description = "The launcher the jobs run (default: the kmlab beside this runner.jar; with --resume, the one of the first submission).")
    Path launcher;

    @Option(names = "--resume", paramLabel = "DIR", description = "Submit again the shards of DIR that did not finish, and a new merge job; the grid, shard count and options are those of the first submission.")
    Path resume;

    @Option(names = "--dry-run", description = "Print the scripts and the sbatch command lines; write and submit nothing.")
    boolean dryRun;

    /** Where sbatch is looked for: PATH, unless a test gives another. */
    private final String searchPath;

    SlurmCommand() {
        this(System.getenv("PATH"));
    }

    SlurmCommand(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** What was submitted, as DIR/slurm/submission.properties keeps it for --resume. */
    record Submission(Path grid, int shards, Path launcher, String partition, String time, boolean exclusive,
                      List<String> sbatchArgs, boolean noPeak) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path dir;
        Submission s;
        Grid grid;
        List<Integer> tasks;
        if (resume != null) {
            if (gridFile != null || shards != null || out != null) {
                throw new IllegalArgumentException("--resume DIR takes no GRID, --shards or --out: it resubmits what DIR"
                        + " was submitted with");
            }
            dir = resume.toAbsolutePath().normalize();
            s = read(dir);
            if (launcher != null) { // the checkout moved, or another one is to run the shards
                s = new Submission(s.grid(), s.shards(), launcher.toAbsolutePath().normalize(), s.partition(), s.time(),
                        s.exclusive(), s.sbatchArgs(), s.noPeak());
                checkLauncher(s.launcher());
            }
            grid = GridLoader.load(s.grid());
            tasks = Shards.unfinished(Plan.of(grid), s.shards(), dir.resolve("shards"));
        } else {
            if (gridFile == null || shards == null) {
                throw new IllegalArgumentException("needs GRID and --shards N (or --resume DIR)");
            }
            grid = GridLoader.load(gridFile);
            int groups = Plan.of(grid).runs().stream().mapToInt(r -> r.group()).max().orElse(-1) + 1;
            if (groups < 2) {
                throw new IllegalArgumentException("the grid has one paired group, which one shard runs whole: run it"
                        + " with kmlab run in a batch job");
            }
            if (shards < 2 || shards > groups) {
                throw new IllegalArgumentException("--shards must be 2 to " + groups + " (the grid's paired groups: a"
                        + " shard runs whole groups; kmlab merge joins two shards or more), not " + shards);
            }
            dir = (out != null ? out : Path.of("results", grid.name() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath().normalize();
            checkNew(dir);
            Path kmlab = launcher != null ? launcher.toAbsolutePath().normalize() : besideJar();
            checkLauncher(kmlab);
            s = new Submission(dir.resolve("slurm/grid.yaml"), shards, kmlab, partition, time, exclusive,
                    List.copyOf(sbatchArgs), noPeak);
            tasks = new ArrayList<>();
            for (int i = 1; i <= shards; i++) {
                tasks.add(i);
            }
        }
        checkPath(dir, "the results folder");
        for (String a : s.sbatchArgs()) {
            if (!a.startsWith("-")) {
                throw new IllegalArgumentException("--sbatch-arg takes sbatch's options, each starting with '-' (e.g."
                        + " --sbatch-arg=--account=abc), not '" + a + "': the script is kmlab's");
            }
        }
        List<String> shardLine = tasks.isEmpty() ? List.of() : shardCommand(s, grid.name(), dir, tasks);
        if (dryRun) {
            o.println("# " + dir.resolve("slurm/" + SHARDS_SCRIPT));
            o.print(SHARDS_TEXT);
            o.println("# " + dir.resolve("slurm/" + MERGE_SCRIPT));
            o.print(MERGE_TEXT);
            o.println("# the command lines (each word one argument; shown quoted for a POSIX shell)");
            if (!tasks.isEmpty()) {
                o.println(quoted(shardLine));
            }
            o.println(quoted(mergeCommand(s, grid.name(), dir, tasks.isEmpty() ? null : "SHARDS_JOB_ID")));
            return 0;
        }
        Path sbatch = find("sbatch");
        if (resume != null) {
            refuseQueued(dir);
        }
        if (resume == null) {
            write(dir, s, gridFile);
        }
        Properties p = properties(s);
        String shardJob = null;
        if (tasks.isEmpty()) {
            o.println("kmlab slurm: every shard of " + dir + " has finished; submitting the merge job only");
        } else {
            try {
                shardJob = submit(sbatch, shardLine);
            } catch (IllegalArgumentException e) {
                if (resume == null) {
                    deleteTree(dir.resolve("slurm")); // nothing was submitted: the folder is as it was
                }
                throw e;
            }
            p.setProperty("shard_job", shardJob);
            p.setProperty("shard_tasks", tasks.stream().map(String::valueOf).collect(Collectors.joining(",")));
            store(dir, p, "shards " + p.getProperty("shard_tasks") + " as job " + shardJob);
        }
        String mergeJob;
        try {
            mergeJob = submit(sbatch, mergeCommand(s, grid.name(), dir, shardJob));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + (shardJob == null ? ""
                    : "; the shards are submitted as job " + shardJob + ": kmlab slurm --resume " + dir
                            + " submits the merge again once they end"));
        }
        p.setProperty("merge_job", mergeJob);
        store(dir, p, "merge as job " + mergeJob);
        String jobs = shardJob == null ? mergeJob : shardJob + "," + mergeJob;
        int total = Plan.of(grid).runs().size();
        o.printf("kmlab slurm: grid %s, %d runs in %d shards; results in %s%n", grid.name(), total, s.shards(), dir);
        if (shardJob != null) {
            o.printf("submitted shards %s of %d as array job %s, and the merge and report as job %s (after them all)%n",
                    arrayList(tasks), s.shards(), shardJob, mergeJob);
        } else {
            o.printf("submitted the merge and report as job %s%n", mergeJob);
        }
        o.printf("watch:    squeue -j %s%n", jobs);
        o.printf("after:    sacct -j %s    (if the cluster keeps accounting)%n", jobs);
        o.printf("logs:     %s%n", dir.resolve("slurm/logs"));
        o.printf("report:   %s, once job %s has ended%n", dir.resolve("report.md"), mergeJob);
        o.printf("resubmit: kmlab slurm --resume %s    (the shards that did not finish)%n", dir);
        return 0;
    }

    /** sbatch's line for the shards: an array over {@code tasks}, each one kmlab run of its shard. */
    static List<String> shardCommand(Submission s, String gridName, Path dir, List<Integer> tasks) {
        List<String> c = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=kmlab-" + gridName,
                "--array=" + arrayList(tasks), "--chdir=" + dir,
                "--output=" + dir.resolve("slurm/logs/shard-%a-job%A.out")));
        options(c, s);
        if (s.exclusive()) {
            c.add("--exclusive");
        }
        c.addAll(s.sbatchArgs());
        c.addAll(List.of(dir.resolve("slurm/" + SHARDS_SCRIPT).toString(), s.launcher().toString(),
                s.grid().toString(), dir.toString(), String.valueOf(s.shards())));
        if (s.noPeak()) {
            c.add("--no-peak");
        }
        return c;
    }

    /** sbatch's line for the merge and report, after every task of {@code shardJob} (null: at once). */
    static List<String> mergeCommand(Submission s, String gridName, Path dir, String shardJob) {
        List<String> c = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=kmlab-" + gridName + "-merge"));
        if (shardJob != null) {
            c.add("--dependency=afterany:" + shardJob);
        }
        c.addAll(List.of("--chdir=" + dir, "--output=" + dir.resolve("slurm/logs/merge-job%j.out")));
        options(c, s);
        c.addAll(s.sbatchArgs());
        c.addAll(List.of(dir.resolve("slurm/" + MERGE_SCRIPT).toString(), s.launcher().toString(), dir.toString(),
                String.valueOf(s.shards())));
        return c;
    }

    private static void options(List<String> c, Submission s) {
        if (s.partition() != null) {
            c.add("--partition=" + s.partition());
        }
        if (s.time() != null) {
            c.add("--time=" + s.time());
        }
    }

    /** 1-4 for every task in a row, else the list: 2,4. */
    static String arrayList(List<Integer> tasks) {
        boolean run = tasks.size() > 1 && tasks.getLast() - tasks.getFirst() == tasks.size() - 1;
        return run ? tasks.getFirst() + "-" + tasks.getLast()
                : tasks.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * One shard, array task I of N. Its values are its arguments (launcher, grid, folder, N, options
     * for kmlab run), quoted wherever used: nothing from the user becomes shell code. A shard whose
     * folder holds runs already (a resubmission) continues it.
     */
    static final String SHARDS_TEXT = """
            #!/bin/bash
            # kmlab slurm: one shard of a grid per task of this array job (written by kmlab slurm).
            # Arguments: KMLAB GRID DIR N [kmlab run options]; the task I runs shard I/N into DIR/shards/I.
            set -euo pipefail
            kmlab=$1
            grid=$2
            dir=$3
            n=$4
            shift 4
            i=${SLURM_ARRAY_TASK_ID:?this script runs as a task of a Slurm array job}
            echo "kmlab slurm: shard $i/$n on node ${SLURMD_NODENAME:-$(hostname)}, job ${SLURM_ARRAY_JOB_ID:-?}_$i"
            resume=()
            if [ -e "$dir/shards/$i/runs.jsonl" ]; then
                resume=(--resume)
            fi
            mkdir -p "$dir/shards"
            exec "$kmlab" run "$grid" --shard "$i/$n" --out "$dir/shards/$i" --no-analysis "${resume[@]}" "$@"
            """;

    /**
     * The merge of every shard into a staging folder, its files then moved into DIR (replacing an
     * earlier merge's, never slurm/ or shards/), and the report of DIR.
     */
    static final String MERGE_TEXT = """
            #!/bin/bash
            # kmlab slurm: merges the shards of DIR/shards into DIR and writes the report (written by kmlab slurm).
            # Arguments: KMLAB DIR N.
            set -euo pipefail
            kmlab=$1
            dir=$2
            n=$3
            folders=()
            for ((i = 1; i <= n; i++)); do
                folders+=("$dir/shards/$i")
            done
            staging="$dir/slurm/merged-${SLURM_JOB_ID:-$$}"
            rm -rf "$staging"
            "$kmlab" merge "$staging" "${folders[@]}"
            for f in "$staging"/*; do
                name=${f##*/}
                rm -rf "$dir/$name"
                mv "$f" "$dir/$name"
            done
            rm -rf "$staging"
            "$kmlab" analyze "$dir"
            echo "kmlab slurm: merged $n shards into $dir; report: $dir/report.md"
            """;

    /** A results folder for a new submission: new or empty, as run and merge want theirs. */
    private static void checkNew(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + " exists and is not a folder");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " exists and is not empty: choose another --out (kmlab"
                            + " slurm --resume DIR resubmits an earlier submission's unfinished shards)");
                }
            }
        }
    }

    /**
     * A path sbatch's --output pattern takes as it is: it expands '%', and a backslash turns its
     * expansion off (every task would write one log).
     */
    private static void checkPath(Path p, String what) {
        String s = p.toString();
        if (s.contains("%") || s.contains("\\") || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(what + " " + OneLine.of(s) + " has a '%', a backslash or a control"
                    + " character, which sbatch's --output would change; choose another");
        }
    }

    private static void checkLauncher(Path kmlab) {
        if (!Files.isRegularFile(kmlab) || !Files.isExecutable(kmlab)) {
            throw new IllegalArgumentException("the launcher " + kmlab + " is not an executable file");
        }
    }

    /** The launcher of the checkout whose runner.jar runs this: ROOT/kmlab for ROOT/runner/target/runner.jar. */
    private static Path besideJar() {
        Path jar = AotCache.jar();
        Path root = jar == null || jar.getParent() == null || jar.getParent().getParent() == null ? null
                : jar.getParent().getParent().getParent();
        if (root == null || !Files.isExecutable(root.resolve("kmlab"))) {
            throw new IllegalArgumentException("no kmlab launcher beside " + (jar == null ? "these classes" : jar)
                    + "; give the one the jobs are to run with --kmlab PATH");
        }
        return root.resolve("kmlab").normalize();
    }

    /** A program on the search path, or a one-line refusal. */
    private Path find(String program) {
        Path p = lookUp(program);
        if (p == null) {
            throw new IllegalArgumentException(program + " is not on PATH: run this where Slurm's commands are (a login"
                    + " node), or see the jobs with --dry-run");
        }
        return p;
    }

    private Path lookUp(String program) {
        for (String d : searchPath.split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Refuses to resubmit while a job of the last submission is still in Slurm's queue (pending or
     * running: its shards would run twice). Asks squeue, when it is there; a job squeue no longer
     * knows (it answers with an error) has left the queue.
     */
    private void refuseQueued(Path dir) throws IOException, InterruptedException {
        Path squeue = lookUp("squeue");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("slurm/" + SUBMISSION), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<String> jobs = Stream.of(p.getProperty("shard_job"), p.getProperty("merge_job"))
                .filter(j -> j != null && j.matches("[0-9]+")).distinct().toList();
        if (squeue == null || jobs.isEmpty()) {
            return;
        }
        Process q = new ProcessBuilder(squeue.toString(), "-h", "-o", "%i %T", "-j", String.join(",", jobs))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String listed = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!q.waitFor(60, TimeUnit.SECONDS)) {
            q.destroyForcibly();
            throw new IllegalArgumentException("squeue did not answer in 60 s");
        }
        if (q.exitValue() == 0 && !listed.isEmpty()) {
            throw new IllegalArgumentException("the last submission's jobs are still in the queue (" + OneLine.of(
                    listed.lines().collect(Collectors.joining(", "))) + "): wait for them (squeue -j "
                    + String.join(",", jobs) + ") or cancel them (scancel " + String.join(" ", jobs) + "), then --resume");
        }
    }

    /** Runs one sbatch line (the program found on the path) and returns the job id it prints (--parsable). */
    private static String submit(Path sbatch, List<String> line) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(line);
        command.set(0, sbatch.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path err = Files.createTempFile("kmlab-sbatch", ".err");
        try {
            pb.redirectError(err.toFile());
            Process p = pb.start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalArgumentException("sbatch did not answer in 120 s");
            }
            String stderr = Files.readString(err).strip();
            if (p.exitValue() != 0) {
                throw new IllegalArgumentException("sbatch refused the job (exit " + p.exitValue() + "): "
                        + OneLine.of(stderr.isEmpty() ? printed : stderr));
            }
            // --parsable: "ID" or "ID;CLUSTER"
            String id = printed.lines().reduce((a, b) -> b).orElse("").split(";")[0].strip();
            if (!id.matches("[0-9]+")) {
                throw new IllegalArgumentException("sbatch printed no job id: '" + OneLine.of(printed) + "'");
            }
            return id;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** DIR/slurm/: the grid as submitted (what every shard runs), the two scripts, the logs' folder. */
    private static void write(Path dir, Submission s, Path source) throws IOException {
        Path slurm = dir.resolve("slurm");
        Files.createDirectories(slurm.resolve("logs"));
        byte[] grid = Files.readAllBytes(source);
        AtomicOutput.writeBytes(s.grid(), o -> o.write(grid));
        for (String[] f : new String[][] {{SHARDS_SCRIPT, SHARDS_TEXT}, {MERGE_SCRIPT, MERGE_TEXT}}) {
            Path script = slurm.resolve(f[0]);
            AtomicOutput.write(script, w -> w.write(f[1]));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static Properties properties(Submission s) {
        Properties p = new Properties();
        p.setProperty("grid", s.grid().toString());
        p.setProperty("shards", String.valueOf(s.shards()));
        p.setProperty("kmlab", s.launcher().toString());
        if (s.partition() != null) {
            p.setProperty("partition", s.partition());
        }
        if (s.time() != null) {
            p.setProperty("time", s.time());
        }
        p.setProperty("exclusive", String.valueOf(s.exclusive()));
        p.setProperty("no_peak", String.valueOf(s.noPeak()));
        for (int i = 0; i < s.sbatchArgs().size(); i++) {
            p.setProperty("sbatch_arg." + (i + 1), s.sbatchArgs().get(i));
        }
        return p;
    }

    /** The submission of DIR, for --resume. */
    static Submission read(Path dir) throws IOException {
        Path file = dir.resolve("slurm/" + SUBMISSION);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a folder kmlab slurm submitted (no slurm/" + SUBMISSION + ")");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            List<String> args = new ArrayList<>();
            for (int i = 1; p.getProperty("sbatch_arg." + i) != null; i++) {
                args.add(p.getProperty("sbatch_arg." + i));
            }
            int n = Integer.parseInt(p.getProperty("shards"));
            // the grid as submitted is DIR's own, wherever DIR has moved since
            return new Submission(dir.resolve("slurm/grid.yaml"), n, Path.of(p.getProperty("kmlab")),
                    p.getProperty("partition"), p.getProperty("time"), Boolean.parseBoolean(p.getProperty("exclusive")),
                    List.copyOf(args), Boolean.parseBoolean(p.getProperty("no_peak")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is damaged (" + e + "): submit the grid again into a new folder");
        }
    }

    /** The submission with its latest job ids, and one line more in DIR/slurm/jobs.txt. */
    private static void store(Path dir, Properties p, String what) throws IOException {
        StringWriter text = new StringWriter();
        p.store(text, "kmlab slurm: what was submitted (kmlab slurm --resume reads it)");
        AtomicOutput.write(dir.resolve("slurm/" + SUBMISSION), w -> w.write(text.toString()));
        Files.writeString(dir.resolve("slurm/jobs.txt"), LocalDateTime.now().withNano(0) + " submitted " + what + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** The line as a POSIX shell would take it back, word for word: for showing only, never run. */
    static String quoted(List<String> line) {
        return line.stream().map(w -> w.matches("[A-Za-z0-9_@%+=:,./-]+") ? w : "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

}
