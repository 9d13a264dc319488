package kmlab.peers;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kmlab.data.CsvReader;
import kmlab.data.CsvWriter;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.fit.JobChecks;
import kmlab.fit.Workload;
import kmlab.metrics.Ari;
import kmlab.util.ProcessStats;
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
        long mainNanos = ProcessStats.entryNanos();
        Double startToMain = ProcessStats.startToMainSeconds().orElse(null);
        JobChecks.arguments(kMax, kTrue, mode, threads);
        // boxed: each row is its own double[], which every library here takes without a copy
        Dataset ds = CsvReader.read(input, Layout.BOXED);
        JobChecks.distinctPoints(input, ds.x(), kMax);
        long readNanos = System.nanoTime();

        List<PeerFit> fits = new ArrayList<>();
        List<Map<String, Object>> perK = new ArrayList<>();
        int[] ks = mode.ks(kMax);
        double loadSeconds;
        int threadsUsed;
        try (Peer.Loaded loaded = peer.load(ds.x(), threads)) {
            loadSeconds = seconds(System.nanoTime() - readNanos);
            threadsUsed = loaded.threadsUsed();
            for (int k : ks) {
                long t0 = System.nanoTime();
                PeerFit f = loaded.fit(k, seed);
                double s = seconds(System.nanoTime() - t0);
                fits.add(f);
                perK.add(perK(k, f, ds, s));
            }
        }
        long fitNanos = System.nanoTime();

        List<String> names = new ArrayList<>();
        for (int k : ks) {
            names.add("cluster_k" + k);
        }
        CsvWriter.appendColumns(input, ds.n(), output, names, fits.stream().map(PeerFit::labels).toList());
        long writeNanos = System.nanoTime();

        int k = kTrue == null ? kMax : kTrue;
        Double ari = ds.hasLabels() ? Ari.of(ds.labels(), fits.get(indexOf(ks, k)).labels()) : null;
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("jvm_start_to_main", startToMain);
        phases.put("setup", seconds(callNanos - mainNanos));
        phases.put("read", seconds(readNanos - callNanos));
        phases.put("fit", seconds(fitNanos - readNanos));
        phases.put("write", seconds(writeNanos - fitNanos));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("implementation", peer.name());
        summary.put("versions", Map.of(peer.library(), Versions.of(peer.library()), "java", Runtime.version().toString()));
        summary.put("input", input.toString());
        summary.put("output", output.toString());
        summary.put("n", ds.n());
        summary.put("d", ds.d());
        summary.put("k_max", kMax);
        summary.put("mode", mode.label());
        summary.put("threads", threads);
        summary.put("threads_used", threadsUsed);
        summary.put("seed", seed);
        summary.put("k_true", ds.hasLabels() ? k : null);
        summary.put("ari", ari);
        summary.put("fits", perK);
        summary.put("phases_s", phases);
        summary.put("load_s", loadSeconds); // the data into the library's structure, part of phases_s.fit
        summary.put("cpu_s", ProcessStats.cpuSeconds());
        summary.put("peak_rss_bytes", ProcessStats.peakRssBytes());
        print(summary, ari, k);
        return 0;
    }

    /** One fit's line of the JSON; lloyd_s includes the seeding where the library does not time it apart. */
    private static Map<String, Object> perK(int k, PeerFit f, Dataset ds, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("iterations", f.iterations());
        m.put("converged", f.converged());
        m.put("inertia", f.inertia(ds.x()));
        m.put("seed_s", f.seedSeconds());
        m.put("lloyd_s", f.seedSeconds() == null ? seconds : seconds - f.seedSeconds());
        return m;
    }

    private static int indexOf(int[] ks, int k) {
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == k) {
                return i;
            }
        }
        throw new IllegalStateException("k " + k + " was not fitted"); // JobChecks.arguments rules this out
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> summary, Double ari, int k) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new GsonBuilder().serializeNulls().create().toJson(summary));
            return;
        }
        for (Map<String, Object> f : (List<Map<String, Object>>) summary.get("fits")) {
            out.printf("k=%-3d iterations=%-4d inertia=%.6g%s%n", f.get("k"), f.get("iterations"), f.get("inertia"),
                    (boolean) f.get("converged") ? "" : " (not converged)");
        }
        if (ari != null) {
            out.printf("ARI at k=%d: %.4f%n", k, ari);
        }
        out.printf("%s: phases (s): %s; peak RSS %.1f MB; wrote %s%n", peer.name(), summary.get("phases_s"),
                (long) summary.get("peak_rss_bytes") / 1e6, output);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
