package kmlab.analysis;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results folders with known answers, written as the runner writes them. */
final class Synthetic {
    /** One implementation of a synthetic grid. */
    record Impl(String name, String layout, String kernel, int threads, String peer) {
        static Impl kmlab(String name, String layout, String kernel, int threads) {
            return new Impl(name, layout, kernel, threads, null);
        }
    }

    /** Wall time of one run, chosen by the test. */
    interface Wall {
        double of(Impl impl, int n, int repeat);
    }

    final List<Map<String, Object>> rows = new ArrayList<>();
    final List<String> plan = new ArrayList<>();

    /** Every n x implementation x repeat, sweep at d = 8, k_max = 4, all ok with ARI 1 and equal inertias. */
    Synthetic grid(List<Integer> ns, List<Impl> impls, int repeats, Wall wall) {
        for (int n : ns) {
            for (int r = 1; r <= repeats; r++) {
                for (Impl i : impls) {
                    add(i, n, r, wall.of(i, n, r));
                }
            }
        }
        return this;
    }

    Map<String, Object> add(Impl i, int n, int repeat, double wall) {
        Map<String, Object> m = new LinkedHashMap<>();
        String key = "blobs_n" + n + "_d8_c4_s1/sweep_k4/r" + repeat + "/" + i.name();
        m.put("run", rows.size());
        m.put("key", key);
        m.put("grid", "synthetic");
        m.put("machine_id", "m-test");
        m.put("implementation", i.name());
        m.put("layout", i.layout());
        m.put("kernel", i.kernel());
        m.put("precision", i.peer() == null ? "double" : null);
        m.put("peer", i.peer());
        m.put("threads", i.threads());
        m.put("n", n);
        m.put("d", 8);
        m.put("clusters", 4);
        m.put("mode", "sweep");
        m.put("k_max", 4);
        m.put("repeat", repeat);
        m.put("seed", 1);
        m.put("status", "ok");
        m.put("wall_s", wall);
        m.put("rss_peak_sampled_bytes", 50e6 + 1000.0 * n);
        m.put("rss_peak_exact_bytes", 51e6 + 1000.0 * n);
        m.put("cpu_s", wall);
        m.put("jvm_start_to_main_s", 0.05);
        m.put("setup_s", 0.1);
        m.put("read_s", 0.01 * n / 1000);
        m.put("fit_s", wall / 2);
        m.put("write_s", 0.01);
        m.put("ari", 1.0);
        List<Map<String, Object>> fits = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            // seeding a quarter of each fit, Lloyd the rest
            fits.add(Map.of("k", k, "iterations", 3, "inertia", 1000.0 * n / k, "seed_s", 0.001 * k, "lloyd_s", 0.003 * k));
        }
        m.put("fits", fits);
        rows.add(m);
        plan.add(key);
        return m;
    }

    Map<String, Object> row(String key) {
        return rows.stream().filter(r -> r.get("key").equals(key)).findFirst().orElseThrow();
    }

    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Gson gson = new Gson();
        StringBuilder sb = new StringBuilder();
        rows.forEach(r -> sb.append(gson.toJson(r)).append('\n'));
        Files.writeString(dir.resolve("runs.jsonl"), sb);
        Files.write(dir.resolve("plan.txt"), plan);
        Files.writeString(dir.resolve("commit.txt"), "abc123\n");
        Files.writeString(dir.resolve("env.json"), "{\"cpu_model\":\"Test CPU\",\"available_processors\":2,"
                + "\"machine_id\":\"m-test\",\"memory_bytes\":1.0E10,"
                + "\"peak\":{\"fma_double_gflops_1t\":50.0,\"fma_double_gflops_all\":100.0}}");
        return dir;
    }
}
