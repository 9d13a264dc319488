package org.teavm.classlib.java.util;

/**
 * {@code java.util.SplittableRandom} for the browser demo, which TeaVM's class library lacks: found
 * by TeaVM's substitution rule (package {@code org.teavm.classlib.} + the JDK's, class name with a
 * {@code T}), compiled in place of the JDK's. Only what kmlab's generators and seedings call, and the
 * JDK's numbers exactly: SplitMix64 (a seed advanced by a gamma, 0x9e3779b97f4a7c15 for a seeded
 * generator, and Stafford's mix functions, variant 13 for longs and the high half of variant 4 for
 * ints), a bounded int by the JDK's rejection of over-represented values, a double from the top 53
 * bits of a long. {@code SplittableRandomTest} checks it against the JDK's on the JVM.
 */
public final class TSplittableRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private final long gamma;

    public TSplittableRandom(long seed) {
        this.seed = seed;
        this.gamma = GOLDEN_GAMMA;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private long nextSeed() {
        seed += gamma;
        return seed;
    }

    public int nextInt() {
        return mix32(nextSeed());
    }

    public long nextLong() {
        return mix64(nextSeed());
    }

    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        int m = bound - 1;
        int r = nextInt();
        if ((bound & m) == 0) {
            return r & m;
        }
        int u = r >>> 1;
        while (u + m - (r = u % bound) < 0) {
            u = nextInt() >>> 1;
        }
        return r;
    }

    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
