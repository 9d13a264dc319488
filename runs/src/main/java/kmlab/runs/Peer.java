package kmlab.runs;

import java.util.Arrays;
import java.util.List;

/**
 * The peers a grid can run beside kmlab's own implementations: programs outside kmlab that take
 * fit's command line and print fit's JSON (see peers/README.md). How each is found, built and
 * started is {@link PeerPrograms}'s job.
 */
public enum Peer {
    /** scikit-learn's KMeans (n_init=1), Debian's python3-sklearn: the writeup's "production answer". */
    SKLEARN("sklearn", Runtime.PYTHON),
    /** The writeup's readable pure-NumPy Lloyd. */
    NUMPY("numpy", Runtime.PYTHON),
    /** The writeup's hand-rolled Rust (boxed rows); threads != 1 turns on its Rayon path. */
    RUST("rust", Runtime.RUST),
    SMILE("smile", Runtime.JAVA),
    COMMONS_MATH("commons-math", Runtime.JAVA),
    ELKI("elki", Runtime.JAVA),
    ELKI_FAST("elki-fast", Runtime.JAVA);

    /** What runs a peer's program. */
    public enum Runtime {
        PYTHON, RUST, JAVA
    }

    private final String label;
    private final Runtime runtime;

    Peer(String label, Runtime runtime) {
        this.label = label;
        this.runtime = runtime;
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
