#!/usr/bin/env python3
"""The writeup's thin wrapper over scikit-learn, as a kmlab peer.

    sklearn_fit.py INPUT --k-max K --output FILE [--mode sweep|single] [--k-true K]
                   [--seed S] [--threads T] [--algorithm lloyd|elkan] [--json]

Every fit is KMeans(n_clusters=k, init='k-means++', n_init=1, algorithm=A,
tol=1e-4, max_iter=300, random_state=seed): one k-means++ start (scikit-learn's greedy
variant, 2 + ln k trials per centre), as the writeup held scikit-learn to a single start.
The seed is the same for every k (as kmlab's own fit command does).

--algorithm A: lloyd (default; the writeup's) or elkan (Elkan's triangle-inequality bounds,
scikit-learn's exact accelerated variant: the same seeding from the same seed, and Lloyd's
iterations with most distances skipped). The JSON names it as "algorithm". At k = 1 scikit-learn
runs lloyd whatever it is asked (with a warning); the peer asks for lloyd there, without one.

--threads T (T >= 1) sets OMP_NUM_THREADS / OPENBLAS_NUM_THREADS before scikit-learn is
imported; 0 = the libraries' default (all cores).

scikit-learn does not time seeding and Lloyd apart: each fit's whole time is lloyd_s,
seed_s is null; iterations = n_iter_, inertia = inertia_, converged = n_iter_ < max_iter.
"""

import sys
import time

import peer_common

PEER = "sklearn"
ALGORITHMS = ("lloyd", "elkan")  # scikit-learn's algorithm=, the default first


def main(argv):
    entry = peer_common.Entry()  # first line of main
    opts = peer_common.parse_args(argv, "sklearn_fit.py", ALGORITHMS)
    if opts is None:
        return 0
    peer_common.limit_threads(opts.threads)
    import numpy as np
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    def fit_one(x, k, seed):
        # scikit-learn turns elkan into lloyd for one cluster itself, and warns on stderr
        algorithm = "lloyd" if k == 1 else opts.algorithm
        model = KMeans(n_clusters=k, init="k-means++", n_init=1, algorithm=algorithm,
                       tol=peer_common.TOL, max_iter=peer_common.MAX_ITER,
                       random_state=seed % 2**32)
        t0 = time.perf_counter()
        model.fit(x)
        t1 = time.perf_counter()
        return model.labels_.astype(np.int64), {
            "iterations": int(model.n_iter_), "converged": bool(model.n_iter_ < peer_common.MAX_ITER),
            "inertia": float(model.inertia_), "seed_s": None, "lloyd_s": t1 - t0}

    versions = {"python": "%d.%d.%d" % sys.version_info[:3], "sklearn": sklearn.__version__,
                "numpy": np.__version__}
    return peer_common.run(PEER, opts, entry, fit_one, adjusted_rand_score, versions)


if __name__ == "__main__":
    sys.exit(peer_common.guarded(PEER, main, sys.argv[1:]))
