"""Runs the test bed's conformance suite against installed kernels, as `jupyter-kernel-test KERNEL…`
does (runtimed/kernel-testbed src/main.rs, `run_conformance_suite` in src/harness.rs).

usage: /usr/bin/python3 -m testbed KERNEL_NAME [KERNEL_NAME…] [--timeout MS] [--json]
(from tests/kernel/py; JUPYTER_PATH names where the kernelspecs are). Prints, per kernel, each
test's result and `passed/total` (pass and partial pass count as passed, as in the test bed's
`KernelReport::passed`); with --json, one JSON report per line instead.
"""
import json
import sys
import time
from datetime import datetime, timezone

from .harness import HarnessError, KernelUnderTest
from .tests import ALL_TESTS


def run_suite(kernel_name, timeout_s):
    started = time.monotonic()
    try:
        kernel = KernelUnderTest(kernel_name, timeout_s)
    except (HarnessError, Exception) as e:  # noqa: BLE001 - any start-up failure is the report
        return {"kernel_name": kernel_name, "implementation": "unknown", "protocol_version": "unknown",
                "startup_error": str(e), "results": [{"name": "kernel_startup", "category": "tier1_basic",
                "message_type": "kernel_info_request", "result": {"status": "fail", "reason": str(e), "kind": "protocol_error"}}],
                "timestamp": datetime.now(timezone.utc).isoformat(), "total_duration": round((time.monotonic() - started) * 1000)}
    results = []
    try:
        for name, category, description, message_type, run in ALL_TESTS:
            t = time.monotonic()
            result = run(kernel)
            results.append({"name": name, "category": category, "description": description, "message_type": message_type,
                            "result": result, "duration": round((time.monotonic() - t) * 1000)})
    finally:
        kernel.shutdown()
    info = kernel.kernel_info or {}
    return {"kernel_name": kernel_name, "language": info.get("language_info", {}).get("name", kernel.language),
            "implementation": info.get("implementation", ""), "protocol_version": info.get("protocol_version", ""),
            "results": results, "timestamp": datetime.now(timezone.utc).isoformat(),
            "total_duration": round((time.monotonic() - started) * 1000)}


def score(report):
    """(passed, total, full passes): KernelReport::passed counts pass and partial_pass."""
    rs = [r["result"]["status"] for r in report["results"]]
    return sum(s in ("pass", "partial_pass") for s in rs), len(rs), sum(s == "pass" for s in rs)


def main(argv):
    timeout_ms = 10000
    as_json = "--json" in argv
    names = []
    it = iter(a for a in argv if a != "--json")
    for a in it:
        if a == "--timeout":
            timeout_ms = int(next(it))
        else:
            names.append(a)
    if not names:
        print(__doc__, file=sys.stderr)
        return 2
    for name in names:
        report = run_suite(name, timeout_ms / 1000)
        passed, total, full = score(report)
        report["passed"], report["total"], report["full_passes"] = passed, total, full
        if as_json:
            print(json.dumps(report), flush=True)
            continue
        print(f"{name} ({report['implementation']}, protocol {report['protocol_version']})")
        for r in report["results"]:
            res = r["result"]
            why = res.get("reason") or res.get("notes") or ""
            print(f"  {res['status'].upper():13} {r['name']}{'  ' + why if why else ''}")
        print(f"  Completed: {passed}/{total} passed ({full} without reservation)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
