package kmlab.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import kmlab.data.LabelColumn;

/** The adjusted Rand index, computed as scikit-learn does (from the pair confusion matrix). */
public final class Ari {
    /**
     * Labels in [0, a) and [0, b) with a * b up to this index the contingency table as they are; others
     * are renumbered densely first, which costs an int per row and side (8 MB at 1M rows, at the
     * job's end, where its memory peaks). Labels missing from the range add empty cells, which add
     * nothing to the integer sums, so both ways give the same value bitwise.
     */
    private static final long DIRECT_CELLS = 1 << 16;

    private Ari() {
    }

    public static double of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("label arrays differ in length");
        }
        return of(truth.length, i -> truth[i], i -> predicted[i]);
    }

    /** Against a job's compact column, read in place. */
    public static double of(int[] truth, LabelColumn predicted) {
        if (truth.length != predicted.size()) {
            throw new IllegalArgumentException("label arrays differ in length");
        }
        return of(truth.length, i -> truth[i], predicted::get);
    }

    private static double of(int n, IntUnaryOperator truth, IntUnaryOperator predicted) {
        IntUnaryOperator a = truth;
        IntUnaryOperator b = predicted;
        int ka = range(n, a);
        int kb = range(n, b);
        if (ka < 0 || kb < 0 || (long) ka * kb > DIRECT_CELLS) {
            a = dense(n, truth);
            b = dense(n, predicted);
            ka = range(n, a);
            kb = range(n, b);
        }
        long[] table = new long[ka * kb];
        long[] rows = new long[ka];
        long[] cols = new long[kb];
        for (int i = 0; i < n; i++) {
            int ai = a.applyAsInt(i);
            int bi = b.applyAsInt(i);
            table[ai * kb + bi]++;
            rows[ai]++;
            cols[bi]++;
        }
        long sumSquares = sumSquares(table);
        long tp = sumSquares - n;
        long fp = sumSquares(cols) - sumSquares;
        long fn = sumSquares(rows) - sumSquares;
        long tn = (long) n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        double num = 2.0 * ((double) tp * tn - (double) fn * fp);
        double den = (double) (tp + fn) * (fn + tn) + (double) (tp + fp) * (fp + tn);
        return num / den;
    }

    private static long sumSquares(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x * x;
        }
        return s;
    }

    /** 1 + the largest label, or -1 if a label is negative. */
    private static int range(int n, IntUnaryOperator labels) {
        int m = -1;
        for (int i = 0; i < n; i++) {
            int x = labels.applyAsInt(i);
            if (x < 0) {
                return -1;
            }
            m = Math.max(m, x);
        }
        return m + 1;
    }

    private static IntUnaryOperator dense(int n, IntUnaryOperator labels) {
        Map<Integer, Integer> ids = new HashMap<>();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = ids.computeIfAbsent(labels.applyAsInt(i), l -> ids.size());
        }
        return i -> out[i];
    }
}
