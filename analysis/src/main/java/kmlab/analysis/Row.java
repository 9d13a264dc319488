package kmlab.analysis;

import java.util.List;
import java.util.Objects;

/**
 * One run as the runner recorded it (a line of {@code runs.jsonl}): its axes, its status and what
 * was measured. Measurements a run did not produce (a failed run, a peer without a phase, the jmh
 * engine's RSS) are NaN.
 *
 * @param seeding     kmlab's k-means++ seeding of a sweep (shared or fresh), or null (a peer, engine jmh, or
 *                    a folder older than the option, whose sweeps seeded every k afresh)
 * @param peer        the peer's name, or null for kmlab's own implementations
 * @param threads     the count (0 = all cores), or {@link #AUTO_THREADS} where fit chose per fit
 * @param jvm         kmlab's JVM regime (cold, aot, warm), or null (a peer, or a folder older than the axis: cold)
 * @param benchmark   the JMH benchmark (engine jmh), or null (engine cli)
 * @param inertias    the inertia of every fit, in k order (empty when the run failed)
 */
public record Row(String key, String implementation, String layout, String kernel, String precision, String seeding,
                  String peer,
                  int threads, String jvm, int n, int d, int clusters, String mode, int kMax, int repeat, String benchmark,
                  String status, String machineId, double wall, double kernelSeconds, double rssSampled,
                  double rssExact, double cpu, double start, double setup, double read, double fit, double write,
                  double ari, List<Double> inertias) {

    /** The threads of an implementation that asked for fit's automatic choice. */
    public static final int AUTO_THREADS = -1;

    public boolean ok() {
        return "ok".equals(status);
    }

    public boolean jmh() {
        return benchmark != null;
    }

    /** The time a ratio compares: wall time around the process (cli) or the kernel's median (jmh). */
    public double time() {
        return jmh() ? kernelSeconds : wall;
    }

    /** The dataset, setting and repeat: runs of one group are paired with each other. */
    public String group() {
        return key.substring(0, key.lastIndexOf('/'));
    }

    /** The dataset and setting, without the repeat: the cell whose repeats are pooled. */
    public String cell() {
        String g = group();
        return g.substring(0, g.lastIndexOf('/'));
    }

    /** The setting a crossover is traced across n for: workload, features, k_max, benchmark. */
    public String slice() {
        return (benchmark != null ? benchmark : mode) + " d=" + d + " k_max=" + kMax;
    }

    /**
     * What an implementation is apart from its thread count: layout, kernel, precision, seeding and
     * JVM regime, or the peer. Implementations of one family differing only in threads are each
     * other's twins.
     */
    public String family() {
        return peer != null ? peer : layout + "-" + kernel + ("double".equals(precision) ? "" : "-" + precision)
                + ("fresh".equals(seeding) ? "-fresh" : "") + (jvm == null || "cold".equals(jvm) ? "" : "-" + jvm);
    }

    /** Fits in the run: k_max of them for a sweep, one otherwise. */
    public int fits() {
        return "sweep".equals(mode) ? kMax : 1;
    }

    public boolean sameDatasetAs(Row o) {
        return n == o.n && d == o.d && clusters == o.clusters && Objects.equals(mode, o.mode) && kMax == o.kMax;
    }
}
