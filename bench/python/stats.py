"""Baselines for bench/stats.ts: scikit-learn roc_auc_score and scipy ks_2samp on the same data.

Usage: /usr/bin/python3 bench/python/stats.py FILE
FILE: uint32 header length, JSON header {"sizes": [...]}, then for each size n: n float64 scores,
n uint8 labels, n float64 sample a, n float64 sample b. Prints one JSON object of seconds (median of
3) per case, keyed "auc_<n>" and "ks_<n>", plus the values for a cross-check.
"""
import json, sys, time
import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score

raw = open(sys.argv[1], "rb").read()
hlen = int.from_bytes(raw[:4], "little")
meta = json.loads(raw[4:4 + hlen])
off = 4 + hlen
out = {}
for n in meta["sizes"]:
    s = np.frombuffer(raw, dtype=np.float64, count=n, offset=off); off += 8 * n
    y = np.frombuffer(raw, dtype=np.uint8, count=n, offset=off); off += n
    a = np.frombuffer(raw, dtype=np.float64, count=n, offset=off); off += 8 * n
    b = np.frombuffer(raw, dtype=np.float64, count=n, offset=off); off += 8 * n
    for name, fn in [("auc", lambda: roc_auc_score(y, s)), ("ks", lambda: stats.ks_2samp(a, b))]:
        times = []
        for _ in range(3):
            t = time.perf_counter(); v = fn(); times.append(time.perf_counter() - t)
        out[f"{name}_{n}"] = float(np.median(times))
        out[f"{name}_{n}_value"] = float(v if name == "auc" else v.pvalue)
print(json.dumps(out))
