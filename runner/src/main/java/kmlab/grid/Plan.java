package kmlab.grid;

import java.util.ArrayList;
import java.util.List;
import kmlab.fit.Workload;

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
     * A rough duration of one run in seconds, for --dry-run only (never a result): a least-squares
     * fit to the 972 runs of results/full on this machine (2 cores): 0.49 s a run (JVM start,
     * set-up, warm-up), 0.038 s a fit, 2.7e-7 s per value read and written, and per row x feature x
     * k summed over the fits 1.6e-9 s (gemm), 1.9e-9 (simd), 5.4e-9 (scalar) on one thread,
     * 1.2e-9, 1.1e-9, 3.4e-9 on more. Median error 32% per run; the grid's total is exact.
     */
    public static double estimateSeconds(Run run) {
        double values = (double) run.dataset().n() * run.dataset().d();
        boolean sweep = run.mode() == Workload.SWEEP;
        long kSum = sweep ? (long) run.kMax() * (run.kMax() + 1) / 2 : run.kMax();
        boolean parallel = run.impl().threads() != 1;
        double perUnit = switch (run.impl().kernel()) {
            case GEMM -> parallel ? 1.2e-9 : 1.6e-9;
            case SIMD -> parallel ? 1.1e-9 : 1.9e-9;
            case SCALAR -> parallel ? 3.4e-9 : 5.4e-9;
        };
        return 0.49 + 0.038 * (sweep ? run.kMax() : 1) + 2.7e-7 * values + perUnit * values * kSum;
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
