package kmlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A persistent pool of T threads, of which the caller is one, kept by its owner across passes and
 * fits until closed: a fit job keeps one per thread count its fits use, its warm-up one of its own,
 * a JMH trial one. A pass over chunks hands out chunk indices from a shared counter to at most
 * min(T, chunks) threads. With T = 1 everything runs on the caller and no thread is ever started.
 */
public final class Workers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    private Workers(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "kmlab-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** A pool of {@code threads} threads; 0 means one per available core. */
    public static Workers of(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
        return new Workers(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} once for every chunk index in [0, chunks) and returns when all are done. */
    public void forEachChunk(int chunks, IntConsumer task) {
        int helpers = Math.min(threads, chunks) - 1;
        if (helpers <= 0) {
            for (int c = 0; c < chunks; c++) {
                task.accept(c);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int c; (c = next.getAndIncrement()) < chunks;) {
                task.accept(c);
            }
        };
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            futures.add(pool.submit(drain));
        }
        drain.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
