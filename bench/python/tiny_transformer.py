"""PyTorch baseline for bench/rollouts.ts: sampling tokens/s of replab's TinyTransformerLM with a
KV cache, re-implemented in PyTorch (CPU, one thread) on the same weights, prompt and settings.
Usage: tiny_transformer.py WEIGHTS.bin; the file holds a 4-byte length, a JSON header
{V, D, layers, T, prompt: [ids], n, maxTokens, temperature, repeats} and the float32 parameters
in TinyTransformerLM.params() order: E [V, D], P [T, D], per layer Wq, Wk, Wv, Wo [D, D],
W1 [D, 4D], b1 [4D], W2 [4D, D], b2 [D], then Wout [D, V], bout [V]. The model: token + position embeddings; per layer
pre-RMSNorm without gain (x / sqrt(mean(x^2) + 1e-5)), single-head causal attention with the
keys and values of earlier positions cached, output projection, residual; pre-RMSNorm, ReLU MLP
of width 4D with biases, residual; final RMSNorm and output layer. Each completion feeds the
prompt one token at a time through the cache (as replab does), then samples up to maxTokens
(token 0 ends a completion): greedy at temperature 0, else softmax(z / T) with torch.multinomial,
recording each token's log-probability and the distribution's entropy as replab does.
Prints one JSON object last: tokens per wall second and per CPU second (best of `repeats`), and
the greedy completions' token ids (for checking that both sides did the same work)."""
import json, os, sys, time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
import torch

torch.set_num_threads(1)
raw = open(sys.argv[1], "rb").read()
meta_len = int.from_bytes(raw[:4], "little")
meta = json.loads(raw[4:4 + meta_len])
flat = np.frombuffer(raw, dtype=np.float32, offset=4 + meta_len)
V, D, L, T = meta["V"], meta["D"], meta["layers"], meta["T"]
shapes = [[V, D], [T, D]] + [[D, D], [D, D], [D, D], [D, D], [D, 4 * D], [4 * D], [4 * D, D], [D]] * L + [[D, V], [V]]
params, off = [], 0
for shape in shapes:
    size = int(np.prod(shape))
    params.append(torch.from_numpy(flat[off:off + size].copy()).reshape(shape))
    off += size
assert off == len(flat), "the weights file does not match the sizes in its header"
E, P = params[0], params[1]
layers = [params[2 + 8 * l: 10 + 8 * l] for l in range(L)]
Wout, bout = params[2 + 8 * L], params[3 + 8 * L]
scale = 1.0 / D ** 0.5


def rms(x):
    return x / torch.sqrt(torch.mean(x * x) + 1e-5)


def step(tok, t, K, Vc):
    """One position through the network with the KV cache (K, Vc: per layer [T, D] buffers)."""
    x = E[tok] + P[t]
    for l, (Wq, Wk, Wv, Wo, W1, b1, W2, b2) in enumerate(layers):
        h = rms(x)
        q = h @ Wq
        K[l][t] = h @ Wk
        Vc[l][t] = h @ Wv
        att = torch.softmax(K[l][:t + 1] @ q * scale, 0)
        x = x + (att @ Vc[l][:t + 1]) @ Wo
        x = x + torch.relu(rms(x) @ W1 + b1) @ W2 + b2
    return rms(x) @ Wout + bout


def sample(prompt, n, max_tokens, temperature, gen):
    out, tokens = [], 0
    for _ in range(n):
        K = [torch.zeros(T, D) for _ in range(L)]
        Vc = [torch.zeros(T, D) for _ in range(L)]
        ids = list(prompt)
        for t, tok in enumerate(ids):
            logits = step(tok, t, K, Vc)
        completion, lps, ents = [], [], []
        for s in range(max_tokens):
            if temperature == 0:
                tok = int(torch.argmax(logits))
                lp, ent = 0.0, 0.0
            else:
                p = torch.softmax(logits / temperature, 0)
                tok = int(torch.multinomial(p, 1, generator=gen))
                logp = torch.log(p)
                lp, ent = float(logp[tok]), float(-(p * logp).sum())
            tokens += 1
            if tok == 0:
                break
            completion.append(tok); lps.append(lp); ents.append(ent)
            ids.append(tok)
            if s == max_tokens - 1:
                break
            logits = step(tok, len(ids) - 1, K, Vc)
        out.append(completion)
    return out, tokens


with torch.no_grad():
    gen = torch.Generator().manual_seed(0)
    sample(meta["prompt"], 2, meta["maxTokens"], meta["temperature"], gen)  # warm-up
    best, best_cpu, completions = 0.0, 0.0, None
    for rep in range(meta["repeats"]):
        t0, c0 = time.perf_counter(), time.process_time()
        completions, tokens = sample(meta["prompt"], meta["n"], meta["maxTokens"], meta["temperature"], gen)
        best = max(best, tokens / (time.perf_counter() - t0))
        best_cpu = max(best_cpu, tokens / max(time.process_time() - c0, 1e-9))
print(json.dumps({"tokens_per_s": best, "tokens_per_cpu_s": best_cpu, "completions": completions if meta["temperature"] == 0 else None}))
