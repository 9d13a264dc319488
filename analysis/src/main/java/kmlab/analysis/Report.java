package kmlab.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Everything derived from an audited results folder, as a document and its plots: the audit, the
 * machine, the answer, the tables (per implementation, paired ratios, crossover, thread sweep, top
 * cell, JMH kernels) and how to reproduce it.
 */
final class Report {
    /** The writeup's figures at its largest cell (256k x 32, k swept to 32), on the author's laptop. */
    static final List<List<String>> WRITEUP_TOP_CELL = List.of(
            List.of("scikit-learn", "15.36", "795"), List.of("Rust-Parallel (Rayon)", "16.23", "190"),
            List.of("Rust (serial)", "20.76", "194"), List.of("Python (NumPy)", "46.46", "924"));
    /** The writeup's paired speedups over its NumPy Python, across its whole suite, by the peer that twins each program. */
    static final Map<String, String> WRITEUP_PAIRED = Map.of(
            "rust", "4.5x median; means ~6.6x", "rust-par", "5.1x median; means ~6.6x",
            "sklearn", "no paired figure; unpaired medians 1.843 s vs Python's 0.806 s");
    /** The target for kmlab's fastest implementation at the top cell, against scikit-learn in the same run. */
    static final double TARGET_WALL_RATIO = 10;
    static final double TARGET_RSS_RATIO = 3;

    private final ResultsFolder folder;
    private final Audit.Result audit;
    private final List<Row> cli;
    private final List<Row> jmh;
    private final Paired paired;
    private final List<Crossover.Curve> curves;
    private final Charts charts;
    final Doc doc = new Doc();

    Report(ResultsFolder folder, Audit.Result audit, Path plots) throws IOException {
        this.folder = folder;
        this.audit = audit;
        this.cli = audit.usable().stream().filter(r -> !r.jmh()).toList();
        this.jmh = audit.usable().stream().filter(Row::jmh).toList();
        this.paired = new Paired(audit.usable());
        this.curves = Crossover.curves(audit.usable(), paired);
        this.charts = new Charts(plots);
    }

    List<Crossover.Curve> curves() {
        return curves;
    }

    Paired paired() {
        return paired;
    }

    void build() throws IOException {
        doc.heading(1, "kmlab report: grid `" + folder.grid() + "`");
        auditSection();
        machineSection();
        answerSection();
        if (!cli.isEmpty()) {
            implementationsSection();
            pairedSection();
            fixedCostsSection();
        }
        crossoverSection();
        threadSweepSection();
        if (!cli.isEmpty()) {
            topCellSection();
        }
        if (!jmh.isEmpty()) {
            jmhSection();
        }
        doc.heading(2, "Reproduce");
        doc.para("At commit `" + folder.commit() + "`, from the repository root: `./kmlab run grids/" + folder.grid()
                + ".yaml --out " + folder.dir() + "` (the grid as run is kept in the folder as `grid.yaml`), which ends by"
                + " writing this report; `./kmlab analyze " + folder.dir() + "` regenerates it from the recorded runs."
                + " Tables as CSV: `tables/`; plots as PNG and SVG: `plots/`.");
    }

    private void auditSection() {
        doc.heading(2, "Audit: " + audit.verdict());
        doc.para(switch (audit.verdict()) {
            case PASS -> "Every planned run is present once and ended ok, quality gates hold, one machine. Figures below"
                    + " may be quoted.";
            case WARN -> "Complete and correct, with the warnings below; figures may be quoted with them in mind.";
            case FAIL -> "**AUDIT FAILED: the figures below come from the runs that passed and must not be quoted as"
                    + " the grid's result.**";
        });
        List<String> items = new ArrayList<>();
        audit.failures().forEach(f -> items.add("FAIL: " + f));
        audit.warnings().forEach(w -> items.add("warning: " + w));
        audit.notes().forEach(items::add);
        Audit.Noise nz = audit.noise();
        if (nz.cells() > 0) {
            items.add(String.format("noise: spread of repeats ((max - min) / median of the time) over %d cells x"
                    + " implementations: median %s, 90th percentile %s, worst %s (%s)", nz.cells(),
                    Format.pct(nz.medianSpread()), Format.pct(nz.p90Spread()), Format.pct(nz.maxSpread()), nz.worst()));
        }
        if (!audit.medianAri().isEmpty()) {
            List<String> ari = new ArrayList<>();
            audit.medianAri().forEach((impl, a) -> ari.add(impl + " " + String.format(java.util.Locale.ROOT, "%.4f", a)));
            items.add("median ARI per implementation (fails under " + Audit.ARI_FLOOR + ", a warning more than "
                    + Audit.ARI_WARN + " under the best): "
                    + String.join(", ", ari));
        }
        doc.bullets(items);
    }

