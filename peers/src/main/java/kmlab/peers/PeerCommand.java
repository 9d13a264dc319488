package kmlab.peers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kmlab.data.CsvReader;
import kmlab.data.CsvWriter;
import kmlab.data.Dataset;
import kmlab.data.LabelColumn;
import kmlab.data.Layout;
import kmlab.fit.JobChecks;
import kmlab.fit.JobSummary;
import kmlab.fit.Workload;
import kmlab.metrics.Ari;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * kmlab's end-to-end job with a library doing the fits: read INPUT with kmlab's reader (so errors
 * are fit's), fit every k in 1..k_max (or only k_max) with the peer, write INPUT's columns plus
 * one cluster_kK column per fit with kmlab's writer, report as fit does.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The writeup's end-to-end job with this library doing the fits: read INPUT,",
            "k-means++ with one start and Lloyd for every k in 1..k_max (or only k_max), write",
            "INPUT's columns plus one cluster_kK column per fit. The same options, output and",
            "JSON as kmlab fit."})
final class PeerCommand implements Callable<Integer> {
    private final Peer peer;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "CSV file to cluster.")
    Path input;

    @Option(names = "--k-max", required = true, description = "Largest number of clusters (>= 1).")
    int kMax;

    @Option(names = "--output", required = true, description = "CSV file to write (replaced atomically).")
    Path output;

    @Option(names = "--mode", defaultValue = "sweep",
            description = "sweep: fit every k in 1..k_max; single: one fit at k_max (default: ${DEFAULT-VALUE}).")
    Workload mode;

    @Option(names = "--k-true", description = "k at which to report ARI against the label column (default: k_max).")
    Integer kTrue;

    @Option(names = "--threads", defaultValue = "1",
            description = "Threads for a library that can use several; 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "0", description = "k-means++ seed, the same for every k (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON summary on stdout instead of text.")
    boolean json;

    PeerCommand(Peer peer) {
        this.peer = peer;
    }

    @Override
    public Integer call() throws Exception {
        long callNanos = System.nanoTime();
        JobChecks.arguments(kMax, kTrue, mode, threads);
        // boxed: each row is its own double[], which every library here takes without a copy
        Dataset ds = CsvReader.read(input, Layout.BOXED);
        JobChecks.distinctPoints(input, ds.x(), kMax);
        long readNanos = System.nanoTime();

        JobSummary summary = new JobSummary(input.toString(), output.toString(), ds.n(), ds.d(), kMax, mode)
                .put("implementation", peer.name())
                .put("versions", Map.of(peer.library(), Versions.of(peer.library()), "java", Runtime.version().toString()))
                .put("threads", threads).put("seed", seed);
        List<PeerFit> fits = new ArrayList<>();
        int[] ks = mode.ks(kMax);
        try (Peer.Loaded loaded = peer.load(ds.x(), threads)) {
            // the data into the library's structure, part of phases_s.fit
            summary.put("load_s", seconds(System.nanoTime() - readNanos)).put("threads_used", loaded.threadsUsed());
            for (int k : ks) {
                long t0 = System.nanoTime();
                PeerFit f = loaded.fit(k, seed);
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
        CsvWriter.appendColumns(input, ds.n(), output, names, fits.stream().map(f -> LabelColumn.of(f.labels())).toList());
        long writeNanos = System.nanoTime();

        int k = kTrue == null ? kMax : kTrue;
        Double ari = ds.hasLabels() ? Ari.of(ds.labels(), fits.get(indexOf(ks, k)).labels()) : null;
        summary.finish(ds.hasLabels() ? k : null, ari, callNanos, readNanos, fitNanos, writeNanos)
                .print(spec.commandLine().getOut(), json, peer.name());
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
