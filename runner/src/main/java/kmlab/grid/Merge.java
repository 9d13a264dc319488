package kmlab.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kmlab.data.AtomicOutput;

/**
 * Joins the results folders of one grid's shards into one: the same grid file or nothing, every
 * run at most once, each machine's fingerprint kept (rows say which machine ran them).
 */
public final class Merge {
    private Merge() {
    }

    /** Returns the number of runs in the merged folder. */
    public static int merge(Path target, List<Path> sources) throws IOException {
        if (sources.size() < 2) {
            throw new IllegalArgumentException("merge needs at least two results folders");
        }
        if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent())) {
            throw new IllegalArgumentException(target + " exists and is not empty");
        }
        byte[] grid = null;
        for (Path s : sources) {
            for (String f : List.of("grid.yaml", "runs.jsonl", "env.json")) {
                if (!Files.exists(s.resolve(f))) {
                    throw new IllegalArgumentException(s + " is not a results folder (no " + f + ")");
                }
            }
            byte[] g = Files.readAllBytes(s.resolve("grid.yaml"));
            if (grid == null) {
                grid = g;
            } else if (!Arrays.equals(grid, g)) {
                throw new IllegalArgumentException("refusing to mix grid files: " + sources.get(0) + "/grid.yaml and "
                        + s + "/grid.yaml differ");
            }
        }
        Files.createDirectories(target);
        Map<String, Path> seen = new HashMap<>();
        Set<String> commits = new LinkedHashSet<>();
        int runs = 0;
        try (ResultsLog log = new ResultsLog(target, false)) {
            for (Path s : sources) {
                for (Map<String, Object> row : ResultsLog.read(s)) {
                    Path before = seen.put((String) row.get("key"), s);
                    if (before != null) {
                        throw new IllegalArgumentException("run " + row.get("key") + " is in both " + before + " and " + s);
                    }
                    log.append(row);
                    runs++;
                }
                String env = Files.readString(s.resolve("env.json"));
                String id = env.replaceAll("(?s).*\"machine_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                Files.copy(s.resolve("env.json"), target.resolve("env-" + (id.equals(env) ? "unknown" : id) + ".json"),
                        StandardCopyOption.REPLACE_EXISTING);
                if (Files.exists(s.resolve("commit.txt"))) {
                    commits.add(Files.readString(s.resolve("commit.txt")).strip());
                }
            }
        }
        Files.write(target.resolve("grid.yaml"), grid);
        Files.copy(sources.get(0).resolve("env.json"), target.resolve("env.json"));
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
        return runs;
    }
}
