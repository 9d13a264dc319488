package kmlab.grid;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code kmlab} started as a child JVM, as a user starts it, for the tests that signal, kill or
 * starve a runner: its output goes to a log file, and its tree of processes can be watched.
 */
final class RunnerProcess {
    private RunnerProcess() {
    }

    /** The JVM that runs {@code kmlab ARGS} with this test's classes, behind {@code prefix} (setsid, prlimit). */
    static List<String> command(List<String> prefix, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "kmlab.runner.Launch"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs {@code cmd} to its end (at most two minutes); returns its exit code. */
    static int run(List<String> cmd, Map<String, String> env, Path log) throws IOException, InterruptedException {
        Process p = start(cmd, env, log);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("kmlab did not end: " + cmd + "\n" + Files.readString(log));
        }
        return p.exitValue();
    }

    /**
     * The process below {@code p} that {@code which} picks, once it is there (polled every 5 ms, at
     * most a minute); the AssertionError says what {@code p} printed if it never comes.
     */
    static ProcessHandle await(Process p, Predicate<ProcessHandle> which, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Optional<ProcessHandle> found = p.descendants().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(5);
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("the awaited process never came; kmlab said:\n" + Files.readString(log));
    }

    /** Whether a process runs {@code program} (its executable's file name). */
    static Predicate<ProcessHandle> running(String program) {
        return h -> h.info().command().map(c -> Path.of(c).getFileName().toString().equals(program)).orElse(false);
    }

    /** Whether a process's command line holds {@code argument}. */
    static Predicate<ProcessHandle> withArgument(String argument) {
        return h -> h.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false);
    }

    /** The rows of a results folder's runs.jsonl, as JSON. */
    static List<JsonObject> rows(Path out) throws IOException {
        List<JsonObject> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("runs.jsonl"))) {
            rows.add(JsonParser.parseString(line).getAsJsonObject());
        }
        return rows;
    }
}
