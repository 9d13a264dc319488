package kmlab.metrics;

import java.util.HashMap;
import java.util.Map;

/** The adjusted Rand index, computed as scikit-learn does (from the pair confusion matrix). */
public final class Ari {
    private Ari() {
    }

    public static double of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("label arrays differ in length");
        }
        int n = truth.length;
        int[] a = dense(truth);
        int[] b = dense(predicted);
        int ka = max(a) + 1;
        int kb = max(b) + 1;
        long[] table = new long[ka * kb];
        long[] rows = new long[ka];
        long[] cols = new long[kb];
        for (int i = 0; i < n; i++) {
            table[a[i] * kb + b[i]]++;
            rows[a[i]]++;
            cols[b[i]]++;
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

    private static int[] dense(int[] labels) {
        Map<Integer, Integer> ids = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = ids.computeIfAbsent(labels[i], l -> ids.size());
        }
        return out;
    }

    private static int max(int[] v) {
        int m = -1;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
