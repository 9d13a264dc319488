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
 * The threads and their hand-out are a {@code Pool} of their own, made only by {@link #of} for T > 1:
 * code that starts from {@link #single} reaches no class of java.util.concurrent (the browser demo,
 * compiled by TeaVM, which has no thread pool).
 */
public final class Workers implements AutoCloseable {
    private final int threads;
    private final Helpers pool;

    private Workers(int threads, Helpers pool) {
        this.threads = threads;
        this.pool = pool;
    }

    /** A pool of {@code threads} threads; 0 means one per available core. */
    public static Workers of(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new Workers(t, t == 1 ? null : new Pool(t - 1));
    }

    /** One thread, the caller's: {@code of(1)}, without reaching the pool's code. */
    public static Workers single() {
        return new Workers(1, null);
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
        pool.run(chunks, task, helpers);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** The T - 1 helper threads of a pool; an interface, so that the sequential path links no implementation. */
    private interface Helpers {
        /** Runs every chunk of {@code task} on the caller and {@code helpers} threads. */
        void run(int chunks, IntConsumer task, int helpers);

        void close();
    }

    /** The T - 1 helper threads and the shared counter of a pass. */
    private static final class Pool implements Helpers {
        private final ExecutorService executor;

        Pool(int helpers) {
            this.executor = Executors.newFixedThreadPool(helpers, r -> {
                Thread t = new Thread(r, "kmlab-worker");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void run(int chunks, IntConsumer task, int helpers) {
            AtomicInteger next = new AtomicInteger();
            Runnable drain = () -> {
                for (int c; (c = next.getAndIncrement()) < chunks;) {
                    task.accept(c);
                }
            };
            List<Future<?>> futures = new ArrayList<>(helpers);
            for (int h = 0; h < helpers; h++) {
                futures.add(executor.submit(drain));
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
            executor.shutdownNow();
        }
    }
}
