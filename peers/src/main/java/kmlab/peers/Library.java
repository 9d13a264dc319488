package kmlab.peers;

import java.util.List;
import kmlab.data.Matrix;
import kmlab.runs.Peer;

/**
 * A K-Means library behind kmlab's fit contract. fit's own job ({@link kmlab.job.Job}, to which
 * {@link PeerFitter} hands this peer) reads, loops over k, writes and reports; a peer only puts the
 * data into its library's structure once and fits one k.
 */
interface Library {
    /** Lloyd iterations at most, as kmlab and scikit-learn. */
    int MAX_ITERATIONS = 300;

    /** The peer this library is: its name on the command line and in grids is the peer's label. */
    Peer peer();

    default String name() {
        return peer().label();
    }

    /** The library this peer runs, as its key in {@link Versions}. */
    String library();

    /**
     * The algorithms this peer can run, by label, its default first. More than one gives the peer an
     * {@code --algorithm} option; any names the one that ran in the JSON ({@code "algorithm"}). Empty:
     * the library's one algorithm, not named.
     */
    default List<String> algorithms() {
        return List.of();
    }

    /**
     * The data in the library's own structure, ready to fit any k with up to {@code threads} threads
     * (0 = all cores) by {@code algorithm}: one of {@link #algorithms()}, null when that is empty.
     */
    Loaded load(Matrix x, int threads, String algorithm) throws Exception;

    /** One dataset in a library's hands. */
    interface Loaded extends AutoCloseable {
        /** One k-means++ seeding from {@code seed}, then Lloyd. */
        PeerFit fit(int k, long seed) throws Exception;

        /** The threads the library computes with (1 for the serial ones, whatever was asked). */
        int threadsUsed();

        @Override
        default void close() {
        }
    }
}
