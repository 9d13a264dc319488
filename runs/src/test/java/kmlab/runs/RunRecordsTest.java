package kmlab.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kmlab.data.Layout;
import kmlab.fit.Seeding;
import kmlab.fit.Workload;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one codec: every committed results folder reads, and what it writes reads back as the same record. */
class RunRecordsTest {
    private static final Path RESULTS = Path.of("../results");

    static Stream<Path> committedFolders() throws IOException {
        try (Stream<Path> s = Files.list(RESULTS)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("runs.jsonl"))).sorted().toList().stream();
        }
    }

    @Test
    void thereAreCommittedFoldersToRead() throws IOException {
        assertTrue(committedFolders().count() >= 5, "the results folders moved: " + RESULTS.toAbsolutePath());
    }

    /**
     * Each line of each committed folder reads as a record, and the record written again holds every
     * field of the line with the same value (written before this codec, by the Map-based log).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("committedFolders")
    void everyCommittedLineReadsAndWritesBackTheSameFields(Path folder) throws IOException {
        int line = 0;
        for (String text : Files.readAllLines(folder.resolve("runs.jsonl"))) {
            line++;
            RunRecord r = RunRecords.parse(text);
            JsonObject before = JsonParser.parseString(text).getAsJsonObject();
            String again = RunRecords.json(r);
            JsonObject after = JsonParser.parseString(again).getAsJsonObject();
            for (String key : before.keySet()) {
                assertTrue(after.has(key), folder + ":" + line + ": " + key + " lost");
                assertTrue(same(before.get(key), after.get(key)),
                        folder + ":" + line + ": " + key + " was " + before.get(key) + ", is " + after.get(key));
            }
            assertEquals(r, RunRecords.parse(again), folder + ":" + line);
            assertEquals(RunRecords.COLUMNS.size(), cells(RunRecords.csv(r)), folder + ":" + line);
        }
        assertTrue(line > 0);
    }

    /** Equal JSON, numbers by value (1.0E7 and 10000000 are one number). */
    private static boolean same(JsonElement a, JsonElement b) {
        if (a.isJsonPrimitive() && b.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber()
                && b.getAsJsonPrimitive().isNumber()) {
            return a.getAsDouble() == b.getAsDouble();
        }
        if (a.isJsonArray() && b.isJsonArray()) {
            if (a.getAsJsonArray().size() != b.getAsJsonArray().size()) {
                return false;
            }
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                if (!same(a.getAsJsonArray().get(i), b.getAsJsonArray().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isJsonObject() && b.isJsonObject()) {
            for (String k : a.getAsJsonObject().keySet()) {
                JsonElement other = b.getAsJsonObject().get(k);
                if (other == null || !same(a.getAsJsonObject().get(k), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Cells of a CSV row, quoted cells counted once. */
    private static int cells(String row) {
        int n = 1;
        boolean quoted = false;
        for (char c : row.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                n++;
            }
        }
        return n;
    }

    private static RunSpec spec(AxisValues axes, String implementation) {
        return new RunSpec(3, 1, RunSpec.keyOf(axes, 1, null, 2, implementation), "g", Engine.CLI, implementation, axes,
                2, 1, null);
    }

    private static AxisValues kmlab(double std) {
        return AxisValues.NONE.with(Axes.N, 1000).with(Axes.D, 8).with(Axes.K_MAX, 4).with(Axes.CLUSTERS, 4)
                .with(Axes.CLUSTER_STD, std).with(Axes.MODE, Workload.SWEEP).with(Axes.PEER, null)
                .with(Axes.LAYOUT, Layout.ROWS).with(Axes.KERNEL, KernelChoice.of(KernelKind.GEMM))
                .with(Axes.PRECISION, Precision.FLOAT).with(Axes.SEEDING, Seeding.SHARED)
                .with(Axes.THREADS, ThreadsChoice.AUTO).with(Axes.JVM, JvmRegime.COLD)
                .with(Axes.JVM_OPTIONS, List.of("-Xmx1g", "-XX:+UseSerialGC"));
    }

    @Test
    void aRecordRoundTripsWithEveryFieldTyped() {
        RunOutcome.Child child = new RunOutcome.Child(123L, 0.5, new RunOutcome.Phases(0.05, 0.01, 0.1, 0.2, null),
                List.of(new RunOutcome.FitRecord(1, 2, true, 10.5, 0.001, 0.002, "scalar", 1, "hamerly", 3000L, 1000L),
                        new RunOutcome.FitRecord(2, 3, null, 5.25, null, 0.003, null, null, null, 9000L, 4000L)), 0.97, true);
        RunRecord r = new RunRecord(spec(kmlab(0.5), "a,b"), "m-1",
                new RunOutcome(RunOutcome.Status.OK, 0, 1.5, null, 1000L, 0.4, 2048L, 0.45, null, child, null, null,
                        null));
        RunRecord back = RunRecords.parse(RunRecords.json(r));
        assertEquals(r.spec().axes(), back.spec().axes());
        assertEquals(r.outcome(), back.outcome());
        assertEquals(5, back.outcome().iterations());
        assertEquals(5.25, back.outcome().inertiaAtKMax());
        assertEquals(12_000L, back.outcome().distances(), "every fit's, seeding included");
        assertEquals("blobs_n1000_d8_c4_std0.5_s1/sweep_k4/r2/a,b", back.spec().key());
        String csv = RunRecords.csv(r);
        assertTrue(csv.contains(",\"a,b\",") && csv.contains(",-Xmx1g -XX:+UseSerialGC,"), csv);
        assertEquals(RunRecords.COLUMNS.size(), cells(csv));
    }

    @Test
    void aFolderOlderThanAnAxisReadsItsAbsentValue() {
        AxisValues axes = kmlab(1.0);
        String json = RunRecords.json(new RunRecord(spec(axes, "a"), "m", RunOutcome.notRun(RunOutcome.Status.FAILED, "x")));
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.remove("cluster_std");
        o.remove("jvm");
        RunRecord old = RunRecords.parse(o.toString());
        assertEquals(1.0, old.spec().get(Axes.CLUSTER_STD));
        assertNull(old.spec().get(Axes.JVM));
        assertEquals("blobs_n1000_d8_c4_s1", old.spec().datasetName(), "the default spread names nothing");
        assertNull(old.outcome().child());
        assertNull(old.outcome().iterations());
    }

    @Test
    void theKernelsRecordOfAChildRoundTripsAndAnOlderFolderReadsItNull() {
        RunOutcome killed = new RunOutcome(RunOutcome.Status.FAILED, 137, 0.2, null, null, null, 210_000_000L, 0.31,
                "SIGKILL", null, null, null, "killed by SIGKILL");
        RunRecord r = new RunRecord(spec(kmlab(1.0), "a"), "m", killed);
        String json = RunRecords.json(r);
        assertEquals(killed, RunRecords.parse(json).outcome());
        List<String> cells = List.of(RunRecords.csv(r).split(",", -1));
        assertEquals("210000000", cells.get(RunRecords.COLUMNS.indexOf("rss_peak_rusage_bytes")));
        assertEquals("0.31", cells.get(RunRecords.COLUMNS.indexOf("cpu_rusage_s")));
        assertEquals("SIGKILL", cells.get(RunRecords.COLUMNS.indexOf("signal")));
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.remove("rss_peak_rusage_bytes");
        o.remove("cpu_rusage_s");
        o.remove("signal");
        RunOutcome old = RunRecords.parse(o.toString()).outcome();
        assertNull(old.rssRusage());
        assertNull(old.cpuRusage());
        assertNull(old.signal());
    }

    @Test
    void whatIsNotARecordIsRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunRecords.parse("{\"run\": 1"))
                .getMessage().startsWith("not JSON"));
        String noKey = RunRecords.json(new RunRecord(spec(kmlab(1), "a"), "m",
                RunOutcome.notRun(RunOutcome.Status.SKIPPED, "x"))).replace("\"key\"", "\"kee\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunRecords.parse(noKey)).getMessage()
                .contains("no key"));
        String badLayout = RunRecords.json(new RunRecord(spec(kmlab(1), "a"), "m",
                RunOutcome.notRun(RunOutcome.Status.SKIPPED, "x"))).replace("\"rows\"", "\"diagonal\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunRecords.parse(badLayout)).getMessage()
                .contains("unknown layout 'diagonal'"));
    }

    @Test
    void everyAxisHasOneKeyAndAColumn() {
        assertEquals(Axes.ALL.size(), Axes.ALL.stream().map(Axis::key).distinct().count());
        for (Axis<?> a : Axes.ALL) {
            assertTrue(RunRecords.COLUMNS.contains(a.key()), a.key());
            assertEquals(a, Axes.byKey(a.key()));
        }
        assertFalse(Axes.of(Axis.Section.DATA).isEmpty());
    }

    /** A child's summary that lists no fit is refused (its run fails), never recorded with a NaN inertia that stops the runner. */
    @Test
    void aSummaryWithoutAFitIsNoRunsSummary() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RunRecords.child("{\"peak_rss_bytes\": 1, \"fits\": []}"));
        assertEquals("the child's summary lists no fit", e.getMessage());
    }
}
