package kmlab.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Java peer, in process, on separated blobs: kmlab fit's contract, output and errors. */
class JavaPeersTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PeerMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Stream<String> peers() {
        return Peers.ALL.stream().map(Library::name);
    }

    @Test
    void everyJavaPeerAGridCanNameHasItsLibraryAndNoOther() {
        java.util.Set<String> grids = java.util.Arrays.stream(kmlab.runs.Peer.values())
                .filter(p -> p.runtime() == kmlab.runs.Peer.Runtime.JAVA).map(kmlab.runs.Peer::label)
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(grids, peers().collect(java.util.stream.Collectors.toSet()));
        assertEquals(Peers.ALL.size(), peers().distinct().count());
    }

    /** What a grid may pass a peer (kmlab.runs.Peer.algorithms) is what its --algorithm takes. */
    @Test
    void theAlgorithmsAGridMayNameAreThoseThePeerTakes() {
        for (Library l : Peers.ALL) {
            List<String> grid = l.peer().algorithms();
            if (grid.isEmpty()) {
                assertTrue(l.algorithms().size() <= 1, l.name() + " takes --algorithm, which grids cannot give it");
            } else {
                assertEquals(grid, l.algorithms(), l.name());
            }
        }
    }

    /** Blobs from a fixed seed. Where ARI is checked, in 8 dimensions: clusters of unit spread do not touch there. */
    private Path blobs(int n, int d, int k) throws IOException {
        Path p = dir.resolve("blobs.csv");
        Blobs.write(p, n, d, k, 7);
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void sweepFindsTheBlobsAndWritesEveryClusterColumn(String peer) throws IOException {
        Path in = blobs(1_500, 8, 5);
        Path out = dir.resolve("o.csv");
        Run r = run(peer, in.toString(), "--k-max", "5", "--seed", "3", "--json", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(peer, j.get("implementation").getAsString());
        assertTrue(j.getAsJsonObject("versions").size() >= 2, j.toString());
        assertFalse(j.getAsJsonObject("versions").toString().contains("unknown"), j.toString());
        assertEquals(1_500, j.get("n").getAsInt());
        assertEquals(8, j.get("d").getAsInt());
        assertEquals(5, j.get("k_true").getAsInt());
        assertEquals(1.0, j.get("ari").getAsDouble(), 1e-12, "separated blobs at k_true");
        List<JsonElement> fits = j.getAsJsonArray("fits").asList();
        assertEquals(5, fits.size());
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= 5; k++) {
            JsonObject f = fits.get(k - 1).getAsJsonObject();
            assertEquals(k, f.get("k").getAsInt());
            assertTrue(f.get("converged").getAsBoolean(), f.toString());
            int iterations = f.get("iterations").getAsInt();
            assertTrue(iterations >= (k == 1 ? 0 : 1) && iterations < 300, f.toString());
            double inertia = f.get("inertia").getAsDouble();
            assertTrue(inertia < previous, "inertia falls with k on separated blobs: " + fits);
            previous = inertia;
        }
        for (String p : List.of("jvm_start_to_main", "setup", "read", "fit", "write")) {
            assertTrue(j.getAsJsonObject("phases_s").has(p), p);
        }
        assertTrue(j.get("peak_rss_bytes").getAsLong() > 1_000_000);
        assertTrue(j.get("cpu_s").getAsDouble() > 0);
        List<String> lines = Files.readAllLines(out);
        assertEquals(1_501, lines.size());
        assertEquals(String.join(",", Blobs.header(8)) + ",cluster_k1,cluster_k2,cluster_k3,cluster_k4,cluster_k5",
                lines.get(0));
        String[] first = lines.get(1).split(",");
        String[] input = Files.readAllLines(in).get(1).split(",");
        assertEquals(input[0] + "/" + input[9], first[0] + "/" + first[9], "the input's id and label kept");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void singleWritesOneColumnAndTheSameSeedGivesTheSameLabels(String peer) throws IOException {
        Path in = blobs(800, 8, 4);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("o" + i + ".csv");
            Run r = run(peer, in.toString(), "--k-max", "4", "--mode", "single", "--seed", "11", "--output",
                    out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("ARI at k=4: 1.0000"), r.out());
            outputs.add(Files.readString(out));
        }
        assertTrue(outputs.get(0).startsWith(String.join(",", Blobs.header(8)) + ",cluster_k4\n"),
                outputs.get(0).substring(0, 60));
        assertEquals(outputs.get(0), outputs.get(1), "seeded from --seed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void badInputIsOneLineExitTwoAndNoOutput(String peer) throws IOException {
        Path in = dir.resolve("bad.csv");
        Files.writeString(in, "a,b\n1,2\n3\n");
        Path out = dir.resolve("o.csv");
        Run r = run(peer, in.toString(), "--k-max", "2", "--output", out.toString());
        assertEquals(2, r.code());
        assertEquals("kmlab " + peer + ": " + in + ":3: expected 2 fields, found 1", r.err().strip());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(in), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void argumentErrorsAreFitsOwn() throws IOException {
        Path in = blobs(50, 2, 2);
        String o = dir.resolve("o.csv").toString();
        Run kMax = run("elki", in.toString(), "--k-max", "0", "--output", o);
        assertEquals("kmlab elki: --k-max must be >= 1, got 0", kMax.err().strip());
        Path twoPoints = dir.resolve("two.csv");
        Files.writeString(twoPoints, "a\n1\n2\n1\n");
        Run distinct = run("smile", twoPoints.toString(), "--k-max", "3", "--output", o);
        assertEquals("kmlab smile: " + twoPoints + ": k_max = 3 exceeds the number of distinct points (2)",
                distinct.err().strip());
        Run unknown = run("sklearn", in.toString(), "--k-max", "2", "--output", o);
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("Unmatched argument"), unknown.err());
        assertEquals(0, run("smile", "--help").code());
    }

    static Stream<String> elkiAlgorithms() {
        return Stream.of("hamerly", "elkan");
    }

    /** ELKI's accelerated algorithms from the same k-means++ seeds: the blobs found, and Lloyd's fits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("elkiAlgorithms")
    void elkiRunsTheAlgorithmAskedAndGetsLloydsFits(String algorithm) throws IOException {
        Path in = blobs(1_500, 8, 5);
        Path lloydOut = dir.resolve("lloyd.csv");
        Path out = dir.resolve(algorithm + ".csv");
        Run lloyd = run("elki", in.toString(), "--k-max", "7", "--k-true", "5", "--seed", "3", "--json", "--output",
                lloydOut.toString());
        Run r = run("elki", in.toString(), "--k-max", "7", "--k-true", "5", "--seed", "3", "--json",
                "--algorithm", algorithm, "--output", out.toString());
        assertEquals(0, lloyd.code(), lloyd.err());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonObject l = JsonParser.parseString(lloyd.out()).getAsJsonObject();
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("lloyd", l.get("algorithm").getAsString(), "the default, named");
        assertEquals(algorithm, j.get("algorithm").getAsString());
        assertEquals("elki", j.get("implementation").getAsString());
        assertEquals(1, j.get("threads_used").getAsInt());
        assertEquals(1.0, j.get("ari").getAsDouble(), 1e-12, "separated blobs at k_true");
        List<JsonElement> fits = j.getAsJsonArray("fits").asList();
        List<JsonElement> lloydFits = l.getAsJsonArray("fits").asList();
        assertEquals(7, fits.size());
        for (int k = 1; k <= 7; k++) {
            JsonObject f = fits.get(k - 1).getAsJsonObject();
            JsonObject lf = lloydFits.get(k - 1).getAsJsonObject();
            assertEquals(k, f.get("k").getAsInt());
            assertTrue(f.get("converged").getAsBoolean(), f.toString());
            assertTrue(k == 1 || f.get("seed_s").getAsDouble() > 0, f.toString());
            assertEquals(lf.get("iterations").getAsInt(), f.get("iterations").getAsInt(), "k = " + k);
            assertEquals(lf.get("inertia").getAsDouble(), f.get("inertia").getAsDouble(),
                    1e-9 * lf.get("inertia").getAsDouble(), "k = " + k);
        }
        assertEquals(Files.readString(lloydOut), Files.readString(out), "Lloyd's labels at every k");
    }

    @Test
    void everyElkiPeerNamesItsAlgorithmTheOthersNone() throws IOException {
        Path in = blobs(300, 2, 2);
        for (String[] peerAlgorithm : new String[][] {{"elki", "lloyd"}, {"elki-fast", "shallot"},
            {"smile", null}, {"commons-math", null}}) {
            Run r = run(peerAlgorithm[0], in.toString(), "--k-max", "2", "--json", "--output",
                    dir.resolve("o.csv").toString());
            assertEquals(0, r.code(), r.err());
            JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
            assertEquals(peerAlgorithm[1], j.has("algorithm") ? j.get("algorithm").getAsString() : null,
                    peerAlgorithm[0]);
        }
        assertTrue(run("elki", "--help").out().contains("--algorithm"));
        assertFalse(run("elki-fast", "--help").out().contains("--algorithm"));
    }

    @Test
    void aBadAlgorithmIsOneLineExitTwoAndNoOutput() throws IOException {
        Path in = blobs(300, 2, 2);
        Path out = dir.resolve("o.csv");
        for (String bad : List.of("shallot", "Hamerly", "auto", "")) {
            Run r = run("elki", in.toString(), "--k-max", "2", "--algorithm", bad, "--output", out.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals("", r.out());
            assertEquals("kmlab elki: invalid value for --algorithm: unknown algorithm '" + bad
                    + "' (expected one of: lloyd, hamerly, elkan)", r.err().strip());
        }
        // no value; given twice; a peer without the option
        for (List<String> args : List.of(List.of("elki", "--algorithm"), List.of("elki", "--algorithm", "elkan",
                "--algorithm", "hamerly"), List.of("elki-fast", "--algorithm", "shallot"),
                List.of("smile", "--algorithm", "lloyd"), List.of("commons-math", "--algorithm", "lloyd"))) {
            List<String> line = new ArrayList<>(List.of(args.getFirst(), in.toString(), "--k-max", "2", "--output",
                    out.toString()));
            line.addAll(args.subList(1, args.size()));
            Run r = run(line.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("kmlab " + args.getFirst() + ": "), r.err());
            assertEquals("", r.out());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(in), files.toList(), "no output, no temporary file");
        }
    }

    @Test
    void smileComputesWithTheThreadsAskedTheSerialLibrariesSayTheyUsedOne() throws IOException {
        Path in = blobs(2_000, 4, 3);
        for (String[] peerThreads : new String[][] {{"smile", "2", "2"}, {"smile", "1", "1"},
            {"commons-math", "2", "1"}, {"elki-fast", "0", "1"}}) {
            Run r = run(peerThreads[0], in.toString(), "--k-max", "3", "--threads", peerThreads[1], "--json",
                    "--output", dir.resolve("o.csv").toString());
            assertEquals(0, r.code(), r.err());
            JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
            assertEquals(Integer.parseInt(peerThreads[2]), j.get("threads_used").getAsInt(), String.join(" ", peerThreads));
        }
    }

    @Test
    void elkiTimesItsSeedingApartTheOthersCannot() throws IOException {
        Path in = blobs(600, 2, 3);
        for (String peer : List.of("elki", "commons-math")) {
            Run r = run(peer, in.toString(), "--k-max", "3", "--mode", "single", "--json", "--output",
                    dir.resolve("o.csv").toString());
            JsonObject f = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("fits").get(0)
                    .getAsJsonObject();
            if (peer.equals("elki")) {
                assertTrue(f.get("seed_s").getAsDouble() > 0, f.toString());
            } else {
                assertTrue(f.get("seed_s").isJsonNull(), f.toString());
            }
            assertTrue(f.get("lloyd_s").getAsDouble() > 0, f.toString());
        }
    }
}
