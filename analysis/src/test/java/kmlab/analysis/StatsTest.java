package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianAndQuantilesInterpolateAsNumpy() {
        assertEquals(2.0, Stats.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
        assertEquals(1.75, Stats.quantile(new double[] {1, 2, 3, 4}, 0.25), 1e-12);
        assertEquals(2.5, Stats.mean(new double[] {1, 2, 3, 4}));
        assertTrue(Double.isNaN(Stats.median(new double[0])));
    }

    @Test
    void aConstantSampleHasAZeroWidthInterval() {
        Stats.Estimate e = Stats.medianCi(new double[] {2, 2, 2, 2, 2});
        assertEquals(2.0, e.value());
        assertEquals(2.0, e.low());
        assertEquals(2.0, e.high());
        assertEquals(5, e.count());
    }

    @Test
    void fewerThanFiveValuesGiveTheValueButNoInterval() {
        for (int n = 1; n < Stats.MIN_REPEATS; n++) {
            double[] v = new double[n];
            java.util.Arrays.setAll(v, i -> 1.0 + i);
            Stats.Estimate e = Stats.medianCi(v);
            assertEquals(Stats.median(v), e.value());
            assertFalse(e.hasInterval(), n + " values");
            assertFalse(e.above(0.0), "no interval lies above anything");
            assertEquals(n, e.count());
            assertEquals(n == 1 ? "1.00x (not enough repeats: 1 pair)" : "%.2fx (not enough repeats: %d pairs)"
                    .formatted(e.value(), n), Format.ratio(e));
        }
        Stats.Estimate five = Stats.medianCi(new double[] {1, 2, 3, 4, 5});
        assertTrue(five.hasInterval());
        assertEquals("3.00x [", Format.ratio(five).substring(0, 7));
        // two independent samples: the smaller one counts
        assertFalse(Stats.ratioOfMediansCi(new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 2, 3, 4}).hasInterval());
    }

    @Test
    void theIntervalOfAMeanCoversTheTrueMeanAtAboutTheNominalRate() {
        Random rnd = new Random(7);
        int covered = 0;
        int trials = 200;
        for (int t = 0; t < trials; t++) {
            double[] v = new double[40];
            for (int i = 0; i < v.length; i++) {
                v[i] = 1.5 + rnd.nextGaussian();
            }
            Stats.Estimate e = Stats.meanCi(v);
            assertTrue(e.low() <= e.value() && e.value() <= e.high());
            if (e.low() <= 1.5 && 1.5 <= e.high()) {
                covered++;
            }
        }
        // 95% nominal; the percentile bootstrap runs a little under it at n = 40
        assertTrue(covered >= 170 && covered <= 200, covered + " of " + trials);
    }

    @Test
    void intervalsAreReproducible() {
        double[] v = {1.1, 0.9, 1.4, 1.3, 1.0, 1.2};
        assertEquals(Stats.medianCi(v), Stats.medianCi(v));
    }
}
