"""Baseline for bench/verifiers.ts: human-eval's way of checking code — one fresh process per
candidate (openai/human-eval, human_eval/execution.py `check_correctness`: a
multiprocessing.Process per program, joined with a timeout, many checked at once by a
ThreadPoolExecutor). Trivial passing candidates; prints one JSON line {"programs_per_s": …}.
Usage: python3 verifiers_humaneval.py N WORKERS
"""
import json, multiprocessing, sys, time
from concurrent.futures import ThreadPoolExecutor

def unsafe_execute(program, result):
    try:
        exec_globals = {}
        exec(program, exec_globals)
        result.append("passed")
    except BaseException as e:
        result.append("failed: " + str(e))

def check_correctness(program, timeout=3.0):
    # human-eval shares a Manager list; a Queue is the lighter equivalent for one result
    q = multiprocessing.Queue()
    def target(p=program):
        out = []
        unsafe_execute(p, out)
        q.put(out[0])
    proc = multiprocessing.Process(target=target)
    proc.start()
    proc.join(timeout=timeout + 1)
    if proc.is_alive():
        proc.kill()
        return "timed out"
    return q.get() if not q.empty() else "timed out"

def main():
    n, workers = int(sys.argv[1]), int(sys.argv[2])
    multiprocessing.set_start_method("fork")
    programs = [f"def add(a, b):\n    return a + b\nassert add({i}, 1) == {i + 1}\nassert add(2, 3) == 5\n" for i in range(n)]
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as ex:
        results = list(ex.map(check_correctness, programs))
    dt = time.perf_counter() - t
    passed = sum(r == "passed" for r in results)
    print(json.dumps({"programs_per_s": n / dt, "passed": passed, "n": n}))

if __name__ == "__main__":
    main()
