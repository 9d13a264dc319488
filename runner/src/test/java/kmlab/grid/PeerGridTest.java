package kmlab.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kmlab.runs.Axes;
import kmlab.runs.Peer;
import kmlab.runs.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Peers in grids: the schema, the commands that start them, and a peer that is not installed. */
class PeerGridTest {
    @TempDir
    Path dir;

    private static final String GRID = """
            name: p
            data: {n: 300, d: 2}
            fits: {mode: sweep, k_max: 3}
            implementations:
              - {name: gemm, layout: rows, kernel: gemm}
            """;

    private Path write(String yaml) throws IOException {
        Path p = dir.resolve("g.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void peersLoadWithThreadsAndJavaPeersWithJvmOptions() throws Exception {
        Grid g = GridLoader.load(write("jvm_options: [-XX:+UseSerialGC]\n" + GRID + """
                  - {name: sklearn, peer: sklearn}
                  - {name: rust-par, peer: rust, threads: 0}
                  - {name: smile, peer: smile, threads: 2}
                  - {name: elki, peer: elki, jvm_options: [-Xmx1g]}
                """));
        Grid.Implementation sklearn = g.implementations().get(1);
        assertEquals(Peer.SKLEARN, sklearn.get(Axes.PEER));
        assertNull(sklearn.get(Axes.LAYOUT));
        assertEquals(List.of(), sklearn.get(Axes.JVM_OPTIONS), "the grid's JVM options are for JVMs only");
        assertEquals(0, g.implementations().get(2).get(Axes.THREADS).count());
        assertEquals(List.of("-XX:+UseSerialGC"), g.implementations().get(3).get(Axes.JVM_OPTIONS));
        assertEquals(List.of("-Xmx1g"), g.implementations().get(4).get(Axes.JVM_OPTIONS));
        Plan plan = Plan.of(g);
        for (RunSpec r : plan.runs()) {
            assertTrue(plan.estimateSeconds(r) > 0, r.key());
        }
    }

    static Stream<Arguments> badPeers() {
        return Stream.of(
                Arguments.of("  - {name: s, peer: sklearn, layout: rows}\n", "6:30",
                        "'layout' does not apply to peer 'sklearn', which brings its own layout, kernel, precision and seeding"
                                + " (valid keys: name, peer, threads, algorithm)"),
                Arguments.of("  - {name: s, peer: smile, kernel: gemm}\n", "6:28",
                        "'kernel' does not apply to peer 'smile'"),
                Arguments.of("  - {name: s, peer: rust, jvm_options: [-Xmx1g]}\n", "6:27",
                        "'jvm_options' does not apply to peer 'rust', which is not a JVM"),
                Arguments.of("  - {name: s, peer: sklern}\n", "6:21", "unknown peer 'sklern' (did you mean 'sklearn'?)"),
                Arguments.of("  - {name: s, peer: sklearn, threads: auto}\n", "6:39",
                        "peer 'sklearn' takes a thread count (0 = all cores), not auto"),
                Arguments.of("  - {name: s, peer: rust, threads: 2000}\n", "6:36", "threads must be in 0..1024, not 2000"),
                Arguments.of("  - {name: s, peer: sklearn, algorithm: hamerly}\n", "6:41",
                        "peer 'sklearn' runs lloyd or elkan, not hamerly"),
                Arguments.of("  - {name: s, peer: elki, algorithm: auto}\n", "6:38",
                        "peer 'elki' runs lloyd or hamerly or elkan, not auto"),
                Arguments.of("  - {name: s, peer: smile, algorithm: lloyd}\n", "6:28",
                        "'algorithm' does not apply to peer 'smile', which runs its one algorithm"),
                Arguments.of("  - {name: s, peer: sklearn, algorithm: lloid}\n", "6:41",
                        "unknown algorithm 'lloid'"),
                Arguments.of("  - {name: s, peer: julia}\n", "6:21",
                        "unknown peer 'julia' (valid peers: sklearn, numpy, rust, smile, commons-math, elki, elki-fast)"),
                Arguments.of("  - {name: s, peer: elki, thread: 2}\n", "6:27",
                        "unknown key 'thread' in an implementation (did you mean 'threads'?)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badPeers")
    void badPeerEntriesNameFileLineColumnAndProblem(String impl, String where, String problem) throws IOException {
        Path p = write(GRID + impl);
        GridException e = assertThrows(GridException.class, () -> GridLoader.load(p));
        assertTrue(e.getMessage().startsWith(p + ":" + where + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void peersNeedTheCliEngine() throws IOException {
        Path p = write("""
                name: j
                engine: jmh
                data: {n: 300, d: 2}
                fits: {k_max: 3}
                implementations:
                  - {name: s, peer: smile}
                """);
        GridException e = assertThrows(GridException.class, () -> GridLoader.load(p));
        assertTrue(e.getMessage().contains(":6:21: a peer is a program, timed end to end: peers need 'engine: cli'"),
                e.getMessage());
    }

    @Test
    void commandsAreArgumentListsUnderFitsContract() throws Exception {
        Plan plan = Plan.of(GridLoader.load(write("jvm_options: [-XX:+UseSerialGC]\n" + GRID + """
                  - {name: sklearn, peer: sklearn, threads: 2}
                  - {name: rust, peer: rust}
                  - {name: rust-par, peer: rust, threads: 0}
                  - {name: commons-math, peer: commons-math}
                  - {name: sklearn-lloyd, peer: sklearn, algorithm: lloyd}
                """)));
        Path root = Path.of("/project");
        PeerPrograms programs = new PeerPrograms(root, Map.of(PeerPrograms.PYTHON_ENV, "/opt/py"));
        Map<String, List<String>> byName = new HashMap<>();
        for (RunSpec r : plan.runs()) {
            if (r.isPeer()) {
                byName.put(r.implementation(), programs.command(r, Path.of("d.csv"), Path.of("o.csv"), 5));
            }
        }
        List<String> contract = List.of("d.csv", "--k-max", "3", "--mode", "sweep", "--seed", "5", "--json",
                "--output", "o.csv");
        assertEquals(concat(List.of("/opt/py", "/project/peers/python/sklearn_fit.py"), contract,
                List.of("--threads", "2")), byName.get("sklearn"));
        // an algorithm the grid names reaches the peer; one it leaves out is the peer's own default, not passed
        assertEquals(concat(List.of("/opt/py", "/project/peers/python/sklearn_fit.py", "d.csv", "--k-max", "3",
                "--mode", "sweep", "--algorithm", "lloyd", "--seed", "5", "--json", "--output", "o.csv"),
                List.of("--threads", "1")), byName.get("sklearn-lloyd"));
        assertEquals(concat(List.of("/project/peers/rust/target/release/kmeans-rs"), contract, List.of()),
                byName.get("rust"), "serial Rust: no --parallel");
        assertEquals(concat(List.of("/project/peers/rust/target/release/kmeans-rs"), contract,
                List.of("--parallel", "--threads", "0")), byName.get("rust-par"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(concat(List.of(java, "-XX:+UseSerialGC", "-jar", "/project/peers/target/peers.jar", "commons-math"),
                contract, List.of("--threads", "1")), byName.get("commons-math"));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    @Test
    void aPeerThatIsNotInstalledIsSkippedWithItsInstallLineAndIsNoFailure() throws Exception {
        Path g = write(GRID + """
                  - {name: sklearn, peer: sklearn}
                  - {name: smile, peer: smile}
                """);
        Path emptyRoot = Files.createDirectories(dir.resolve("project"));
        PeerPrograms missing = new PeerPrograms(emptyRoot, Map.of(PeerPrograms.PYTHON_ENV,
                dir.resolve("no/python3").toString()));
        Path out = dir.resolve("out");
        StringWriter progress = new StringWriter();
        int failed = new GridRunner(Plan.of(GridLoader.load(g)), out, false, new PrintWriter(progress, true), missing)
                .run(Map.of("machine_id", "test"));
        assertEquals(0, failed, "skipped is not failed");
        Map<String, JsonObject> rows = rowsByImplementation(out);
        assertEquals("ok", rows.get("gemm").get("status").getAsString());
        assertTrue(rows.get("gemm").get("peer").isJsonNull());
        JsonObject sklearn = rows.get("sklearn");
        assertEquals("skipped", sklearn.get("status").getAsString());
        assertEquals("sklearn", sklearn.get("peer").getAsString());
        assertTrue(sklearn.get("layout").isJsonNull() && sklearn.get("wall_s").isJsonNull(), sklearn.toString());
        assertTrue(sklearn.get("stderr_tail").getAsString().endsWith("sudo apt-get install -y python3-sklearn"),
                sklearn.toString());
        assertTrue(rows.get("smile").get("stderr_tail").getAsString().endsWith("build it: ./kmlab build"),
                rows.get("smile").toString());
        String log = progress.toString();
        assertEquals(1, log.lines().filter(l -> l.startsWith("kmlab run: peer sklearn: ")).count(), log);
        assertTrue(log.contains("its 1 runs are recorded as skipped"), log);
        assertTrue(log.contains("0 failed, 2 skipped"), log);
        assertTrue(Files.readAllLines(out.resolve("runs.csv")).get(0).contains(",implementation,n,d,k_max,clusters,cluster_std,mode,peer,layout,"));

        // resumed (the peers still missing): the skipped runs are tried again, not kept twice; done runs stay done
        assertEquals(0, new GridRunner(Plan.of(GridLoader.load(g)), out, true, new PrintWriter(new StringWriter()),
                missing).run(Map.of("machine_id", "test")));
        List<String> lines = Files.readAllLines(out.resolve("runs.jsonl"));
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals(rows.get("gemm").toString(), rowsByImplementation(out).get("gemm").toString(), "not run again");
    }

    @Test
    void aPeerWhoseBuildFailsIsRecordedFailedWithTheBuildsErrorAndTheGridGoesOn() throws Exception {
        Path g = write(GRID + """
                  - {name: rust, peer: rust}
                """);
        // a Rust twin whose sources do not compile: a cargo that fails as cargo does
        Path root = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(root.resolve("peers/rust/src"));
        Files.writeString(root.resolve("peers/rust/Cargo.toml"), "[package]\nname = \"kmeans-rs\"\n");
        Path cargo = dir.resolve("cargo");
        Files.writeString(cargo, "#!/bin/sh\necho 'error[E0425]: cannot find value `x` in this scope' >&2\nexit 101\n");
        assertTrue(cargo.toFile().setExecutable(true));
        Path crates = Path.of("/usr/share/cargo/registry");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(crates),
                "the build is only tried where Debian's crate sources are (" + crates + ")");
        PeerPrograms broken = new PeerPrograms(root, Map.of(PeerPrograms.CARGO_ENV, cargo.toString()));
        Path out = dir.resolve("out");
        StringWriter progress = new StringWriter();
        int failed = new GridRunner(Plan.of(GridLoader.load(g)), out, false, new PrintWriter(progress, true), broken)
                .run(Map.of("machine_id", "test"));
        assertEquals(1, failed, progress.toString());
        Map<String, JsonObject> rows = rowsByImplementation(out);
        assertEquals("ok", rows.get("gemm").get("status").getAsString(), "kmlab's run went on");
        JsonObject rust = rows.get("rust");
        assertEquals("failed", rust.get("status").getAsString());
        assertTrue(rust.get("wall_s").isJsonNull(), rust.toString());
        assertTrue(rust.get("stderr_tail").getAsString().contains("cannot find value `x`"), rust.toString());
        assertTrue(progress.toString().contains("its 1 runs are recorded as failed"), progress.toString());
        assertTrue(progress.toString().contains("1 failed, 0 skipped"), progress.toString());
    }

    private static Map<String, JsonObject> rowsByImplementation(Path out) throws IOException {
        Map<String, JsonObject> rows = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("runs.jsonl"))) {
            JsonObject r = JsonParser.parseString(line).getAsJsonObject();
            rows.put(r.get("implementation").getAsString(), r);
        }
        return rows;
    }
}
