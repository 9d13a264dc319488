#!/usr/bin/python3
"""Makes the scikit-learn fixtures the Lloyd tests compare against; the tests themselves need no Python.

Run with Debian's python3 and python3-sklearn (apt-get install python3-sklearn):
    /usr/bin/python3 make_fixtures.py
Each fixture is one JSON file: the data X, the initial centres, and what
KMeans(init=<centres>, n_init=1, algorithm='lloyd') ends with: centres, labels, iterations, inertia.
Floats are written with repr, so they round-trip exactly.
"""
import json

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs


def fixture(name, X, init, note):
    km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300)
    km.fit(X)
    out = {
        "note": note,
        "sklearn_version": sklearn.__version__,
        "X": X.tolist(),
        "init": init.tolist(),
        "centers": km.cluster_centers_.tolist(),
        "labels": km.labels_.tolist(),
        "n_iter": int(km.n_iter_),
        "inertia": float(km.inertia_),
    }
    with open(name + ".json", "w") as f:
        json.dump(out, f)
    print(name, X.shape, "k =", init.shape[0], "n_iter =", km.n_iter_)


# Well-separated blobs, started from the first k rows: converges on unchanged labels.
X, _ = make_blobs(n_samples=300, n_features=2, centers=3, random_state=1)
fixture("blobs_2d_k3", X, X[:3].copy(), "separated blobs, init = first 3 rows")

# Overlapping blobs in 5-D: several iterations, ends on the tolerance or on labels.
X, _ = make_blobs(n_samples=500, n_features=5, centers=6, cluster_std=3.0, random_state=7)
fixture("overlap_5d_k6", X, X[10:16].copy(), "overlapping blobs, init = rows 10..15")

# A centre far from all the data gets no point in the first pass: empty-cluster relocation.
X, _ = make_blobs(n_samples=200, n_features=3, centers=4, random_state=3)
init = np.vstack([X[:3], [[1000.0, 1000.0, 1000.0]]])
fixture("empty_cluster_3d_k4", X, init, "4th initial centre far away: relocated to the farthest point")

# Uniform noise, no structure, k = 8: many iterations.
rng = np.random.RandomState(5)
X = rng.uniform(-1, 1, size=(400, 4))
fixture("uniform_4d_k8", X, X[::50].copy(), "uniform noise, init = every 50th row")
