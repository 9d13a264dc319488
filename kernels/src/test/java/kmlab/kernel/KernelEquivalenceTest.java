package kmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.fit.FitOptions;
import kmlab.fit.FitResult;
import kmlab.fit.KMeans;
import org.junit.jupiter.params.ParameterizedTest;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel x layout x precision against the scalar reference, bit for bit: labels, sums,
 * counts and changed of an assignment pass, k-means++ distances and pots, and whole fits (seeding
 * and Lloyd: labels, centres, inertia, iterations, converged). Awkward shapes (d in {1, 2, 3, 7, 8,
 * 9, 31, 32, 33}, n and the chunk size not multiples of any lane count, k up to 40), constructed
 * exact ties (points equidistant from two centres, duplicate centres, duplicate points) and near
 * ties (distances a few ulps apart; data far from the origin, where the gemm form's cancellation
 * bites). The near-tie cases also run the fast kernels with the bound switched off (E = 0: only
 * exact ties of their own scores go to the reference), to show that they would then label some
 * rows differently: the bound is what the equality rests on; their sums are still checked, against
 * the labels they gave. The exact single-row distances ({@link Kernel#measure}) are the scalar ones.
 */
class KernelEquivalenceTest {
    static final int[] DIMS = {1, 2, 3, 7, 8, 9, 31, 32, 33};
    static final int[] KS = {1, 2, 3, 4, 5, 8, 17, 40};

    /** The fast kernels: every family that is not the reference, in both precisions. */
    static List<Arguments> fastKinds() {
        List<Arguments> out = new ArrayList<>();
        for (KernelKind kind : List.of(KernelKind.SIMD, KernelKind.GEMM)) {
            for (Precision p : Precision.values()) {
                out.add(Arguments.of(kind, p));
            }
        }
        return out;
    }

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(2024);
        for (Arguments kp : fastKinds()) {
            KernelKind kind = (KernelKind) kp.get()[0];
            Precision precision = (Precision) kp.get()[1];
            for (Layout layout : Layout.values()) {
                for (int d : DIMS) {
                    int k = KS[rnd.nextInt(KS.length)];
                    int n = 41 + rnd.nextInt(700); // rarely a multiple of 8
                    out.add(Arguments.of(kind, layout, precision, d, Math.max(n, k), k, 37 + rnd.nextInt(90)));
                }
                // k = 40 on every layout, and chunks larger than a kernel's sub-block (256 rows)
                out.add(Arguments.of(kind, layout, precision, 33, 777, 40, 300));
                out.add(Arguments.of(kind, layout, precision, 9, 2_345, 17, 1_000));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} d={3} n={4} k={5} chunk={6}")
    @MethodSource("shapes")
    void assignIsTheScalarAssignBitwise(KernelKind kind, Layout layout, Precision precision, int d, int n, int k,
                                        int chunk) {
        Dataset ds = Blobs.generate(n, d, Math.max(1, k / 2), n * 31L + d, layout);
        Matrix x = ds.x();
        double[] centres = randomCentres(x, k, new SplittableRandom(n + k));
        Kernel fast = Kernels.create(kind, x, precision);
        assertEquals(kind, fast.kind());
        assertSamePass(x, fast, centres, k, new Chunks(n, chunk), kind + "/" + layout + "/" + precision);
    }

    @ParameterizedTest(name = "{0} {1} {2} d={3} n={4} k={5} chunk={6}")
    @MethodSource("shapes")
    void seedDistancesAreTheScalarOnesBitwise(KernelKind kind, Layout layout, Precision precision, int d, int n,
                                              int k, int chunk) {
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
        Kernel scalar = Kernels.create(KernelKind.SCALAR, x);
        Kernel fast = Kernels.create(kind, x, precision);
        for (int c = 0; c < chunks.count(); c++) {
            double[] pw = new double[trials];
            double[] pg = new double[trials];
            scalar.seedDistances(candidates, trials, closest, want, pw, chunks.from(c), chunks.to(c));
            fast.seedDistances(candidates, trials, closest, got, pg, chunks.from(c), chunks.to(c));
            assertBitwise(pw, pg, "chunk " + c + " pots");
        }
        for (int t = 0; t < trials; t++) {
            assertBitwise(want[t], got[t], "trial " + t + " distances");
        }
    }

    /**
     * The exact single-row distances of the pruning algorithms: every kernel's {@link Kernel.Measure}
     * gives the scalar reference's distance bit for bit, all at once and one at a time, whatever its
     * precision (far from the origin too, where the gemm and float scores would round otherwise).
     */
    @ParameterizedTest(name = "{0} {1} {2} d={3} n={4} k={5}")
    @MethodSource("shapes")
    void measuresAreTheScalarDistancesBitwise(KernelKind kind, Layout layout, Precision precision, int d, int n, int k,
                                              int chunk) {
        Matrix x = shifted(Blobs.generate(n, d, 3, n + 5L * d, Layout.ROWS).x(), k % 2 == 0 ? 0 : 1e4);
        double[] centres = randomCentres(x, k, new SplittableRandom(k * 3L + d));
        Kernel.Measure m = Kernels.create(kind, Matrix.copyOf(x, layout, null), precision).measure(centres, k);
        Kernel.Measure scalar = Kernels.create(KernelKind.SCALAR, x).measure(centres, k);
        double[] row = new double[d];
        double[] all = new double[k];
        double[] scalarAll = new double[k];
        for (int i = 0; i < n; i++) {
            x.copyRow(i, row, 0);
            m.all(row, 0, all);
            scalar.all(row, 0, scalarAll);
            assertBitwise(scalarAll, all, kind + " row " + i + " against the scalar measure");
            for (int c = 0; c < k; c++) {
                double want = ScalarKernel.distanceSq(row, 0, centres, c * d, d);
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(scalarAll[c]),
                        "scalar row " + i + " centre " + c + " all");
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(m.one(row, 0, c)),
                        kind + " row " + i + " centre " + c + " one");
            }
        }
    }

    static Stream<Arguments> tieShapes() {
        return Stream.of(KernelKind.values()).flatMap(kind -> Stream.of(Precision.values())
                .filter(p -> Kernels.supports(kind, p))
                .flatMap(p -> Stream.of(Layout.values())
                        .flatMap(layout -> IntStream.of(3, 9, 17, 20, 33, 40)
                                .mapToObj(k -> Arguments.of(kind, layout, p, k)))));
    }

    /**
     * Duplicated centres tie exactly; every kernel must pick the lower index, across lanes and
     * blocks, and give the scalar kernel's pass bit for bit. The rows come three times each
     * (duplicate points).
     */
    @ParameterizedTest(name = "{0} {1} {2} k={3}")
    @MethodSource("tieShapes")
    void duplicateCentresAndPointsGoToTheLowerCentre(KernelKind kind, Layout layout, Precision precision, int k) {
        Matrix once = Blobs.generate(335, 5, 3, 77, Layout.ROWS).x();
        Matrix.Builder b = Matrix.builder(layout, 3 * once.n(), 5);
        double[] row = new double[5];
        for (int i = 0; i < 3 * once.n(); i++) {
            once.copyRow(i % once.n(), row, 0);
            b.add(null, row);
        }
        Matrix x = b.build();
        int d = 5;
        double[] centres = randomCentres(x, k, new SplittableRandom(k));
        int[] copyOf = new int[k];
        for (int c = 0; c < k; c++) {
            copyOf[c] = c;
        }
        for (int c = 1; c < k; c += 2) { // centre c becomes a copy of a lower one, spread over lanes and blocks
            int src = (c * 7) % c;
            System.arraycopy(centres, src * d, centres, c * d, d);
            copyOf[c] = copyOf[src];
        }
        int[] labels = assertSamePass(x, Kernels.create(kind, x, precision), centres, k, new Chunks(x.n(), 64),
                kind + "/" + layout + "/" + precision);
        for (int i = 0; i < x.n(); i++) {
            assertEquals(copyOf[labels[i]], labels[i], "row " + i + " took the copy " + labels[i]
                    + " of centre " + copyOf[labels[i]]);
        }
    }

    /**
     * Small integers: every distance is exact in double (and, near the origin, every gemm score
     * too), so points tie exactly between centres in other lanes and blocks all the time. Far from
     * the origin (offset 1e4) the same ties are exact for the reference but not for the gemm and
     * float scores.
     */
    @ParameterizedTest(name = "{0} {1} {2} k={3}")
    @MethodSource("tieShapes")
    void exactTiesOnAnIntegerGrid(KernelKind kind, Layout layout, Precision precision, int k) {
        int ties = 0;
        for (double offset : new double[] {0, 1e4}) {
            for (int d : new int[] {1, 2, 3, 9}) {
                SplittableRandom rnd = new SplittableRandom(k * 100L + d);
                Matrix x = integerGrid(layout, 301, d, offset, rnd);
                double[] centres = new double[k * d];
                for (int i = 0; i < centres.length; i++) {
                    centres[i] = offset + rnd.nextInt(5);
                }
                int[] labels = assertSamePass(x, Kernels.create(kind, x, precision), centres, k,
                        new Chunks(x.n(), 100), kind + "/" + layout + "/" + precision + " d=" + d + " offset=" + offset);
                for (int i = 0; i < x.n(); i++) {
                    double best = x.distanceSq(i, centres, labels[i]);
                    for (int c = labels[i] + 1; c < k; c++) {
                        if (x.distanceSq(i, centres, c) == best) {
                            ties++; // the reference's nearest distance is shared: an exact tie
                            break;
                        }
                    }
                }
            }
        }
        assertTrue(ties > 100, "only " + ties + " exact ties");
    }

    static Stream<Arguments> nearTieShapes() {
        List<Arguments> out = new ArrayList<>();
        for (Arguments kp : fastKinds()) {
            for (Layout layout : Layout.values()) {
                for (double offset : new double[] {0, 1e4}) {
                    out.add(Arguments.of(kp.get()[0], layout, kp.get()[1], offset));
                }
            }
        }
        return out.stream();
    }

    /**
     * Points on, a few ulps off, or 1e-2..1e-12 off the bisector of two centres (see
     * {@link #nearTies}), the pair the nearest by far, pairs in shuffled centre slots (k = 2 x
     * pairs, up to 40): the reference sees
     * exact ties, distances a few ulps apart and near ties of every size; every kernel must give its
     * labels. With E = 0, the float kernels (both offsets) and the gemm double kernel (offset 1e4:
     * |x|^2 + |c|^2 - 2 x.c cancels ~1e9 down to ~1) label some rows differently, so this test does
     * exercise the bound, not only the handling of exact ties.
     */
    @ParameterizedTest(name = "{0} {1} {2} offset={3}")
    @MethodSource("nearTieShapes")
    void nearTiesAreSettledByTheReference(KernelKind kind, Layout layout, Precision precision, double offset) {
        int rawDiffers = 0;
        int scalarTies = 0;
        int scalarNear = 0;
        for (int d : DIMS) {
            for (int pairs : new int[] {1, 4, 9, 20}) {
                NearTieCase nt = nearTies(layout, 501, d, pairs, offset, d * 1000L + pairs);
                int k = 2 * pairs;
                String what = kind + "/" + layout + "/" + precision + " d=" + d + " k=" + k;
                int[] want = assertSamePass(nt.x, Kernels.create(kind, nt.x, precision), nt.centres, k,
                        new Chunks(nt.x.n(), 128), what);
                int[] raw = new int[nt.x.n()];
                ChunkSums rawSums = pass(withoutBound(kind, precision, nt.x), nt.centres, k, raw,
                        new Chunks(nt.x.n(), 128));
                // its labels may differ from the reference's; its sums must still be those of its labels
                assertSumsOfLabels(nt.x, new int[nt.x.n()], raw, rawSums, k, what + " E=0");
                for (int i = 0; i < raw.length; i++) {
                    if (raw[i] != want[i]) {
                        rawDiffers++;
                    }
                    double da = nt.x.distanceSq(i, nt.centres, nt.pairOf[i][0]);
                    double db = nt.x.distanceSq(i, nt.centres, nt.pairOf[i][1]);
                    if (da == db) {
                        scalarTies++;
                    } else if (Math.abs(da - db) <= 64 * Math.ulp(Math.max(da, db))) {
                        scalarNear++;
                    }
                }
            }
        }
        assertTrue(scalarTies > 0 && (scalarNear > 0 || offset > 0), "exact " + scalarTies + ", near " + scalarNear);
        if (kind == KernelKind.SIMD && precision == Precision.DOUBLE) {
            assertEquals(0, rawDiffers, "simd double computes the reference's own distances: nothing to settle");
        } else if (precision == Precision.FLOAT || offset > 0) {
            assertTrue(rawDiffers > 0, "with E = 0, " + kind + "/" + precision
                    + " would have matched the reference anyway: the test does not exercise the bound");
        }
    }

    /** The check of a pass whose labels differ from the reference's fails when its sums do not follow them. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fastKinds")
    void theSumsOfAnUnsettledPassAreCheckedAgainstItsOwnLabels(KernelKind kind, Precision precision) {
        NearTieCase nt = nearTies(Layout.ROWS, 501, 7, 9, 1e4, 7);
        int[] labels = new int[nt.x.n()];
        ChunkSums sums = pass(withoutBound(kind, precision, nt.x), nt.centres, 18, labels, new Chunks(nt.x.n(), 128));
        assertSumsOfLabels(nt.x, new int[nt.x.n()], labels, sums, 18, "as given");
        labels[0] = (labels[0] + 1) % 18; // a row whose label moved without its sums
        assertThrows(AssertionFailedError.class,
                () -> assertSumsOfLabels(nt.x, new int[nt.x.n()], labels, sums, 18, "moved"));
    }

    static Stream<Arguments> fits() {
        List<Arguments> out = new ArrayList<>();
        for (KernelKind kind : KernelKind.values()) {
            for (Precision p : Precision.values()) {
                if (Kernels.supports(kind, p)) {
                    for (Layout layout : Layout.values()) {
                        out.add(Arguments.of(kind, layout, p));
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * Whole fits, k-means++ and Lloyd, on data that make kernels disagree if anything does: blobs
     * (two shapes), blobs moved 1e4 from the origin, an integer grid with duplicate rows (exact ties,
     * empty clusters), and the near-tie construction; several k. The result must be the scalar
     * kernel's (rows layout) bit for bit, whatever kernel, layout and precision found it.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("fits")
    void wholeFitsAreTheScalarFitBitwise(KernelKind kind, Layout layout, Precision precision) {
        List<Matrix> data = new ArrayList<>();
        data.add(Blobs.generate(2_001, 2, 5, 1, Layout.ROWS).x());
        data.add(Blobs.generate(3_001, 9, 12, 2, Layout.ROWS).x());
        data.add(shifted(Blobs.generate(2_500, 8, 8, 3, Layout.ROWS).x(), 1e4));
        data.add(integerGrid(Layout.ROWS, 1_500, 3, 0, new SplittableRandom(4)));
        data.add(nearTies(Layout.ROWS, 1_201, 7, 6, 1e4, 5).x);
        try (Workers w = Workers.of(1)) {
            for (Matrix rows : data) {
                Matrix x = Matrix.copyOf(rows, layout, null);
                FitOptions opt = new FitOptions(1e-4, 300, 256);
                KMeans ref = new KMeans(Kernels.create(KernelKind.SCALAR, rows), w, opt);
                KMeans fast = new KMeans(Kernels.create(kind, x, precision), w, opt);
                for (int k : new int[] {1, 3, 8, 13}) {
                    for (long seed : new long[] {1, 2}) {
                        FitResult want = ref.fit(k, seed);
                        FitResult got = fast.fit(k, seed);
                        String what = "n=" + x.n() + " d=" + x.d() + " k=" + k + " seed=" + seed;
                        assertArrayEquals(want.labels(), got.labels(), what + " labels");
                        assertBitwise(want.centres(), got.centres(), what + " centres");
                        assertBitwise(new double[] {want.inertia()}, new double[] {got.inertia()}, what + " inertia");
                        assertEquals(want.iterations(), got.iterations(), what + " iterations");
                        assertEquals(want.converged(), got.converged(), what + " converged");
                    }
                }
            }
        }
    }

    /** A fast kernel with the near-tie bound E = 0 (package-private constructors): only exact ties settle. */
    static Kernel withoutBound(KernelKind kind, Precision precision, Matrix x) {
        return switch (kind) {
            case SCALAR -> new ScalarKernel(x);
            case SIMD -> precision == Precision.DOUBLE ? new VectorKernel(x) : new SimdFloatKernel(x, false);
            case GEMM -> precision == Precision.DOUBLE ? new GemmKernel(x, false) : new GemmFloatKernel(x, false);
        };
    }

    /**
     * One pass of {@code fast} and of the scalar reference from the same stale labels (half of them
     * already the answer, so {@code changed} is exercised): labels, counts, changed and sums must be
     * bitwise equal. Returns the labels.
     */
    static int[] assertSamePass(Matrix x, Kernel fast, double[] centres, int k, Chunks chunks, String what) {
        int n = x.n();
        int[] want = new int[n];
        Arrays.fill(want, 0, n / 2, 3 % k);
        Arrays.fill(want, n / 2, n, -1);
        int[] got = want.clone();
        ChunkSums a = pass(Kernels.create(KernelKind.SCALAR, x), centres, k, want, chunks);
        ChunkSums b = pass(fast, centres, k, got, chunks);
        for (int i = 0; i < n; i++) {
            if (want[i] != got[i]) {
                fail(what + " row " + i + ": label " + got[i] + ", the reference's " + want[i] + " (distances "
                        + x.distanceSq(i, centres, got[i]) + " and " + x.distanceSq(i, centres, want[i]) + ")");
            }
        }
        assertArrayEquals(a.counts, b.counts, what + " counts");
        assertEquals(a.changed, b.changed, what + " changed");
        assertBitwise(a.sums, b.sums, what + " sums");
        return want;
    }

    /**
     * The sums, counts and changed of a pass that turned {@code before} into {@code labels}, whatever
     * labels it chose: every row added to its label's sums in row order (as every kernel adds them),
     * bit for bit.
     */
    static void assertSumsOfLabels(Matrix x, int[] before, int[] labels, ChunkSums got, int k, String what) {
        int d = x.d();
        ChunkSums want = new ChunkSums(k, d);
        double[] row = new double[d];
        for (int i = 0; i < x.n(); i++) {
            x.copyRow(i, row, 0);
            want.add(labels[i], row, 0, d, before[i] != labels[i]);
        }
        assertArrayEquals(want.counts, got.counts, what + " counts");
        assertEquals(want.changed, got.changed, what + " changed");
        assertBitwise(want.sums, got.sums, what + " sums");
    }

    static void assertBitwise(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
                fail(what + " [" + i + "]: " + got[i] + ", the reference's " + want[i]);
            }
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

    /** n rows of integers in [0, 4] plus {@code offset}, each row twice (duplicate points). */
    static Matrix integerGrid(Layout layout, int n, int d, double offset, SplittableRandom rnd) {
        Matrix.Builder b = Matrix.builder(layout, n, d);
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                for (int j = 0; j < d; j++) {
                    row[j] = offset + rnd.nextInt(5);
                }
            }
            b.add(null, row);
        }
        return b.build();
    }

    static Matrix shifted(Matrix m, double offset) {
        Matrix.Builder b = Matrix.builder(Layout.ROWS, m.n(), m.d());
        double[] row = new double[m.d()];
        for (int i = 0; i < m.n(); i++) {
            m.copyRow(i, row, 0);
            for (int j = 0; j < row.length; j++) {
                row[j] += offset;
            }
            b.add(null, row);
        }
        return b.build();
    }

    /** Data, centres, and for each row the two centres it (nearly) ties between. */
    record NearTieCase(Matrix x, double[] centres, int[][] pairOf) {
    }

    /**
     * Pairs of centres m_q -+ v_q, m_q 8 apart along e_0 (plus {@code offset} everywhere), in
     * shuffled slots; a point of pair q is m_q + w + delta v_q with w orthogonal to v_q (|w_j| <
     * 0.5): its two distances differ by 4 delta |v_q|^2 before rounding. Odd pairs lie along the
     * axis (v_q = e_0, m_q integer: the other terms of the two distances are the same numbers) and
     * half their points are moved by -3..3 ulps instead, so that the reference sees exact ties and
     * distances a few ulps apart. Even pairs have a random unit direction, so that the two
     * centres' scores round differently in every term (along the axis, identical later terms keep
     * the order of the first, rounding being monotone). delta = +-[0, 1) x 10^-(2..12). Every other
     * centre is at least ~5 farther.
     */
    static NearTieCase nearTies(Layout layout, int n, int d, int pairs, double offset, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = 2 * pairs;
        int[] slot = IntStream.range(0, k).toArray();
        for (int i = k - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = slot[i];
            slot[i] = slot[j];
            slot[j] = t;
        }
        double[][] mid = new double[pairs][d];
        double[][] dir = new double[pairs][d];
        double[] centres = new double[k * d];
        for (int q = 0; q < pairs; q++) {
            mid[q][0] = offset + 8 * q + 3;
            for (int j = 1; j < d; j++) {
                mid[q][j] = offset + rnd.nextInt(-3, 4);
            }
            if (q % 2 == 1 || d == 1) {
                dir[q][0] = 1;
            } else {
                double len = 0;
                for (int j = 0; j < d; j++) {
                    dir[q][j] = rnd.nextDouble(-1, 1);
                    len += dir[q][j] * dir[q][j];
                }
                for (int j = 0; j < d; j++) {
                    dir[q][j] /= Math.sqrt(len);
                }
            }
            for (int j = 0; j < d; j++) {
                centres[slot[2 * q] * d + j] = mid[q][j] - dir[q][j];
                centres[slot[2 * q + 1] * d + j] = mid[q][j] + dir[q][j];
            }
        }
        Matrix.Builder b = Matrix.builder(layout, n, d);
        int[][] pairOf = new int[n][];
        double[] row = new double[d];
        double[] w = new double[d];
        for (int i = 0; i < n; i++) {
            int q = rnd.nextInt(pairs);
            pairOf[i] = new int[] {slot[2 * q], slot[2 * q + 1]};
            boolean axis = dir[q][0] == 1;
            double along = 0;
            for (int j = 0; j < d; j++) {
                w[j] = axis && j == 0 ? 0 : rnd.nextDouble(-0.5, 0.5);
                along += w[j] * dir[q][j];
            }
            double delta = rnd.nextDouble(-1, 1) * Math.pow(10, -rnd.nextInt(2, 13));
            boolean ulps = axis && rnd.nextBoolean();
            for (int j = 0; j < d; j++) {
                row[j] = mid[q][j] + (w[j] - along * dir[q][j]) + (ulps ? 0 : delta * dir[q][j]);
            }
            if (ulps) {
                row[0] = mid[q][0];
                for (int s = rnd.nextInt(-3, 4); s != 0; s -= Integer.signum(s)) {
                    row[0] = s > 0 ? Math.nextUp(row[0]) : Math.nextDown(row[0]);
                }
            }
            b.add(null, row);
        }
        return new NearTieCase(b.build(), centres, pairOf);
    }
}
