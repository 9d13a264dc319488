"""Tests of the peers: the NumPy reference's pieces in process, and the command-line contract
of every peer (sklearn_fit.py, numpy_fit.py, and the Rust twin when it is built) as
subprocesses.

    /usr/bin/python3 -m unittest discover -s peers/python
"""

import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

import numpy_fit
import peer_common

HERE = os.path.dirname(os.path.abspath(__file__))
RUST = os.path.join(HERE, "..", "rust", "target", "release", "kmeans-rs")

try:
    import sklearn  # noqa: F401
    from sklearn.metrics import adjusted_rand_score
    HAVE_SKLEARN = True
except ImportError:
    HAVE_SKLEARN = False

PEERS = {"numpy": [sys.executable, os.path.join(HERE, "numpy_fit.py")]}
if HAVE_SKLEARN:
    PEERS["sklearn"] = [sys.executable, os.path.join(HERE, "sklearn_fit.py")]
if os.access(RUST, os.X_OK):
    PEERS["rust"] = [RUST]

KEYS = {"implementation", "versions", "input", "output", "n", "d", "k_max", "mode", "threads",
        "threads_used", "seed", "k_true", "ari", "fits", "phases_s", "cpu_s", "peak_rss_bytes"}
FIT_KEYS = {"k", "iterations", "converged", "inertia", "seed_s", "lloyd_s"}
PHASES = {"jvm_start_to_main", "setup", "read", "fit", "write"}


