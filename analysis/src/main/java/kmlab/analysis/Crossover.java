package kmlab.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where parallel starts to pay: for each parallel implementation and its serial twin (same family,
 * one thread) and each setting (workload, d, k_max), the paired speedup as a function of n, and
 * n* = the smallest n from which the speedup's 95% interval lies above 1 at that n and at every
 * larger n. A speedup that dips back under 1 at a larger n moves n* past the dip. A curve with
 * fewer than {@link Stats#MIN_REPEATS} pairs at any n has no n*: which n would be the smallest
 * is not known.
 */
public final class Crossover {
    private Crossover() {
    }

    public record Point(int n, Stats.Estimate speedup) {
    }

    /**
     * @param kind the family's layout and kernel, or its peer ({@link Row#kind})
     * @param variant the family's tags beyond layout and kernel ({@link Row#variant}), held fixed where layouts are compared
     * @param nStar the crossover, or null when the interval is not above 1 at the largest n (or too few pairs)
     */
    public record Curve(String family, String kind, String variant, String parallel, String serial, int threads,
                        String slice, List<Point> points, Integer nStar) {
        public int largestN() {
            return points.getLast().n();
        }

        /** The speedup at the largest n. */
        public Stats.Estimate atLargest() {
            return points.getLast().speedup();
        }

        /** The fewest pairs at any n. */
        public int fewestPairs() {
            return points.stream().mapToInt(p -> p.speedup().count()).min().orElse(0);
        }

        /** Whether every n has an interval, so that n* (or its absence) is known. */
        public boolean enoughRepeats() {
            return Crossover.enoughRepeats(points);
        }
    }

    /** The smallest n from which every interval, at that n and beyond, lies above 1; null if none or if any n has no interval. */
    public static Integer nStar(List<Point> byN) {
        if (!enoughRepeats(byN)) {
            return null;
        }
        Integer star = null;
        for (int i = byN.size() - 1; i >= 0; i--) {
            if (!byN.get(i).speedup().above(1.0)) {
                break;
            }
            star = byN.get(i).n();
        }
        return star;
    }

    /** Whether every point has an interval (enough pairs), so that n* or its absence is known. */
    static boolean enoughRepeats(List<Point> byN) {
        return byN.stream().allMatch(p -> p.speedup().hasInterval());
    }

    /** Every parallel implementation against its serial twin, per setting, sorted by family and threads. */
    public static List<Curve> curves(List<Row> rows, Paired paired) {
        Map<String, Row> impls = new LinkedHashMap<>();
        rows.forEach(r -> impls.putIfAbsent(r.implementation(), r));
        List<Curve> out = new ArrayList<>();
        for (Row p : impls.values()) {
            if (p.threads() == 1) {
                continue;
            }
            Row s = impls.values().stream().filter(r -> r.threads() == 1 && r.family().equals(p.family()))
                    .findFirst().orElse(null);
            if (s == null) {
                continue;
            }
            TreeSet<String> slices = new TreeSet<>();
            rows.stream().filter(r -> r.implementation().equals(p.implementation())).forEach(r -> slices.add(r.slice()));
            for (String slice : slices) {
                Map<Integer, List<Double>> byN = new TreeMap<>();
                for (Paired.Pair pair : paired.pairs(s.implementation(), p.implementation(),
                        r -> r.slice().equals(slice))) {
                    byN.computeIfAbsent(pair.base().n(), n -> new ArrayList<>()).add(pair.speedup());
                }
                if (byN.isEmpty()) {
                    continue;
                }
                List<Point> points = new ArrayList<>();
                byN.forEach((n, v) -> points.add(new Point(n, Stats.medianCi(v.stream().mapToDouble(x -> x).toArray()))));
                out.add(new Curve(p.family(), p.kind(), p.variant(), p.implementation(), s.implementation(), p.threads(),
                        slice, points, nStar(points)));
            }
        }
        out.sort(Comparator.comparing(Curve::slice).thenComparing(Curve::family)
                .thenComparingInt(c -> c.threads() == 0 ? Integer.MAX_VALUE : c.threads()));
        return out;
    }
}
