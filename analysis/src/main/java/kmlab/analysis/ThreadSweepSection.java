package kmlab.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Where a family ran at two or more thread counts: the paired speedup over one thread per n, as a table and a plot. */
final class ThreadSweepSection implements Section {
    @Override
    public void write(ReportInput in, Doc doc, Charts charts) throws IOException {
        ResultsFolder folder = in.folder();
        Map<String, List<Crossover.Curve>> byFamily = new TreeMap<>();
        // a sweep over counts: fit's automatic choice is not a count, so not on this axis
        in.curves().stream().filter(c -> c.threads() != Row.AUTO_THREADS)
                .forEach(c -> byFamily.computeIfAbsent(c.family() + " | " + c.slice(), f -> new ArrayList<>()).add(c));
        byFamily.values().removeIf(l -> l.size() < 2);
        if (byFamily.isEmpty()) {
            return;
        }
        doc.heading(2, "Thread sweep");
        doc.para("Paired median speedup over one thread, per n and thread count (\"all\" = every core the JVM sees: "
                + folder.envString("available_processors") + " here).");
        for (Map.Entry<String, List<Crossover.Curve>> e : byFamily.entrySet()) {
            List<Crossover.Curve> cs = e.getValue();
            List<String> header = new ArrayList<>(List.of("n"));
            cs.forEach(c -> header.add(c.threads() == 0 ? "all" : c.threads() + " threads"));
            TreeSet<Integer> ns = new TreeSet<>();
            cs.forEach(c -> c.points().forEach(p -> ns.add(p.n())));
            List<List<String>> rows = new ArrayList<>();
            List<Charts.Series> series = new ArrayList<>();
            for (int n : ns) {
                List<String> row = new ArrayList<>(List.of(Format.rows(n)));
                // one point per thread count, 1 thread = 1 by definition; "all" only where no explicit
                // count equals it (on 2 cores, "all" and "2 threads" are the same setting)
                TreeMap<Double, Double> xy = new TreeMap<>(Map.of(1.0, 1.0));
                for (Crossover.Curve c : cs) {
                    Crossover.Point p = c.points().stream().filter(q -> q.n() == n).findFirst().orElse(null);
                    row.add(p == null ? "-" : Format.ratio(p.speedup()));
                    if (p != null) {
                        double threads = c.threads() == 0 ? cores(folder) : c.threads();
                        if (c.threads() != 0 || !xy.containsKey(threads)) {
                            xy.put(threads, p.speedup().value());
                        }
                    }
                }
                rows.add(row);
                series.add(new Charts.Series("n = " + Format.rows(n),
                        xy.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        xy.values().stream().mapToDouble(Double::doubleValue).toArray()));
            }
            doc.heading(3, "`" + e.getKey() + "`");
            doc.table(header, rows);
            String name = "threads_" + e.getKey().replaceAll("[^A-Za-z0-9]+", "_");
            charts.line(name, new Charts.Plot("Thread sweep: " + e.getKey(), "threads (all = "
                    + folder.envString("available_processors") + ")", "paired median speedup over 1 thread", false, false,
                    series, 1.0, false));
            doc.image(name, "Speedup against threads, one line per n: " + e.getKey() + ".");
        }
    }

    private static double cores(ResultsFolder folder) {
        String c = folder.envString("available_processors");
        return c.equals("?") ? Double.NaN : Double.parseDouble(c);
    }
}
