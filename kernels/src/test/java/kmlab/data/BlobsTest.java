package kmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The spread of the blobs (a grid's cluster_std): the default is make_blobs' 1, and only the spread moves. */
class BlobsTest {
    @Test
    void theDefaultSpreadIsTheOneOfEveryEarlierGrid() {
        Dataset a = Blobs.generate(1_003, 7, 5, 3, Layout.ROWS);
        Dataset b = Blobs.generate(1_003, 7, 5, Blobs.DEFAULT_STD, 3, Layout.ROWS);
        assertArrayEquals(a.labels(), b.labels());
        for (int i = 0; i < a.n(); i++) {
            for (int j = 0; j < a.d(); j++) {
                assertEquals(a.x().get(i, j), b.x().get(i, j), 0.0);
            }
        }
    }

    @Test
    void aLargerSpreadMovesEveryPointAwayFromItsCentreInProportion() {
        int n = 2_001;
        int d = 3;
        Dataset one = Blobs.generate(n, d, 4, 1.0, 9, Layout.ROWS);
        Dataset three = Blobs.generate(n, d, 4, 3.0, 9, Layout.ROWS);
        assertArrayEquals(one.labels(), three.labels(), "the same clusters, the same shuffle");
        double[] mean = new double[4 * d];
        int[] count = new int[4];
        for (int i = 0; i < n; i++) {
            count[one.labels()[i]]++;
            for (int j = 0; j < d; j++) {
                // the same gaussian draw: x3 - c = 3 (x1 - c), so c = (3 x1 - x3) / 2
                mean[one.labels()[i] * d + j] += (3 * one.x().get(i, j) - three.x().get(i, j)) / 2;
            }
        }
        for (int i = 0; i < n; i++) {
            int c = one.labels()[i];
            for (int j = 0; j < d; j++) {
                double centre = mean[c * d + j] / count[c];
                // both files are rounded to six decimals: 3 x the first's rounding, plus the second's
                assertEquals(3 * (one.x().get(i, j) - centre), three.x().get(i, j) - centre, 4e-6);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Blobs(10, 2, 2, 0.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Blobs(10, 2, 2, Double.NaN, 1));
    }
}
