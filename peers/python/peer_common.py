"""What the Python peers share: the command line, the CSV reader with its errors, the
atomic output, ARI, the process figures and the JSON summary.

Only the standard library is imported at module level, so that importing this module
costs next to nothing before main starts its clock; NumPy is imported inside the
functions that need it (after the peer's own timed imports it is already loaded).

The peer contract (kmlab runs every peer this way):

    PROGRAM INPUT --k-max K --output FILE [--mode sweep|single] [--k-true K]
            [--seed S] [--threads T] [--json]

A peer that can run more than one algorithm (sklearn: lloyd, elkan) also takes
[--algorithm A], the first of its algorithms by default, and names it in its JSON.
"""

import json
import os
import sys
import tempfile
import time

USAGE = ("usage: {prog} INPUT --k-max K --output FILE [--mode sweep|single] [--k-true K] "
         "[--seed S] [--threads T]{algorithm} [--json]")
MAX_ITER = 300
TOL = 1e-4


class PeerError(Exception):
    """Bad input or usage: printed as one line, exit code 2."""

    def __init__(self, problem, file=None, line=0):
        where = "" if file is None else f"{file}{':' + str(line) if line > 0 else ''}: "
        super().__init__(where + problem)


# ---------------------------------------------------------------- process figures

class Entry:
    """Taken on the first line of main: the clocks, and how long the process took to get there."""

    def __init__(self):
        self.perf = time.perf_counter()
        self.epoch = time.time()
        self.start_to_main = _start_to_main(self.epoch)


def _start_to_main(epoch_now):
    spawned = os.environ.get("KMLAB_SPAWNED_AT_EPOCH_MS")
    if spawned:
        try:
            return epoch_now - int(spawned.strip()) / 1000.0
        except ValueError:
            pass  # fall back to the kernel's figure
    try:
        with open("/proc/self/stat") as f:
            stat = f.read()
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        start_ticks = int(stat[stat.rindex(")") + 2:].split()[19])  # field 22, starttime
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def peak_rss_bytes():
    """VmHWM, the exact peak resident set, in bytes (-1 off Linux)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return -1


def cpu_seconds():
    t = os.times()
    return t.user + t.system


def cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def limit_threads(threads):
    """T >= 1 caps OpenMP and BLAS thread pools; must run before NumPy/scikit-learn are imported.
    T = 0 leaves the libraries' default (all cores)."""
    if threads >= 1:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(threads)


# ---------------------------------------------------------------- command line

class Options:
    def __init__(self):
        self.input = None
        self.output = None
        self.k_max = None
        self.mode = "sweep"
        self.k_true = None
        self.seed = 0
        self.threads = 1
        self.algorithm = None  # the peer's default algorithm, for a peer that takes --algorithm
        self.json = False

    def ks(self):
        return list(range(1, self.k_max + 1)) if self.mode == "sweep" else [self.k_max]


def _int(flag, text):
    try:
        return int(text)
    except ValueError:
        raise PeerError(f"{flag}: expected an integer, got '{text}'") from None


def _either(values):
    """'a', 'a or b', 'a, b or c'."""
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def usage(prog, algorithms=()):
    return USAGE.format(prog=prog, algorithm=f" [--algorithm {'|'.join(algorithms)}]" if algorithms else "")


