package kmlab.analysis;

import java.util.List;
import java.util.stream.Collectors;
import kmlab.runs.Axes;
import kmlab.runs.Axis;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunSpec;

/**
 * One run as the runner recorded it (a line of {@code runs.jsonl}, read by {@link kmlab.runs.RunRecords}),
 * as the analysis reads it: the axes' values as their labels (null where the run has none: a
 * peer's layout, a folder older than the axis), measurements in seconds and bytes, NaN where the
 * run did not produce them (a failed run, a peer without a phase, the jmh engine's RSS). How runs
 * are grouped (cell, slice, family) follows each axis's {@link Axis.Role}.
 */
public record Row(RunRecord record) {

    /** The threads of an implementation that asked for fit's automatic choice. */
    public static final int AUTO_THREADS = -1;

    public RunSpec spec() {
        return record.spec();
    }

    private RunOutcome outcome() {
        return record.outcome();
    }

    /** The axis's value as its label, or null. */
    public String label(Axis<?> axis) {
        return spec().axes().text(axis);
    }

    public String key() {
        return spec().key();
    }

    public String implementation() {
        return spec().implementation();
    }

    public String layout() {
        return label(Axes.LAYOUT);
    }

    public String kernel() {
        return label(Axes.KERNEL);
    }

    public String precision() {
        return label(Axes.PRECISION);
    }

    /** kmlab's k-means++ seeding of a sweep, or null (a peer, engine jmh, or a folder older than the option). */
    public String seeding() {
        return label(Axes.SEEDING);
    }

    /** The peer's name, or null for kmlab's own implementations. */
    public String peer() {
        return label(Axes.PEER);
    }

    /** The count (0 = all cores), or {@link #AUTO_THREADS} where fit chose per fit. */
    public int threads() {
        return spec().get(Axes.THREADS).count();
    }

    /** kmlab's JVM regime (cold, aot, warm), or null (a peer, or a folder older than the axis: cold). */
    public String jvm() {
        return label(Axes.JVM);
    }

    public int n() {
        return spec().get(Axes.N);
    }

    public int d() {
        return spec().get(Axes.D);
    }

    public int clusters() {
        return spec().get(Axes.CLUSTERS);
    }

    public double clusterStd() {
        return spec().get(Axes.CLUSTER_STD);
    }

    public String mode() {
        return label(Axes.MODE);
    }

    public int kMax() {
        return spec().get(Axes.K_MAX);
    }

    public int repeat() {
        return spec().repeat();
    }

    /** The JMH benchmark (engine jmh), or null (engine cli). */
    public String benchmark() {
        return spec().benchmark();
    }

    public String status() {
        return outcome().status().label();
    }

    public String machineId() {
        return record.machineId();
    }

    public double wall() {
        return nan(outcome().wall());
    }

    public double kernelSeconds() {
        return nan(outcome().kernelSeconds());
    }

    public double rssSampled() {
        return outcome().rssSampled() == null ? Double.NaN : outcome().rssSampled();
    }

    /** The kernel's peak RSS of the finished child and its reaped descendants ({@code wait4}'s rusage), or NaN. */
    public double rssRusage() {
        return outcome().rssRusage() == null ? Double.NaN : outcome().rssRusage();
    }

    /**
     * The memory figure the report shows: the sampled peak (the writeup's figure), else the rusage
     * peak, for a run that ended before the first poll (no sample); NaN where neither exists.
     */
    public double rssPeak() {
        return rssFromRusage() ? rssRusage() : rssSampled();
    }

    /** Whether {@link #rssPeak} is the rusage peak standing in for a missing sample. */
    public boolean rssFromRusage() {
        return outcome().rssSampled() == null && outcome().rssRusage() != null;
    }

    public double rssExact() {
        RunOutcome.Child c = outcome().child();
        return c == null || c.rssExact() == null ? Double.NaN : c.rssExact();
    }

    public double cpu() {
        return outcome().child() == null ? Double.NaN : nan(outcome().child().cpu());
    }

    public double start() {
        return phases().start() == null ? Double.NaN : phases().start();
    }

    public double setup() {
        return nan(phases().setup());
    }

