package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The writeup's figures read from their data file, and a file that says something else is refused. */
class WriteupFiguresTest {
    @Test
    void theResourceHoldsTheWriteupsFigures() {
        WriteupFigures w = WriteupFigures.get();
        assertTrue(w.isTopCell(256_000, 32, 32, "sweep"));
        assertEquals(List.of("scikit-learn", "15.36", "795"), w.topCellRows().getFirst());
        assertEquals(4, w.topCellRows().size());
        assertEquals("4.5x median; means ~6.6x", w.paired().get("rust"));
        assertEquals("1.32x", w.rayonBest());
    }

    @Test
    void aMalformedFileIsRefusedWithItsLine() {
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> WriteupFigures.parse(List.of("# c", "top_cel\t1\t2\t3\tsweep")));
        assertTrue(unknown.getMessage().contains("line 2"), unknown.getMessage());
        var count = assertThrows(IllegalArgumentException.class,
                () -> WriteupFigures.parse(List.of("top_cell_row\tnumpy\t46.46")));
        assertTrue(count.getMessage().contains("3 values expected, 2 found"), count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WriteupFigures.parse(List.of("paired\trust\tx")));
    }
}
