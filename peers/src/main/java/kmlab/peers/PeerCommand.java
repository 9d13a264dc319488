package kmlab.peers;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kmlab.cli.Options;
import kmlab.cli.Values;
import kmlab.data.CsvReader;
import kmlab.data.CsvWriter;
import kmlab.data.Dataset;
import kmlab.data.LabelColumn;
import kmlab.data.Layout;
import kmlab.job.JobChecks;
import kmlab.job.JobOptions;
import kmlab.job.JobSummary;
import kmlab.metrics.Ari;

/**
 * kmlab's end-to-end job with a library doing the fits: read INPUT with kmlab's reader (so errors
 * are fit's), fit every k in 1..k_max (or only k_max) with the peer, write INPUT's columns plus
 * one cluster_kK column per fit with kmlab's writer, report as fit does.
 */
final class PeerCommand implements Callable<Integer> {
    /** fit's job options and the one a peer adds; the command's name is the peer's. */
    static Options options(Peer peer) {
        return new Options(peer.name(),
                "The writeup's end-to-end job with this library doing the fits: read INPUT, k-means++ with"
                        + " one start and Lloyd for every k in 1..k_max (or only k_max), write INPUT's columns"
                        + " plus one cluster_kK column per fit. The same options, output and JSON as kmlab fit.")
                .include(JobOptions.TABLE)
                .option("--threads", "threads", "1", "Threads for a library that can use several; 0 = all cores"
                        + " (default: ${DEFAULT-VALUE}).");
    }

    private final Peer peer;
    private final PrintWriter out;
    private final JobOptions job;
    private final int threads;

    PeerCommand(Peer peer, Values v, PrintWriter out) {
        this.peer = peer;
        this.out = out;
        this.job = JobOptions.of(v);
        this.threads = v.integer("--threads");
    }

    @Override
    public Integer call() throws Exception {
        long callNanos = System.nanoTime();
        JobChecks.arguments(job.kMax(), job.kTrue(), job.mode(), threads);
        // boxed: each row is its own double[], which every library here takes without a copy
        Dataset ds = CsvReader.read(job.input(), Layout.BOXED);
        JobChecks.distinctPoints(job.input(), ds.x(), job.kMax());
        long readNanos = System.nanoTime();

        JobSummary summary = new JobSummary(job.input().toString(), job.output().toString(), ds.n(), ds.d(), job.kMax(), job.mode())
                .put("implementation", peer.name())
                .put("versions", Map.of(peer.library(), Versions.of(peer.library()), "java", Runtime.version().toString()))
                .put("threads", threads).put("seed", job.seed());
        List<PeerFit> fits = new ArrayList<>();
        int[] ks = job.mode().ks(job.kMax());
        try (Peer.Loaded loaded = peer.load(ds.x(), threads)) {
            // the data into the library's structure, part of phases_s.fit
            summary.put("load_s", seconds(System.nanoTime() - readNanos)).put("threads_used", loaded.threadsUsed());
            for (int k : ks) {
                long t0 = System.nanoTime();
                PeerFit f = loaded.fit(k, job.seed());
                double s = seconds(System.nanoTime() - t0);
                fits.add(f);
                // lloyd_s includes the seeding where the library does not time it apart
                summary.addFit(k, f.iterations(), f.converged(), f.inertia(ds.x()), f.seedSeconds(),
                        f.seedSeconds() == null ? s : s - f.seedSeconds());
            }
        }
        long fitNanos = System.nanoTime();

        List<String> names = new ArrayList<>();
        for (int k : ks) {
            names.add("cluster_k" + k);
        }
        CsvWriter.appendColumns(job.input(), ds.n(), job.output(), names, fits.stream().map(f -> LabelColumn.of(f.labels())).toList());
        long writeNanos = System.nanoTime();

        int k = job.ariK();
        Double ari = ds.hasLabels() ? Ari.of(ds.labels(), fits.get(indexOf(ks, k)).labels()) : null;
        summary.finish(ds.hasLabels() ? k : null, ari, callNanos, readNanos, fitNanos, writeNanos)
                .print(out, job.json(), peer.name());
        return 0;
    }

    private static int indexOf(int[] ks, int k) {
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == k) {
                return i;
            }
        }
        throw new IllegalStateException("k " + k + " was not fitted"); // JobChecks.arguments rules this out
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