def parse_args(argv, prog, algorithms=()):
    """Parses the contract's command line; PeerError (one line, exit 2) on anything else.
    Returns None for --help (usage printed). algorithms: the labels a peer can run, its default
    first; given, the peer takes --algorithm (else that option is unknown)."""
    o = Options()
    valued = {"--k-max", "--output", "--mode", "--k-true", "--seed", "--threads"}
    if algorithms:
        valued.add("--algorithm")
        o.algorithm = algorithms[0]
    seen = set()
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg in ("-h", "--help"):
            print(usage(prog, algorithms))
            return None
        if arg == "--json":
            o.json = True
            continue
        if arg.startswith("-") and arg != "-":
            flag, eq, value = arg.partition("=")
            if flag not in valued:
                raise PeerError(f"unknown option '{flag}' ({usage(prog, algorithms)})")
            if flag in seen:
                raise PeerError(f"{flag} given twice")
            seen.add(flag)
            if not eq:
                if i == len(argv):
                    raise PeerError(f"{flag} needs a value")
                value = argv[i]
                i += 1
            if flag == "--k-max":
                o.k_max = _int(flag, value)
            elif flag == "--output":
                o.output = value
            elif flag == "--mode":
                if value not in ("sweep", "single"):
                    raise PeerError(f"--mode must be sweep or single, got '{value}'")
                o.mode = value
            elif flag == "--k-true":
                o.k_true = _int(flag, value)
            elif flag == "--seed":
                o.seed = _int(flag, value)
            elif flag == "--threads":
                o.threads = _int(flag, value)
            elif flag == "--algorithm":
                if value not in algorithms:
                    raise PeerError(f"--algorithm must be {_either(algorithms)}, got '{value}'")
                o.algorithm = value
            continue
        if o.input is not None:
            raise PeerError(f"one INPUT expected, got '{o.input}' and '{arg}'")
        o.input = arg
    if o.input is None:
        raise PeerError(f"missing INPUT ({usage(prog, algorithms)})")
    if o.k_max is None:
        raise PeerError("missing --k-max")
    if o.output is None:
        raise PeerError("missing --output")
    if o.k_max < 1:
        raise PeerError(f"--k-max must be >= 1, got {o.k_max}")
    if o.threads < 0:
        raise PeerError(f"--threads must be >= 0 (0 = all cores), got {o.threads}")
    if o.k_true is not None:
        if not 1 <= o.k_true <= o.k_max:
            raise PeerError(f"--k-true must be in 1..k_max ({o.k_max}), got {o.k_true}")
        if o.mode == "single" and o.k_true != o.k_max:
            raise PeerError("--mode single fits only k_max, so --k-true must equal it")
    if not -2**63 <= o.seed < 2**64:
        raise PeerError(f"--seed must fit in 64 bits, got {o.seed}")
    out_dir = os.path.dirname(os.path.abspath(o.output))
    if not os.path.isdir(out_dir):
        raise PeerError("no such directory for the output", o.output)
    return o


# ---------------------------------------------------------------- CSV input

class Dataset:
    def __init__(self, header, x, labels, rows):
        self.header = header  # the column names as written
        self.x = x            # float64 (n, d), C-contiguous
        self.labels = labels  # int64 (n,) or None
        self.n, self.d = x.shape
        self.rows = rows      # data rows (== n)


def _kinds(header):
    return ["id" if h.lower() == "id" else "label" if h.lower() == "label" else "x" for h in header]


def _read_header(path):
    if not os.path.exists(path):
        raise PeerError("no such file", path)
    if not os.path.isfile(path):
        raise PeerError("not a regular file", path)
    try:
        with open(path, encoding="utf-8", newline="\n") as f:
            first = f.readline()
    except UnicodeDecodeError:
        raise PeerError("not UTF-8 text", path) from None
    except OSError as e:
        raise PeerError(f"cannot read: {e.strerror}", path) from None
    if first == "":
        raise PeerError("empty file", path)
    text = first.rstrip("\r\n").lstrip("\ufeff")
    if '"' in text:
        raise PeerError("quoted fields are not supported", path, 1)
    header, seen = [], set()
    for c, raw in enumerate(text.split(",")):
        name = raw.strip()
        if not name:
            raise PeerError(f"header column {c + 1} has no name", path, 1)
        if name.lower() in seen:
            raise PeerError(f"header names column '{name}' twice", path, 1)
        seen.add(name.lower())
        header.append(name)
    if "x" not in _kinds(header):
        raise PeerError("no feature columns (only id/label)", path, 1)
    return header


def _data_lines(path):
    """(line number, text without its line end) for every line after the header."""
    with open(path, encoding="utf-8", newline="\n") as f:
        f.readline()
        for number, line in enumerate(f, start=2):
            yield number, line.rstrip("\r\n")


