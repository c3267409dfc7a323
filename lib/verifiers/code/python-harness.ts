import { PYTHON_SANDBOX_CORE } from "./python-sandbox-core.js";

/**
 * The Python program that runs one candidate (`python3 -I -S -c HARNESS`, cwd a fresh temporary
 * directory, empty environment, under `prlimit`). It reads the job from stdin, installs the audit
 * hook of {@link PYTHON_SANDBOX_CORE}, runs the candidate and each test with the candidate's
 * prints captured (capped), and writes `nonce + JSON` on stdout. Audit hooks are defence in
 * depth, not a boundary on their own (PEP 578 says so): the OS limits from `prlimit` (no new
 * processes, address space, CPU seconds, file size) are the backstop.
 */
export const PYTHON_HARNESS = PYTHON_SANDBOX_CORE + String.raw`
import sys, json, io, os
job = json.loads(sys.stdin.readline())
nonce = job["nonce"]
real_stdout = sys.stdout
sys.stdout = sys.stderr = io.StringIO()
install_hook(os.getcwd())
result = run_candidate(job)
result["output"] = sys.stdout.getvalue()[:OUTPUT_CAP] if isinstance(sys.stdout, io.StringIO) else ""
real_stdout.write(nonce + json.dumps(result) + "\n")
real_stdout.flush()
os._exit(0)
`;
