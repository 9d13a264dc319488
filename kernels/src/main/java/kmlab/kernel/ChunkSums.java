package kmlab.kernel;

import java.util.Arrays;

/**
 * What one chunk of rows contributes to an assignment pass. The driver keeps one per chunk and
 * adds them in chunk order, so the totals do not depend on which thread ran which chunk.
 */
public final class ChunkSums {
    /** Row-major k x d sums of the rows assigned to each centre. */
    public final double[] sums;
    public final int[] counts;
    public int changed;

    public ChunkSums(int k, int d) {
        this.sums = new double[k * d];
        this.counts = new int[k];
    }

    public void clear() {
        Arrays.fill(sums, 0);
        Arrays.fill(counts, 0);
        changed = 0;
    }

    /** Adds one row (its label already decided). */
    public void add(int label, double[] x, int xo, int d, boolean labelChanged) {
        int base = label * d;
        for (int j = 0; j < d; j++) {
            sums[base + j] += x[xo + j];
        }
        counts[label]++;
        if (labelChanged) {
            changed++;
        }
    }
}
