package kmlab.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Per implementation over all its runs: wall, throughput, RSS, ARI and phases; the writeup's four
 * panels, the speedup against the workload, RSS per 1,000 rows and quality against runtime.
 */
final class ImplementationsSection implements Section {
    @Override
    public boolean applies(ReportInput in) {
        return !in.cli().isEmpty();
    }

    @Override
    public void write(ReportInput in, Doc doc, Charts charts) throws IOException {
        doc.heading(2, "Per implementation");
        doc.para("Over every audited run of each implementation (all cells, so medians mix sizes the same way for"
                + " every implementation). Throughput: rows x k-fits per second of wall time. RSS per 1,000 rows:"
                + " sampled every poll from outside / exact peak (VmHWM) from inside. Phases: medians in seconds."
                + Summary.rusageStandIns(in.cli()));
        List<Summary> summaries = Summary.of(in.cli(), in.folder().implementationOrder());
        List<List<String>> rows = new ArrayList<>();
        for (Summary s : summaries) {
            rows.add(List.of("`" + s.implementation() + "`", Integer.toString(s.runs()), Format.num(s.medianWall()),
                    Format.num(s.medianThroughput()), Format.num(s.rssSampledPer1k()), Format.num(s.rssExactPer1k()),
                    String.format(Locale.ROOT, "%.4f / %.4f", s.medianAri(), s.meanAri()),
                    Format.num(s.start()), Format.num(s.setup()), Format.num(s.read()), Format.num(s.fit()),
                    Format.num(s.write())));
        }
        doc.table(List.of("implementation", "runs", "median wall s", "rows x k-fits / s", "RSS MB / 1k rows sampled",
                "exact", "ARI median / mean", "start", "setup", "read", "fit", "write"), rows);
        fourPanel(in, doc, charts);
        rssBars(summaries, doc, charts);
        pareto(summaries, doc, charts);
    }

    private static void fourPanel(ReportInput in, Doc doc, Charts charts) throws IOException {
        Row h = in.headlineSetting();
        List<Row> slice = in.cli().stream().filter(r -> r.slice().equals(h.slice())).toList();
        List<String> impls = in.folder().implementationOrder();
        List<Charts.Plot> panels = List.of(
                byN(impls, "Runtime", "median wall time (s)", slice, Row::wall, true),
                byN(impls, "Throughput", "rows x k-fits per second", slice, r -> (double) r.n() * r.fits() / r.wall(),
                        true),
                byN(impls, "Sampled memory", "peak RSS sampled (MB)", slice, r -> r.rssPeak() / 1e6, true),
                byN(impls, "Quality", "median ARI", slice, Row::ari, false).withYRange(0, 1.05));
        charts.fourPanel("four_panel", panels);
        doc.image("four_panel", "The writeup's four panels at d = " + h.d() + ", k_max = " + h.kMax() + ", " + h.mode()
                + ReportInput.spread(h) + ": runtime, throughput, sampled RSS and ARI against n (medians over repeats).");
        speedupPlot(in, doc, charts);
    }

    private static Charts.Plot byN(List<String> impls, String title, String y, List<Row> rows, ToDoubleFunction<Row> f,
                                   boolean logY) {
        List<Charts.Series> series = new ArrayList<>();
        for (String impl : impls) {
            TreeMap<Integer, List<Double>> byN = new TreeMap<>();
            rows.stream().filter(r -> r.implementation().equals(impl)).forEach(r -> {
                double v = f.applyAsDouble(r);
                if (!Double.isNaN(v)) {
                    byN.computeIfAbsent(r.n(), n -> new ArrayList<>()).add(v);
                }
            });
            series.add(new Charts.Series(impl, byN.keySet().stream().mapToDouble(n -> n).toArray(),
                    byN.values().stream().mapToDouble(v -> Stats.median(v.stream().mapToDouble(x -> x).toArray())).toArray()));
        }
        return new Charts.Plot(title, "n (rows)", y, true, logY, series, null, false);
    }

    private static void speedupPlot(ReportInput in, Doc doc, Charts charts) throws IOException {
        String base = in.baseline();
        List<Charts.Series> series = new ArrayList<>();
        for (String impl : in.folder().implementationOrder()) {
            if (impl.equals(base)) {
                continue;
            }
            TreeMap<Double, List<Double>> byWork = new TreeMap<>();
            for (Paired.Pair p : in.paired().pairs(base, impl, r -> !r.jmh())) {
                Row r = p.base();
                double kSum = "sweep".equals(r.mode()) ? r.kMax() * (r.kMax() + 1) / 2.0 : r.kMax();
                byWork.computeIfAbsent((double) r.n() * r.d() * kSum, w -> new ArrayList<>()).add(p.speedup());
            }
            series.add(new Charts.Series(impl, byWork.keySet().stream().mapToDouble(x -> x).toArray(),
                    byWork.values().stream().mapToDouble(v -> Stats.median(v.stream().mapToDouble(x -> x).toArray())).toArray()));
        }
        charts.line("speedup_vs_workload", new Charts.Plot("Speedup over " + base + " by workload",
                "nominal workload: n x d x (sum of k over the fits)", "paired median speedup over " + base, true, true,
                series, 1.0, true));
        doc.image("speedup_vs_workload", "Paired median speedup over `" + base + "` against the nominal workload"
                + " (log-log); one point per cell (dataset x setting), the dashed line is 1.");
    }

    private static void rssBars(List<Summary> s, Doc doc, Charts charts) throws IOException {
        charts.bars("rss_per_1k_rows", "Peak RSS per 1,000 rows (median over runs)", "MB per 1,000 rows",
                s.stream().map(Summary::implementation).toList(), List.of("sampled (10 ms poll)", "exact (VmHWM)"),
                List.of(s.stream().mapToDouble(Summary::rssSampledPer1k).toArray(),
                        s.stream().mapToDouble(Summary::rssExactPer1k).toArray()), false);
        doc.image("rss_per_1k_rows", "RSS per thousand rows, sampled from outside and exact from inside.");
    }

    private static void pareto(List<Summary> summaries, Doc doc, Charts charts) throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        for (Summary s : summaries) {
            series.add(new Charts.Series(s.implementation(), new double[] {s.medianWall()}, new double[] {s.meanAri()}));
        }
        charts.line("pareto", new Charts.Plot("Quality vs runtime", "median wall time over all runs (s)",
                "mean ARI over all runs", true, false, series, null, true).withYRange(0, 1.05));
        doc.image("pareto", "Quality against runtime: one point per implementation (mean ARI, since medians are all"
                + " at the top when every implementation solves the same problem).");
    }
}
