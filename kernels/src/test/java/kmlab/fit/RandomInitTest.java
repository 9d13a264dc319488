package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.data.Moons;
import kmlab.kernel.Kernels;
import kmlab.kernel.Workers;
import org.junit.jupiter.api.Test;

/** The random initialisation (the demo's): k distinct rows of the data, from the seed alone, on the one driver. */
class RandomInitTest {
    @Test
    void kDistinctRowsFromTheSeed() {
        Dataset m = Moons.generate(200, 0.05, 1, Layout.ROWS);
        KMeans km = new KMeans(Kernels.scalar(m.x()), Workers.single(), FitOptions.DEFAULT).using(RandomInit.INSTANCE);
        double[] c = km.seed(200, 5);
        Set<String> rows = new HashSet<>();
        for (int q = 0; q < 200; q++) {
            rows.add(c[2 * q] + "," + c[2 * q + 1]);
        }
        Set<String> data = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            data.add(m.x().get(i, 0) + "," + m.x().get(i, 1));
        }
        assertEquals(data, rows, "k = n takes every row once");
        assertArrayEquals(km.seed(3, 9), km.seed(3, 9));
        assertThrows(IllegalArgumentException.class, () -> km.seed(201, 1));
    }

    @Test
    void aFitFromItIsTheDriversOnAnyPool() {
        Dataset m = Moons.generate(3000, 0.1, 2, Layout.ROWS);
        KMeans one = new KMeans(Kernels.scalar(m.x()), Workers.single(), FitOptions.DEFAULT).using(RandomInit.INSTANCE);
        try (Workers two = Workers.of(2)) {
            KMeans other = one.using(one.kernel(), two);
            FitResult a = one.fit(2, 4);
            FitResult b = other.fit(2, 4);
            assertArrayEquals(a.labels(), b.labels());
            assertEquals(Double.doubleToRawLongBits(a.inertia()), Double.doubleToRawLongBits(b.inertia()));
            assertTrue(a.iterations() >= 1);
        }
    }
}
