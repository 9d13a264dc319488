package kmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.fit.FitOptions;
import kmlab.fit.FitResult;
import kmlab.fit.KMeans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float simd and gemm kernels against the double scalar reference: the float search settles
 * every row it cannot prove by the double reference (see NearTies), so labels, sums and fits are
 * the double reference's bit for bit.
 */
class FloatPrecisionTest {

    static Stream<Arguments> shapes() {
        SplittableRandom rnd = new SplittableRandom(99);
        return Stream.of(KernelKind.SIMD, KernelKind.GEMM).flatMap(kind -> Stream.of(Layout.values())
                .flatMap(layout -> Stream.of(1, 2, 3, 7, 8, 9, 16, 17, 31, 32, 33).map(d -> Arguments.of(kind, layout, d,
                        41 + rnd.nextInt(700), 1 + rnd.nextInt(40), 37 + rnd.nextInt(90)))));
    }

    @ParameterizedTest(name = "{0} {1} d={2} n={3} k={4} chunk={5}")
    @MethodSource("shapes")
    void labelsAreTheDoubleReferencesBitwise(KernelKind kind, Layout layout, int d, int n, int k, int chunk) {
        int rows = Math.max(n, k);
        Dataset ds = Blobs.generate(rows, d, Math.max(1, k / 2), rows * 13L + d, layout);
        Matrix x = ds.x();
        double[] centres = KernelEquivalenceTest.randomCentres(x, k, new SplittableRandom(rows + k));
        Kernel fast = Kernels.create(kind, x, Precision.FLOAT);
        assertEquals(kind, fast.kind());
        KernelEquivalenceTest.assertSamePass(x, fast, centres, k, new Chunks(rows, chunk), kind + "/" + layout);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = KernelKind.class, names = {"SIMD", "GEMM"})
    void aFloatFitIsTheDoubleFitAndThreadIndependent(KernelKind kind) {
        Dataset ds = Blobs.generate(20_011, 16, 12, 5, Layout.ROWS);
        FitResult one;
        FitResult two;
        FitResult dbl;
        try (Workers w1 = Workers.of(1); Workers w2 = Workers.of(2)) {
            one = new KMeans(Kernels.create(kind, ds.x(), Precision.FLOAT), w1, FitOptions.DEFAULT).fit(12, 1);
            two = new KMeans(Kernels.create(kind, ds.x(), Precision.FLOAT), w2, FitOptions.DEFAULT).fit(12, 1);
            dbl = new KMeans(Kernels.create(kind, ds.x()), w1, FitOptions.DEFAULT).fit(12, 1);
        }
        assertArrayEquals(one.labels(), two.labels());
        assertArrayEquals(one.centres(), two.centres(), 0.0);
        assertArrayEquals(dbl.labels(), one.labels(), "float and double: the same labels");
        KernelEquivalenceTest.assertBitwise(dbl.centres(), one.centres(), "float and double centres");
        assertEquals(dbl.iterations(), one.iterations());
    }

    @Test
    void theScalarReferenceHasNoFloat() {
        Matrix x = Blobs.generate(10, 2, 2, 1, Layout.ROWS).x();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.create(KernelKind.SCALAR, x, Precision.FLOAT));
        assertTrue(e.getMessage().contains("not scalar"), e.getMessage());
    }
}
