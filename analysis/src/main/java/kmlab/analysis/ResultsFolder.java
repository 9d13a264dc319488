package kmlab.analysis;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmlab.runs.RunsFile;
import kmlab.util.OneLine;

/**
 * A grid run's folder, read back: the rows of {@code runs.jsonl}, the machine ({@code env.json}),
 * the plan's run keys ({@code plan.txt}, absent in folders written before it existed), the commit
 * and the grid's name.
 */
public record ResultsFolder(Path dir, String grid, String commit, List<Row> rows, List<String> plan,
                            JsonObject env, List<String> implementationOrder) {

    /** Reads the folder; a folder that is not a results folder, or a damaged record, is an IllegalArgumentException. */
    public static ResultsFolder read(Path dir) throws IOException {
        Path jsonl = dir.resolve(RunsFile.NAME);
        if (!Files.isRegularFile(jsonl)) {
            throw new IllegalArgumentException(dir + ": no runs.jsonl here (not a results folder of kmlab run)");
        }
        List<Row> rows = RunsFile.read(jsonl).stream().map(Row::new).toList();
        Path planFile = dir.resolve("plan.txt");
        List<String> plan = Files.isRegularFile(planFile)
                ? Files.readAllLines(planFile).stream().filter(l -> !l.isBlank()).toList() : null;
        Path envFile = dir.resolve("env.json");
        JsonObject env = Files.isRegularFile(envFile) ? env(envFile) : new JsonObject();
        Path commitFile = dir.resolve("commit.txt");
        String commit = Files.isRegularFile(commitFile) ? Files.readString(commitFile).strip() : "unknown";
        String grid = rows.isEmpty() ? dir.getFileName().toString() : rows.getFirst().spec().grid();
        Map<String, Boolean> order = new LinkedHashMap<>();
        rows.forEach(r -> order.put(r.implementation(), true));
        return new ResultsFolder(dir, grid, commit, List.copyOf(rows), plan, env, List.copyOf(order.keySet()));
    }

    private static JsonObject env(Path file) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(OneLine.of(file + ": not a JSON object (" + e.getMessage() + ")"));
        }
    }

    /** A number from env.json's measured peak, or NaN when the run skipped it (--no-peak). */
    public double peak(String name) {
        JsonElement p = env.get("peak");
        if (p instanceof JsonObject o && o.get(name) != null && !o.get(name).isJsonNull()) {
            return o.get(name).getAsDouble();
        }
        return Double.NaN;
    }

    public String envString(String name) {
        JsonElement e = env.get(name);
        return e == null || e.isJsonNull() ? "?" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }
}
