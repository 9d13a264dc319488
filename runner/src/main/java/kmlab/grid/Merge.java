package kmlab.grid;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import kmlab.data.AtomicOutput;
import kmlab.runs.RunRecord;
import kmlab.runs.RunsFile;

/**
 * Joins the results folders of one grid's shards into one: the same grid file or nothing, every
 * run at most once, each machine's fingerprint kept (rows say which machine ran them).
 */
public final class Merge {
    private Merge() {
    }

    /**
     * Returns the number of runs in the merged folder. Every source is read, and checked, before
     * anything is written; the target is locked ({@link FolderLock}) while it is written.
     */
    public static int merge(Path target, List<Path> sources) throws IOException {
        if (sources.size() < 2) {
            throw new IllegalArgumentException("merge needs at least two results folders");
        }
        byte[] grid = null;
        for (Path s : sources) {
            for (String f : List.of("grid.yaml", RunsFile.NAME, "env.json")) {
                if (!Files.exists(s.resolve(f))) {
                    throw new IllegalArgumentException(s + " is not a results folder (no " + f + ")");
                }
            }
            FolderLock.checkFree(s); // a shard still running: its folder is not complete yet
            byte[] g = Files.readAllBytes(s.resolve("grid.yaml"));
            if (grid == null) {
                grid = g;
            } else if (!Arrays.equals(grid, g)) {
                throw new IllegalArgumentException("refusing to mix grid files: " + sources.get(0) + "/grid.yaml and "
                        + s + "/grid.yaml differ");
            }
        }
        Map<String, Path> seen = new HashMap<>();
        List<RunRecord> rows = new ArrayList<>();
        for (Path s : sources) {
            for (RunRecord row : ResultsLog.read(s)) {
                Path before = seen.put(row.spec().key(), s);
                if (before != null) {
                    throw new IllegalArgumentException("run " + row.spec().key() + " is in both " + before + " and " + s);
                }
                rows.add(row);
            }
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " exists and is not a folder");
        }
        Files.createDirectories(target);
        try (FolderLock lock = FolderLock.acquire(target, "merge")) {
            if (!isEmpty(target)) {
                throw new IllegalArgumentException(target + " exists and is not empty");
            }
            write(target, sources, rows, grid);
        }
        return rows.size();
    }

    private static void write(Path target, List<Path> sources, List<RunRecord> rows, byte[] grid) throws IOException {
        try (ResultsLog log = new ResultsLog(target, false)) {
            for (RunRecord row : rows) {
                log.append(row);
            }
        }
        Set<String> commits = new LinkedHashSet<>();
        for (Path s : sources) {
            copy(s.resolve("env.json"), target.resolve("env-" + machineId(s.resolve("env.json")) + ".json"));
            if (Files.exists(s.resolve("commit.txt"))) {
                commits.add(Files.readString(s.resolve("commit.txt")).strip());
            }
        }
        byte[] gridBytes = grid;
        AtomicOutput.writeBytes(target.resolve("grid.yaml"), o -> o.write(gridBytes));
        copy(sources.get(0).resolve("env.json"), target.resolve("env.json"));
        AtomicOutput.write(target.resolve("commit.txt"), w -> w.write(String.join("\n", commits) + "\n"));
        // the shards' plans together are the grid's plan (each shard planned its own slice)
        if (sources.stream().allMatch(x -> Files.exists(x.resolve("plan.txt")))) {
            AtomicOutput.write(target.resolve("plan.txt"), w -> {
                for (Path x : sources) {
                    for (String key : Files.readAllLines(x.resolve("plan.txt"))) {
                        w.write(key + "\n");
                    }
                }
            });
        }
        AtomicOutput.write(target.resolve("merged_from.txt"), w -> {
            for (Path s : sources) {
                w.write(s.toAbsolutePath() + "\n");
            }
        });
    }

    /** A file of a shard into the merged folder, by the one atomic writer. */
    private static void copy(Path from, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(from);
        AtomicOutput.writeBytes(to, o -> o.write(bytes));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(FolderLock::isLockFile);
        }
    }

    /** The machine id of a shard's env.json (a machine's env-ID.json in the merged folder), or "unknown". */
    private static String machineId(Path env) throws IOException {
        try {
            JsonElement id = JsonParser.parseString(Files.readString(env)).getAsJsonObject().get("machine_id");
            String s = id == null || id.isJsonNull() ? "" : id.getAsString();
            // it names a file: nothing that could leave the folder
            return s.matches("[A-Za-z0-9._-]{1,64}") ? s : "unknown";
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(kmlab.util.OneLine.of(env + " is not JSON (" + e.getMessage() + ")"));
        }
    }
}
