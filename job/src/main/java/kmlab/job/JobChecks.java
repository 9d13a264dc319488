package kmlab.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kmlab.data.Distinct;
import kmlab.data.InputException;
import kmlab.data.Matrix;
import kmlab.fit.Workload;

/**
 * The checks of an end-to-end job (kmlab's {@code fit} and the Java peers), in one wording, so that
 * the same bad arguments or input give the same one-line error whichever program is asked.
 */
public final class JobChecks {
    private JobChecks() {
    }

    /** The arguments that can be checked before reading the input, with the command's threads (0 = all cores). */
    public static void arguments(JobOptions job, int threads) {
        int kMax = job.kMax();
        Integer kTrue = job.kTrue();
        if (kMax < 1) {
            throw new IllegalArgumentException("--k-max must be >= 1, got " + kMax);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0 (0 = all cores), got " + threads);
        }
        if (kTrue != null) {
            if (kTrue < 1 || kTrue > kMax) {
                throw new IllegalArgumentException("--k-true must be in 1..k_max (" + kMax + "), got " + kTrue);
            }
            if (job.mode() == Workload.SINGLE && kTrue != kMax) {
                throw new IllegalArgumentException("--mode single fits only k_max, so --k-true must equal it");
            }
        }
        outputIsNotInput(job.input(), job.output());
    }

    /**
     * The output must not be the input, by real path (a symbolic or hard link to the input is the
     * input): the output replaces its file, and an input is never replaced. Unreadable paths are
     * left to the read and the write, which name them.
     */
    static void outputIsNotInput(Path input, Path output) {
        boolean same;
        try {
            same = Files.exists(output) && Files.exists(input) && Files.isSameFile(input, output);
        } catch (IOException e) {
            same = false;
        }
        if (same) {
            throw new IllegalArgumentException("--output " + output + " is the input file " + input
                    + ": write the labels to another file (an input is never replaced)");
        }
    }

    /** k-means++ needs k_max distinct points. */
    public static void distinctPoints(Path input, Matrix x, int kMax) throws InputException {
        int distinct = Distinct.countUpTo(x, kMax);
        if (distinct < kMax) {
            throw new InputException(input, 0, "k_max = " + kMax + " exceeds the number of distinct points ("
                    + distinct + ")");
        }
    }
}
