package kmlab.analysis;

import java.util.ArrayList;
import java.util.List;

/** Each implementation's paired speedup over the baseline, with the writeup's figure beside where it has one. */
final class PairedSection implements Section {
    @Override
    public boolean applies(ReportInput in) {
        return !in.cli().isEmpty();
    }

    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        String base = in.baseline();
        List<Row> cli = in.cli();
        doc.heading(2, "Paired ratios");
        doc.para("Speedup of each implementation over `" + base + "`: wall(" + base + ") / wall(implementation) on the"
                + " same dataset, setting and repeat; median and mean over all pairs with 95% bootstrap intervals."
                + " Every pair of implementations is in `tables/paired_ratios.csv`.");
        List<List<String>> rows = new ArrayList<>();
        for (String impl : in.folder().implementationOrder()) {
            if (impl.equals(base)) {
                continue;
            }
            Paired.Ratio r = in.paired().ratio(base, impl, x -> !x.jmh());
            if (r.median().count() > 0) {
                String peer = cli.stream().filter(x -> x.implementation().equals(impl)).findFirst().map(Row::peer)
                        .orElse(null);
                String threads = cli.stream().filter(x -> x.implementation().equals(impl)).findFirst()
                        .map(x -> x.threads() == 1 ? "" : "-par").orElse("");
                String writeup = "numpy".equals(base) && peer != null
                        ? WriteupFigures.get().paired().getOrDefault("rust".equals(peer) ? peer + threads : peer, "-")
                        : "-";
                rows.add(List.of("`" + impl + "`", Integer.toString(r.median().count()), Format.ratio(r.median()),
                        Format.ratio(r.mean()), writeup));
            }
        }
        doc.table(List.of("implementation", "pairs", "median speedup [95% CI]", "mean speedup [95% CI]",
                "the writeup, over its Python (its laptop)"), rows);
    }
}
