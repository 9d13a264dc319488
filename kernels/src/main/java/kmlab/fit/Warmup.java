package kmlab.fit;

import java.util.Arrays;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.kernel.Kernel;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.Workers;

/**
 * Compiles a kernel's hot paths while the input is still being read. In a fresh JVM Vector API code
 * runs interpreted, boxing every vector, until C2 compiles it, and the gemm kernel is compiled again
 * the first time a k takes a new tile path (one more centre vector: with 8 lanes k = 9, 17, 25, 33;
 * the lanes are the kernel's, from its {@link KernelKind}). Measured on the 256k x 32 sweep (2
 * threads, no warm-up): Lloyd took 0.53 s at k = 1, 0.26 s at k = 9 and 0.41 s at k = 25 against
 * 0.03-0.04 s at their neighbours. Fitting the job's k values on a small synthetic
 * dataset of the same width, on one background thread, moves those stalls off the critical path. It
 * shares no state with the real fit, so results do not depend on it.
 */
public final class Warmup implements AutoCloseable {
    /** Rows of the synthetic dataset: a few chunks, far below the time of any input worth warming for. */
    static final int ROWS = 1024;
    /** How long close() waits for the fit in progress before leaving it to end on its own. */
    static final long JOIN_MILLIS = 50;
    /** Rounds over the job's k values. */
    static final int ROUNDS = 3;
    /**
     * Tile paths repeat past this k on vectors up to 512 bits (gemm's widest tile is 4 vectors of 8
     * doubles or 2 of 16 floats, 32 centres; two of them make every path), so larger k add nothing.
     */
    static final int MAX_K = 64;

    private final KernelKind kind;
    private final Precision precision;
    private final int[] ks;
    private final Thread thread;
    private volatile boolean stop;
    private volatile int fits;
    private volatile KernelKind warmed;

    private Warmup(KernelKind kind, Precision precision, Layout layout, int d, int[] ks) {
        this.kind = kind;
        this.precision = precision;
        this.ks = ks;
        thread = Thread.ofPlatform().daemon().name("kmlab-warmup").unstarted(() -> run(layout, d));
    }

    /** Starts warming up for a job fitting {@code ks} on {@code d} features; close() stops it. */
    public static Warmup start(KernelKind kind, Precision precision, Layout layout, int d, int[] ks) {
        Warmup w = new Warmup(kind, precision, layout, d, order(ks, kind.centresPerVector(precision)));
        w.thread.start();
        return w;
    }

    /**
     * The job's k values (capped at MAX_K), the smallest and the largest of each number of centre
     * vectors (of {@code perVector} centres: for a sweep 1, perVector, perVector + 1, 2 perVector, ...)
     * and the largest k first, so that a short warm-up meets every tile path before it spends time
     * on repeats of one. With one centre a vector: every k, ascending.
     */
    static int[] order(int[] ks, int perVector) {
        int[] capped = Arrays.stream(ks).map(k -> Math.min(k, MAX_K)).distinct().sorted().toArray();
        java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < capped.length; i++) {
            int vectors = vectors(capped[i], perVector);
            boolean smallest = i == 0 || vectors(capped[i - 1], perVector) != vectors;
            boolean largest = i == capped.length - 1 || vectors(capped[i + 1], perVector) != vectors;
            if (smallest || largest) {
                out.add(capped[i]);
            }
        }
        Arrays.stream(capped).forEach(out::add);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int vectors(int k, int perVector) {
        return (k + perVector - 1) / perVector;
    }

    private void run(Layout layout, int d) {
        int maxK = Arrays.stream(ks).max().orElse(1);
        Dataset data = Blobs.generate(ROWS, d, maxK, 1, layout);
        Kernel kernel = Kernels.create(kind, data.x(), precision);
        warmed = kernel.kind();
        try (Workers one = Workers.of(1)) {
            KMeans km = new KMeans(kernel, one, FitOptions.DEFAULT);
            for (int round = 0; round < ROUNDS; round++) {
                for (int k : ks) {
                    if (stop) {
                        return;
                    }
                    km.fit(k, round);
                    fits++; // one writer
                }
            }
        }
    }

    /** The k values it fits, in order, each round. */
    int[] plan() {
        return ks.clone();
    }

    /** Fits finished so far. */
    int fits() {
        return fits;
    }

    /** The family of the kernel it made (null before it made one). */
    KernelKind warmed() {
        return warmed;
    }

    /** Waits up to {@code millis} for the warm-up to end; whether it has. */
    boolean awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /**
     * Stops after the fit in progress (milliseconds once compiled) and waits for it a little; a fit
     * still running interpreted finishes on its own rather than hold up the job.
     */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
