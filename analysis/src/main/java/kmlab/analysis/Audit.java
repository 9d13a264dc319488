package kmlab.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The writeup's rule: quote figures only from an audited run. Checks a results folder before
 * anything is derived: every planned run present once, failures listed, quality gates (median ARI
 * per implementation; parallel runs agreeing with their serial twin), one machine per paired
 * group, and the machine's noise (spread of repeats).
 */
public final class Audit {
    /**
     * The quality gate: an implementation whose median ARI is under this floor is broken (random
     * labels score 0, separated blobs 1), and the audit fails.
     */
    static final double ARI_FLOOR = 0.5;
    /**
     * An implementation whose median ARI is this far under the best one's is a quality difference
     * worth a warning, not a failure: plain single-start k-means++ (the writeup's NumPy and Rust,
     * the Java libraries) lands at ~0.86-0.92 where the greedy seeding of scikit-learn and kmlab
     * finds 1.0 on the same blobs.
     */
    static final double ARI_WARN = 0.05;
    /** A median relative spread of repeats above this marks the machine as noisy (a warning). */
    static final double NOISE_WARN = 0.10;
    /**
     * kmlab reduces in chunk order, so its parallel and serial twins agree bit for bit; a peer's
     * parallel reduction may reorder sums (labels still equal, inertia equal to rounding).
     */
    static final double TWIN_TOLERANCE_KMLAB = 1e-12;
    static final double TWIN_TOLERANCE_PEER = 1e-6;

    public enum Verdict { PASS, WARN, FAIL }

    /** What the audit found; {@code usable} are the runs derived figures may use. */
    public record Result(Verdict verdict, List<String> failures, List<String> warnings, List<String> notes,
                         List<Row> usable, Map<String, Double> medianAri, Noise noise) {
    }

    /** The spread of repeats: (max - min) / median of the time, per cell and implementation. */
    public record Noise(int cells, double medianSpread, double p90Spread, double maxSpread, String worst) {
    }

    private Audit() {
    }

    public static Result of(ResultsFolder f) {
        List<String> fail = new ArrayList<>();
        List<String> warn = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Row> rows = f.rows();

        // every planned run present, once
        Map<String, Integer> seen = new HashMap<>();
        rows.forEach(r -> seen.merge(r.key(), 1, Integer::sum));
        seen.forEach((k, c) -> {
            if (c > 1) {
                fail.add("run recorded " + c + " times: " + k);
            }
        });
        Set<String> expected = f.plan() != null ? new LinkedHashSet<>(f.plan()) : inferredPlan(rows);
        if (f.plan() == null) {
            warn.add("no plan.txt (folder written before the runner recorded its plan): expected runs inferred as"
                    + " every cell seen x every implementation x repeats 1.." + maxRepeat(rows));
        }
        List<String> missing = expected.stream().filter(k -> !seen.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            fail.add(missing.size() + " of " + expected.size() + " planned runs missing, e.g. " + missing.getFirst());
        }
        long extra = seen.keySet().stream().filter(k -> !expected.contains(k)).count();
        if (extra > 0) {
            fail.add(extra + " runs not in the plan");
        }
        notes.add(rows.size() + " runs recorded of " + expected.size() + " planned");

        // failures (a peer that is not installed is skipped: listed, not a failure of the grid)
        Map<String, List<String>> byStatus = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.ok()).forEach(r -> byStatus.computeIfAbsent(r.status(), s -> new ArrayList<>()).add(r.key()));
        byStatus.forEach((status, keys) -> {
            String line = keys.size() + " runs " + status + ", e.g. " + keys.getFirst();
            if ("skipped".equals(status)) {
                warn.add(line);
            } else {
                fail.add(line);
            }
        });

        // one machine per paired group; several machines in one folder (merged shards) is a warning
        Map<String, Set<String>> machinesByGroup = new HashMap<>();
        rows.forEach(r -> machinesByGroup.computeIfAbsent(r.group(), g -> new HashSet<>()).add(String.valueOf(r.machineId())));
        long mixed = machinesByGroup.values().stream().filter(s -> s.size() > 1).count();
        if (mixed > 0) {
            fail.add(mixed + " paired groups ran on more than one machine");
        }
        Set<String> machines = new TreeSet<>();
        rows.forEach(r -> machines.add(String.valueOf(r.machineId())));
        if (machines.size() > 1) {
            warn.add("runs from " + machines.size() + " machines " + machines
                    + ": paired ratios stay within a machine, unpaired medians mix them");
        } else {
            notes.add("one machine: " + machines);
        }

        List<Row> usable = rows.stream().filter(r -> r.ok() && seen.get(r.key()) == 1).toList();

