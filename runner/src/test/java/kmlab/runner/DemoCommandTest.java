package kmlab.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kmlab demo}: writes the page, again as a no-op, and never replaces a file it did not write. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesThePageAndNeverReplacesAnotherFile() throws Exception {
        Path out = dir.resolve("a/b");
        CliTest.Run r = CliTest.run("demo", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(out.resolve("index.html").toUri().toString()), r.out());
        byte[] js = Files.readAllBytes(out.resolve("kmlab-demo.js"));
        assertTrue(js.length > 10_000);
        assertTrue(Files.readString(out.resolve("index.html")).contains("<script src=\"kmlab-demo.js\"></script>"));
        assertEquals(0, CliTest.run("demo", "--out", out.toString()).code(), "the same files: nothing to do");

        Files.writeString(out.resolve("index.html"), "mine");
        Files.delete(out.resolve("kmlab-demo.js"));
        CliTest.Run refused = CliTest.run("demo", "--out", out.toString());
        assertEquals(2, refused.code());
        assertEquals("kmlab demo: " + out.resolve("index.html") + " exists with other contents; not replaced"
                + " (remove it, or give another --out)", refused.err().strip());
        assertEquals("mine", Files.readString(out.resolve("index.html")));
        assertTrue(!Files.exists(out.resolve("kmlab-demo.js")), "nothing written when one file is refused");
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "no temporary file left");
        }

        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        CliTest.Run notFolder = CliTest.run("demo", "--out", file.toString());
        assertEquals(2, notFolder.code());
        assertEquals("kmlab demo: " + file + " exists and is not a folder", notFolder.err().strip());
        assertArrayEquals("x".getBytes(), Files.readAllBytes(file));
    }
}
