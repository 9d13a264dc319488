package kmlab.fit;

import kmlab.kernel.ChunkSums;
import kmlab.kernel.Chunks;
import kmlab.kernel.Kernel;
import kmlab.kernel.Workers;

/**
 * One assignment pass over all rows: a task runs chunk by chunk on the workers, each chunk into its
 * own partial sums, which are then added in chunk order, so the totals are bitwise the same for any
 * number of threads. Lloyd's pass is {@link #run(double[], int[])}; an algorithm that assigns rows
 * its own way passes its own {@link ChunkTask} and gets the same reduction. Reused across
 * iterations: a pass allocates nothing but the kernel's per-pass binding and the task.
 */
public final class AssignPass implements Algorithm.Instance {
    /** What one chunk contributes: rows [from, to) of chunk {@code chunk} into {@code acc}, cleared. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int chunk, int from, int to, ChunkSums acc);
    }

    private final Kernel kernel;
    private final Workers workers;
    private final Chunks chunks;
    private final int k;
    private final ChunkSums[] partial;
    private final ChunkSums total;
    private long distances;

    public AssignPass(Kernel kernel, Workers workers, Chunks chunks, int k) {
        this.kernel = kernel;
        this.workers = workers;
        this.chunks = chunks;
        this.k = k;
        int d = kernel.data().d();
        this.partial = new ChunkSums[chunks.count()];
        for (int c = 0; c < partial.length; c++) {
            partial[c] = new ChunkSums(k, d);
        }
        this.total = new ChunkSums(k, d);
    }

    /** Assigns every row to its nearest centre, updating {@code labels}; returns the totals (reused). */
    public ChunkSums run(double[] centres, int[] labels) {
        Kernel.Assigner assigner = kernel.bind(centres, k);
        distances += (long) kernel.data().n() * k;
        return run((c, from, to, acc) -> assigner.assign(from, to, labels, acc));
    }

    @Override
    public ChunkSums assign(double[] centres, int[] labels) {
        return run(centres, labels);
    }

    /** n x k for every {@link #run(double[], int[])}; a {@link ChunkTask}'s distances are its own to count. */
    @Override
    public long distances() {
        return distances;
    }

    /** Runs {@code task} for every chunk and returns the chunks' sums added in chunk order (reused). */
    public ChunkSums run(ChunkTask task) {
        workers.forEachChunk(partial.length, c -> {
            ChunkSums acc = partial[c];
            acc.clear();
            task.run(c, chunks.from(c), chunks.to(c), acc);
        });
        total.clear();
        for (ChunkSums p : partial) {
            for (int i = 0; i < total.sums.length; i++) {
                total.sums[i] += p.sums[i];
            }
            for (int c = 0; c < k; c++) {
                total.counts[c] += p.counts[c];
            }
            total.changed += p.changed;
        }
        return total;
    }
}
