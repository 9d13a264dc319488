package kmlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import kmlab.data.Layout;
import kmlab.kernel.KernelKind;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void roundTripsEveryConstant() {
        for (Layout l : Layout.values()) {
            assertEquals(l, Layout.parse(l.label()));
        }
        assertEquals("gemm", KernelKind.GEMM.label());
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelKind.parse("GEMM"));
        assertEquals("unknown kernel 'GEMM' (expected one of: scalar, simd, gemm)", e.getMessage());
    }
}
