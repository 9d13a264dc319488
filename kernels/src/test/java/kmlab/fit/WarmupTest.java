package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import kmlab.data.Layout;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WarmupTest {
    @Test
    void eachTilePathComesFirstAndLargeKAreCapped() {
        assertArrayEquals(new int[] {1, 8, 9, 16, 17, 20, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 18, 19},
                Warmup.order(Workload.SWEEP.ks(20)));
        assertArrayEquals(new int[] {32}, Warmup.order(Workload.SINGLE.ks(32)));
        assertArrayEquals(new int[] {Warmup.MAX_K}, Warmup.order(Workload.SINGLE.ks(1000)));
    }

    @Test
    @Timeout(60) // a hang guard, not a timing: close() must not wait for the whole warm-up
    void closeReturnsWhileTheWarmupIsStillBusy() {
        for (KernelKind kind : KernelKind.values()) {
            Warmup.start(kind, Precision.DOUBLE, Layout.ROWS, 7, Workload.SWEEP.ks(40)).close();
        }
    }
}
