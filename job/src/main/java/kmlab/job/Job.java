package kmlab.job;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import kmlab.data.CsvReader;
import kmlab.data.CsvWriter;
import kmlab.data.Dataset;
import kmlab.data.LabelColumn;
import kmlab.kernel.Workers;
import kmlab.metrics.Ari;

/**
 * kmlab's end-to-end job, written once for {@code fit}, the warm regime's benchmark and the Java
 * peers: read the input (beside what the fitter starts before the read), check it, fit every k of
 * the job with the {@link Fitter}, write the input's lines plus one label column per fit, and sum it
 * up ({@link JobSummary}). Bad input is an {@link kmlab.data.InputException}, nothing written.
 */
public final class Job {
    private Job() {
    }

    /**
     * Runs the job and prints its summary on {@code out} (one JSON line with {@code --json}, else
     * text, its last line prefixed by {@code who} when not null); the exit code, 0.
     */
    public static int run(JobOptions job, Fitter fitter, PrintWriter out, String who) throws Exception {
        long callNanos = System.nanoTime();
        run(job, fitter, callNanos).print(out, job.json(), who);
        return 0;
    }

    /**
     * Runs the job; {@code callNanos} is {@link System#nanoTime()} when the command was called (the
     * summary's phases start there).
     */
    public static JobSummary run(JobOptions job, Fitter fitter, long callNanos) throws Exception {
        // one pool for the read and the write (its threads start only if a file is read in blocks)
        try (Workers io = Workers.of(fitter.ioThreads())) {
            return run(job, fitter, callNanos, io);
        }
    }

    @SuppressWarnings("try") // what runs beside the read is never named in the try's body
    private static JobSummary run(JobOptions job, Fitter fitter, long callNanos, Workers io) throws Exception {
        int[] ks = job.mode().ks(job.kMax());
        Dataset ds;
        try (AutoCloseable beside = fitter.beforeRead(job.input(), ks)) {
            ds = CsvReader.read(job.input(), fitter.layout(), io);
            JobChecks.distinctPoints(job.input(), ds.x(), job.kMax());
        }
        long readNanos = System.nanoTime();
        int n = ds.n();
        int kTrue = job.ariK();

        JobSummary summary = new JobSummary(job.input().toString(), job.output().toString(), n, ds.d(), job.kMax(),
                job.mode());
        fitter.describe(summary);
        summary.put("seed", job.seed());
        List<String> names = new ArrayList<>();
        List<LabelColumn> columns = new ArrayList<>(); // kept compact: a sweep holds k_max columns
        LabelColumn atK = null; // k_true's column, for the ARI: no copy of its labels
        int threadsUsed;
        try (Fitter.Fits fits = fitter.load(ds.x(), ks, job.seed(), summary)) {
            for (int k : ks) {
                Fitter.Fit f = fits.fit(k);
                names.add("cluster_k" + k);
                LabelColumn column = LabelColumn.of(f.labels);
                columns.add(column);
                if (k == kTrue) {
                    atK = column;
                }
                summary.addFit(k, f.iterations, f.converged, f.inertia, f.seedSeconds, f.lloydSeconds);
                if (f.kernel != null) {
                    summary.fitDetail("kernel", f.kernel).fitDetail("threads", f.threads)
                            .fitDetail("algorithm", f.algorithm);
                }
                if (f.distances != null) {
                    summary.fitDetail("distances", f.distances).fitDetail("seed_distances", f.seedDistances);
                }
            }
            threadsUsed = fits.threadsUsed();
        }
        summary.put("threads_used", threadsUsed);
        long fitNanos = System.nanoTime();

        CsvWriter.appendColumns(job.input(), n, job.output(), names, columns, io);
        long writeNanos = System.nanoTime();

        Double ari = ds.hasLabels() && atK != null ? Ari.of(ds.labels(), atK) : null;
        return summary.finish(ds.hasLabels() ? kTrue : null, ari, callNanos, readNanos, fitNanos, writeNanos);
    }
}
