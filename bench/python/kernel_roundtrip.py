"""Times Jupyter kernels the way a front end talks to them, all in one run, interleaved so that
the machine's load falls on every kernel alike.

- start: a fresh kernel until its first kernel_info reply, and until its first execute_reply
  (the median of three starts of each kernel, taken in turn);
- round trip: execute_request of a trivial cell (a number, a new one each round) until both its
  execute_reply and its idle status have arrived, over DEALER/SUB sockets polled together (no
  client-side sleeps); the median of ROUNDS round trips per kernel, the kernels taking turns;
- a cell that uses a tensor once the notebook has imported its tensor library (tfjs for the
  TypeScript kernels, numpy for ipykernel): the same, for a heavier program to check;
- for TypeScript kernels, a loop of 10^7 iterations over a top-level `let` against the same loop
  inside a block (timed inside the kernel; the median of 11 interleaved pairs; 10^7 so that a
  loop lasts tens of milliseconds, well above the timer and scheduling noise of a shared machine).

usage: JUPYTER_PATH=... /usr/bin/python3 kernel_roundtrip.py ROUNDS NAME:LANGUAGE [NAME:LANGUAGE ...]
Prints one JSON object: {"kernels": {NAME: {figure: milliseconds or ratio}}}.
"""
import json
import re
import statistics
import sys
import time

import zmq
from jupyter_client.manager import KernelManager

TIMEOUT = 120
LOOP = 10_000_000
TOP = ("const loopStart = performance.now();\nlet loopSum = 0;\n"
       f"for (let i = 0; i < {LOOP}; i++) {{ loopSum += i; }}\nconsole.log(performance.now() - loopStart);")
BLOCK = ("{\n  const start = performance.now();\n  let sum = 0;\n"
         f"  for (let i = 0; i < {LOOP}; i++) {{ sum += i; }}\n  console.log(performance.now() - start);\n}}")
TENSOR_SETUP = {"typescript": 'import * as tf from "@tensorflow/tfjs";\nconst t = tf.zeros([2, 3]);',
                "python": "import numpy as np\nt = np.zeros((2, 3))"}
# Each round runs a new cell (a kernel may answer a cell it has just checked without checking it again).
TRIVIAL = "{i}"
TENSOR_CELL = {"typescript": "t.shape[0] + {i}", "python": "t.shape[0] + {i}"}


class Kernel:
    """A started kernel with its own shell (DEALER) and iopub (SUB) sockets on one poller."""

    def __init__(self, name, language):
        self.name, self.language = name, language
        self.km = KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        self.km.start_kernel()
        kc = self.km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=TIMEOUT)
        self.first_info_ms = (time.perf_counter() - t0) * 1000
        kc.stop_channels()
        self.session = kc.session
        info = self.km.get_connection_info()
        self.ctx = zmq.Context()
        self.shell = self.ctx.socket(zmq.DEALER)
        self.shell.linger = 0
        # A fresh routing identity: the client above used the session's, and a kernel's ROUTER
        # ignores a second connection with an identity it still holds.
        self.shell.connect(f"tcp://{info['ip']}:{info['shell_port']}")
        self.iopub = self.ctx.socket(zmq.SUB)
        self.iopub.linger = 0
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(f"tcp://{info['ip']}:{info['iopub_port']}")
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)
        time.sleep(0.2)  # let the SUB socket's subscription reach the kernel (a PUB kernel drops what it sends before)
        self.first_execute_ms = (time.perf_counter() - t0) * 1000 - 200 + self.execute("1")[0]

    def execute(self, code, timeout_s=TIMEOUT):
        """Runs code; returns (milliseconds until reply and idle, stdout text)."""
        t = time.perf_counter()
        msg = self.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        msg_id = msg["header"]["msg_id"]
        self.session.send(self.shell, msg)
        reply, idle, stdout = None, False, ""
        while reply is None or not idle:
            events = self.poller.poll(timeout_s * 1000)
            if not events:
                raise TimeoutError(f"{self.name}: no reply to {code!r} in {timeout_s} s")
            for sock, _ in events:
                _, frames = self.session.feed_identities(sock.recv_multipart())
                m = self.session.deserialize(frames)
                if m["parent_header"].get("msg_id") != msg_id:
                    continue
                if sock is self.shell:
                    reply = m
                elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    idle = True
                elif m["msg_type"] == "stream":
                    stdout += m["content"]["text"]
        ms = (time.perf_counter() - t) * 1000
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{self.name}: {code!r} failed: {reply['content']}")
        return ms, stdout

    def close(self):
        self.shell.close(0)
        self.iopub.close(0)
        self.ctx.term()
        self.km.shutdown_kernel(now=True)


def number(text):
    m = re.search(r"[-+]?\d+(\.\d+)?(e[-+]?\d+)?", text)
    return float(m.group(0)) if m else float("nan")


FAILED = {}


def interleaved(kernels, rounds, code_of):
    """Median round trip per kernel; a kernel that stops answering is left out from then on (and named in FAILED)."""
    times = {k.name: [] for k in kernels}
    for i in range(rounds):
        for k in kernels:
            if k.name in FAILED:
                continue
            try:
                times[k.name].append(k.execute(code_of(k).format(i=i), timeout_s=30)[0])
            except (TimeoutError, RuntimeError) as e:
                FAILED[k.name] = f"{e} (after {len(times[k.name])} round trips)"
    return {name: statistics.median(ts) for name, ts in times.items() if name not in FAILED}


def main():
    rounds = int(sys.argv[1])
    specs = [tuple(a.split(":", 1)) for a in sys.argv[2:]]
    out = {name: {} for name, _ in specs}
    starts = {name: ([], []) for name, _ in specs}
    for _ in range(3):
        for name, language in specs:
            k = Kernel(name, language)
            starts[name][0].append(k.first_info_ms)
            starts[name][1].append(k.first_execute_ms)
            k.close()
    for name, (info, first) in starts.items():
        out[name]["start_to_first_reply_ms"] = statistics.median(info)
        out[name]["start_to_first_execute_ms"] = statistics.median(first)
    kernels = [Kernel(name, language) for name, language in specs]
    try:
        for k in kernels:
            for _ in range(5):
                k.execute("1")
        for name, ms in interleaved(kernels, rounds, lambda k: TRIVIAL).items():
            out[name]["trivial_cell_median_ms"] = ms
        for k in kernels:
            if k.name in FAILED:
                continue
            k.execute(TENSOR_SETUP[k.language])
            for i in range(3):
                k.execute(TENSOR_CELL[k.language].format(i=-1 - i))
        for name, ms in interleaved(kernels, max(rounds // 4, 10), lambda k: TENSOR_CELL[k.language]).items():
            out[name]["tensor_cell_median_ms"] = ms
        ts_kernels = [k for k in kernels if k.language == "typescript" and k.name not in FAILED]
        loops = {k.name: ([], []) for k in ts_kernels}
        for _ in range(11):
            for k in ts_kernels:
                loops[k.name][0].append(number(k.execute(TOP)[1]))
                loops[k.name][1].append(number(k.execute(BLOCK)[1]))
        for name, (tops, blocks) in loops.items():
            out[name]["toplevel_loop_ms"] = statistics.median(tops)
            out[name]["block_loop_ms"] = statistics.median(blocks)
            out[name]["toplevel_over_block"] = out[name]["toplevel_loop_ms"] / max(out[name]["block_loop_ms"], 1e-6)
    finally:
        for k in kernels:
            k.close()
    print(json.dumps({"kernels": out, "failed": FAILED}))


if __name__ == "__main__":
    main()
