package kmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jdk.incubator.vector.DoubleVector;
import kmlab.data.Blobs;
import kmlab.data.Layout;
import kmlab.data.RowMatrix;
import org.junit.jupiter.api.Test;

/** TileBench's entry: the kernel's tile over every row, its lane slots holding each row's best centre. */
class GemmTileTest {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();

    @Test
    void theLaneSlotsOfTheLastBlockHoldEachRowsBestCentre() {
        int n = 100;
        int d = 5;
        int k = 8 * L;
        RowMatrix m = (RowMatrix) Blobs.generate(n, d, k, 3, Layout.ROWS).x();
        double[] centres = new double[k * d];
        for (int q = 0; q < k; q++) {
            m.copyRow((q * 7) % n, centres, q * d);
        }
        GemmTile tile = new GemmTile(m, centres, k);
        tile.pass();
        GemmDoubleTiles.Scratch sc = tile.scratch;
        int block = GemmDoubleTiles.ROW_BLOCK;
        int first = (n - 1) / block * block; // the last block's slots are the ones left
        for (int r = first; r < n; r++) {
            int s = (r - first) * L;
            int lane = 0;
            for (int t = 1; t < L; t++) {
                if (sc.laneMax[s + t] > sc.laneMax[s + lane]) {
                    lane = t;
                }
            }
            int want = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < k; q++) {
                double score = 0;
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    score += m.get(r, j) * centres[q * d + j];
                    norm += centres[q * d + j] * centres[q * d + j];
                }
                if (score - 0.5 * norm > best) {
                    best = score - 0.5 * norm;
                    want = q;
                }
            }
            assertEquals(want, (int) sc.laneIdx[s + lane], "row " + r);
        }
    }

    @Test
    void aKThatDoesNotFillTheTileIsRefused() {
        RowMatrix m = (RowMatrix) Blobs.generate(16, 2, 3, 1, Layout.ROWS).x();
        assertThrows(IllegalArgumentException.class, () -> new GemmTile(m, new double[6], 3));
    }
}
