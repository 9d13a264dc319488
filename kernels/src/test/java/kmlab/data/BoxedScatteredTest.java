package kmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * boxed-scattered holds the same rows as boxed, with list neighbours far apart on the heap, also
 * after the collector has moved objects; boxed keeps them next to each other. Where the rows lie is
 * read from the heap references themselves (sun.misc.Unsafe, tests only), and compared by rank, so
 * that neither object sizes nor the compressed-pointer shift matter.
 */
class BoxedScatteredTest {
    private static final int N = 20_003;

    @Test
    void theRowsAndIdsAreBoxedsInRowOrder() {
        Dataset boxed = Blobs.generate(N, 3, 4, 7, Layout.BOXED);
        Dataset scattered = Blobs.generate(N, 3, 4, 7, Layout.BOXED_SCATTERED);
        assertEquals(Layout.BOXED_SCATTERED, scattered.x().layout());
        List<DataPoint> a = ((BoxedMatrix) boxed.x()).points();
        List<DataPoint> b = ((BoxedMatrix) scattered.x()).points();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < N; i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            assertArrayEquals(a.get(i).features(), b.get(i).features());
        }
    }

    @Test
    void listNeighboursAreFarApartOnTheHeapAndStaySo() throws Exception {
        BoxedMatrix boxed = (BoxedMatrix) Blobs.generate(N, 3, 4, 7, Layout.BOXED).x();
        BoxedMatrix scattered = (BoxedMatrix) Blobs.generate(N, 3, 4, 7, Layout.BOXED_SCATTERED).x();
        for (int round = 0; round < 2; round++) {
            double inOrder = adjacentFraction(boxed);
            double shuffled = adjacentFraction(scattered);
            assertTrue(inOrder > 0.5, "boxed rows are allocated in row order: " + inOrder);
            assertTrue(shuffled < 0.01, "scattered rows are not: " + shuffled);
            churn(); // young collections, which copy objects in the order they find them
        }
    }

    /** The fraction of rows whose next row's features come next on the heap (adjacent by address rank). */
    private static double adjacentFraction(BoxedMatrix m) throws Exception {
        Object[] features = m.points().stream().map(DataPoint::features).toArray();
        long[] at = addresses(features);
        long[] sorted = at.clone();
        Arrays.sort(sorted);
        int adjacent = 0;
        for (int i = 0; i + 1 < at.length; i++) {
            if (Math.abs(Arrays.binarySearch(sorted, at[i + 1]) - Arrays.binarySearch(sorted, at[i])) == 1) {
                adjacent++;
            }
        }
        return adjacent / (double) (at.length - 1);
    }

    /** The references in {@code refs} as numbers (compressed or not), read in one go. */
    private static long[] addresses(Object[] refs) throws Exception {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
        long base = u.arrayBaseOffset(Object[].class);
        int scale = u.arrayIndexScale(Object[].class);
        long[] out = new long[refs.length];
        for (int i = 0; i < refs.length; i++) {
            long off = base + (long) i * scale;
            out[i] = scale == 4 ? Integer.toUnsignedLong(u.getInt(refs, off)) : u.getLong(refs, off);
        }
        return out;
    }

    private static volatile Object sink;

    private static void churn() {
        for (int i = 0; i < 2_000; i++) {
            sink = new byte[64 * 1024]; // 128 MB of garbage: several young collections
        }
    }
}
