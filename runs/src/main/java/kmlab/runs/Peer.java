package kmlab.runs;

import java.util.Arrays;
import java.util.List;

/**
 * The peers a grid can run beside kmlab's own implementations: programs outside kmlab that take
 * fit's command line and print fit's JSON (see peers/README.md). How each is found, built and
 * started is the runner's {@code kmlab.grid.PeerPrograms}'s job.
 */
public enum Peer {
    /** scikit-learn's KMeans (n_init=1), Debian's python3-sklearn: the writeup's "production answer". */
    SKLEARN("sklearn", Runtime.PYTHON, "lloyd", "elkan"),
    /** The writeup's readable pure-NumPy Lloyd. */
    NUMPY("numpy", Runtime.PYTHON),
    /** The writeup's hand-rolled Rust (boxed rows); threads != 1 turns on its Rayon path. */
    RUST("rust", Runtime.RUST),
    SMILE("smile", Runtime.JAVA),
    COMMONS_MATH("commons-math", Runtime.JAVA),
    ELKI("elki", Runtime.JAVA, "lloyd", "hamerly", "elkan"),
    ELKI_FAST("elki-fast", Runtime.JAVA);

    /** What runs a peer's program. */
    public enum Runtime {
        PYTHON, RUST, JAVA
    }

    private final String label;
    private final Runtime runtime;
    private final List<String> algorithms;

    Peer(String label, Runtime runtime, String... algorithms) {
        this.label = label;
        this.runtime = runtime;
        this.algorithms = List.of(algorithms);
    }

    /**
     * The algorithms its program's {@code --algorithm} takes, by kmlab's labels (the first is its
     * default); empty where it has no such option and runs its one algorithm.
     */
    public List<String> algorithms() {
        return algorithms;
    }

    public String label() {
        return label;
    }

    public Runtime runtime() {
        return runtime;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Peer::label).toList();
    }

    /** The peer named {@code s}; otherwise an error naming the closest peer. */
    public static Peer parse(String s) {
        for (Peer p : values()) {
            if (p.label.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown peer '" + s + "'" + Suggestion.of(s, labels(), "peers"));
    }
}