    public double read() {
        return nan(phases().read());
    }

    public double fit() {
        return nan(phases().fit());
    }

    public double write() {
        return nan(phases().write());
    }

    public double ari() {
        return outcome().child() == null ? Double.NaN : nan(outcome().child().ari());
    }

    /** Point-centre distances the run's fits evaluated, seeding included; NaN where the program does not count them. */
    public double distances() {
        Long d = outcome().distances();
        return d == null ? Double.NaN : d;
    }

    /** The sum over the run's fits of k x (iterations + 1), or NaN without a summary. */
    public double kIterations() {
        RunOutcome.Child c = outcome().child();
        return c == null ? Double.NaN
                : c.fits().stream().mapToDouble(f -> (double) f.k() * (f.iterations() + 1)).sum();
    }

    /** The run's fits as the child reported them, in k order (empty when the run failed or is a JMH run). */
    public List<RunOutcome.FitRecord> fitRecords() {
        RunOutcome.Child c = outcome().child();
        return c == null ? List.of() : c.fits();
    }

    /** The inertia of every fit, in k order (empty when the run failed). */
    public List<Double> inertias() {
        RunOutcome.Child c = outcome().child();
        return c == null ? List.of() : c.fits().stream().map(RunOutcome.FitRecord::inertia).toList();
    }

    private RunOutcome.Phases phases() {
        RunOutcome.Child c = outcome().child();
        return c == null ? RunOutcome.Phases.NONE : c.phases();
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    public boolean ok() {
        return outcome().ok();
    }

    public boolean jmh() {
        return benchmark() != null;
    }

    /** The time a ratio compares: wall time around the process (cli) or the kernel's median (jmh). */
    public double time() {
        return jmh() ? kernelSeconds() : wall();
    }

    /** The dataset, setting and repeat: runs of one group are paired with each other. */
    public String group() {
        String key = key();
        return key.substring(0, key.lastIndexOf('/'));
    }

    /** The dataset and setting, without the repeat: the cell whose repeats are pooled. */
    public String cell() {
        String g = group();
        return g.substring(0, g.lastIndexOf('/'));
    }

    /**
     * The setting a crossover is traced across n for: the workload (or JMH benchmark), then the tag
     * of every {@link Axis.Role#CELL} axis that has one ({@code sweep d=8 k_max=32}).
     */
    public String slice() {
        StringBuilder sb = new StringBuilder(benchmark() != null ? benchmark() : mode());
        for (Axis<?> a : Axes.ALL) {
            String tag = a.role() == Axis.Role.CELL ? tag(a) : "";
            if (!tag.isEmpty()) {
                sb.append(' ').append(tag);
            }
        }
        return sb.toString();
    }

    /**
     * What an implementation is apart from its thread count: the tags of its {@link Axis.Role#FAMILY}
     * axes ({@code rows-gemm-float}), or the peer. Implementations of one family differing only in
     * threads are each other's twins.
     */
    public String family() {
        return tags(a -> a.role() == Axis.Role.FAMILY);
    }

    /** The family's layout and kernel, or its peer ({@code rows-gemm}): what a comparison of layouts varies. */
    public String kind() {
        return tags(a -> a == Axes.PEER || a == Axes.LAYOUT || a == Axes.KERNEL);
    }

    /** The non-empty tags of the axes {@code which} takes, in the registry's order, joined by '-'. */
    private String tags(java.util.function.Predicate<Axis<?>> which) {
        return Axes.ALL.stream().filter(which).map(this::tag).filter(t -> !t.isEmpty()).collect(Collectors.joining("-"));
    }

    /**
     * The family's tags beyond the layout and the kernel ({@code hamerly-warm}; "" for kmlab's
     * defaults): what a comparison of layouts holds fixed.
     */
    public String variant() {
        return tags(a -> a.role() == Axis.Role.FAMILY && a != Axes.LAYOUT && a != Axes.KERNEL && a != Axes.PEER);
    }

    private String tag(Axis<?> a) {
        return spec().axes().tag(a);
    }

    /** Fits in the run: k_max of them for a sweep, one otherwise. */
    public int fits() {
        return "sweep".equals(mode()) ? kMax() : 1;
    }
}
