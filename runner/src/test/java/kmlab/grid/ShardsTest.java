package kmlab.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunRecords;
import kmlab.runs.RunSpec;
import kmlab.runs.RunsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which shards kmlab slurm --resume submits again, on synthetic shard folders. */
class ShardsTest {
    @TempDir
    Path dir;

    private Plan plan() throws Exception {
        Path g = dir.resolve("g.yaml");
        Files.writeString(g, """
                name: g
                repeats: 2
                data: {n: [300, 600], d: 2}
                fits: {mode: sweep, k_max: 3}
                implementations:
                  - {name: a, layout: rows, kernel: scalar, threads: 1}
                  - {name: b, layout: rows, kernel: simd, threads: 1}
                """);
        return Plan.of(GridLoader.load(g));
    }

    /** A shard folder holding these runs, each recorded with {@code status}. */
    private void folder(int i, List<RunSpec> runs, RunOutcome.Status status) throws IOException {
        Path f = dir.resolve("shards/" + i);
        Files.createDirectories(f);
        StringBuilder sb = new StringBuilder();
        for (RunSpec r : runs) {
            sb.append(RunRecords.json(new RunRecord(r, "m-test", RunOutcome.notRun(status, "synthetic")))).append('\n');
        }
        Files.writeString(f.resolve(RunsFile.NAME), sb.toString());
    }

    @Test
    void aShardIsFinishedWhenItsFolderRecordsEveryRunOfItsSlice() throws Exception {
        Plan plan = plan();
        int n = 5;
        assertEquals(8, plan.runs().size()); // 4 groups of 2: shard 5 of 5 has no runs and is always finished
        // 1: every run, failed ones count (run --resume keeps them); 2: one run short;
        // 3: no folder; 4: every run, but skipped (a resume runs those again)
        folder(1, plan.shard(1, n).runs(), RunOutcome.Status.FAILED);
        List<RunSpec> two = plan.shard(2, n).runs();
        folder(2, two.subList(0, two.size() - 1), RunOutcome.Status.FAILED);
        folder(4, plan.shard(4, n).runs(), RunOutcome.Status.SKIPPED);
        assertEquals(List.of(2, 3, 4), Shards.unfinished(plan, n, dir.resolve("shards")));

        // a torn last line (a shard killed mid-append) is not a record; the file is left as it is
        Path runs1 = dir.resolve("shards/1/" + RunsFile.NAME);
        String whole = Files.readString(runs1);
        Files.writeString(runs1, whole.substring(0, whole.length() - 10));
        assertEquals(List.of(1, 2, 3, 4), Shards.unfinished(plan, n, dir.resolve("shards")));
        assertEquals(whole.substring(0, whole.length() - 10), Files.readString(runs1));

        // another shard's runs in a folder do not finish it
        folder(3, plan.shard(1, n).runs(), RunOutcome.Status.OK);
        folder(1, plan.shard(1, n).runs(), RunOutcome.Status.OK);
        assertEquals(List.of(2, 3, 4), Shards.unfinished(plan, n, dir.resolve("shards")));
    }

    @Test
    void aShardStillRunningIsRefused() throws Exception {
        Plan plan = plan();
        folder(1, plan.shard(1, 2).runs().subList(0, 1), RunOutcome.Status.OK);
        try (FolderLock lock = FolderLock.acquire(dir.resolve("shards/1"), "run")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Shards.unfinished(plan, 2, dir.resolve("shards")));
            assertTrue(e.getMessage().contains("in use by another kmlab run"), e.getMessage());
        }
        assertEquals(List.of(1, 2), Shards.unfinished(plan, 2, dir.resolve("shards")));
    }
}
