package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepSeedsTest {
    @Test
    void localTrialsFollowScikitLearn() {
        // 2 + int(np.log(k)): the count changes where ln k passes an integer (e^1..e^4 = 2.7, 7.4, 20.1, 54.6)
        int[] expected = {2, 2, 3, 3, 3, 3, 3, 4};
        for (int k = 1; k <= 8; k++) {
            assertEquals(expected[k - 1], KMeans.localTrials(k), "k=" + k);
        }
        assertEquals(4, KMeans.localTrials(20));
        assertEquals(5, KMeans.localTrials(21));
        assertEquals(5, KMeans.localTrials(54));
        assertEquals(6, KMeans.localTrials(55));
    }

    @ParameterizedTest(name = "{0} {1}, d={2}, {3} threads, k up to {4}")
    @CsvSource({"ROWS, GEMM, 3, 1, 32", "ROWS, GEMM, 9, 2, 60", "BOXED, SCALAR, 1, 1, 25",
        "COLUMNS, SIMD, 7, 3, 21", "ROWS, SCALAR, 33, 2, 8"})
    void sharedCentresAreBitwiseThoseOfAFreshSeeding(Layout layout, KernelKind kind, int d, int threads, int kMax) {
        Dataset ds = Blobs.generate(777, d, 5, 3, layout);
        int[] ks = IntStream.rangeClosed(1, kMax).toArray();
        try (Workers w = Workers.of(threads)) {
            KMeans km = new KMeans(Kernels.create(kind, ds.x()), w, new FitOptions(1e-4, 300, 64));
            SweepSeeds shared = new SweepSeeds(km, ks, 42, Seeding.SHARED);
            SweepSeeds fresh = new SweepSeeds(km, ks, 42, Seeding.FRESH);
            for (int k : ks) {
                double[] expected = km.seed(k, 42);
                assertArrayEquals(expected, shared.centres(k), "shared, k=" + k);
                assertArrayEquals(expected, fresh.centres(k), "fresh, k=" + k);
            }
        }
    }

    @Test
    void anyOrderAndKsOutsideTheJobGiveTheSameCentres() {
        Dataset ds = Blobs.generate(500, 4, 6, 8, Layout.ROWS);
        try (Workers w = Workers.of(1)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.GEMM, ds.x()), w, FitOptions.DEFAULT);
            SweepSeeds seeds = new SweepSeeds(km, new int[] {12, 5, 9}, 7, Seeding.SHARED);
            for (int k : new int[] {9, 5, 12, 20, 8, 3, 1}) { // 20, 8, 3, 1 are not in the job
                assertArrayEquals(km.seed(k, 7), seeds.centres(k), "k=" + k);
            }
        }
    }

    @Test
    void prefixesDifferAcrossTrialCounts() {
        // The sharing is only sound within one trial count: k = 7 (3 trials) is not a prefix of k = 8 (4).
        Dataset ds = Blobs.generate(2_000, 2, 8, 4, Layout.ROWS);
        try (Workers w = Workers.of(1)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.SCALAR, ds.x()), w, FitOptions.DEFAULT);
            double[] seven = km.seed(7, 1);
            assertFalse(Arrays.equals(seven, Arrays.copyOf(km.seed(8, 1), seven.length)));
            assertArrayEquals(km.seed(3, 1), Arrays.copyOf(seven, 3 * 2));
        }
    }
}
