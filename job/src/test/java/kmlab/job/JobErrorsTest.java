package kmlab.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import kmlab.data.InputException;
import org.junit.jupiter.api.Test;

/** fit's and the peers' one error mapping: one line each, exit 2 for bad input or usage, 1 for I/O. */
class JobErrorsTest {
    @Test
    void errorsAreOneLine() {
        StringWriter s = new StringWriter();
        PrintWriter err = new PrintWriter(s, true);
        assertEquals(2, JobErrors.failed(new IllegalArgumentException("--k-max must be >= 1, got 0"), "x", err));
        assertEquals(2, JobErrors.failed(new InputException(Path.of("in.csv"), 3, "expected 2 fields, found 1"), "x", err));
        assertEquals(1, JobErrors.failed(new IOException("disk full"), "x", err));
        assertEquals(2, JobErrors.usage("x", "Unknown option: '--bogus'", "prog x", err));
        assertEquals(String.join(System.lineSeparator(), "kmlab x: --k-max must be >= 1, got 0",
                "kmlab x: in.csv:3: expected 2 fields, found 1", "kmlab x: I/O error: java.io.IOException: disk full",
                "kmlab x: Unknown option: '--bogus' (see: prog x --help)", ""), s.toString());
        IllegalStateException bug = new IllegalStateException("a bug");
        assertFalse(JobErrors.isJobError(bug));
        assertEquals(bug, assertThrows(IllegalStateException.class, () -> JobErrors.failed(bug, "x", err)),
                "not the job's: thrown");
    }
}
