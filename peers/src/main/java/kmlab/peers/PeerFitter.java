package kmlab.peers;

import java.util.Map;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.job.Fitter;
import kmlab.job.JobSummary;

/** A {@link Library} as the job's {@link Fitter}: the library fits each k, kmlab reports it. */
final class PeerFitter implements Fitter {
    private final Library peer;
    private final int threads;
    private final String algorithm;

    /** {@code algorithm}: one of the peer's {@link Library#algorithms()}, null when it names none. */
    PeerFitter(Library peer, int threads, String algorithm) {
        this.peer = peer;
        this.threads = threads;
        this.algorithm = algorithm;
    }

    /** Boxed: each row is its own double[], which every library here takes without a copy. */
    @Override
    public Layout layout() {
        return Layout.BOXED;
    }

    /** The library's threads read and write too, as kmlab's fit at the same --threads. */
    @Override
    public int ioThreads() {
        return threads;
    }

    @Override
    public void describe(JobSummary summary) {
        summary.put("implementation", peer.name())
                .put("versions", Map.of(peer.library(), Versions.of(peer.library()), "java", Runtime.version().toString()));
        if (algorithm != null) {
            summary.put("algorithm", algorithm); // as fit names its own
        }
        summary.put("threads", threads);
    }

    @Override
    public Fits load(Matrix x, int[] ks, long seed, JobSummary summary) throws Exception {
        long t0 = System.nanoTime();
        Library.Loaded loaded = peer.load(x, threads, algorithm);
        // the data into the library's structure, part of phases_s.fit
        summary.put("load_s", seconds(System.nanoTime() - t0));
        return new Fits() {
            @Override
            public Fit fit(int k) throws Exception {
                long t = System.nanoTime();
                PeerFit f = loaded.fit(k, seed);
                double s = seconds(System.nanoTime() - t);
                // lloyd_s includes the seeding where the library does not time it apart
                return new Fit(f.labels(), f.iterations(), f.converged(), f.inertia(x), f.seedSeconds(),
                        f.seedSeconds() == null ? s : s - f.seedSeconds());
            }

            @Override
            public int threadsUsed() {
                return loaded.threadsUsed();
            }

            @Override
            public void close() {
                loaded.close();
            }
        };
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
