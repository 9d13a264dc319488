package kmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast kernel against the scalar reference on awkward shapes: d in {1, 2, 3, 7, 8, 9, 31, 32,
 * 33}, n and the chunk size not multiples of any lane count, k from 1 to 40.
 *
 * <p>Stated bounds: a label may differ from the scalar one only where the two centres' exact
 * squared distances are within {@link #TIE} x (|x|^2 + |c|^2) of each other (FMA and the gemm form's
 * cancellation round differently); where all labels agree, sums and counts are bitwise equal (same
 * order of addition). k-means++ distances agree within 1e-12 relative, plus {@link #TIE} x
 * (|x|^2 + |c|^2) absolute for the same cancellation.
 */
class KernelEquivalenceTest {
    static final double TIE = 1e-12;
    static final int[] DIMS = {1, 2, 3, 7, 8, 9, 31, 32, 33};
    static final int[] KS = {1, 2, 3, 4, 5, 8, 17, 40};

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(2024);
        for (KernelKind kind : List.of(KernelKind.SIMD, KernelKind.GEMM)) {
            for (Layout layout : Layout.values()) {
                for (int d : DIMS) {
                    int k = KS[rnd.nextInt(KS.length)];
                    int n = 41 + rnd.nextInt(700); // rarely a multiple of 8
                    out.add(Arguments.of(kind, layout, d, Math.max(n, k), k, 37 + rnd.nextInt(90)));
                }
                // chunks larger than a kernel's sub-block (256 rows), with a short last one
                out.add(Arguments.of(kind, layout, 9, 2_345, 17, 1_000));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} d={2} n={3} k={4} chunk={5}")
    @MethodSource("shapes")
    void assignMatchesScalar(KernelKind kind, Layout layout, int d, int n, int k, int chunk) {
        Dataset ds = Blobs.generate(n, d, Math.max(1, k / 2), n * 31L + d, layout);
        Matrix x = ds.x();
        double[] centres = randomCentres(x, k, new SplittableRandom(n + k));
        Kernel scalar = Kernels.create(KernelKind.SCALAR, x);
        Kernel fast = Kernels.create(kind, x);
        assertEquals(kind, fast.kind());
        Chunks chunks = new Chunks(n, chunk);
        int[] want = new int[n];
        int[] got = new int[n];
        java.util.Arrays.fill(want, -1);
        java.util.Arrays.fill(got, 3 % k); // some labels unchanged, so `changed` is exercised
        java.util.Arrays.fill(want, 0, n / 2, 3 % k);
        java.util.Arrays.fill(got, n / 2, n, -1);
        ChunkSums a = pass(scalar, centres, k, want, chunks);
        ChunkSums b = pass(fast, centres, k, got, chunks);
        int differ = 0;
        for (int i = 0; i < n; i++) {
            if (want[i] != got[i]) {
                differ++;
                double da = x.distanceSq(i, centres, want[i]);
                double db = x.distanceSq(i, centres, got[i]);
                double scale = norm(x, i) + normOf(centres, want[i], d) + normOf(centres, got[i], d);
                assertTrue(Math.abs(da - db) <= TIE * scale,
                        "row " + i + ": label " + got[i] + " vs " + want[i] + " is not a tie: " + da + " vs " + db);
            }
        }
        if (differ == 0) {
            assertArrayEquals(a.counts, b.counts);
            assertArrayEquals(a.sums, b.sums, 0.0, "same labels, same order: bitwise equal sums");
            assertEquals(a.changed, b.changed);
        }
    }

    @ParameterizedTest(name = "{0} {1} d={2} n={3} k={4} chunk={5}")
    @MethodSource("shapes")
    void seedDistancesMatchScalar(KernelKind kind, Layout layout, int d, int n, int k, int chunk) {
        Dataset ds = Blobs.generate(n, d, 3, n + 7L * d, layout);
        Matrix x = ds.x();
        SplittableRandom rnd = new SplittableRandom(k);
        int trials = 1 + k % 5 + (d == 33 ? 8 : 0); // more trials than 512-bit lanes: the fallback path
        double[] candidates = randomCentres(x, trials, rnd);
        double[] closest = new double[n];
        for (int i = 0; i < n; i++) {
            closest[i] = rnd.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : rnd.nextDouble() * 50 * d;
        }
        Chunks chunks = new Chunks(n, chunk);
        double[][] want = new double[trials][n];
        double[][] got = new double[trials][n];
        for (int c = 0; c < chunks.count(); c++) {
            double[] pw = new double[trials];
            double[] pg = new double[trials];
            Kernels.create(KernelKind.SCALAR, x).seedDistances(candidates, trials, closest, want, pw,
                    chunks.from(c), chunks.to(c));
            Kernels.create(kind, x).seedDistances(candidates, trials, closest, got, pg, chunks.from(c), chunks.to(c));
            for (int t = 0; t < trials; t++) {
                assertEquals(pw[t], pg[t], 0.0, "chunk " + c + " trial " + t + ": bitwise the scalar pot");
            }
        }
        for (int t = 0; t < trials; t++) {
            assertArrayEquals(want[t], got[t], 0.0, "trial " + t + ": bitwise the scalar distances");
        }
    }

    static Stream<Arguments> tieShapes() {
        Stream<Arguments> doubles = Stream.of(KernelKind.values()).flatMap(kind -> Stream.of(Layout.values())
                .flatMap(layout -> IntStream.of(3, 9, 20, 40).mapToObj(k -> Arguments.of(kind, layout, k, Precision.DOUBLE))));
        Stream<Arguments> floats = Stream.of(KernelKind.SIMD, KernelKind.GEMM).flatMap(kind -> Stream.of(Layout.values())
                .flatMap(layout -> IntStream.of(3, 17, 33, 40).mapToObj(k -> Arguments.of(kind, layout, k, Precision.FLOAT))));
        return Stream.concat(doubles, floats);
    }

    /** Duplicated centres tie exactly; every kernel must pick the lower index, across lanes and blocks. */
    @ParameterizedTest(name = "{0} {1} k={2} {3}")
    @MethodSource("tieShapes")
    void exactTiesGoToTheLowerCentre(KernelKind kind, Layout layout, int k, Precision precision) {
        Dataset ds = Blobs.generate(1_003, 5, 3, 77, layout);
        int d = 5;
        double[] centres = randomCentres(ds.x(), k, new SplittableRandom(k));
        int[] copyOf = new int[k];
        for (int c = 0; c < k; c++) {
            copyOf[c] = c;
        }
        for (int c = 1; c < k; c += 2) { // centre c becomes a copy of a lower one, spread over lanes and blocks
            int src = (c * 7) % c;
            System.arraycopy(centres, src * d, centres, c * d, d);
            copyOf[c] = copyOf[src];
        }
        int[] labels = new int[ds.n()];
        pass(Kernels.create(kind, ds.x(), precision), centres, k, labels, new Chunks(ds.n(), 64));
        for (int i = 0; i < ds.n(); i++) {
            assertEquals(copyOf[labels[i]], labels[i], "row " + i + " took the copy " + labels[i]
                    + " of centre " + copyOf[labels[i]]);
        }
    }

    static ChunkSums pass(Kernel kernel, double[] centres, int k, int[] labels, Chunks chunks) {
        ChunkSums total = new ChunkSums(k, kernel.data().d());
        Kernel.Assigner a = kernel.bind(centres, k);
        for (int c = 0; c < chunks.count(); c++) {
            a.assign(chunks.from(c), chunks.to(c), labels, total); // one accumulator: the order is row order
        }
        return total;
    }

    /** Random rows of the data, each moved by a little noise (and some exact duplicates of rows). */
    static double[] randomCentres(Matrix x, int k, SplittableRandom rnd) {
        int d = x.d();
        double[] c = new double[k * d];
        for (int q = 0; q < k; q++) {
            x.copyRow(rnd.nextInt(x.n()), c, q * d);
            if (q % 3 != 0) {
                for (int j = 0; j < d; j++) {
                    c[q * d + j] += rnd.nextGaussian();
                }
            }
        }
        return c;
    }

    static double norm(Matrix x, int i) {
        double s = 0;
        for (int j = 0; j < x.d(); j++) {
            s += x.get(i, j) * x.get(i, j);
        }
        return s;
    }

    static double normOf(double[] c, int q, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += c[q * d + j] * c[q * d + j];
        }
        return s;
    }
}
