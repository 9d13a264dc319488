package kmlab.peers;

import kmlab.runs.Peer;

import kmlab.data.Matrix;

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

    /** The data in the library's own structure, ready to fit any k with up to {@code threads} threads (0 = all cores). */
    Loaded load(Matrix x, int threads) throws Exception;

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
