package kmlab.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Medians, means and percentile-bootstrap confidence intervals, NaN-free inputs assumed. */
public final class Stats {
    /**
     * The fewest values (pairs, runs, forks) an interval is drawn from: from 3 a 95% percentile
     * bootstrap is little more than their range, from 1 it is a point. Below it an estimate has its
     * value but no interval, and no crossover rests on it.
     */
    public static final int MIN_REPEATS = 5;
    /** Resamples per interval: enough for a stable 2.5th/97.5th percentile. */
    static final int RESAMPLES = 4000;
    /** Fixed, so that a report regenerates to the same figures. */
    private static final long SEED = 20261124L;

    private Stats() {
    }

    public static double median(double[] v) {
        return quantile(v, 0.5);
    }

    public static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    /** Linear interpolation between order statistics (numpy's default). */
    public static double quantile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /**
     * An estimate with its 95% percentile-bootstrap interval over the values; low and high are NaN
     * where the count is below {@link #MIN_REPEATS}.
     */
    public record Estimate(double value, double low, double high, int count) {
        /** Whether the interval lies above x: never where there is no interval. */
        public boolean above(double x) {
            return low > x;
        }

        public boolean hasInterval() {
            return !Double.isNaN(low);
        }
    }

    public static Estimate medianCi(double[] v) {
        return bootstrap(v, Stats::median);
    }

    public static Estimate meanCi(double[] v) {
        return bootstrap(v, Stats::mean);
    }

    /**
     * The ratio median(other) / median(base) of two independent samples (runs of two folders, not
     * pairs), with its 95% percentile-bootstrap interval: each sample resampled on its own.
     */
    public static Estimate ratioOfMediansCi(double[] base, double[] other) {
        return bootstrap(new double[][] {base, other}, s -> median(s[1]) / median(s[0]));
    }

    static Estimate bootstrap(double[] v, ToDoubleFunction<double[]> statistic) {
        return bootstrap(new double[][] {v}, s -> statistic.applyAsDouble(s[0]));
    }

    /**
     * A statistic of independent samples with its 95% percentile-bootstrap interval: each resample
     * draws every sample anew from its own values, in order, from the one fixed seed (one sample
     * draws exactly as it always has). The count is the smallest sample's.
     */
    static Estimate bootstrap(double[][] samples, ToDoubleFunction<double[][]> statistic) {
        int count = Arrays.stream(samples).mapToInt(v -> v.length).min().orElse(0);
        if (count == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        if (count < MIN_REPEATS) {
            return new Estimate(statistic.applyAsDouble(samples), Double.NaN, Double.NaN, count);
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        double[] stats = new double[RESAMPLES];
        double[][] drawn = new double[samples.length][];
        for (int s = 0; s < samples.length; s++) {
            drawn[s] = new double[samples[s].length];
        }
        for (int b = 0; b < RESAMPLES; b++) {
            for (int s = 0; s < samples.length; s++) {
                double[] v = samples[s];
                for (int i = 0; i < v.length; i++) {
                    drawn[s][i] = v[rnd.nextInt(v.length)];
                }
            }
            stats[b] = statistic.applyAsDouble(drawn);
        }
        return new Estimate(statistic.applyAsDouble(samples), quantile(stats, 0.025), quantile(stats, 0.975), count);
    }
}
