package kmlab.grid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kmlab.data.Layout;
import kmlab.fit.Seeding;
import kmlab.fit.Workload;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import kmlab.util.Labels;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a grid file into a {@link Grid}. The schema lives here, in one place:
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
 * fits:
 *   mode: [sweep, single]      # default sweep; engine jmh: single only (the default there)
 *   k_max: [8, 32]
 * implementations:
 *   - name: boxed-scalar       # unique; every other key may be left out: fit's default is run
 *     layout: boxed            # boxed | rows | columns (default rows, fit's)
 *     kernel: scalar           # scalar | simd | gemm | auto (default auto, fit's: chosen per fit)
 *     precision: double        # double | float (default double)
 *     seeding: shared          # shared | fresh (default shared; the same centres, see fit --help)
 *     threads: 1               # a count, 0 = all cores, or auto (default auto, fit's; write 1 for
 *                              # the serial twin a crossover compares against)
 *     jvm: cold                # cold (a fresh JVM) | aot (a fresh JVM with the AOT cache) | warm (the
 *                              # job timed single-shot by JMH in a JVM that has run it; default cold)
 *     jvm_options: [-XX:+UseSerialGC]
 *   - name: sklearn            # a peer: another program under fit's contract (engine cli only)
 *     peer: sklearn            # sklearn | numpy | rust | smile | commons-math | elki | elki-fast
 *     threads: 1               # rust: != 1 runs its Rayon path (--parallel --threads T); others: --threads T
 *                              # jvm_options: the Java peers only (smile, commons-math, elki, elki-fast);
 *                              # layout, kernel, precision, seeding: never (a peer brings its own)
 * </pre>
 * A peer that is not installed is recorded as skipped, with the line that installs it (see
 * {@link PeerPrograms}).
 */
public final class GridLoader {
    private static final List<String> TOP = List.of("name", "engine", "repeats", "seed", "timeout_s", "rss_poll_ms",
            "jvm_options", "data", "fits", "implementations", "jmh");
    private static final List<String> JMH = List.of("benchmarks", "warmup_iterations", "iterations", "iteration_s");
    private static final List<String> DATA = List.of("generator", "n", "d", "clusters");
    private static final List<String> RANGE = List.of("from", "to", "doubling");
    private static final List<String> FITS = List.of("mode", "k_max");
    private static final List<String> IMPL = List.of("name", "peer", "layout", "kernel", "precision", "seeding",
            "threads", "jvm", "jvm_options");
    private static final List<String> PEER_IMPL = List.of("name", "peer", "threads");
    private static final List<String> JAVA_PEER_IMPL = List.of("name", "peer", "threads", "jvm_options");
    private static final int MAX_ROWS = 100_000_000;

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
        Grid.Engine engine = top.containsKey("engine")
                ? named(y, top.get("engine"), Grid.Engine.class, "engine") : Grid.Engine.CLI;
        int repeats = top.containsKey("repeats") ? (int) y.integer(top.get("repeats"), "repeats", 1, 1000) : 1;
        long seed = top.containsKey("seed") ? y.integer(top.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 1;
        double timeout = top.containsKey("timeout_s") ? y.number(top.get("timeout_s"), "timeout_s", 1) : 600;
        int poll = top.containsKey("rss_poll_ms") ? (int) y.integer(top.get("rss_poll_ms"), "rss_poll_ms", 1, 10_000) : 10;
        Grid.Data data = data(y, y.required(top, "data", root, "the grid"));
        Grid.Fits fits = fits(y, y.required(top, "fits", root, "the grid"), engine);
        Grid.Jmh jmh = Grid.Jmh.DEFAULT;
        if (top.containsKey("jmh")) {
            if (engine != Grid.Engine.JMH) {
                throw y.error(top.get("jmh"), "the jmh section needs 'engine: jmh'");
            }
            jmh = jmh(y, top.get("jmh"));
        }
        List<String> jvmDefault = top.containsKey("jvm_options")
                ? List.copyOf(y.oneOrMany(top.get("jvm_options"), n -> jvmOption(y, n))) : List.of();
        List<Grid.Implementation> impls = implementations(y, y.required(top, "implementations", root, "the grid"),
                jvmDefault, engine);
        return new Grid(file, name, engine, repeats, seed, timeout, poll, data, fits, impls, jmh);
    }

