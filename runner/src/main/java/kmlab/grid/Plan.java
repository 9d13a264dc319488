package kmlab.grid;

import java.util.ArrayList;
import java.util.List;
import kmlab.fit.Workload;
import kmlab.kernel.KernelKind;

/**
 * A grid expanded into runs, in the order they run: for each dataset, each fit setting and each
 * repeat, every implementation once (A B C A B C ...), so that drift of the machine lands on all
 * implementations alike and paired ratios stay fair.
 */
public record Plan(Grid grid, List<Run> runs) {

    /** One dataset: blobs of n rows, d features, the given true clusters, from the grid's seed. */
    public record Dataset(int n, int d, int clusters, long seed) {
        public String fileName() {
            return "blobs_n" + n + "_d" + d + "_c" + clusters + "_s" + seed + ".csv";
        }
    }

    /**
     * One run: an implementation fitting one dataset with one setting, the r-th time. Runs of one
     * {@code group} (same dataset, setting and repeat, every implementation) are run back to back
     * and never split between shards, so every paired ratio compares runs of one machine.
     */
    public record Run(int index, int group, Dataset dataset, Workload mode, int kMax, int repeat,
                      Grid.Implementation impl) {
        /** A key that names the run across resumes and shards. */
        public String key() {
            return dataset.fileName().replace(".csv", "") + "/" + mode.name().toLowerCase(java.util.Locale.ROOT) + "_k"
                    + kMax + "/r" + repeat + "/" + impl.name();
        }
    }

    public static Plan of(Grid g) throws GridException {
        List<Run> runs = new ArrayList<>();
        for (int n : g.data().rows()) {
            for (int d : g.data().features()) {
                for (int kMax : g.fits().kMax()) {
                    if (kMax > n) {
                        throw new GridException(g.source(), "k_max " + kMax + " exceeds n " + n
                                + ": that cell cannot exist (remove it from fits.k_max or data.n)");
                    }
                    List<Integer> clusters = g.data().clusters().isEmpty() ? List.of(kMax) : g.data().clusters();
                    for (int c : clusters) {
                        if (c > n) {
                            throw new GridException(g.source(), "clusters " + c + " exceeds n " + n);
                        }
                        Dataset ds = new Dataset(n, d, c, g.seed());
                        for (Workload mode : g.fits().modes()) {
                            for (int r = 1; r <= g.repeats(); r++) {
                                int group = runs.isEmpty() ? 0 : runs.getLast().group() + 1;
                                for (Grid.Implementation impl : g.implementations()) {
                                    runs.add(new Run(runs.size(), group, ds, mode, kMax, r, impl));
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Plan(g, List.copyOf(runs));
    }

    /**
     * A rough duration of one run in seconds, from figures measured here (results/fit-256k and the
     * quick grid, median 0.57 s a run): JVM start, set-up and JIT warm-up ~0.5 s, CSV read and write ~1.5e-7 s per value, the fit ~1.8e-9 s (gemm),
     * ~2.5e-9 (simd), ~5.3e-9 (scalar) per row x feature x k summed over the fits, divided by the
     * threads. Only for --dry-run's estimate; never used as a result.
     */
    public static double estimateSeconds(Run run) {
        double values = (double) run.dataset().n() * run.dataset().d();
        long kSum = run.mode() == Workload.SWEEP ? (long) run.kMax() * (run.kMax() + 1) / 2 : run.kMax();
        double perUnit = run.impl().kernel() == KernelKind.GEMM ? 1.8e-9
                : run.impl().kernel() == KernelKind.SIMD ? 2.5e-9 : 5.3e-9;
        int threads = run.impl().threads() == 0 ? Runtime.getRuntime().availableProcessors() : run.impl().threads();
        return 0.5 + 1.5e-7 * values + perUnit * values * kSum / Math.max(1, Math.min(threads,
                Runtime.getRuntime().availableProcessors()));
    }

    /** The i-th (1-based) of n disjoint slices, whole groups at a time; n slices together are the plan. */
    public Plan shard(int i, int n) {
        if (n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("--shard must be I/N with 1 <= I <= N, not " + i + "/" + n);
        }
        return new Plan(grid, runs.stream().filter(r -> r.group() % n == i - 1).toList());
    }

    public double estimateSeconds() {
        return runs.stream().mapToDouble(Plan::estimateSeconds).sum();
    }
}
