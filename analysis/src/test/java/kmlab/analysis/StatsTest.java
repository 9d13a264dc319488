package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        Stats.Estimate e = Stats.medianCi(new double[] {2, 2, 2, 2});
        assertEquals(2.0, e.value());
        assertEquals(2.0, e.low());
        assertEquals(2.0, e.high());
        assertEquals(4, e.count());
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
