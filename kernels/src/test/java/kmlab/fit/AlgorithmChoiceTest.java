package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** --algorithm: a named algorithm for every fit, or auto's measured rule, from n and d only. */
class AlgorithmChoiceTest {
    @Test
    void autoPrunesWithHamerlyOnlyWhereItWasMeasuredFaster() {
        AlgorithmChoice auto = AlgorithmChoice.parse("auto");
        assertTrue(auto.isAuto());
        assertSame(Hamerly.INSTANCE, auto.algorithmFor(16_000, 2));
        assertSame(Hamerly.INSTANCE, auto.algorithmFor(AlgorithmChoice.HAMERLY_MAX_ROWS, 1));
        assertSame(Lloyd.INSTANCE, auto.algorithmFor(AlgorithmChoice.HAMERLY_MAX_ROWS + 1, 2));
        assertSame(Lloyd.INSTANCE, auto.algorithmFor(16_000, 3));
        assertSame(Lloyd.INSTANCE, auto.algorithmFor(256_000, 32));
        assertTrue(AlgorithmChoice.rule().contains("hamerly for n <= 16384"), AlgorithmChoice.rule());
    }

    @Test
    void aNamedAlgorithmRunsEveryFit() {
        for (Algorithm a : Algorithms.ALL) {
            AlgorithmChoice c = AlgorithmChoice.parse(a.label());
            assertEquals(a.label(), c.label());
            assertSame(a, c.algorithmFor(1_000, 2));
            assertSame(a, c.algorithmFor(1_000_000, 64));
        }
        assertEquals("auto", AlgorithmChoice.AUTO.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlgorithmChoice.parse("yinyang"));
        assertEquals("unknown algorithm 'yinyang' (expected one of: lloyd, hamerly, elkan)", e.getMessage());
    }
}
