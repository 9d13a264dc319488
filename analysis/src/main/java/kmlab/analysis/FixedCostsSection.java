package kmlab.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Where the grid runs fit's defaults (kernel and threads chosen per fit), cell by cell: its wall
 * time over each other implementation's, paired, with the phases of its runs; and each JVM regime
 * (aot, warm) against the cold twin of the same settings. Only with at least 2 pairs a cell.
 */
final class FixedCostsSection implements Section {
    @Override
    public boolean applies(ReportInput in) {
        return !in.cli().isEmpty();
    }

    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        ResultsFolder folder = in.folder();
        List<Row> cli = in.cli();
        List<String> defaults = folder.implementationOrder().stream().filter(impl -> cli.stream()
                .anyMatch(r -> r.implementation().equals(impl) && r.peer() == null && "auto".equals(r.kernel())
                        && r.threads() == Row.AUTO_THREADS && (r.jvm() == null || "cold".equals(r.jvm()))))
                .toList();
        if (defaults.isEmpty()) {
            return;
        }
        String base = defaults.getFirst();
        List<String> others = folder.implementationOrder().stream().filter(i -> !i.equals(base)).toList();
        TreeMap<String, Row> cells = new TreeMap<>(Comparator.naturalOrder());
        cli.stream().filter(r -> r.implementation().equals(base)).forEach(r -> cells.putIfAbsent(r.cell(), r));
        doc.heading(2, "Fixed costs: fit's defaults, cell by cell");
        doc.para("`" + base + "` runs fit's defaults (kernel and threads chosen per fit from n, d and k). Each column"
                + " is wall(implementation) / wall(`" + base + "`), paired by dataset and repeat: above 1 means `"
                + base + "` is faster; median [95% bootstrap interval] over the cell's repeats. The last columns are"
                + " the median phases of `" + base + "`'s runs (s): JVM start to main, set-up to the job, read, fit,"
                + " write. Every pair is in `tables/paired_ratios.csv`.");
        List<String> header = new ArrayList<>(List.of("cell", "wall s"));
        others.forEach(o -> header.add("`" + o + "`"));
        header.addAll(List.of("start", "setup", "read", "fit", "write"));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Row> c : cells.entrySet()) {
            Row any = c.getValue();
            List<Row> mine = cli.stream().filter(r -> r.implementation().equals(base) && r.cell().equals(c.getKey()))
                    .toList();
            List<String> row = new ArrayList<>(List.of(Format.rows(any.n()) + " x " + any.d() + " " + any.mode()
                    + " k<=" + any.kMax(), Format.num(median(mine, Row::wall))));
            for (String o : others) {
                double[] s = in.paired().speedups(o, base, r -> r.cell().equals(c.getKey()) && !r.jmh());
                row.add(s.length < 2 ? "-" : Format.ratio(Stats.medianCi(s)));
            }
            for (ToDoubleFunction<Row> phase : List.<ToDoubleFunction<Row>>of(Row::start, Row::setup, Row::read,
                    Row::fit, Row::write)) {
                row.add(Format.num(median(mine, phase)));
            }
            rows.add(row);
        }
        doc.table(header, rows);
        regimesTable(in, doc);
    }

    /** Each kmlab implementation run with {@code jvm: aot} or {@code warm} against its cold twin, per n. */
    private static void regimesTable(ReportInput in, Doc doc) {
        List<Row> cli = in.cli();
        List<List<String>> rows = new ArrayList<>();
        for (String impl : in.folder().implementationOrder()) {
            Row r = cli.stream().filter(x -> x.implementation().equals(impl)).findFirst().orElse(null);
            if (r == null || r.peer() != null || r.jvm() == null || "cold".equals(r.jvm())) {
                continue;
            }
            String coldFamily = r.family().substring(0, r.family().lastIndexOf('-'));
            Row cold = cli.stream().filter(x -> x.peer() == null && x.threads() == r.threads()
                    && x.family().equals(coldFamily)).findFirst().orElse(null);
            if (cold == null) {
                continue;
            }
            TreeSet<Integer> ns = new TreeSet<>();
            cli.stream().filter(x -> x.implementation().equals(impl)).forEach(x -> ns.add(x.n()));
            for (int n : ns) {
                Paired.Ratio ratio = in.paired().ratio(cold.implementation(), impl, x -> x.n() == n && !x.jmh());
                if (ratio.median().count() >= 2) {
                    rows.add(List.of("`" + impl + "` (" + r.jvm() + ")", "`" + cold.implementation() + "`",
                            Format.rows(n), Integer.toString(ratio.median().count()), Format.ratio(ratio.median())));
                }
            }
            Paired.Ratio all = in.paired().ratio(cold.implementation(), impl, x -> !x.jmh());
            rows.add(List.of("`" + impl + "` (" + r.jvm() + ")", "`" + cold.implementation() + "`", "all",
                    Integer.toString(all.median().count()), Format.ratio(all.median())));
        }
        if (rows.isEmpty()) {
            return;
        }
        doc.heading(3, "JVM regimes against a cold fresh JVM");
        doc.para("wall(cold twin) / wall(regime), paired: how many times faster the job ran with the AOT cache (a"
                + " fresh JVM) or warm (timed single-shot by JMH in a JVM that had already run the same job: no"
                + " JVM start, no JIT warm-up).");
        doc.table(List.of("regime", "cold twin", "n", "pairs", "median speedup [95% CI]"), rows);
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> f) {
        return Stats.median(rows.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray());
    }
}
