package kmlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to the project's question: per setting, from which n the parallel implementation of
 * each family is reliably faster than its serial twin, boxed against flat, sweep against single.
 */
final class AnswerSection implements Section {
    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        doc.heading(2, "The answer");
        List<Crossover.Curve> all = in.allCoreCurves();
        if (all.isEmpty()) {
            doc.para("This grid has no parallel implementation with a serial twin, so it says nothing about the"
                    + " crossover.");
            return;
        }
        List<String> sentences = new ArrayList<>();
        Map<String, List<Crossover.Curve>> bySlice = new TreeMap<>();
        all.forEach(c -> bySlice.computeIfAbsent(c.slice(), s -> new ArrayList<>()).add(c));
        boolean variants = all.stream().map(Crossover.Curve::variant).distinct().count() > 1;
        for (Map.Entry<String, List<Crossover.Curve>> e : bySlice.entrySet()) {
            // layouts compared within one variant (algorithm, JVM regime, ...), never across them
            Map<String, List<Crossover.Curve>> byVariant = new TreeMap<>();
            e.getValue().forEach(c -> byVariant.computeIfAbsent(c.variant(), v -> new ArrayList<>()).add(c));
            if (variants) {
                sentences.add("**" + e.getKey() + "**: " + byVariant.entrySet().stream().map(v -> {
                    String verdict = layoutVerdict(v.getValue());
                    return "`" + (v.getKey().isEmpty() ? "default" : v.getKey()) + "`: "
                            + (verdict == null ? "one layout only." : verdict);
                }).collect(java.util.stream.Collectors.joining(" ")));
                continue;
            }
            StringBuilder sb = new StringBuilder("**" + e.getKey() + "**: parallel over serial becomes reliably faster"
                    + " (95% interval above 1 at that n and every larger n) at ");
            List<String> parts = new ArrayList<>();
            for (Crossover.Curve c : e.getValue()) {
                parts.add("`" + c.family() + "` n* = " + ReportInput.nStar(c) + " (" + Format.ratio(c.atLargest())
                        + " at n = " + Format.rows(c.largestN()) + ")");
            }
            sb.append(String.join("; ", parts)).append('.');
            String verdict = layoutVerdict(e.getValue());
            if (verdict != null) {
                sb.append(' ').append(verdict);
            }
            sentences.add(sb.toString());
        }
        String modes = variants ? null : workloadVerdict(all); // with variants the tables below set both workloads side by side
        if (modes != null) {
            sentences.add(modes);
        }
        doc.bullets(sentences);
        if (variants) {
            matrix(bySlice, doc);
        }
        WriteupFigures writeup = WriteupFigures.get();
        doc.para("The writeup's Rayon path reached " + writeup.rayonBest() + " over serial Rust, only at "
                + writeup.rayonBestAt() + ". Speedups are paired medians (same dataset, seed and repeat) with 95%"
                + " bootstrap intervals over the repeats.");
    }

    /**
     * One table per slice: a row per layout (and kernel), a column per variant, each cell n* and the
     * speedup at the largest n.
     */
    private static void matrix(Map<String, List<Crossover.Curve>> bySlice, Doc doc) {
        doc.para("Per setting, n* (the smallest n from which all cores beat one thread, 95% interval above 1 from"
                + " there on) and in brackets the paired speedup at the largest n, for each layout (row) and each"
                + " algorithm and JVM regime (column).");
        for (Map.Entry<String, List<Crossover.Curve>> e : bySlice.entrySet()) {
            List<String> variants = e.getValue().stream().map(Crossover.Curve::variant).distinct().sorted().toList();
            Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
            for (Crossover.Curve c : e.getValue()) {
                List<String> row = rows.computeIfAbsent(c.kind(), l -> {
                    List<String> r = new ArrayList<>(List.of("`" + l + "`"));
                    variants.forEach(v -> r.add("-"));
                    return r;
                });
                row.set(1 + variants.indexOf(c.variant()), ReportInput.nStar(c) + " (" + Format.ratio(c.atLargest()) + ")");
            }
            List<String> header = new ArrayList<>(List.of(e.getKey()));
            variants.forEach(v -> header.add(v.isEmpty() ? "default" : v));
            doc.table(header, List.copyOf(rows.values()));
        }
    }

    /** Boxed vs flat within one setting and variant: does the flat layout cross earlier? */
    private static String layoutVerdict(List<Crossover.Curve> slice) {
        // boxed in row order, not boxed-scattered (whose family also starts with "boxed-")
        Crossover.Curve boxed = slice.stream()
                .filter(c -> c.family().startsWith("boxed-") && !c.family().startsWith("boxed-scattered-"))
                .findFirst().orElse(null);
        List<Crossover.Curve> flat = slice.stream()
                .filter(c -> c.family().startsWith("rows-") || c.family().startsWith("columns-")).toList();
        if (boxed == null || flat.isEmpty()) {
            return null;
        }
        if (!boxed.enoughRepeats() || flat.stream().anyMatch(f -> !f.enoughRepeats())) {
            return "Here the layouts' crossovers cannot be compared: too few repeats (" + Stats.MIN_REPEATS
                    + " pairs at every n are needed).";
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
                parts.add("`" + f.trim() + "`: one fit at k_max from n* = " + ReportInput.nStar(m.get("single"))
                        + ", the sweep from " + ReportInput.nStar(m.get("sweep")));
            }
        });
        return parts.isEmpty() ? null : "**Sweep vs single** (many small fits vs one large one): "
                + String.join("; ", parts) + ".";
    }

    private static int key(Crossover.Curve c) {
        return c.nStar() == null ? Integer.MAX_VALUE : c.nStar();
    }
}
