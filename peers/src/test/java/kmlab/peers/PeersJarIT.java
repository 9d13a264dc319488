package kmlab.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kmlab.grid.GridLoader;
import kmlab.grid.GridRunner;
import kmlab.grid.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After packaging: the shaded peers.jar as the grid runner starts it (plain java -jar, no Vector
 * API module, no other class path), and a tiny grid of every Java peer beside kmlab's own fit.
 */
class PeersJarIT {
    private static final Path JAR = Path.of("target/peers.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theJarRunsEveryJavaPeerInATinyGridBesideKmlab() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built before the integration tests");
        Path grid = dir.resolve("peers-tiny.yaml");
        Files.writeString(grid, """
                name: peers-tiny
                data: {n: 600, d: 3}
                fits: {mode: [sweep, single], k_max: 4}
                jvm_options: [-XX:+UseSerialGC]
                implementations:
                  - {name: rows-gemm, layout: rows, kernel: gemm}
                  - {name: smile, peer: smile, threads: 2}
                  - {name: commons-math, peer: commons-math}
                  - {name: elki, peer: elki}
                  - {name: elki-fast, peer: elki-fast}
                """);
        Path out = dir.resolve("out");
        StringWriter progress = new StringWriter();
        int failed = new GridRunner(Plan.of(GridLoader.load(grid)), out, false, new PrintWriter(progress, true))
                .run(Map.of("machine_id", "test"));
        List<JsonObject> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("runs.jsonl"))) {
            rows.add(JsonParser.parseString(line).getAsJsonObject());
        }
        assertEquals(0, failed, rows.toString());
        assertEquals(10, rows.size());
        for (JsonObject r : rows) {
            assertEquals("ok", r.get("status").getAsString(), r.toString());
            assertEquals(1.0, r.get("ari").getAsDouble(), 1e-12, r.toString());
            boolean peer = !r.get("implementation").getAsString().equals("rows-gemm");
            assertEquals(peer, !r.get("peer").isJsonNull(), r.toString());
            assertEquals(peer, r.get("layout").isJsonNull(), r.toString());
            assertTrue(r.get("rss_peak_sampled_bytes").getAsLong() > 1_000_000, r.toString());
            assertTrue(r.get("jvm_start_to_main_s").getAsDouble() > 0, r.toString());
        }
        assertTrue(!progress.toString().contains("kmlab run: peer "), "every peer available: " + progress);
    }

    /** ELKI's accelerated algorithms from the shaded jar, with the arguments a grid passes its peers. */
    @Test
    void theJarRunsElkisHamerlyAndElkan() throws Exception {
        Path in = dir.resolve("blobs.csv");
        kmlab.data.Blobs.write(in, 600, 8, 4, 5); // 8 dimensions: the blobs do not touch
        for (String algorithm : List.of("hamerly", "elkan")) {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    JAR.toString(), "elki", in.toString(), "--k-max", "4", "--seed", "1", "--json", "--output",
                    dir.resolve("o.csv").toString(), "--threads", "1", "--algorithm", algorithm);
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), output);
            JsonObject j = JsonParser.parseString(output).getAsJsonObject();
            assertEquals(algorithm, j.get("algorithm").getAsString(), output);
            assertEquals(1.0, j.get("ari").getAsDouble(), 1e-12, output);
            assertEquals(4, j.getAsJsonArray("fits").size(), output);
        }
    }

    @Test
    void theJarSaysWhatIsWrongInOneLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1\n");
        for (List<String> args : List.of(List.of("elki-fast", bad.toString(), "--k-max", "1", "--output", "o.csv"),
                List.of("nosuchpeer", bad.toString()))) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(2, p.waitFor(), output);
            assertEquals(1, output.strip().lines().count(), output);
            assertTrue(output.startsWith("kmlab "), output);
        }
    }
}
