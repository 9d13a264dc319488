package kmlab.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunSpec;
import kmlab.runs.RunsFile;

/**
 * The shards of one grid, each in its own results folder {@code DIR/I} (kmlab slurm's layout): which
 * of them have not finished. A shard is finished when its folder records every run of its slice of
 * the plan ({@link Plan#shard}), ok or failed as {@code run --resume} would keep them (a skipped
 * peer's runs it runs again, so they are not finished); a shard still running is refused.
 */
public final class Shards {
    private Shards() {
    }

    /** The 1-based indices of the shards of {@code plan} in {@code n} that are not finished in {@code dir}. */
    public static List<Integer> unfinished(Plan plan, int n, Path dir) throws IOException {
        List<Integer> todo = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!finished(plan.shard(i, n), dir.resolve(String.valueOf(i)))) {
                todo.add(i);
            }
        }
        return todo;
    }

    private static boolean finished(Plan shard, Path folder) throws IOException {
        Path runs = folder.resolve(RunsFile.NAME);
        if (shard.runs().isEmpty()) {
            return true;
        }
        if (!Files.isRegularFile(runs)) {
            return false;
        }
        FolderLock.checkFree(folder); // a shard still running is not to be started twice
        Set<String> done = new HashSet<>();
        for (RunsFile.Line line : RunsFile.recover(runs).lines()) { // reads; cuts nothing
            RunRecord r = line.record();
            if (r.outcome().status() != RunOutcome.Status.SKIPPED) {
                done.add(r.spec().key());
            }
        }
        for (RunSpec r : shard.runs()) {
            if (!done.contains(r.key())) {
                return false;
            }
        }
        return true;
    }
}
