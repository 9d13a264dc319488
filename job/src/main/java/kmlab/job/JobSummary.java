package kmlab.job;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kmlab.fit.Workload;

/**
 * The summary of one end-to-end job, as {@code fit --json} prints it and every Java peer repeats it:
 * what ran, one entry per fit, the phases from JVM start to the written output, ARI, CPU time and
 * peak RSS. The {@link Fitter} adds its own fields (layout, library versions, ...) in between.
 */
public final class JobSummary {
    /**
     * System property set in a JVM that a fit started again with the Vector API module: its summary
     * then says so, since a first JVM waited beside it (its memory is not in this process's peak).
     */
    public static final String RELAUNCHED = "kmlab.relaunched";

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Map<String, Object>> fits = new java.util.ArrayList<>();

    /** Starts a summary with the fields every job has first. */
    public JobSummary(String input, String output, int n, int d, int kMax, Workload mode) {
        fields.put("input", input);
        fields.put("output", output);
        fields.put("n", n);
        fields.put("d", d);
        fields.put("k_max", kMax);
        fields.put("mode", mode.label());
    }

    public JobSummary put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** One fit; {@code seedSeconds} null where the seeding is not timed apart (it is then in lloyd_s). */
    public void addFit(int k, int iterations, boolean converged, double inertia, Double seedSeconds,
                       double lloydSeconds) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("k", k);
        f.put("iterations", iterations);
        f.put("converged", converged);
        f.put("inertia", inertia);
        f.put("seed_s", seedSeconds);
        f.put("lloyd_s", lloydSeconds);
        fits.add(f);
    }

    /** Adds a field to the last fit added (e.g. the kernel and threads it ran). */
    public JobSummary fitDetail(String name, Object value) {
        fits.get(fits.size() - 1).put(name, value);
        return this;
    }

    /**
     * Closes the summary: ARI at {@code kTrue} (null without labels), the fits, the phases (from the
     * {@code System.nanoTime()} at which the command was called and each phase ended), CPU and peak RSS.
     */
    public JobSummary finish(Integer kTrue, Double ari, long callNanos, long readNanos, long fitNanos, long writeNanos) {
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("jvm_start_to_main", ProcessStats.startToMainSeconds().orElse(null));
        phases.put("setup", seconds(callNanos - ProcessStats.entryNanos()));
        phases.put("read", seconds(readNanos - callNanos));
        phases.put("fit", seconds(fitNanos - readNanos));
        phases.put("write", seconds(writeNanos - fitNanos));
        fields.put("k_true", kTrue);
        fields.put("ari", ari);
        fields.put("fits", fits);
        fields.put("phases_s", phases);
        if (Boolean.getBoolean(RELAUNCHED)) {
            fields.put("relaunched", true);
        }
        fields.put("cpu_s", ProcessStats.cpuSeconds());
        fields.put("peak_rss_bytes", ProcessStats.peakRssBytes());
        return this;
    }

    /** One JSON line, or a line per fit, the ARI and the phases, prefixed by {@code who} when not null. */
    public void print(PrintWriter out, boolean json, String who) {
        if (json) {
            out.println(Json.of(fields));
            return;
        }
        for (Map<String, Object> f : fits) {
            out.printf("k=%-3d iterations=%-4d inertia=%.6g%s%n", f.get("k"), f.get("iterations"), f.get("inertia"),
                    (boolean) f.get("converged") ? "" : " (not converged)");
        }
        if (fields.get("ari") != null) {
            out.printf("ARI at k=%d: %.4f%n", (Integer) fields.get("k_true"), (Double) fields.get("ari"));
        }
        out.printf("%sphases (s): %s; peak RSS %.1f MB; wrote %s%n", who == null ? "" : who + ": ",
                fields.get("phases_s"), (long) fields.get("peak_rss_bytes") / 1e6, fields.get("output"));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
