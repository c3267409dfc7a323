/**
 * Python shared by both ways replab runs a Python candidate (one interpreter per candidate, and
 * a child forked from the fork server): `install_hook(tmp)` adds a PEP 578 audit hook that
 * refuses reading files outside `tmp` and the standard library, writing outside `tmp`, sockets,
 * subprocesses, fork/exec, ctypes, signals to other processes and environment changes; and
 * `run_candidate(job)` runs the code and each boolean test, returning the result dict.
 */
export const PYTHON_SANDBOX_CORE = String.raw`
import os as _os, sys as _sys
_AUDIT_PREFIXES = ("socket.", "subprocess.", "os.exec", "os.spawn", "os.posix_spawn", "ctypes.", "os.fork", "os.system", "os.kill", "os.putenv", "os.unsetenv", "shutil.", "os.remove", "os.rename", "os.rmdir", "os.chmod", "os.chown", "os.symlink", "os.link", "os.truncate", "os.chdir", "sys.setrecursionlimit", "mmap.")
_BLOCKED_IMPORTS = ("ctypes", "_ctypes", "_posixsubprocess", "socket", "_socket")

def install_hook(tmp):
    def hook(event, args, _tmp=_os.path.realpath(tmp), _lib=_os.path.realpath(_os.path.dirname(_os.__file__)), _rp=_os.path.realpath, _str=str):
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
        elif event.startswith(_AUDIT_PREFIXES):
            raise PermissionError("sandbox: " + event + " is not allowed")
        elif event == "import" and args[0] in _BLOCKED_IMPORTS:
            raise PermissionError("sandbox: import " + args[0] + " is not allowed")
    _sys.addaudithook(hook)

def run_candidate(job):
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
    return result
`;
