package kmlab.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The other helpers' peers (scikit-learn, NumPy, the Rust twin serial and parallel) under the same
 * contract, as subprocesses; each is skipped where its runtime is not installed (CI installs them:
 * .ci/run).
 */
class ExternalPeersTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path RUST = ROOT.resolve("peers/rust/target/release/kmeans-rs");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    /** The program and its fixed arguments, or skips the test when it is not installed here. */
    private static List<String> program(String peer) throws IOException, InterruptedException {
        switch (peer) {
            case "sklearn", "numpy" -> {
                assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
                Path script = ROOT.resolve("peers/python/" + peer + "_fit.py");
                assumeTrue(Files.isRegularFile(script), "no " + script);
                assumeTrue(exec(List.of(PYTHON, "-c", "import " + peer)).code() == 0,
                        PYTHON + " cannot import " + peer);
                return List.of(PYTHON, script.toString());
            }
            case "rust", "rust-par" -> {
                assumeTrue(Files.isExecutable(RUST), "no " + RUST + " (cargo build --release --offline in peers/rust)");
                return peer.equals("rust") ? List.of(RUST.toString()) : List.of(RUST.toString(), "--parallel",
                        "--threads", "0");
            }
            default -> throw new IllegalArgumentException(peer);
        }
    }

    private static Run exec(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path out = Files.createTempFile("peer-out", ".txt");
        Path err = Files.createTempFile("peer-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        Run r = new Run(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private Run peer(String peer, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(program(peer));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sklearn", "numpy", "rust", "rust-par"})
    void sweepAndSingleFindTheBlobsWithFitsColumnsAndJson(String peer) throws Exception {
        Path in = dir.resolve("blobs.csv");
        Blobs.write(in, 1_500, 8, 5, 7); // 8 dimensions: the clusters do not touch
        Path out = dir.resolve("o.csv");
        Run r = peer(peer, in.toString(), "--k-max", "5", "--seed", "3", "--json", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        for (String key : List.of("implementation", "versions", "input", "output", "n", "d", "k_max", "mode", "threads",
                "seed", "k_true", "ari", "fits", "phases_s", "cpu_s", "peak_rss_bytes")) {
            assertTrue(j.has(key), key + " in " + j);
        }
        assertEquals(1.0, j.get("ari").getAsDouble(), 1e-12, "separated blobs at k_true");
        assertEquals(5, j.getAsJsonArray("fits").size());
        assertTrue(j.getAsJsonArray("fits").get(4).getAsJsonObject().get("iterations").getAsInt() >= 1);
        List<String> lines = Files.readAllLines(out);
        assertEquals(1_501, lines.size());
        String header = String.join(",", Blobs.header(8));
        assertEquals(header + ",cluster_k1,cluster_k2,cluster_k3,cluster_k4,cluster_k5", lines.get(0));

        Run single = peer(peer, in.toString(), "--k-max", "5", "--mode", "single", "--output", out.toString());
        assertEquals(0, single.code(), single.err());
        assertEquals(header + ",cluster_k5", Files.readAllLines(out).get(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sklearn", "numpy", "rust"})
    void badInputIsOneLineExitTwoAndNoOutput(String peer) throws Exception {
        Path in = dir.resolve("bad.csv");
        Files.writeString(in, "a,b\n1,2\n3\n");
        Path out = dir.resolve("o.csv");
        Run r = peer(peer, in.toString(), "--k-max", "2", "--output", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("kmlab " + peer + ": " + in + ":3: "), r.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(in), files.toList(), "no temporary file left behind");
        }
    }
}
