"""Baselines for the pass^k and G-Pass@k cases of bench/rollouts.ts, run with Debian's python3.

Reads the (n, c, k, tau) quadruples the TypeScript side wrote (the same work on both sides) and
times, vectorised over all of them:
- pass^k = C(c, k) / C(n, k) with scipy.special.comb (floating point), as tau-bench's run.py
  defines it (there with math.comb in a Python loop);
- G-Pass@k_tau = scipy.stats.hypergeom.sf(m - 1, n, c, k), m = max(ceil(k·tau), 1), as
  open-compass/GPassK's lighteval_metric.py computes it.
Prints one JSON object: rates in triples/s, and the first values to cross-check.
"""
import json, sys, time
import numpy as np
from scipy.special import comb
from scipy.stats import hypergeom

raw = open(sys.argv[1], "rb").read()
N = int.from_bytes(raw[:4], "little")
n, c, k = (np.frombuffer(raw, dtype=np.int32, count=N, offset=4 + 4 * N * j).astype(np.int64) for j in range(3))
tau = np.frombuffer(raw, dtype=np.float64, count=N, offset=4 + 12 * N)
m = np.maximum(np.ceil(k * tau), 1).astype(np.int64)


def best_of(f, repeats):
    best, out = 1e9, None
    for _ in range(repeats):
        t = time.perf_counter(); out = f(); best = min(best, time.perf_counter() - t)
    return best, out


t_hat, hat = best_of(lambda: comb(c, k) / comb(n, k), 3)
t_g, g = best_of(lambda: hypergeom.sf(m - 1, n, c, k), 3)
print(json.dumps({"scipy_comb_per_s": N / t_hat, "scipy_hypergeom_per_s": N / t_g,
                  "check_pass_hat_k": [float(x) for x in hat[:5]], "check_g_pass_at_k": [float(x) for x in g[:5]]}))
