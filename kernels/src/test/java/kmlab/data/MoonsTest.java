package kmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Two moons (the browser demo's data): make_moons' half circles, shuffled, deterministic from the seed. */
class MoonsTest {
    @Test
    void withoutNoiseEveryPointIsOnItsHalfCircle() {
        Dataset m = Moons.generate(501, 0, 7, Layout.ROWS);
        assertEquals(501, m.n());
        assertEquals(2, m.d());
        assertEquals(250, Arrays.stream(m.labels()).filter(l -> l == 0).count(), "n/2 rounded down in the outer moon");
        for (int i = 0; i < m.n(); i++) {
            double x = m.x().get(i, 0);
            double y = m.x().get(i, 1);
            // outer: radius 1 about (0, 0), y >= 0; inner: radius 1 about (1, 0.5), y <= 0.5
            double cx = m.labels()[i] == 0 ? 0 : 1;
            double cy = m.labels()[i] == 0 ? 0 : 0.5;
            assertEquals(1, Math.hypot(x - cx, y - cy), 2e-6, "row " + i);
            assertTrue(m.labels()[i] == 0 ? y >= -1e-6 : y <= 0.5 + 1e-6, "row " + i);
            assertEquals(x, Math.round(x * 1e6) / 1e6, 0.0, "six decimals");
        }
    }

    @Test
    void theSeedFixesTheShuffleAndTheNoise() {
        Dataset a = Moons.generate(300, 0.1, 3, Layout.ROWS);
        Dataset b = Moons.generate(300, 0.1, 3, Layout.COLUMNS);
        Dataset c = Moons.generate(300, 0.1, 4, Layout.ROWS);
        assertArrayEquals(a.labels(), b.labels());
        boolean differs = false;
        for (int i = 0; i < a.n(); i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(a.x().get(i, j), b.x().get(i, j), 0.0);
                differs |= a.x().get(i, j) != c.x().get(i, j);
            }
        }
        assertFalse(!differs, "another seed, other data");
        assertThrows(IllegalArgumentException.class, () -> Moons.generate(1, 0.1, 1, Layout.ROWS));
        assertThrows(IllegalArgumentException.class, () -> Moons.generate(10, -1, 1, Layout.ROWS));
        assertThrows(IllegalArgumentException.class, () -> Moons.generate(10, Double.NaN, 1, Layout.ROWS));
    }
}
