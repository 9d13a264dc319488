package kmlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The reference's distances from single rows with centres in lanes: the centres transposed to
 * {@code ct[j * kp + c]} (kp = k in whole vectors, the padding zero), one coordinate of the row
 * broadcast against a vector of centres, so each lane runs the reference's own sequence (sub, then
 * fma over j ascending from 0) and {@link #all} is bitwise {@link ScalarMeasure}'s. Two centre
 * vectors a loop, two independent FMA chains. A single distance ({@link #one}) is the scalar loop:
 * it has nothing to put in lanes without reordering the sum.
 */
final class VectorMeasure implements Kernel.Measure {
    private static final VectorSpecies<Double> S = VectorWidth.Species.DOUBLE;
    private static final int L = S.length();

    private final double[] centres;
    private final double[] ct;
    private final int k;
    private final int kp;
    private final int d;

    VectorMeasure(double[] centres, int k, int d) {
        this.centres = centres;
        this.k = k;
        this.d = d;
        this.kp = (k + L - 1) / L * L;
        this.ct = new double[kp * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                ct[j * kp + c] = centres[c * d + j];
            }
        }
    }

    @Override
    public double one(double[] x, int xo, int c) {
        return ScalarKernel.distanceSq(x, xo, centres, c * d, d);
    }

    @Override
    public void all(double[] x, int xo, double[] out) {
        int cb = 0;
        for (; cb + 2 * L <= kp; cb += 2 * L) {
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            for (int j = 0; j < d; j++) {
                DoubleVector xj = DoubleVector.broadcast(S, x[xo + j]);
                DoubleVector t0 = xj.sub(DoubleVector.fromArray(S, ct, j * kp + cb));
                DoubleVector t1 = xj.sub(DoubleVector.fromArray(S, ct, j * kp + cb + L));
                a0 = t0.fma(t0, a0);
                a1 = t1.fma(t1, a1);
            }
            a0.intoArray(out, cb, S.indexInRange(cb, k));
            a1.intoArray(out, cb + L, S.indexInRange(cb + L, k));
        }
        if (cb < kp) {
            DoubleVector a = DoubleVector.zero(S);
            for (int j = 0; j < d; j++) {
                DoubleVector t = DoubleVector.broadcast(S, x[xo + j]).sub(DoubleVector.fromArray(S, ct, j * kp + cb));
                a = t.fma(t, a);
            }
            VectorMask<Double> valid = S.indexInRange(cb, k);
            a.intoArray(out, cb, valid);
        }
    }
}
