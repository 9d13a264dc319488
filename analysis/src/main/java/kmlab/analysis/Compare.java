package kmlab.analysis;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import kmlab.runs.Axes;
import kmlab.runs.Axis;
import kmlab.runs.RunSpec;

/**
 * {@code kmlab compare BASE NEW}: two results folders side by side. Runs are matched by cell: the
 * implementation and every axis, the engine, the JMH benchmark and the seed, all but the repeat.
 * Per cell and metric (wall time, peak RSS, the JMH score), the ratio NEW/BASE of the medians of the
 * runs that ended ok, with its 95% bootstrap interval ({@link Stats#ratioOfMediansCi}: the runs of
 * two folders are independent, so each side is resampled on its own; seeded, so the output is
 * reproducible). A metric is a regression where the ratio is above {@code 1 + threshold} and the
 * interval's low end above 1, an improvement where it is below {@code 1 / (1 + threshold)} and the
 * interval's high end below 1; past the threshold with an interval that holds 1 it is unclear (not
 * flagged), and so is every metric with fewer than {@link #MIN_RUNS} values on a side (the
 * report's rule: from so few runs the percentile bootstrap's interval is little more than their
 * range, and two runs a side are completely separated by chance a third of the time). A cell regresses where any metric does, or where every NEW run failed and a BASE run
 * did not. Folders from two machines are refused unless asked for ({@code crossMachine}), and the
 * output then starts with a warning.
 */
public final class Compare {
    /** The fewest ok runs a side for a metric to be flagged either way: the report's rule for any interval. */
    public static final int MIN_RUNS = Stats.MIN_REPEATS;

    private Compare() {
    }

    /** Higher is worse for each: seconds, bytes, seconds per operation. */
    public enum Metric {
        WALL("wall_s", "wall", "s", 1, Row::wall),
        RSS("rss_peak_bytes", "peak RSS", "MB", 1e-6, Row::rssPeak),
        SCORE("score_s", "score", "ms", 1e3, r -> r.jmh() ? r.kernelSeconds() : Double.NaN);

        final String key;
        final String label;
        final String unit;
        final double scale;
        final ToDoubleFunction<Row> value;

        Metric(String key, String label, String unit, double scale, ToDoubleFunction<Row> value) {
            this.key = key;
            this.label = label;
            this.unit = unit;
            this.scale = scale;
            this.value = value;
        }

        public String key() {
            return key;
        }
    }

    public enum Verdict {
        REGRESSION, IMPROVEMENT, UNCLEAR, SAME, NO_DATA;

        public String label() {
            return kmlab.util.Labels.of(this);
        }
    }

    /** One metric of one cell: the two medians and the ratio NEW/BASE with its interval. */
    public record MetricResult(Metric metric, double baseMedian, double newMedian, Stats.Estimate ratio,
                               Verdict verdict) {
    }

    /**
     * One cell present in both folders.
     *
     * @param cell the dataset and setting ({@code blobs_n1000_d8_c4_s1/sweep_k4}), as in the run keys
     * @param note what the verdict alone does not say (failed runs), or ""
     */
    public record Cell(String implementation, String cell, int baseRuns, int newRuns, int baseOk, int newOk,
                       List<MetricResult> metrics, Verdict verdict, String note) {
        public String name() {
            return implementation + " " + cell;
        }
    }

    /** A cell of one folder only: its name, and how many runs it has there. */
    public record OneSided(String implementation, String cell, int runs, String note) {
        public String name() {
            return implementation + " " + cell;
        }
    }

    /** A folder as the comparison names it. */
    public record Side(Path dir, String grid, String commit, String machine, int runs) {
    }

