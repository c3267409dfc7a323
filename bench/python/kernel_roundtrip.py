"""Times Jupyter kernels with jupyter_client, the way a front end talks to them: start until the
first kernel_info reply, the median round trip of a trivial cell (execute_request until the
execute_reply and the idle status), and — for TypeScript kernels — a loop of 10^6 iterations over
a top-level `let` against the same loop inside a block (timed inside the kernel).

usage: JUPYTER_PATH=... /usr/bin/python3 kernel_roundtrip.py KERNEL_NAME LANGUAGE [ROUNDS]
Prints one JSON object (milliseconds)."""
import json
import re
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 120


def execute(kc, code):
    """Runs code; returns (wall seconds until reply + idle, execute_result text, stdout text)."""
    t = time.perf_counter()
    msg_id = kc.execute(code)
    reply = None
    idle = False
    result, stdout = "", ""
    while reply is None or not idle:
        if reply is None:
            try:
                r = kc.get_shell_msg(timeout=0.001)
                if r["parent_header"].get("msg_id") == msg_id:
                    reply = r
            except Exception:  # noqa: BLE001 - queue.Empty: keep polling iopub
                pass
        try:
            m = kc.get_iopub_msg(timeout=0.001)
        except Exception:  # noqa: BLE001
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "execute_result":
            result = m["content"]["data"].get("text/plain", "")
        elif m["msg_type"] == "stream":
            stdout += m["content"]["text"]
        elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            idle = True
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{code!r} failed: {reply['content']}")
    return time.perf_counter() - t, result, stdout


def number(text):
    m = re.search(r"[-+]?\d+(\.\d+)?(e[-+]?\d+)?", text)
    return float(m.group(0)) if m else float("nan")


def main():
    name, language = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    start_ms = (time.perf_counter() - t0) * 1000
    out = {"kernel": name, "start_to_first_reply_ms": start_ms}
    try:
        trivial = "1"
        for _ in range(3):  # warm up (the first cell pays for the type checker)
            execute(kc, trivial)
        times = [execute(kc, trivial)[0] * 1000 for _ in range(rounds)]
        out["trivial_cell_median_ms"] = statistics.median(times)
        if language == "typescript":
            top_code = ("const loopStart = performance.now();\nlet loopSum = 0;\n"
                        "for (let i = 0; i < 1000000; i++) { loopSum += i; }\nconsole.log(performance.now() - loopStart);")
            block_code = ("{\n  const start = performance.now();\n  let sum = 0;\n"
                          "  for (let i = 0; i < 1000000; i++) { sum += i; }\n  console.log(performance.now() - start);\n}")
            tops, blocks = [], []
            for _ in range(11):  # interleaved; the median of 11 (a 10^6 loop takes a few ms: tier-up noise)
                tops.append(number(execute(kc, top_code)[2]))
                blocks.append(number(execute(kc, block_code)[2]))
            out["toplevel_loop_ms"] = statistics.median(tops)
            out["block_loop_ms"] = statistics.median(blocks)
            out["toplevel_over_block"] = out["toplevel_loop_ms"] / max(out["block_loop_ms"], 1e-6)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
