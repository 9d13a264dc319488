package kmlab.fit;

/**
 * Distance bounds with margins for rounding, so that a pruned row provably keeps the label the
 * scalar reference would give it. The algorithms that prune (Hamerly, Elkan, the pruned k-means++)
 * keep bounds on true Euclidean distances; a label is decided by the reference's computed squared
 * distances D^ (s = fma(x_j - c_j, x_j - c_j, s), j ascending), the first centre on a tie. So a
 * bound must prove more than the real inequality: it must prove D^_c > D^_a, strictly.
 *
 * <p>Notation: u = 2^-53, g = gamma_{d+2} = (d+2) u / (1 - (d+2) u), delta_c = |x - c| exact,
 * eta = (d+1) 2^-1074.
 * <ul>
 * <li>The reference's error (as {@code NearTies} states it): |D^ - delta^2| <= g delta^2 + eta, the
 *     second term for results in the subnormal range (2^-1075 an operation).
 * <li>Order. If delta_c > (1 + 2g) delta_a + 2 sqrt(eta), then D^_c > D^_a: squaring,
 *     delta_c^2 >= (1 + 2g)^2 delta_a^2 + 4 eta >= delta_a^2 (1 + g) / (1 - g) + 2 eta / (1 - g)
 *     (g <= 1/4), which is (1 - g) delta_c^2 - eta > (1 + g) delta_a^2 + eta.
 * <li>{@link #upper}(D^) = sqrt(D^) hi + a >= delta and {@link #lower}(D^) = sqrt(D^) lo - a <= delta,
 *     with hi, lo = 1 -+ 2 (2g + 8u) and a = 4 sqrt(eta): delta <= (sqrt(D^) + sqrt(eta)) (1 + g)
 *     and delta >= (sqrt(D^) - sqrt(eta)) (1 - g), and the factor 2 covers the roundings of sqrt,
 *     the product and the sum (u each). D^ is capped at 2^1000 for the lower bound: an overflowed
 *     D^ (infinite) still proves delta^2 >= 2^1000.
 * <li>{@link #separated}(l, u): l > u f + e, f = 1 + 2 (2g + 8u), e = 8 sqrt(eta). With l <= delta_c
 *     and u >= delta_a this is the order's premise, with room for the two roundings of u f + e. With
 *     l a lower bound of half the distance between centres a and c instead (Hamerly's s(a), Elkan's
 *     half distances), delta_c >= |a - c| - delta_a > 2 (u f + e) - u >= (1 + 2g) delta_a + 2 sqrt(eta).
 * <li>A bound that follows a centre that moved by at most m ({@link #upper} of its computed move):
 *     fma(u, UP, m UP) >= u + m, and fma(l, DOWN, -m) is at most l - m or else negative (a valid
 *     lower bound of any distance): with UP, DOWN = 1 -+ 4u, (1 + 4u)(1 - u)^2 >= 1 and
 *     (l (1 - 4u) - m)(1 + u) <= l - m. So no error grows with the iterations.
 * </ul>
 * The order also needs D^_a finite, which holds where u < 2^500; from there on nothing is
 * separated (D^_c may overflow too, and two infinite distances tie). NaN anywhere makes every
 * comparison false: such a row is always measured again. Below 2^-1000
 * the roundings are absolute, not relative, but no bound that small passes a test, e being above
 * 2^-540. The bounds hold while (d + 2) u <= 1/64 (d up to 10^14); beyond, hi is infinite and nothing
 * is pruned.
 */
final class Bounds {
    /** fma(upper, UP, move * UP) bounds upper + move from above. */
    static final double UP = 1 + 0x1p-51;
    /** fma(lower, DOWN, -move) bounds lower - move from below. */
    static final double DOWN = 1 - 0x1p-51;
    private static final double U = 0x1p-53;
    private static final double CAP = 0x1p1000;
    /** Below it D^_a cannot overflow (delta_a^2 < 2^1000), which the order's proof needs. */
    private static final double LIMIT = 0x1p500;

    private final double hi;
    private final double lo;
    private final double a;
    private final double f;
    private final double e;

    Bounds(int d) {
        this(1 + rel(d), 1 - rel(d), 4 * rootEta(d), 1 + rel(d), 8 * rootEta(d));
    }

    private Bounds(double hi, double lo, double a, double f, double e) {
        this.hi = hi;
        this.lo = lo;
        this.a = a;
        this.f = f;
        this.e = e;
    }

    /**
     * For tests only: the textbook bounds, sqrt(D^) taken for the true distance and no margin (a
     * lower bound need only exceed the upper one), to show what the margins are for.
     */
    static Bounds textbook() {
        return new Bounds(1, 1, 0, 1, 0);
    }

    private static double rel(int d) {
        return 2 * (2 * gamma(d + 2) + 8 * U);
    }

    private static double rootEta(int d) {
        return Math.sqrt(d + 1.0) * 0x1p-537;
    }

    /** gamma_n = n u / (1 - n u), infinite where the bounds are not claimed (n u > 1/64). */
    static double gamma(int n) {
        double nu = n * U;
        return nu <= 1.0 / 64 ? nu / (1 - nu) : Double.POSITIVE_INFINITY;
    }

    /** An upper bound of the true distance whose reference square is {@code dsq}. */
    double upper(double dsq) {
        return Math.sqrt(dsq) * hi + a;
    }

    /** A lower bound of the true distance whose reference square is {@code dsq} (may be negative). */
    double lower(double dsq) {
        return Math.sqrt(Math.min(dsq, CAP)) * lo - a;
    }

    /**
     * What a lower bound must exceed to separate a centre from one within {@code upper} of the row;
     * +inf (nothing separates) from {@link #LIMIT} on or for NaN.
     */
    double threshold(double upper) {
        return upper < LIMIT ? upper * f + e : Double.POSITIVE_INFINITY;
    }

    /**
     * Whether {@code lower}, a lower bound of the distance to centre c (or of half the distance
     * between c and a), proves D^_c > D^_a for a row within {@code upper} of centre a.
     */
    boolean separated(double lower, double upper) {
        return lower > threshold(upper);
    }
}
