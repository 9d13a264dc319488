package kmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import kmlab.data.Blobs;
import kmlab.data.ColumnMatrix;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;
import org.junit.jupiter.api.Test;

/** Each family's descriptor against what its implementation does, and the cost model callers read. */
class KernelKindTest {
    @Test
    void aFamilyCreatesExactlyThePrecisionsItDeclares() {
        Matrix x = Blobs.generate(37, 3, 2, 1, Layout.ROWS).x();
        for (KernelKind kind : KernelKind.values()) {
            assertEquals(kind, KernelKind.parse(kind.label()));
            assertFalse(kind.help().isBlank());
            assertTrue(kind.supports(Precision.DOUBLE), kind + ": double is the reference's");
            for (Precision p : Precision.values()) {
                assertEquals(kind.precisions().contains(p), kind.supports(p));
                assertEquals(kind.supports(p), Kernels.supports(kind, p));
                if (kind.supports(p)) {
                    assertEquals(kind, Kernels.create(kind, x, p).kind());
                    assertSame(p, kind.precisionFor(p));
                } else {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> Kernels.create(kind, x, p));
                    assertEquals(kind.lacks(p), e.getMessage());
                    assertSame(Precision.DOUBLE, kind.precisionFor(p));
                }
            }
        }
        assertEquals(EnumSet.of(KernelKind.SIMD, KernelKind.GEMM), EnumSet.copyOf(KernelKind.supporting(Precision.FLOAT)));
        assertEquals("simd and gemm", KernelKind.supportingInWords(Precision.FLOAT));
        assertEquals("scalar, simd and gemm", KernelKind.supportingInWords(Precision.DOUBLE));
        assertEquals("float precision exists for the simd and gemm kernels, not scalar",
                KernelKind.SCALAR.lacks(Precision.FLOAT));
    }

    /** The vector families read their native layout in place and gather every other (the scalar kernel's read is private). */
    @Test
    void nativeLayoutsAreTheOnesReadInPlace() {
        for (Layout layout : Layout.values()) {
            Matrix x = Blobs.generate(301, 5, 3, 2, layout).x();
            GemmKernel gemm = new GemmKernel(x);
            boolean gemmInPlace = x instanceof RowMatrix m && gemm.rowsOf(0, x.n(), gemm.scratch()) == m.data();
            assertEquals(KernelKind.GEMM.readsNatively(layout), gemmInPlace, "gemm " + layout);
            VectorKernel simd = new VectorKernel(x);
            boolean simdInPlace = x instanceof ColumnMatrix m && simd.columns(0, x.n()).base == m.data();
            assertEquals(KernelKind.SIMD.readsNatively(layout), simdInPlace, "simd " + layout);
        }
        assertEquals(Set.of(Layout.BOXED, Layout.BOXED_SCATTERED, Layout.ROWS), KernelKind.SCALAR.nativeLayouts());
    }

    @Test
    void centresPerVectorAreTheSpeciesLanesWhereCentresAreInLanes() {
        for (Precision p : Precision.values()) {
            assertEquals(VectorWidth.Species.of(p).length(), VectorWidth.lanes(p), p.label());
            assertEquals(VectorWidth.lanes(p), KernelKind.GEMM.centresPerVector(p));
            assertEquals(1, KernelKind.SIMD.centresPerVector(p), "simd: points in lanes");
        }
        assertEquals(2 * VectorWidth.lanes(Precision.DOUBLE), VectorWidth.lanes(Precision.FLOAT));
        assertEquals(1, KernelKind.SCALAR.centresPerVector(Precision.DOUBLE));
        assertFalse(KernelKind.SCALAR.needsVectorModule());
        assertTrue(KernelKind.SIMD.needsVectorModule() && KernelKind.GEMM.needsVectorModule());
    }

    /** The rates the dry-run estimate used (grid/Plan.java, hand-kept until it reads these), unchanged. */
    @Test
    void theCostModelKeepsTheMeasuredRatesAndBreakEvens() {
        assertEquals(1.6e-9, KernelKind.GEMM.secondsPerUnit(false));
        assertEquals(1.2e-9, KernelKind.GEMM.secondsPerUnit(true));
        assertEquals(1.9e-9, KernelKind.SIMD.secondsPerUnit(false));
        assertEquals(1.1e-9, KernelKind.SIMD.secondsPerUnit(true));
        assertEquals(5.4e-9, KernelKind.SCALAR.secondsPerUnit(false));
        assertEquals(3.4e-9, KernelKind.SCALAR.secondsPerUnit(true));
        KernelKind.Cost gemm = KernelKind.GEMM.cost();
        assertEquals(1L << 26, gemm.jobFrom(8));
        assertEquals(1L << 15, gemm.fitFrom(8));
        assertEquals(1L << 27, gemm.jobFrom(4), "half the lanes, twice the products");
        assertEquals(KernelKind.Cost.NEVER, gemm.jobFrom(2), "below 4 double lanes: never");
        assertEquals(KernelKind.Cost.NEVER, gemm.fitFrom(2));
        assertEquals(0, KernelKind.SCALAR.cost().jobFrom(2), "the reference is always reachable");
        assertEquals(0, KernelKind.SCALAR.cost().jobFrom(4));
        assertEquals(KernelKind.Cost.NEVER, KernelKind.SIMD.cost().jobFrom(2), "never stays never");
        assertEquals(KernelKind.Cost.NEVER, KernelKind.SIMD.cost().fitFrom(16));
    }

    @Test
    void autosRuleAndTheHelpAreMadeFromTheDescriptors() {
        int lanes = VectorWidth.doubleLanes();
        if (lanes < KernelKind.Cost.MIN_DOUBLE_LANES) {
            assertEquals("scalar for every fit (" + lanes + " double lanes, below the 4 the vector kernels need)",
                    KernelChoice.rule());
            return;
        }
        assertEquals("scalar for a job below n*d*sum(k) = " + (1L << 26) * 8 / lanes + "; above it gemm for fits"
                + " from n*d*k = " + (1L << 15) * 8 / lanes + ", compiled while the input is read (" + lanes
                + " double lanes; thresholds x 8 / lanes)", KernelChoice.rule());
        String help = KernelChoice.help();
        for (KernelKind kind : KernelKind.values()) {
            assertTrue(help.contains(kind.label() + ", " + kind.help() + "; "), help);
        }
        assertTrue(help.contains("; auto, ") && help.endsWith("scalar for small fits, where the vector code's JIT"
                + " warm-up does not pay back, gemm above (kmlab env prints the rule)."), help);
    }
}
