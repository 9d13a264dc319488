package kmlab.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs paired as the writeup pairs them: two implementations on the same dataset, setting and
 * repeat (one group of the plan, run back to back on one machine). Only runs that ended ok count.
 */
public final class Paired {
    private final Map<String, Map<String, Row>> byGroup = new HashMap<>();

    public Paired(List<Row> rows) {
        for (Row r : rows) {
            if (r.ok()) {
                byGroup.computeIfAbsent(r.group(), g -> new HashMap<>()).put(r.implementation(), r);
            }
        }
    }

    /** One paired ratio with the runs it came from. */
    public record Pair(Row base, Row other) {
        /** How many times faster {@code other} ran than {@code base}. */
        public double speedup() {
            return base.time() / other.time();
        }
    }

    /** Every group where both ran ok and {@code where} holds for the base run. */
    public List<Pair> pairs(String base, String other, Predicate<Row> where) {
        List<Pair> out = new ArrayList<>();
        for (Map<String, Row> g : byGroup.values()) {
            Row a = g.get(base);
            Row b = g.get(other);
            if (a != null && b != null && where.test(a)) {
                out.add(new Pair(a, b));
            }
        }
        return out;
    }

    public double[] speedups(String base, String other, Predicate<Row> where) {
        return pairs(base, other, where).stream().mapToDouble(Pair::speedup).toArray();
    }

    /** The paired ratio's median and mean with their bootstrap intervals. */
    public record Ratio(String base, String other, Stats.Estimate median, Stats.Estimate mean) {
    }

    public Ratio ratio(String base, String other, Predicate<Row> where) {
        double[] s = speedups(base, other, where);
        return new Ratio(base, other, Stats.medianCi(s), Stats.meanCi(s));
    }
}