        // quality: median ARI per implementation against the best, and parallel twins agreeing
        Map<String, Double> medianAri = new LinkedHashMap<>();
        for (String impl : f.implementationOrder()) {
            double[] a = usable.stream().filter(r -> r.implementation().equals(impl) && !Double.isNaN(r.ari()))
                    .mapToDouble(Row::ari).toArray();
            if (a.length > 0) {
                medianAri.put(impl, Stats.median(a));
            }
        }
        double best = medianAri.values().stream().mapToDouble(x -> x).max().orElse(Double.NaN);
        medianAri.forEach((impl, a) -> {
            if (a < ARI_FLOOR) {
                fail.add(String.format("quality gate: %s has median ARI %.4f, under the floor %.2f", impl, a, ARI_FLOOR));
            } else if (a < best - ARI_WARN) {
                warn.add(String.format("quality: %s has median ARI %.4f, best is %.4f", impl, a, best));
            }
        });
        twinDisagreements(usable).forEach(fail::add);

        Noise noise = noise(usable);
        if (noise.cells() > 0 && noise.medianSpread() > NOISE_WARN) {
            warn.add(String.format("noisy machine: median spread of repeats %.0f%% (over %d cells)",
                    100 * noise.medianSpread(), noise.cells()));
        }
        Verdict v = !fail.isEmpty() ? Verdict.FAIL : !warn.isEmpty() ? Verdict.WARN : Verdict.PASS;
        return new Result(v, fail, warn, notes, usable, medianAri, noise);
    }

    private static int maxRepeat(List<Row> rows) {
        return rows.stream().mapToInt(Row::repeat).max().orElse(1);
    }

    /** Every cell seen x every implementation seen x repeats 1..max: the plan of a full cross product. */
    static Set<String> inferredPlan(List<Row> rows) {
        Set<String> cells = new LinkedHashSet<>();
        Set<String> impls = new LinkedHashSet<>();
        rows.forEach(r -> {
            cells.add(r.cell());
            impls.add(r.implementation());
        });
        Set<String> out = new LinkedHashSet<>();
        for (String c : cells) {
            for (int rep = 1; rep <= maxRepeat(rows); rep++) {
                for (String i : impls) {
                    out.add(c + "/r" + rep + "/" + i);
                }
            }
        }
        return out;
    }

    /** Parallel runs whose fits differ from their serial twin's in the same group (same data, seed, repeat). */
    static List<String> twinDisagreements(List<Row> usable) {
        Map<String, List<Row>> groups = new HashMap<>();
        usable.stream().filter(r -> !r.jmh()).forEach(r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
        List<String> out = new ArrayList<>();
        int checked = 0;
        for (List<Row> g : groups.values()) {
            for (Row p : g) {
                if (p.threads() == 1) {
                    continue;
                }
                for (Row s : g) {
                    if (s.threads() != 1 || !s.family().equals(p.family())) {
                        continue;
                    }
                    checked++;
                    double tol = p.peer() == null ? TWIN_TOLERANCE_KMLAB : TWIN_TOLERANCE_PEER;
                    if (!sameFits(p, s, tol)) {
                        out.add("labels of " + p.key() + " disagree with its serial twin " + s.implementation()
                                + " (inertias " + p.inertias() + " vs " + s.inertias() + ")");
                    }
                }
            }
        }
        if (out.size() > 5) {
            int n = out.size();
            out = new ArrayList<>(out.subList(0, 5));
            out.add("... " + n + " parallel runs of " + checked + " disagree with their serial twin");
        }
        return out;
    }

    private static boolean sameFits(Row a, Row b, double tol) {
        if (a.inertias().size() != b.inertias().size()) {
            return false;
        }
        for (int i = 0; i < a.inertias().size(); i++) {
            double x = a.inertias().get(i);
            double y = b.inertias().get(i);
            if (Math.abs(x - y) > tol * Math.max(Math.abs(x), Math.abs(y))) {
                return false;
            }
        }
        return true;
    }

    static Noise noise(List<Row> usable) {
        Map<String, List<Double>> byCell = new HashMap<>();
        usable.forEach(r -> byCell.computeIfAbsent(r.cell() + "/" + r.implementation(), c -> new ArrayList<>()).add(r.time()));
        List<Double> spreads = new ArrayList<>();
        String worst = null;
        double max = 0;
        for (Map.Entry<String, List<Double>> e : byCell.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            double[] t = e.getValue().stream().mapToDouble(x -> x).toArray();
            double s = (Stats.quantile(t, 1) - Stats.quantile(t, 0)) / Stats.median(t);
            spreads.add(s);
            if (s > max) {
                max = s;
                worst = e.getKey();
            }
        }
        double[] s = spreads.stream().mapToDouble(x -> x).toArray();
        return new Noise(s.length, Stats.median(s), Stats.quantile(s, 0.9), max, worst);
    }
}
