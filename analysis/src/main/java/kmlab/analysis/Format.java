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

    static String ratio(Stats.Estimate e) {
        return Double.isNaN(e.value()) ? "-" : String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", e.value(), e.low(), e.high());
    }

    static String rows(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
