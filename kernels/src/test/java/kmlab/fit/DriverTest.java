package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.kernel.ChunkSums;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The driver with other seedings and algorithms plugged in: an algorithm written as one class over
 * {@link AssignPass}'s chunked reduction (as Hamerly and Elkan will be) gives Lloyd's fit bitwise,
 * on any kernel, thread count and awkward shape, and sees every centre move; a seeding without
 * k-means++'s prefix property shares nothing in a sweep.
 */
class DriverTest {
    /**
     * Lloyd's assignment in plain loops through the driver's own pieces, not the kernel's pass: the
     * reference's distance ({@link Matrix#distanceSq}), the first of equal distances, rows added in
     * row order. Records each move of the centres.
     */
    static final class PlainAssign implements Algorithm {
        final List<double[]> moves = new ArrayList<>();

        @Override
        public String label() {
            return "plain";
        }

        @Override
        public Instance start(KMeans driver, int k) {
            Matrix x = driver.data();
            int d = x.d();
            AssignPass pass = new AssignPass(driver.kernel(), driver.workers(), driver.chunks(), k);
            return new Instance() {
                long distances;

                @Override
                public ChunkSums assign(double[] centres, int[] labels) {
                    distances += (long) x.n() * k;
                    return pass.run((chunk, from, to, acc) -> {
                        double[] row = new double[d];
                        for (int i = from; i < to; i++) {
                            int best = 0;
                            double bestD = x.distanceSq(i, centres, 0);
                            for (int c = 1; c < k; c++) {
                                double dc = x.distanceSq(i, centres, c);
                                if (dc < bestD) {
                                    best = c;
                                    bestD = dc;
                                }
                            }
                            x.copyRow(i, row, 0);
                            acc.add(best, row, 0, d, labels[i] != best);
                            labels[i] = best;
                        }
                    });
                }

                @Override
                public void moved(double[] previous, double[] current) {
                    moves.add(previous.clone());
                    moves.add(current.clone());
                }

                @Override
                public long distances() {
                    return distances;
                }
            };
        }
    }

    static Stream<Arguments> shapes() {
        // n never a multiple of the chunk (100) or of a lane count; d = 1 .. 33; duplicate rows in the last
        return Stream.of(KernelKind.values()).flatMap(kind -> IntStream.of(1, 3, 7, 9, 33)
                .mapToObj(d -> Arguments.of(kind, Layout.values()[d % 3], d, 1 + d % 3)));
    }

    @ParameterizedTest(name = "{0} {1} d={2} threads={3}")
    @MethodSource("shapes")
    void aPluggedAlgorithmThatAssignsAsLloydGivesLloydsFitBitwise(KernelKind kind, Layout layout, int d, int threads) {
        Matrix x = withDuplicates(Blobs.generate(1_001, d, 6, d, layout).x(), layout);
        try (Workers w = Workers.of(threads)) {
            KMeans lloyd = new KMeans(Kernels.create(kind, x), w, new FitOptions(1e-4, 300, 100));
            PlainAssign plain = new PlainAssign();
            KMeans other = lloyd.using(plain);
            assertSame(plain, other.algorithm());
            assertSame(lloyd.chunks(), other.chunks());
            for (int k : new int[] {1, 2, 5, 9}) {
                plain.moves.clear();
                FitResult want = lloyd.fit(k, 3);
                FitResult got = other.fit(k, 3);
                String what = kind + " d=" + d + " k=" + k;
                assertArrayEquals(want.labels(), got.labels(), what);
                assertBitwise(want.centres(), got.centres(), what + " centres");
                assertEquals(Double.doubleToRawLongBits(want.inertia()), Double.doubleToRawLongBits(got.inertia()), what);
                assertEquals(want.iterations(), got.iterations(), what);
                assertEquals(want.converged(), got.converged(), what);
                // one move per iteration, each from the centres before to the centres after
                assertEquals(2 * got.iterations(), plain.moves.size(), what);
                assertBitwise(got.centres(), plain.moves.getLast(), what + " last move");
                for (int m = 2; m < plain.moves.size(); m += 2) {
                    assertBitwise(plain.moves.get(m - 1), plain.moves.get(m), what + " move " + m / 2);
                }
                // lloyd() stays Lloyd's whatever the driver's algorithm
                assertArrayEquals(want.labels(), other.lloyd(lloyd.seed(k, 3), k).labels(), what);
            }
        }
    }

    /** Every seventh row repeated at the end: exact duplicates, and ties between their copies' centres. */
    static Matrix withDuplicates(Matrix x, Layout layout) {
        int extra = x.n() / 7;
        Matrix.Builder b = Matrix.builder(layout, x.n() + extra, x.d());
        double[] row = new double[x.d()];
        for (int i = 0; i < x.n() + extra; i++) {
            x.copyRow(i < x.n() ? i : 7 * (i - x.n()), row, 0);
            b.add(null, row);
        }
        return b.build();
    }

    /** A seeding of its own: the first k rows (every k its own prefix group, as the default says). */
    record FirstRows() implements Initialization {
        @Override
        public double[] centres(KMeans driver, int k, long seed) {
            double[] c = new double[k * driver.d()];
            for (int q = 0; q < k; q++) {
                driver.data().copyRow((int) ((q + seed) % driver.data().n()), c, q * driver.d());
            }
            return c;
        }
    }

    @Test
    void aPluggedSeedingSeedsTheFitAndASweepAsksItForEveryK() {
        Matrix x = Blobs.generate(503, 3, 4, 1, Layout.ROWS).x();
        try (Workers w = Workers.of(2)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.SCALAR, x), w, FitOptions.DEFAULT).using(new FirstRows());
            double[] first = new double[4 * 3];
            for (int q = 0; q < 4; q++) {
                x.copyRow(q + 5, first, q * 3);
            }
            assertArrayEquals(first, km.seed(4, 5));
            FitResult fit = km.fit(4, 5);
            assertArrayEquals(km.lloyd(first, 4).labels(), fit.labels());
            int[] asked = new int[8];
            KMeans counting = km.using(new Initialization() {
                @Override
                public double[] centres(KMeans driver, int k, long seed) {
                    asked[k]++;
                    return new FirstRows().centres(driver, k, seed);
                }
            });
            SweepSeeds shared = new SweepSeeds(counting, new int[] {1, 2, 3, 4, 5, 6, 7}, 5, Seeding.SHARED);
            for (int k = 1; k <= 7; k++) {
                assertArrayEquals(new FirstRows().centres(km, k, 5), shared.centres(k), "k=" + k);
            }
            assertTrue(Arrays.stream(asked, 1, 8).allMatch(a -> a == 1), Arrays.toString(asked));
        }
    }

    static void assertBitwise(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), what + " [" + i + "]");
        }
    }
}
