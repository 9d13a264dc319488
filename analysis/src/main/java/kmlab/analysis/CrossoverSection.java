package kmlab.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Each parallel implementation against its serial twin: n* and the speedup at the largest n, per setting, with plots. */
final class CrossoverSection implements Section {
    @Override
    public void write(ReportInput in, Doc doc, Charts charts) throws IOException {
        List<Crossover.Curve> curves = in.curves();
        if (curves.isEmpty()) {
            return;
        }
        doc.heading(2, "The crossover");
        doc.para("For each parallel implementation against its serial twin (same layout, kernel and precision, or the"
                + " same peer, one thread): n* is the smallest n from which the paired speedup's 95% interval lies above"
                + " 1 at that n and at every larger n. The speedup at the largest n is given with its interval. No"
                + " interval is drawn from fewer than " + Stats.MIN_REPEATS + " pairs, and no n* from a curve that has"
                + " fewer at any n.");
        TreeSet<String> slices = new TreeSet<>();
        curves.forEach(c -> slices.add(c.slice()));
        List<String> header = new ArrayList<>(List.of("parallel (vs serial twin)", "threads"));
        header.addAll(slices);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (Crossover.Curve c : curves) {
            List<String> row = rows.computeIfAbsent(c.parallel(), p -> {
                List<String> r = new ArrayList<>(List.of("`" + c.parallel() + "` vs `" + c.serial() + "`",
                        threadsLabel(c.threads())));
                slices.forEach(s -> r.add("-"));
                return r;
            });
            row.set(2 + List.copyOf(slices).indexOf(c.slice()), "n* = " + ReportInput.nStar(c) + "; "
                    + Format.ratio(c.atLargest()));
        }
        doc.table(header, List.copyOf(rows.values()));
        Map<String, List<Crossover.Curve>> byDk = new TreeMap<>();
        // one plot per setting, and per variant (algorithm, JVM regime) where the grid has several
        boolean variants = curves.stream().map(Crossover.Curve::variant).distinct().count() > 1;
        for (Crossover.Curve c : in.allCoreCurves()) {
            String setting = c.slice().substring(c.slice().indexOf(' ') + 1);
            byDk.computeIfAbsent(variants ? setting + ", " + (c.variant().isEmpty() ? "default" : c.variant()) : setting,
                    s -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<Crossover.Curve>> e : byDk.entrySet()) {
            List<Charts.Series> series = new ArrayList<>();
            for (Crossover.Curve c : e.getValue()) {
                List<Crossover.Point> p = c.points();
                boolean band = c.enoughRepeats(); // no interval drawn where there is none
                series.add(new Charts.Series(c.family() + " " + c.slice().substring(0, c.slice().indexOf(' ')),
                        p.stream().mapToDouble(Crossover.Point::n).toArray(),
                        p.stream().mapToDouble(x -> x.speedup().value()).toArray(),
                        band ? p.stream().mapToDouble(x -> x.speedup().low()).toArray() : null,
                        band ? p.stream().mapToDouble(x -> x.speedup().high()).toArray() : null));
            }
            String name = "crossover_" + e.getKey().replaceAll("[^A-Za-z0-9]+", "_");
            charts.line(name, new Charts.Plot("Parallel speedup over the serial twin, " + e.getKey(), "n (rows)",
                    "paired median speedup", true, false, series, 1.0, false));
            doc.image(name, "Parallel (most threads) over serial against n at " + e.getKey() + ", one line per layout x"
                    + " workload, thin dashed lines the 95% interval, the dashed black line 1.0.");
        }
    }

    /** A thread count as the report writes it: "all" for every core, "auto" for fit's choice per fit. */
    static String threadsLabel(int threads) {
        return threads == 0 ? "all" : threads == Row.AUTO_THREADS ? "auto" : Integer.toString(threads);
    }
}
