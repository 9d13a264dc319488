import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import kmlab.data.Blobs;
import kmlab.data.Layout;
import kmlab.data.RowMatrix;

/**
 * How fast is the gemm kernel's FMA tile alone? The same 4 points x 4 centre-vector tile as
 * GemmKernel (and a 6 x 4 variant), with only a lane-wise max at the end: no centre index, no
 * horizontal step, no update. n = 262,144, d = 32, k = 32, rows read in place in 4092-row blocks,
 * 10 passes a round, 6 rounds; prints ms per pass and GFLOP/s (2 flops per point x centre x feature).
 * A probe for results/kernels/README.md, not part of kmlab; run it with probes.cmd.
 */
public class TileProbe {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static double sink;

    static void tile4(double[] x, int off, int rows, int d, double[] ct, double[] st, int kp, double[] lm) {
        for (int r = 0; r + 4 <= rows; r += 4) {
            int o0 = off + r * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
            DoubleVector s0 = DoubleVector.fromArray(S, st, 0), s1 = DoubleVector.fromArray(S, st, L);
            DoubleVector s2 = DoubleVector.fromArray(S, st, 2 * L), s3 = DoubleVector.fromArray(S, st, 3 * L);
            DoubleVector a00 = s0, a01 = s1, a02 = s2, a03 = s3, a10 = s0, a11 = s1, a12 = s2, a13 = s3;
            DoubleVector a20 = s0, a21 = s1, a22 = s2, a23 = s3, a30 = s0, a31 = s1, a32 = s2, a33 = s3;
            for (int j = 0; j < d; j++) {
                int co = j * kp;
                DoubleVector c0 = DoubleVector.fromArray(S, ct, co), c1 = DoubleVector.fromArray(S, ct, co + L);
                DoubleVector c2 = DoubleVector.fromArray(S, ct, co + 2 * L), c3 = DoubleVector.fromArray(S, ct, co + 3 * L);
                DoubleVector p = DoubleVector.broadcast(S, x[o0 + j]);
                a00 = c0.fma(p, a00); a01 = c1.fma(p, a01); a02 = c2.fma(p, a02); a03 = c3.fma(p, a03);
                p = DoubleVector.broadcast(S, x[o1 + j]);
                a10 = c0.fma(p, a10); a11 = c1.fma(p, a11); a12 = c2.fma(p, a12); a13 = c3.fma(p, a13);
                p = DoubleVector.broadcast(S, x[o2 + j]);
                a20 = c0.fma(p, a20); a21 = c1.fma(p, a21); a22 = c2.fma(p, a22); a23 = c3.fma(p, a23);
                p = DoubleVector.broadcast(S, x[o3 + j]);
                a30 = c0.fma(p, a30); a31 = c1.fma(p, a31); a32 = c2.fma(p, a32); a33 = c3.fma(p, a33);
            }
            a00.max(a01).max(a02.max(a03)).intoArray(lm, r * L);
            a10.max(a11).max(a12.max(a13)).intoArray(lm, (r + 1) * L);
            a20.max(a21).max(a22.max(a23)).intoArray(lm, (r + 2) * L);
            a30.max(a31).max(a32.max(a33)).intoArray(lm, (r + 3) * L);
        }
    }

