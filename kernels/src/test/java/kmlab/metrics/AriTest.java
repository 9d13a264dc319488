package kmlab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    }
}
