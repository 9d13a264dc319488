package kmlab.runs;

import java.math.BigDecimal;
import java.util.List;
import kmlab.data.Layout;
import kmlab.fit.AlgorithmChoice;
import kmlab.fit.Seeding;
import kmlab.fit.Workload;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import kmlab.util.Labels;

/**
 * The registry: every axis a grid can vary, declared once. The order of {@link #ALL} is the order of
 * everything derived from it: the plan's nesting (the first axis outermost, the implementations
 * innermost, so that A B C A B C interleaves them), the run's {@code fit} arguments, and the
 * record's fields and columns. A new axis is one entry here, its field read by whatever consumes it
 * (the generator for a data axis, fit for an implementation axis), and nothing else.
 */
public final class Axes {
    private Axes() {
    }

    /** The largest dataset a grid may ask for. */
    public static final int MAX_ROWS = 100_000_000;

    public static final Axis<Integer> N = Axis.of("n", Axis.Section.DATA, Axis.Role.SIZE, whole("n", 1, MAX_ROWS))
            .recorded(v -> v).jmhParam("n").fileTag(v -> "_n" + v).range().build();
    public static final Axis<Integer> D = Axis.of("d", Axis.Section.DATA, Axis.Role.CELL, whole("d", 1, 100_000))
            .recorded(v -> v).jmhParam("d").tag(v -> "d=" + v).fileTag(v -> "_d" + v).range().build();
    public static final Axis<Integer> K_MAX = Axis.of("k_max", Axis.Section.FITS, Axis.Role.CELL,
                    whole("k_max", 1, 10_000))
            .recorded(v -> v).fitFlag("--k-max").jmhParam("k").tag(v -> "k_max=" + v).build();
    /** The true clusters of the blobs; a grid that gives none has k_max of them in each cell. */
    public static final Axis<Integer> CLUSTERS = Axis.of("clusters", Axis.Section.DATA, Axis.Role.CELL,
                    whole("clusters", 1, MAX_ROWS))
            .recorded(v -> v).jmhParam("clusters").fileTag(v -> "_c" + v).range().build();
    /** The standard deviation of each blob around its centre (the centres lie in a box of side 20). */
    public static final Axis<Double> CLUSTER_STD = Axis.of("cluster_std", Axis.Section.DATA, Axis.Role.CELL,
                    Axis.Parser.single("cluster_std", Axes::spread))
            .recorded(v -> v).absent(kmlab.data.Blobs.DEFAULT_STD).jmhParam("clusterStd")
            .tag(v -> v == kmlab.data.Blobs.DEFAULT_STD ? "" : "std=" + plain(v))
            .fileTag(v -> v == kmlab.data.Blobs.DEFAULT_STD ? "" : "_std" + plain(v)).build();
    public static final Axis<Workload> MODE = Axis.of("mode", Axis.Section.FITS, Axis.Role.CELL,
                    named("mode", Workload.class))
            .recorded(Workload::label).fitFlag("--mode").build();
    /** Another program under fit's contract, or null for kmlab's own fit. */
    public static final Axis<Peer> PEER = Axis.of("peer", Axis.Section.IMPLEMENTATION, Axis.Role.FAMILY,
                    Axis.Parser.single("peer", Peer::parse))
            .recorded(Peer::label).tag(Peer::label).build();
    public static final Axis<Layout> LAYOUT = Axis.of("layout", Axis.Section.IMPLEMENTATION, Axis.Role.FAMILY,
                    named("layout", Layout.class))
            .recorded(Layout::label).fitFlag("--layout").jmhParam("layout").tag(Layout::label).build();
    public static final Axis<KernelChoice> KERNEL = Axis.of("kernel", Axis.Section.IMPLEMENTATION, Axis.Role.FAMILY,
                    Axis.Parser.single("kernel", KernelChoice::parse))
            .recorded(KernelChoice::label).fitFlag("--kernel").jmhParam("kernel").tag(KernelChoice::label).build();
    public static final Axis<Precision> PRECISION = Axis.of("precision", Axis.Section.IMPLEMENTATION,
                    Axis.Role.FAMILY, named("precision", Precision.class))
            .recorded(Precision::label).fitFlag("--precision").jmhParam("precision")
            .tag(v -> v == Precision.DOUBLE ? "" : v.label()).build();
    public static final Axis<Seeding> SEEDING = Axis.of("seeding", Axis.Section.IMPLEMENTATION, Axis.Role.FAMILY,
                    named("seeding", Seeding.class))
            .recorded(Seeding::label).fitFlag("--seeding")
            .tag(v -> v == Seeding.FRESH ? v.label() : "").build();
    /**
     * The algorithm over the one driver, or auto (kmlab's; a peer's where its program takes one); null
     * where a peer runs its own, and in folders older than the axis (which ran Lloyd). Fit's default,
     * auto, names nothing in a family.
     */
    public static final Axis<AlgorithmChoice> ALGORITHM = Axis.of("algorithm", Axis.Section.IMPLEMENTATION,
                    Axis.Role.FAMILY, Axis.Parser.single("algorithm", AlgorithmChoice::parse))
            .recorded(AlgorithmChoice::label).fitFlag("--algorithm").jmhParam("algorithm")
            .tag(v -> v.isAuto() ? "" : v.label()).build();
    /** A count (0 = all cores) or auto; the twin a crossover compares a parallel implementation with runs 1. */
    public static final Axis<ThreadsChoice> THREADS = Axis.of("threads", Axis.Section.IMPLEMENTATION, Axis.Role.TWIN,
                    Axis.Parser.single("threads", Axes::threads))
            .recorded(ThreadsChoice::recorded).fitFlag("--threads").jmhParam("threads").build();
    public static final Axis<JvmRegime> JVM = Axis.of("jvm", Axis.Section.IMPLEMENTATION, Axis.Role.FAMILY,
                    named("jvm", JvmRegime.class))
            .recorded(JvmRegime::label).tag(v -> v == JvmRegime.COLD ? "" : v.label()).build();
    /** Arguments of the JVM that runs the job (kmlab's, or a Java peer's); one list per implementation. */
    public static final Axis<List<String>> JVM_OPTIONS = Axis.of("jvm_options", Axis.Section.IMPLEMENTATION,
                    Axis.Role.RECORDED, Axes::jvmOptions)
            .recorded(v -> v).absent(List.of()).list().build();

