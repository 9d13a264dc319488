/*
 * rusage-exec REPORT COMMAND [ARG]...
 *
 * Runs COMMAND as its own child and writes to REPORT, when the child has ended, one line:
 *   wall_ns exit_code signal maxrss_kib user_us system_us
 * wall_ns from just before fork to the child's reaping (CLOCK_MONOTONIC); exit_code the child's
 * own (-1 if a signal ended it); signal the one that ended it (0 if none); the rest the kernel's
 * rusage of the child and its reaped descendants (wait4). Exits as the child did: its exit code,
 * or 128 + the signal. If COMMAND cannot run, the line is "error MESSAGE" and the exit code 127.
 *
 * Why a program of its own: the grid runner is a JVM of hundreds of megabytes, and Linux charges a
 * child, at its exec, the peak RSS of the memory it ran in until then (fs/exec.c, exec_mmap:
 * setmax_mm_hiwater_rss). A child the runner spawns (posix_spawn vforks, in the runner's memory)
 * is charged the runner's peak; a child forked here is charged this program's (well under 1 MiB),
 * so its ru_maxrss is its own. The wall clock starts here too, so this program's own start is not
 * in the run's time.
 *
 * Built by runner/pom.xml with the system's C compiler; where there is none, the runner spawns its
 * children itself and keeps only the peaks it can prove (kmlab.grid.PosixSpawn).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long micros(struct timeval t) {
    return (long long) t.tv_sec * 1000000LL + t.tv_usec;
}

/* The report "error WHAT: MESSAGE", for a command that did not run; exit code 127. */
static int report_error(const char *report, const char *what, int e) {
    FILE *out = fopen(report, "w");
    if (out != NULL) {
        fprintf(out, "error %s: %s\n", what, strerror(e));
        fclose(out);
    }
    fprintf(stderr, "rusage-exec: %s: %s\n", what, strerror(e));
    return 127;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: rusage-exec REPORT COMMAND [ARG]...\n");
        return 127;
    }
    /* a terminal's ^C reaches the whole process group: let the child decide, and report it */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    /* the child's exec error, if any, comes back through a pipe that a successful exec closes */
    int failed[2];
    if (pipe2(failed, O_CLOEXEC) != 0) {
        return report_error(argv[1], "pipe", errno);
    }
    struct timespec t0, t1;
    pid_t self = getpid();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        return report_error(argv[1], "fork", errno);
    }
    if (pid == 0) {
        close(failed[0]);
        /* if this program is killed (SIGKILL from outside), its child dies too: an orphan would run on
           and write into the files of the runner's next run (kept across exec; checked once, after the
           parent may already have gone) */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != self) {
            _exit(127);
        }
        signal(SIGINT, SIG_DFL); /* ignored signals stay ignored across exec */
        signal(SIGQUIT, SIG_DFL);
        execvp(argv[2], argv + 2);
        int e = errno;
        if (write(failed[1], &e, sizeof e) < 0) {
            /* nothing more to say */
        }
        _exit(127);
    }
    close(failed[1]);
    int exec_errno = 0;
    ssize_t got;
    do {
        got = read(failed[0], &exec_errno, sizeof exec_errno);
    } while (got < 0 && errno == EINTR);
    close(failed[0]);
    int status;
    struct rusage ru;
    pid_t r;
    do {
        r = wait4(pid, &status, 0, &ru);
    } while (r < 0 && errno == EINTR);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (r != pid) {
        return report_error(argv[1], "wait4", errno);
    }
    if (got == sizeof exec_errno) {
        return report_error(argv[1], argv[2], exec_errno);
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    long long wall = (long long) (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    FILE *out = fopen(argv[1], "w");
    if (out == NULL || fprintf(out, "%lld %d %d %ld %lld %lld\n", wall, code, sig, ru.ru_maxrss,
                               micros(ru.ru_utime), micros(ru.ru_stime)) < 0 || fclose(out) != 0) {
        fprintf(stderr, "rusage-exec: %s: %s\n", argv[1], strerror(errno));
    }
    return sig != 0 ? 128 + sig : code;
}
