package kmlab.grid;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a child with glibc's {@code posix_spawnp} and reaps it with {@code wait4(2)}, through the
 * FFM API, so that the kernel's own record of the finished child ({@code struct rusage}: peak RSS,
 * user and system CPU, its reaped descendants included) reaches the run's record. A child of
 * {@link ProcessBuilder} cannot give that: the JDK reaps it in its own thread with {@code waitpid},
 * and a {@code wait4} of ours would race it (and lose the status). Here the JDK never knows the
 * child, so nothing else reaps it.
 *
 * <p>One waiter thread per child blocks in {@code waitid(WEXITED | WNOWAIT)}, which returns at the
 * child's exit without reaping it, notes the time (the run's wall clock ends there, not at the next
 * poll), then reaps with {@code wait4} under the lock {@link #kill} takes: a kill never reaches a pid
 * that was reaped and could be reused.
 *
 * <p>The peak RSS is the kernel's only where it is provably the child's. Linux charges a child, at
 * its first exec, the peak RSS of the memory it ran in until then ({@code exec_mmap}:
 * {@code setmax_mm_hiwater_rss}), and a vfork'd child (posix_spawn's) runs in the runner's: its
 * ru_maxrss is at least the runner's own peak (2.16 GB for a 65 MB fit, behind a runner that had
 * measured the memory bandwidth). So the figure is kept where it exceeds the runner's peak read just
 * after the spawn (then it is the child's, or a reaped descendant's), else null. The CPU times have
 * no such charge. The exact peak of every child comes from the small program the runner puts
 * between itself and the child where it was built ({@link RusageExec}); this is the fallback.
 *
 * <p>Compiled apart for Java 22+ (java.lang.foreign is final there; the rest of kmlab builds for 21)
 * and loaded by name from {@link ChildRun}, which falls back to {@link ProcessBuilder} where this
 * class or a symbol cannot load. Layouts are x86-64 Linux glibc's (checked against its headers):
 * {@code struct rusage} is 144 bytes, two {@code struct timeval} of 16 (tv_sec, tv_usec as longs),
 * then {@code ru_maxrss} (KiB) as a long at offset 32.
 */
final class PosixSpawn implements ChildRun.Spawner {
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY_CREAT_TRUNC = 01 | 0100 | 01000;
    private static final int MODE_0644 = 0644;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int P_PID = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    private static final int SIGKILL = 9;
    private static final int EINTR = 4;
    /** glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, siginfo_t 128, sigset_t 128: room to spare. */
    private static final long OPAQUE_BYTES = 512;
    private static final long RUSAGE_BYTES = 144;
    private static final long RU_MAXRSS_OFFSET = 32;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final AddressLayout ADDR = ValueLayout.ADDRESS;
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_OF = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle spawnp = handle("posix_spawnp", FunctionDescriptor.of(INT, ADDR, ADDR, ADDR, ADDR, ADDR, ADDR));
    private final MethodHandle actionsInit = handle("posix_spawn_file_actions_init", FunctionDescriptor.of(INT, ADDR));
    private final MethodHandle actionsDestroy = handle("posix_spawn_file_actions_destroy", FunctionDescriptor.of(INT, ADDR));
    private final MethodHandle addOpen = handle("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(INT, ADDR, INT, ADDR, INT, INT));
    /** glibc 2.34+; without it the child inherits the runner's descriptors that are not close-on-exec. */
    private final Optional<MethodHandle> addCloseFrom = optional("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(INT, ADDR, INT));
    private final MethodHandle attrInit = handle("posix_spawnattr_init", FunctionDescriptor.of(INT, ADDR));
    private final MethodHandle attrDestroy = handle("posix_spawnattr_destroy", FunctionDescriptor.of(INT, ADDR));
    private final MethodHandle attrSetFlags = handle("posix_spawnattr_setflags",
            FunctionDescriptor.of(INT, ADDR, ValueLayout.JAVA_SHORT));
    private final MethodHandle attrSetSigmask = handle("posix_spawnattr_setsigmask", FunctionDescriptor.of(INT, ADDR, ADDR));
    private final MethodHandle waitid = handle("waitid", FunctionDescriptor.of(INT, INT, INT, ADDR, INT), ERRNO);
    private final MethodHandle wait4 = handle("wait4", FunctionDescriptor.of(INT, INT, ADDR, INT, ADDR), ERRNO);
    private final MethodHandle kill = handle("kill", FunctionDescriptor.of(INT, INT, INT));

    /** Looks every symbol up now: a missing one fails here, and the runner uses ProcessBuilder instead. */
    PosixSpawn() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor d, Linker.Option... options) {
        return optional(name, d, options).orElseThrow(() -> new UnsupportedOperationException("no " + name + " in libc"));
    }

    private static Optional<MethodHandle> optional(String name, FunctionDescriptor d, Linker.Option... options) {
        return LIBC.find(name).map(s -> LINKER.downcallHandle(s, d, options));
    }

    @Override
    public ChildRun.Started spawn(List<String> cmd, Map<String, String> env, Path stdout, Path stderr) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(OPAQUE_BYTES, 16);
            MemorySegment attr = arena.allocate(OPAQUE_BYTES, 16);
            check("posix_spawn_file_actions_init", (int) actionsInit.invokeExact(actions));
            check("posix_spawnattr_init", (int) attrInit.invokeExact(attr));
            try {
                // ProcessBuilder's redirects: stdout and stderr to their files (created, truncated);
                // stdin from /dev/null, where the JDK gives a pipe nobody writes to
                open(actions, 0, arena.allocateFrom("/dev/null"), O_RDONLY);
                open(actions, 1, arena.allocateFrom(stdout.toString()), O_WRONLY_CREAT_TRUNC);
                open(actions, 2, arena.allocateFrom(stderr.toString()), O_WRONLY_CREAT_TRUNC);
                if (addCloseFrom.isPresent()) {
                    check("posix_spawn_file_actions_addclosefrom_np", (int) addCloseFrom.get().invokeExact(actions, 3));
                }
                // the JVM's threads block some signals; a child starts with none blocked, as the JDK's do
                check("posix_spawnattr_setflags", (int) attrSetFlags.invokeExact(attr, POSIX_SPAWN_SETSIGMASK));
                check("posix_spawnattr_setsigmask", (int) attrSetSigmask.invokeExact(attr, arena.allocate(128)));
                MemorySegment pid = arena.allocate(INT);
                MemorySegment argv = strings(arena, cmd);
                MemorySegment envp = strings(arena, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
                int rc = (int) spawnp.invokeExact(pid, arena.allocateFrom(cmd.getFirst()), actions, attr, argv, envp);
                if (rc != 0) {
                    throw new IOException("posix_spawnp " + cmd.getFirst() + ": error " + rc);
                }
                // after the child's exec (posix_spawnp returns then): at least what the kernel charged it
                return new Child(pid.get(INT, 0), kmlab.job.ProcessStats.peakRssBytes());
            } finally {
                int ignored = (int) actionsDestroy.invokeExact(actions);
                ignored = (int) attrDestroy.invokeExact(attr);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t); // invokeExact's checked Throwable; the calls above throw none
        }
    }

