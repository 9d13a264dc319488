package kmlab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Fma#fma} against the JDK's Math.fma, bit for bit, on the JVM (whose doubles are JavaScript's). */
class FmaTest {
    private static void same(double a, double b, double c) {
        long want = Double.doubleToRawLongBits(Math.fma(a, b, c));
        long got = Double.doubleToRawLongBits(Fma.fma(a, b, c));
        if (want != got) {
            assertEquals(Math.fma(a, b, c), Fma.fma(a, b, c), "fma(" + a + ", " + b + ", " + c + ")");
            assertEquals(want, got, "fma(" + a + ", " + b + ", " + c + ") bits");
        }
    }

    @Test
    void theDistanceLoopsOperands() {
        // what the kernels compute: s = fma(diff, diff, s), coordinates of a few units, six decimals
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 2_000_000; i++) {
            double diff = Math.round((r.nextDouble() * 6 - 3) * 1e6) / 1e6 - (r.nextDouble() * 6 - 3);
            double s = r.nextDouble() * 10;
            same(diff, diff, s);
            same(diff, diff, 0);
        }
    }

    @Test
    void randomBitsAndHardCases() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 2_000_000; i++) {
            double a = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(80) - 40);
            double b = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(80) - 40);
            // c near -a b: cancellation; and c half an ulp of a b away: ties of the final rounding
            double p = a * b;
            same(a, b, -p);
            same(a, b, Math.ulp(p) / 2);
            same(a, b, -Math.ulp(p) / 2);
            same(a, b, Math.ulp(p) * 0.75);
            same(a, b, (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(120) - 60));
            same(a, a, Math.scalb(1.0, r.nextInt(40) - 20));
        }
    }

    @Test
    void specialsAndExtremes() {
        double[] v = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0x1p600, 0x1p-600,
            1 + Math.ulp(1.0), 3.0, 1e-300, 1e300};
        for (double a : v) {
            for (double b : v) {
                for (double c : v) {
                    same(a, b, c);
                }
            }
        }
    }
}
