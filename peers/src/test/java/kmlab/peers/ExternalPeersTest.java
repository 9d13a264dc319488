package kmlab.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

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
 * contract, as subprocesses. CI installs their runtimes (.ci/run), so a peer that cannot run here
 * fails its tests, with the line that installs it, unless the environment variable
 * {@code KMLAB_ALLOW_MISSING_PEERS=1} (or the system property {@code kmlab.allowMissingPeers=true})
 * allows it: then that peer's tests are skipped, for a machine without the peers
 * ({@code KMLAB_ALLOW_MISSING_PEERS=1 ./kmlab test}). Where cargo and Debian's crates are installed
 * but the Rust twin is not built, the test builds it first, as a grid does.
 */
class ExternalPeersTest {
    /** Set to 1 (or true): a peer not installed here skips its tests instead of failing them. */
    static final String ALLOW_MISSING_ENV = "KMLAB_ALLOW_MISSING_PEERS";
    static final String ALLOW_MISSING_PROPERTY = "kmlab.allowMissingPeers";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path CRATE = ROOT.resolve("peers/rust");
    private static final Path RUST = CRATE.resolve("target/release/kmeans-rs");
    /** Debian's vendored crate sources, where the offline build finds Rayon (peers/rust/.cargo/config.toml). */
    private static final Path DEBIAN_CRATES = Path.of("/usr/share/cargo/registry");
    private static boolean rustBuildTried;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static boolean missingAllowed() {
        String env = System.getenv(ALLOW_MISSING_ENV);
        return "1".equals(env) || "true".equalsIgnoreCase(env) || Boolean.getBoolean(ALLOW_MISSING_PROPERTY);
    }

    /** Nothing when the peer's runtime is here; else the test is skipped (opt-out given) or fails. */
    private static void installed(boolean here, String missing, String install) {
        if (here) {
            return;
        }
        String why = missing + "; install it: sudo apt-get install -y " + install;
        if (missingAllowed()) {
            abort(why + " (skipped: " + ALLOW_MISSING_ENV + " is set)");
        }
        fail(why + " (CI installs every peer; set " + ALLOW_MISSING_ENV + "=1 to skip the peers missing here)");
    }

    /** The program and its fixed arguments; fails or skips the test when its runtime is not installed here. */
    private static List<String> program(String peer) throws IOException, InterruptedException {
        switch (peer) {
            case "sklearn", "numpy" -> {
                Path script = ROOT.resolve("peers/python/" + peer + "_fit.py");
                assertTrue(Files.isRegularFile(script), "no " + script + " in this checkout");
                String module = peer.equals("sklearn") ? "python3-sklearn" : "python3-numpy";
                installed(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON, "python3 " + module);
                installed(exec(List.of(PYTHON, "-c", "import " + peer), null).code() == 0,
                        PYTHON + " cannot import " + peer, module);
                return List.of(PYTHON, script.toString());
            }
            case "rust", "rust-par" -> {
                buildRustIfMissing();
                return peer.equals("rust") ? List.of(RUST.toString()) : List.of(RUST.toString(), "--parallel",
                        "--threads", "0");
            }
            default -> throw new IllegalArgumentException(peer);
        }
    }

    /** The Rust twin's binary, built once (cargo build --release --offline) when it is missing and cargo is here. */
    private static synchronized void buildRustIfMissing() throws IOException, InterruptedException {
        if (Files.isExecutable(RUST)) {
            return;
        }
        assertTrue(Files.isRegularFile(CRATE.resolve("Cargo.toml")), "no " + CRATE.resolve("Cargo.toml") + " in this checkout");
        String cargo = cargo();
        String install = "cargo librust-rayon-dev";
        installed(cargo != null, "no cargo on PATH to build " + RUST, install);
        boolean rayon;
        try (Stream<Path> crates = Files.isDirectory(DEBIAN_CRATES) ? Files.list(DEBIAN_CRATES) : Stream.empty()) {
            rayon = crates.anyMatch(p -> p.getFileName().toString().matches("rayon-[0-9].*"));
        }
        installed(rayon, "no Rayon in Debian's crate sources (" + DEBIAN_CRATES + ") to build " + RUST, install);
        if (!rustBuildTried) {
            rustBuildTried = true;
            // in the crate's folder, where cargo finds .cargo/config.toml (Debian's crates, offline)
            Run r = exec(List.of(cargo, "build", "--release", "--offline", "-q"), CRATE);
            assertEquals(0, r.code(), "cargo build --release --offline in " + CRATE + " failed:\n" + r.err());
        }
        assertTrue(Files.isExecutable(RUST), "cargo build --release --offline did not make " + RUST);
    }

    private static String cargo() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "cargo"))) {
                return Path.of(d, "cargo").toString();
            }
        }
        return null;
    }

    private static Run exec(List<String> cmd, Path workingDir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workingDir != null) {
            pb.directory(workingDir.toFile());
        }
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
        return exec(cmd, null);
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
