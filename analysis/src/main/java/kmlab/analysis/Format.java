package kmlab.analysis;

import java.util.Locale;

/** How numbers read in the report: a few significant digits, intervals in brackets. */
final class Format {
    private Format() {
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.2g";
        return String.format(Locale.ROOT, f, v);
    }

    /** A paired ratio: {@code 1.32x [1.20, 1.41]}, or without its interval where there are too few pairs. */
    static String ratio(Stats.Estimate e) {
        return ratio(e, "pairs");
    }

    /** A ratio whose values are {@code unit} (pairs, runs). */
    static String ratio(Stats.Estimate e, String unit) {
        return Double.isNaN(e.value()) ? "-" : e.hasInterval()
                ? String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", e.value(), e.low(), e.high())
                : String.format(Locale.ROOT, "%.2fx (%s)", e.value(), tooFew(e.count(), unit));
    }

    /** Why an estimate has no interval (and a crossover no n*): the rule of {@link Stats#MIN_REPEATS}. */
    static String tooFew(int count, String unit) {
        return "not enough repeats: " + count + " " + (count == 1 ? unit.replaceAll("s$", "") : unit);
    }

    /** A time in milliseconds with its interval, or the reason it has none. */
    static String millis(Stats.Estimate e, String unit) {
        return e.hasInterval() ? String.format(Locale.ROOT, "%s [%s, %s]", num(e.value() * 1e3), num(e.low() * 1e3),
                num(e.high() * 1e3)) : num(e.value() * 1e3) + " (" + tooFew(e.count(), unit) + ")";
    }

    static String rows(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
