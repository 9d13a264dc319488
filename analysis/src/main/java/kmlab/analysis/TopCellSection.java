package kmlab.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The largest n of the headline setting: every implementation's wall, RSS and ARI with its paired
 * speedup over the baseline, the writeup's figures beside at the writeup's cell, and kmlab's fastest
 * against scikit-learn with the project's target.
 */
final class TopCellSection implements Section {
    /** The target for kmlab's fastest implementation at the top cell, against scikit-learn in the same run. */
    static final double TARGET_WALL_RATIO = 10;
    static final double TARGET_RSS_RATIO = 3;

    @Override
    public boolean applies(ReportInput in) {
        return !in.cli().isEmpty();
    }

    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        List<Row> cli = in.cli();
        Row h = in.headlineSetting();
        int n = cli.stream().filter(r -> r.slice().equals(h.slice())).mapToInt(Row::n).max().orElseThrow();
        List<Row> top = cli.stream().filter(r -> r.n() == n && r.slice().equals(h.slice())).toList();
        String base = in.baseline();
        doc.heading(2, "The top cell: " + Format.rows(n) + " x " + h.d() + ", k_max " + h.kMax() + ", " + h.mode()
                + ReportInput.spread(h));
        List<List<String>> rows = new ArrayList<>();
        for (String impl : in.folder().implementationOrder()) {
            List<Row> r = top.stream().filter(x -> x.implementation().equals(impl)).toList();
            if (r.isEmpty()) {
                continue;
            }
            Stats.Estimate vs = Stats.medianCi(in.paired().speedups(base, impl,
                    x -> x.n() == n && x.slice().equals(h.slice())));
            rows.add(List.of("`" + impl + "`", Integer.toString(r.size()), Format.num(Summary.med(r, Row::wall)),
                    Format.num(Summary.med(r, x -> x.rssPeak() / 1e6)), Format.num(Summary.med(r, x -> x.rssExact() / 1e6)),
                    Format.num(Summary.med(r, x -> x.rssRusage() / 1e6)),
                    Format.num(Summary.med(r, Row::ari)), impl.equals(base) ? "1 (baseline)" : Format.ratio(vs)));
        }
        doc.table(List.of("implementation", "runs", "median wall s", "peak RSS sampled MB", "exact MB", "wait4 MB", "ARI",
                "paired speedup over `" + base + "`"), rows);
        String standIns = Summary.rusageStandIns(top);
        if (!standIns.isEmpty()) {
            doc.para(standIns.strip());
        }
        WriteupFigures writeup = WriteupFigures.get();
        if (writeup.isTopCell(n, h.d(), h.kMax(), h.mode()) && ReportInput.spread(h).isEmpty()) {
            doc.para("The writeup's figures at the same cell, on the author's laptop (not this machine):");
            doc.table(List.of("writeup implementation", "wall s", "sampled RSS MB"), writeup.topCellRows());
        }
        kmlabAgainstScikitLearn(in.paired(), top, doc);
    }

    /**
     * kmlab's fastest implementation at the top cell against scikit-learn in the same runs: the paired
     * wall ratio and the ratio of median peak RSS (the kernel's where every run has it, else the
     * report's figure), with the target.
     */
    private static void kmlabAgainstScikitLearn(Paired paired, List<Row> top, Doc doc) {
        String sklearn = top.stream().filter(r -> "sklearn".equals(r.peer())).map(Row::implementation).findFirst()
                .orElse(null);
        String best = top.stream().filter(r -> r.peer() == null).map(Row::implementation).distinct()
                .min(Comparator.comparingDouble(impl -> Summary.med(
                        top.stream().filter(r -> r.implementation().equals(impl)).toList(), Row::wall)))
                .orElse(null);
        if (sklearn == null || best == null) {
            return;
        }
        List<Row> sk = top.stream().filter(r -> r.implementation().equals(sklearn)).toList();
        List<Row> km = top.stream().filter(r -> r.implementation().equals(best)).toList();
        Set<String> topCells = new HashSet<>();
        top.forEach(r -> topCells.add(r.cell()));
        Stats.Estimate wall = Stats.medianCi(paired.speedups(sklearn, best, r -> topCells.contains(r.cell())));
        // the kernel's own peak where every run has it (rusage-exec: whatever the language, and the whole
        // of a kmlab run that relaunched itself, whose 10 ms sample sees only the first JVM)
        boolean exact = top.stream().noneMatch(r -> Double.isNaN(r.rssRusage()));
        java.util.function.ToDoubleFunction<Row> mem = exact ? Row::rssRusage : Row::rssPeak;
        double rss = Summary.med(sk, mem) / Summary.med(km, mem);
        doc.para(String.format(Locale.ROOT, "kmlab's fastest implementation here, `%s`: median %s s and %s MB"
                        + " peak RSS (%s), against `%s`'s %s s and %s MB in the same runs. scikit-learn takes %s"
                        + " kmlab's wall time (paired median over %d repeats, 95%% interval) and %sx its peak RSS (ratio of"
                        + " medians). The project's target, at least %.0fx and %.0fx: wall %s, RSS %s.",
                best, Format.num(Summary.med(km, Row::wall)), Format.num(Summary.med(km, r -> mem.applyAsDouble(r) / 1e6)),
                exact ? "the kernel's, wait4" : "sampled",
                sklearn, Format.num(Summary.med(sk, Row::wall)), Format.num(Summary.med(sk, r -> mem.applyAsDouble(r) / 1e6)),
                Format.ratio(wall), wall.count(), Format.num(rss), TARGET_WALL_RATIO, TARGET_RSS_RATIO,
                wall.value() >= TARGET_WALL_RATIO ? "met" : "missed", rss >= TARGET_RSS_RATIO ? "met" : "missed"));
    }
}
