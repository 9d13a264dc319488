package kmlab.peers;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import kmlab.cli.Options;
import kmlab.cli.Values;
import kmlab.job.Job;
import kmlab.job.JobChecks;
import kmlab.job.JobOptions;

/**
 * kmlab's end-to-end job ({@link Job}, fit's) with a library doing the fits ({@link PeerFitter}):
 * read INPUT with kmlab's reader (so errors are fit's), fit every k in 1..k_max (or only k_max) with
 * the peer, write INPUT's columns plus one cluster_kK column per fit with kmlab's writer, report as
 * fit does.
 */
final class PeerCommand implements Callable<Integer> {
    /**
     * fit's job options and those a peer adds: --threads, and --algorithm for a peer that can run
     * more than one; the command's name is the peer's.
     */
    static Options options(Library peer) {
        Options o = new Options(peer.name(),
                "The writeup's end-to-end job with this library doing the fits: read INPUT, k-means++ with"
                        + " one start and Lloyd for every k in 1..k_max (or only k_max), write INPUT's columns"
                        + " plus one cluster_kK column per fit. The same options, output and JSON as kmlab fit.")
                .include(JobOptions.TABLE)
                .option("--threads", "threads", "1", "Threads for a library that can use several; 0 = all cores"
                        + " (default: ${DEFAULT-VALUE}).");
        List<String> algorithms = peer.algorithms();
        if (algorithms.size() > 1) {
            o.option("--algorithm", "algorithm", algorithms.getFirst(), "The library's k-means algorithm, one of "
                    + String.join(", ", algorithms) + " (default: ${DEFAULT-VALUE}), each seeded the same way.");
        }
        return o;
    }

    private final Library peer;
    private final PrintWriter out;
    private final JobOptions job;
    private final int threads;
    private final String algorithm;

    PeerCommand(Library peer, Values v, PrintWriter out) {
        this.peer = peer;
        this.out = out;
        this.job = JobOptions.of(v);
        this.threads = v.integer("--threads");
        List<String> algorithms = peer.algorithms();
        this.algorithm = algorithms.size() > 1 ? v.parsed("--algorithm", s -> algorithm(s, algorithms))
                : algorithms.isEmpty() ? null : algorithms.getFirst();
        JobChecks.arguments(job, threads);
    }

    /** {@code s} if it is one of {@code algorithms}; otherwise fit's error for an unknown algorithm. */
    static String algorithm(String s, List<String> algorithms) {
        if (!algorithms.contains(s)) {
            throw new IllegalArgumentException("unknown algorithm '" + s + "' (expected one of: "
                    + String.join(", ", algorithms) + ")");
        }
        return s;
    }

    @Override
    public Integer call() throws Exception {
        return Job.run(job, new PeerFitter(peer, threads, algorithm), out, peer.name());
    }
}
