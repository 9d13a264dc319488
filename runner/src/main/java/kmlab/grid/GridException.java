package kmlab.grid;

import java.nio.file.Path;
import kmlab.util.OneLine;

/**
 * A problem in a grid file, located as {@code file:line:column: problem} (1-based), in one line: the
 * file's own text in it (a key, a value) has its control characters escaped ({@link OneLine}).
 */
public final class GridException extends Exception {
    private static final long serialVersionUID = 1L;

    public GridException(Path file, int line, int column, String problem) {
        super(OneLine.of(file + ":" + line + ":" + column + ": " + problem));
    }

    public GridException(Path file, String problem) {
        super(OneLine.of(file + ": " + problem));
    }
}