def _check_shape(path, header):
    """One streaming pass: field counts, quotes, blank lines (allowed only at the end).
    Returns the number of data rows."""
    fields = len(header)
    rows = 0
    blank = 0
    try:
        for number, line in _data_lines(path):
            if not line:
                blank = blank or number
                continue
            if blank:
                raise PeerError("empty line", path, blank)
            found = line.count(",") + 1
            if found != fields:
                raise PeerError(f"expected {fields} fields, found {found}", path, number)
            if '"' in line:
                raise PeerError("quoted fields are not supported", path, number)
            rows += 1
    except UnicodeDecodeError:
        raise PeerError("not UTF-8 text", path) from None
    if rows == 0:
        raise PeerError("no data rows after the header", path)
    return rows


def _cell_problem(kind, text):
    """Why one cell is unacceptable, or None."""
    shown = "an empty cell" if text == "" else "'" + (text if len(text) <= 40 else text[:40] + "...") + "'"
    if kind == "x":
        try:
            v = float(text)
            if v == v and v not in (float("inf"), float("-inf")) and "_" not in text:
                return None
        except ValueError:
            pass
        return f"{shown} is not a finite number"
    if kind == "label":
        t = text[1:] if text.startswith("-") else text
        if t.isascii() and t.isdigit():
            return None
        return f"{shown} is not an integer label"
    return None


def _first_bad_cell(path, header):
    kinds = _kinds(header)
    for number, line in _data_lines(path):
        if not line:
            continue
        for c, (kind, text) in enumerate(zip(kinds, line.split(","))):
            problem = _cell_problem(kind, text)
            if problem:
                return PeerError(f"column {c + 1} ({header[c]}): {problem}", path, number)
    return None


def read_csv(path):
    """Strict CSV reader. The fast path is NumPy's C loadtxt; a cheap line pass checks the
    field counts first, and when loadtxt refuses a cell (or reads NaN/Inf) a slow pass finds
    the line and column to report."""
    import warnings
    import numpy as np

    header = _read_header(path)
    rows = _check_shape(path, header)
    kinds = _kinds(header)
    xcols = [c for c, k in enumerate(kinds) if k == "x"]
    lcols = [c for c, k in enumerate(kinds) if k == "label"]
    fields = [("x", "f8", (len(xcols),))] + ([("label", "i8")] if lcols else [])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. an integer label written as "3.0"
            rec = np.loadtxt(path, delimiter=",", skiprows=1, comments=None, encoding="utf-8",
                             usecols=xcols + lcols, dtype=np.dtype(fields), ndmin=1)
    except (ValueError, DeprecationWarning, OverflowError) as e:
        raise _first_bad_cell(path, header) or PeerError(f"cannot parse: {e}", path) from None
    x = np.ascontiguousarray(rec["x"], dtype=np.float64)
    labels = rec["label"].copy() if lcols else None
    del rec
    if x.shape[0] != rows:
        raise PeerError("file changed while it was read", path)
    if not np.isfinite(x).all():
        raise _first_bad_cell(path, header) or PeerError("a value is not a finite number", path)
    return Dataset(header, x, labels, rows)


def check_k(ds, k_max, path):
    """k_max must not exceed the rows, nor the distinct points (as kmlab's own fit checks)."""
    if k_max > ds.n:
        raise PeerError(f"k_max = {k_max} exceeds the number of rows ({ds.n})", path)
    distinct = set()
    for row in ds.x:
        distinct.add((row + 0.0).tobytes())  # + 0.0 turns -0.0 into 0.0
        if len(distinct) >= k_max:
            return
    raise PeerError(f"k_max = {k_max} exceeds the number of distinct points ({len(distinct)})", path)


# ---------------------------------------------------------------- output

