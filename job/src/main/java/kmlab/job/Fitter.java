package kmlab.job;

import java.io.IOException;
import java.nio.file.Path;
import kmlab.data.Layout;
import kmlab.data.Matrix;

/**
 * Who does a job's fits: kmlab's kernels ({@link FitJob}) or a library (the Java peers). Everything
 * else, the same for every fitter, is {@link Job}'s: it reads and checks the input, calls
 * {@link #load} once and {@link Fits#fit} for each k, writes the output and the summary.
 */
public interface Fitter {
    /** The layout the job reads the input into. */
    Layout layout();

    /**
     * The threads that read the input and write the output (0 = every core); a large file is read
     * and written in blocks on them, with the same result for any count. One unless the fitter says.
     */
    default int ioThreads() {
        return 1;
    }

    /**
     * Called before the input is read, knowing only its path and the job's k values: may refuse the
     * job (e.g. {@link VectorModuleNeeded}) or start work beside the read (a warm-up), closed once
     * the input is read and checked. Null when there is nothing to do beside the read.
     */
    default AutoCloseable beforeRead(Path input, int[] ks) throws IOException {
        return null;
    }

    /** Adds the summary's fields that say how the fits run: after the job's first fields, before seed. */
    void describe(JobSummary summary);

    /**
     * The data in the fitter's hands, ready to fit each of {@code ks} with k-means++ seed
     * {@code seed}; may add fields to the summary (after seed). Part of the fit phase.
     */
    Fits load(Matrix x, int[] ks, long seed, JobSummary summary) throws Exception;

    /** One dataset in a fitter's hands. */
    interface Fits extends AutoCloseable {
        /** The fit at k; its labels may be overwritten by the next fit (the job keeps what it needs at once). */
        Fit fit(int k) throws Exception;

        /** The most threads the fits computed with, asked after the last fit. */
        int threadsUsed();

        @Override
        default void close() {
        }
    }

    /**
     * One fit as the job reports it: labels, Lloyd iterations, whether it converged, inertia, and the
     * fitter's own timing; {@code seedSeconds} is null where the seeding is not timed apart (it is
     * then in {@code lloydSeconds}).
     */
    final class Fit {
        final int[] labels;
        final int iterations;
        final boolean converged;
        final double inertia;
        final Double seedSeconds;
        final double lloydSeconds;
        String kernel;
        int threads;
        String algorithm;
        Long distances;
        Long seedDistances;

        public Fit(int[] labels, int iterations, boolean converged, double inertia, Double seedSeconds,
                   double lloydSeconds) {
            this.labels = labels;
            this.iterations = iterations;
            this.converged = converged;
            this.inertia = inertia;
            this.seedSeconds = seedSeconds;
            this.lloydSeconds = lloydSeconds;
        }

        /** The kernel, threads and algorithm this fit ran with, for the summary's fit entry (kmlab's own fits). */
        public Fit ranWith(String kernel, int threads, String algorithm) {
            this.kernel = kernel;
            this.threads = threads;
            this.algorithm = algorithm;
            return this;
        }

        /**
         * The point-centre distances this fit evaluated, the seeding's among them (kmlab's own fits),
         * for the summary's fit entry.
         */
        public Fit counted(long distances, long seedDistances) {
            this.distances = distances;
            this.seedDistances = seedDistances;
            return this;
        }
    }
}
