package kmlab.fit;

import java.util.ArrayDeque;

/**
 * The n-sized distance arrays of k-means++ (the closest distances and one per trial), lent from
 * one seeding to the next of the same driver and its derived drivers. A sweep seeds once per trial
 * count (k = 1..16: to k = 2, 7 and 16, 3 + 4 + 5 arrays), and arrays this large are allocated
 * straight into the old generation, where a fresh set per seeding stayed as garbage the peak RSS
 * counts: 96 of the 112 MB the fit phase added at 1M x 32 (GC log). Reused, the job holds the
 * largest set only. A seeding takes what it finds and allocates the rest, so seedings running at
 * once never share an array.
 */
final class SeedBuffers {
    private final int n;
    private final ArrayDeque<double[]> spare = new ArrayDeque<>();

    SeedBuffers(int n) {
        this.n = n;
    }

    /** {@code count} arrays of n entries, contents undefined. */
    synchronized double[][] take(int count) {
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            double[] a = spare.poll();
            out[i] = a != null ? a : new double[n];
        }
        return out;
    }

    /** Returns arrays taken here; the caller no longer uses them. */
    synchronized void giveBack(double[]... arrays) {
        for (double[] a : arrays) {
            spare.push(a);
        }
    }
}
