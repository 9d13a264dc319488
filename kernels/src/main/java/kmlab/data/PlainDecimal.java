package kmlab.data;

/**
 * The exact fast path for the numbers a CSV of measurements mostly holds: {@code [-]digits[.digits]}
 * with at most 18 significant digits, no exponent. When the digits as an integer m are below 2^53 and there are
 * at most 22 of them after the point, m and 10^f are both exact doubles and one IEEE division
 * m / 10^f is the correctly rounded value (Clinger's fast path, as every exact parser uses it), so
 * the result is bitwise what a full parser gives. Anything else is left to the full parser.
 */
final class PlainDecimal {
    /** Returned for text this path does not handle; no handled text parses to NaN. */
    static final double UNHANDLED = Double.NaN;

    private static final long EXACT_LIMIT = 1L << 53;
    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p; // 10^0 .. 10^22 are all exact doubles
            p *= 10;
        }
    }

    private PlainDecimal() {
    }

    /** The value of {@code b[from, to)}, or {@link #UNHANDLED}. */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        long m = 0;
        boolean anyDigit = false;
        int digits = 0; // significant: leading zeros do not count
        int fraction = -1; // digits after the point, -1 before the point is seen
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                m = m * 10 + (c - '0');
                anyDigit = true;
                if (m != 0) {
                    digits++;
                }
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return UNHANDLED;
            }
        }
        if (!anyDigit || digits > 18 || m >= EXACT_LIMIT || fraction > 22) {
            return UNHANDLED;
        }
        double v = fraction > 0 ? m / POWERS[fraction] : m;
        return negative ? -v : v;
    }
}
