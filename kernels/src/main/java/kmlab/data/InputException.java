package kmlab.data;

import java.nio.file.Path;
import kmlab.util.OneLine;

/**
 * Bad input: names the file, the line (1-based, 0 when the problem is not on one line) and what is
 * wrong, so the CLI can print it as one line and exit 2: the file's own text in it (a cell, a name)
 * has its control characters escaped ({@link OneLine}).
 */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InputException(Path file, long line, String problem) {
        super(OneLine.of(file + (line > 0 ? ":" + line : "") + ": " + problem));
    }

    public InputException(String problem) {
        super(OneLine.of(problem));
    }
}
