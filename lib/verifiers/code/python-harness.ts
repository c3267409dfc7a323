/**
 * The Python program that runs one candidate (`python3 -I -S -c HARNESS`, cwd a fresh temporary
 * directory, empty environment, under `prlimit`). It reads the job from stdin, installs a
 * PEP 578 audit hook that refuses file access outside the temporary directory and the standard
 * library (reads) or outside the temporary directory (writes), sockets, subprocesses, fork/exec
 * and ctypes, then runs the candidate and each test, and writes `nonce + JSON` on stdout.
 * Audit hooks are defence in depth, not a boundary on their own (PEP 578 says so): the OS limits
 * from `prlimit` (no new processes, address space, CPU seconds, file size) are the backstop.
 */
export const PYTHON_HARNESS = String.raw`
import sys, json, io, os
job = json.loads(sys.stdin.readline())
nonce = job["nonce"]
real_stdout = sys.stdout
sys.stdout = sys.stderr = io.StringIO()
tmp = os.path.realpath(os.getcwd())
stdlib = os.path.realpath(os.path.dirname(os.__file__))
def _hook(event, args, _tmp=tmp, _lib=stdlib, _rp=os.path.realpath, _str=str):
    if event == "open":
        path, mode = args[0], args[1]
        if isinstance(path, int):
            return
        p = _rp(_str(path))
        writing = mode is not None and any(c in _str(mode) for c in "wax+")
        inside = p == _tmp or p.startswith(_tmp + "/")
        if writing and not inside:
            raise PermissionError("sandbox: writing outside the working directory is not allowed")
        if not inside and not (p == _lib or p.startswith(_lib + "/")):
            raise PermissionError("sandbox: reading " + p + " is not allowed")
    elif event.startswith(("socket.", "subprocess.", "os.exec", "os.spawn", "os.posix_spawn", "ctypes.", "os.fork", "os.system", "os.kill", "os.putenv", "os.unsetenv", "shutil.", "os.remove", "os.rename", "os.rmdir", "os.chmod", "os.chown", "os.symlink", "os.link", "os.truncate", "os.chdir", "winreg.", "sys.setrecursionlimit", "mmap.")):
        raise PermissionError("sandbox: " + event + " is not allowed")
    elif event == "import" and args[0] in ("ctypes", "_ctypes", "_posixsubprocess", "socket", "_socket"):
        raise PermissionError("sandbox: import " + args[0] + " is not allowed")
sys.addaudithook(_hook)
result = {"loaded": True, "tests": [], "error": None, "memory": False}
ns = {"__name__": "__candidate__"}
try:
    exec(compile(job["code"], "candidate.py", "exec"), ns)
except MemoryError:
    result["loaded"] = False; result["memory"] = True; result["error"] = "MemoryError"
except BaseException as e:
    result["loaded"] = False; result["error"] = (type(e).__name__ + ": " + str(e))[:500]
if result["loaded"]:
    for test in job["tests"]:
        ok, err = False, None
        try:
            value = eval(compile(test, "test.py", "eval"), ns)
            ok = value is True
            if not ok:
                err = "returned " + ("False" if value is False else type(value).__name__)
        except MemoryError:
            result["memory"] = True; err = "MemoryError"
        except BaseException as e:
            err = (type(e).__name__ + ": " + str(e))[:300]
        result["tests"].append({"ok": ok, "error": err})
out = sys.stdout.getvalue()[:OUTPUT_CAP] if isinstance(sys.stdout, io.StringIO) else ""
result["output"] = out
real_stdout.write(nonce + json.dumps(result) + "\n")
real_stdout.flush()
os._exit(0)
`;
