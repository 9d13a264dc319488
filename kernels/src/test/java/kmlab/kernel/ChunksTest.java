package kmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChunksTest {
    @Test
    void autoSizeIsAboutOneSixtyFourthOfTheRowsWithinBounds() {
        assertEquals(256, Chunks.autoSize(1));
        assertEquals(256, Chunks.autoSize(8_000));
        assertEquals(256, Chunks.autoSize(16_384));
        assertEquals(512, Chunks.autoSize(16_385 + 64));
        assertEquals(1024, Chunks.autoSize(65_536));
        assertEquals(4096, Chunks.autoSize(262_144));
        assertEquals(4096, Chunks.autoSize(10_000_000));
    }

    @Test
    void chunksCoverTheRowsExactlyOnce() {
        Chunks c = new Chunks(1_001, 256);
        assertEquals(4, c.count());
        assertEquals(0, c.from(0));
        assertEquals(768, c.from(3));
        assertEquals(1_001, c.to(3));
        assertThrows(IllegalArgumentException.class, () -> new Chunks(0, 256));
    }
}
