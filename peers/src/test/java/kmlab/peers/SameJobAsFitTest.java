package kmlab.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import kmlab.runner.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer runs kmlab fit's own job: for the same command line, the same exit code and the same error
 * line but for the command's name, and the same summary but for the fields that say how it fits.
 */
class SameJobAsFitTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private static Run fit(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new ArrayList<>(List.of("fit"));
        line.addAll(args);
        int code = Main.run(line.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Run peer(String peer, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new ArrayList<>(List.of(peer));
        line.addAll(args);
        int code = PeerMain.run(line.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * The input's content (null: no such file) and the options after INPUT: the job's options only
     * (--threads is each command's own: fit's takes auto and says so in its errors).
     */
    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("a,b\n1,2\n3\n", "--k-max 2"),
                Arguments.of("a,b\n1,2\n3,x\n", "--k-max 2"),
                Arguments.of("a\nNaN\n", "--k-max 1"),
                Arguments.of("", "--k-max 1"),
                Arguments.of("a,b\n", "--k-max 1"),
                Arguments.of("a\n1\n2\n1\n", "--k-max 3"),
                Arguments.of(null, "--k-max 2"),
                Arguments.of("a\n1\n2\n", "--k-max 0"),
                Arguments.of("a\n1\n2\n", "--k-max x"),
                Arguments.of("a\n1\n2\n", "--k-max 2 --k-true 3"),
                Arguments.of("a\n1\n2\n", "--k-max 2 --k-true 1 --mode single"),
                Arguments.of("a\n1\n2\n", "--k-max 2 --mode once"),
                Arguments.of("a\n1\n2\n", "--k-max 2 --seed s"),
                Arguments.of("a\n1\n2\n", "--k-max 2 --bogus"),
                Arguments.of("a\n1\n2\n", "--k-max 2 --k-max 3"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badLines")
    void theSameBadInputGivesTheSameLine(String content, String options) throws IOException {
        Path in = dir.resolve("in.csv");
        if (content != null) {
            Files.writeString(in, content);
        }
        List<String> args = new ArrayList<>(List.of(in.toString(), "--output", dir.resolve("o.csv").toString()));
        args.addAll(List.of(options.split(" ")));
        Run f = fit(args);
        assertEquals(2, f.code(), f.err());
        assertEquals(1, f.err().strip().lines().count(), f.err());
        for (String name : List.of("smile", "elki")) {
            Run p = peer(name, args);
            assertEquals(f.code(), p.code(), p.err());
            assertEquals(f.err().replace("kmlab fit", "kmlab " + name).replace("(see: kmlab ", "(see: java -jar peers.jar "),
                    p.err());
        }
        assertTrue(Files.notExists(dir.resolve("o.csv")));
    }

    /** fit's line for an unknown algorithm, but for the list of algorithms each can run. */
    @Test
    void aBadAlgorithmGivesFitsLine() throws IOException {
        Path in = dir.resolve("in.csv");
        Blobs.write(in, 50, 2, 2, 1);
        List<String> args = List.of(in.toString(), "--k-max", "2", "--algorithm", "bogus", "--output",
                dir.resolve("o.csv").toString());
        Run f = fit(args);
        Run p = peer("elki", args);
        assertEquals(2, f.code(), f.err());
        assertEquals(f.code(), p.code(), p.err());
        String expected = " (expected one of: ";
        assertTrue(f.err().contains(expected), f.err());
        assertEquals(f.err().substring(0, f.err().indexOf(expected)).replace("kmlab fit", "kmlab elki"),
                p.err().substring(0, p.err().indexOf(expected)));
        assertEquals(" (expected one of: lloyd, hamerly, elkan)", p.err().strip().substring(p.err().indexOf(expected)));
        assertTrue(Files.notExists(dir.resolve("o.csv")));
    }

    @Test
    void anOutputThatCannotBeWrittenIsTheSameIoError() throws IOException {
        Path in = dir.resolve("in.csv");
        Blobs.write(in, 50, 2, 2, 1);
        List<String> args = List.of(in.toString(), "--k-max", "2", "--output", in.resolve("o.csv").toString());
        Run f = fit(args);
        Run p = peer("commons-math", args);
        assertEquals(1, f.code(), f.err());
        assertTrue(f.err().startsWith("kmlab fit: I/O error: "), f.err());
        assertEquals(f.code(), p.code());
        assertEquals(f.err().replace("kmlab fit", "kmlab commons-math"), p.err());
    }

    @Test
    void theSameSummaryButForHowItFits() throws IOException {
        Path in = dir.resolve("in.csv");
        Blobs.write(in, 400, 3, 3, 5);
        List<String> args = List.of(in.toString(), "--k-max", "3", "--json", "--output", dir.resolve("o.csv").toString());
        JsonObject f = JsonParser.parseString(fit(args).out()).getAsJsonObject();
        JsonObject p = JsonParser.parseString(peer("smile", args).out()).getAsJsonObject();
        List<String> fitKeys = new ArrayList<>(f.keySet());
        fitKeys.removeAll(List.of("layout", "kernel", "precision", "seeding", "algorithm", "chunk_rows"));
        List<String> peerKeys = new ArrayList<>(p.keySet());
        peerKeys.removeAll(List.of("implementation", "versions", "load_s"));
        assertEquals(fitKeys, peerKeys);
        List<String> fitFit = new ArrayList<>(f.getAsJsonArray("fits").get(0).getAsJsonObject().keySet());
        fitFit.removeAll(List.of("kernel", "threads", "algorithm", "distances", "seed_distances"));
        assertEquals(fitFit, List.copyOf(p.getAsJsonArray("fits").get(0).getAsJsonObject().keySet()));
        assertEquals(f.getAsJsonObject("phases_s").keySet(), p.getAsJsonObject("phases_s").keySet());
        for (String same : List.of("input", "output", "n", "d", "k_max", "mode", "seed", "k_true", "ari")) {
            assertEquals(f.get(same), p.get(same), same);
        }
    }
}
