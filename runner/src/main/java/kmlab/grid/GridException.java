package kmlab.grid;

import java.nio.file.Path;

/** A problem in a grid file, located as {@code file:line:column: problem} (1-based). */
public final class GridException extends Exception {
    private static final long serialVersionUID = 1L;

    public GridException(Path file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
    }

    public GridException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
