package kmlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Isotropic Gaussian blobs with ground-truth labels, with scikit-learn's {@code make_blobs}
 * semantics: k centres uniform in [-box, box]^d, n split as evenly as possible (the first n % k
 * clusters get one more point), each of standard deviation {@code std} (1 unless told; the
 * grids' {@code cluster_std}), rows shuffled. Deterministic from the
 * seed (SplittableRandom and the polar method, both fully specified). Values are rounded to six
 * decimals, which is what the CSV holds, so generated and re-read data are the same doubles.
 */
public final class Blobs {
    public static final double BOX = 10.0;
    /** make_blobs' default spread, and every grid's unless it gives {@code cluster_std}. */
    public static final double DEFAULT_STD = 1.0;
    private static final double SCALE = 1e6;

    private final int n;
    private final int d;
    private final int k;
    private final double std;
    private final SplittableRandom rnd;
    private final double[] centres;
    private final int[] labels;
    private double spare = Double.NaN;

    public Blobs(int n, int d, int k, long seed) {
        this(n, d, k, DEFAULT_STD, seed);
    }

    /** The centres and the shuffle do not depend on {@code std}: only the spread around each centre does. */
    public Blobs(int n, int d, int k, double std, long seed) {
        if (n < 1 || d < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("need n >= k >= 1 and d >= 1, got n=" + n + " d=" + d + " k=" + k);
        }
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("the standard deviation must be a finite number > 0, got " + std);
        }
        this.n = n;
        this.d = d;
        this.k = k;
        this.std = std;
        this.rnd = new SplittableRandom(seed);
        this.centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = -BOX + 2 * BOX * rnd.nextDouble();
        }
        this.labels = new int[n];
        for (int i = 0, c = 0; c < k; c++) {
            int size = n / k + (c < n % k ? 1 : 0);
            for (int s = 0; s < size; s++) {
                labels[i++] = c;
            }
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rnd.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
    }

    /** The whole dataset in memory, ids "0".."n-1". */
    public static Dataset generate(int n, int d, int k, long seed, Layout layout) {
        return generate(n, d, k, DEFAULT_STD, seed, layout);
    }

    public static Dataset generate(int n, int d, int k, double std, long seed, Layout layout) {
        Blobs b = new Blobs(n, d, k, std, seed);
        Matrix.Builder m = Matrix.builder(layout, n, d);
        String[] ids = new String[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(i);
            b.nextRow(i, row);
            m.add(ids[i], row);
        }
        return new Dataset(header(d), m.build(), ids, b.labels.clone());
    }

    /** Streams the dataset to a CSV file (id, x0..x{d-1}, label) without holding it in memory. */
    public static void write(Path file, int n, int d, int k, long seed) throws IOException {
        write(file, n, d, k, DEFAULT_STD, seed);
    }

    public static void write(Path file, int n, int d, int k, double std, long seed) throws IOException {
        Blobs b = new Blobs(n, d, k, std, seed);
        AtomicOutput.write(file, w -> {
            w.append(String.join(",", header(d))).append('\n');
            double[] row = new double[d];
            StringBuilder line = new StringBuilder(16 * (d + 2));
            for (int i = 0; i < n; i++) {
                b.nextRow(i, row);
                line.setLength(0);
                line.append(i);
                for (double v : row) {
                    appendFixed6(line.append(','), v);
                }
                line.append(',').append(b.labels[i]).append('\n');
                w.append(line);
            }
        });
    }

    public static List<String> header(int d) {
        List<String> h = new ArrayList<>(d + 2);
        h.add(Dataset.ID);
        for (int j = 0; j < d; j++) {
            h.add("x" + j);
        }
        h.add(Dataset.LABEL);
        return h;
    }

    /** The true centres, row-major k x d. */
    public double[] centres() {
        return centres.clone();
    }

    private void nextRow(int i, double[] row) {
        int c = labels[i];
        for (int j = 0; j < d; j++) {
            row[j] = Math.round((centres[c * d + j] + std * gaussian()) * SCALE) / SCALE;
        }
    }

    /** Marsaglia's polar method: specified here so the data do not depend on the JDK's choice. */
    private double gaussian() {
        if (!Double.isNaN(spare)) {
            double g = spare;
            spare = Double.NaN;
            return g;
        }
        double[] pair = polar(rnd);
        spare = pair[1];
        return pair[0];
    }

    /** Two standard normal deviates from {@code rnd} by Marsaglia's polar method (u m first, then v m). */
    static double[] polar(SplittableRandom rnd) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rnd.nextDouble() - 1;
            v = 2 * rnd.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        return new double[] {u * m, v * m};
    }

    /** Appends round(v * 1e6) / 1e6 as a plain decimal with six fraction digits. */
    public static void appendFixed6(StringBuilder sb, double v) {
        long m = Math.round(v * SCALE);
        if (m < 0) {
            sb.append('-');
            m = -m;
        }
        sb.append(m / 1_000_000).append('.');
        long frac = m % 1_000_000;
        for (long p = 100_000; p > 0; p /= 10) {
            sb.append((char) ('0' + frac / p % 10));
        }
    }
}
