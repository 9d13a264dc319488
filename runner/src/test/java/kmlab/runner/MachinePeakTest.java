package kmlab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The peak meter's loops must compute what they claim (their speed is a benchmark, not a test). */
class MachinePeakTest {
    @Test
    void vectorSumMatchesPlainSumOnAwkwardRanges() {
        double[] a = new double[1_003];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 7919) % 101 - 50;
        }
        for (int[] r : new int[][] {{0, 1_003}, {3, 997}, {5, 6}, {0, 0}, {31, 64}}) {
            double want = 0;
            for (int i = r[0]; i < r[1]; i++) {
                want += a[i];
            }
            assertEquals(want, MachinePeak.sum(a, r[0], r[1]), 0.0, r[0] + ".." + r[1]);
        }
    }

    @Test
    void fmaLoopsComputeTheRecurrence() {
        // a <- a * 0.999999 + 1e-7 from a0 = 1..16, summed over accumulators and lanes
        double want = 0;
        for (int a = 1; a <= 16; a++) {
            double v = a;
            for (int i = 0; i < 3; i++) {
                v = Math.fma(v, 0.999999, 1e-7);
            }
            want += v;
        }
        int lanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        assertEquals(want * lanes, MachinePeak.fmaDouble(3), 1e-9);
        assertEquals(want * jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length(), MachinePeak.fmaFloat(3), 1e-2);
    }
}