    private static Grid.Data data(YamlTree y, Node node) throws GridException {
        Map<String, Node> m = y.mapping(node, "data", DATA);
        if (m.containsKey("generator") && !"blobs".equals(y.scalar(m.get("generator"), "generator"))) {
            throw y.error(m.get("generator"), "the only generator is 'blobs'");
        }
        List<Integer> rows = sizes(y, y.required(m, "n", node, "data"), "n", 1, MAX_ROWS);
        List<Integer> features = sizes(y, y.required(m, "d", node, "data"), "d", 1, 100_000);
        List<Integer> clusters = m.containsKey("clusters") ? sizes(y, m.get("clusters"), "clusters", 1, MAX_ROWS) : List.of();
        return new Grid.Data(rows, features, clusters);
    }

    /** A number, a list of numbers, or a doubling range {from, to, doubling: true}. */
    private static List<Integer> sizes(YamlTree y, Node node, String what, int min, int max) throws GridException {
        if (node instanceof MappingNode) {
            Map<String, Node> r = y.mapping(node, what + " range", RANGE);
            int from = (int) y.integer(y.required(r, "from", node, what + " range"), what + ".from", min, max);
            int to = (int) y.integer(y.required(r, "to", node, what + " range"), what + ".to", from, max);
            Node doubling = y.required(r, "doubling", node, what + " range");
            if (!"true".equals(y.scalar(doubling, "doubling"))) {
                throw y.error(doubling, "a range must say 'doubling: true' (the only step there is)");
            }
            List<Integer> out = new ArrayList<>();
            for (long v = from; v <= to; v *= 2) {
                out.add((int) v);
            }
            return out;
        }
        return y.oneOrMany(node, n -> (int) y.integer(n, what, min, max));
    }

