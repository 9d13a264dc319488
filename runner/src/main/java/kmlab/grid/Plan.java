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
     *
     * @param benchmark the JMH benchmark (engine jmh; the repeat is its one fork), or null (engine cli)
     */
    public record Run(int index, int group, Dataset dataset, Workload mode, int kMax, int repeat,
                      Grid.Implementation impl, String benchmark) {
        /** A key that names the run across resumes and shards. */
        public String key() {
            String what = benchmark != null ? benchmark : mode.label();
            return dataset.fileName().replace(".csv", "") + "/" + what + "_k" + kMax + "/r" + repeat + "/" + impl.name();
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
                            for (String bench : benchmarks(g)) {
                                for (int r = 1; r <= g.repeats(); r++) {
                                    int group = runs.isEmpty() ? 0 : runs.getLast().group() + 1;
                                    for (Grid.Implementation impl : g.implementations()) {
                                        runs.add(new Run(runs.size(), group, ds, mode, kMax, r, impl, bench));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Plan(g, List.copyOf(runs));
    }

    /** The JMH benchmarks of each cell, or one null entry for the cli engine (one end-to-end run a cell). */
    private static List<String> benchmarks(Grid g) {
        return g.engine() == Grid.Engine.JMH ? g.jmh().benchmarks() : java.util.Collections.singletonList(null);
    }

    /**
     * A rough duration of one run in seconds, for --dry-run only (never a result): a least-squares
     * fit to the 972 runs of results/full on this machine (2 cores): 0.49 s a run (JVM start,
     * set-up, warm-up), 0.038 s a fit, 2.7e-7 s per value read and written, and per row x feature x
     * k summed over the fits 1.6e-9 s (gemm), 1.9e-9 (simd), 5.4e-9 (scalar) on one thread,
     * 1.2e-9, 1.1e-9, 3.4e-9 on more. Median error 32% per run; the grid's total is exact.
     */
    public double estimateSeconds(Run run) {
        if (run.benchmark() != null) {
            return estimateJmhSeconds(run, grid.jmh());
        }
        double values = (double) run.dataset().n() * run.dataset().d();
        boolean sweep = run.mode() == Workload.SWEEP;
        long kSum = sweep ? (long) run.kMax() * (run.kMax() + 1) / 2 : run.kMax();
        boolean parallel = !run.impl().serial();
        if (run.impl().isPeer()) {
            return estimatePeerSeconds(run.impl().peer(), parallel, values, kSum);
        }
        // auto: as gemm (its larger fits, which dominate a sweep's time, run gemm)
        double perUnit = switch (run.impl().kernel().isAuto() ? KernelKind.GEMM : run.impl().kernel().fixed()) {
            case GEMM -> parallel ? 1.2e-9 : 1.6e-9;
            case SIMD -> parallel ? 1.1e-9 : 1.9e-9;
            case SCALAR -> parallel ? 3.4e-9 : 5.4e-9;
        };
        return 0.49 + 0.038 * (sweep ? run.kMax() : 1) + 2.7e-7 * values + perUnit * values * kSum;
    }

    /**
     * A peer's run, ROUGH (for --dry-run only; expect errors of 2x): start-up, per value read and
     * written, and per row x feature x k summed over the fits. Not fitted to a grid of runs as the
     * terms above are: the Java peers' rates are from one 256k x 32 sweep to k = 32 each here
     * (fit 11 s smile, 12 s elki-fast, 25 s elki, 135 s commons-math), start-up and I/O from
     * grids/peers-quick.yaml; the Python and Rust rates are the writeup's own top cell (its laptop:
     * 15.4 s scikit-learn, 46.5 s NumPy, 20.8 s Rust, 16.2 s Rust-Parallel).
     */
    private static double estimatePeerSeconds(Peer peer, boolean parallel, double values, long kSum) {
        double start = switch (peer) {
            case SKLEARN -> 0.6; // importing scikit-learn
            case NUMPY -> 0.15;
            case RUST -> 0.01;
            default -> 0.4; // a JVM
        };
        double perValue = switch (peer.runtime()) {
            case PYTHON -> 1e-6;
            case RUST -> 1e-7;
            case JAVA -> 2e-7;
        };
        double perUnit = switch (peer) {
            case SKLEARN -> 3.5e-9;
            case NUMPY -> 1.1e-8;
            case RUST -> parallel ? 3.7e-9 : 4.8e-9;
            case SMILE -> parallel ? 2e-9 : 2.6e-9; // only its seeding and update run in parallel
            case COMMONS_MATH -> 3.1e-8;
            case ELKI -> 5.8e-9;
            case ELKI_FAST -> 2.9e-9;
        };
        return start + perValue * values + perUnit * values * kSum;
    }

    /**
     * A JMH fork: JVM start and set-up (data generation, the check against scalar: about 3 s at
     * 256k x 32 here), then the iterations, each at least iteration_s and at least one operation.
     */
    private static double estimateJmhSeconds(Run run, Grid.Jmh jmh) {
        double values = (double) run.dataset().n() * run.dataset().d();
        double setup = 1.0 + 1e-6 * values; // fork start, blobs, seeding, the scalar check
        double op = switch (run.benchmark()) {
            case "assign" -> 2e-9 * values * run.kMax();
            case "seed" -> 2e-9 * values * run.kMax() * (2 + Math.log(run.kMax()));
            default -> 2e-8 * values * run.kMax();
        };
        return setup + (jmh.warmupIterations() + jmh.iterations()) * Math.max(jmh.iterationSeconds(), op);
    }

    /** The i-th (1-based) of n disjoint slices, whole groups at a time; n slices together are the plan. */
    public Plan shard(int i, int n) {
        if (n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("--shard must be I/N with 1 <= I <= N, not " + i + "/" + n);
        }
        return new Plan(grid, runs.stream().filter(r -> r.group() % n == i - 1).toList());
    }

    public double estimateSeconds() {
        return runs.stream().mapToDouble(this::estimateSeconds).sum();
    }
}
