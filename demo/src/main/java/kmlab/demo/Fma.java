package kmlab.demo;

import java.math.BigDecimal;

/**
 * {@link Math#fma(double, double, double)} for the browser, where TeaVM's class library has no fma
 * and JavaScript no fused operation: {@link FmaPlugin} sends every call of Math.fma in the compiled
 * code here. The result is the JDK's, the exact a x b + c rounded once to nearest even: the product
 * split exactly into two doubles (Dekker's product, Veltkamp's split), added to c exactly (Knuth's
 * two-sum), the low parts added with rounding to odd, and one rounding to nearest of the high part
 * and that sum; Boldo and Melquiond proved this correct in binary64 without underflow or overflow
 * ("Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd", IEEE
 * Trans. Computers 57(4), 2008). Operands outside the range where the split and the product are
 * exact take the JDK's own definition, BigDecimal. {@code FmaTest} checks it against Math.fma.
 */
public final class Fma {
    private static final double SPLIT = 134217729.0; // 2^27 + 1
    private static final double BIG = 0x1p500;
    private static final double TINY = 0x1p-900;

    private Fma() {
    }

    public static double fma(double a, double b, double c) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c)) {
            return Double.NaN;
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return a * b + c; // inf x 0 is NaN, inf + -inf NaN, as the JDK's
        }
        if (Double.isInfinite(c)) {
            return c; // a finite product, however large, does not change an infinite c
        }
        if (a == 0 || b == 0) {
            return a * b + c; // an exact zero product: c, or the sum of the signed zeros
        }
        double p = a * b;
        if (Math.abs(a) >= BIG || Math.abs(b) >= BIG || Math.abs(c) >= BIG || Math.abs(p) <= TINY) {
            return wide(a, b, c);
        }
        if (c == 0) {
            return p;
        }
        // the product exactly: p + e = a b
        double t = SPLIT * a;
        double ah = t - (t - a);
        double al = a - ah;
        t = SPLIT * b;
        double bh = t - (t - b);
        double bl = b - bh;
        double e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
        // c + p exactly: th + tl
        double th = c + p;
        double bv = th - c;
        double tl = (c - (th - bv)) - (bv - p); // = (c - (th - bv)) + (p - bv): see the class comment
        // tl + e rounded to odd
        double v = tl + e;
        double vb = v - tl;
        double err = (tl - (v - vb)) - (vb - e);
        if (err != 0) {
            long bits = Double.doubleToRawLongBits(v);
            if ((bits & 1) == 0) {
                // the neighbour of v on err's side: its last bit is odd
                bits += (v > 0) == (err > 0) ? 1 : -1;
                v = Double.longBitsToDouble(bits);
            }
        }
        return th + v;
    }

    /** The JDK's definition for the finite, non-zero operands of any size. */
    private static double wide(double a, double b, double c) {
        BigDecimal product = new BigDecimal(a).multiply(new BigDecimal(b));
        return c == 0 ? product.doubleValue() : product.add(new BigDecimal(c)).doubleValue();
    }
}