    public record Result(Side base, Side other, double threshold, String warning, List<Cell> cells,
                         List<OneSided> baseOnly, List<OneSided> newOnly) {
        public List<Cell> regressions() {
            return cells.stream().filter(c -> c.verdict() == Verdict.REGRESSION).toList();
        }

        public List<Cell> improvements() {
            return cells.stream().filter(c -> c.verdict() == Verdict.IMPROVEMENT).toList();
        }

        /** 1 where a cell regressed, else 0. */
        public int exitCode() {
            return regressions().isEmpty() ? 0 : 1;
        }

        /** One line: the Markdown's last, the JSON's {@code summary}. */
        public String summary() {
            long unclear = cells.stream().filter(c -> c.verdict() == Verdict.UNCLEAR).count();
            String s = String.format(Locale.ROOT, "%d regression%s, %d improvement%s, %d unclear, %d same of %d cells"
                            + " matched; %d in BASE only, %d in NEW only (threshold %s)", regressions().size(),
                    regressions().size() == 1 ? "" : "s", improvements().size(), improvements().size() == 1 ? "" : "s",
                    unclear, cells.stream().filter(c -> c.verdict() == Verdict.SAME).count(),
                    cells.size(), baseOnly.size(), newOnly.size(), percent(threshold));
            long none = cells.stream().filter(c -> c.verdict() == Verdict.NO_DATA).count();
            if (none > 0) {
                s = s.replace(" of " + cells.size() + " cells", ", " + none + " with no ok run of " + cells.size() + " cells");
            }
            if (!regressions().isEmpty()) {
                List<Cell> named = regressions().subList(0, Math.min(10, regressions().size()));
                s += "; regressed: " + named.stream().map(c -> c.name() + " (" + flagged(c) + ")")
                        .collect(Collectors.joining(", "))
                        + (regressions().size() > named.size() ? " and " + (regressions().size() - named.size()) + " more" : "");
            }
            return "kmlab compare: " + s;
        }

        public String markdown() {
            return Compare.markdown(this);
        }

        public String json() {
            return Compare.json(this);
        }

        public String csv() {
            return Compare.csv(this);
        }
    }

    /** Reads both folders and compares them. */
    public static Result of(Path base, Path other, double threshold, boolean crossMachine) throws IOException {
        return of(ResultsFolder.read(base), ResultsFolder.read(other), threshold, crossMachine);
    }

