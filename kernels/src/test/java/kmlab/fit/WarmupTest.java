package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kmlab.data.Layout;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WarmupTest {
    /** Tile widths in vectors, widest first: GemmKernel's (4, 2, 1) and GemmFloatKernel's (2, 1). */
    static final int[] DOUBLE_TILES = {4, 2, 1};
    static final int[] FLOAT_TILES = {2, 1};

    /**
     * The tile methods a pass at k runs, each with whether it is the row's first tile (it then
     * stores the lane slots, else merges into them: a branch C2 compiles only once it was taken), by
     * the walk of the gemm kernels' nearestRows: the widest tile while it fits, then each narrower
     * one at most once. A k that takes a pair first compiles or recompiles code.
     */
    static Set<String> paths(int k, int lanes, int[] tiles) {
        int kp = (k + lanes - 1) / lanes * lanes;
        Set<String> out = new TreeSet<>();
        int c = 0;
        for (int t = 0; t < tiles.length; t++) {
            int width = tiles[t] * lanes;
            do {
                if (c + width > kp) {
                    break;
                }
                out.add(tiles[t] + (c == 0 ? " first" : " merge"));
                c += width;
            } while (t == 0);
        }
        return out;
    }

    static Set<String> paths(int[] ks, int lanes, int[] tiles) {
        Set<String> out = new TreeSet<>();
        for (int k : ks) {
            out.addAll(paths(k, lanes, tiles));
        }
        return out;
    }

    /** The head of the order, as long as the rule's: the smallest and the largest k of each vector count. */
    static int[] front(int[] order, int perVector) {
        Map<Integer, IntSummaryStatistics> byCount = Arrays.stream(order).boxed()
                .collect(Collectors.groupingBy(k -> (k + perVector - 1) / perVector, Collectors.summarizingInt(k -> k)));
        long n = byCount.values().stream().mapToLong(s -> s.getMin() == s.getMax() ? 1 : 2).sum();
        return Arrays.copyOf(order, (int) n);
    }

    static Stream<Arguments> lanesAndJobs() {
        List<int[]> jobs = List.of(Workload.SWEEP.ks(20), Workload.SWEEP.ks(40), Workload.SWEEP.ks(64),
                Workload.SWEEP.ks(100), Workload.SINGLE.ks(33), new int[] {5, 12, 31}, new int[] {2, 3});
        return Stream.of(Arguments.of(2, DOUBLE_TILES), Arguments.of(4, DOUBLE_TILES), Arguments.of(8, DOUBLE_TILES),
                        Arguments.of(4, FLOAT_TILES), Arguments.of(8, FLOAT_TILES), Arguments.of(16, FLOAT_TILES))
                .flatMap(a -> jobs.stream().map(ks -> Arguments.of(a.get()[0], a.get()[1], ks)));
    }

    /**
     * At 128-, 256- and 512-bit double and float lanes: the head of the order alone meets every
     * tile path the job's k take, and the cap at MAX_K loses none.
     */
    @ParameterizedTest(name = "{0} lanes, tiles {1}, ks {2}")
    @MethodSource("lanesAndJobs")
    void theHeadOfTheOrderMeetsEveryTilePathAtEachLaneCount(int lanes, int[] tiles, int[] ks) {
        int[] order = Warmup.order(ks, lanes);
        Set<String> wanted = paths(ks, lanes, tiles);
        assertEquals(wanted, paths(order, lanes, tiles), "the cap at " + Warmup.MAX_K + " lost a path");
        int[] head = front(order, lanes);
        assertEquals(wanted, paths(head, lanes, tiles), "head " + Arrays.toString(head));
        int[] sorted = Arrays.stream(ks).map(k -> Math.min(k, Warmup.MAX_K)).distinct().sorted().toArray();
        assertArrayEquals(sorted, Arrays.stream(order).sorted().toArray(), "every capped k once");
    }

    @Test
    void eightLanesAssumedAt128BitsWouldMissPaths() {
        // the order the warm-up had for every width: at 2 lanes its head never meets a 2-vector tile
        int[] ks = Workload.SWEEP.ks(20);
        int[] eightLaneHead = front(Warmup.order(ks, 8), 8);
        assertArrayEquals(new int[] {1, 8, 9, 16, 17, 20}, eightLaneHead);
        assertFalse(paths(eightLaneHead, 2, DOUBLE_TILES).containsAll(paths(ks, 2, DOUBLE_TILES)));
        // and a job whose k skip the first of a vector count: its smallest k of each count comes first
        assertArrayEquals(new int[] {5, 12, 31}, Warmup.order(new int[] {31, 12, 5}, 8));
        assertArrayEquals(new int[] {3, 8, 9, 16, 17, 24, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23},
                Warmup.order(IntStream.rangeClosed(3, 24).toArray(), 8));
    }

    @Test
    void eachTilePathComesFirstAndLargeKAreCapped() {
        assertArrayEquals(new int[] {1, 8, 9, 16, 17, 20, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 18, 19},
                Warmup.order(Workload.SWEEP.ks(20), 8));
        assertArrayEquals(new int[] {1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 2, 3, 6, 7, 10, 11, 14, 15, 18, 19},
                Warmup.order(Workload.SWEEP.ks(20), 4));
        assertArrayEquals(IntStream.rangeClosed(1, 20).toArray(), Warmup.order(Workload.SWEEP.ks(20), 1),
                "centres not in lanes: ascending");
        assertArrayEquals(new int[] {32}, Warmup.order(Workload.SINGLE.ks(32), 8));
        assertArrayEquals(new int[] {Warmup.MAX_K}, Warmup.order(Workload.SINGLE.ks(1000), 16));
    }

    static Stream<Arguments> kernels() {
        return Stream.of(KernelKind.values()).flatMap(kind -> kind.precisions().stream().map(p -> Arguments.of(kind, p)));
    }

    /** The real warm-up, run to its end: the descriptor's kernel and lanes, every planned fit of every round. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernels")
    @Timeout(300)
    void aWarmupLeftAloneFitsItsPlanOnTheNamedKernel(KernelKind kind, Precision precision) throws InterruptedException {
        int[] ks = Workload.SWEEP.ks(5);
        Warmup w = Warmup.start(kind, precision, Layout.values()[kind.ordinal() % 3], 3, ks);
        assertTrue(w.awaitEnd(240_000), "the warm-up did not end");
        assertArrayEquals(Warmup.order(ks, kind.centresPerVector(precision)), w.plan());
        assertEquals(kind, w.warmed());
        assertEquals(Warmup.ROUNDS * w.plan().length, w.fits());
        w.close();
    }

    @Test
    @Timeout(60) // a hang guard, not a timing: close() must not wait for the whole warm-up
    void closeStopsTheWarmupBeforeItsPlanIsDone() throws InterruptedException {
        for (KernelKind kind : KernelKind.values()) {
            Warmup w = Warmup.start(kind, Precision.DOUBLE, Layout.ROWS, 7, Workload.SWEEP.ks(40));
            w.close();
            assertTrue(w.awaitEnd(30_000), kind + ": still running after the fit in progress");
            assertTrue(w.fits() < Warmup.ROUNDS * w.plan().length, kind + ": ran its whole plan");
        }
    }
}
