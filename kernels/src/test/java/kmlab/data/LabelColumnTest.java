package kmlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelColumnTest {
    @ParameterizedTest(name = "values up to {0}: {1} byte(s)")
    @CsvSource({"0, 1", "31, 1", "255, 1", "256, 2", "65535, 2", "65536, 4", "2147483647, 4"})
    void keepsEveryValueInTheNarrowestWidth(int max, int width) {
        SplittableRandom rnd = new SplittableRandom(max);
        int[] labels = new int[1_001];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextInt(max == Integer.MAX_VALUE ? max : max + 1);
        }
        labels[500] = max;
        labels[3] = 0;
        LabelColumn c = LabelColumn.of(labels);
        assertEquals(width, c.width());
        assertEquals(labels.length, c.size());
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i], c.get(i), "row " + i);
        }
    }

    @org.junit.jupiter.api.Test
    void negativeLabelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LabelColumn.of(new int[] {0, -1}));
    }
}
