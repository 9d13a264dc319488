package kmlab.fit;

import java.util.Arrays;
import java.util.PriorityQueue;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.kernel.ChunkSums;
import kmlab.kernel.Chunks;
import kmlab.kernel.Kernel;
import kmlab.kernel.Workers;

/**
 * The one k-means driver: an {@link Initialization} (default greedy k-means++) and an
 * {@link Algorithm} (default Lloyd), both as scikit-learn defines them (SPEC section 3). All per-row
 * work goes through {@link Kernel}; every pass runs over fixed row chunks whose partial results are
 * added in chunk order, so a fit gives bitwise the same result for any number of threads. The
 * driver owns the loop every algorithm shares (relocation, update, stopping rule, inertia).
 */
public final class KMeans {
    private final Kernel kernel;
    private final Matrix x;
    private final Workers workers;
    private final FitOptions options;
    private final Chunks chunks;
    private final double absTol;
    private final Initialization initialization;
    private final Algorithm algorithm;
    private final SeedBuffers seedBuffers;

    public KMeans(Kernel kernel, Workers workers, FitOptions options) {
        this(kernel, workers, options, new Chunks(kernel.data().n(), options.chunkRowsFor(kernel.data().n())),
                options.tol() * meanVariance(kernel.data()), KMeansPlusPlus.INSTANCE, Lloyd.INSTANCE,
                new SeedBuffers(kernel.data().n()));
    }

    private KMeans(Kernel kernel, Workers workers, FitOptions options, Chunks chunks, double absTol,
                   Initialization initialization, Algorithm algorithm, SeedBuffers seedBuffers) {
        this.kernel = kernel;
        this.x = kernel.data();
        this.workers = workers;
        this.options = options;
        this.chunks = chunks;
        this.absTol = absTol;
        this.initialization = initialization;
        this.algorithm = algorithm;
        this.seedBuffers = seedBuffers;
    }

    /**
     * This driver with another kernel over the same matrix, or another pool: the same options,
     * chunks, tolerance (not recomputed), seeding and algorithm, so its fits are those of this
     * driver, bitwise (and the same seeding buffers, see {@link SeedBuffers}).
     */
    public KMeans using(Kernel other, Workers otherWorkers) {
        if (other.data() != x) {
            throw new IllegalArgumentException("the kernel is bound to another matrix");
        }
        return new KMeans(other, otherWorkers, options, chunks, absTol, initialization, algorithm, seedBuffers);
    }

    /** This driver seeding with {@code other} instead. */
    public KMeans using(Initialization other) {
        return new KMeans(kernel, workers, options, chunks, absTol, other, algorithm, seedBuffers);
    }

    /** This driver fitting with {@code other} instead. */
    public KMeans using(Algorithm other) {
        return new KMeans(kernel, workers, options, chunks, absTol, initialization, other, seedBuffers);
    }

    /** One fit at k clusters: this driver's seeding from {@code seed}, then its algorithm. */
    public FitResult fit(int k, long seed) {
        Initialization.Seeds s = seeds(k, seed);
        return fitFrom(s.centres(), k, new int[x.n()]).seededWith(s.distances());
    }

    /** The initial centres of this driver's seeding (greedy k-means++ unless changed). */
    public double[] seed(int k, long seed) {
        return initialization.centres(this, k, seed);
    }

    /** The same centres as {@link #seed}, with the distances the seeding evaluated. */
    public Initialization.Seeds seeds(int k, long seed) {
        return initialization.seeds(this, k, seed);
    }

    /** Candidate centres tried per k-means++ step for k clusters: 2 + floor(ln k), as scikit-learn. */
    public static int localTrials(int k) {
        return KMeansPlusPlus.localTrials(k);
    }

    /** Lloyd's algorithm from the given initial centres (row-major k x d, not modified). */
    public FitResult lloyd(double[] initialCentres, int k) {
        return lloyd(initialCentres, k, new int[x.n()]);
    }

    /**
     * Lloyd writing its labels into {@code labels} (n entries, contents ignored), which the result
     * then holds: a sweep that keeps each fit's labels in another form can reuse one array, where a
     * fresh one per fit was promoted and left as old-generation garbage that the peak RSS counts.
     */
    public FitResult lloyd(double[] initialCentres, int k, int[] labels) {
        return run(Lloyd.INSTANCE, initialCentres, k, labels);
    }

    /** This driver's algorithm from the given initial centres, its labels into {@code labels} (as {@link #lloyd}). */
    public FitResult fitFrom(double[] initialCentres, int k, int[] labels) {
        return run(algorithm, initialCentres, k, labels);
    }

