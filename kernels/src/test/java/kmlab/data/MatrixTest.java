package kmlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatrixTest {
    @Test
    void columnStrideIsNeverAMultipleOf2KiB() {
        for (int n = 512; n <= 300_000; n += 97) {
            int s = ColumnMatrix.strideFor(n);
            assertTrue(s >= n);
            assertNotEquals(0, s % 256, "n=" + n + " stride " + s);
        }
        assertNotEquals(0, ColumnMatrix.strideFor(256_000) % 512);
    }

    @Test
    void everyLayoutHoldsTheSameValues() {
        Dataset ds = Blobs.generate(1_000, 9, 3, 4, Layout.ROWS);
        for (Layout l : Layout.values()) {
            Matrix m = ds.withLayout(l).x();
            assertEquals(l, m.layout());
            double[] row = new double[9];
            for (int i = 0; i < ds.n(); i += 37) {
                m.copyRow(i, row, 0);
                for (int j = 0; j < 9; j++) {
                    assertEquals(ds.x().get(i, j), m.get(i, j), 0.0);
                    assertEquals(ds.x().get(i, j), row[j], 0.0);
                }
            }
        }
    }

    @Test
    void builderMayStopShortOfTheAnnouncedRows() {
        for (Layout l : Layout.values()) {
            Matrix.Builder b = Matrix.builder(l, 5_000, 2);
            b.add("a", new double[] {1, 2});
            b.add("b", new double[] {3, 4});
            Matrix m = b.build();
            assertEquals(2, m.n());
            assertEquals(4.0, m.get(1, 1), 0.0);
        }
    }

    @Test
    void slotsSetInAnyOrderGiveTheBuildersMatrix() {
        Dataset ds = Blobs.generate(700, 5, 3, 2, Layout.ROWS);
        for (Layout l : Layout.values()) {
            Matrix.Slots slots = Matrix.slots(l, ds.n(), ds.d());
            double[] row = new double[ds.d()];
            for (int i = ds.n() - 1; i >= 0; i--) {
                ds.x().copyRow(i, row, 0);
                slots.set(i, i % 2 == 0 ? "r" + i : null, row);
            }
            Matrix m = slots.build();
            Matrix built = ds.withLayout(l).x();
            assertEquals(built.getClass(), m.getClass());
            assertEquals(ds.n(), m.n());
            for (int i = 0; i < ds.n(); i++) {
                for (int j = 0; j < ds.d(); j++) {
                    assertEquals(ds.x().get(i, j), m.get(i, j), 0.0);
                }
            }
            if (m instanceof ColumnMatrix c) {
                assertEquals(((ColumnMatrix) built).stride(), c.stride());
            }
            if (m instanceof BoxedMatrix b) {
                assertEquals("r4", b.points().get(4).id());
                assertEquals("5", b.points().get(5).id(), "without an id a boxed row is named by its number");
            }
        }
    }

    @Test
    void distinctCountStopsAtTheLimit() {
        Matrix m = new RowMatrix(new double[] {0, 1, -0.0, 1, 2, 2, 2, 2}, 4, 2);
        assertEquals(2, Distinct.countUpTo(m, 10)); // (0,1) twice, -0.0 == 0.0, (2,2) twice
        assertEquals(1, Distinct.countUpTo(m, 1));
    }

    @Test
    void blobsAreDeterministicAndBalanced() {
        Dataset a = Blobs.generate(1_003, 2, 4, 9, Layout.ROWS);
        Dataset b = Blobs.generate(1_003, 2, 4, 9, Layout.ROWS);
        assertEquals(a.x(), a.x());
        assertTrue(java.util.Arrays.equals(((RowMatrix) a.x()).data(), ((RowMatrix) b.x()).data()));
        int[] counts = new int[4];
        for (int l : a.labels()) {
            counts[l]++;
        }
        assertEquals(java.util.List.of(251, 251, 251, 250), java.util.Arrays.stream(counts).boxed().toList());
        assertEquals(4, a.distinctLabels());
    }

    @Test
    void fixedSixDecimals() {
        StringBuilder sb = new StringBuilder();
        Blobs.appendFixed6(sb, -3.1415926);
        sb.append(' ');
        Blobs.appendFixed6(sb, 0.0000004);
        sb.append(' ');
        Blobs.appendFixed6(sb, 12.5);
        assertEquals("-3.141593 0.000000 12.500000", sb.toString());
    }
}
