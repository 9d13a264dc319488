package kmlab.grid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per results folder: an OS lock on {@value #FILE} inside it, held by a {@code kmlab run}
 * or {@code merge} for as long as it writes there. The OS releases it when the process ends, however
 * it ends (a SIGKILL too), so a lock is never stale; the file stays, and says who held it last.
 */
final class FolderLock implements AutoCloseable {
    /** The lock file, hidden: it is no result. */
    static final String FILE = ".kmlab.lock";

    private final FileChannel channel;

    private FolderLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Locks {@code dir} (which exists) for {@code command}; refuses at once, in one line, a folder
     * another process holds: {@code DIR is in use by another kmlab run (pid N)}.
     */
    static FolderLock acquire(Path dir, String command) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM holds it already
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw inUse(dir, holder);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("kmlab " + command + " (pid " + ProcessHandle.current().pid() + ")\n")
                .getBytes(StandardCharsets.UTF_8)), 0);
        return new FolderLock(ch);
    }

    /** Refuses {@code dir} while another process holds it (a shard still running, for merge); takes nothing. */
    static void checkFree(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock shared;
            try {
                shared = ch.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                shared = null;
            }
            if (shared == null) {
                throw inUse(dir, holder(ch));
            }
            shared.release();
        }
    }

    private static IllegalArgumentException inUse(Path dir, String holder) {
        return new IllegalArgumentException(dir + " is in use by another " + holder);
    }

    /** Who holds the lock, as its file says ("kmlab run (pid 123)"), or a process not named yet. */
    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        ch.read(b, 0);
        String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
        return s.matches("kmlab (run|merge) \\(pid [0-9]+\\)") ? s : "kmlab process (pid not written yet)";
    }

    /** The file, for a folder's listing to leave out. */
    static boolean isLockFile(Path p) {
        return p.getFileName().toString().equals(FILE);
    }

    @Override
    public void close() throws IOException {
        channel.close(); // releases the lock; the file stays, for the next holder to lock
    }
}