    static void tile6(double[] x, int off, int rows, int d, double[] ct, double[] st, int kp, double[] lm) {
        for (int r = 0; r + 6 <= rows; r += 6) {
            int o0 = off + r * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d, o4 = o3 + d, o5 = o4 + d;
            DoubleVector s0 = DoubleVector.fromArray(S, st, 0), s1 = DoubleVector.fromArray(S, st, L);
            DoubleVector s2 = DoubleVector.fromArray(S, st, 2 * L), s3 = DoubleVector.fromArray(S, st, 3 * L);
            DoubleVector a00 = s0, a01 = s1, a02 = s2, a03 = s3, a10 = s0, a11 = s1, a12 = s2, a13 = s3;
            DoubleVector a20 = s0, a21 = s1, a22 = s2, a23 = s3, a30 = s0, a31 = s1, a32 = s2, a33 = s3;
            DoubleVector a40 = s0, a41 = s1, a42 = s2, a43 = s3, a50 = s0, a51 = s1, a52 = s2, a53 = s3;
            for (int j = 0; j < d; j++) {
                int co = j * kp;
                DoubleVector c0 = DoubleVector.fromArray(S, ct, co), c1 = DoubleVector.fromArray(S, ct, co + L);
                DoubleVector c2 = DoubleVector.fromArray(S, ct, co + 2 * L), c3 = DoubleVector.fromArray(S, ct, co + 3 * L);
                DoubleVector p = DoubleVector.broadcast(S, x[o0 + j]);
                a00 = c0.fma(p, a00); a01 = c1.fma(p, a01); a02 = c2.fma(p, a02); a03 = c3.fma(p, a03);
                p = DoubleVector.broadcast(S, x[o1 + j]);
                a10 = c0.fma(p, a10); a11 = c1.fma(p, a11); a12 = c2.fma(p, a12); a13 = c3.fma(p, a13);
                p = DoubleVector.broadcast(S, x[o2 + j]);
                a20 = c0.fma(p, a20); a21 = c1.fma(p, a21); a22 = c2.fma(p, a22); a23 = c3.fma(p, a23);
                p = DoubleVector.broadcast(S, x[o3 + j]);
                a30 = c0.fma(p, a30); a31 = c1.fma(p, a31); a32 = c2.fma(p, a32); a33 = c3.fma(p, a33);
                p = DoubleVector.broadcast(S, x[o4 + j]);
                a40 = c0.fma(p, a40); a41 = c1.fma(p, a41); a42 = c2.fma(p, a42); a43 = c3.fma(p, a43);
                p = DoubleVector.broadcast(S, x[o5 + j]);
                a50 = c0.fma(p, a50); a51 = c1.fma(p, a51); a52 = c2.fma(p, a52); a53 = c3.fma(p, a53);
            }
            a00.max(a01).max(a02.max(a03)).intoArray(lm, r * L);
            a10.max(a11).max(a12.max(a13)).intoArray(lm, (r + 1) * L);
            a20.max(a21).max(a22.max(a23)).intoArray(lm, (r + 2) * L);
            a30.max(a31).max(a32.max(a33)).intoArray(lm, (r + 3) * L);
            a40.max(a41).max(a42.max(a43)).intoArray(lm, (r + 4) * L);
            a50.max(a51).max(a52.max(a53)).intoArray(lm, (r + 5) * L);
        }
    }

    public static void main(String[] args) {
        int n = 262_144, d = 32, k = 32;
        boolean six = args.length > 0 && args[0].equals("6");
        RowMatrix m = (RowMatrix) Blobs.generate(n, d, k, 1, Layout.ROWS).x();
        double[] ct = new double[d * k];
        double[] st = new double[k];
        for (int q = 0; q < k; q++) {
            double s2 = 0;
            for (int j = 0; j < d; j++) {
                double v = m.get(q * (n / k), j);
                ct[j * k + q] = v;
                s2 += v * v;
            }
            st[q] = -0.5 * s2;
        }
        double[] lm = new double[4200 * L];
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < 10; it++) {
                for (int f = 0; f + 4092 <= n; f += 4092) {
                    if (six) {
                        tile6(m.data(), f * d, 4092, d, ct, st, k, lm);
                    } else {
                        tile4(m.data(), f * d, 4092, d, ct, st, k, lm);
                    }
                    sink += lm[7];
                }
            }
            double t = (System.nanoTime() - t0) / 10e9;
            System.out.printf("tile %s: %.2f ms per pass, %.1f GFLOP/s%n", six ? "6x4" : "4x4", t * 1e3,
                    2.0 * n * k * d / t / 1e9);
        }
    }
}
