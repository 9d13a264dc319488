package kmlab.fit;

import static kmlab.fit.DriverTest.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.kernel.ChunkSums;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hamerly and Elkan give Lloyd's fit bit for bit: labels, centres, inertia, iterations and
 * converged, from the same seed on the same driver.
 */
class ExactAlgorithmsTest {
    static final List<Algorithm> ACCELERATED = List.of(Hamerly.INSTANCE, Elkan.INSTANCE);

    static Stream<Arguments> kernels() {
        List<Arguments> out = new ArrayList<>();
        int c = 0;
        for (KernelKind kind : KernelKind.values()) {
            for (Precision p : Precision.values()) {
                if (Kernels.supports(kind, p)) {
                    for (Layout layout : Layout.values()) {
                        out.add(Arguments.of(kind, p, layout, 1 + c++ % 3));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} threads={3}")
    @MethodSource("kernels")
    void everyKernelLayoutAndPrecision(KernelKind kind, Precision precision, Layout layout, int threads) {
        try (Workers w = Workers.of(threads)) {
            for (int d : new int[] {1, 3, 8, 33, 64}) {
                for (double std : new double[] {1, 4}) {
                    Matrix x = DriverTest.withDuplicates(Blobs.generate(700, d, 9, std, d * 10L + (long) std,
                            layout).x(), layout);
                    KMeans lloyd = new KMeans(Kernels.create(kind, x, precision), w, new FitOptions(1e-4, 300, 128));
                    for (int k : new int[] {1, 2, 9, 25, 64}) {
                        assertLloyds(lloyd, k, 5, kind + "/" + precision + "/" + layout + " d=" + d + " std=" + std);
                    }
                }
            }
        }
    }

    /**
     * Integer rows (exact ties, duplicates, empty clusters to relocate) and k = n (every row a
     * centre, duplicated rows among them), on each layout with the kernel of its native reading.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernels")
    void tiesDuplicatesAndEveryRowACentre(KernelKind kind, Precision precision, Layout layout, int threads) {
        try (Workers w = Workers.of(threads)) {
            for (int d : new int[] {1, 3, 8}) {
                Matrix x = Matrix.copyOf(integerGrid(600, d, new SplittableRandom(d)), layout, null);
                KMeans lloyd = new KMeans(Kernels.create(kind, x, precision), w, new FitOptions(1e-4, 300, 64));
                for (int k : new int[] {3, 16, 40}) {
                    assertLloyds(lloyd, k, d, "integers " + kind + "/" + precision + "/" + layout + " d=" + d);
                }
            }
            Matrix small = DriverTest.withDuplicates(Blobs.generate(40, 3, 4, 2, 1, layout).x(), layout);
            KMeans lloyd = new KMeans(Kernels.create(kind, small, precision), w, new FitOptions(1e-4, 300, 16));
            assertLloyds(lloyd, small.n(), 3, "k = n " + kind + "/" + precision + "/" + layout);
        }
    }

    /** Counts Lloyd's passes: its distances must be n x k each, plus the seeding's. */
    static final class CountingLloyd implements Algorithm {
        int passes;

        @Override
        public String label() {
            return "counting";
        }

        @Override
        public Instance start(KMeans driver, int k) {
            Instance lloyd = Lloyd.INSTANCE.start(driver, k);
            return new Instance() {
                @Override
                public ChunkSums assign(double[] centres, int[] labels) {
                    passes++;
                    return lloyd.assign(centres, labels);
                }

                @Override
                public long distances() {
                    return lloyd.distances();
                }
            };
        }
    }

    /**
     * Lloyd counts n x k a pass plus the seeding's; Hamerly and Elkan, the same seeding, count at
     * most 60% of Lloyd's passes' (measured: 50% where a separated fit converges in two passes,
     * 3.5-24% at k = 32, separated or not).
     */
    @Test
    void distancesAreCountedAndPruned() {
        for (double std : new double[] {1, 4}) {
            Matrix x = Blobs.generate(20_000, 8, 16, std, 3, Layout.ROWS).x();
            try (Workers w = Workers.of(2)) {
                KMeans km = new KMeans(Kernels.create(KernelKind.GEMM, x), w, FitOptions.DEFAULT);
                for (int k : new int[] {1, 4, 16, 32}) {
                    CountingLloyd counting = new CountingLloyd();
                    FitResult lloyd = km.using(counting).fit(k, 1);
                    long seeding = km.seeds(k, 1).distances();
                    assertEquals(seeding, lloyd.seedDistances(), "k=" + k);
                    assertEquals(seeding + (long) counting.passes * x.n() * k, lloyd.distances(), "k=" + k);
                    assertTrue(counting.passes >= lloyd.iterations(), "k=" + k);
                    for (Algorithm alg : ACCELERATED) {
                        FitResult got = km.using(alg).fit(k, 1);
                        String what = alg.label() + " std=" + std + " k=" + k;
                        assertArrayEquals(lloyd.labels(), got.labels(), what);
                        assertEquals(seeding, got.seedDistances(), what);
                        long pruned = got.distances() - seeding;
                        long all = lloyd.distances() - seeding;
                        // the first pass measures every pair; a fit that converges in two leaves half
                        assertTrue(k < 4 || pruned <= 0.6 * all, what + ": " + pruned + " of " + all);
                    }
                }
            }
        }
    }

    /** Each accelerated algorithm's fit on {@code lloyd}'s driver against Lloyd's, bitwise. */
    static void assertLloyds(KMeans lloyd, int k, long seed, String what) {
        FitResult want = lloyd.fit(k, seed);
        for (Algorithm alg : ACCELERATED) {
            FitResult got = lloyd.using(alg).fit(k, seed);
            String w = alg.label() + " " + what + " k=" + k;
            assertArrayEquals(want.labels(), got.labels(), w + " labels");
            assertBitwise(want.centres(), got.centres(), w + " centres");
            assertEquals(Double.doubleToRawLongBits(want.inertia()), Double.doubleToRawLongBits(got.inertia()),
                    w + " inertia");
            assertEquals(want.iterations(), got.iterations(), w + " iterations");
            assertEquals(want.converged(), got.converged(), w + " converged");
            assertEquals(want.seedDistances(), got.seedDistances(), w + " seeding");
            assertTrue(got.distances() > got.seedDistances() || k == 0, w);
        }
    }

    /**
     * The bounds at their tightest: passes from given centres, which then move by -1..1 ulp a
     * coordinate per step (now and then one jumps elsewhere), beside the scalar pass: labels, sums,
     * counts and changed must be its own. Two kinds of rows: integers, with integer centres (exact
     * ties everywhere); and the floating-point midpoints of pairs of centres about 1 apart, where
     * the reference's rounding, not the exact distances, orders the two. The textbook bounds
     * (sqrt(D^) taken for the distance, no margin) label some of those rows otherwise: the margins
     * are what the equality rests on.
     */
    @Test
    void passesAtTheTiesAreTheReferencePasses() {
        int textbookDiffers = 0;
        for (int d : new int[] {1, 2, 3, 8}) {
            for (boolean grid : new boolean[] {true, false}) {
                SplittableRandom rnd = new SplittableRandom(d);
                double[] pairs = new double[12 * d];
                Matrix x = grid ? integerGrid(801, d, rnd) : midpoints(801, d, pairs, rnd);
                try (Workers w = Workers.of(1 + d % 2)) {
                    KMeans driver = new KMeans(Kernels.create(KernelKind.SCALAR, x), w, new FitOptions(1e-4, 300, 100));
                    for (int k : new int[] {2, 5, 12}) {
                        double[] start = grid ? integers(k * d, rnd) : Arrays.copyOf(pairs, k * d);
                        String what = (grid ? "integers" : "midpoints") + " d=" + d + " k=" + k;
                        assertEquals(0, nudged(x, start, Hamerly.INSTANCE.start(driver, k), driver, true, what));
                        assertEquals(0, nudged(x, start, Elkan.INSTANCE.start(driver, k), driver, true, what));
                        textbookDiffers += nudged(x, start, Hamerly.INSTANCE.start(driver, k, Bounds.textbook()),
                                driver, false, what);
                        textbookDiffers += nudged(x, start, Elkan.INSTANCE.start(driver, k, Bounds.textbook()),
                                driver, false, what);
                    }
                }
            }
        }
        assertTrue(textbookDiffers > 0, "the textbook bounds gave the reference's labels: the test is too easy");
    }

    /**
     * 40 passes of {@code fit} beside the scalar kernel's, from {@code start}; the labels that
     * differed (asserting, when {@code strict}, that none did and that the sums agreed).
     */
    static int nudged(Matrix x, double[] start, Algorithm.Instance fit, KMeans driver, boolean strict, String what) {
        int d = x.d();
        int k = start.length / d;
        SplittableRandom rnd = new SplittableRandom(k * 31L + d);
        AssignPass ref = new AssignPass(Kernels.create(KernelKind.SCALAR, x), driver.workers(), driver.chunks(), k);
        double[] centres = start.clone();
        int[] want = new int[x.n()];
        int[] got = new int[x.n()];
        Arrays.fill(want, -1);
        Arrays.fill(got, -1);
        int differs = 0;
        for (int step = 0; step < 40; step++) {
            ChunkSums a = copy(ref.run(centres, want), k, d);
            ChunkSums b = fit.assign(centres, got);
            for (int i = 0; i < x.n(); i++) {
                if (want[i] != got[i]) {
                    differs++;
                    got[i] = want[i]; // go on from the reference's labels
                }
            }
            if (strict) {
                assertEquals(0, differs, what + " step " + step + " labels");
                assertArrayEquals(a.counts, b.counts, what + " counts");
                assertEquals(a.changed, b.changed, what + " changed");
                assertBitwise(a.sums, b.sums, what + " sums");
            }
            double[] next = centres.clone();
            for (int i = 0; i < next.length; i++) {
                int s = rnd.nextInt(-1, 2);
                next[i] = s > 0 ? Math.nextUp(next[i]) : s < 0 ? Math.nextDown(next[i]) : next[i];
            }
            if (step % 7 == 6) {
                x.copyRow(rnd.nextInt(x.n()), next, rnd.nextInt(k) * d);
            }
            fit.moved(centres, next);
            centres = next;
        }
        return differs;
    }

    static ChunkSums copy(ChunkSums s, int k, int d) {
        ChunkSums c = new ChunkSums(k, d);
        System.arraycopy(s.sums, 0, c.sums, 0, s.sums.length);
        System.arraycopy(s.counts, 0, c.counts, 0, k);
        c.changed = s.changed;
        return c;
    }

    static double[] integers(int size, SplittableRandom rnd) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rnd.nextInt(5);
        }
        return v;
    }

    /**
     * n rows, each the floating-point midpoint (a + b) / 2 of one of the pairs of centres written
     * into {@code pairs} (a, b at rows 2p, 2p + 1; coordinates in (-1, 1) around a centre in (-1, 1)).
     */
    static Matrix midpoints(int n, int d, double[] pairs, SplittableRandom rnd) {
        int count = pairs.length / d / 2;
        for (int p = 0; p < count; p++) {
            for (int j = 0; j < d; j++) {
                double m = rnd.nextDouble(-1, 1);
                double v = rnd.nextDouble(-1, 1);
                pairs[2 * p * d + j] = m - v;
                pairs[(2 * p + 1) * d + j] = m + v;
            }
        }
        Matrix.Builder b = Matrix.builder(Layout.ROWS, n, d);
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            int p = rnd.nextInt(count);
            for (int j = 0; j < d; j++) {
                row[j] = (pairs[2 * p * d + j] + pairs[(2 * p + 1) * d + j]) / 2;
            }
            b.add(null, row);
        }
        return b.build();
    }

    /** n rows of integers in [0, 4], each twice (duplicate points), rows layout. */
    static Matrix integerGrid(int n, int d, SplittableRandom rnd) {
        Matrix.Builder b = Matrix.builder(Layout.ROWS, n, d);
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                for (int j = 0; j < d; j++) {
                    row[j] = rnd.nextInt(5);
                }
            }
            b.add(null, row);
        }
        return b.build();
    }
}
