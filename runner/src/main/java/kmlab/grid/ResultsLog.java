package kmlab.grid;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kmlab.data.AtomicOutput;

/**
 * The results of a grid run: one JSON line per run ({@code runs.jsonl}, the record) and the same
 * rows as a tidy CSV ({@code runs.csv}). Each row is appended and flushed as soon as its run ends,
 * so a killed grid loses at most the run in progress. On resume the JSON lines are read back, a
 * torn last line is cut off, and the CSV is rewritten from what survived.
 */
final class ResultsLog implements AutoCloseable {
    static final List<String> COLUMNS = List.of("run", "key", "grid", "machine_id", "implementation", "peer", "layout",
            "kernel", "precision", "seeding", "threads", "jvm", "jvm_options", "n", "d", "clusters", "mode", "k_max", "repeat", "seed",
            "status", "exit_code", "wall_s", "rss_peak_sampled_bytes", "rss_peak_exact_bytes", "cpu_s", "cpu_sampled_s", "jvm_start_to_main_s",
            "setup_s", "read_s", "fit_s", "write_s", "iterations", "ari", "inertia_at_k_max", "engine", "benchmark",
            "kernel_s");
    /** Numbers read back keep their kind: "8" is a long, "0.5" a double (as they were written). */
    private static final Gson GSON = new GsonBuilder().serializeNulls()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

    private final Path jsonl;
    private final Path csv;
    private final OutputStream jsonOut;
    private final OutputStream csvOut;
    private final Set<String> done = new HashSet<>();

    /** Rows as written, for merging: each line of a results folder's record. */
    static List<Map<String, Object>> read(Path dir) throws IOException {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("runs.jsonl"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = GSON.fromJson(line, Map.class);
            rows.add(row);
        }
        return rows;
    }

