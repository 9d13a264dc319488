package kmlab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kmlab.grid.GridLoader;
import kmlab.grid.Plan;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunRecords;
import kmlab.runs.RunSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * kmlab slurm without Slurm: the dry run's scripts and sbatch lines, the refusals, and submission end
 * to end through a stand-in sbatch (records its arguments, prints a job id, and runs the batch script
 * as Slurm would: once per array task) and a stand-in kmlab (records its arguments).
 */
class SlurmCommandTest {
    @TempDir
    Path dir;

    /** A folder name a shell would split, expand or run if the script ever let it. */
    private static final String NASTY = "a b'c\"d;$(touch PWNED)`touch PWNED2`*";

    private Path bin;
    private Path grid;
    private Path launcher;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        grid = dir.resolve("g.yaml");
        Files.writeString(grid, """
                name: g
                repeats: 1
                data: {n: [300, 600, 900], d: 2}
                fits: {mode: sweep, k_max: 3}
                implementations:
                  - {name: a, layout: rows, kernel: scalar, threads: 1}
                  - {name: b, layout: rows, kernel: simd, threads: 1}
                """);
        // the stand-in launcher: one line per call, its arguments NUL-separated; merge makes its OUT
        launcher = script(bin.resolve("kmlab"), """
                #!/bin/bash
                printf '%s\\0' "$@" >> "$(dirname "$0")/kmlab.calls"
                printf '\\n' >> "$(dirname "$0")/kmlab.calls"
                if [ "$1" = merge ]; then mkdir -p "$2/plots" && echo merged > "$2/runs.jsonl"; fi
                """);
        // the stand-in sbatch: records its arguments (one call a line, NUL-separated), prints the next
        // job id, and runs the script after its options, once per task of --array
        script(bin.resolve("sbatch"), """
                #!/bin/bash
                here=$(dirname "$0")
                printf '%s\\0' "$@" >> "$here/sbatch.calls"
                printf '\\n' >> "$here/sbatch.calls"
                id=$(( $(wc -l < "$here/sbatch.calls") + 100 ))
                array=""
                while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do
                    case "$1" in --array=*) array=${1#--array=} ;; esac
                    shift
                done
                if [ -n "$array" ]; then
                    for t in $(tr ',' ' ' <<< "$array"); do
                        case "$t" in *-*) t=$(seq "${t%-*}" "${t#*-}") ;; esac
                        for t in $t; do
                        SLURM_ARRAY_TASK_ID=$t SLURM_ARRAY_JOB_ID=$id bash "$@" > /dev/null
                        done
                    done
                else
                    SLURM_JOB_ID=$id bash "$@" > /dev/null
                fi
                echo "$id"
                """);
    }

    private static Path script(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Run slurm(String path, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SlurmCommand(path));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> Main.failed(ex, "slurm", cmd.getErr()));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Each recorded call of a stand-in, as its argument list. */
    private static List<List<String>> calls(Path file) throws IOException {
        List<List<String>> calls = new ArrayList<>();
        if (!Files.exists(file)) {
            return calls;
        }
        for (String line : Files.readString(file).split("\n")) {
            List<String> args = new ArrayList<>(List.of(line.split("\0", -1)));
            args.removeLast(); // after the last NUL
            calls.add(args);
        }
        return calls;
    }

    private List<String> expectedShardLine(Path out, String array) {
        return List.of("sbatch", "--parsable", "--job-name=kmlab-g", "--array=" + array, "--chdir=" + out,
                "--output=" + out + "/slurm/logs/shard-%a-job%A.out", "--partition=p 1", "--time=1:00:00",
                "--exclusive", "--account=x y", out + "/slurm/shards.sbatch", launcher.toString(),
                out + "/slurm/grid.yaml", out.toString(), "3", "--no-peak");
    }

    @Test
    void theDryRunPrintsBothScriptsAndBothLinesAndWritesNothing() {
        Path out = dir.resolve("out");
        Run r = slurm("", grid.toString(), "--shards", "3", "--out", out.toString(), "--kmlab", launcher.toString(),
                "--partition", "p 1", "--time", "1:00:00", "--sbatch-arg=--account=x y", "--no-peak", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(SlurmCommand.SHARDS_TEXT), r.out());
        assertTrue(r.out().contains(SlurmCommand.MERGE_TEXT), r.out());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains(SlurmCommand.quoted(expectedShardLine(out, "1-3"))), r.out());
        assertTrue(lines.contains(SlurmCommand.quoted(List.of("sbatch", "--parsable", "--job-name=kmlab-g-merge",
                "--dependency=afterany:SHARDS_JOB_ID", "--chdir=" + out, "--output=" + out + "/slurm/logs/merge-job%j.out",
                "--partition=p 1", "--time=1:00:00", "--account=x y", out + "/slurm/merge.sbatch", launcher.toString(),
                out.toString(), "3"))), r.out());
        assertFalse(Files.exists(out), "a dry run writes nothing");
        // the quoting shown is a POSIX shell's
        assertEquals("sbatch 'a b' 'it'\\''s' --x=1", SlurmCommand.quoted(List.of("sbatch", "a b", "it's", "--x=1")));
        assertEquals("1-4", SlurmCommand.arrayList(List.of(1, 2, 3, 4)));
        assertEquals("2,4", SlurmCommand.arrayList(List.of(2, 4)));
        assertEquals("3", SlurmCommand.arrayList(List.of(3)));
        // --exclusive is the default; --no-exclusive lets shards share a node
        Run exclusive = slurm("", grid.toString(), "--shards", "3", "--out", out.toString(), "--kmlab", launcher.toString(),
                "--exclusive", "--dry-run");
        assertTrue(exclusive.out().contains(" --exclusive "), exclusive.out());
        Run shared = slurm("", grid.toString(), "--shards", "3", "--out", out.toString(), "--kmlab", launcher.toString(),
                "--no-exclusive", "--dry-run");
        assertEquals(0, shared.code(), shared.err());
        assertFalse(shared.out().contains("--exclusive"), shared.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no shards | GRID --kmlab KMLAB | needs GRID and --shards N",
        "one shard | GRID --shards 1 --kmlab KMLAB | --shards must be 2 to 3",
        "more shards than groups | GRID --shards 4 --kmlab KMLAB | --shards must be 2 to 3 (the grid's paired groups",
        "a missing grid | DIR/none.yaml --shards 2 --kmlab KMLAB | none.yaml: no such file",
        "a bad grid | DIR/bad.yaml --shards 2 --kmlab KMLAB | bad.yaml",
        "a grid of one group | DIR/one.yaml --shards 2 --kmlab KMLAB | the grid has one paired group",
        "resume and a grid | GRID --resume DIR/out | --resume DIR takes no GRID",
        "resume of another folder | --resume DIR | is not a folder kmlab slurm submitted",
        "an unrelated folder | GRID --shards 2 --out DIR/full --kmlab KMLAB | exists and is not empty",
        "a percent sign | GRID --shards 2 --out DIR/100% --kmlab KMLAB | has a '%'",
        "a backslash | GRID --shards 2 --out DIR/a\\b --kmlab KMLAB | a backslash",
        "not an option for sbatch | GRID --shards 2 --out DIR/o --kmlab KMLAB --sbatch-arg x | --sbatch-arg takes sbatch's options",
        "no launcher | GRID --shards 2 --out DIR/o --kmlab DIR/none | is not an executable file",
        "no sbatch | GRID --shards 2 --out DIR/o --kmlab KMLAB | sbatch is not on PATH",
    })
    void badArgumentsAreOneLineExitTwoAndWriteNothing(String name, String args, String message) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "name: bad\ndata: {n: 10}\n");
        Files.writeString(dir.resolve("one.yaml"), Files.readString(grid).replace("[300, 600, 900]", "300"));
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/mine.txt"), "kept");
        List<String> line = new ArrayList<>();
        for (String a : args.strip().split(" ")) {
            line.add(a.replace("GRID", grid.toString()).replace("KMLAB", launcher.toString()).replace("DIR", dir.toString()));
        }
        try (Stream<Path> before = Files.walk(dir)) {
            List<Path> files = before.toList();
            Run r = slurm("", line.toArray(String[]::new));
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().startsWith("kmlab slurm: ") && r.err().contains(message), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            try (Stream<Path> after = Files.walk(dir)) {
                assertEquals(files, after.toList(), "nothing written");
            }
        }
        assertEquals("kept", Files.readString(dir.resolve("full/mine.txt")));
    }

    @Test
    void aSubmissionPassesEveryValueAsOneArgumentAndTheScriptsRunEachShardThenTheMerge() throws Exception {
        Path out = dir.resolve(NASTY);
        Run r = slurm(bin.toString(), grid.toString(), "--shards", "3", "--out", out.toString(), "--kmlab",
                launcher.toString(), "--partition", "p 1", "--time", "1:00:00", "--sbatch-arg=--account=x y", "--no-peak");
        assertEquals(0, r.code(), r.err());
        List<List<String>> sbatch = calls(bin.resolve("sbatch.calls"));
        assertEquals(2, sbatch.size(), sbatch.toString());
        assertEquals(expectedShardLine(out, "1-3").subList(1, 16), sbatch.get(0));
        assertTrue(sbatch.get(1).contains("--dependency=afterany:101"), sbatch.get(1).toString());
        assertTrue(r.out().contains("submitted shards 1-3 of 3 as array job 101") && r.out().contains("job 102"), r.out());
        assertTrue(r.out().contains("squeue -j 101,102") && r.out().contains("sacct -j 101,102"), r.out());

        // the scripts, run as Slurm would, called kmlab with the values as they were
        String g = out + "/slurm/grid.yaml";
        List<List<String>> kmlab = calls(bin.resolve("kmlab.calls"));
        List<List<String>> expected = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            expected.add(List.of("run", g, "--shard", i + "/3", "--out", out + "/shards/" + i, "--no-analysis", "--no-peak"));
        }
        String staging = out + "/slurm/merged-102";
        expected.add(List.of("merge", staging, out + "/shards/1", out + "/shards/2", out + "/shards/3"));
        expected.add(List.of("analyze", out.toString()));
        assertEquals(expected, kmlab);
        assertFalse(Files.exists(dir.resolve("PWNED")) || Files.exists(dir.resolve("PWNED2"))
                || Files.exists(Path.of("PWNED")) || Files.exists(Path.of("PWNED2")), "a name ran as a command");
        // the merge's files were moved into DIR, its staging folder removed
        assertEquals("merged\n", Files.readString(out.resolve("runs.jsonl")));
        assertTrue(Files.isDirectory(out.resolve("plots")));
        assertFalse(Files.exists(Path.of(staging)));
        assertEquals(Files.readString(grid), Files.readString(Path.of(g)), "the grid as submitted");
        SlurmCommand.Submission s = SlurmCommand.read(out);
        assertEquals(new SlurmCommand.Submission(Path.of(g), 3, launcher, "p 1", "1:00:00", true, List.of("--account=x y"),
                true), s);
        String props = Files.readString(out.resolve("slurm/submission.properties"));
        assertTrue(props.contains("shard_job=101") && props.contains("merge_job=102"), props);

        // a second submission into the same folder is refused, and submits nothing
        Run again = slurm(bin.toString(), grid.toString(), "--shards", "3", "--out", out.toString(), "--kmlab",
                launcher.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("exists and is not empty"), again.err());
        assertEquals(2, calls(bin.resolve("sbatch.calls")).size());
    }

    @Test
    void resumeSubmitsOnlyTheShardsThatDidNotFinishEachContinuingItsFolder() throws Exception {
        Path out = dir.resolve("out");
        Run r = slurm(bin.toString(), grid.toString(), "--shards", "3", "--out", out.toString(), "--kmlab",
                launcher.toString());
        assertEquals(0, r.code(), r.err());
        // shard 2 finished, shard 1 has one of its two runs, shard 3 none (its folder was never made)
        Plan plan = Plan.of(GridLoader.load(grid));
        record(out.resolve("shards/2"), plan.shard(2, 3).runs());
        record(out.resolve("shards/1"), plan.shard(1, 3).runs().subList(0, 1));
        Files.delete(bin.resolve("sbatch.calls"));
        Files.delete(bin.resolve("kmlab.calls"));

        Run resumed = slurm(bin.toString(), "--resume", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        List<List<String>> sbatch = calls(bin.resolve("sbatch.calls"));
        assertEquals(2, sbatch.size(), sbatch.toString());
        assertTrue(sbatch.get(0).contains("--array=1,3"), sbatch.get(0).toString());
        assertTrue(sbatch.get(0).contains("--exclusive"), "the first submission's options: " + sbatch.get(0));
        assertTrue(sbatch.get(1).contains("--dependency=afterany:101"), sbatch.get(1).toString());
        String g = out + "/slurm/grid.yaml";
        List<List<String>> kmlab = calls(bin.resolve("kmlab.calls"));
        assertEquals(List.of("run", g, "--shard", "1/3", "--out", out + "/shards/1", "--no-analysis", "--resume"),
                kmlab.get(0));
        assertEquals(List.of("run", g, "--shard", "3/3", "--out", out + "/shards/3", "--no-analysis"), kmlab.get(1));
        assertEquals("merge", kmlab.get(2).getFirst());
        assertEquals(List.of("analyze", out.toString()), kmlab.get(3));
        assertEquals(2, Files.readString(out.resolve("slurm/jobs.txt")).lines().filter(l -> l.contains("shards")).count());

        // every shard finished: the merge alone
        record(out.resolve("shards/1"), plan.shard(1, 3).runs());
        record(out.resolve("shards/3"), plan.shard(3, 3).runs());
        Files.delete(bin.resolve("sbatch.calls"));
        Run merge = slurm(bin.toString(), "--resume", out.toString());
        assertEquals(0, merge.code(), merge.err());
        assertTrue(merge.out().contains("every shard"), merge.out());
        List<List<String>> only = calls(bin.resolve("sbatch.calls"));
        assertEquals(1, only.size());
        assertTrue(only.get(0).stream().noneMatch(a -> a.startsWith("--dependency") || a.startsWith("--array")), only.toString());

        // while a job of the last submission is in the queue, nothing is submitted again
        script(bin.resolve("squeue"), """
                #!/bin/bash
                printf '%s\\0' "$@" > "$(dirname "$0")/squeue.args"
                echo "103 PENDING"
                """);
        Files.delete(bin.resolve("sbatch.calls"));
        Run queued = slurm(bin.toString(), "--resume", out.toString());
        assertEquals(2, queued.code(), queued.out());
        assertTrue(queued.err().contains("still in the queue (103 PENDING)") && queued.err().contains("scancel 101"),
                queued.err());
        assertFalse(Files.exists(bin.resolve("sbatch.calls")));
        assertEquals(List.of("-h", "-o", "%i %T", "-j", "101"), calls(bin.resolve("squeue.args")).getFirst());
        // a job squeue no longer knows has left the queue
        script(bin.resolve("squeue"), """
                #!/bin/bash
                echo "slurm_load_jobs error: Invalid job id specified" >&2
                exit 1
                """);
        assertEquals(0, slurm(bin.toString(), "--resume", out.toString()).code());
        assertEquals(1, calls(bin.resolve("sbatch.calls")).size());
    }

    @Test
    void aMovedFolderResumesWhereItIsWithTheLauncherGiven() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, slurm(bin.toString(), grid.toString(), "--shards", "2", "--out", out.toString(), "--kmlab",
                launcher.toString()).code());
        Path moved = Files.move(out, dir.resolve("moved"));
        Path other = script(dir.resolve("other-kmlab"), "#!/bin/bash\n");
        Files.delete(bin.resolve("sbatch.calls"));
        Run r = slurm(bin.toString(), "--resume", moved.toString(), "--kmlab", other.toString());
        assertEquals(0, r.code(), r.err());
        List<String> line = calls(bin.resolve("sbatch.calls")).getFirst();
        assertEquals(List.of(moved + "/slurm/shards.sbatch", other.toString(), moved + "/slurm/grid.yaml",
                moved.toString(), "2"), line.subList(line.size() - 5, line.size()), line.toString());
        assertTrue(line.contains("--array=1-2") && line.contains("--chdir=" + moved), line.toString());
    }

    private static void record(Path folder, List<RunSpec> runs) throws IOException {
        Files.createDirectories(folder);
        StringBuilder sb = new StringBuilder();
        for (RunSpec r : runs) {
            sb.append(RunRecords.json(new RunRecord(r, "m-test", RunOutcome.notRun(RunOutcome.Status.FAILED, "x"))))
                    .append('\n');
        }
        Files.writeString(folder.resolve("runs.jsonl"), sb.toString());
    }
}
