package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
    @TempDir
    Path dir;

    static final Folders.Impl GEMM = new Folders.Impl("rows-gemm", "rows", "gemm");
    static final Folders.Impl SIMD = new Folders.Impl("columns-simd", "columns", "simd");
    static final Folders.Impl SCALAR = new Folders.Impl("boxed-scalar", "boxed", "scalar");
    static final List<Folders.Impl> IMPLS = List.of(GEMM, SIMD, SCALAR);
    static final List<Integer> NS = List.of(1000, 8000);

    /** Wall times around a base per implementation and n, with seeded noise of +-{@code noise} (uniform). */
    static Folders.Measure wall(long seed, double noise, String slowed, double factor) {
        Random rnd = new Random(seed);
        return (i, n, r) -> {
            double base = (i == GEMM ? 0.4 : i == SIMD ? 0.5 : 1.2) * (n / 1000.0 + 1);
            double f = i.name().equals(slowed) ? factor : 1;
            return base * f * (1 + noise * (2 * rnd.nextDouble() - 1));
        };
    }

    static Folders.Measure rss(long seed, double noise) {
        Random rnd = new Random(seed);
        return (i, n, r) -> (60e6 + 1000.0 * n) * (1 + noise * (2 * rnd.nextDouble() - 1));
    }

    private Path folder(String name, String machine, Folders.Measure wall, Folders.Measure rss) throws IOException {
        return new Folders(machine).cli(NS, IMPLS, 5, wall, rss).write(dir.resolve(name));
    }

    @Test
    void aSlowdownOfOneImplementationIsFoundAndNamedWithExitOne() throws IOException {
        Path base = folder("base", "m-test", wall(1, 0.03, null, 1), rss(2, 0.01));
        Path slow = folder("new", "m-test", wall(3, 0.03, "rows-gemm", 1.6), rss(4, 0.01));
        Compare.Result r = Compare.of(base, slow, 0.05, false);
        assertEquals(6, r.cells().size());
        assertEquals(1, r.exitCode());
        assertEquals(2, r.regressions().size(), r.summary());
        for (Compare.Cell c : r.cells()) {
            boolean gemm = c.implementation().equals("rows-gemm");
            assertEquals(gemm ? Compare.Verdict.REGRESSION : Compare.Verdict.SAME, c.verdict(), c.name() + ": " + c);
            Compare.MetricResult w = c.metrics().stream().filter(m -> m.metric() == Compare.Metric.WALL).findFirst()
                    .orElseThrow();
            if (gemm) {
                assertEquals(1.6, w.ratio().value(), 0.08, c.name());
                assertTrue(w.ratio().low() > 1.4 && w.ratio().high() < 1.8, w.ratio().toString());
            }
        }
        assertTrue(r.summary().startsWith("kmlab compare: 2 regressions, 0 improvements"), r.summary());
        assertTrue(r.summary().contains("regressed: rows-gemm blobs_n1000_d8_c4_s1/sweep_k4 (wall 1."), r.summary());
        String md = r.markdown();
        assertTrue(md.contains("| `rows-gemm` | `blobs_n8000_d8_c4_s1/sweep_k4` | 5 / 5 |"), md);
        assertTrue(md.contains("**regression**"), md);
        assertTrue(md.strip().endsWith(r.summary()), "the summary is the last line");
        // seeded: the same folders give the same output
        assertEquals(md, Compare.of(base, slow, 0.05, false).markdown());
        // the other way round it is an improvement, and nothing regresses
        Compare.Result back = Compare.of(slow, base, 0.05, false);
        assertEquals(0, back.exitCode());
        assertEquals(2, back.improvements().size(), back.summary());
    }

    @Test
    void aFolderAgainstItselfHasNoRegression() throws IOException {
        Path base = folder("base", "m-test", wall(1, 0.05, null, 1), rss(2, 0.02));
        Compare.Result r = Compare.of(base, base, 0.05, false);
        assertEquals(0, r.exitCode());
        assertEquals(6, r.cells().size());
        for (Compare.Cell c : r.cells()) {
            assertEquals(Compare.Verdict.SAME, c.verdict(), c.name());
            for (Compare.MetricResult m : c.metrics()) {
                assertEquals(1.0, m.ratio().value(), 1e-12, c.name() + " " + m.metric());
                assertTrue(m.ratio().low() <= 1 && m.ratio().high() >= 1, m.ratio().toString());
            }
        }
        assertTrue(r.baseOnly().isEmpty() && r.newOnly().isEmpty());
        assertNull(r.warning());
    }

    @Test
    void noiseOnlyDifferencesAreNotFlagged() throws IOException {
        // every repeat drawn anew with +-2.5% noise on wall and 2% on RSS, in 20 pairs of folders: some
        // intervals exclude 1 by chance (5 runs a side), and the threshold keeps them unflagged
        int excludingOne = 0;
        for (long seed = 10; seed < 30; seed++) {
            Path base = folder("base" + seed, "m-test", wall(seed, 0.025, null, 1), rss(seed + 100, 0.02));
            Path other = folder("new" + seed, "m-test", wall(seed + 1000, 0.025, null, 1), rss(seed + 200, 0.02));
            Compare.Result r = Compare.of(base, other, 0.05, false);
            assertEquals(0, r.exitCode(), r.summary());
            assertTrue(r.regressions().isEmpty() && r.improvements().isEmpty(), r.summary());
            excludingOne += (int) r.cells().stream().flatMap(c -> c.metrics().stream())
                    .filter(m -> m.ratio().low() > 1 || m.ratio().high() < 1).count();
        }
        assertTrue(excludingOne > 0, "the interval alone would have flagged noise");
        // a real 3% shift is below the 5% threshold; at 1% it is not
        Path base = folder("b", "m-test", wall(1, 0.003, null, 1), rss(2, 0.001));
        Path shifted = folder("s", "m-test", wall(3, 0.003, "columns-simd", 1.03), rss(4, 0.001));
        assertEquals(0, Compare.of(base, shifted, 0.05, false).exitCode());
        Compare.Result tight = Compare.of(base, shifted, 0.01, false);
        assertEquals(1, tight.exitCode(), tight.summary());
        assertTrue(tight.regressions().stream().allMatch(c -> c.implementation().equals("columns-simd")));
    }

    @Test
    void aLargeButNoisyDifferenceIsUnclearNotARegression() throws IOException {
        Path base = folder("base", "m-test", wall(1, 0.6, null, 1), rss(2, 0.01));
        Path other = folder("new", "m-test", wall(3, 0.6, "rows-gemm", 1.15), rss(4, 0.01));
        Compare.Result r = Compare.of(base, other, 0.05, false);
        assertEquals(0, r.exitCode(), r.summary());
        assertTrue(r.cells().stream().anyMatch(c -> c.verdict() == Compare.Verdict.UNCLEAR), r.markdown());
    }

    @Test
    void cellsOfOneSideOnlyAreListed() throws IOException {
        Path base = new Folders("m-test").cli(List.of(1000, 8000), List.of(GEMM, SIMD), 5, wall(1, 0.02, null, 1),
                rss(2, 0.01)).write(dir.resolve("base"));
        Path other = new Folders("m-test").cli(List.of(1000, 16000), List.of(GEMM, SCALAR), 5, wall(3, 0.02, null, 1),
                rss(4, 0.01)).write(dir.resolve("new"));
        Compare.Result r = Compare.of(base, other, 0.05, false);
        assertEquals(1, r.cells().size(), "rows-gemm at 1000 only");
        assertEquals(List.of("columns-simd blobs_n1000_d8_c4_s1/sweep_k4", "rows-gemm blobs_n8000_d8_c4_s1/sweep_k4",
                "columns-simd blobs_n8000_d8_c4_s1/sweep_k4"), r.baseOnly().stream().map(Compare.OneSided::name).toList());
        assertEquals(List.of("boxed-scalar blobs_n1000_d8_c4_s1/sweep_k4", "rows-gemm blobs_n16000_d8_c4_s1/sweep_k4",
                "boxed-scalar blobs_n16000_d8_c4_s1/sweep_k4"), r.newOnly().stream().map(Compare.OneSided::name).toList());
        assertTrue(r.summary().contains("1 cells matched; 3 in BASE only, 3 in NEW only"), r.summary());
        String md = r.markdown();
        assertTrue(md.contains("In BASE only (3 cells, not compared):"), md);
        assertTrue(md.contains("- `boxed-scalar` `blobs_n16000_d8_c4_s1/sweep_k4`, 5 runs"), md);
        assertTrue(r.csv().contains("columns-simd,blobs_n8000_d8_c4_s1/sweep_k4,,5,0,,,,,,,,,base-only\n"), r.csv());
    }

    @Test
    void anImplementationWhoseAxesChangedIsOneSidedAndSaysWhy() throws IOException {
        Path base = new Folders("m-test").cli(List.of(1000), List.of(GEMM), 5, wall(1, 0.02, null, 1), rss(2, 0.01))
                .write(dir.resolve("base"));
        Path other = new Folders("m-test").cli(List.of(1000), List.of(new Folders.Impl("rows-gemm", "rows", "simd")), 5,
                wall(3, 0.02, null, 1), rss(4, 0.01)).write(dir.resolve("new"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compare.of(base, other, 0.05, false));
        assertTrue(e.getMessage().contains("no cell in common"), e.getMessage());
        Path both = new Folders("m-test").cli(List.of(1000), List.of(GEMM, SIMD), 5, wall(3, 0.02, null, 1),
                rss(4, 0.01)).write(dir.resolve("both"));
        Path changed = new Folders("m-test").cli(List.of(1000), List.of(new Folders.Impl("rows-gemm", "rows", "simd"),
                SIMD), 5, wall(3, 0.02, null, 1), rss(4, 0.01)).write(dir.resolve("changed"));
        Compare.Result r = Compare.of(both, changed, 0.05, false);
        assertEquals("the other folder's runs of this name differ: kernel gemm here, simd there",
                r.baseOnly().getFirst().note());
    }

    @Test
    void foldersFromTwoMachinesAreRefusedUnlessAskedFor() throws IOException {
        Path base = folder("base", "m-test", wall(1, 0.02, null, 1), rss(2, 0.01));
        Path other = folder("new", "m-other", wall(3, 0.02, null, 1), rss(4, 0.01));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compare.of(base, other, 0.05, false));
        assertEquals("BASE " + base + " ran on m-test, NEW " + other + " on m-other: runs from two machines are not"
                + " compared (--cross-machine compares them, with a warning)", e.getMessage());
        Compare.Result r = Compare.of(base, other, 0.05, true);
        assertNotNull(r.warning());
        String md = r.markdown();
        assertTrue(md.startsWith("**Warning: BASE " + base + " ran on m-test, NEW " + other + " on m-other"), md);
        assertTrue(r.json().startsWith("{\n  \"warning\": \"BASE " + base), r.json());
        // a folder of merged shards from two machines is refused against any folder
        Folders mixed = new Folders("m-test").cli(List.of(1000), IMPLS, 5, wall(1, 0.02, null, 1), rss(2, 0.01));
        mixed.runs.replaceAll(x -> x.spec().repeat() == 5 ? new kmlab.runs.RunRecord(x.spec(), "m-other", x.outcome()) : x);
        Path m = mixed.write(dir.resolve("mixed"));
        e = assertThrows(IllegalArgumentException.class, () -> Compare.of(m, m, 0.05, false));
        assertTrue(e.getMessage().contains("ran on 2 machines [m-other, m-test]"), e.getMessage());
    }

    @Test
    void theJmhScoreIsComparedAndFlagged() throws IOException {
        Folders.Measure steadyWall = (i, n, r) -> 10.0 + 0.01 * r;
        Path base = new Folders("m-test").jmh(NS, List.of(GEMM, SIMD), 5, steadyWall,
                (i, n, r) -> 0.020 * (1 + 0.01 * r)).write(dir.resolve("base"));
        Path other = new Folders("m-test").jmh(NS, List.of(GEMM, SIMD), 5, steadyWall,
                (i, n, r) -> (i == SIMD ? 0.026 : 0.020) * (1 + 0.01 * r)).write(dir.resolve("new"));
        Compare.Result r = Compare.of(base, other, 0.05, false);
        assertEquals(1, r.exitCode());
        assertEquals(List.of("columns-simd", "columns-simd"), r.regressions().stream().map(Compare.Cell::implementation).toList());
        Compare.Cell c = r.regressions().getFirst();
        assertEquals(List.of(Compare.Metric.WALL, Compare.Metric.SCORE),
                c.metrics().stream().map(Compare.MetricResult::metric).toList(), "no RSS for JMH forks");
        assertTrue(r.summary().contains("(score 1.30x"), r.summary());
        assertTrue(r.markdown().contains("score ms BASE -> NEW"), r.markdown());
    }

    @Test
    void aCellWhoseNewRunsAllFailIsARegression() throws IOException {
        Path base = folder("base", "m-test", wall(1, 0.02, null, 1), rss(2, 0.01));
        Path other = new Folders("m-test").cli(NS, IMPLS, 5, wall(3, 0.02, null, 1), rss(4, 0.01)).fail("columns-simd", 8000)
                .write(dir.resolve("new"));
        Compare.Result r = Compare.of(base, other, 0.05, false);
        assertEquals(1, r.exitCode());
        Compare.Cell c = r.regressions().getFirst();
        assertEquals("columns-simd blobs_n8000_d8_c4_s1/sweep_k4", c.name());
        assertEquals("5 of 5 NEW runs failed; every NEW run failed", c.note());
        assertTrue(r.markdown().contains("5 / 0 ok of 5"), r.markdown());
        // failed in BASE only: compared over NEW's runs, no verdict, no regression
        assertEquals(0, Compare.of(other, base, 0.05, false).exitCode());
    }

    @Test
    void fourRunsASideAreNeverFlagged() throws IOException {
        Path base = new Folders("m-test").cli(NS, IMPLS, 4, wall(1, 0.01, null, 1), rss(2, 0.01)).write(dir.resolve("b"));
        Path other = new Folders("m-test").cli(NS, IMPLS, 4, wall(3, 0.01, "rows-gemm", 1.6), rss(4, 0.01))
                .write(dir.resolve("n"));
        Compare.Result r = Compare.of(base, other, 0.05, false);
        assertEquals(0, r.exitCode(), r.summary());
        assertTrue(r.cells().stream().filter(c -> c.implementation().equals("rows-gemm"))
                .allMatch(c -> c.verdict() == Compare.Verdict.UNCLEAR && c.note().contains("fewer than 5")));
    }

    @Test
    void jsonAndCsvCarryTheVerdicts() throws IOException {
        Path base = folder("base", "m-test", wall(1, 0.03, null, 1), rss(2, 0.01));
        Path slow = folder("new", "m-test", wall(3, 0.03, "rows-gemm", 1.6), rss(4, 0.01));
        Compare.Result r = Compare.of(base, slow, 0.05, false);
        JsonObject j = JsonParser.parseString(r.json()).getAsJsonObject();
        assertEquals(1, j.get("exit_code").getAsInt());
        assertEquals(2, j.get("regressions").getAsInt());
        assertEquals(0.05, j.get("threshold").getAsDouble());
        assertEquals("m-test", j.getAsJsonObject("base").get("machine_id").getAsString());
        JsonObject first = j.getAsJsonArray("cells").get(0).getAsJsonObject();
        assertEquals("rows-gemm", first.get("implementation").getAsString());
        assertEquals("regression", first.get("verdict").getAsString());
        JsonObject w = first.getAsJsonObject("metrics").getAsJsonObject("wall_s");
        assertEquals(w.get("new_median").getAsDouble() / w.get("base_median").getAsDouble(), w.get("ratio").getAsDouble(), 1e-12);
        assertTrue(first.getAsJsonObject("metrics").has("rss_peak_bytes"));
        List<String> csv = r.csv().lines().toList();
        assertEquals("implementation,cell,metric,base_runs,new_runs,base_ok,new_ok,base_median,new_median,ratio,low,high,"
                + "verdict,cell_verdict", csv.getFirst());
        assertEquals(1 + 6 * 2, csv.size(), "a row per cell and metric");
        assertTrue(csv.get(1).startsWith("rows-gemm,blobs_n1000_d8_c4_s1/sweep_k4,wall_s,5,5,5,5,"), csv.get(1));
        assertTrue(csv.get(1).endsWith(",regression,regression"), csv.get(1));
    }

    @Test
    void badInputIsRefusedInOneLine() throws IOException {
        Path base = folder("base", "m-test", wall(1, 0.03, null, 1), rss(2, 0.01));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compare.of(base, dir.resolve("nothing"), 0.05, false));
        assertTrue(e.getMessage().endsWith("nothing: no runs.jsonl here (not a results folder of kmlab run)"), e.getMessage());
        Files.writeString(base.resolve("runs.jsonl"), "{\"run\": 1}\n", java.nio.file.StandardOpenOption.APPEND);
        e = assertThrows(IllegalArgumentException.class, () -> Compare.of(base, base, 0.05, false));
        assertTrue(e.getMessage().contains("runs.jsonl:31: not a run record"), e.getMessage());
        Path ok = folder("ok", "m-test", wall(1, 0.03, null, 1), rss(2, 0.01));
        assertThrows(IllegalArgumentException.class, () -> Compare.of(ok, ok, 0, false));
    }
}
