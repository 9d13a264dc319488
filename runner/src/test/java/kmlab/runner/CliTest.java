package kmlab.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Path gen(int rows, int d, int k) {
        Path p = dir.resolve("b.csv");
        Run g = run("gen", "--rows", "" + rows, "--features", "" + d, "--clusters", "" + k, "--seed", "1",
                "--output", p.toString());
        assertEquals(0, g.code(), g.err());
        return p;
    }

    @Test
    void fitSweepWritesEveryClusterColumnAndJsonSummary() throws IOException {
        Path in = gen(3_000, 8, 5);
        Path out = dir.resolve("o.csv");
        Run r = run("fit", in.toString(), "--k-max", "5", "--json", "--output", out.toString(), "--layout", "boxed",
                "--threads", "2");
        assertEquals(0, r.code(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(3_000, j.get("n").getAsInt());
        assertEquals(8, j.get("d").getAsInt());
        assertEquals("sweep", j.get("mode").getAsString());
        assertEquals("boxed", j.get("layout").getAsString());
        assertEquals(5, j.getAsJsonArray("fits").size());
        assertEquals(1.0, j.get("ari").getAsDouble(), 1e-9, "separated blobs at k_true");
        JsonObject phases = j.getAsJsonObject("phases_s");
        for (String p : List.of("jvm_start_to_main", "read", "fit", "write")) {
            assertTrue(phases.has(p), p);
        }
        assertTrue(j.get("peak_rss_bytes").getAsLong() > 1_000_000);
        List<String> lines = Files.readAllLines(out);
        assertEquals(3_001, lines.size());
        assertTrue(lines.get(0).endsWith(",label,cluster_k1,cluster_k2,cluster_k3,cluster_k4,cluster_k5"), lines.get(0));
    }

    @Test
    void theWarmupChangesNoResult() throws IOException {
        Path in = gen(5_000, 9, 12);
        Path warm = dir.resolve("warm.csv");
        Path cold = dir.resolve("cold.csv");
        assertEquals(0, run("fit", in.toString(), "--k-max", "12", "--output", warm.toString(), "--threads", "2").code());
        assertEquals(0, run("fit", in.toString(), "--k-max", "12", "--output", cold.toString(), "--threads", "2",
                "--no-warmup").code());
        assertEquals(Files.readAllLines(cold), Files.readAllLines(warm));
    }

    @Test
    void sharedSeedingWritesWhatFreshSeedingWrites() throws IOException {
        // k = 1..25 spans four local-trial counts (2, 3, 4, 5), so every shared prefix is used
        Path in = gen(4_000, 3, 9);
        Path shared = dir.resolve("shared.csv");
        Path fresh = dir.resolve("fresh.csv");
        Run s = run("fit", in.toString(), "--k-max", "25", "--json", "--output", shared.toString(), "--threads", "2");
        Run f = run("fit", in.toString(), "--k-max", "25", "--json", "--output", fresh.toString(), "--seeding", "fresh");
        assertEquals(0, s.code(), s.err());
        assertEquals(0, f.code(), f.err());
        assertEquals("shared", JsonParser.parseString(s.out()).getAsJsonObject().get("seeding").getAsString());
        assertEquals("fresh", JsonParser.parseString(f.out()).getAsJsonObject().get("seeding").getAsString());
        assertEquals(Files.readAllLines(fresh), Files.readAllLines(shared));
        Run bad = run("fit", in.toString(), "--k-max", "2", "--output", fresh.toString(), "--seeding", "once");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown seeding 'once' (expected one of: shared, fresh)"), bad.err());
    }

    @Test
    void fitSingleWritesOneColumn() throws IOException {
        Path in = gen(500, 2, 3);
        Path out = dir.resolve("o.csv");
        Run r = run("fit", in.toString(), "--k-max", "3", "--mode", "single", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readAllLines(out).get(0).endsWith(",label,cluster_k3"));
        assertTrue(r.out().contains("ARI at k=3"), r.out());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("a,b\n1,2\n3\n", "2", "bad.csv:3: expected 2 fields, found 1"),
                Arguments.of("a,b\n1,2\n3,x\n", "2", "bad.csv:3: column 2 (b): 'x' is not a finite number"),
                Arguments.of("a\nNaN\n", "1", "bad.csv:2: column 1 (a): 'NaN' is not a finite number"),
                Arguments.of("a\nInfinity\n", "1", "bad.csv:2: column 1 (a): 'Infinity' is not a finite number"),
                Arguments.of("", "1", "bad.csv: empty file"),
                Arguments.of("a,b\n", "1", "bad.csv: no data rows after the header"),
                Arguments.of("a\n1\n2\n1\n", "3", "bad.csv: k_max = 3 exceeds the number of distinct points (2)"),
                Arguments.of("a\n1\n", "0", "--k-max must be >= 1, got 0"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badInputs")
    void badInputIsOneLineExitTwoAndNoOutput(String content, String kMax, String message) throws IOException {
        Path in = dir.resolve("bad.csv");
        Files.writeString(in, content);
        Path out = dir.resolve("o.csv");
        Run r = run("fit", in.toString(), "--k-max", kMax, "--output", out.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(in), files.toList(), "no temporary file left behind");
        }
    }

    /** The output named as the input, directly, through a symbolic link or a hard link: refused in one line, the input intact. */
    @Test
    void theInputIsNeverTheOutput() throws IOException {
        Path in = gen(200, 2, 2);
        byte[] before = Files.readAllBytes(in);
        Path symlink = Files.createSymbolicLink(dir.resolve("link.csv"), in);
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), in);
        Path dotted = dir.resolve(".").resolve(in.getFileName());
        for (Path out : List.of(in, symlink, hardLink, dotted)) {
            Run r = run("fit", in.toString(), "--k-max", "2", "--output", out.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--output " + out + " is the input file"), r.err());
            assertArrayEquals(before, Files.readAllBytes(in), "the input is untouched");
        }
    }

    /** A fit's output clustered again: its cluster_k columns are refused in one line, not read as features. */
    @Test
    void anEarlierOutputIsRefusedInOneLine() throws IOException {
        Path in = gen(200, 2, 2);
        Path first = dir.resolve("o.csv");
        assertEquals(0, run("fit", in.toString(), "--k-max", "2", "--output", first.toString()).code());
        Path again = dir.resolve("o2.csv");
        Run r = run("fit", first.toString(), "--k-max", "2", "--output", again.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(first + ":1: column 5 (cluster_k1) holds the labels of an earlier fit's output"),
                r.err());
        assertFalse(Files.exists(again));
    }

    /** RFC 4180 input as pandas writes ids with commas: clustered, and each input line kept as it was in the output. */
    @Test
    void quotedIdsAreClusteredAndKept() throws IOException {
        Path in = dir.resolve("q.csv");
        Files.writeString(in, "id,x,y\n\"a,1\",1.0,2.0\n\"b \"\"2\"\"\",1.1,2.0\nc,9.0,9.5\n\"d\",9.2,9.4\n");
        Path out = dir.resolve("o.csv");
        for (String layout : List.of("boxed", "rows", "columns")) {
            Run r = run("fit", in.toString(), "--k-max", "2", "--layout", layout, "--output", out.toString());
            assertEquals(0, r.code(), r.err());
            List<String> lines = Files.readAllLines(out);
            assertEquals("id,x,y,cluster_k1,cluster_k2", lines.get(0));
            assertTrue(lines.get(1).startsWith("\"a,1\",1.0,2.0,0,"), lines.get(1));
            assertTrue(lines.get(2).startsWith("\"b \"\"2\"\"\",1.1,2.0,0,"), lines.get(2));
            assertEquals(lines.get(1).substring(lines.get(1).length() - 1), lines.get(2).substring(lines.get(2).length() - 1));
            assertEquals(lines.get(3).substring(lines.get(3).length() - 1), lines.get(4).substring(lines.get(4).length() - 1));
        }
    }

    /** An option that swallows INPUT as its value leaves no INPUT: a usage error in one line, not a stack trace. */
    @Test
    void aMissingInputIsAUsageErrorInOneLine() {
        for (String[] args : List.of(new String[] {"fit", "--mode", "in.csv", "--k-max", "2", "--output", "o.csv"},
                new String[] {"fit", "--k-max", "2", "--output", "o.csv"})) {
            Run r = run(args);
            assertEquals(2, r.code(), r.err());
            assertEquals("kmlab fit: Missing required parameter: 'INPUT' (see: kmlab fit --help)", r.err().strip());
        }
    }

    /** The new settings' bad values: one line each, exit 2, nothing written. */
    @Test
    void aBadSpreadOrAlgorithmIsOneLine() {
        Path out = dir.resolve("b.csv");
        Run g = run("gen", "--rows", "10", "--features", "2", "--clusters", "2", "--std", "0", "--output", out.toString());
        assertEquals(2, g.code(), g.err());
        assertEquals("kmlab gen: the standard deviation must be a finite number > 0, got 0.0", g.err().strip());
        assertFalse(Files.exists(out));
        Run f = run("fit", "x.csv", "--k-max", "2", "--output", dir.resolve("o.csv").toString(), "--algorithm", "yinyang");
        assertEquals(2, f.code(), f.err());
        assertEquals(1, f.err().strip().lines().count(), f.err());
        assertTrue(f.err().contains("unknown algorithm 'yinyang' (expected one of: lloyd, hamerly, elkan)"), f.err());
    }

    @Test
    void missingFileIsOneLine() {
        Path in = dir.resolve("missing.csv");
        Run r = run("fit", in.toString(), "--k-max", "2", "--output", dir.resolve("o.csv").toString());
        assertEquals(2, r.code());
        assertEquals("kmlab fit: " + in + ": no such file", r.err().strip());
    }

    @Test
    void unknownLayoutIsAUsageError() {
        Run r = run("fit", "x.csv", "--k-max", "2", "--output", "o.csv", "--layout", "diagonal");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown layout 'diagonal'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void floatPrecisionIsForVectorKernelsAndReported() throws IOException {
        Path in = gen(2_000, 4, 3);
        Run bad = run("fit", in.toString(), "--k-max", "3", "--kernel", "scalar", "--precision", "float", "--output",
                dir.resolve("o.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--precision float exists for --kernel simd and gemm, not scalar"), bad.err());
        Run ok = run("fit", in.toString(), "--k-max", "3", "--precision", "float", "--json", "--output",
                dir.resolve("o.csv").toString());
        assertEquals(0, ok.code(), ok.err());
        JsonObject j = JsonParser.parseString(ok.out()).getAsJsonObject();
        assertEquals("float", j.get("precision").getAsString());
        Run dbl = run("fit", in.toString(), "--k-max", "3", "--json", "--output", dir.resolve("d.csv").toString());
        JsonObject jd = JsonParser.parseString(dbl.out()).getAsJsonObject();
        assertEquals("double", jd.get("precision").getAsString());
        assertEquals(jd.get("ari").getAsDouble(), j.get("ari").getAsDouble(), 1e-12, "float finds what double finds");
    }

    @Test
    void kTrueMustBeFitted() throws IOException {
        Path in = gen(100, 2, 2);
        Run r = run("fit", in.toString(), "--k-max", "3", "--k-true", "2", "--mode", "single", "--output",
                dir.resolve("o.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--k-true must equal it"), r.err());
    }

    @Test
    void envReportsTheVectorSpecies() {
        Run r = run("env", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(j.get("vector_double_lanes").getAsInt() >= 1);
        assertTrue(j.get("logical_cores").getAsInt() >= 1);
        assertFalse(j.get("cpu_model").getAsString().isBlank());
    }

    @Test
    void theLauncherRecordsMainsEntryUnderTheNameProcessStatsReads() {
        assertEquals(kmlab.job.ProcessStats.ENTRY_NANOS, Launch.ENTRY_NANOS);
    }

    @Test
    void helpAndVersion() {
        Run h = run("fit", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--k-max"), h.out());
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("kmlab "), v.out());
        Run fv = run("fit", "-V");
        assertEquals(0, fv.code());
        assertEquals(v.out(), fv.out(), "fit's version is kmlab's");
        // the help tells fit's defaults as they are
        assertTrue(h.out().contains("(default: auto)"), h.out());
        Run all = run("--help");
        for (String command : List.of("gen", "fit", "run", "analyze", "merge", "compare", "slurm", "env", "jmh", "aot")) {
            assertTrue(all.out().contains("  " + command + " "), command + " listed: " + all.out());
        }
    }

    /**
     * Every command's description is wrapped by picocli alone: each element of it a whole paragraph
     * (ending a sentence, or a colon before examples) or an indented example line, never a line
     * broken by hand, which picocli would wrap a second time; the first is the command list's summary.
     */
    @Test
    void helpIsWrappedByPicocliAlone() {
        for (var command : Main.commands(new PrintWriter(new StringWriter())).entrySet()) {
            picocli.CommandLine cl = new picocli.CommandLine(command.getValue().get());
            String[] description = cl.getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, command.getKey());
            assertTrue(description[0].endsWith("."), command.getKey() + "'s summary: " + description[0]);
            for (String paragraph : description) {
                assertTrue(paragraph.startsWith("  ") || paragraph.matches("(?s).*[.:](%n)?"),
                        command.getKey() + ": a paragraph broken by hand: '" + paragraph + "'");
            }
        }
        Run all = run("--help");
        assertFalse(all.out().contains("(the writeup's\n"), all.out());
    }
}
