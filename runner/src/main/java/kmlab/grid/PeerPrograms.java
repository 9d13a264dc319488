package kmlab.grid;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kmlab.runs.Axes;
import kmlab.runs.Peer;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunSpec;

/**
 * Where each peer's program is, whether it can run here, and the argument list that runs it (no
 * shell). Peers live in the project's {@code peers/} folder: the Python scripts run by Debian's
 * interpreter, the Rust twin built by cargo on first use (once per grid run, when its binary is
 * missing or older than its sources), the Java peers in {@code peers/target/peers.jar} (made by
 * {@code ./kmlab build}). A peer whose runtime is not installed is reported with the line that
 * installs it; its runs are recorded as skipped, not failed.
 */
final class PeerPrograms {
    /** The project folder (the one holding runner/ and peers/), when not found from runner's own location. */
    static final String ROOT_ENV = "KMLAB_ROOT";
    /** The Python interpreter for sklearn and numpy (default: Debian's /usr/bin/python3). */
    static final String PYTHON_ENV = "KMLAB_PYTHON";
    /** The cargo that builds the Rust twin (default: cargo on PATH). */
    static final String CARGO_ENV = "KMLAB_CARGO";
    /** Debian's vendored crate sources, where the offline build finds Rayon (peers/rust/.cargo/config.toml). */
    private static final Path DEBIAN_CRATES = Path.of("/usr/share/cargo/registry");
    private static final String APT = "sudo apt-get install -y ";

    private final Path root;
    private final Map<String, String> env;
    private final Map<Peer, Optional<Unavailable>> checked = new EnumMap<>(Peer.class);

    /** Why a peer's runs cannot run: {@code skipped} (not installed: how to install it) or {@code failed}. */
    record Unavailable(RunOutcome.Status status, String message) {
    }

    PeerPrograms(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    /** From this process's environment, the project found from where runner's classes were loaded. */
    static PeerPrograms fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new PeerPrograms(env.containsKey(ROOT_ENV) ? Path.of(env.get(ROOT_ENV)) : projectRoot(), env);
    }