    private void machineSection() {
        doc.heading(2, "Machine");
        doc.bullets(List.of(
                "CPU: " + folder.envString("cpu_model") + ", " + folder.envString("available_processors")
                        + " logical cores (OSHI: " + folder.envString("cpu_microarchitecture") + ")",
                "Vector API: " + folder.envString("vector_double_species") + "; memory "
                        + Format.num(Double.parseDouble(folder.envString("memory_bytes").replace("?", "NaN")) / 1e9) + " GB",
                "OS: " + folder.envString("os") + "; JDK: " + folder.envString("java_vm") + " " + folder.envString("java_version"),
                "measured FMA peak (double): " + Format.num(folder.peak("fma_double_gflops_1t")) + " GFLOP/s on 1 thread, "
                        + Format.num(folder.peak("fma_double_gflops_all")) + " on all; float "
                        + Format.num(folder.peak("fma_float_gflops_1t")) + " / " + Format.num(folder.peak("fma_float_gflops_all"))
                        + "; read bandwidth " + Format.num(folder.peak("read_gbps_1t")) + " GB/s (1 thread)",
                "machine id: " + folder.envString("machine_id") + "; commit: `" + folder.commit() + "`"));
    }

    /** The parallel implementation of each family at the most threads (0 = all cores wins). */
    private List<Crossover.Curve> allCoreCurves() {
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

    /** A thread count as the report writes it: "all" for every core, "auto" for fit's choice per fit. */
    static String threadsLabel(int threads) {
        return threads == 0 ? "all" : threads == Row.AUTO_THREADS ? "auto" : Integer.toString(threads);
    }

    private static int rank(int threads) {
        return threads == 0 ? Integer.MAX_VALUE : threads;
    }

    private static String nStar(Crossover.Curve c) {
        return c.nStar() == null ? "none up to " + Format.rows(c.largestN()) : Format.rows(c.nStar());
    }

    private void answerSection() {
        doc.heading(2, "The answer");
        List<Crossover.Curve> all = allCoreCurves();
        if (all.isEmpty()) {
            doc.para("This grid has no parallel implementation with a serial twin, so it says nothing about the"
                    + " crossover.");
            return;
        }
        List<String> sentences = new ArrayList<>();
        Map<String, List<Crossover.Curve>> bySlice = new TreeMap<>();
        all.forEach(c -> bySlice.computeIfAbsent(c.slice(), s -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<Crossover.Curve>> e : bySlice.entrySet()) {
            StringBuilder sb = new StringBuilder("**" + e.getKey() + "**: parallel over serial becomes reliably faster"
                    + " (95% interval above 1 at that n and every larger n) at ");
            List<String> parts = new ArrayList<>();
            for (Crossover.Curve c : e.getValue()) {
                parts.add("`" + c.family() + "` n* = " + nStar(c) + " (" + Format.ratio(c.atLargest()) + " at n = "
                        + Format.rows(c.largestN()) + ")");
            }
            sb.append(String.join("; ", parts)).append('.');
            String verdict = layoutVerdict(e.getValue());
            if (verdict != null) {
                sb.append(' ').append(verdict);
            }
            sentences.add(sb.toString());
        }
        String modes = workloadVerdict(all);
        if (modes != null) {
            sentences.add(modes);
        }
        doc.bullets(sentences);
        doc.para("The writeup's Rayon path reached 1.32x over serial Rust, only at 256k rows. Speedups are paired"
                + " medians (same dataset, seed and repeat) with 95% bootstrap intervals over the repeats.");
    }

    /** Boxed vs flat within one setting: does the flat layout cross earlier? */
    private static String layoutVerdict(List<Crossover.Curve> slice) {
        Crossover.Curve boxed = slice.stream().filter(c -> c.family().startsWith("boxed-")).findFirst().orElse(null);
        List<Crossover.Curve> flat = slice.stream()
                .filter(c -> c.family().startsWith("rows-") || c.family().startsWith("columns-")).toList();
        if (boxed == null || flat.isEmpty()) {
            return null;
        }
        if (boxed.nStar() == null && flat.stream().allMatch(f -> f.nStar() == null)) {
            return "Here no layout's parallel run is reliably faster at any n of the grid.";
        }
        long earlier = flat.stream().filter(f -> key(f) < key(boxed)).count();
        long later = flat.stream().filter(f -> key(f) > key(boxed)).count();
        String what = earlier == flat.size() ? "every flat layout crosses earlier than the boxed one"
                : later == flat.size() ? "every flat layout crosses later than the boxed one"
                : earlier == 0 && later == 0 ? "flat and boxed cross at the same n"
                : earlier + " of " + flat.size() + " flat implementations cross earlier than the boxed one";
        return "Here " + what + ".";
    }

    /** Sweep vs single for each family, where the grid has both workloads. */
    private static String workloadVerdict(List<Crossover.Curve> all) {
        List<String> parts = new ArrayList<>();
        Map<String, Map<String, Crossover.Curve>> byFamily = new TreeMap<>();
        for (Crossover.Curve c : all) {
            String mode = c.slice().substring(0, c.slice().indexOf(' '));
            String rest = c.slice().substring(c.slice().indexOf(' '));
            byFamily.computeIfAbsent(c.family() + rest, f -> new TreeMap<>()).put(mode, c);
        }
        byFamily.forEach((f, m) -> {
            if (m.containsKey("sweep") && m.containsKey("single")) {
                parts.add("`" + f.trim() + "`: one fit at k_max from n* = " + nStar(m.get("single")) + ", the sweep from "
                        + nStar(m.get("sweep")));
            }
        });
        return parts.isEmpty() ? null : "**Sweep vs single** (many small fits vs one large one): "
                + String.join("; ", parts) + ".";
    }

    private static int key(Crossover.Curve c) {
        return c.nStar() == null ? Integer.MAX_VALUE : c.nStar();
    }

    private void implementationsSection() throws IOException {
        doc.heading(2, "Per implementation");
        doc.para("Over every audited run of each implementation (all cells, so medians mix sizes the same way for"
                + " every implementation). Throughput: rows x k-fits per second of wall time. RSS per 1,000 rows:"
                + " sampled every poll from outside / exact peak (VmHWM) from inside. Phases: medians in seconds.");
        List<Summary> summaries = Summary.of(cli, folder.implementationOrder());
        List<List<String>> rows = new ArrayList<>();
        for (Summary s : summaries) {
            rows.add(List.of("`" + s.implementation() + "`", Integer.toString(s.runs()), Format.num(s.medianWall()),
                    Format.num(s.medianThroughput()), Format.num(s.rssSampledPer1k()), Format.num(s.rssExactPer1k()),
                    String.format(java.util.Locale.ROOT, "%.4f / %.4f", s.medianAri(), s.meanAri()),
                    Format.num(s.start()), Format.num(s.setup()), Format.num(s.read()), Format.num(s.fit()),
                    Format.num(s.write())));
        }
        doc.table(List.of("implementation", "runs", "median wall s", "rows x k-fits / s", "RSS MB / 1k rows sampled",
                "exact", "ARI median / mean", "start", "setup", "read", "fit", "write"), rows);
        fourPanel();
        rssBars(summaries);
        pareto(summaries);
    }

    /** The setting the writeup's figures are drawn at: the largest d and k_max, the sweep if there is one. */
    private Row headlineSetting(List<Row> rows) {
        return rows.stream().max(Comparator.comparing((Row r) -> "sweep".equals(r.mode()))
                .thenComparingInt(Row::d).thenComparingInt(Row::kMax)).orElseThrow();
    }

    private void fourPanel() throws IOException {
        Row h = headlineSetting(cli);
        List<Row> slice = cli.stream().filter(r -> r.d() == h.d() && r.kMax() == h.kMax() && r.mode().equals(h.mode()))
                .toList();
        List<Charts.Plot> panels = List.of(
                byN("Runtime", "median wall time (s)", slice, Row::wall, true),
                byN("Throughput", "rows x k-fits per second", slice, r -> (double) r.n() * r.fits() / r.wall(), true),
                byN("Sampled memory", "peak RSS sampled (MB)", slice, r -> r.rssSampled() / 1e6, true),
                byN("Quality", "median ARI", slice, Row::ari, false).withYRange(0, 1.05));
        charts.fourPanel("four_panel", panels);
        doc.image("four_panel", "The writeup's four panels at d = " + h.d() + ", k_max = " + h.kMax() + ", " + h.mode()
                + ": runtime, throughput, sampled RSS and ARI against n (medians over repeats).");
        speedupPlot();
    }

    private Charts.Plot byN(String title, String y, List<Row> rows, ToDoubleFunction<Row> f, boolean logY) {
        List<Charts.Series> series = new ArrayList<>();
        for (String impl : folder.implementationOrder()) {
            TreeMap<Integer, List<Double>> byN = new TreeMap<>();
            rows.stream().filter(r -> r.implementation().equals(impl)).forEach(r -> {
                double v = f.applyAsDouble(r);
                if (!Double.isNaN(v)) {
                    byN.computeIfAbsent(r.n(), n -> new ArrayList<>()).add(v);
                }
            });
            series.add(new Charts.Series(impl, byN.keySet().stream().mapToDouble(n -> n).toArray(),
                    byN.values().stream().mapToDouble(v -> Stats.median(v.stream().mapToDouble(x -> x).toArray())).toArray()));
        }
        return new Charts.Plot(title, "n (rows)", y, true, logY, series, null, false);
    }

    /** The baseline of the paired tables: the NumPy reference when the grid has it (the writeup's), else the first implementation. */
    private String baseline() {
        return cli.stream().filter(r -> "numpy".equals(r.peer())).map(Row::implementation).findFirst()
                .orElse(folder.implementationOrder().getFirst());
    }

    private void speedupPlot() throws IOException {
        String base = baseline();
        List<Charts.Series> series = new ArrayList<>();
        for (String impl : folder.implementationOrder()) {
            if (impl.equals(base)) {
                continue;
            }
            TreeMap<Double, List<Double>> byWork = new TreeMap<>();
            for (Paired.Pair p : paired.pairs(base, impl, r -> !r.jmh())) {
                Row r = p.base();
                double kSum = "sweep".equals(r.mode()) ? r.kMax() * (r.kMax() + 1) / 2.0 : r.kMax();
                byWork.computeIfAbsent((double) r.n() * r.d() * kSum, w -> new ArrayList<>()).add(p.speedup());
            }
            series.add(new Charts.Series(impl, byWork.keySet().stream().mapToDouble(x -> x).toArray(),
                    byWork.values().stream().mapToDouble(v -> Stats.median(v.stream().mapToDouble(x -> x).toArray())).toArray()));
        }
        charts.line("speedup_vs_workload", new Charts.Plot("Speedup over " + base + " by workload",
                "nominal workload: n x d x (sum of k over the fits)", "paired median speedup over " + base, true, true,
                series, 1.0, true));
        doc.image("speedup_vs_workload", "Paired median speedup over `" + base + "` against the nominal workload"
                + " (log-log); one point per cell (dataset x setting), the dashed line is 1.");
    }

    private void rssBars(List<Summary> s) throws IOException {
        charts.bars("rss_per_1k_rows", "Peak RSS per 1,000 rows (median over runs)", "MB per 1,000 rows",
                s.stream().map(Summary::implementation).toList(), List.of("sampled (10 ms poll)", "exact (VmHWM)"),
                List.of(s.stream().mapToDouble(Summary::rssSampledPer1k).toArray(),
                        s.stream().mapToDouble(Summary::rssExactPer1k).toArray()), false);
        doc.image("rss_per_1k_rows", "RSS per thousand rows, sampled from outside and exact from inside.");
    }

    private void pareto(List<Summary> summaries) throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        for (Summary s : summaries) {
            series.add(new Charts.Series(s.implementation(), new double[] {s.medianWall()}, new double[] {s.meanAri()}));
        }
        charts.line("pareto", new Charts.Plot("Quality vs runtime", "median wall time over all runs (s)",
                "mean ARI over all runs", true, false, series, null, true).withYRange(0, 1.05));
        doc.image("pareto", "Quality against runtime: one point per implementation (mean ARI, since medians are all"
                + " at the top when every implementation solves the same problem).");
    }

    private void pairedSection() {
        String base = baseline();
        doc.heading(2, "Paired ratios");
        doc.para("Speedup of each implementation over `" + base + "`: wall(" + base + ") / wall(implementation) on the"
                + " same dataset, setting and repeat; median and mean over all pairs with 95% bootstrap intervals."
                + " Every pair of implementations is in `tables/paired_ratios.csv`.");
        List<List<String>> rows = new ArrayList<>();
        for (String impl : folder.implementationOrder()) {
            if (impl.equals(base)) {
                continue;
            }
            Paired.Ratio r = paired.ratio(base, impl, x -> !x.jmh());
            if (r.median().count() > 0) {
                String peer = cli.stream().filter(x -> x.implementation().equals(impl)).findFirst().map(Row::peer)
                        .orElse(null);
                String threads = cli.stream().filter(x -> x.implementation().equals(impl)).findFirst()
                        .map(x -> x.threads() == 1 ? "" : "-par").orElse("");
                String writeup = "numpy".equals(base) && peer != null
                        ? WRITEUP_PAIRED.getOrDefault("rust".equals(peer) ? peer + threads : peer, "-") : "-";
                rows.add(List.of("`" + impl + "`", Integer.toString(r.median().count()), Format.ratio(r.median()),
                        Format.ratio(r.mean()), writeup));
            }
        }
        doc.table(List.of("implementation", "pairs", "median speedup [95% CI]", "mean speedup [95% CI]",
                "the writeup, over its Python (its laptop)"), rows);
    }

    /**
     * Where the grid runs fit's defaults (kernel and threads chosen per fit), cell by cell: its wall
     * time over each other implementation's, paired, with the phases of its runs; and each JVM regime
     * (aot, warm) against the cold twin of the same settings. Only with at least 2 pairs a cell.
     */
    private void fixedCostsSection() {
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
                double[] s = paired.speedups(o, base, r -> r.cell().equals(c.getKey()) && !r.jmh());
                row.add(s.length < 2 ? "-" : Format.ratio(Stats.medianCi(s)));
            }
            for (ToDoubleFunction<Row> phase : List.<ToDoubleFunction<Row>>of(Row::start, Row::setup, Row::read,
                    Row::fit, Row::write)) {
                row.add(Format.num(median(mine, phase)));
            }
            rows.add(row);
        }
        doc.table(header, rows);
        regimesTable();
    }

    /** Each kmlab implementation run with {@code jvm: aot} or {@code warm} against its cold twin, per n. */
    private void regimesTable() {
        List<List<String>> rows = new ArrayList<>();
        for (String impl : folder.implementationOrder()) {
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
                Paired.Ratio ratio = paired.ratio(cold.implementation(), impl, x -> x.n() == n && !x.jmh());
                if (ratio.median().count() >= 2) {
                    rows.add(List.of("`" + impl + "` (" + r.jvm() + ")", "`" + cold.implementation() + "`",
                            Format.rows(n), Integer.toString(ratio.median().count()), Format.ratio(ratio.median())));
                }
            }
            Paired.Ratio all = paired.ratio(cold.implementation(), impl, x -> !x.jmh());
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

    private void crossoverSection() throws IOException {
        if (curves.isEmpty()) {
            return;
        }
        doc.heading(2, "The crossover");
        doc.para("For each parallel implementation against its serial twin (same layout, kernel and precision, or the"
                + " same peer, one thread): n* is the smallest n from which the paired speedup's 95% interval lies above"
                + " 1 at that n and at every larger n. The speedup at the largest n is given with its interval.");
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
            row.set(2 + List.copyOf(slices).indexOf(c.slice()), "n* = " + nStar(c) + "; " + Format.ratio(c.atLargest()));
        }
        doc.table(header, List.copyOf(rows.values()));
        Map<String, List<Crossover.Curve>> byDk = new TreeMap<>();
        for (Crossover.Curve c : allCoreCurves()) {
            byDk.computeIfAbsent(c.slice().substring(c.slice().indexOf(' ') + 1), s -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<Crossover.Curve>> e : byDk.entrySet()) {
            List<Charts.Series> series = new ArrayList<>();
            for (Crossover.Curve c : e.getValue()) {
                List<Crossover.Point> p = c.points();
                series.add(new Charts.Series(c.family() + " " + c.slice().substring(0, c.slice().indexOf(' ')),
                        p.stream().mapToDouble(Crossover.Point::n).toArray(),
                        p.stream().mapToDouble(x -> x.speedup().value()).toArray(),
                        p.stream().mapToDouble(x -> x.speedup().low()).toArray(),
                        p.stream().mapToDouble(x -> x.speedup().high()).toArray()));
            }
            String name = "crossover_" + e.getKey().replaceAll("[^A-Za-z0-9]+", "_");
            charts.line(name, new Charts.Plot("Parallel speedup over the serial twin, " + e.getKey(), "n (rows)",
                    "paired median speedup", true, false, series, 1.0, false));
            doc.image(name, "Parallel (most threads) over serial against n at " + e.getKey() + ", one line per layout x"
                    + " workload, thin dashed lines the 95% interval, the dashed black line 1.0.");
        }
    }

    private void threadSweepSection() throws IOException {
        Map<String, List<Crossover.Curve>> byFamily = new TreeMap<>();
        // a sweep over counts: fit's automatic choice is not a count, so not on this axis
        curves.stream().filter(c -> c.threads() != Row.AUTO_THREADS)
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
                java.util.TreeMap<Double, Double> xy = new java.util.TreeMap<>(java.util.Map.of(1.0, 1.0));
                for (Crossover.Curve c : cs) {
                    Crossover.Point p = c.points().stream().filter(q -> q.n() == n).findFirst().orElse(null);
                    row.add(p == null ? "-" : Format.ratio(p.speedup()));
                    if (p != null) {
                        double threads = c.threads() == 0 ? cores() : c.threads();
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

    private double cores() {
        String c = folder.envString("available_processors");
        return c.equals("?") ? Double.NaN : Double.parseDouble(c);
    }

    private void topCellSection() {
        Row h = headlineSetting(cli);
        int n = cli.stream().filter(r -> r.d() == h.d() && r.kMax() == h.kMax() && r.mode().equals(h.mode()))
                .mapToInt(Row::n).max().orElseThrow();
        List<Row> top = cli.stream().filter(r -> r.n() == n && r.d() == h.d() && r.kMax() == h.kMax()
                && r.mode().equals(h.mode())).toList();
        String base = baseline();
        doc.heading(2, "The top cell: " + Format.rows(n) + " x " + h.d() + ", k_max " + h.kMax() + ", " + h.mode());
        List<List<String>> rows = new ArrayList<>();
        for (String impl : folder.implementationOrder()) {
            List<Row> r = top.stream().filter(x -> x.implementation().equals(impl)).toList();
            if (r.isEmpty()) {
                continue;
            }
            Stats.Estimate vs = Stats.medianCi(paired.speedups(base, impl,
                    x -> x.n() == n && x.d() == h.d() && x.kMax() == h.kMax() && Objects.equals(x.mode(), h.mode())));
            rows.add(List.of("`" + impl + "`", Integer.toString(r.size()), Format.num(Summary.med(r, Row::wall)),
                    Format.num(Summary.med(r, x -> x.rssSampled() / 1e6)), Format.num(Summary.med(r, x -> x.rssExact() / 1e6)),
                    Format.num(Summary.med(r, Row::ari)), impl.equals(base) ? "1 (baseline)" : Format.ratio(vs)));
        }
        doc.table(List.of("implementation", "runs", "median wall s", "peak RSS sampled MB", "exact MB", "ARI",
                "paired speedup over `" + base + "`"), rows);
        if (n == 256_000 && h.d() == 32 && h.kMax() == 32 && "sweep".equals(h.mode())) {
            doc.para("The writeup's figures at the same cell, on the author's laptop (not this machine):");
            doc.table(List.of("writeup implementation", "wall s", "sampled RSS MB"), WRITEUP_TOP_CELL);
        }
        kmlabAgainstScikitLearn(top);
    }

    /**
     * kmlab's fastest implementation at the top cell against scikit-learn in the same runs: the paired
     * wall ratio and the ratio of median sampled peak RSS, with the target.
     */
    private void kmlabAgainstScikitLearn(List<Row> top) {
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
        double rss = Summary.med(sk, Row::rssSampled) / Summary.med(km, Row::rssSampled);
        doc.para(String.format(java.util.Locale.ROOT, "kmlab's fastest implementation here, `%s`: median %s s and %s MB"
                        + " peak RSS (sampled), against `%s`'s %s s and %s MB in the same runs. scikit-learn takes %s"
                        + " kmlab's wall time (paired median over %d repeats, 95%% interval) and %sx its peak RSS (ratio of"
                        + " medians). The project's target, at least %.0fx and %.0fx: wall %s, RSS %s.",
                best, Format.num(Summary.med(km, Row::wall)), Format.num(Summary.med(km, r -> r.rssSampled() / 1e6)),
                sklearn, Format.num(Summary.med(sk, Row::wall)), Format.num(Summary.med(sk, r -> r.rssSampled() / 1e6)),
                Format.ratio(wall), wall.count(), Format.num(rss), TARGET_WALL_RATIO, TARGET_RSS_RATIO,
                wall.value() >= TARGET_WALL_RATIO ? "met" : "missed", rss >= TARGET_RSS_RATIO ? "met" : "missed"));
    }

    private void jmhSection() throws IOException {
        doc.heading(2, "Kernels at steady state (JMH)");
        doc.para("Each run is one JMH fork; its time is the median of its measurement iterations. GFLOP/s counts the"
                + " assignment pass's 2 n k d flops; the fraction is of the FMA peak measured on this machine (env.json):"
                + " one core for one thread, all cores otherwise, float peak for float kernels.");
        Map<String, List<Row>> byCell = new LinkedHashMap<>();
        jmh.forEach(r -> byCell.computeIfAbsent(r.cell() + "|" + r.implementation(), c -> new ArrayList<>()).add(r));
        List<List<String>> rows = new ArrayList<>();
        List<String> cats = new ArrayList<>();
        List<Double> gf = new ArrayList<>();
        for (List<Row> rs : byCell.values()) {
            Row r = rs.getFirst();
            Stats.Estimate t = Stats.medianCi(rs.stream().mapToDouble(Row::kernelSeconds).toArray());
            boolean assign = "assign".equals(r.benchmark());
            double gflops = assign ? 2.0 * r.n() * r.kMax() * r.d() / t.value() / 1e9 : Double.NaN;
            double peak = folder.peak("fma_" + ("float".equals(r.precision()) ? "float" : "double") + "_gflops_"
                    + (r.threads() == 1 ? "1t" : "all"));
            rows.add(List.of("`" + r.implementation() + "`", r.benchmark(), Format.rows(r.n()), Integer.toString(r.d()),
                    Integer.toString(r.kMax()), Integer.toString(rs.size()),
                    String.format(java.util.Locale.ROOT, "%s [%s, %s]", Format.num(t.value() * 1e3), Format.num(t.low() * 1e3),
                            Format.num(t.high() * 1e3)),
                    Format.num(gflops), Format.pct(gflops / peak)));
            if (assign) {
                cats.add(r.implementation() + " n" + r.n() + " d" + r.d());
                gf.add(gflops);
            }
        }
        doc.table(List.of("implementation", "benchmark", "n", "d", "k", "forks", "ms per op [95% CI]", "GFLOP/s",
                "of peak"), rows);
        if (!cats.isEmpty()) {
            charts.bars("kernels_gflops", "Assignment pass, GFLOP/s (peak: " + Format.num(folder.peak("fma_double_gflops_1t"))
                    + " on 1 core, double)", "GFLOP/s", cats, List.of("GFLOP/s"),
                    List.of(gf.stream().mapToDouble(x -> x).toArray()), false);
            doc.image("kernels_gflops", "GFLOP/s of the assignment pass per implementation and cell.");
        }
    }
}
