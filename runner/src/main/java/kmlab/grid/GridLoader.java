package kmlab.grid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kmlab.fit.AlgorithmChoice;
import kmlab.fit.Workload;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import kmlab.runner.FitCommand;
import kmlab.runs.Axes;
import kmlab.runs.Axis;
import kmlab.runs.AxisValues;
import kmlab.runs.Engine;
import kmlab.runs.JvmRegime;
import kmlab.runs.Peer;
import kmlab.util.Labels;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a grid file into a {@link Grid}. The keys of {@code data}, {@code fits} and the
 * implementations are the axes of {@link Axes} (each axis's parser and errors are its own); this
 * is the schema as a whole:
 * <pre>
 * name: quick                  # required
 * engine: cli                  # cli | jmh (default cli)
 * jmh:                         # engine jmh only; each repeat is one JMH fork, its own run
 *   benchmarks: [assign]       # KernelBench: assign | seed | fit (default [assign])
 *   warmup_iterations: 5       # default 5
 *   iterations: 5              # default 5
 *   iteration_s: 1             # default 1
 * repeats: 3                   # default 1
 * seed: 1                      # data and k-means++ seed (default 1)
 * timeout_s: 600               # per run (default 600)
 * rss_poll_ms: 10              # default 10
 * jvm_options: [-XX:+UseSerialGC]   # for every implementation that gives none (default: none)
 * data:
 *   n: [1000, 4000]            # a number, a list, or {from: 1000, to: 256000, doubling: true}
 *   d: [2, 8, 32]
 *   clusters: 8                # true clusters of the blobs (default: each k_max)
 *   cluster_std: [1, 3]        # each blob's standard deviation (default 1: well separated)
 *   generator: blobs           # the only generator (default blobs)
 * fits:
 *   mode: [sweep, single]      # default sweep; engine jmh: single only (the default there)
 *   k_max: [8, 32]
 * implementations:
 *   - name: boxed-scalar       # unique; every other key may be left out: fit's default is run
 *     layout: boxed            # boxed | rows | columns (default rows, fit's)
 *     kernel: scalar           # a KernelKind (scalar | simd | gemm) or auto (default auto, fit's: chosen per fit)
 *     precision: double        # double | float (default double)
 *     seeding: shared          # shared | fresh (default shared; the same centres, see fit --help)
 *     algorithm: auto          # lloyd | hamerly | elkan | auto (default auto, fit's; all give Lloyd's fit)
 *     threads: 1               # a count, 0 = all cores, or auto (default auto, fit's; write 1 for
 *                              # the serial twin a crossover compares against)
 *     jvm: cold                # cold (a fresh JVM) | aot (a fresh JVM with the AOT cache) | warm (the
 *                              # job timed single-shot by JMH in a JVM that has run it; default cold)
 *     jvm_options: [-XX:+UseSerialGC]
 *   - name: sklearn            # a peer: another program under fit's contract (engine cli only)
 *     peer: sklearn            # sklearn | numpy | rust | smile | commons-math | elki | elki-fast
 *     threads: 1               # rust: != 1 runs its Rayon path (--parallel --threads T); others: --threads T
 *                              # jvm_options: the Java peers only (smile, commons-math, elki, elki-fast);
 *                              # algorithm: sklearn (lloyd | elkan) and elki (lloyd | hamerly | elkan);
 *                              # layout, kernel, precision, seeding: never (a peer brings its own)
 * </pre>
 * A peer that is not installed is recorded as skipped, with the line that installs it (see
 * {@link PeerPrograms}).
 */
public final class GridLoader {
    private static final List<String> TOP = List.of("name", "engine", "repeats", "seed", "timeout_s", "rss_poll_ms",
            "jvm_options", "data", "fits", "implementations", "jmh");
    private static final List<String> JMH = List.of("benchmarks", "warmup_iterations", "iterations", "iteration_s");
    private static final List<String> RANGE = List.of("from", "to", "doubling");
    /** The one generator there is; the key is accepted so a grid may say so. */
    private static final String GENERATOR = "generator";
    /** What a peer's entry may give: the rest a peer brings itself; jvm_options for the Java peers only. */
    private static final List<Axis<?>> PEER_AXES = List.of(Axes.PEER, Axes.THREADS);
    private static final List<Axis<?>> JAVA_PEER_AXES = List.of(Axes.PEER, Axes.THREADS, Axes.JVM_OPTIONS);

    private GridLoader() {
    }

    public static Grid load(Path file) throws GridException {
        YamlTree y = new YamlTree(file);
        Node root = y.read();
        Map<String, Node> top = y.mapping(root, "the grid", TOP);
        String name = y.scalar(y.required(top, "name", root, "the grid"), "name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw y.error(top.get("name"), "name must be 1-64 letters, digits, '.', '_' or '-' (it names folders)");
        }
        Engine engine = top.containsKey("engine") ? named(y, top.get("engine"), Engine.class, "engine") : Engine.CLI;
        int repeats = top.containsKey("repeats") ? (int) y.integer(top.get("repeats"), "repeats", 1, 1000) : 1;
        long seed = top.containsKey("seed") ? y.integer(top.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 1;
        double timeout = top.containsKey("timeout_s") ? y.number(top.get("timeout_s"), "timeout_s", 1) : 600;
        int poll = top.containsKey("rss_poll_ms") ? (int) y.integer(top.get("rss_poll_ms"), "rss_poll_ms", 1, 10_000) : 10;
        Map<Axis<?>, List<?>> alternatives = new LinkedHashMap<>();
        data(y, y.required(top, "data", root, "the grid"), alternatives);
        fits(y, y.required(top, "fits", root, "the grid"), engine, alternatives);
        Grid.Jmh jmh = Grid.Jmh.DEFAULT;
        if (top.containsKey("jmh")) {
            if (engine != Engine.JMH) {
                throw y.error(top.get("jmh"), "the jmh section needs 'engine: jmh'");
            }
            jmh = jmh(y, top.get("jmh"));
        }
        List<String> jvmDefault = top.containsKey("jvm_options") ? value(y, top.get("jvm_options"), Axes.JVM_OPTIONS)
                : List.of();
        List<Grid.Implementation> impls = implementations(y, y.required(top, "implementations", root, "the grid"),
                jvmDefault, engine);
        return new Grid(file, name, engine, repeats, seed, timeout, poll, Map.copyOf(alternatives), impls, jmh);
    }

    private static void data(YamlTree y, Node node, Map<Axis<?>, List<?>> into) throws GridException {
        List<Axis<?>> axes = Axes.of(Axis.Section.DATA);
        List<String> keys = new ArrayList<>(List.of(GENERATOR));
        axes.forEach(a -> keys.add(a.key()));
        Map<String, Node> m = y.mapping(node, "data", keys);
        if (m.containsKey(GENERATOR) && !"blobs".equals(y.scalar(m.get(GENERATOR), GENERATOR))) {
            throw y.error(m.get(GENERATOR), "the only generator is 'blobs'");
        }
        y.required(m, Axes.N.key(), node, "data");
        y.required(m, Axes.D.key(), node, "data");
        alternatives(y, m, axes, into);
    }

    private static void fits(YamlTree y, Node node, Engine engine, Map<Axis<?>, List<?>> into) throws GridException {
        List<Axis<?>> axes = Axes.of(Axis.Section.FITS);
        Map<String, Node> m = y.mapping(node, "fits", axes.stream().map(Axis::key).toList());
        y.required(m, Axes.K_MAX.key(), node, "fits");
        alternatives(y, m, axes, into);
        boolean jmh = engine == Engine.JMH;
        if (!into.containsKey(Axes.MODE)) {
            into.put(Axes.MODE, List.of(jmh ? Workload.SINGLE : Workload.SWEEP));
        } else if (jmh && into.get(Axes.MODE).contains(Workload.SWEEP)) {
            throw y.error(m.get(Axes.MODE.key()), "engine jmh times one kernel at k = k_max: fits.mode must be single");
        }
    }

    /** The alternatives of each axis the section gives: a value, a list, or (where the axis allows) a doubling range. */
    private static void alternatives(YamlTree y, Map<String, Node> m, List<Axis<?>> axes, Map<Axis<?>, List<?>> into)
            throws GridException {
        for (Axis<?> a : axes) {
            Node n = m.get(a.key());
            if (n != null) {
                into.put(a, a.range() && n instanceof MappingNode ? range(y, n, a) : y.oneOrMany(n, v -> value(y, v, a)));
            }
        }
    }

    /** A doubling range {from, to, doubling: true} of a whole-number axis. */
    private static List<Object> range(YamlTree y, Node node, Axis<?> axis) throws GridException {
        String what = axis.key();
        Map<String, Node> r = y.mapping(node, what + " range", RANGE);
        Node fromNode = y.required(r, "from", node, what + " range");
        Node toNode = y.required(r, "to", node, what + " range");
        int from = (Integer) value(y, fromNode, axis);
        int to = (Integer) value(y, toNode, axis);
        if (to < from) {
            throw y.error(toNode, what + ".to must be in " + from + ".." + Axes.MAX_ROWS + ", not " + to);
        }
        Node doubling = y.required(r, "doubling", node, what + " range");
        if (!"true".equals(y.scalar(doubling, "doubling"))) {
            throw y.error(doubling, "a range must say 'doubling: true' (the only step there is)");
        }
        List<Object> out = new ArrayList<>();
        for (long v = from; v <= to; v *= 2) {
            out.add((int) v);
        }
        return out;
    }

    /** One value of the axis from its node (a list value's items each checked where they stand). */
    private static <T> T value(YamlTree y, Node node, Axis<T> axis) throws GridException {
        List<String> items = new ArrayList<>();
        if (axis.list()) {
            for (String item : y.oneOrMany(node, n -> {
                String v = text(y, n, itemName(axis));
                parse(y, n, axis, List.of(v));
                return v;
            })) {
                items.add(item);
            }
        } else {
            items.add(text(y, node, axis.key()));
        }
        return parse(y, node, axis, items);
    }

    private static String itemName(Axis<?> axis) {
        return axis == Axes.JVM_OPTIONS ? "a JVM option" : "an item of " + axis.key();
    }

    private static <T> T parse(YamlTree y, Node node, Axis<T> axis, List<String> items) throws GridException {
        try {
            return axis.parse(items);
        } catch (IllegalArgumentException e) {
            throw y.error(node, e.getMessage());
        }
    }

    /** A scalar's text; YAML's digit separators dropped from numbers ({@code 256_000}). */
    private static String text(YamlTree y, Node node, String what) throws GridException {
        String v = y.scalar(node, what);
        return node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT) ? v.replace("_", "") : v;
    }

    private static Grid.Jmh jmh(YamlTree y, Node node) throws GridException {
        Map<String, Node> m = y.mapping(node, "jmh", JMH);
        Grid.Jmh d = Grid.Jmh.DEFAULT;
        List<String> benchmarks = m.containsKey("benchmarks") ? y.oneOrMany(m.get("benchmarks"), n -> {
            String b = y.scalar(n, "a benchmark");
            if (!Grid.Jmh.BENCHMARKS.contains(b)) {
                throw y.error(n, "unknown benchmark '" + b + "'; one of " + String.join(", ", Grid.Jmh.BENCHMARKS));
            }
            return b;
        }) : d.benchmarks();
        int warmup = m.containsKey("warmup_iterations")
                ? (int) y.integer(m.get("warmup_iterations"), "warmup_iterations", 0, 1000) : d.warmupIterations();
        int iterations = m.containsKey("iterations")
                ? (int) y.integer(m.get("iterations"), "iterations", 1, 1000) : d.iterations();
        double seconds = m.containsKey("iteration_s") ? y.number(m.get("iteration_s"), "iteration_s", 0.01)
                : d.iterationSeconds();
        return new Grid.Jmh(List.copyOf(benchmarks), warmup, iterations, seconds);
    }

    private static List<Grid.Implementation> implementations(YamlTree y, Node node, List<String> jvmDefault,
                                                             Engine engine) throws GridException {
        if (!(node instanceof SequenceNode s) || s.getValue().isEmpty()) {
            throw y.error(node, "implementations must be a non-empty list");
        }
        List<Axis<?>> axes = Axes.of(Axis.Section.IMPLEMENTATION);
        List<String> keys = new ArrayList<>(List.of("name"));
        axes.forEach(a -> keys.add(a.key()));
        List<Grid.Implementation> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : s.getValue()) {
            Map<String, Node> m = y.mapping(item, "an implementation", keys);
            Node nameNode = y.required(m, "name", item, "an implementation");
            String name = y.scalar(nameNode, "name");
            if (!name.matches("[A-Za-z0-9._-]{1,64}") || !names.add(name)) {
                throw y.error(nameNode, "implementation names must be unique, 1-64 letters, digits, '.', '_' or '-'");
            }
            out.add(new Grid.Implementation(name, m.containsKey(Axes.PEER.key())
                    ? peerValues(y, item, m, jvmDefault, engine) : kmlabValues(y, m, axes, jvmDefault, engine)));
        }
        return out;
    }

    /** kmlab's own implementation: each axis it gives, fit's default for each it leaves out. */
    private static AxisValues kmlabValues(YamlTree y, Map<String, Node> m, List<Axis<?>> axes, List<String> jvmDefault,
                                          Engine engine) throws GridException {
        AxisValues v = AxisValues.NONE.with(Axes.PEER, null).with(Axes.JVM, JvmRegime.COLD)
                .with(Axes.JVM_OPTIONS, jvmDefault);
        for (Axis<?> a : axes) {
            if (a.fitFlag() != null) {
                v = withDefault(v, a);
            }
        }
        for (Axis<?> a : axes) {
            Node n = m.get(a.key());
            if (n != null) {
                v = v.withParsed(a, value(y, n, a));
            }
        }
        Precision precision = v.get(Axes.PRECISION);
        KernelChoice kernel = v.get(Axes.KERNEL);
        if (!kernel.isAuto() && !kernel.fixed().supports(precision)) {
            throw y.error(m.get(Axes.PRECISION.key()), kernel.fixed().lacks(precision));
        }
        JvmRegime jvm = v.get(Axes.JVM);
        if (jvm != JvmRegime.COLD && engine != Engine.CLI) {
            throw y.error(m.get(Axes.JVM.key()), "'jvm: " + jvm.label() + "' is a regime of end-to-end jobs: it needs 'engine: cli'");
        }
        return v;
    }

    /** fit's own default for the axis's flag (what a run that leaves it out gets). */
    private static <T> AxisValues withDefault(AxisValues v, Axis<T> a) {
        return v.with(a, a.parse(FitCommand.defaultValue(a.fitFlag())));
    }

    /**
     * A peer's entry, whose keys must suit a peer: it brings its own layout, kernel, precision and
     * seeding, takes a thread count (default 1), and only the Java peers take JVM options.
     */
    private static AxisValues peerValues(YamlTree y, Node item, Map<String, Node> m, List<String> jvmDefault,
                                         Engine engine) throws GridException {
        Node peerNode = m.get(Axes.PEER.key());
        Peer peer = value(y, peerNode, Axes.PEER);
        if (engine != Engine.CLI) {
            throw y.error(peerNode, "a peer is a program, timed end to end: peers need 'engine: cli'");
        }
        boolean java = peer.runtime() == Peer.Runtime.JAVA;
        List<String> valid = new ArrayList<>(List.of("name"));
        (java ? JAVA_PEER_AXES : PEER_AXES).forEach(a -> valid.add(a.key()));
        if (!peer.algorithms().isEmpty()) {
            valid.add(Axes.ALGORITHM.key());
        }
        for (NodeTuple t : ((MappingNode) item).getValue()) {
            String key = y.scalar(t.getKeyNode(), "a key");
            if (!valid.contains(key)) {
                String why = key.equals(Axes.JVM_OPTIONS.key())
                        ? ", which is not a JVM (jvm_options are for the Java peers)"
                        : key.equals(Axes.ALGORITHM.key()) ? ", which runs its one algorithm"
                        : ", which brings its own layout, kernel, precision and seeding";
                throw y.error(t.getKeyNode(), "'" + key + "' does not apply to peer '" + peer.label() + "'" + why
                        + YamlTree.suggestion(key, valid, "keys"));
            }
        }
        Node threadsNode = m.get(Axes.THREADS.key());
        ThreadsChoice threads = threadsNode == null ? ThreadsChoice.of(1) : value(y, threadsNode, Axes.THREADS);
        if (threads.isAuto()) {
            throw y.error(threadsNode, "peer '" + peer.label() + "' takes a thread count (0 = all cores), not auto");
        }
        List<String> jvm = !java ? List.of()
                : m.containsKey(Axes.JVM_OPTIONS.key()) ? value(y, m.get(Axes.JVM_OPTIONS.key()), Axes.JVM_OPTIONS)
                : jvmDefault;
        AxisValues v = AxisValues.NONE;
        for (Axis<?> a : Axes.of(Axis.Section.IMPLEMENTATION)) {
            v = v.withParsed(a, null);
        }
        Node algorithmNode = m.get(Axes.ALGORITHM.key());
        if (algorithmNode != null) { // left out: the peer's own default, recorded as not given
            AlgorithmChoice algorithm = value(y, algorithmNode, Axes.ALGORITHM);
            if (!peer.algorithms().contains(algorithm.label())) {
                throw y.error(algorithmNode, "peer '" + peer.label() + "' runs " + String.join(" or ", peer.algorithms())
                        + ", not " + algorithm.label());
            }
            v = v.with(Axes.ALGORITHM, algorithm);
        }
        return v.with(Axes.PEER, peer).with(Axes.THREADS, threads).with(Axes.JVM_OPTIONS, jvm);
    }

    private static <E extends Enum<E>> E named(YamlTree y, Node n, Class<E> type, String what) throws GridException {
        String v = y.scalar(n, what);
        try {
            return Labels.parse(type, v, what);
        } catch (IllegalArgumentException e) {
            throw y.error(n, e.getMessage());
        }
    }
}