    /** Every axis, in the order of the plan's nesting, fit's arguments and the record's columns. */
    public static final List<Axis<?>> ALL = List.of(N, D, K_MAX, CLUSTERS, CLUSTER_STD, MODE, PEER, LAYOUT, KERNEL,
            PRECISION, SEEDING, ALGORITHM, THREADS, JVM, JVM_OPTIONS);

    /** The axes of one section, in {@link #ALL}'s order. */
    public static List<Axis<?>> of(Axis.Section section) {
        return ALL.stream().filter(a -> a.section() == section).toList();
    }

    /** The axis with this key, or null. */
    public static Axis<?> byKey(String key) {
        return ALL.stream().filter(a -> a.key().equals(key)).findFirst().orElse(null);
    }

    /** A whole number in min..max, with the grid's own wording for errors. */
    private static Axis.Parser<Integer> whole(String key, long min, long max) {
        return Axis.Parser.single(key, s -> {
            long v;
            try {
                v = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, not '" + s + "'");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", not " + v);
            }
            return (int) v;
        });
    }

    /** auto, or a count in 0..1024 (0 = all cores). */
    private static ThreadsChoice threads(String s) {
        if ("auto".equals(s)) {
            return ThreadsChoice.AUTO;
        }
        return ThreadsChoice.of(WHOLE_THREADS.parse(List.of(s)));
    }

    private static final Axis.Parser<Integer> WHOLE_THREADS = whole("threads", 0, 1024);

    private static <E extends Enum<E>> Axis.Parser<E> named(String key, Class<E> type) {
        return Axis.Parser.single(key, s -> Labels.parse(type, s, key));
    }

    /** A blob's spread: a finite number above 0, at most 1000. */
    private static double spread(String s) {
        double v;
        try {
            v = Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cluster_std must be a number, not '" + s + "'");
        }
        if (!(v > 0 && v <= 1000)) {
            throw new IllegalArgumentException("cluster_std must be a number in (0, 1000], not " + s);
        }
        return v;
    }

    /** A JVM option: one argument starting with '-', never a shell string (it reaches no shell). */
    private static List<String> jvmOptions(List<String> items) {
        for (String v : items) {
            if (!v.startsWith("-") || v.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a JVM option is one argument starting with '-', not '" + v + "'");
            }
            if (v.startsWith("-cp") || v.startsWith("-classpath") || v.startsWith("--class-path")
                    || v.startsWith("-jar") || v.startsWith("-javaagent") || v.startsWith("-agent")) {
                throw new IllegalArgumentException("JVM option '" + v + "' would change what runs; not allowed in a grid");
            }
        }
        return List.copyOf(items);
    }

    /** A number as a name shows it: 0.5, 2, 1e-3 without an exponent. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
