package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole analysis on synthetic folders: the report says what the data says, and is self-contained. */
class AnalysisTest {
    @TempDir
    Path dir;

    private static final Synthetic.Impl BOXED = Synthetic.Impl.kmlab("boxed-scalar", "boxed", "scalar", 1);
    private static final Synthetic.Impl BOXED_PAR = Synthetic.Impl.kmlab("boxed-scalar-par", "boxed", "scalar", 0);
    private static final Synthetic.Impl FLAT = Synthetic.Impl.kmlab("rows-gemm", "rows", "gemm", 1);
    private static final Synthetic.Impl FLAT_PAR = Synthetic.Impl.kmlab("rows-gemm-par", "rows", "gemm", 0);

    /** Flat is 4x faster serially; parallel costs 0.05 s and halves the work: flat crosses later. */
    private static Synthetic grid() {
        return new Synthetic().grid(List.of(1000, 2000, 4000, 8000, 16000, 32000, 64000),
                List.of(BOXED, BOXED_PAR, FLAT, FLAT_PAR), 5, (i, n, r) -> {
                    double work = (i.layout().equals("boxed") ? 4e-6 : 1e-6) * n;
                    return (0.3 + (i.threads() == 1 ? work : 0.05 + work / 2)) * (1 + 0.01 * (r - 3));
                });
    }

    private String analyze(Path folder) throws Exception {
        StringWriter log = new StringWriter();
        Analysis.run(folder, new PrintWriter(log, true));
        return log.toString();
    }

    /** A second spread of the blobs is a slice of its own: it gets its crossover, and never mixes into the headline's cells. */
    @Test
    void aSecondSpreadIsASliceOfItsOwn() throws Exception {
        Path plain = grid().write(dir.resolve("plain"));
        Synthetic both = grid();
        for (Map<String, Object> m : List.copyOf(both.rows)) {
            Map<String, Object> o = new java.util.LinkedHashMap<>(m);
            o.put("run", both.rows.size());
            o.put("key", ((String) m.get("key")).replace("_c4_s1/", "_c4_std3_s1/"));
            o.put("cluster_std", 3.0);
            o.put("wall_s", 10 * (double) m.get("wall_s"));
            both.rows.add(o);
            both.plan.add((String) o.get("key"));
        }
        Path spread = both.write(dir.resolve("spread"));
        assertTrue(analyze(spread).contains("audit PASS"));
        analyze(plain);
        String md = Files.readString(spread.resolve("report.md"));
        assertTrue(md.contains("std=3"), "the spread's slice is named: " + md);
        assertEquals(section(Files.readString(plain.resolve("report.md")), "## The top cell"), section(md, "## The top cell"),
                "the headline cell is the default spread's alone");
    }

    private static String section(String md, String heading) {
        int from = md.indexOf(heading);
        int to = md.indexOf("\n## ", from + 1);
        return md.substring(from, to < 0 ? md.length() : to);
    }

    /** Counted distances get their table: per setting, each implementation's count and its share of Lloyd's passes. */
    @Test
    void distanceCountsAreReportedWhereRunsCountThem() throws Exception {
        Synthetic s = grid();
        Path none = s.write(dir.resolve("uncounted"));
        analyze(none);
        assertFalse(Files.readString(none.resolve("report.md")).contains("## Distance computations"));
        for (Map<String, Object> m : s.rows) {
            int n = (int) m.get("n");
            // 3 iterations a fit, so 4 passes of n x k; the flat implementations prune half of them
            boolean pruned = "rows".equals(m.get("layout"));
            List<Map<String, Object>> fits = new java.util.ArrayList<>();
            for (int k = 1; k <= 4; k++) {
                fits.add(Map.of("k", k, "iterations", 3, "inertia", 1000.0 * n / k,
                        "distances", (long) n * k * 4 / (pruned ? 2 : 1)));
            }
            m.put("fits", fits);
        }
        Path counted = s.write(dir.resolve("counted"));
        analyze(counted);
        String md = Files.readString(counted.resolve("report.md"));
        assertTrue(md.contains("## Distance computations"), md);
        // n = 64,000: 64,000 x (1 + 2 + 3 + 4) x 4 = 2.56 M, a share of 1; pruned: 1.28 M, 0.5
        assertTrue(md.contains("| sweep d=8 k_max=4 n=64000 | 2.56 (1.00) | 2.56 (1.00) | 1.28 (0.500) | 1.28 (0.500) |"), md);
    }

