package kmlab.peers;

import java.io.PrintWriter;
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
    /** fit's job options and the one a peer adds; the command's name is the peer's. */
    static Options options(Library peer) {
        return new Options(peer.name(),
                "The writeup's end-to-end job with this library doing the fits: read INPUT, k-means++ with"
                        + " one start and Lloyd for every k in 1..k_max (or only k_max), write INPUT's columns"
                        + " plus one cluster_kK column per fit. The same options, output and JSON as kmlab fit.")
                .include(JobOptions.TABLE)
                .option("--threads", "threads", "1", "Threads for a library that can use several; 0 = all cores"
                        + " (default: ${DEFAULT-VALUE}).");
    }

    private final Library peer;
    private final PrintWriter out;
    private final JobOptions job;
    private final int threads;

    PeerCommand(Library peer, Values v, PrintWriter out) {
        this.peer = peer;
        this.out = out;
        this.job = JobOptions.of(v);
        this.threads = v.integer("--threads");
        JobChecks.arguments(job, threads);
    }

    @Override
    public Integer call() throws Exception {
        return Job.run(job, new PeerFitter(peer, threads), out, peer.name());
    }
}
