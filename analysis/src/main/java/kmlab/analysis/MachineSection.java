package kmlab.analysis;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The machine the runs were made on, from the folder's env.json: CPU, Vector API, OS and JDK, measured
 * peaks. A merged folder (kmlab merge, kmlab slurm) keeps every shard's fingerprint as env-ID.json;
 * then every machine is named, with its runs, whether or not the shards ran on machines of one kind.
 */
final class MachineSection implements Section {
    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        ResultsFolder folder = in.folder();
        doc.heading(2, "Machine");
        doc.bullets(List.of(
                "CPU: " + folder.envString("cpu_model") + ", " + folder.envString("available_processors")
                        + " logical cores (OSHI: " + folder.envString("cpu_microarchitecture") + ")",
                "Vector API: " + folder.envString("vector_double_species") + "; memory "
                        + Format.num(Double.parseDouble(folder.envString("memory_bytes").replace("?", "NaN")) / 1e9) + " GB",
                "OS: " + folder.envString("os") + "; JDK: " + folder.envString("java_vm") + " " + folder.envString("java_version"),
                "measured FMA peak (double): " + Format.num(folder.peak("fma_double_gflops_1t")) + " GFLOP/s on 1 thread, "
                        + Format.num(folder.peak("fma_double_gflops_all")) + " on all; float "
                        + Format.num(folder.peak("fma_float_gflops_1t")) + " / " + Format.num(folder.peak("fma_float_gflops_all"))
                        + "; read bandwidth " + Format.num(folder.peak("read_gbps_1t")) + " GB/s (1 thread)",
                "machine id: " + folder.envString("machine_id") + "; commit: `" + folder.commit() + "`"));
        Map<String, JsonObject> merged = mergedMachines(folder.dir());
        if (merged.isEmpty()) {
            return;
        }
        Map<String, Long> runs = folder.rows().stream().collect(Collectors.groupingBy(r -> String.valueOf(r.machineId()),
                TreeMap::new, Collectors.counting()));
        List<String> lines = new ArrayList<>();
        merged.forEach((id, env) -> lines.add(id + ": " + text(env, "cpu_model") + ", " + text(env, "available_processors")
                + " logical cores, " + text(env, "vector_double_species") + ", JDK " + text(env, "java_version") + "; "
                + runs.getOrDefault(id, 0L) + " runs (env-" + id + ".json)"));
        runs.forEach((id, n) -> {
            if (!merged.containsKey(id)) {
                lines.add(id + ": " + n + " runs (no env-" + id + ".json in this folder)");
            }
        });
        doc.para("Merged from shards: " + (runs.size() == 1 ? "every run on one kind of machine" : runs.size()
                + " kinds of machine") + ", each named by its machine id (a fingerprint of CPU, cores, memory, OS, JDK"
                + " and vector species; nodes of one kind share it). The bullets above describe env.json, the first"
                + " shard's machine; a paired group never spans two machines, and the audit says whether medians mix them:");
        doc.bullets(lines);
    }

    /** A merged folder's env-ID.json files, by machine id (empty for a folder one kmlab run wrote). */
    private static Map<String, JsonObject> mergedMachines(Path dir) {
        Map<String, JsonObject> m = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("env-.+\\.json")).toList()) {
                String name = f.getFileName().toString();
                try {
                    m.put(name.substring(4, name.length() - 5), JsonParser.parseString(Files.readString(f)).getAsJsonObject());
                } catch (RuntimeException | IOException e) {
                    m.put(name.substring(4, name.length() - 5), new JsonObject()); // named, if not described
                }
            }
        } catch (IOException e) {
            return m;
        }
        return m;
    }

    private static String text(JsonObject env, String name) {
        JsonElement e = env.get(name);
        return e == null || e.isJsonNull() ? "?" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }
}
