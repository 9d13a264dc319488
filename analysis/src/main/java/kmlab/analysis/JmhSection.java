package kmlab.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JMH kernel runs: time per operation with its interval, GFLOP/s and the fraction of the measured FMA peak. */
final class JmhSection implements Section {
    @Override
    public boolean applies(ReportInput in) {
        return !in.jmh().isEmpty();
    }

    @Override
    public void write(ReportInput in, Doc doc, Charts charts) throws IOException {
        ResultsFolder folder = in.folder();
        doc.heading(2, "Kernels at steady state (JMH)");
        doc.para("Each run is one JMH fork; its time is the median of its measurement iterations. GFLOP/s counts the"
                + " assignment pass's 2 n k d flops; the fraction is of the FMA peak measured on this machine (env.json):"
                + " one core for one thread, all cores otherwise, float peak for float kernels.");
        Map<String, List<Row>> byCell = new LinkedHashMap<>();
        in.jmh().forEach(r -> byCell.computeIfAbsent(r.cell() + "|" + r.implementation(), c -> new ArrayList<>()).add(r));
        List<List<String>> rows = new ArrayList<>();
        List<String> cats = new ArrayList<>();
        List<Double> gf = new ArrayList<>();
        for (List<Row> rs : byCell.values()) {
            Row r = rs.getFirst();
            Stats.Estimate t = Stats.medianCi(rs.stream().mapToDouble(Row::kernelSeconds).toArray());
            boolean assign = "assign".equals(r.benchmark());
            double gflops = assign ? 2.0 * r.n() * r.kMax() * r.d() / t.value() / 1e9 : Double.NaN;
            double peak = folder.peak("fma_" + ("float".equals(r.precision()) ? "float" : "double") + "_gflops_"
                    + (r.threads() == 1 ? "1t" : "all"));
            rows.add(List.of("`" + r.implementation() + "`", r.benchmark(), Format.rows(r.n()), Integer.toString(r.d()),
                    Integer.toString(r.kMax()), Integer.toString(rs.size()),
                    Format.millis(t, "forks"),
                    Format.num(gflops), Format.pct(gflops / peak)));
            if (assign) {
                cats.add(r.implementation() + " n" + r.n() + " d" + r.d());
                gf.add(gflops);
            }
        }
        doc.table(List.of("implementation", "benchmark", "n", "d", "k", "forks", "ms per op [95% CI]", "GFLOP/s",
                "of peak"), rows);
        if (!cats.isEmpty()) {
            charts.bars("kernels_gflops", "Assignment pass, GFLOP/s (peak: " + Format.num(folder.peak("fma_double_gflops_1t"))
                    + " on 1 core, double)", "GFLOP/s", cats, List.of("GFLOP/s"),
                    List.of(gf.stream().mapToDouble(x -> x).toArray()), false);
            doc.image("kernels_gflops", "GFLOP/s of the assignment pass per implementation and cell.");
        }
    }
}
