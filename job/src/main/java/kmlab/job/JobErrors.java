package kmlab.job;

import java.io.IOException;
import java.io.PrintWriter;
import kmlab.data.InputException;

/**
 * How a job's command line fails, in one wording for {@code kmlab} and {@code peers.jar}: always one
 * line on stderr, {@code kmlab COMMAND: ...}, and exit 2 for bad input or usage, 1 for I/O.
 */
public final class JobErrors {
    /** Exit code for bad input or bad usage. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure that is not the input's (I/O, a library). */
    public static final int FAILED = 1;

    private JobErrors() {
    }

    /**
     * A command line picocli could not read: {@code kmlab NAME: MESSAGE (see: HELP --help)}, where
     * {@code help} is how to ask for the help ({@code kmlab fit}, {@code java -jar peers.jar}).
     */
    public static int usage(String name, String message, String help, PrintWriter err) {
        err.println("kmlab " + name + ": " + message + " (see: " + help + " --help)");
        return BAD_INPUT;
    }

    /** Whether {@code ex} is a job's to put in one line: bad input or usage ({@link #badInput}), or I/O. */
    public static boolean isJobError(Throwable ex) {
        return ex instanceof InputException || ex instanceof IllegalArgumentException || ex instanceof IOException;
    }

    /**
     * A job's failure as one line: bad input or usage ({@code kmlab COMMAND: message}) exits 2, I/O
     * ({@code kmlab COMMAND: I/O error: ...}) 1; anything else is not the job's ({@link #isJobError})
     * and is thrown, unchecked, for the caller to deal with.
     */
    public static int failed(Exception ex, String command, PrintWriter err) {
        if (ex instanceof InputException || ex instanceof IllegalArgumentException) {
            return badInput(ex, command, err);
        }
        if (ex instanceof IOException) {
            err.println("kmlab " + command + ": I/O error: " + ex);
            return FAILED;
        }
        throw ex instanceof RuntimeException r ? r : new IllegalStateException(ex);
    }

    /** Bad input or usage, the exception's message being the whole story: one line, exit 2. */
    public static int badInput(Exception ex, String command, PrintWriter err) {
        err.println("kmlab " + command + ": " + ex.getMessage());
        return BAD_INPUT;
    }
}
