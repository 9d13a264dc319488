package kmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** auto's choices come from the shape and the vector width alone, at the stated thresholds. */
class KernelChoiceTest {
    static final int[] SWEEP8 = IntStream.rangeClosed(1, 8).toArray(); // sum of k = 36

    private static long jobFrom() {
        return KernelKind.GEMM.cost().jobFrom(VectorWidth.doubleLanes());
    }

    /** At this JVM's width (the build runs these tests at 128, 256 and the preferred bits). */
    @Test
    void belowFourDoubleLanesAutoIsScalarAtAnySize() {
        assumeTrue(VectorWidth.doubleLanes() < KernelKind.Cost.MIN_DOUBLE_LANES, "this JVM has 4 or more double lanes");
        int[] ks = IntStream.rangeClosed(1, 64).toArray();
        assertFalse(KernelChoice.AUTO.vectorJob(10_000_000, 64, ks));
        assertEquals(KernelKind.SCALAR, KernelChoice.AUTO.kernelFor(10_000_000, 64, 64, ks));
        assertNull(KernelChoice.AUTO.warmFor(10_000_000, 64, ks));
    }

    @Test
    void aJobJustBelowTheThresholdIsScalarAndJustAboveItGemm() {
        assumeTrue(VectorWidth.doubleLanes() >= KernelKind.Cost.MIN_DOUBLE_LANES,
                "auto takes no vector family below " + KernelKind.Cost.MIN_DOUBLE_LANES + " double lanes");
        int d = 8;
        // n x d x 36 around the job threshold
        int below = (int) ((jobFrom() - 1) / (d * 36));
        int above = (int) (jobFrom() / (d * 36)) + 1;
        KernelChoice auto = KernelChoice.AUTO;
        assertFalse(auto.vectorJob(below, d, SWEEP8));
        assertTrue(auto.vectorJob(above, d, SWEEP8));
        for (int k : SWEEP8) {
            assertEquals(KernelKind.SCALAR, auto.kernelFor(below, d, k, SWEEP8), "k=" + k);
        }
        assertEquals(KernelKind.GEMM, auto.kernelFor(above, d, 8, SWEEP8));
        assertEquals(KernelKind.GEMM, auto.warmFor(above, d, SWEEP8));
    }

    @Test
    void theTinyFitsOfALargeJobStayScalar() {
        int[] ks = {1, 2, 4000};
        assumeTrue(VectorWidth.doubleLanes() >= KernelKind.Cost.MIN_DOUBLE_LANES,
                "auto takes no vector family below " + KernelKind.Cost.MIN_DOUBLE_LANES + " double lanes");
        int n = 20_000; // n x d x 4003 = 8.0e7 from 2^26 with 8 lanes; 2^27 with 4
        int d = 8 / VectorWidth.doubleLanes();
        assertTrue(KernelChoice.AUTO.vectorJob(n, d, ks));
        assertEquals(KernelKind.SCALAR, KernelChoice.AUTO.kernelFor(n, d, 1, ks), "n x d x 1 below 2^15");
        assertEquals(KernelKind.GEMM, KernelChoice.AUTO.kernelFor(n, d, 4000, ks));
    }

    @Test
    void choicesAreAFunctionOfTheShapeOnly() {
        int[][] shapes = {{1000, 8}, {16000, 32}, {128000, 32}, {256000, 32}, {3, 1}};
        for (int[] s : shapes) {
            for (int k : SWEEP8) {
                KernelKind first = KernelChoice.AUTO.kernelFor(s[0], s[1], k, SWEEP8);
                int threads = ThreadsChoice.AUTO.threadsFor(s[0], s[1], k);
                for (int again = 0; again < 3; again++) {
                    assertEquals(first, KernelChoice.AUTO.kernelFor(s[0], s[1], k, SWEEP8));
                    assertEquals(threads, ThreadsChoice.AUTO.threadsFor(s[0], s[1], k));
                }
            }
        }
    }

    @Test
    void autoWarmsUpOnlyGemmAndANamedKernelItself() {
        assertNull(KernelChoice.AUTO.warmFor(1000, 8, SWEEP8), "a scalar job: nothing measured to gain");
        assertNull(KernelChoice.AUTO.warmFor(128_000, 8, SWEEP8));
        assertEquals(KernelKind.SCALAR, KernelChoice.of(KernelKind.SCALAR).warmFor(1000, 8, SWEEP8));
    }

    @Test
    void aNamedKernelIsAlwaysThatKernel() {
        for (KernelKind kind : KernelKind.values()) {
            KernelChoice c = KernelChoice.of(kind);
            assertEquals(kind, c.kernelFor(1, 1, 1, new int[] {1}));
            assertEquals(kind, c.kernelFor(1 << 20, 64, 64, new int[] {64}));
            assertEquals(kind != KernelKind.SCALAR, c.vectorJob(1, 1, new int[] {1}));
            assertEquals(kind, KernelChoice.parse(kind.label()).fixed());
        }
        assertTrue(KernelChoice.parse("auto").isAuto());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelChoice.parse("fast"));
        assertEquals("unknown kernel 'fast' (expected one of: auto, scalar, simd, gemm)", e.getMessage());
    }

    @Test
    void threadsAutoIsOneThreadBelowItsThresholdAndEveryCoreFromIt() {
        long from = ThreadsChoice.PARALLEL_FROM;
        assertEquals(1, ThreadsChoice.AUTO.threadsFor((int) ((from - 1) / 32), 32, 1));
        assertEquals(0, ThreadsChoice.AUTO.threadsFor((int) (from / 32), 32, 1));
        assertEquals(3, ThreadsChoice.of(3).threadsFor(1, 1, 1));
        assertEquals(ThreadsChoice.AUTO, ThreadsChoice.parse("auto"));
        assertEquals(0, ThreadsChoice.parse("0").count());
        assertThrows(IllegalArgumentException.class, () -> ThreadsChoice.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ThreadsChoice.parse("many"));
    }
}