    private FitResult run(Algorithm alg, double[] initialCentres, int k, int[] labels) {
        int d = x.d();
        if (labels.length != x.n()) {
            throw new IllegalArgumentException("labels must have " + x.n() + " entries, got " + labels.length);
        }
        double[] centres = initialCentres.clone();
        double[] next = new double[k * d];
        Arrays.fill(labels, -1);
        Algorithm.Instance fit = alg.start(this, k);
        boolean strict = false;
        boolean converged = false;
        int iter = 0;
        while (iter < options.maxIter()) {
            iter++;
            ChunkSums total = fit.assign(centres, labels);
            relocateEmpty(centres, labels, total, k);
            double shift = 0;
            for (int c = 0; c < k; c++) {
                int count = total.counts[c];
                for (int j = 0; j < d; j++) {
                    // scikit-learn leaves a centre that lost its last point to a relocation as its (zero) sum
                    double v = count > 0 ? total.sums[c * d + j] / count : total.sums[c * d + j];
                    double diff = v - centres[c * d + j];
                    shift += diff * diff;
                    next[c * d + j] = v;
                }
            }
            double[] swap = centres;
            centres = next;
            next = swap;
            fit.moved(next, centres);
            if (total.changed == 0) {
                strict = true;
                converged = true;
                break;
            }
            if (shift <= absTol) {
                converged = true;
                break;
            }
        }
        if (!strict) {
            // The labels must be those of the final centres.
            fit.assign(centres, labels);
        }
        return new FitResult(k, labels, centres, inertia(centres, labels), iter, converged, 0, fit.distances());
    }

    /**
     * scikit-learn's relocation: each empty cluster, in index order, takes the row farthest from
     * its current centre (ties to the lower row), which leaves its old cluster's sums. The empty
     * clusters are those of the pass: one that loses its last row here stays empty until the next
     * pass (as scikit-learn's list, taken before it relocates). Labels are not changed; the next
     * pass reassigns.
     */
    private void relocateEmpty(double[] centres, int[] labels, ChunkSums total, int k) {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (total.counts[c] == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return;
        }
        int[] emptyIds = new int[empty];
        for (int c = 0, e = 0; c < k; c++) {
            if (total.counts[c] == 0) {
                emptyIds[e++] = c;
            }
        }
        int d = x.d();
        // min-heap of the `empty` farthest rows: weakest = smallest distance, then larger index
        PriorityQueue<long[]> far = new PriorityQueue<>((a, b) -> {
            int cmp = Double.compare(Double.longBitsToDouble(a[0]), Double.longBitsToDouble(b[0]));
            return cmp != 0 ? cmp : Long.compare(b[1], a[1]);
        });
        for (int i = 0; i < x.n(); i++) {
            far.add(new long[] {Double.doubleToLongBits(x.distanceSq(i, centres, labels[i])), i});
            if (far.size() > empty) {
                far.poll();
            }
        }
        long[][] farthest = far.toArray(new long[0][]);
        Arrays.sort(farthest, far.comparator().reversed());
        for (int e = 0; e < empty; e++) {
            int c = emptyIds[e];
            int row = (int) farthest[e][1];
            int old = labels[row];
            for (int j = 0; j < d; j++) {
                double v = x.get(row, j);
                total.sums[old * d + j] -= v;
                total.sums[c * d + j] = v;
            }
            total.counts[old]--;
            total.counts[c] = 1;
        }
    }

    /** Exact inertia, the same definition for every kernel: sum of |x_i - c_label(i)|^2. */
    private double inertia(double[] centres, int[] labels) {
        double[] chunkSum = new double[chunks.count()];
        workers.forEachChunk(chunkSum.length, c -> {
            double s = 0;
            for (int i = chunks.from(c), end = chunks.to(c); i < end; i++) {
                s += x.distanceSq(i, centres, labels[i]);
            }
            chunkSum[c] = s;
        });
        double total = 0;
        for (double s : chunkSum) {
            total += s;
        }
        return total;
    }

    /**
     * Mean over features of the population variance, as numpy's {@code X.var(axis=0).mean()}. The
     * matrix is read in its storage order (row by row unless it is feature-major); each feature's
     * sums still add its rows in row order, so every layout gives bitwise the same value. Read
     * column by column, a row-major 256k x 32 matrix took 0.11-0.13 s here, every step a cache miss.
     */
    public static double meanVariance(Matrix x) {
        int n = x.n();
        int d = x.d();
        double[] mean = new double[d];
        double[] ss = new double[d];
        if (x.layout() == Layout.COLUMNS) {
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < n; i++) {
                    mean[j] += x.get(i, j);
                }
                mean[j] /= n;
                for (int i = 0; i < n; i++) {
                    double diff = x.get(i, j) - mean[j];
                    ss[j] += diff * diff;
                }
            }
        } else {
            double[] row = new double[d];
            for (int i = 0; i < n; i++) {
                x.copyRow(i, row, 0);
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            for (int i = 0; i < n; i++) {
                x.copyRow(i, row, 0);
                for (int j = 0; j < d; j++) {
                    double diff = row[j] - mean[j];
                    ss[j] += diff * diff;
                }
            }
        }
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += ss[j] / n;
        }
        return sum / d;
    }

    /** Features per row of the data this driver fits. */
    public int d() {
        return x.d();
    }

    /** The matrix every pass reads. */
    public Matrix data() {
        return x;
    }

    /** The kernel of every per-row pass. */
    public Kernel kernel() {
        return kernel;
    }

    /** The pool every pass runs its chunks on. */
    public Workers workers() {
        return workers;
    }

    /** How this driver seeds. */
    public Initialization initialization() {
        return initialization;
    }

    /** How this driver fits from initial centres. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The chunking every pass of this driver uses. */
    public Chunks chunks() {
        return chunks;
    }

    /** The k-means++ arrays this driver and those derived from it lend each other. */
    SeedBuffers seedBuffers() {
        return seedBuffers;
    }

    public double absoluteTolerance() {
        return absTol;
    }
}
