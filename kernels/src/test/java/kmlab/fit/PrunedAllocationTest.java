package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Precision;
import kmlab.kernel.Workers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A steady-state Hamerly or Elkan iteration (a move, then a pass) allocates (almost) nothing, as
 * kmlab.kernel.AllocationTest asks of a kernel's pass: the same 64 KiB bound, which leaves room
 * for the measure's binding (the vector kernels transpose the centres) and the pass's task, and
 * catches a boxed vector or a per-row array by orders of magnitude. Seen here: 80 bytes an
 * iteration on the scalar kernel, 1.1 KB (k = 8) to 3.2 KB (k = 24) on the vector ones, with a
 * move that leaves about half the rows to measure.
 */
class PrunedAllocationTest {
    static final long BOUND = 64 * 1024;

    static Stream<Arguments> cases() {
        return Stream.of(Hamerly.INSTANCE, Elkan.INSTANCE).flatMap(alg -> Stream.concat(
                Stream.of(KernelKind.values()).flatMap(k -> Stream.of(Layout.values())
                        .map(l -> Arguments.of(alg, k, l, Precision.DOUBLE, 8))),
                Stream.of(Arguments.of(alg, KernelKind.GEMM, Layout.ROWS, Precision.FLOAT, 24),
                        Arguments.of(alg, KernelKind.SIMD, Layout.COLUMNS, Precision.DOUBLE, 24))));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} k={4}")
    @MethodSource("cases")
    void steadyStateIterationAllocatesAlmostNothing(Algorithm alg, KernelKind kind, Layout layout, Precision precision,
                                                   int k) {
        Dataset ds = Blobs.generate(16_384, 16, 8, 2, 3, layout);
        try (Workers w = Workers.of(1)) {
            KMeans driver = new KMeans(Kernels.create(kind, ds.x(), precision), w, new FitOptions(1e-4, 300, 256));
            double[] a = new double[k * 16];
            for (int c = 0; c < k; c++) {
                ds.x().copyRow(c * 400, a, c * 16);
            }
            double[] b = a.clone();
            for (int i = 0; i < b.length; i++) {
                b[i] += 0.5 * (i % 3 - 1); // a move that leaves many rows to measure, all k at once
            }
            int[] labels = new int[ds.n()];
            Arrays.fill(labels, -1);
            Algorithm.Instance fit = alg.start(driver, k);
            fit.assign(a, labels);
            com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().threadId();
            long perIteration = Long.MAX_VALUE;
            double[] from = a;
            double[] to = b;
            for (int round = 0; round < 40 && perIteration > BOUND; round++) {
                long before = bean.getThreadAllocatedBytes(tid);
                for (int p = 0; p < 10; p++) {
                    fit.moved(from, to);
                    fit.assign(to, labels);
                    double[] t = from;
                    from = to;
                    to = t;
                }
                perIteration = Math.min(perIteration, (bean.getThreadAllocatedBytes(tid) - before) / 10);
            }
            assertTrue(perIteration <= BOUND, alg.label() + " " + kind + "/" + layout + "/" + precision + " k=" + k
                    + " allocates " + perIteration + " bytes an iteration");
        }
    }
}
