package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Workers;
import kmlab.metrics.Ari;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KMeansTest {
    private static FitResult fit(Dataset ds, int k, long seed, int threads, int chunkRows) {
        return fit(KernelKind.SCALAR, ds, k, seed, threads, chunkRows);
    }

    private static FitResult fit(KernelKind kind, Dataset ds, int k, long seed, int threads, int chunkRows) {
        try (Workers w = Workers.of(threads)) {
            return new KMeans(Kernels.create(kind, ds.x()), w, new FitOptions(1e-4, 300, chunkRows)).fit(k, seed);
        }
    }

    private static double[] seed(Dataset ds, int k, long seed) {
        try (Workers w = Workers.of(1)) {
            return new KMeans(Kernels.create(KernelKind.SCALAR, ds.x()), w, FitOptions.DEFAULT).seed(k, seed);
        }
    }

    @Test
    void lloydIntoAReusedLabelArrayGivesTheSameFit() {
        Dataset ds = Blobs.generate(3_001, 7, 9, 2, Layout.ROWS);
        try (Workers w = Workers.of(2)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.GEMM, ds.x()), w, new FitOptions(1e-4, 300, 256));
            int[] reused = new int[ds.n()];
            Arrays.fill(reused, 5); // stale labels of an earlier fit must not matter
            for (int k : new int[] {9, 4, 1}) {
                double[] init = km.seed(k, 3);
                FitResult fresh = km.lloyd(init, k);
                FitResult into = km.lloyd(init, k, reused);
                assertTrue(into.labels() == reused);
                assertArrayEquals(fresh.labels(), into.labels(), "k=" + k);
                assertArrayEquals(fresh.centres(), into.centres(), "k=" + k);
                assertEquals(fresh.iterations(), into.iterations());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> km.lloyd(km.seed(2, 3), 2, new int[ds.n() - 1]));
            assertTrue(e.getMessage().contains("labels must have 3001 entries, got 3000"), e.getMessage());
        }
    }

    @Test
    void kMeansPlusPlusIsDeterministicPerSeed() {
        Dataset ds = Blobs.generate(2_000, 4, 6, 11, Layout.ROWS);
        assertArrayEquals(seed(ds, 6, 42), seed(ds, 6, 42));
        assertFalse(Arrays.equals(seed(ds, 6, 42), seed(ds, 6, 43)), "another seed, other centres");
    }

    @Test
    void kMeansPlusPlusFindsEveryWellSeparatedCluster() {
        // 16 blobs with unit spread in a 20-wide box of 8 dimensions are far apart.
        Dataset ds = Blobs.generate(4_000, 8, 16, 5, Layout.ROWS);
        for (long s = 0; s < 5; s++) {
            double[] c = seed(ds, 16, s);
            Set<Integer> clusters = new HashSet<>();
            for (int j = 0; j < 16; j++) {
                clusters.add(trueClusterOf(ds, Arrays.copyOfRange(c, j * 8, j * 8 + 8)));
            }
            assertEquals(16, clusters.size(), "seed " + s + " put two centres in one true cluster");
        }
    }

    /** The true label of the row that is this centre (k-means++ picks rows). */
    private static int trueClusterOf(Dataset ds, double[] centre) {
        double[] row = new double[ds.d()];
        for (int i = 0; i < ds.n(); i++) {
            ds.x().copyRow(i, row, 0);
            if (Arrays.equals(row, centre)) {
                return ds.labels()[i];
            }
        }
        throw new AssertionError("centre is not a row of the data");
    }

    @Test
    void layoutsGiveIdenticalResults() {
        Dataset rows = Blobs.generate(3_001, 7, 5, 3, Layout.ROWS);
        FitResult ref = fit(rows, 5, 9, 1, 256);
        assertEquals(1.0, Ari.of(rows.labels(), ref.labels()), 1e-12);
        for (Layout l : Layout.values()) {
            FitResult r = fit(rows.withLayout(l), 5, 9, 1, 256);
            assertArrayEquals(ref.labels(), r.labels(), l + " labels");
            assertArrayEquals(ref.centres(), r.centres(), 0.0, l + " centres");
            assertEquals(ref.iterations(), r.iterations());
            assertEquals(ref.inertia(), r.inertia(), 0.0);
        }
    }

    static Stream<Arguments> kindsAndThreads() {
        return Stream.of(KernelKind.values()).flatMap(k -> IntStream.of(2, 3, 4, 8).mapToObj(t -> Arguments.of(k, t)));
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @MethodSource("kindsAndThreads")
    void anyThreadCountGivesBitwiseTheSameFit(KernelKind kind, int threads) {
        // overlapping clusters, so that the fit takes many iterations and sums have rounding to lose
        Dataset ds = Blobs.generate(5_003, 3, 12, 8, Layout.COLUMNS);
        FitResult one = fit(kind, ds, 12, 4, 1, 100);
        FitResult many = fit(kind, ds, 12, 4, threads, 100);
        assertArrayEquals(one.labels(), many.labels());
        assertArrayEquals(one.centres(), many.centres(), 0.0);
        assertEquals(one.inertia(), many.inertia(), 0.0);
        assertTrue(one.iterations() > 2, "a fit that stops at once tests nothing");
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void fastKernelsFitLikeTheScalarOne(Layout layout) {
        Dataset ds = Blobs.generate(6_007, 9, 7, 12, layout);
        FitResult ref = fit(KernelKind.SCALAR, ds, 7, 3, 1, 256);
        for (KernelKind kind : KernelKind.values()) {
            FitResult r = fit(kind, ds, 7, 3, 2, 256);
            assertArrayEquals(ref.labels(), r.labels(), kind + " labels");
            assertArrayEquals(ref.centres(), r.centres(), 1e-9, kind + " centres");
            assertEquals(ref.iterations(), r.iterations(), kind + " iterations");
            assertEquals(ref.inertia(), r.inertia(), 1e-9 * ref.inertia(), kind + " inertia");
        }
    }

    /**
     * Two empty clusters (0 and 1) and a cluster (3) of one row, the farthest from its centre: the
     * first relocation takes that row and empties cluster 3, which, as in scikit-learn, stays empty
     * until the next pass (its centre its zero sum) instead of taking a third farthest row.
     */
    @Test
    void aClusterARelocationEmptiesWaitsForTheNextPass() {
        double[] values = new double[21];
        values[20] = 5; // twenty rows at 0, one at 5
        Matrix x = new kmlab.data.RowMatrix(values, 21, 1);
        try (Workers w = Workers.of(1)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.SCALAR, x), w, new FitOptions(1e-4, 1, 8));
            FitResult r = km.lloyd(new double[] {100, 200, 0.1, 6}, 4);
            assertArrayEquals(new double[] {5, 0, 0, 0}, r.centres(), 0.0);
            assertEquals(1, r.iterations());
        }
    }

    @Test
    void kOfOneIsTheMean() {
        Dataset ds = Blobs.generate(999, 3, 4, 2, Layout.BOXED);
        FitResult r = fit(ds, 1, 0, 1, 256);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (int i = 0; i < ds.n(); i++) {
                mean += ds.x().get(i, j);
            }
            assertEquals(mean / ds.n(), r.centres()[j], 1e-9);
        }
        assertTrue(r.converged());
    }

    @Test
    void tolerancesIsRelativeToTheMeanVariance() {
        Dataset ds = Blobs.generate(1000, 2, 2, 1, Layout.ROWS);
        try (Workers w = Workers.of(1)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.SCALAR, ds.x()), w, FitOptions.DEFAULT);
            assertEquals(1e-4 * KMeans.meanVariance(ds.x()), km.absoluteTolerance(), 0.0);
        }
        Dataset tiny = new Dataset(ds.header(), new kmlab.data.RowMatrix(new double[] {1, 2, 3, 4, 5, 6}, 3, 2),
                null, null);
        assertEquals(8.0 / 3, KMeans.meanVariance(tiny.x()), 1e-12); // numpy: X.var(axis=0).mean()
    }

    @Test
    void meanVarianceIsBitwiseTheSameInEveryLayoutAndMatchesAColumnByColumnSum() {
        for (int d : new int[] {1, 3, 7, 9, 33}) {
            Dataset ds = Blobs.generate(1003, d, 4, d, Layout.ROWS);
            double expected = columnByColumn(ds.x());
            for (Layout layout : Layout.values()) {
                Matrix m = Matrix.copyOf(ds.x(), layout, null);
                assertEquals(expected, KMeans.meanVariance(m), 0.0, layout + " d=" + d);
            }
        }
    }

    /** The textbook two-pass definition, one feature at a time. */
    private static double columnByColumn(Matrix x) {
        double sum = 0;
        for (int j = 0; j < x.d(); j++) {
            double mean = 0;
            for (int i = 0; i < x.n(); i++) {
                mean += x.get(i, j);
            }
            mean /= x.n();
            double ss = 0;
            for (int i = 0; i < x.n(); i++) {
                double diff = x.get(i, j) - mean;
                ss += diff * diff;
            }
            sum += ss / x.n();
        }
        return sum / x.d();
    }
}
