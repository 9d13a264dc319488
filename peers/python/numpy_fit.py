#!/usr/bin/env python3
"""The writeup's pure-NumPy reference K-Means, as a kmlab peer.

    numpy_fit.py INPUT --k-max K --output FILE [--mode sweep|single] [--k-true K]
                 [--seed S] [--threads T] [--json]

Readable on purpose. Every fit: k-means++ seeding with a single start, then Lloyd's
algorithm with the full n x k distance matrix built each iteration (that matrix, and
the n x d / n x k temporaries around it, are where the writeup says NumPy's memory goes).

- Seeding: standard k-means++ (Arthur & Vassilvitskii): the first centre uniform, each
  next one drawn with probability proportional to D(x)^2, one draw per centre (not
  scikit-learn's greedy 2 + ln k trials). The draws come from SplitMix64, the same
  generator, seeded the same way, as the Rust twin, so both pick the same centres
  (unless two candidates differ only by rounding in their distances).
- Lloyd: assign every point to its nearest centre, move each centre to the mean of its
  points; stop when labels stop changing or the sum of squared centre shifts is
  <= 1e-4 * the mean feature variance (scikit-learn's rule), at most 300 iterations.
- An empty cluster keeps its old centre.
- The seed is the same for every k (as kmlab's own fit command does).

--threads T (T >= 1) caps the BLAS threads behind the matrix products; 0 = BLAS default.
"""

import sys
import time

import peer_common

PEER = "numpy"
MASK = (1 << 64) - 1


class SplitMix64:
    """Tiny 64-bit generator (Steele, Lea & Flood); the Rust twin has the same one."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        """A double in [0, 1) from the top 53 bits."""
        return (self.next_u64() >> 11) * (1.0 / (1 << 53))

    def index(self, n):
        return min(int(self.uniform() * n), n - 1)


def squared_distances(np, x, x_sq, centres):
    """The full n x k matrix of squared distances, |x|^2 - 2 x.c + |c|^2 (the NumPy idiom)."""
    d = x @ centres.T
    d *= -2.0
    d += x_sq[:, None]
    d += (centres * centres).sum(axis=1)[None, :]
    return d


def kmeans_plus_plus(np, x, x_sq, k, rng):
    """k-means++ seeding: returns k rows of x as the initial centres."""
    n = x.shape[0]
    centres = np.empty((k, x.shape[1]))
    centres[0] = x[rng.index(n)]
    closest = np.maximum(squared_distances(np, x, x_sq, centres[:1])[:, 0], 0.0)
    for c in range(1, k):
        cumulative = np.cumsum(closest)
        if cumulative[-1] > 0:
            i = int(np.searchsorted(cumulative, rng.uniform() * cumulative[-1], side="right"))
            if i >= n:  # rounding put the draw at the very top: take the last candidate
                i = int(np.flatnonzero(closest)[-1])
        else:  # every point sits on a centre already (fewer distinct points than k)
            i = rng.index(n)
        centres[c] = x[i]
        new = np.maximum(squared_distances(np, x, x_sq, centres[c:c + 1])[:, 0], 0.0)
        closest = np.minimum(closest, new)
    return centres


def update_centres(np, x, labels, centres):
    """Means of the points of each cluster; an empty cluster keeps its old centre."""
    k, d = centres.shape
    counts = np.bincount(labels, minlength=k)
    # one pass over x: bin (label, feature) of every value, summed in row order
    bins = (labels * d)[:, None] + np.arange(d)
    sums = np.bincount(bins.ravel(), weights=x.ravel(), minlength=k * d).reshape(k, d)
    new = centres.copy()
    full = counts > 0
    new[full] = sums[full] / counts[full, None]
    return new


def lloyd(np, x, x_sq, centres, tol_abs, max_iter=peer_common.MAX_ITER):
    """Lloyd's algorithm from the given centres. Returns labels, centres, inertia,
    iterations and whether it converged."""
    labels_old = None
    converged = labels_stable = False
    iterations = 0
    for iterations in range(1, max_iter + 1):
        labels = squared_distances(np, x, x_sq, centres).argmin(axis=1)
        new = update_centres(np, x, labels, centres)
        shift = float(((new - centres) ** 2).sum())
        centres = new
        if labels_old is not None and np.array_equal(labels, labels_old):
            converged = labels_stable = True
            break
        if shift <= tol_abs:
            converged = True
            break
        labels_old = labels
    if not labels_stable:  # the labels of the last step belong to the previous centres
        labels = squared_distances(np, x, x_sq, centres).argmin(axis=1)
    inertia = float(((x - centres[labels]) ** 2).sum())
    return labels, centres, inertia, iterations, converged


def main(argv):
    entry = peer_common.Entry()  # first line of main
    opts = peer_common.parse_args(argv, "numpy_fit.py")
    if opts is None:
        return 0
    peer_common.limit_threads(opts.threads)
    import numpy as np

    state = {}

    def fit_one(x, k, seed):
        if "x_sq" not in state:  # per dataset, not per k
            state["x_sq"] = (x * x).sum(axis=1)
            state["tol_abs"] = peer_common.TOL * float(x.var(axis=0).mean())
        t0 = time.perf_counter()
        init = kmeans_plus_plus(np, x, state["x_sq"], k, SplitMix64(seed))
        t1 = time.perf_counter()
        labels, _, inertia, iterations, converged = lloyd(np, x, state["x_sq"], init, state["tol_abs"])
        t2 = time.perf_counter()
        return labels, {"iterations": iterations, "converged": converged, "inertia": inertia,
                        "seed_s": t1 - t0, "lloyd_s": t2 - t1}

    versions = {"python": "%d.%d.%d" % sys.version_info[:3], "numpy": np.__version__}
    return peer_common.run(PEER, opts, entry, fit_one, peer_common.ari, versions)


if __name__ == "__main__":
    sys.exit(peer_common.guarded(PEER, main, sys.argv[1:]))
