package kmlab.fit;

import kmlab.kernel.ChunkSums;
import kmlab.kernel.Chunks;
import kmlab.kernel.Kernel;
import kmlab.kernel.Workers;

/**
 * One assignment pass of Lloyd's algorithm over all rows: the kernel runs chunk by chunk on the
 * workers, each chunk into its own partial sums, which are then added in chunk order, so the
 * totals are bitwise the same for any number of threads. Reused across iterations: a pass
 * allocates nothing but the kernel's per-pass binding.
 */
public final class AssignPass {
    private final Kernel kernel;
    private final Workers workers;
    private final Chunks chunks;
    private final int k;
    private final ChunkSums[] partial;
    private final ChunkSums total;

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
        workers.forEachChunk(partial.length, c -> {
            ChunkSums acc = partial[c];
            acc.clear();
            assigner.assign(chunks.from(c), chunks.to(c), labels, acc);
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
