"""PyTorch baseline for bench/training.ts: SGD steps/s of an MLP 64-256-256-10 (ReLU, cross-entropy,
plain SGD) on the 8x8 digits, CPU, one thread. Usage: training.py BATCH [BATCH ...]; prints one JSON
object {"<batch>": steps per wall second, "<batch>/cpu": steps per CPU second, ...} as its last line
(CPU seconds of this process: robust when other work shares the machine). One thread: torch's own
pool, and OpenMP's and OpenBLAS's (Debian's torch calls OpenBLAS, whose pool ignores set_num_threads)."""
import csv, json, os, sys, time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
import torch

torch.set_num_threads(1)
here = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.reader(open(os.path.join(here, "../../datasets/optdigits-8x8.csv"))))
header, rows = rows[0], rows[1:]
label = header.index("label")
X = torch.tensor(np.array([[float(v) / 16 for j, v in enumerate(r) if j != label] for r in rows], dtype=np.float32))
Y = torch.tensor(np.array([int(r[label]) for r in rows]))
out = {}
for batch in [int(b) for b in sys.argv[1:]] or [32, 128]:
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    rs = np.random.RandomState(0)
    idx = [torch.tensor(rs.randint(0, len(Y), batch)) for _ in range(64)]
    def step(k):
        i = idx[k % 64]
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(X[i]), Y[i]).backward()
        opt.step()
    for k in range(100):
        step(k)
    best, best_cpu = 0.0, 0.0
    for rep in range(3):  # best of three one-second windows
        n, t0, c0 = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - t0 < 1.0:
            step(n); n += 1
        best = max(best, n / (time.perf_counter() - t0))
        best_cpu = max(best_cpu, n / max(time.process_time() - c0, 1e-9))
    out[str(batch)] = best
    out[str(batch) + "/cpu"] = best_cpu
print(json.dumps(out))
