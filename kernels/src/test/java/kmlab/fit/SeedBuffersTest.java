package kmlab.fit;

import static kmlab.fit.DriverTest.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kmlab.data.Blobs;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Workers;
import org.junit.jupiter.api.Test;

/**
 * k-means++'s n-sized arrays are lent from one seeding to the next: a driver that has seeded
 * before, with arrays full of an earlier seeding's distances, gives a fresh driver's centres and
 * counts bitwise, pruned or not, on every kernel; seedings running at once never share an array.
 */
class SeedBuffersTest {
    @Test
    void arraysComeBackAndAreLentAgain() {
        SeedBuffers b = new SeedBuffers(10);
        double[][] first = b.take(2);
        assertEquals(10, first[0].length);
        assertNotSame(first[0], first[1]);
        b.giveBack(first);
        double[][] again = b.take(3);
        List<double[]> lent = List.of(again);
        assertEquals(2, lent.stream().filter(a -> a == first[0] || a == first[1]).count(), "both reused");
        double[][] more = b.take(1);
        assertNotSame(again[0], more[0]);
        assertNotSame(again[2], more[0]);
    }

    @Test
    void aReusedDriverSeedsAsAFreshOne() {
        Matrix x = DriverTest.withDuplicates(Blobs.generate(1_001, 7, 9, 2, 5, Layout.ROWS).x(), Layout.ROWS);
        int[] ks = {12, 2, 64, 1, 12, 7};
        try (Workers w = Workers.of(2)) {
            for (KernelKind kind : KernelKind.values()) {
                KMeans reused = new KMeans(Kernels.create(kind, x), w, new FitOptions(1e-4, 300, 128));
                for (KMeansPlusPlus how : new KMeansPlusPlus[] {KMeansPlusPlus.PRUNED, KMeansPlusPlus.UNPRUNED}) {
                    for (int k : ks) {
                        KMeans fresh = new KMeans(Kernels.create(kind, x), w, new FitOptions(1e-4, 300, 128));
                        Initialization.Seeds want = fresh.using(how).seeds(k, k);
                        Initialization.Seeds got = reused.using(how).seeds(k, k);
                        String what = kind + " k=" + k;
                        assertBitwise(want.centres(), got.centres(), what);
                        assertEquals(want.distances(), got.distances(), what);
                    }
                }
            }
        }
    }

    @Test
    void concurrentSeedingsOfOneDriverDoNotShareArrays() throws Exception {
        Matrix x = Blobs.generate(20_000, 8, 16, 1, 3, Layout.ROWS).x();
        try (Workers w = Workers.of(1)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.SCALAR, x), w, FitOptions.DEFAULT);
            List<double[]> want = new ArrayList<>();
            for (long seed = 0; seed < 4; seed++) {
                want.add(new KMeans(Kernels.create(KernelKind.SCALAR, x), w, FitOptions.DEFAULT).seed(16, seed));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 3; round++) {
                    List<Future<double[]>> got = new ArrayList<>();
                    for (long seed = 0; seed < 4; seed++) {
                        long s = seed;
                        got.add(pool.submit(() -> km.seed(16, s)));
                    }
                    for (int i = 0; i < 4; i++) {
                        assertBitwise(want.get(i), got.get(i).get(), "seed " + i + " round " + round);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void derivedDriversShareTheirArrays() {
        Matrix x = Blobs.generate(100, 3, 2, 1, 1, Layout.ROWS).x();
        try (Workers w = Workers.of(1)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.SCALAR, x), w, FitOptions.DEFAULT);
            assertSame(km.seedBuffers(), km.using(Lloyd.INSTANCE).seedBuffers());
            assertSame(km.seedBuffers(), km.using(KMeansPlusPlus.UNPRUNED).seedBuffers());
            assertSame(km.seedBuffers(), km.using(Kernels.create(KernelKind.GEMM, x), w).seedBuffers());
        }
    }
}
