package kmlab.analysis;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report's sections read: the folder, its audit, and what is derived once from the usable
 * runs (the end-to-end runs apart from the JMH ones, the pairs, the crossover curves).
 */
record ReportInput(ResultsFolder folder, Audit.Result audit, List<Row> cli, List<Row> jmh, Paired paired,
                   List<Crossover.Curve> curves) {
    static ReportInput of(ResultsFolder folder, Audit.Result audit) {
        Paired paired = new Paired(audit.usable());
        return new ReportInput(folder, audit, audit.usable().stream().filter(r -> !r.jmh()).toList(),
                audit.usable().stream().filter(Row::jmh).toList(), paired, Crossover.curves(audit.usable(), paired));
    }

    /** The parallel implementation of each family at the most threads (0 = all cores wins). */
    List<Crossover.Curve> allCoreCurves() {
        Map<String, Crossover.Curve> best = new LinkedHashMap<>();
        for (Crossover.Curve c : curves) {
            String k = c.family() + "|" + c.slice();
            Crossover.Curve b = best.get(k);
            if (b == null || rank(c.threads()) > rank(b.threads())) {
                best.put(k, c);
            }
        }
        return List.copyOf(best.values());
    }

    private static int rank(int threads) {
        return threads == 0 ? Integer.MAX_VALUE : threads;
    }

    /** The end-to-end runs where {@code which} holds, by setting ({@code sweep d=8 k_max=4 n=1000}), in the runs' order. */
    Map<String, List<Row>> bySetting(java.util.function.Predicate<Row> which) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        cli.stream().filter(which).forEach(r -> out.computeIfAbsent(r.slice() + " n=" + r.n(), s -> new java.util.ArrayList<>())
                .add(r));
        return out;
    }

    /** A curve's n* as the report writes it. */
    static String nStar(Crossover.Curve c) {
        return !c.enoughRepeats() ? "unknown (" + Format.tooFew(c.fewestPairs(), "pairs") + ")"
                : c.nStar() == null ? "none up to " + Format.rows(c.largestN()) : Format.rows(c.nStar());
    }

    /**
     * The setting (slice) the writeup's figures are drawn at: the sweep if there is one, the largest d
     * and k_max, and the blobs' default spread where the grid has several.
     */
    Row headlineSetting() {
        return cli.stream().max(Comparator.comparing((Row r) -> "sweep".equals(r.mode()))
                .thenComparingInt(Row::d).thenComparingInt(Row::kMax)
                .thenComparing((Row r) -> spread(r).isEmpty())).orElseThrow();
    }

    /** ", cluster_std S" where the run's blobs have another spread than the default, else "". */
    static String spread(Row r) {
        return r.clusterStd() == kmlab.data.Blobs.DEFAULT_STD ? "" : ", cluster_std " + Format.num(r.clusterStd());
    }

    /** The baseline of the paired tables: the NumPy reference when the grid has it (the writeup's), else the first implementation. */
    String baseline() {
        return cli.stream().filter(r -> "numpy".equals(r.peer())).map(Row::implementation).findFirst()
                .orElse(folder.implementationOrder().getFirst());
    }
}