    public static Result of(ResultsFolder base, ResultsFolder other, double threshold, boolean crossMachine) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("the threshold must be above 0%, not " + percent(threshold));
        }
        Set<String> mb = machines(base);
        Set<String> mn = machines(other);
        String warning = null;
        if (!(mb.size() == 1 && mb.equals(mn))) {
            String what = "BASE " + base.dir() + " ran on " + names(mb) + ", NEW " + other.dir() + " on " + names(mn);
            if (!crossMachine) {
                throw new IllegalArgumentException(what + ": runs from two machines are not compared"
                        + " (--cross-machine compares them, with a warning)");
            }
            warning = what + ": the ratios mix the two machines' speeds with the change (--cross-machine)";
        }
        Map<String, List<Row>> b = cells(base.rows());
        Map<String, List<Row>> n = cells(other.rows());
        List<Cell> cells = new ArrayList<>();
        List<OneSided> baseOnly = new ArrayList<>();
        List<OneSided> newOnly = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : b.entrySet()) {
            List<Row> nr = n.get(e.getKey());
            if (nr == null) {
                baseOnly.add(oneSided(e.getValue(), n));
            } else {
                cells.add(cell(e.getValue(), nr, threshold));
            }
        }
        for (Map.Entry<String, List<Row>> e : n.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                newOnly.add(oneSided(e.getValue(), b));
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("BASE " + base.dir() + " and NEW " + other.dir()
                    + " have no cell in common (" + b.size() + " and " + n.size() + " cells): nothing to compare");
        }
        return new Result(side(base, mb), side(other, mn), threshold, warning, List.copyOf(cells),
                List.copyOf(baseOnly), List.copyOf(newOnly));
    }

    /** The machines a folder's runs name (env.json's where no run names one). */
    private static Set<String> machines(ResultsFolder f) {
        Set<String> ids = new TreeSet<>();
        f.rows().forEach(r -> {
            if (r.machineId() != null) {
                ids.add(r.machineId());
            }
        });
        if (ids.isEmpty() && f.env().get("machine_id") != null) {
            ids.add(f.envString("machine_id"));
        }
        return ids;
    }

    private static String names(Set<String> ids) {
        return ids.isEmpty() ? "an unknown machine" : ids.size() == 1 ? ids.iterator().next()
                : ids.size() + " machines " + ids;
    }

    private static Side side(ResultsFolder f, Set<String> machines) {
        return new Side(f.dir(), f.grid(), f.commit(), String.join(" ", machines), f.rows().size());
    }

    /** Every axis, the engine, the benchmark and the seed: what a cell is, but for its repeat. */
    private static String identity(Row r) {
        RunSpec s = r.spec();
        StringBuilder sb = new StringBuilder(s.implementation()).append('\u0000').append(s.engine().label())
                .append('\u0000').append(s.benchmark()).append('\u0000').append(s.seed());
        for (Axis<?> a : Axes.ALL) {
            sb.append('\u0000').append(a.key()).append('=').append(s.axes().text(a));
        }
        return sb.toString();
    }

    private static Map<String, List<Row>> cells(List<Row> rows) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(identity(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    /** A cell of one side; where the other side has its name with other axes, which axes differ. */
    private static OneSided oneSided(List<Row> rows, Map<String, List<Row>> otherSide) {
        Row r = rows.getFirst();
        String note = "";
        for (List<Row> o : otherSide.values()) {
            Row x = o.getFirst();
            if (x.implementation().equals(r.implementation()) && x.cell().equals(r.cell())) {
                List<String> diff = new ArrayList<>();
                for (Axis<?> a : Axes.ALL) {
                    if (!Objects.equals(r.spec().axes().text(a), x.spec().axes().text(a))) {
                        diff.add(a.key() + " " + r.spec().axes().text(a) + " here, " + x.spec().axes().text(a) + " there");
                    }
                }
                note = diff.isEmpty() ? "the other folder's runs of this name differ in engine or seed"
                        : "the other folder's runs of this name differ: " + String.join(", ", diff);
                break;
            }
        }
        return new OneSided(r.implementation(), r.cell(), rows.size(), note);
    }

    private static Cell cell(List<Row> base, List<Row> other, double threshold) {
        List<Row> bo = base.stream().filter(Row::ok).toList();
        List<Row> no = other.stream().filter(Row::ok).toList();
        List<MetricResult> metrics = new ArrayList<>();
        for (Metric m : Metric.values()) {
            double[] bv = Summary.values(bo, m.value);
            double[] nv = Summary.values(no, m.value);
            if (bv.length > 0 && nv.length > 0) {
                Stats.Estimate ratio = Stats.ratioOfMediansCi(bv, nv);
                Verdict v = verdict(ratio, threshold);
                if (Math.min(bv.length, nv.length) < MIN_RUNS && v != Verdict.SAME) {
                    v = Verdict.UNCLEAR;
                }
                metrics.add(new MetricResult(m, Stats.median(bv), Stats.median(nv), ratio, v));
            }
        }
        List<String> notes = new ArrayList<>();
        if (bo.size() < base.size()) {
            notes.add((base.size() - bo.size()) + " of " + base.size() + " BASE runs failed");
        }
        if (no.size() < other.size()) {
            notes.add((other.size() - no.size()) + " of " + other.size() + " NEW runs failed");
        }
        if (Math.min(bo.size(), no.size()) < MIN_RUNS && !no.isEmpty()) {
            notes.add("fewer than " + MIN_RUNS + " ok runs a side: not flagged");
        }
        Verdict v;
        if (no.isEmpty() && !bo.isEmpty()) {
            v = Verdict.REGRESSION;
            notes.add("every NEW run failed");
        } else if (metrics.isEmpty()) {
            v = Verdict.NO_DATA;
        } else if (metrics.stream().anyMatch(x -> x.verdict() == Verdict.REGRESSION)) {
            v = Verdict.REGRESSION;
        } else if (metrics.stream().anyMatch(x -> x.verdict() == Verdict.IMPROVEMENT)) {
            v = Verdict.IMPROVEMENT;
        } else if (metrics.stream().anyMatch(x -> x.verdict() == Verdict.UNCLEAR)) {
            v = Verdict.UNCLEAR;
        } else {
            v = Verdict.SAME;
        }
        Row r = base.getFirst();
        return new Cell(r.implementation(), r.cell(), base.size(), other.size(), bo.size(), no.size(),
                List.copyOf(metrics), v, String.join("; ", notes));
    }

    /** The rule of the class comment, for one metric. */
    static Verdict verdict(Stats.Estimate ratio, double threshold) {
        double r = ratio.value();
        if (Double.isNaN(r)) {
            return Verdict.NO_DATA;
        }
        boolean slower = r > 1 + threshold;
        boolean faster = r < 1 / (1 + threshold);
        if (slower && ratio.low() > 1) {
            return Verdict.REGRESSION;
        }
        if (faster && ratio.high() < 1) {
            return Verdict.IMPROVEMENT;
        }
        return slower || faster ? Verdict.UNCLEAR : Verdict.SAME;
    }

    /** The metrics a cell's verdict rests on, e.g. {@code wall 1.60x [1.55, 1.66]}. */
    static String flagged(Cell c) {
        List<String> parts = c.metrics().stream().filter(m -> m.verdict() == c.verdict())
                .map(m -> m.metric().label + " " + Format.ratio(m.ratio(), "runs")).collect(Collectors.toCollection(ArrayList::new));
        if (c.newOk() == 0 && c.baseOk() > 0) {
            parts.add("every NEW run failed");
        }
        return String.join(", ", parts);
    }

    static String percent(double threshold) {
        return plain(100 * threshold) + "%";
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String markdown(Result r) {
        Doc doc = new Doc();
        if (r.warning() != null) {
            doc.para("**Warning: " + r.warning() + ".**");
        }
        doc.heading(1, "kmlab compare: `" + r.base().dir() + "` (BASE) and `" + r.other().dir() + "` (NEW)");
        doc.bullets(List.of(side("BASE", r.base()), side("NEW", r.other()),
                "Each cell: the ratio NEW/BASE of the medians of its runs that ended ok, with a 95% bootstrap interval"
                        + " (each folder's runs resampled on their own). A regression where the ratio is above "
                        + Format.num(1 + r.threshold()) + " and the interval's low end above 1; an improvement where"
                        + " it is below " + String.format(Locale.ROOT, "%.3f", 1 / (1 + r.threshold()))
                        + " and the interval's high end below 1; past either with an interval that holds 1, or with fewer than "
                        + MIN_RUNS + " ok runs a side: unclear."));
        List<Metric> shown = List.of(Metric.values()).stream()
                .filter(m -> r.cells().stream().anyMatch(c -> c.metrics().stream().anyMatch(x -> x.metric() == m)))
                .toList();
        List<String> header = new ArrayList<>(List.of("implementation", "cell", "runs BASE / NEW"));
        for (Metric m : shown) {
            header.add(m.label + " " + m.unit + " BASE -> NEW");
            header.add(m.label + " NEW/BASE [95% CI]");
        }
        header.add("verdict");
        List<List<String>> rows = new ArrayList<>();
        for (Cell c : r.cells()) {
            List<String> row = new ArrayList<>(List.of("`" + c.implementation() + "`", "`" + c.cell() + "`",
                    runs(c.baseOk(), c.baseRuns()) + " / " + runs(c.newOk(), c.newRuns())));
            for (Metric m : shown) {
                MetricResult x = c.metrics().stream().filter(y -> y.metric() == m).findFirst().orElse(null);
                row.add(x == null ? "-" : Format.num(x.baseMedian() * m.scale) + " -> " + Format.num(x.newMedian() * m.scale));
                String ratio = x == null ? "-" : Format.ratio(x.ratio(), "runs");
                row.add(x != null && (x.verdict() == Verdict.REGRESSION || x.verdict() == Verdict.IMPROVEMENT)
                        ? "**" + ratio + "**" : ratio);
            }
            String v = c.verdict() == Verdict.REGRESSION ? "**regression**" : c.verdict().label().replace("_", " ");
            row.add(v + (c.note().isEmpty() ? "" : " (" + c.note() + ")"));
            rows.add(row);
        }
        doc.table(header, rows);
        oneSided(doc, "In BASE only", r.baseOnly());
        oneSided(doc, "In NEW only", r.newOnly());
        doc.para(r.summary());
        return doc.markdown();
    }

    private static String runs(int ok, int all) {
        return ok == all ? Integer.toString(all) : ok + " ok of " + all;
    }

    private static String side(String name, Side s) {
        return name + ": `" + s.dir() + "`, grid `" + s.grid() + "`, commit `" + s.commit() + "`, machine "
                + s.machine() + ", " + s.runs() + " runs";
    }

    private static void oneSided(Doc doc, String title, List<OneSided> cells) {
        if (!cells.isEmpty()) {
            doc.para(title + " (" + cells.size() + " cell" + (cells.size() == 1 ? "" : "s") + ", not compared):");
            doc.bullets(cells.stream().map(c -> "`" + c.implementation() + "` `" + c.cell() + "`, " + c.runs() + " run"
                    + (c.runs() == 1 ? "" : "s") + (c.note().isEmpty() ? "" : " (" + c.note() + ")")).toList());
        }
    }

    private static String json(Result r) {
        JsonObject o = new JsonObject();
        o.add("warning", r.warning() == null ? JsonNull.INSTANCE : new JsonPrimitive(r.warning()));
        o.add("base", side(r.base()));
        o.add("new", side(r.other()));
        o.addProperty("threshold", r.threshold());
        JsonArray cells = new JsonArray();
        for (Cell c : r.cells()) {
            JsonObject j = new JsonObject();
            j.addProperty("implementation", c.implementation());
            j.addProperty("cell", c.cell());
            j.addProperty("verdict", c.verdict().label());
            j.addProperty("base_runs", c.baseRuns());
            j.addProperty("new_runs", c.newRuns());
            j.addProperty("base_ok", c.baseOk());
            j.addProperty("new_ok", c.newOk());
            JsonObject metrics = new JsonObject();
            for (MetricResult m : c.metrics()) {
                JsonObject x = new JsonObject();
                x.add("base_median", number(m.baseMedian()));
                x.add("new_median", number(m.newMedian()));
                x.add("ratio", number(m.ratio().value()));
                x.add("low", number(m.ratio().low()));
                x.add("high", number(m.ratio().high()));
                x.addProperty("verdict", m.verdict().label());
                metrics.add(m.metric().key, x);
            }
            j.add("metrics", metrics);
            j.addProperty("note", c.note());
            cells.add(j);
        }
        o.add("cells", cells);
        o.add("base_only", oneSided(r.baseOnly()));
        o.add("new_only", oneSided(r.newOnly()));
        o.addProperty("regressions", r.regressions().size());
        o.addProperty("improvements", r.improvements().size());
        o.addProperty("exit_code", r.exitCode());
        o.addProperty("summary", r.summary());
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o) + "\n";
    }

    private static JsonObject side(Side s) {
        JsonObject o = new JsonObject();
        o.addProperty("dir", s.dir().toString());
        o.addProperty("grid", s.grid());
        o.addProperty("commit", s.commit());
        o.addProperty("machine_id", s.machine());
        o.addProperty("runs", s.runs());
        return o;
    }

    private static JsonArray oneSided(List<OneSided> cells) {
        JsonArray a = new JsonArray();
        for (OneSided c : cells) {
            JsonObject j = new JsonObject();
            j.addProperty("implementation", c.implementation());
            j.addProperty("cell", c.cell());
            j.addProperty("runs", c.runs());
            j.addProperty("note", c.note());
            a.add(j);
        }
        return a;
    }

    private static JsonElement number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? JsonNull.INSTANCE : new JsonPrimitive(v);
    }

    /** Tidy: one row per cell and metric, and one per one-sided cell (its metric empty). */
    private static String csv(Result r) {
        StringBuilder sb = new StringBuilder("implementation,cell,metric,base_runs,new_runs,base_ok,new_ok,base_median,"
                + "new_median,ratio,low,high,verdict,cell_verdict\n");
        for (Cell c : r.cells()) {
            for (MetricResult m : c.metrics()) {
                sb.append(csvRow(c.implementation(), c.cell(), m.metric().key, c.baseRuns(), c.newRuns(), c.baseOk(),
                        c.newOk(), d(m.baseMedian()), d(m.newMedian()), d(m.ratio().value()), d(m.ratio().low()),
                        d(m.ratio().high()), m.verdict().label(), c.verdict().label()));
            }
            if (c.metrics().isEmpty()) {
                sb.append(csvRow(c.implementation(), c.cell(), "", c.baseRuns(), c.newRuns(), c.baseOk(), c.newOk(),
                        "", "", "", "", "", "", c.verdict().label()));
            }
        }
        for (OneSided c : r.baseOnly()) {
            sb.append(csvRow(c.implementation(), c.cell(), "", c.runs(), 0, "", "", "", "", "", "", "", "", "base-only"));
        }
        for (OneSided c : r.newOnly()) {
            sb.append(csvRow(c.implementation(), c.cell(), "", 0, c.runs(), "", "", "", "", "", "", "", "", "new-only"));
        }
        return sb.toString();
    }

    private static String csvRow(Object... cells) {
        StringBuilder sb = new StringBuilder();
        for (Object cell : cells) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            String s = String.valueOf(cell);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            sb.append(s);
        }
        return sb.append('\n').toString();
    }

    private static String d(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
