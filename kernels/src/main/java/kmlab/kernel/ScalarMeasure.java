package kmlab.kernel;

/** The reference's distances from single rows, in plain loops ({@link ScalarKernel#distanceSq}'s sequence). */
final class ScalarMeasure implements Kernel.Measure {
    private final double[] centres;
    private final int k;
    private final int d;

    ScalarMeasure(double[] centres, int k, int d) {
        this.centres = centres;
        this.k = k;
        this.d = d;
    }

    @Override
    public double one(double[] x, int xo, int c) {
        return ScalarKernel.distanceSq(x, xo, centres, c * d, d);
    }

    @Override
    public void all(double[] x, int xo, double[] out) {
        // two centres a loop, each its own fma chain (as ScalarKernel.nearest): the same bits, half the latency
        int c = 0;
        for (; c + 1 < k; c += 2) {
            int c0 = c * d;
            int c1 = c0 + d;
            double s0 = 0;
            double s1 = 0;
            for (int j = 0; j < d; j++) {
                double xj = x[xo + j];
                double d0 = xj - centres[c0 + j];
                double d1 = xj - centres[c1 + j];
                s0 = Math.fma(d0, d0, s0);
                s1 = Math.fma(d1, d1, s1);
            }
            out[c] = s0;
            out[c + 1] = s1;
        }
        if (c < k) {
            out[c] = ScalarKernel.distanceSq(x, xo, centres, c * d, d);
        }
    }
}