    ResultsLog(Path dir, boolean resume) throws IOException {
        this.jsonl = dir.resolve("runs.jsonl");
        this.csv = dir.resolve("runs.csv");
        if (Files.exists(jsonl) && !resume) {
            throw new IllegalArgumentException(dir + " already holds a grid run: add --resume, or choose another --out");
        }
        List<JsonObject> kept = resume && Files.exists(jsonl) ? recover() : List.of();
        jsonOut = Files.newOutputStream(jsonl, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        csvOut = Files.newOutputStream(csv, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        csvOut.write((String.join(",", COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8));
        for (JsonObject row : kept) {
            done.add(row.get("key").getAsString());
            csvOut.write(csvLine(GSON.fromJson(row, Map.class)));
        }
        csvOut.flush();
    }

    /** The runs already recorded (by key). */
    Set<String> done() {
        return done;
    }

    /**
     * Reads the complete lines back and cuts the file after the last one. Runs skipped because their
     * peer was not installed are dropped from the record, so that a resume after installing it runs them.
     */
    private List<JsonObject> recover() throws IOException {
        byte[] bytes = Files.readAllBytes(jsonl);
        List<JsonObject> rows = new java.util.ArrayList<>();
        List<String> kept = new java.util.ArrayList<>();
        boolean droppedSkipped = false;
        int good = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            try {
                JsonObject row = JsonParser.parseString(line).getAsJsonObject();
                good = i + 1;
                if (ChildRun.SKIPPED.equals(row.get("status").getAsString())) {
                    droppedSkipped = true;
                } else {
                    rows.add(row);
                    kept.add(line);
                }
            } catch (RuntimeException e) {
                break; // a damaged line: keep what precedes it
            }
            start = i + 1;
        }
        if (droppedSkipped) {
            AtomicOutput.write(jsonl, w -> {
                for (String line : kept) {
                    w.write(line + "\n");
                }
            });
        } else {
            try (FileChannel ch = FileChannel.open(jsonl, StandardOpenOption.WRITE)) {
                ch.truncate(good);
            }
        }
        return rows;
    }

    void append(Map<String, Object> row) throws IOException {
        done.add((String) row.get("key"));
        jsonOut.write((GSON.toJson(row) + "\n").getBytes(StandardCharsets.UTF_8));
        jsonOut.flush();
        csvOut.write(csvLine(row));
        csvOut.flush();
    }

    private static byte[] csvLine(Map<?, ?> row) {
        StringBuilder sb = new StringBuilder();
        for (String c : COLUMNS) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            Object v = row.get(c);
            String s = v == null ? "" : v instanceof List<?> l ? String.join(" ", l.stream().map(Object::toString).toList())
                    : v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            sb.append(s);
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One row: the run's axes, then what was measured, then the child's own figures. */
    static Map<String, Object> row(Grid grid, String machineId, Plan.Run run, Map<String, Object> measured) {
        Map<String, Object> r = new LinkedHashMap<>();
        Grid.Implementation impl = run.impl();
        r.put("run", run.index());
        r.put("key", run.key());
        r.put("grid", grid.name());
        r.put("machine_id", machineId);
        r.put("implementation", impl.name());
        r.put("peer", impl.isPeer() ? impl.peer().label() : null);
        r.put("layout", impl.isPeer() ? null : impl.layout().label());
        r.put("kernel", impl.isPeer() ? null : impl.kernel().label());
        r.put("precision", impl.isPeer() ? null : impl.precision().label());
        // JMH benchmarks seed one k at a time: seeding applies to fit's sweeps only
        r.put("seeding", impl.isPeer() || grid.engine() != Grid.Engine.CLI ? null : impl.seeding().label());
        // each fit's count of an auto run is in fits[]
        r.put("threads", impl.threads().recorded());
        r.put("jvm", impl.isPeer() ? null : impl.jvm().label());
        r.put("jvm_options", impl.jvmOptions());
        r.put("n", run.dataset().n());
        r.put("d", run.dataset().d());
        r.put("clusters", run.dataset().clusters());
        r.put("mode", run.mode().label());
        r.put("k_max", run.kMax());
        r.put("repeat", run.repeat());
        r.put("seed", grid.seed());
        for (String k : List.of("status", "exit_code", "wall_s", "rss_peak_sampled_bytes", "cpu_sampled_s")) {
            r.put(k, measured.get(k));
        }
        JsonObject child = (JsonObject) measured.get("child");
        if (child != null) {
            // a peer may know less about itself than fit (e.g. no exact peak): null, not a crash
            JsonObject ph = child.getAsJsonObject("phases_s");
            Double peak = number(child, "peak_rss_bytes");
            r.put("rss_peak_exact_bytes", peak == null ? null : peak.longValue());
            r.put("cpu_s", number(child, "cpu_s"));
            r.put("jvm_start_to_main_s", number(ph, "jvm_start_to_main"));
            r.put("setup_s", number(ph, "setup"));
            r.put("read_s", number(ph, "read"));
            r.put("fit_s", number(ph, "fit"));
            r.put("write_s", number(ph, "write"));
            int iterations = 0;
            double inertia = Double.NaN;
            for (var f : child.getAsJsonArray("fits")) {
                iterations += f.getAsJsonObject().get("iterations").getAsInt();
                inertia = f.getAsJsonObject().get("inertia").getAsDouble();
            }
            r.put("iterations", iterations);
            r.put("ari", number(child, "ari"));
            r.put("inertia_at_k_max", inertia);
            r.put("fits", child.getAsJsonArray("fits"));
            // fit started a second JVM, with the Vector API module: the sampled RSS is the first one's
            if (child.has("relaunched")) {
                r.put("relaunched", true);
            }
        }
        r.put("engine", grid.engine().name().toLowerCase(java.util.Locale.ROOT));
        if (run.benchmark() != null) {
            r.put("benchmark", run.benchmark());
            r.put("kernel_s", measured.get("kernel_s"));
            r.put("kernel_s_iterations", measured.get("kernel_s_iterations"));
        }
        r.put("stderr_tail", measured.get("stderr_tail"));
        return r;
    }

    /** A number of the child's JSON, or null where it has none. */
    private static Double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsDouble();
    }

    @Override
    public void close() throws IOException {
        jsonOut.close();
        csvOut.close();
    }
}