    @Test
    void theReportAnswersWithTheNumbersOfTheData() throws Exception {
        Path folder = grid().write(dir.resolve("r"));
        String log = analyze(folder);
        assertTrue(log.contains("audit PASS"), log);
        String md = Files.readString(folder.resolve("report.md"));
        assertTrue(md.contains("## Audit: PASS"), md);
        // boxed: 2e-6 n > 0.05 from n = 25,000 -> 32,000; flat: 5e-7 n > 0.05 from 100,000 -> none up to 64,000
        assertTrue(md.contains("`boxed-scalar` n* = 32,000"), md);
        assertTrue(md.contains("`rows-gemm` n* = none up to 64,000"), md);
        assertTrue(md.contains("every flat layout crosses later than the boxed one"), md);
        // 4 blobs, 3 iterations at every k of 1..4, Lloyd 3/4 of each fit
        assertTrue(md.contains("| sweep d=8 k_max=4 n=2000 | 4 | 3.00 | 3.00 (3.00-3.00) | 12.0 | 75% |"), md);
        // paired: boxed over itself is the baseline; rows-gemm is (0.3 + 4e-6 n) / (0.3 + 1e-6 n) faster per pair
        double[] want = List.of(1000, 2000, 4000, 8000, 16000, 32000, 64000).stream()
                .mapToDouble(n -> (0.3 + 4e-6 * n) / (0.3 + 1e-6 * n)).sorted().toArray();
        String median = String.format(java.util.Locale.ROOT, "%.2fx", want[3]);
        assertTrue(md.contains("| `rows-gemm` | 35 | " + median), md);
        for (String plot : List.of("four_panel", "speedup_vs_workload", "rss_per_1k_rows", "pareto",
                "crossover_d_8_k_max_4")) {
            byte[] png = Files.readAllBytes(folder.resolve("plots/" + plot + ".png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), plot);
            assertTrue(Files.readString(folder.resolve("plots/" + plot + ".svg")).contains("<svg"), plot);
        }
        String html = Files.readString(folder.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertFalse(html.contains("src=\"plots/"), "the HTML must not depend on files beside it");
        // the one link out of the report: the browser demo, written beside it
        assertTrue(html.contains("<a href=\"demo/index.html\">demo/index.html</a>"), "the demo's link");
        assertTrue(Files.readString(folder.resolve("demo/index.html")).contains("<script src=\"kmlab-demo.js\">"));
        assertTrue(Files.size(folder.resolve("demo/kmlab-demo.js")) > 10_000);
        List<String> cross = Files.readAllLines(folder.resolve("tables/crossover.csv"));
        assertEquals("parallel,serial,family,threads,slice,n,speedup,low,high,pairs,n_star", cross.getFirst());
        assertEquals(1 + 2 * 7, cross.size());
        assertTrue(Files.readAllLines(folder.resolve("tables/paired_ratios.csv")).size() > 1);
    }

    @Test
    void theTopCellSetsKmlabsFastestAgainstScikitLearnWithTheWriteupBeside() throws Exception {
        Synthetic.Impl sklearn = new Synthetic.Impl("sklearn", null, null, 0, "sklearn");
        Synthetic.Impl numpy = new Synthetic.Impl("numpy", null, null, 0, "numpy");
        Synthetic.Impl rust = new Synthetic.Impl("rust", null, null, 1, "rust");
        Synthetic s = new Synthetic().grid(List.of(1000, 2000), List.of(FLAT, FLAT_PAR, sklearn, numpy, rust), 3,
                (i, n, r) -> switch (i.name()) {
                    case "sklearn" -> 12.0;
                    case "numpy" -> 20.0;
                    case "rust" -> 5.0;
                    case "rows-gemm" -> 3.0;
                    default -> 2.0 + 0.01 * (r - 2);
                });
        s.rows.forEach(m -> m.put("rss_peak_sampled_bytes", switch ((String) m.get("implementation")) {
            case "sklearn" -> 600e6;
            case "rows-gemm-par" -> 150e6;
            default -> 300e6;
        }));
        Path folder = s.write(dir.resolve("top"));
        analyze(folder);
        String md = Files.readString(folder.resolve("report.md"));
        // the faster kmlab implementation is chosen; 12 / 2.00 = 6.00x paired median; 600 / 150 MB = 4x
        assertTrue(md.contains("kmlab's fastest implementation here, `rows-gemm-par`: median 2.00 s and 150 MB"), md);
        assertTrue(md.contains("scikit-learn takes 6.00x"), md);
        assertTrue(md.contains("over 3 repeats"), md);
        assertTrue(md.contains("and 4.00x its peak RSS"), md);
        assertTrue(md.contains("wall missed, RSS met"), md);
        // with the kernel's peak of every run (rusage-exec), that is the figure: a relaunched kmlab run's
        // sample sees only its first JVM (here 150 MB sampled, 250 MB in all)
        s.rows.forEach(m -> m.put("rss_peak_rusage_bytes", "rows-gemm-par".equals(m.get("implementation")) ? 250e6
                : (double) m.get("rss_peak_sampled_bytes") + 1e6));
        Path exact = s.write(dir.resolve("top-exact"));
        analyze(exact);
        md = Files.readString(exact.resolve("report.md"));
        assertTrue(md.contains("median 2.00 s and 250 MB peak RSS (the kernel's, wait4), against `sklearn`'s 12.0 s and 601 MB"),
                md);
        assertTrue(md.contains("and 2.40x its peak RSS"), md);
        assertTrue(md.contains("wall missed, RSS missed"), md);
        // the paired table over numpy, with the writeup's figure for the peer that twins its program
        assertTrue(md.contains("| `rust` | 6 | 4.00x"), md);
        assertTrue(md.contains("4.5x median; means ~6.6x"), md);
    }

    @Test
    void aRunEndedBeforeThePollShowsItsRusagePeakAndTheReportSaysSo() throws Exception {
        Synthetic.Impl rust = new Synthetic.Impl("rust", null, null, 1, "rust");
        Synthetic s = new Synthetic().grid(List.of(1000, 2000), List.of(FLAT, rust), 3, (i, n, r) -> 0.5);
        s.rows.forEach(m -> m.put("rss_peak_rusage_bytes", 9e6));
        // the twin's runs were shorter than a poll: no sampled RSS, only the kernel's record
        s.rows.stream().filter(m -> m.get("implementation").equals("rust"))
                .forEach(m -> m.put("rss_peak_sampled_bytes", null));
        Path folder = s.write(dir.resolve("rusage"));
        analyze(folder);
        String md = Files.readString(folder.resolve("report.md"));
        // the top cell's table: 9 MB from rusage where nothing was sampled, the sample elsewhere (50 + 2 MB)
        assertTrue(md.contains("| `rust` | 3 | 0.500 | 9.00 |"), md);
        assertTrue(md.contains("| `rows-gemm` | 3 | 0.500 | 52.0 |"), md);
        assertTrue(md.contains("3 runs ended before the first RSS poll: for them, the sampled RSS shown is the"
                + " kernel's peak of the finished process instead (wait4's rusage)."), md);
        assertTrue(md.contains("6 runs ended before the first RSS poll"), md);
        // per 1k rows, over both sizes: 9 MB / 1 and 9 MB / 2
        assertTrue(md.contains("| `rust` | 6 | 0.500 | 12000 | 6.75 |"), md);
    }

    @Test
    void aFailedAuditStillWritesAReportMarkedAsFailed() throws Exception {
        Synthetic s = grid();
        Map<String, Object> r = s.row("blobs_n8000_d8_c4_s1/sweep_k4/r1/rows-gemm");
        r.put("status", "timeout");
        Path folder = s.write(dir.resolve("f"));
        String log = analyze(folder);
        assertTrue(log.contains("audit FAIL"), log);
        String md = Files.readString(folder.resolve("report.md"));
        assertTrue(md.contains("**AUDIT FAILED"), md);
        assertTrue(md.contains("FAIL: 1 runs timeout, e.g. blobs_n8000_d8_c4_s1/sweep_k4/r1/rows-gemm"), md);
    }

    @Test
    void aFolderWithoutRunsIsRefusedInOneLine() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> analyze(dir.resolve("empty")));
        assertTrue(e.getMessage().endsWith("no runs.jsonl here (not a results folder of kmlab run)"));
    }

    @Test
    void jmhScoresBecomeGflopsAgainstTheMeasuredPeak() throws Exception {
        Synthetic s = new Synthetic();
        for (int r = 1; r <= 2; r++) {
            Map<String, Object> m = s.add(FLAT, 100_000, r, 12.0);
            m.put("key", "blobs_n100000_d8_c4_s1/assign_k4/r" + r + "/rows-gemm");
            m.put("benchmark", "assign");
            m.put("mode", "single");
            m.put("kernel_s", 0.0016); // 2 x 100,000 x 4 x 8 flops in 1.6 ms = 4 GFLOP/s = 8% of 50
            m.remove("fits");
        }
        s.plan.clear();
        s.rows.forEach(m -> s.plan.add((String) m.get("key")));
        Path folder = s.write(dir.resolve("j"));
        analyze(folder);
        String md = Files.readString(folder.resolve("report.md"));
        assertTrue(md.contains("| `rows-gemm` | assign | 100,000 | 8 | 4 | 2 | 1.60 (not enough repeats: 2 forks) | 4.00 | 8% |"),
                md);
    }

    /** Families that differ beyond the layout (here the JVM regime): layouts compared within each, one table per slice. */
    @Test
    void layoutsAreComparedWithinOneRegimeAndTabled() throws Exception {
        Synthetic s = grid();
        for (Map<String, Object> m : List.copyOf(s.rows)) {
            Map<String, Object> w = new java.util.LinkedHashMap<>(m);
            w.put("implementation", m.get("implementation") + "-warm");
            w.put("key", m.get("key") + "-warm");
            w.put("jvm", "warm");
            w.put("wall_s", (double) m.get("wall_s") - 0.25); // the fixed cost of a fresh JVM taken out
            s.rows.add(w);
            s.plan.add((String) w.get("key"));
        }
        Path folder = s.write(dir.resolve("regimes"));
        analyze(folder);
        String md = Files.readString(folder.resolve("report.md"));
        assertTrue(md.contains("**sweep d=8 k_max=4**: `default`: Here every flat layout crosses later than the boxed one."
                + " `warm`: Here "), md);
        assertTrue(md.contains("| sweep d=8 k_max=4 | default | warm |"), md);
        assertTrue(md.contains("| `boxed-scalar` | 32,000 ("), md);
        assertTrue(md.contains("| `rows-gemm` | none up to 64,000 ("), md);
    }

    /** One repeat, as the quick grid runs: values, but no interval and no n* anywhere in the report or its tables. */
    @Test
    void oneRepeatGivesNoIntervalAndNoCrossover() throws Exception {
        Synthetic s = new Synthetic().grid(List.of(1000, 2000, 4000, 8000, 16000, 32000, 64000),
                List.of(BOXED, BOXED_PAR, FLAT, FLAT_PAR), 1, (i, n, r) -> {
                    double work = (i.layout().equals("boxed") ? 4e-6 : 1e-6) * n;
                    return 0.3 + (i.threads() == 1 ? work : 0.05 + work / 2);
                });
        Path folder = s.write(dir.resolve("one"));
        analyze(folder);
        String md = Files.readString(folder.resolve("report.md"));
        assertTrue(md.contains("`boxed-scalar` n* = unknown (not enough repeats: 1 pair)"), md);
        assertTrue(md.contains("the layouts' crossovers cannot be compared: too few repeats"), md);
        // the answer and the crossover rest on one pair per n; the paired table pools 7 n, so it has intervals
        String crossing = md.substring(md.indexOf("## The answer"), md.indexOf("## Per implementation"));
        crossing += md.substring(md.indexOf("## The crossover"), md.indexOf("\n## ", md.indexOf("## The crossover") + 5));
        assertFalse(crossing.matches("(?s).*\\dx \\[.*"), "an interval from one pair:\n" + crossing);
        assertFalse(md.contains("n* = 32,000"), md);
        for (String line : Files.readAllLines(folder.resolve("tables/crossover.csv")).subList(1, 8)) {
            assertTrue(line.matches(".*,[0-9.e+-]+,,,1,$"), "no low, high or n* from one pair: " + line);
        }
    }
}
