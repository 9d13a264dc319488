package kmlab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import kmlab.data.LabelColumn;
import org.junit.jupiter.api.Test;

/** Expected values computed with sklearn.metrics.adjusted_rand_score 1.2.1. */
class AriTest {
    @Test
    void knownValues() {
        assertEquals(0.5714285714285714, Ari.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15);
        assertEquals(-0.5, Ari.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15);
        assertEquals(0.0, Ari.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-15);
        assertEquals(0.4444444444444444, Ari.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {1, 1, 0, 0, 0, 2}), 1e-15);
        assertEquals(0.3684210526315789,
                Ari.of(new int[] {5, 5, 7, 7, 7, 9, 9, 1}, new int[] {0, 0, 0, 1, 1, 2, 2, 2}), 1e-15);
    }

    @Test
    void renamingClustersChangesNothing() {
        assertEquals(1.0, Ari.of(new int[] {0, 0, 1, 2, 2}, new int[] {7, 7, 3, -1, -1}), 0.0);
    }

    @Test
    void lengthsMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> Ari.of(new int[] {0}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Ari.of(new int[] {0}, LabelColumn.of(new int[] {0, 1})));
    }

    @Test
    void labelsTakenAsTheyAreOrRenumberedGiveTheSameValueBitwise() {
        Random r = new Random(3);
        for (int t = 0; t < 200; t++) {
            int n = 1 + r.nextInt(500);
            int[] truth = new int[n];
            int[] predicted = new int[n];
            int kt = 1 + r.nextInt(12);
            int kp = 1 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                truth[i] = r.nextInt(kt) * (1 + r.nextInt(2)); // gaps: labels missing from the range
                predicted[i] = r.nextInt(4) == 0 ? truth[i] : r.nextInt(kp);
            }
            double direct = Ari.of(truth, predicted);
            int[] shifted = Arrays.stream(truth).map(v -> v * 100_003 - 7).toArray(); // renumbered
            int[] wide = Arrays.stream(predicted).map(v -> v * 70_001).toArray(); // too wide a table
            assertEquals(Double.doubleToRawLongBits(direct), Double.doubleToRawLongBits(Ari.of(shifted, predicted)));
            assertEquals(Double.doubleToRawLongBits(direct), Double.doubleToRawLongBits(Ari.of(truth, wide)));
            assertEquals(Double.doubleToRawLongBits(direct),
                    Double.doubleToRawLongBits(Ari.of(truth, LabelColumn.of(predicted))));
        }
    }
}