    private static Grid.Fits fits(YamlTree y, Node node, Grid.Engine engine) throws GridException {
        Map<String, Node> m = y.mapping(node, "fits", FITS);
        boolean jmh = engine == Grid.Engine.JMH;
        List<Workload> modes = m.containsKey("mode")
                ? y.oneOrMany(m.get("mode"), n -> named(y, n, Workload.class, "mode"))
                : List.of(jmh ? Workload.SINGLE : Workload.SWEEP);
        if (jmh && modes.contains(Workload.SWEEP)) {
            throw y.error(m.get("mode"), "engine jmh times one kernel at k = k_max: fits.mode must be single");
        }
        List<Integer> kMax = y.oneOrMany(y.required(m, "k_max", node, "fits"), n -> (int) y.integer(n, "k_max", 1, 10_000));
        return new Grid.Fits(modes, kMax);
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
                                                             Grid.Engine engine) throws GridException {
        if (!(node instanceof SequenceNode s) || s.getValue().isEmpty()) {
            throw y.error(node, "implementations must be a non-empty list");
        }
        List<Grid.Implementation> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : s.getValue()) {
            Map<String, Node> m = y.mapping(item, "an implementation", IMPL);
            Node nameNode = y.required(m, "name", item, "an implementation");
            String name = y.scalar(nameNode, "name");
            if (!name.matches("[A-Za-z0-9._-]{1,64}") || !names.add(name)) {
                throw y.error(nameNode, "implementation names must be unique, 1-64 letters, digits, '.', '_' or '-'");
            }
            out.add(m.containsKey("peer") ? peerImplementation(y, item, m, name, jvmDefault, engine)
                    : kmlabImplementation(y, item, m, name, jvmDefault, engine));
        }
        return out;
    }

    private static Grid.Implementation kmlabImplementation(YamlTree y, Node item, Map<String, Node> m, String name,
                                                           List<String> jvmDefault, Grid.Engine engine)
            throws GridException {
        // what is left out is fit's default (FitCommand.OPTIONS)
        Layout layout = m.containsKey("layout") ? named(y, m.get("layout"), Layout.class, "layout") : Layout.ROWS;
        KernelChoice kernel = KernelChoice.AUTO;
        if (m.containsKey("kernel")) {
            try {
                kernel = KernelChoice.parse(y.scalar(m.get("kernel"), "kernel"));
            } catch (IllegalArgumentException e) {
                throw y.error(m.get("kernel"), e.getMessage());
            }
        }
        Precision precision = m.containsKey("precision")
                ? named(y, m.get("precision"), Precision.class, "precision") : Precision.DOUBLE;
        if (!kernel.isAuto() && !Kernels.supports(kernel.fixed(), precision)) {
            throw y.error(m.get("precision"), "float precision exists for the simd and gemm kernels, not scalar");
        }
        Seeding seeding = m.containsKey("seeding") ? named(y, m.get("seeding"), Seeding.class, "seeding") : Seeding.SHARED;
        ThreadsChoice threads = ThreadsChoice.AUTO;
        if (m.containsKey("threads")) {
            String t = y.scalar(m.get("threads"), "threads");
            threads = "auto".equals(t) ? ThreadsChoice.AUTO : ThreadsChoice.of(threads(y, m));
        }
        Grid.Jvm jvm = m.containsKey("jvm") ? named(y, m.get("jvm"), Grid.Jvm.class, "jvm") : Grid.Jvm.COLD;
        if (jvm != Grid.Jvm.COLD && engine != Grid.Engine.CLI) {
            throw y.error(m.get("jvm"), "'jvm: " + jvm.label() + "' is a regime of end-to-end jobs: it needs 'engine: cli'");
        }
        return Grid.Implementation.kmlab(name, layout, kernel, precision, seeding, threads,
                jvmOptions(y, m, jvmDefault), jvm);
    }

    private static Grid.Implementation peerImplementation(YamlTree y, Node item, Map<String, Node> m, String name,
                                                          List<String> jvmDefault, Grid.Engine engine)
            throws GridException {
        Peer peer = peer(y, item, m.get("peer"), engine);
        List<String> jvm = peer.runtime() == Peer.Runtime.JAVA ? jvmOptions(y, m, jvmDefault) : List.of();
        return Grid.Implementation.peer(name, peer, threads(y, m), jvm);
    }

    private static int threads(YamlTree y, Map<String, Node> m) throws GridException {
        return m.containsKey("threads") ? (int) y.integer(m.get("threads"), "threads", 0, 1024) : 1;
    }

    private static List<String> jvmOptions(YamlTree y, Map<String, Node> m, List<String> jvmDefault)
            throws GridException {
        return m.containsKey("jvm_options")
                ? List.copyOf(y.oneOrMany(m.get("jvm_options"), n -> jvmOption(y, n))) : jvmDefault;
    }

    /**
     * The peer of an implementation entry, whose other keys must suit a peer: it brings its own
     * layout, kernel and precision, and only the Java peers take JVM options.
     */
    private static Peer peer(YamlTree y, Node item, Node peerNode, Grid.Engine engine) throws GridException {
        Peer peer;
        try {
            peer = Peer.parse(y.scalar(peerNode, "peer"));
        } catch (IllegalArgumentException e) {
            throw y.error(peerNode, e.getMessage());
        }
        if (engine != Grid.Engine.CLI) {
            throw y.error(peerNode, "a peer is a program, timed end to end: peers need 'engine: cli'");
        }
        List<String> valid = peer.runtime() == Peer.Runtime.JAVA ? JAVA_PEER_IMPL : PEER_IMPL;
        for (NodeTuple t : ((MappingNode) item).getValue()) {
            String key = y.scalar(t.getKeyNode(), "a key");
            if (!valid.contains(key)) {
                String why = key.equals("jvm_options") ? ", which is not a JVM (jvm_options are for the Java peers)"
                        : ", which brings its own layout, kernel, precision and seeding";
                throw y.error(t.getKeyNode(), "'" + key + "' does not apply to peer '" + peer.label() + "'" + why
                        + YamlTree.suggestion(key, valid, "keys"));
            }
        }
        return peer;
    }

    /** A JVM option: one argument starting with '-', never a shell string (it reaches no shell). */
    private static String jvmOption(YamlTree y, Node n) throws GridException {
        String v = y.scalar(n, "a JVM option");
        if (!v.startsWith("-") || v.chars().anyMatch(Character::isWhitespace)) {
            throw y.error(n, "a JVM option is one argument starting with '-', not '" + v + "'");
        }
        if (v.startsWith("-cp") || v.startsWith("-classpath") || v.startsWith("--class-path") || v.startsWith("-jar")
                || v.startsWith("-javaagent") || v.startsWith("-agent")) {
            throw y.error(n, "JVM option '" + v + "' would change what runs; not allowed in a grid");
        }
        return v;
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
