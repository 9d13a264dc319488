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
 * the first time a k takes a new tile path (k = 9, 17, 25, 33: one more centre vector). Measured on
 * the 256k x 32 sweep (2 threads, no warm-up): Lloyd took 0.53 s at k = 1, 0.26 s at k = 9 and 0.41 s
 * at k = 25 against 0.03-0.04 s at their neighbours. Fitting the job's k values on a small synthetic
 * dataset of the same width, on one background thread, moves those stalls off the critical path. It
 * shares no state with the real fit, so results do not depend on it.
 */
public final class Warmup implements AutoCloseable {
    /** Rows of the synthetic dataset: a few chunks, far below the time of any input worth warming for. */
    static final int ROWS = 1024;
    /** How long close() waits for the fit in progress before leaving it to end on its own. */
    static final long JOIN_MILLIS = 50;
    /** Tile paths repeat past this k (the widest tile is 4 vectors of 8 doubles), so larger k add nothing. */
    static final int MAX_K = 64;

    private final Thread thread;
    private volatile boolean stop;

    private Warmup(KernelKind kind, Precision precision, Layout layout, int d, int[] ks) {
        thread = Thread.ofPlatform().daemon().name("kmlab-warmup").unstarted(() -> run(kind, precision, layout, d, ks));
    }

    /** Starts warming up for a job fitting {@code ks} on {@code d} features; close() stops it. */
    public static Warmup start(KernelKind kind, Precision precision, Layout layout, int d, int[] ks) {
        Warmup w = new Warmup(kind, precision, layout, d, order(ks));
        w.thread.start();
        return w;
    }

    /**
     * The job's k values (capped at MAX_K), those that first use each number of centre vectors
     * (1, 9, 17, ... and each group's widest, 8, 16, ...) first, so that a short warm-up meets every
     * tile path before it spends time on repeats of one.
     */
    static int[] order(int[] ks) {
        int[] capped = Arrays.stream(ks).map(k -> Math.min(k, MAX_K)).distinct().sorted().toArray();
        java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
        for (int k : capped) {
            if (k % 8 == 1 || k % 8 == 0 || k == capped[capped.length - 1]) {
                out.add(k);
            }
        }
        Arrays.stream(capped).forEach(out::add);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void run(KernelKind kind, Precision precision, Layout layout, int d, int[] ks) {
        int maxK = Arrays.stream(ks).max().orElse(1);
        Dataset data = Blobs.generate(ROWS, d, maxK, 1, layout);
        Kernel kernel = Kernels.create(kind, data.x(), precision);
        try (Workers one = Workers.of(1)) {
            KMeans km = new KMeans(kernel, one, FitOptions.DEFAULT);
            for (int round = 0; round < 3; round++) {
                for (int k : ks) {
                    if (stop) {
                        return;
                    }
                    km.fit(k, round);
                }
            }
        }
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