    private void open(MemorySegment actions, int fd, MemorySegment path, int flags) throws Throwable {
        check("posix_spawn_file_actions_addopen", (int) addOpen.invokeExact(actions, fd, path, flags, MODE_0644));
    }

    private static void check(String call, int rc) throws IOException {
        if (rc != 0) {
            throw new IOException(call + ": error " + rc);
        }
    }

    /** A NULL-terminated array of C strings. */
    private static MemorySegment strings(Arena arena, List<String> items) {
        MemorySegment a = arena.allocate(ADDR, items.size() + 1L);
        for (int i = 0; i < items.size(); i++) {
            a.setAtIndex(ADDR, i, arena.allocateFrom(items.get(i)));
        }
        a.setAtIndex(ADDR, items.size(), MemorySegment.NULL);
        return a;
    }

    /** A child of ours, and the thread that waits for it. */
    private final class Child implements ChildRun.Started {
        private final int pid;
        /** The runner's peak RSS after the spawn: a ru_maxrss not above it may be the runner's, not the child's. */
        private final long runnerPeak;
        private final CompletableFuture<ChildRun.Ended> ended = new CompletableFuture<>();
        private boolean reaped; // guarded by this

        Child(int pid, long runnerPeak) {
            this.pid = pid;
            this.runnerPeak = runnerPeak;
            Thread waiter = new Thread(this::await, "wait4-" + pid);
            waiter.setDaemon(true);
            waiter.start();
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public ChildRun.Ended waitFor(long millis) throws InterruptedException {
            try {
                return ended.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return null;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause()); // never: await completes normally
            }
        }

        @Override
        public synchronized void destroyForcibly() {
            if (!reaped) {
                try {
                    int ignored = (int) kill.invokeExact(pid, SIGKILL);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }
        }

        private void await() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = arena.allocate(CALL_STATE);
                MemorySegment info = arena.allocate(OPAQUE_BYTES, 16);
                int rc;
                do {
                    rc = (int) waitid.invokeExact(errno, P_PID, pid, info, WEXITED | WNOWAIT);
                } while (rc == -1 && (int) ERRNO_OF.get(errno, 0L) == EINTR);
                long end = System.nanoTime();
                MemorySegment status = arena.allocate(INT);
                MemorySegment usage = arena.allocate(RUSAGE_BYTES, 8);
                synchronized (this) {
                    do {
                        rc = (int) wait4.invokeExact(errno, pid, status, 0, usage);
                    } while (rc == -1 && (int) ERRNO_OF.get(errno, 0L) == EINTR);
                    reaped = true;
                }
                if (rc != pid) {
                    // nothing else reaps our children; should it happen, the run is failed, without rusage
                    ended.complete(new ChildRun.Ended(end, -1, null, null, null));
                    return;
                }
                int s = status.get(INT, 0);
                int signal = s & 0x7f; // WTERMSIG; 0 when it exited (WIFEXITED)
                double cpu = seconds(usage, 0) + seconds(usage, 16);
                long peak = usage.get(ValueLayout.JAVA_LONG, RU_MAXRSS_OFFSET) * 1024;
                ended.complete(new ChildRun.Ended(end, signal == 0 ? (s >> 8) & 0xff : 128 + signal,
                        signal == 0 ? null : signal, runnerPeak >= 0 && peak > runnerPeak ? peak : null, cpu));
            } catch (Throwable t) {
                // the calls above throw nothing of their own; should one, the run is failed, not the grid
                ended.complete(new ChildRun.Ended(System.nanoTime(), -1, null, null, null));
            }
        }

        private static double seconds(MemorySegment timeval, long offset) {
            return timeval.get(ValueLayout.JAVA_LONG, offset) + timeval.get(ValueLayout.JAVA_LONG, offset + 8) / 1e6;
        }
    }
}
