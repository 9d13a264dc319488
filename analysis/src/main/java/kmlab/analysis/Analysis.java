package kmlab.analysis;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code kmlab analyze FOLDER}: audit the results folder, then write {@code report.md},
 * {@code report.html} (self-contained), {@code plots/} (PNG and SVG) and {@code tables/} (CSV)
 * into it. A failed audit still gives a report, marked as such.
 */
public final class Analysis {
    private Analysis() {
    }

    /** Analyses the folder and returns the audit's verdict. */
    public static Audit.Verdict run(Path dir, PrintWriter log) throws IOException {
        ResultsFolder folder = ResultsFolder.read(dir);
        Audit.Result audit = Audit.of(folder);
        log.printf("kmlab analyze: %s: %d runs, audit %s%n", dir, folder.rows().size(), audit.verdict());
        audit.failures().forEach(f -> log.println("  FAIL: " + f));
        audit.warnings().forEach(w -> log.println("  warning: " + w));
        Report report = new Report(folder, audit, dir.resolve("plots"));
        report.build();
        writeTables(dir.resolve("tables"), folder, report);
        write(dir.resolve("report.md"), report.doc.markdown());
        write(dir.resolve("report.html"), report.doc.html("kmlab report: " + folder.grid(), dir.resolve("plots")));
        writeDemo(dir.resolve("demo"));
        log.printf("kmlab analyze: wrote %s, %s, plots/, tables/, demo/%n", dir.resolve("report.md"), dir.resolve("report.html"));
        return audit.verdict();
    }

    /** The browser demo's page (the demo module's jar), which the report links to. */
    private static void writeDemo(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : new String[] {"index.html", "kmlab-demo.js"}) {
            try (java.io.InputStream in = Analysis.class.getResourceAsStream("/kmlab/demo/page/" + name)) {
                if (in == null) {
                    throw new IOException("the demo's " + name + " is not on the class path (build the demo module)");
                }
                write(dir.resolve(name), in.readAllBytes());
            }
        }
    }

    private static void writeTables(Path dir, ResultsFolder folder, Report report) throws IOException {
        Files.createDirectories(dir);
        List<String> impls = folder.implementationOrder();
        StringBuilder pairs = new StringBuilder("base,other,pairs,median_speedup,median_low,median_high,mean_speedup,"
                + "mean_low,mean_high\n");
        for (int i = 0; i < impls.size(); i++) {
            for (int j = 0; j < impls.size(); j++) {
                if (i == j) {
                    continue;
                }
                Paired.Ratio r = report.paired().ratio(impls.get(i), impls.get(j), x -> true);
                if (r.median().count() > 0) {
                    pairs.append(String.join(",", impls.get(i), impls.get(j), Integer.toString(r.median().count()),
                            d(r.median().value()), d(r.median().low()), d(r.median().high()), d(r.mean().value()),
                            d(r.mean().low()), d(r.mean().high()))).append('\n');
                }
            }
        }
        write(dir.resolve("paired_ratios.csv"), pairs.toString());
        StringBuilder cross = new StringBuilder("parallel,serial,family,threads,slice,n,speedup,low,high,pairs,n_star\n");
        for (Crossover.Curve c : report.curves()) {
            for (Crossover.Point p : c.points()) {
                cross.append(String.join(",", c.parallel(), c.serial(), c.family(), Integer.toString(c.threads()),
                        c.slice(), Integer.toString(p.n()), d(p.speedup().value()), d(p.speedup().low()),
                        d(p.speedup().high()), Integer.toString(p.speedup().count()),
                        c.nStar() == null ? "" : c.nStar().toString())).append('\n');
            }
        }
        write(dir.resolve("crossover.csv"), cross.toString());
    }

    /** A number of the CSV tables; empty where there is none (no interval from too few pairs). */
    private static String d(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Written beside and renamed, so a crash never leaves half a report. */
    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
