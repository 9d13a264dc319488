package kmlab.fit;

import static kmlab.fit.DriverTest.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
}