    /** The nearest folder above runner's jar (or classes) that holds runner/pom.xml; else the working folder. */
    static Path projectRoot() {
        try {
            Path p = Path.of(PeerPrograms.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.exists(p.resolve("runner/pom.xml"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code location: fall back to the working folder
        }
        return Path.of("").toAbsolutePath();
    }

    /** The argument list that runs the run's peer on {@code data}, under fit's contract. */
    List<String> command(RunSpec run, Path data, Path output, long seed) {
        Peer peer = run.get(Axes.PEER);
        List<String> cmd = new ArrayList<>();
        switch (peer.runtime()) {
            case PYTHON -> cmd.addAll(List.of(python(), script(peer).toString()));
            case RUST -> cmd.add(rustBinary().toString());
            case JAVA -> {
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.addAll(run.get(Axes.JVM_OPTIONS));
                cmd.addAll(List.of("-jar", peersJar().toString(), peer.label()));
            }
        }
        cmd.add(data.toString());
        cmd.addAll(ChildRun.axisArguments(run, Axes.THREADS));
        cmd.addAll(List.of("--seed", Long.toString(seed), "--json", "--output", output.toString()));
        String threads = run.get(Axes.THREADS).label();
        if (peer != Peer.RUST) {
            cmd.addAll(List.of("--threads", threads));
        } else if (run.get(Axes.THREADS).count() != 1) { // the writeup's parallel twin: the same binary with Rayon on
            cmd.addAll(List.of("--parallel", "--threads", threads));
        }
        return cmd;
    }

    /**
     * Whether the peer can run here, checked once per grid run (the Rust twin is built here when
     * needed, with a line on {@code progress}); empty when it can.
     */
    Optional<Unavailable> check(Peer peer, PrintWriter progress) throws InterruptedException {
        Optional<Unavailable> known = checked.get(peer);
        if (known == null) {
            known = Optional.ofNullable(switch (peer.runtime()) {
                case PYTHON -> checkPython(peer);
                case RUST -> checkRust(progress);
                case JAVA -> Files.isRegularFile(peersJar()) ? null
                        : new Unavailable(RunOutcome.Status.SKIPPED, peersJar() + " is missing; build it: ./kmlab build");
            });
            checked.put(peer, known);
        }
        return known;
    }

    private Unavailable checkPython(Peer peer) throws InterruptedException {
        String module = peer == Peer.SKLEARN ? "sklearn" : "numpy";
        String install = APT + (peer == Peer.SKLEARN ? "python3-sklearn" : "python3-numpy");
        if (!Files.isExecutable(Path.of(python()))) {
            return new Unavailable(RunOutcome.Status.SKIPPED, "no Python at " + python() + "; install it: " + install);
        }
        if (!Files.isRegularFile(script(peer))) {
            return new Unavailable(RunOutcome.Status.FAILED, script(peer) + " is missing from this checkout");
        }
        Result r = quietly(List.of(python(), "-c", "import " + module), root, 60);
        return r.ok() ? null : new Unavailable(RunOutcome.Status.SKIPPED, python() + " cannot import " + module + "; install it: "
                + install);
    }

    private Unavailable checkRust(PrintWriter progress) throws InterruptedException {
        Path binary = rustBinary();
        Path crate = root.resolve("peers/rust");
        if (!Files.isRegularFile(crate.resolve("Cargo.toml"))) {
            return new Unavailable(RunOutcome.Status.FAILED, crate.resolve("Cargo.toml") + " is missing from this checkout");
        }
        boolean fresh = Files.isExecutable(binary) && !newerSources(crate, binary);
        String cargo = cargo();
        if (fresh || cargo == null && Files.isExecutable(binary)) {
            return null; // built, or stale but nothing here can rebuild it
        }
        String install = APT + "cargo librust-rayon-dev";
        if (cargo == null || !Files.isDirectory(DEBIAN_CRATES)) {
            return new Unavailable(RunOutcome.Status.SKIPPED, (cargo == null ? "no cargo" : "no Debian crate sources in " + DEBIAN_CRATES)
                    + " to build " + binary + "; install them: " + install);
        }
        progress.printf("kmlab run: building the Rust peer (cargo build --release --offline in %s) ...%n", crate);
        progress.flush();
        // in the crate's folder, where cargo finds .cargo/config.toml (Debian's crates, offline)
        Result r = quietly(List.of(cargo, "build", "--release", "--offline", "--manifest-path",
                crate.resolve("Cargo.toml").toString()), crate, 900);
        return r.ok() && Files.isExecutable(binary) ? null
                : new Unavailable(RunOutcome.Status.FAILED, "cargo build --release --offline failed:\n" + r.outputTail());
    }

    /** Whether any of the crate's sources changed after the binary was built. */
    private static boolean newerSources(Path crate, Path binary) {
        try (Stream<Path> files = Files.walk(crate)) {
            FileTime built = Files.getLastModifiedTime(binary);
            return files.filter(p -> !p.startsWith(crate.resolve("target")) && Files.isRegularFile(p))
                    .anyMatch(p -> {
                        try {
                            return Files.getLastModifiedTime(p).compareTo(built) > 0;
                        } catch (IOException e) {
                            return true;
                        }
                    });
        } catch (IOException e) {
            return true;
        }
    }

    private String python() {
        return env.getOrDefault(PYTHON_ENV, "/usr/bin/python3");
    }

    private Path script(Peer peer) {
        return root.resolve("peers/python/" + peer.label() + "_fit.py");
    }

    private Path rustBinary() {
        return root.resolve("peers/rust/target/release/kmeans-rs");
    }

    private Path peersJar() {
        return root.resolve("peers/target/peers.jar");
    }

    /** The cargo to build with, or null: the override, else the first on PATH. */
    private String cargo() {
        if (env.containsKey(CARGO_ENV)) {
            return Files.isExecutable(Path.of(env.get(CARGO_ENV))) ? env.get(CARGO_ENV) : null;
        }
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "cargo"))) {
                return Path.of(dir, "cargo").toString();
            }
        }
        return null;
    }

    private record Result(boolean ok, String outputTail) {
    }

    /** Runs a helper command with its output kept aside; a command that cannot start is not ok. */
    private Result quietly(List<String> cmd, Path dir, int timeoutSeconds) throws InterruptedException {
        Path log = null;
        try {
            log = Files.createTempFile("kmlab-peer-", ".log");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            return new Result(done && p.exitValue() == 0, ChildRun.tail(log, 2_000));
        } catch (IOException e) {
            return new Result(false, e.getMessage());
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary log left behind
                }
            }
        }
    }
}