def write_output(in_path, out_path, ds, names, columns):
    """The input's lines unchanged (re-read as text), each followed by its cluster labels.
    Written to a temporary file beside the output and renamed over it."""
    import numpy as np

    labels = np.column_stack(columns) if columns else np.empty((ds.n, 0), np.int64)
    text = np.array([str(v) for v in range(int(labels.max(initial=0)) + 1)])
    tails = [",".join(row) for row in text[labels].tolist()]
    folder = os.path.dirname(os.path.abspath(out_path))
    base = os.path.basename(out_path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise PeerError(f"cannot write: {e.strerror}", out_path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            with open(in_path, encoding="utf-8", newline="\n") as src:
                out.write(src.readline().rstrip("\r\n") + "," + ",".join(names) + "\n")
                i = 0
                for line in src:
                    line = line.rstrip("\r\n")
                    if not line:
                        continue
                    if i == len(tails):
                        raise PeerError("file changed while it was read", in_path)
                    out.write(line + "," + tails[i] + "\n")
                    i += 1
                if i != len(tails):
                    raise PeerError("file changed while it was read", in_path)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out_path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise PeerError(f"cannot write: {e.strerror}", out_path) from None
        raise


# ---------------------------------------------------------------- ARI

def ari(labels_true, labels_pred):
    """Adjusted Rand index from the contingency table, in scikit-learn's pair-confusion form;
    the products are exact Python integers (no overflow at any n)."""
    import numpy as np

    a = np.unique(np.asarray(labels_true), return_inverse=True)[1].ravel().astype(np.int64)
    b = np.unique(np.asarray(labels_pred), return_inverse=True)[1].ravel().astype(np.int64)
    if a.shape != b.shape:
        raise ValueError("labelings differ in length")
    n = int(a.size)
    if n == 0:
        return 1.0
    cells = np.unique(a * (int(b.max()) + 1) + b, return_counts=True)[1]  # non-zero cells
    sum_squares = int((cells ** 2).sum())
    fn = int((np.bincount(a) ** 2).sum()) - sum_squares
    fp = int((np.bincount(b) ** 2).sum()) - sum_squares
    tp = sum_squares - n
    tn = n * n - fp - fn - sum_squares
    if fn == 0 and fp == 0:
        return 1.0
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))


# ---------------------------------------------------------------- the job

def run(peer, opts, entry, fit_one, ari_fn, versions):
    """Read, fit every k, write, report. fit_one(x, k, seed) -> (labels, fit dict)."""
    t_setup = time.perf_counter()
    ds = read_csv(opts.input)
    check_k(ds, opts.k_max, opts.input)
    t_read = time.perf_counter()

    fits, columns = [], []
    for k in opts.ks():
        labels, info = fit_one(ds.x, k, opts.seed)
        fits.append(dict(k=k, **info))
        columns.append(labels)
    t_fit = time.perf_counter()

    write_output(opts.input, opts.output, ds, [f"cluster_k{k}" for k in opts.ks()], columns)
    t_write = time.perf_counter()

    k_true = opts.k_true if opts.k_true is not None else opts.k_max
    ari_value = None
    if ds.labels is not None:
        ari_value = float(ari_fn(ds.labels, columns[opts.ks().index(k_true)]))
    summary = {
        "implementation": peer,
        "versions": versions,
        **({} if opts.algorithm is None else {"algorithm": opts.algorithm}),
        "input": opts.input,
        "output": opts.output,
        "n": ds.n,
        "d": ds.d,
        "k_max": opts.k_max,
        "mode": opts.mode,
        "threads": opts.threads,
        "threads_used": opts.threads if opts.threads >= 1 else cores(),
        "seed": opts.seed,
        "k_true": k_true if ds.labels is not None else None,
        "ari": ari_value,
        "fits": fits,
        "phases_s": {
            "jvm_start_to_main": entry.start_to_main,
            "setup": t_setup - entry.perf,
            "read": t_read - t_setup,
            "fit": t_fit - t_read,
            "write": t_write - t_fit,
        },
        "cpu_s": cpu_seconds(),
        "peak_rss_bytes": peak_rss_bytes(),
    }
    if opts.json:
        print(json.dumps(summary, allow_nan=False))
    else:
        for f in fits:
            print(f"k={f['k']:<3d} iterations={f['iterations']:<4d} inertia={f['inertia']:.6g}"
                  + ("" if f["converged"] else " (not converged)"))
        if ari_value is not None:
            print(f"ARI at k={k_true}: {ari_value:.4f}")
        print(f"phases (s): {summary['phases_s']}; peak RSS {summary['peak_rss_bytes'] / 1e6:.1f} MB; "
              f"wrote {opts.output}")
    return 0


def guarded(peer, main, argv):
    """Runs main(argv); bad input or usage becomes one stderr line and exit code 2."""
    try:
        return main(argv)
    except PeerError as e:
        print(f"kmlab {peer}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
