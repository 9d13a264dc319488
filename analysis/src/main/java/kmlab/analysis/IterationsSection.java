package kmlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kmlab.runs.RunOutcome;

/**
 * How much Lloyd works on the grid's data: per setting (slice and n), the iterations of kmlab's own
 * fits at the blobs' true k and across k, and Lloyd's share of the fit time (the rest is k-means++
 * seeding). Blobs so separated that Lloyd converges in two iterations make a study of seeding and
 * JIT, not of the distance kernels; overlapping blobs ({@code cluster_std}) make Lloyd iterate.
 */
final class IterationsSection implements Section {
    @Override
    public boolean applies(ReportInput in) {
        return in.cli().stream().anyMatch(r -> r.peer() == null && !r.fitRecords().isEmpty());
    }

    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        doc.heading(2, "Iterations per k");
        doc.para("kmlab's own fits, pooled over its implementations and repeats (an exact algorithm iterates as Lloyd"
                + " does): the median iterations at the blobs' true k, their median and range over the sweep's k, the"
                + " iterations of a whole run, and Lloyd's share of the fit time, seeding being the rest.");
        Map<String, List<Row>> bySetting = in.bySetting(r -> r.peer() == null && !r.fitRecords().isEmpty());
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : bySetting.entrySet()) {
            List<Row> runs = e.getValue();
            int clusters = runs.getFirst().clusters();
            List<Double> atTrue = new ArrayList<>();
            List<Double> perK = new ArrayList<>();
            List<Double> perRun = new ArrayList<>();
            List<Double> lloydShare = new ArrayList<>();
            for (Row r : runs) {
                double seed = 0;
                double lloyd = 0;
                int total = 0;
                for (RunOutcome.FitRecord f : r.fitRecords()) {
                    perK.add((double) f.iterations());
                    total += f.iterations();
                    if (f.k() == clusters) {
                        atTrue.add((double) f.iterations());
                    }
                    seed += f.seedSeconds() == null ? Double.NaN : f.seedSeconds();
                    lloyd += f.lloydSeconds() == null ? Double.NaN : f.lloydSeconds();
                }
                perRun.add((double) total);
                lloydShare.add(lloyd / (seed + lloyd));
            }
            double[] k = perK.stream().mapToDouble(x -> x).toArray();
            rows.add(List.of(e.getKey(), Integer.toString(clusters),
                    atTrue.isEmpty() ? "-" : Format.num(Stats.median(array(atTrue))),
                    Format.num(Stats.median(k)) + " (" + Format.num(Stats.quantile(k, 0)) + "-"
                            + Format.num(Stats.quantile(k, 1)) + ")",
                    Format.num(Stats.median(array(perRun))), Format.pct(Stats.median(array(lloydShare)))));
        }
        doc.table(List.of("setting", "true k", "iterations at true k", "median over k (range)", "iterations per run",
                "Lloyd's share of fit time"), rows);
    }

    private static double[] array(List<Double> v) {
        return v.stream().mapToDouble(x -> x).toArray();
    }
}
