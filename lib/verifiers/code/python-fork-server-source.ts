import { PYTHON_SANDBOX_CORE } from "./python-sandbox-core.js";

/**
 * The Python fork server (a "zygote"): a long-lived `python3 -I -S` with an empty environment
 * that never runs candidate code itself. For each job (one JSON line on stdin) it makes a fresh
 * temporary directory and forks; the child drops to per-candidate limits with setrlimit (address
 * space, CPU seconds, file size 1 MB, no new processes, no core files), moves into the directory,
 * sends its stdout/stderr to a file there (capped by the file-size limit), installs the audit
 * hook of PYTHON_SANDBOX_CORE, runs the candidate and its tests, and writes
 * its result to a pipe. The server waits with the wall-clock limit, SIGKILLs a child that
 * overruns, removes the directory, and answers one JSON line on stdout. Each candidate thus
 * runs in its own process forked from a clean interpreter — the isolation of a fresh process
 * without its start-up cost.
 */
export const PYTHON_FORK_SERVER = PYTHON_SANDBOX_CORE + String.raw`
import sys, os, json, io, select, signal, shutil, tempfile, resource, time
OUTPUT_CAP = OUTPUT_CAP_VALUE
out = sys.stdout

def run_child(job, tmp, w):
    os.setsid()
    mem = job["memoryMb"] * 1024 * 1024
    cpu = max(1, int(job["timeoutMs"] / 1000) + 1)
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024 * 1024, 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.chdir(tmp)
    fd = os.open(os.path.join(tmp, ".output"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1); os.dup2(fd, 2); os.close(fd)
    nul = os.open(os.devnull, os.O_RDONLY); os.dup2(nul, 0); os.close(nul)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", buffering=0), write_through=True)
    sys.stderr = sys.stdout
    os.environ.clear()
    install_hook(tmp)
    result = run_candidate(job)
    os.write(w, (json.dumps(result) + "\n").encode())
    os._exit(0)

for line in sys.stdin:
    job = json.loads(line)
    tmp = tempfile.mkdtemp(prefix="replab-py-")
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            run_child(job, tmp, w)
        finally:
            os._exit(70)
    os.close(w)
    deadline = time.monotonic() + job["timeoutMs"] / 1000
    data = b""
    killed = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            killed = True
            break
        ready, _, _ = select.select([r], [], [], left)
        if not ready:
            continue
        chunk = os.read(r, 65536)
        if not chunk:
            break
        data += chunk
        if len(data) > 1_000_000:
            break
    if killed:
        try:
            os.killpg(pid, signal.SIGKILL)
        except Exception:
            try: os.kill(pid, signal.SIGKILL)
            except Exception: pass
    _, status = os.waitpid(pid, 0)
    os.close(r)
    try:
        with open(os.path.join(tmp, ".output"), "rb") as f:
            output = f.read(OUTPUT_CAP).decode("utf-8", "replace")
        size = os.path.getsize(os.path.join(tmp, ".output"))
    except Exception:
        output, size = "", 0
    shutil.rmtree(tmp, ignore_errors=True)
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    reply = {"id": job["id"], "killed": killed, "signal": sig, "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None, "output": output, "outputBytes": size}
    try:
        reply["result"] = json.loads(data.decode().split("\n")[0]) if data else None
    except Exception:
        reply["result"] = None
    out.write(json.dumps(reply) + "\n")
    out.flush()
`;