def blobs(path, n=400, seed=1, header="id,x0,x1,x2,label", crlf=False):
    """Four well separated Gaussian blobs, written like kmlab's generator."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 0, 0], [20, 0, 0], [0, 20, 0], [0, 0, 20]], float)
    labels = rng.integers(0, 4, n)
    x = centres[labels] + rng.normal(0, 0.5, (n, 3))
    end = "\r\n" if crlf else "\n"
    with open(path, "w", newline="") as f:
        f.write(header + end)
        for i in range(n):
            f.write(f"{i},{x[i, 0]:.6f},{x[i, 1]:.6f},{x[i, 2]:.6f},{labels[i]}{end}")
    return labels


def run(peer, *args):
    return subprocess.run(PEERS[peer] + [str(a) for a in args], capture_output=True, text=True,
                          timeout=120)


class TestAri(unittest.TestCase):
    def test_known_values(self):
        self.assertEqual(peer_common.ari([0, 0, 1, 1], [0, 0, 1, 1]), 1.0)
        self.assertEqual(peer_common.ari([0, 0, 1, 1], [1, 1, 0, 0]), 1.0)
        self.assertAlmostEqual(peer_common.ari([0, 0, 1, 1], [0, 0, 1, 2]), 0.5714285714285715, places=15)
        self.assertEqual(peer_common.ari([0, 0, 0, 0], [0, 1, 2, 3]), 0.0)
        self.assertEqual(peer_common.ari([0, 0, 1, 1], [0, 1, 0, 1]), -0.5)
        self.assertEqual(peer_common.ari([7], [3]), 1.0)

    @unittest.skipUnless(HAVE_SKLEARN, "scikit-learn is not installed")
    def test_matches_sklearn_on_random_labelings(self):
        rng = np.random.default_rng(0)
        for _ in range(300):
            n = int(rng.integers(1, 400))
            a = rng.integers(0, int(rng.integers(1, 12)), n)
            b = rng.integers(0, int(rng.integers(1, 12)), n)
            if rng.random() < 0.3:  # partly agreeing labelings too
                b = np.where(rng.random(n) < 0.8, a * 3 + 1, b)
            self.assertAlmostEqual(peer_common.ari(a, b), adjusted_rand_score(a, b), places=12)

    def test_large_n_does_not_overflow(self):
        i = np.arange(300_000)
        self.assertEqual(peer_common.ari(i % 7, (i % 7 + 3) % 7), 1.0)
        self.assertLess(abs(peer_common.ari(i % 7, (i // 7) % 5)), 1e-3)


class TestNumpyKMeans(unittest.TestCase):
    @staticmethod
    def groups():
        rows = [(cx + dx, cy + dy) for cx, cy in [(0, 0), (100, 0), (0, 100)]
                for dx, dy in [(0, 0), (1, 0), (0, 1), (1, 1)]]
        return np.array(rows, float)

    def fit(self, x, init, tol_abs, max_iter=peer_common.MAX_ITER):
        return numpy_fit.lloyd(np, x, (x * x).sum(axis=1), np.array(init, float), tol_abs, max_iter)

    def test_splitmix64_known_outputs(self):
        r = numpy_fit.SplitMix64(0)
        self.assertEqual(r.next_u64(), 0xE220A8397B1DCDAF)
        self.assertEqual(r.next_u64(), 0x6E789E6AA1B965F4)
        r = numpy_fit.SplitMix64(-1)  # negative seeds wrap to 64 bits, as in the Rust twin
        self.assertEqual(r.state, 2**64 - 1)

    def test_kmeans_plus_plus_picks_one_data_point_per_far_group(self):
        x = self.groups()
        for seed in range(50):
            c = numpy_fit.kmeans_plus_plus(np, x, (x * x).sum(axis=1), 3, numpy_fit.SplitMix64(seed))
            for centre in c:
                self.assertTrue((x == centre).all(axis=1).any(), f"not a data point: {centre}")
            groups = sorted(1 if p[0] > 50 else 2 if p[1] > 50 else 0 for p in c)
            self.assertEqual(groups, [0, 1, 2], f"seed {seed}")

    def test_lloyd_on_a_tiny_known_dataset(self):
        x = np.array([[0, 0], [0, 1], [10, 10], [10, 11]], float)
        labels, centres, inertia, iterations, converged = self.fit(x, [[0, 0], [10, 10]], 0.0)
        self.assertEqual(labels.tolist(), [0, 0, 1, 1])
        self.assertEqual(centres.tolist(), [[0, 0.5], [10, 10.5]])
        self.assertEqual(inertia, 1.0)
        self.assertEqual(iterations, 2)
        self.assertTrue(converged)

    def test_empty_cluster_keeps_its_old_centre(self):
        x = np.array([[0], [1], [2]], float)
        labels, centres, inertia, _, _ = self.fit(x, [[1], [50]], 1e-12)
        self.assertEqual(labels.tolist(), [0, 0, 0])
        self.assertEqual(centres.tolist(), [[1], [50]])
        self.assertEqual(inertia, 2.0)

    def test_max_iter_reached_is_not_converged(self):
        x = self.groups()
        _, _, _, iterations, converged = self.fit(x, x[:3], 0.0, max_iter=1)
        self.assertEqual(iterations, 1)
        self.assertFalse(converged)

    def test_shift_rule_stops_early(self):
        x = self.groups()
        init = x[[0, 4, 8]] + 0.2
        _, _, _, iterations, converged = self.fit(x, init, 1e9)
        self.assertEqual(iterations, 1)
        self.assertTrue(converged)


class PeerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.input = os.path.join(self.dir, "b.csv")
        self.truth = blobs(self.input)
        self.out = os.path.join(self.dir, "o.csv")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", newline="") as f:
            f.write(text)
        return path



class TestContract(PeerTest):
    def json_run(self, peer, *extra):
        r = run(peer, self.input, "--k-max", 4, "--output", self.out, "--json", *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(r.stdout.strip().splitlines()), 1, r.stdout)
        return json.loads(r.stdout)

    def check_output(self, names):
        with open(self.input) as f:
            lines = f.read().splitlines()
        with open(self.out) as f:
            out = f.read().splitlines()
        self.assertEqual(out[0], lines[0] + "," + ",".join(names))
        self.assertEqual(len(out), len(lines))
        for src, row in zip(lines[1:], out[1:]):
            self.assertTrue(row.startswith(src + ","), row)
            self.assertEqual(len(row.split(",")), len(src.split(",")) + len(names))
        return np.array([[int(v) for v in row.split(",")[-len(names):]] for row in out[1:]])

    def test_sweep_json_and_output(self):
        for peer in PEERS:
            with self.subTest(peer=peer):
                s = self.json_run(peer)
                self.assertTrue(KEYS <= set(s), KEYS - set(s))
                self.assertEqual((s["n"], s["d"], s["k_max"], s["mode"], s["seed"], s["k_true"]),
                                 (400, 3, 4, "sweep", 0, 4))
                self.assertEqual(s["input"], self.input)
                self.assertEqual(s["output"], self.out)
                self.assertIsInstance(s["versions"], dict)
                self.assertEqual(s["ari"], 1.0)
                self.assertEqual([f["k"] for f in s["fits"]], [1, 2, 3, 4])
                for f in s["fits"]:
                    self.assertTrue(FIT_KEYS <= set(f), f)
                    self.assertIsInstance(f["iterations"], int)
                    self.assertIsInstance(f["converged"], bool)
                    self.assertIsInstance(f["inertia"], float)
                    self.assertIsInstance(f["lloyd_s"], float)
                    self.assertTrue(f["converged"])
                    if peer == "sklearn":
                        self.assertIsNone(f["seed_s"])
                    else:
                        self.assertIsInstance(f["seed_s"], float)
                inertias = [f["inertia"] for f in s["fits"]]
                self.assertEqual(inertias, sorted(inertias, reverse=True))
                self.assertEqual(set(s["phases_s"]), PHASES)
                for p in PHASES - {"jvm_start_to_main"}:
                    self.assertGreaterEqual(s["phases_s"][p], 0.0)
                self.assertIsInstance(s["phases_s"]["jvm_start_to_main"], float)
                self.assertGreater(s["peak_rss_bytes"], 1_000_000)
                self.assertGreaterEqual(s["cpu_s"], 0.0)  # clock ticks: 0 for a very short run
                labels = self.check_output([f"cluster_k{k}" for k in range(1, 5)])
                for k in range(1, 5):
                    self.assertEqual(sorted(set(labels[:, k - 1])), list(range(k)))
                self.assertEqual(peer_common.ari(self.truth, labels[:, 3]), 1.0)
                self.assertEqual(sorted(os.listdir(self.dir)), ["b.csv", "o.csv"])

    def test_single_mode(self):
        for peer in PEERS:
            with self.subTest(peer=peer):
                s = self.json_run(peer, "--mode", "single")
                self.assertEqual(s["mode"], "single")
                self.assertEqual([f["k"] for f in s["fits"]], [4])
                self.assertEqual(s["ari"], 1.0)
                self.check_output(["cluster_k4"])

    def test_k_true_seed_threads(self):
        for peer in PEERS:
            with self.subTest(peer=peer):
                s = self.json_run(peer, "--k-true", 2, "--seed", 7, "--threads", 2)
                self.assertEqual((s["k_true"], s["seed"], s["threads"]), (2, 7, 2))
                self.assertLess(s["ari"], 1.0)

    def test_spawn_time_variable(self):
        import time
        for peer in PEERS:
            with self.subTest(peer=peer):
                env = dict(os.environ, KMLAB_SPAWNED_AT_EPOCH_MS=str(int(time.time() * 1000)))
                r = subprocess.run(PEERS[peer] + [self.input, "--k-max", "2", "--output", self.out, "--json"],
                                   capture_output=True, text=True, env=env, timeout=120)
                start = json.loads(r.stdout)["phases_s"]["jvm_start_to_main"]
                self.assertTrue(0.0 <= start < 10.0, start)

    def test_no_label_column_crlf_and_text_mode(self):
        data = np.loadtxt(self.input, delimiter=",", skiprows=1)
        path = os.path.join(self.dir, "in-nolabel.csv")
        with open(path, "w", newline="") as f:  # CRLF, no id, no label: 'group' is a feature
            f.write("x0,x1,x2,group\r\n")
            for row in data:
                f.write(f"{row[1]:.6f},{row[2]:.6f},{row[3]:.6f},{row[4] * 0.5}\r\n")
        for peer in PEERS:
            with self.subTest(peer=peer):
                r = run(peer, path, "--k-max", 3, "--output", self.out, "--json")
                self.assertEqual(r.returncode, 0, r.stderr)
                s = json.loads(r.stdout)
                self.assertIsNone(s["ari"])
                self.assertIsNone(s["k_true"])
                self.assertEqual(s["d"], 4)
                with open(self.out, newline="") as f:
                    out = f.read()
                self.assertNotIn("\r", out)
                self.assertTrue(out.startswith("x0,x1,x2,group,cluster_k1,cluster_k2,cluster_k3\n"))
                self.assertEqual(len(out.splitlines()), 401)
                r = run(peer, self.input, "--k-max", 4, "--output", self.out)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("ARI at k=4: 1.0000", r.stdout)

    def test_bad_inputs(self):
        good = "id,x0,x1,label\n0,1,2,0\n1,3,4,1\n2,5,6,0\n"
        files = {
            "empty": ("", "{f}: empty file"),
            "header": ("id,x0,x1,label\n", "{f}: no data rows after the header"),
            "fewer": ("id,x0,x1,label\n0,1,2,0\n1,3,1\n", "{f}:3: expected 4 fields, found 3"),
            "more": ("id,x0,x1,label\n0,1,2,0\n1,3,4,1,9\n", "{f}:3: expected 4 fields, found 5"),
            "text": ("id,x0,x1,label\n0,1,2,0\n1,3,abc,1\n", "{f}:3: column 3 (x1): 'abc' is not a finite number"),
            "emptycell": ("id,x0,x1,label\n0,1,2,0\n1,,4,1\n", "{f}:3: column 2 (x0): an empty cell is not a finite number"),
            "nan": ("id,x0,x1,label\n0,1,2,0\n1,nan,4,1\n", "{f}:3: column 2 (x0): 'nan' is not a finite number"),
            "inf": ("id,x0,x1,label\n0,1,2,0\n1,3,-Infinity,1\n", "{f}:3: column 3 (x1): '-Infinity' is not a finite number"),
            "label": ("id,x0,x1,label\n0,1,2,0\n1,3,4,1.5\n", "{f}:3: column 4 (label): '1.5' is not an integer label"),
            "blank": ("id,x0,x1,label\n0,1,2,0\n\n1,3,4,1\n", "{f}:3: empty line"),
            "onlyid": ("id,label\n0,1\n", "{f}:1: no feature columns (only id/label)"),
            "quote": ('id,x0,x1,label\n0,1,2,0\n"1",3,4,1\n', "{f}:3: quoted fields are not supported"),
        }
        cases = [(name, self.write(f"in-{name}.csv", text), ["--k-max", 2], msg)
                 for name, (text, msg) in files.items()]
        g = self.write("in-good.csv", good)
        same = self.write("in-same.csv", "x0\n1\n1\n2\n")
        cases += [
            ("missing", os.path.join(self.dir, "in-none.csv"), ["--k-max", 2], "{f}: no such file"),
            ("directory", self.dir, ["--k-max", 2], "{f}: not a regular file"),
            ("k0", g, ["--k-max", 0], "--k-max must be >= 1, got 0"),
            ("kneg", g, ["--k-max", -3], "--k-max must be >= 1, got -3"),
            ("krows", g, ["--k-max", 4], "{f}: k_max = 4 exceeds the number of rows (3)"),
            ("kdistinct", same, ["--k-max", 3], "{f}: k_max = 3 exceeds the number of distinct points (2)"),
            ("kword", g, ["--k-max", "two"], "--k-max: expected an integer, got 'two'"),
            ("nok", g, [], "missing --k-max"),
            ("flag", g, ["--k-max", 2, "--frobnicate"], "unknown option '--frobnicate'"),
            ("mode", g, ["--k-max", 2, "--mode", "both"], "--mode must be sweep or single, got 'both'"),
            ("ktrue", g, ["--k-max", 2, "--k-true", 3], "--k-true must be in 1..k_max (2), got 3"),
            ("single", g, ["--k-max", 2, "--k-true", 1, "--mode", "single"], "--mode single fits only k_max"),
            ("threads", g, ["--k-max", 2, "--threads", -1], "--threads must be >= 0"),
            ("twice", g, ["--k-max", 2, "--seed", 1, "--seed", 2], "--seed given twice"),
            ("novalue", g, ["--k-max", 2, "--seed"], "--seed needs a value"),
        ]
        for peer in PEERS:
            for name, path, args, msg in cases:
                with self.subTest(peer=peer, case=name):
                    r = run(peer, path, "--output", self.out, *args)
                    self.assertEqual(r.returncode, 2, r.stderr)
                    self.assertEqual(r.stdout, "")
                    lines = r.stderr.splitlines()
                    self.assertEqual(len(lines), 1, r.stderr)
                    self.assertTrue(lines[0].startswith(f"kmlab {peer}: "), lines[0])
                    self.assertIn(msg.format(f=path), lines[0])
                    self.assertFalse(os.path.exists(self.out))
                    self.assertEqual(glob.glob(os.path.join(self.dir, ".*")), [])
            with self.subTest(peer=peer, case="outdir"):
                bad_out = os.path.join(self.dir, "nowhere", "o.csv")
                r = run(peer, g, "--k-max", 2, "--output", bad_out)
                self.assertEqual((r.returncode, r.stderr.strip()),
                                 (2, f"kmlab {peer}: {bad_out}: no such directory for the output"))
            with self.subTest(peer=peer, case="good"):  # the same file without the fault is fine
                r = run(peer, g, "--k-max", 3, "--output", self.out)
                self.assertEqual(r.returncode, 0, r.stderr)
                os.unlink(self.out)


@unittest.skipUnless(HAVE_SKLEARN, "scikit-learn is not installed")
class TestSklearnAlgorithm(PeerTest):
    """sklearn_fit.py --algorithm lloyd|elkan: scikit-learn's algorithm=, named in the JSON."""

    def sweep(self, *extra, k_max=4, out=None):
        r = run("sklearn", self.input, "--k-max", k_max, "--output", out or self.out, "--json", *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")  # no warning at k = 1 (the peer asks for lloyd there)
        return json.loads(r.stdout)

    def test_lloyd_is_the_default_and_named(self):
        self.assertEqual(self.sweep()["algorithm"], "lloyd")
        self.assertEqual(self.sweep("--algorithm", "lloyd")["algorithm"], "lloyd")

    def test_elkan_runs_and_finds_the_blobs(self):
        s = self.sweep("--algorithm", "elkan")
        self.assertEqual(s["algorithm"], "elkan")
        self.assertEqual(s["implementation"], "sklearn")
        self.assertEqual(s["ari"], 1.0)
        self.assertEqual([f["k"] for f in s["fits"]], [1, 2, 3, 4])
        self.assertTrue(all(f["converged"] for f in s["fits"]), s["fits"])
        labels = np.loadtxt(self.out, delimiter=",", skiprows=1, dtype=np.int64, usecols=range(5, 9))
        self.assertEqual(peer_common.ari(self.truth, labels[:, 3]), 1.0)
        s = self.sweep("--algorithm=elkan", "--mode", "single")
        self.assertEqual((s["algorithm"], s["ari"], [f["k"] for f in s["fits"]]), ("elkan", 1.0, [4]))

    def test_elkan_gives_lloyds_fits_on_separated_blobs(self):
        """The same seeding from the same seed, and exact bounds: scikit-learn's own test of elkan
        against lloyd asks for the same labels and iterations, and inertia within rel 1e-6."""
        for seed in (0, 3, 7):
            with self.subTest(seed=seed):
                fits, labels = {}, {}
                for algorithm in ("lloyd", "elkan"):
                    out = os.path.join(self.dir, f"o-{algorithm}.csv")
                    fits[algorithm] = self.sweep("--algorithm", algorithm, "--seed", seed, k_max=8, out=out)["fits"]
                    labels[algorithm] = np.loadtxt(out, delimiter=",", skiprows=1, dtype=np.int64,
                                                   usecols=range(5, 13))
                np.testing.assert_array_equal(labels["lloyd"], labels["elkan"])
                for lloyd, elkan in zip(fits["lloyd"], fits["elkan"]):
                    self.assertEqual((lloyd["k"], lloyd["iterations"]), (elkan["k"], elkan["iterations"]))
                    self.assertAlmostEqual(elkan["inertia"] / lloyd["inertia"], 1.0, delta=1e-6)

    def test_a_bad_algorithm_is_one_line_exit_two(self):
        cases = [
            ("sklearn", ["--algorithm", "hamerly"], "kmlab sklearn: --algorithm must be lloyd or elkan, got 'hamerly'"),
            ("sklearn", ["--algorithm", "Elkan"], "kmlab sklearn: --algorithm must be lloyd or elkan, got 'Elkan'"),
            ("sklearn", ["--algorithm", "auto"], "kmlab sklearn: --algorithm must be lloyd or elkan, got 'auto'"),
            ("sklearn", ["--algorithm"], "kmlab sklearn: --algorithm needs a value"),
            ("sklearn", ["--algorithm", "elkan", "--algorithm", "lloyd"], "kmlab sklearn: --algorithm given twice"),
            ("numpy", ["--algorithm", "lloyd"], "kmlab numpy: unknown option '--algorithm' (usage: numpy_fit.py "),
        ]
        for peer, args, msg in cases:
            with self.subTest(args=args):
                r = run(peer, self.input, "--k-max", 4, "--output", self.out, *args)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertEqual(r.stdout, "")
                self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
                self.assertTrue(r.stderr.startswith(msg), r.stderr)
                self.assertFalse(os.path.exists(self.out))
        r = run("sklearn", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("[--algorithm lloyd|elkan]", r.stdout)


@unittest.skipUnless("rust" in PEERS, "the Rust twin is not built (cd peers/rust && cargo build --release --offline)")
class TestTwins(PeerTest):
    def test_numpy_and_rust_agree(self):
        """Same seeding generator and the same Lloyd steps: the same labels at every k."""
        labels = {}
        for peer in ("numpy", "rust"):
            r = run(peer, self.input, "--k-max", 6, "--output", self.out, "--json", "--seed", 3)
            self.assertEqual(r.returncode, 0, r.stderr)
            labels[peer] = np.loadtxt(self.out, delimiter=",", skiprows=1, dtype=np.int64, usecols=range(5, 11))
            iterations = [f["iterations"] for f in json.loads(r.stdout)["fits"]]
            labels[peer + "-it"] = iterations
        np.testing.assert_array_equal(labels["numpy"], labels["rust"])
        self.assertEqual(labels["numpy-it"], labels["rust-it"])

    def test_parallel_gives_the_serial_answer(self):
        out = {}
        for extra in ([], ["--parallel", "--threads", "0"], ["--parallel", "--threads", "2"]):
            r = run("rust", self.input, "--k-max", 5, "--output", self.out, "--json", *extra)
            self.assertEqual(r.returncode, 0, r.stderr)
            s = json.loads(r.stdout)
            self.assertEqual(s["implementation"], "rust-parallel" if extra else "rust")
            with open(self.out) as f:
                out[" ".join(extra)] = f.read()
        self.assertEqual(len(set(out.values())), 1)


if __name__ == "__main__":
    unittest.main()
