package kmlab.data;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a text file through a temporary sibling that is renamed into place only on success. */
public final class AtomicOutput {
    /** What writes the content as text. */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    /** What writes the content as bytes. */
    @FunctionalInterface
    public interface ByteBody {
        void write(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    public static void write(Path target, Body body) throws IOException {
        writeBytes(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 20);
            body.write(w);
            w.flush();
        });
    }

    public static void writeBytes(Path target, ByteBody body) throws IOException {
        writeBytes(target, 1 << 20, body);
    }

    /** With a buffer of {@code bufferBytes}, or none at 0 (for a body that writes large arrays only). */
    public static void writeBytes(Path target, int bufferBytes, ByteBody body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its mode 600 would become the output's; CREATE_NEW keeps the umask.
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW);
            try (OutputStream out = bufferBytes > 0 ? new BufferedOutputStream(file, bufferBytes) : file) {
                body.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
