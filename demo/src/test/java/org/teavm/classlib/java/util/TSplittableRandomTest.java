package org.teavm.classlib.java.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The browser's SplittableRandom against the JDK's: the same numbers from the same seed. */
class TSplittableRandomTest {
    @Test
    void sameStreams() {
        int[] bounds = {1, 2, 3, 7, 64, 1000, 1 << 30, Integer.MAX_VALUE, (1 << 30) + 1};
        for (long seed = -50; seed < 50; seed++) {
            SplittableRandom want = new SplittableRandom(seed * 0x5DEECE66DL);
            TSplittableRandom got = new TSplittableRandom(seed * 0x5DEECE66DL);
            for (int i = 0; i < 2000; i++) {
                switch (i % 4) {
                    case 0 -> assertEquals(want.nextInt(), got.nextInt());
                    case 1 -> assertEquals(want.nextLong(), got.nextLong());
                    case 2 -> assertEquals(Double.doubleToRawLongBits(want.nextDouble()),
                            Double.doubleToRawLongBits(got.nextDouble()));
                    default -> {
                        int bound = bounds[i % bounds.length];
                        assertEquals(want.nextInt(bound), got.nextInt(bound), "bound " + bound);
                    }
                }
            }
        }
    }
}
