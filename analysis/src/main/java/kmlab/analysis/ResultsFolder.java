package kmlab.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid run's folder, read back: the rows of {@code runs.jsonl}, the machine ({@code env.json}),
 * the plan's run keys ({@code plan.txt}, absent in folders written before it existed), the commit
 * and the grid's name.
 */
public record ResultsFolder(Path dir, String grid, String commit, List<Row> rows, List<String> plan,
                            JsonObject env, List<String> implementationOrder) {

    /** Reads the folder; a folder that is not a results folder, or a damaged record, is an IllegalArgumentException. */
    public static ResultsFolder read(Path dir) throws IOException {
        Path jsonl = dir.resolve("runs.jsonl");
        if (!Files.isRegularFile(jsonl)) {
            throw new IllegalArgumentException(dir + ": no runs.jsonl here (not a results folder of kmlab run)");
        }
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (String s : Files.readAllLines(jsonl)) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            try {
                rows.add(row(JsonParser.parseString(s).getAsJsonObject()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(jsonl + ":" + line + ": not a run record (" + e.getMessage() + ")");
            }
        }
        Path planFile = dir.resolve("plan.txt");
        List<String> plan = Files.isRegularFile(planFile)
                ? Files.readAllLines(planFile).stream().filter(l -> !l.isBlank()).toList() : null;
        Path envFile = dir.resolve("env.json");
        JsonObject env = Files.isRegularFile(envFile) ? JsonParser.parseString(Files.readString(envFile)).getAsJsonObject()
                : new JsonObject();
        Path commitFile = dir.resolve("commit.txt");
        String commit = Files.isRegularFile(commitFile) ? Files.readString(commitFile).strip() : "unknown";
        String grid = rows.isEmpty() ? dir.getFileName().toString() : rowsGrid(jsonl);
        Map<String, Boolean> order = new LinkedHashMap<>();
        rows.forEach(r -> order.put(r.implementation(), true));
        return new ResultsFolder(dir, grid, commit, List.copyOf(rows), plan, env, List.copyOf(order.keySet()));
    }

    private static String rowsGrid(Path jsonl) throws IOException {
        try (var lines = Files.lines(jsonl)) {
            return lines.findFirst().map(l -> JsonParser.parseString(l).getAsJsonObject().get("grid").getAsString())
                    .orElse("?");
        }
    }

    static Row row(JsonObject o) {
        List<Double> inertias = new ArrayList<>();
        JsonElement fits = o.get("fits");
        if (fits instanceof JsonArray a) {
            for (JsonElement f : a) {
                inertias.add(f.getAsJsonObject().get("inertia").getAsDouble());
            }
        }
        return new Row(str(o, "key"), str(o, "implementation"), str(o, "layout"), str(o, "kernel"),
                str(o, "precision"), str(o, "seeding"), str(o, "peer"), threads(o), str(o, "jvm"), (int) num(o, "n"), (int) num(o, "d"),
                (int) num(o, "clusters"), str(o, "mode"), (int) num(o, "k_max"), (int) num(o, "repeat"),
                str(o, "benchmark"), str(o, "status"), str(o, "machine_id"), num(o, "wall_s"), num(o, "kernel_s"),
                num(o, "rss_peak_sampled_bytes"), num(o, "rss_peak_exact_bytes"), num(o, "cpu_s"),
                num(o, "jvm_start_to_main_s"), num(o, "setup_s"), num(o, "read_s"), num(o, "fit_s"), num(o, "write_s"),
                num(o, "ari"), List.copyOf(inertias));
    }

    /** A count, or "auto" ({@link Row#AUTO_THREADS}). */
    private static int threads(JsonObject o) {
        JsonElement e = o.get("threads");
        if (e != null && e.isJsonPrimitive() && "auto".equals(e.getAsString())) {
            return Row.AUTO_THREADS;
        }
        return (int) num(o, "threads");
    }

    private static String str(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static double num(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
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
