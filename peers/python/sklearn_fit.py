#!/usr/bin/env python3
"""The writeup's thin wrapper over scikit-learn, as a kmlab peer.

    sklearn_fit.py INPUT --k-max K --output FILE [--mode sweep|single] [--k-true K]
                   [--seed S] [--threads T] [--json]

Every fit is KMeans(n_clusters=k, init='k-means++', n_init=1, algorithm='lloyd',
tol=1e-4, max_iter=300, random_state=seed): one k-means++ start (scikit-learn's greedy
variant, 2 + ln k trials per centre), as the writeup held scikit-learn to a single start.
The seed is the same for every k (as kmlab's own fit command does).

--threads T (T >= 1) sets OMP_NUM_THREADS / OPENBLAS_NUM_THREADS before scikit-learn is
imported; 0 = the libraries' default (all cores).

scikit-learn does not time seeding and Lloyd apart: each fit's whole time is lloyd_s,
seed_s is null; iterations = n_iter_, inertia = inertia_, converged = n_iter_ < max_iter.
"""

import sys
import time

import peer_common

PEER = "sklearn"


def main(argv):
    entry = peer_common.Entry()  # first line of main
    opts = peer_common.parse_args(argv, "sklearn_fit.py")
    if opts is None:
        return 0
    peer_common.limit_threads(opts.threads)
    import numpy as np
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    def fit_one(x, k, seed):
        model = KMeans(n_clusters=k, init="k-means++", n_init=1, algorithm="lloyd",
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
