package kmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.stream.Stream;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A steady-state assignment pass must allocate (almost) nothing: when C2 fails to keep vectors in
 * registers it boxes them, and a pass then allocates megabytes and runs several times slower,
 * with no other sign. The bound, 64 KiB a pass of 64 chunks, leaves room for the per-pass binding
 * and little else; a boxed-vector fallback allocates orders of magnitude more. The gemm kernels
 * also run at k = 16, 24 and 40, which take their other tile shapes (double: 2, 2 + 1 and 4 + 1
 * centre vectors; float: 1 block, 1 block + 1 vector); a helper taking vectors that C2 stopped
 * inlining once was seen boxing 190 MB a pass at k = 24 only.
 */
class AllocationTest {
    static final long BOUND = 64 * 1024;

    static Stream<Arguments> kernels() {
        return Stream.of(
                Stream.of(KernelKind.values()).flatMap(k -> Stream.of(Layout.values())
                        .map(l -> Arguments.of(k, l, Precision.DOUBLE, 8))),
                Stream.of(KernelKind.SIMD, KernelKind.GEMM).flatMap(k -> Stream.of(Layout.values())
                        .map(l -> Arguments.of(k, l, Precision.FLOAT, 8))),
                Stream.of(Precision.values()).flatMap(p -> Stream.of(16, 24, 40)
                        .map(k -> Arguments.of(KernelKind.GEMM, Layout.ROWS, p, k))))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} {1} {2} k={3}")
    @MethodSource("kernels")
    void steadyStatePassAllocatesAlmostNothing(KernelKind kind, Layout layout, Precision precision, int k) {
        // the one known exception (see KernelKind.Cost.MIN_DOUBLE_LANES), which auto avoids
        assumeFalse(kind.needsVectorModule() && precision == Precision.DOUBLE
                && VectorWidth.doubleLanes() < KernelKind.Cost.MIN_DOUBLE_LANES,
                "HotSpot boxes 2-lane double vectors' compares and blends");
        Dataset ds = Blobs.generate(16_384, 16, 8, 3, layout);
        Kernel kernel = Kernels.create(kind, ds.x(), precision);
        double[] centres = new double[k * 16];
        for (int c = 0; c < k; c++) {
            ds.x().copyRow(c * 400, centres, c * 16);
        }
        Chunks chunks = new Chunks(ds.n(), 256);
        ChunkSums[] partial = new ChunkSums[chunks.count()];
        Arrays.setAll(partial, c -> new ChunkSums(k, 16));
        int[] labels = new int[ds.n()];
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long perPass = Long.MAX_VALUE;
        // Warm up until C2 has compiled the kernel; keep the best of several measured rounds.
        for (int round = 0; round < 40 && perPass > BOUND; round++) {
            long before = bean.getThreadAllocatedBytes(tid);
            for (int p = 0; p < 10; p++) {
                Kernel.Assigner a = kernel.bind(centres, k);
                for (int c = 0; c < chunks.count(); c++) {
                    partial[c].clear();
                    a.assign(chunks.from(c), chunks.to(c), labels, partial[c]);
                }
            }
            perPass = Math.min(perPass, (bean.getThreadAllocatedBytes(tid) - before) / 10);
        }
        assertTrue(perPass <= BOUND, kind + "/" + layout + "/" + precision + " k=" + k + " allocates " + perPass
                + " bytes a pass");
    }
}
