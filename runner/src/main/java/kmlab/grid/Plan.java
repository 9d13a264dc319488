package kmlab.grid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import kmlab.fit.Workload;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.KernelKind;
import kmlab.runs.Axes;
import kmlab.runs.Axis;
import kmlab.runs.AxisValues;
import kmlab.runs.Engine;
import kmlab.runs.Peer;
import kmlab.runs.RunSpec;

/**
 * A grid expanded into runs, in the order they run: one cell for each combination of the data and
 * fits axes (nested in {@link Axes#ALL}'s order), and in each cell each repeat runs every
 * implementation once (A B C A B C ...), so that drift of the machine lands on all implementations
 * alike and paired ratios stay fair.
 */
public record Plan(Grid grid, List<RunSpec> runs, String shardLabel) {

    /** The whole plan of a grid, or a slice of it not made by {@link #shard}. */
    public Plan(Grid grid, List<RunSpec> runs) {
        this(grid, runs, null);
    }

    public static Plan of(Grid g) throws GridException {
        List<Axis<?>> cellAxes = Axes.ALL.stream().filter(a -> a.section() != Axis.Section.IMPLEMENTATION).toList();
        List<RunSpec> runs = new ArrayList<>();
        expand(g, cellAxes, 0, AxisValues.NONE, runs);
        return new Plan(g, List.copyOf(runs));
    }

    /** Every combination of the cell axes from the i-th on, then the cell's runs. */
    private static void expand(Grid g, List<Axis<?>> axes, int i, AxisValues cell, List<RunSpec> runs)
            throws GridException {
        if (i < axes.size()) {
            Axis<?> axis = axes.get(i);
            List<?> values = g.alternatives(axis);
            if (values == null) {
                // a grid without true clusters has k_max of them in each cell; other axes their absent value
                values = Collections.singletonList(axis == Axes.CLUSTERS ? cell.get(Axes.K_MAX) : axis.absent());
            }
            for (Object v : values) {
                expand(g, axes, i + 1, cell.withParsed(axis, v), runs);
            }
            return;
        }
        int n = cell.get(Axes.N);
        if (cell.get(Axes.K_MAX) > n) {
            throw new GridException(g.source(), "k_max " + cell.get(Axes.K_MAX) + " exceeds n " + n
                    + ": that cell cannot exist (remove it from fits.k_max or data.n)");
        }
        if (cell.get(Axes.CLUSTERS) > n) {
            throw new GridException(g.source(), "clusters " + cell.get(Axes.CLUSTERS) + " exceeds n " + n);
        }
        for (String bench : benchmarks(g)) {
            for (int r = 1; r <= g.repeats(); r++) {
                int group = runs.isEmpty() ? 0 : runs.getLast().group() + 1;
                for (Grid.Implementation impl : g.implementations()) {
                    AxisValues values = cell.with(impl.axes());
                    if (g.engine() != Engine.CLI && !impl.isPeer()) {
                        values = values.with(Axes.SEEDING, null); // JMH benchmarks seed one k at a time
                    }
                    runs.add(new RunSpec(runs.size(), group, RunSpec.keyOf(values, g.seed(), bench, r, impl.name()),
                            g.name(), g.engine(), impl.name(), values, r, g.seed(), bench));
                }
            }
        }
    }

    /** The JMH benchmarks of each cell, or one null entry for the cli engine (one end-to-end run a cell). */
    private static List<String> benchmarks(Grid g) {
        return g.engine() == Engine.JMH ? g.jmh().benchmarks() : Collections.singletonList(null);
    }

    /**
     * A rough duration of one run in seconds, for --dry-run only (never a result): a least-squares
     * fit to the 972 runs of results/full on this machine (2 cores): 0.49 s a run (JVM start,
     * set-up, warm-up), 0.038 s a fit, 2.7e-7 s per value read and written, and per row x feature x
     * k summed over the fits the kernel's own rate ({@link KernelKind#secondsPerUnit}). Median error
     * 32% per run; the grid's total is exact.
     */
    public double estimateSeconds(RunSpec run) {
        if (run.benchmark() != null) {
            return estimateJmhSeconds(run, grid.jmh());
        }
        double values = (double) run.get(Axes.N) * run.get(Axes.D);
        int kMax = run.get(Axes.K_MAX);
        boolean sweep = run.get(Axes.MODE) == Workload.SWEEP;
        long kSum = sweep ? (long) kMax * (kMax + 1) / 2 : kMax;
        boolean parallel = run.get(Axes.THREADS).count() != 1;
        if (run.isPeer()) {
            return estimatePeerSeconds(run.get(Axes.PEER), parallel, values, kSum);
        }
        // auto: as gemm (its larger fits, which dominate a sweep's time, run gemm)
        KernelChoice kernel = run.get(Axes.KERNEL);
        double perUnit = (kernel.isAuto() ? KernelKind.GEMM : kernel.fixed()).secondsPerUnit(parallel);
        if (run.get(Axes.LAYOUT) == kmlab.data.Layout.BOXED_SCATTERED) {
            perUnit *= 3; // its pointer chasing, end to end at 256,000 x 8 (results/boxed-scattered-epyc: 6x the pass)
        }
        double job = 0.038 * (sweep ? kMax : 1) + 2.7e-7 * values + perUnit * values * kSum;
        if (run.get(Axes.JVM) == kmlab.runs.JvmRegime.WARM) {
            // one JMH fork that does the whole job WARM_UP_JOBS + WARM_TIMED_JOBS times: what the grid waits for
            return 1.5 + (kmlab.runs.JvmRegime.WARM_UP_JOBS + kmlab.runs.JvmRegime.WARM_TIMED_JOBS) * job;
        }
        return 0.49 + job;
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
    private static double estimateJmhSeconds(RunSpec run, Grid.Jmh jmh) {
        double values = (double) run.get(Axes.N) * run.get(Axes.D);
        int kMax = run.get(Axes.K_MAX);
        double setup = 1.0 + 1e-6 * values; // fork start, blobs, seeding, the scalar check
        double op = switch (run.benchmark()) {
            case "assign" -> 2e-9 * values * kMax;
            case "seed" -> 2e-9 * values * kMax * (2 + Math.log(kMax));
            default -> 2e-8 * values * kMax;
        };
        return setup + (jmh.warmupIterations() + jmh.iterations()) * Math.max(jmh.iterationSeconds(), op);
    }

    /** The i-th (1-based) of n disjoint slices, whole groups at a time; n slices together are the plan. */
    public Plan shard(int i, int n) {
        if (n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("--shard must be I/N with 1 <= I <= N, not " + i + "/" + n);
        }
        return new Plan(grid, runs.stream().filter(r -> r.group() % n == i - 1).toList(), i + "/" + n);
    }

    public double estimateSeconds() {
        return runs.stream().mapToDouble(this::estimateSeconds).sum();
    }
}
