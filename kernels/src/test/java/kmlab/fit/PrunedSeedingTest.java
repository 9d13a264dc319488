package kmlab.fit;

import static kmlab.fit.DriverTest.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pruned k-means++ gives the unpruned seeding's centres bit for bit (the potentials that pick
 * each centre are the same sums), with fewer distances on separated data; its count is exact.
 */
class PrunedSeedingTest {
    static Stream<Arguments> kernels() {
        return ExactAlgorithmsTest.kernels();
    }

    @ParameterizedTest(name = "{0} {1} {2} threads={3}")
    @MethodSource("kernels")
    void theCentresOfTheUnprunedSeedingBitwise(KernelKind kind, Precision precision, Layout layout, int threads) {
        try (Workers w = Workers.of(threads)) {
            for (int d : new int[] {1, 3, 8, 33, 64}) {
                for (double std : new double[] {1, 4}) {
                    Matrix x = DriverTest.withDuplicates(Blobs.generate(600, d, 12, std, d + 100L * (long) std,
                            layout).x(), layout);
                    KMeans km = new KMeans(Kernels.create(kind, x, precision), w, new FitOptions(1e-4, 300, 128));
                    for (int k : new int[] {1, 2, 12, 64}) {
                        for (long seed : new long[] {3}) {
                            String what = kind + "/" + precision + "/" + layout + " d=" + d + " std=" + std + " k=" + k;
                            Initialization.Seeds want = km.using(KMeansPlusPlus.UNPRUNED).seeds(k, seed);
                            Initialization.Seeds got = km.using(KMeansPlusPlus.PRUNED).seeds(k, seed);
                            assertBitwise(want.centres(), got.centres(), what);
                            assertEquals(unpruned(x.n(), k), want.distances(), what + " unpruned count");
                            assertTrue(got.distances() <= want.distances(), what + " " + got.distances());
                        }
                    }
                }
            }
        }
    }

    /** The default prunes on the scalar kernel only, where pruning was measured faster than the whole pass. */
    @Test
    void theDefaultPrunesOnTheScalarKernelOnly() {
        Matrix x = Blobs.generate(5_000, 8, 32, 1, 7, Layout.ROWS).x();
        try (Workers w = Workers.of(1)) {
            for (KernelKind kind : KernelKind.values()) {
                KMeans km = new KMeans(Kernels.create(kind, x), w, FitOptions.DEFAULT);
                long got = km.seeds(32, 1).distances();
                if (kind == KernelKind.SCALAR) {
                    assertTrue(got < unpruned(x.n(), 32), kind + ": " + got);
                } else {
                    assertEquals(unpruned(x.n(), 32), got, kind.label());
                }
            }
        }
    }

    /** n for the first centre, then every trial against every row. */
    static long unpruned(int n, int k) {
        return (long) n + (long) (k - 1) * KMeansPlusPlus.localTrials(k) * n;
    }

    /** k = n: every row a centre, duplicated rows among them (centres at distance 0 from each other). */
    @ParameterizedTest(name = "{0} {1} {2} threads={3}")
    @MethodSource("kernels")
    void everyRowACentre(KernelKind kind, Precision precision, Layout layout, int threads) {
        Matrix x = DriverTest.withDuplicates(Blobs.generate(56, 3, 4, 2, 9, layout).x(), layout);
        try (Workers w = Workers.of(threads)) {
            KMeans km = new KMeans(Kernels.create(kind, x, precision), w, new FitOptions(1e-4, 300, 16));
            Initialization.Seeds want = km.using(KMeansPlusPlus.UNPRUNED).seeds(x.n(), 2);
            Initialization.Seeds got = km.using(KMeansPlusPlus.PRUNED).seeds(x.n(), 2);
            assertBitwise(want.centres(), got.centres(), "k = n");
            assertTrue(got.distances() < want.distances(), got.distances() + " of " + want.distances());
        }
    }

    /**
     * 32 separated blobs: at k = 32 the rows of blobs no centre has reached yet cannot be pruned
     * (their nearest centre is as far as the candidates), at k = 128 nearly every row can. A vector
     * kernel measures a chunk with many open pairs all at once, so it counts more than the scalar one.
     */
    @Test
    void separatedBlobsNeedFewerDistances() {
        Matrix x = Blobs.generate(20_000, 8, 32, 1, 7, Layout.ROWS).x();
        try (Workers w = Workers.of(2)) {
            for (KernelKind kind : KernelKind.values()) {
                KMeans km = new KMeans(Kernels.create(kind, x), w, FitOptions.DEFAULT);
                for (int k : new int[] {32, 128}) {
                    Initialization.Seeds got = km.using(KMeansPlusPlus.PRUNED).seeds(k, 1);
                    assertBitwise(km.using(KMeansPlusPlus.UNPRUNED).seed(k, 1), got.centres(), kind.label());
                    long all = unpruned(x.n(), k);
                    assertTrue(got.distances() < (k == 32 ? all * 2 / 3 : all / 4),
                            kind + " k=" + k + ": " + got.distances() + " of " + all);
                }
            }
        }
    }
}
