"""Talks to the replab kernel over ZeroMQ with jupyter_client (KernelManager + blocking client)
and prints one JSON line per check: {"check": name, "ok": bool, "detail": ...}.

Run by tests/kernel/protocol.test.ts with JUPYTER_PATH pointing at a freshly installed
kernelspec (`replab install --prefix DIR`). Debian's /usr/bin/python3 (python3-jupyter-client).
"""
import json
import sys
import time
import traceback
from queue import Empty

from jupyter_client.manager import start_new_kernel
from jupyter_client.utils import run_sync

TIMEOUT = 90


def emit(check, ok, detail=None):
    print(json.dumps({"check": check, "ok": bool(ok), "detail": detail}, default=str), flush=True)


def run(kc, code, timeout=TIMEOUT):
    """Executes code; returns (reply content, [iopub messages for it, busy..idle])."""
    msg_id = kc.execute(code)
    return shell_reply(kc, msg_id, timeout)["content"], collect_iopub(kc, msg_id)


def collect_iopub(kc, msg_id, timeout=TIMEOUT):
    msgs = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=5)
        except Empty:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    return msgs


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    """The shell reply to msg_id (earlier replies still queued are skipped)."""
    while True:
        r = kc.get_shell_msg(timeout=timeout)
        if r["parent_header"].get("msg_id") == msg_id:
            return r


def of_type(msgs, t):
    return [m for m in msgs if m["msg_type"] == t]


def control_request(kc, msg_type, content):
    msg = kc.session.msg(msg_type, content)
    kc.control_channel.send(msg)
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        r = run_sync(kc.control_channel.get_msg)(timeout=TIMEOUT)
        if r["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return r
    raise TimeoutError(msg_type)


def check(name, fn):
    try:
        ok, detail = fn()
    except Exception:  # noqa: BLE001 - every failure becomes a failed check with its traceback
        ok, detail = False, traceback.format_exc()
    emit(name, ok, detail)


def main():
    km, kc = start_new_kernel(kernel_name="replab", startup_timeout=TIMEOUT)
    kc.wait_for_ready(timeout=TIMEOUT)
    try:
        def run_all_at_start():
            # sent at once while the kernel may still be loading: each cell is checked against the ones before it
            ids = [kc.execute(code) for code in ("let startA = 1;", "let startB: number = startA + 1;", "startA + startB")]
            replies = [shell_reply(kc, i)["content"] for i in ids]
            msgs = collect_iopub(kc, ids[-1])
            res = [q["content"]["data"]["text/plain"] for q in of_type(msgs, "execute_result")]
            return all(r["status"] == "ok" for r in replies) and res == ["3"], {"replies": replies, "result": res}
        check("run_all_at_start", run_all_at_start)

        def kernel_info():
            r = shell_reply(kc, kc.kernel_info())["content"]
            li = r["language_info"]
            ok = (r.get("status") == "ok" and r["protocol_version"] == "5.5" and li["name"] == "typescript"
                  and li["file_extension"] == ".ts" and li["mimetype"] == "text/typescript" and li["codemirror_mode"] == "typescript"
                  and "iopub_welcome" in r["supported_features"])
            return ok, r
        check("kernel_info", kernel_info)

        def execute_result():
            r1, m1 = run(kc, "1 + 2")
            r2, m2 = run(kc, "'a' + 'b'")
            res = of_type(m1, "execute_result")
            # text/plain is Node's util.inspect: a string shows quoted, so "3" and 3 differ
            res2 = of_type(m2, "execute_result")
            ok = (r1["status"] == "ok" and len(res) == 1 and res[0]["content"]["data"]["text/plain"] == "3"
                  and res2[0]["content"]["data"]["text/plain"] == "'ab'"
                  and r2["execution_count"] == r1["execution_count"] + 1
                  and res[0]["content"]["execution_count"] == r1["execution_count"]
                  and of_type(m1, "status")[0]["content"]["execution_state"] == "busy"
                  and of_type(m1, "execute_input")[0]["content"]["code"] == "1 + 2")
            return ok, {"reply": r1, "iopub": [m["msg_type"] for m in m1]}
        check("execute_result", execute_result)

        def stream():
            r, m = run(kc, 'console.log("hello", 1 + 1);\nconsole.error("oops")')
            outs = [(s["content"]["name"], s["content"]["text"]) for s in of_type(m, "stream")]
            return r["status"] == "ok" and ("stdout", "hello 2\n") in outs and ("stderr", "oops\n") in outs, outs
        check("stream", stream)

        def display_data():
            r, m = run(kc, 'display.html("<b>bold</b>");\nconst h = display("first", { id: true });\nh.update("second");')
            dd = of_type(m, "display_data")
            up = of_type(m, "update_display_data")
            ok = (r["status"] == "ok" and len(dd) == 2 and dd[0]["content"]["data"].get("text/html") == "<b>bold</b>"
                  and dd[1]["content"]["data"]["text/plain"] == "first" and len(up) == 1
                  and up[0]["content"]["data"]["text/plain"] == "second"
                  and up[0]["content"]["transient"]["display_id"] == dd[1]["content"]["transient"]["display_id"])
            return ok, [(x["msg_type"], x["content"]) for x in dd + up]
        check("display_data", display_data)

        def runtime_error():
            r, m = run(kc, 'const first = 1;\nconst second = 2;\nthrow new RangeError("boom on the third line");')
            err = of_type(m, "error")
            tb = "\n".join(err[0]["content"]["traceback"]) if err else ""
            ok = (r["status"] == "error" and r["ename"] == "RangeError" and len(err) == 1
                  and err[0]["content"]["evalue"] == "boom on the third line" and "line 3" in tb
                  and "dist/kernel" not in tb and "node:internal" not in tb)
            return ok, {"reply": r, "traceback": tb}
        check("runtime_error", runtime_error)

        def nested_error_line():
            r, m = run(kc, 'interface Box { v: number }\nfunction explode(b: Box): number {\n  if (b.v > 0) {\n    throw new Error("deep");\n  }\n  return b.v;\n}\nexplode({ v: 1 });')
            tb = "\n".join(r.get("traceback", []))
            return r["status"] == "error" and "explode" in tb and "line 4" in tb and "line 8" in tb, tb
        check("error_line_through_source_map", nested_error_line)

        def type_error():
            r, m = run(kc, 'const ok = 1;\nconst s: string = 5;')
            err = of_type(m, "error")
            ev = err[0]["content"]["evalue"] if err else ""
            return r["status"] == "error" and "2:7" in ev and "not assignable" in ev, ev
        check("type_error", type_error)

        def type_error_replab_api():
            r, m = run(kc, 'import { rng } from "replab/core";\nconst g = rng(3);\ng.notAMethod();')
            ev = r.get("evalue", "")
            return r["status"] == "error" and "notAMethod" in ev and "3:3" in ev, ev
        check("type_error_replab_api", type_error_replab_api)

        def redeclare():
            a, _ = run(kc, "let x = 1;")
            b, mb = run(kc, 'let x = "two";\nx')
            c, mc = run(kc, "let y = 5; y")
            d, md = run(kc, "let y = 5; y")
            res = lambda ms: [q["content"]["data"]["text/plain"] for q in of_type(ms, "execute_result")]
            ok = all(q["status"] == "ok" for q in (a, b, c, d)) and res(mb) == ["'two'"] and res(md) == ["5"]
            return ok, [a, b, c, d, res(mb), res(md)]
        check("toplevel_let_redeclaration", redeclare)

        def interrupt_control():
            run(kc, "let before = 41;")
            msg_id = kc.execute("while (true) {}")
            time.sleep(3)
            ir = control_request(kc, "interrupt_request", {})
            reply = shell_reply(kc, msg_id)
            collect_iopub(kc, msg_id)
            after, m = run(kc, "before + 1")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            ok = (ir["content"]["status"] == "ok" and reply["content"]["status"] == "error"
                  and reply["content"]["ename"] == "Interrupted" and after["status"] == "ok" and res == ["42"])
            return ok, {"interrupt": ir["content"], "reply": reply["content"], "after": res}
        check("interrupt_request_stops_while_true", interrupt_control)

        def interrupt_signal():
            run(kc, "let kept = 99;")
            msg_id = kc.execute("let spins = 0;\nwhile (true) { spins++; }")
            time.sleep(3)
            km.interrupt_kernel()  # interrupt_mode "signal": SIGINT to the kernel process
            reply = shell_reply(kc, msg_id)
            collect_iopub(kc, msg_id)
            after, m = run(kc, "kept + 1")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            ok = reply["content"]["status"] == "error" and after["status"] == "ok" and res == ["100"] and km.is_alive()
            return ok, {"reply": reply["content"], "after": res}
        check("sigint_stops_while_true", interrupt_signal)

        def sigint_while_idle():
            for _ in range(2):  # SIGINT at an idle kernel is not the end of it
                km.interrupt_kernel()
                time.sleep(0.5)
            after, m = run(kc, "kept + 2")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            return after["status"] == "ok" and res == ["101"] and km.is_alive(), {"after": after, "result": res}
        check("sigint_while_idle_keeps_kernel", sigint_while_idle)

        def sigint_spin_after_await():
            msg_id = kc.execute("await null;\nlet spinsAfterAwait = 0;\nwhile (true) { spinsAfterAwait++; }")
            time.sleep(3)
            km.interrupt_kernel()  # a bare SIGINT: the keeper thread sets the stop flag the loop checks
            reply = shell_reply(kc, msg_id)["content"]
            collect_iopub(kc, msg_id)
            after, m = run(kc, "kept + 3")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            return reply["status"] == "error" and reply["ename"] == "Interrupted" and res == ["102"], {"reply": reply, "after": res}
        check("sigint_stops_spin_after_await", sigint_spin_after_await)

        def interrupt_async():
            msg_id = kc.execute("await new Promise(() => {});")
            time.sleep(2)
            control_request(kc, "interrupt_request", {})
            reply = shell_reply(kc, msg_id)
            collect_iopub(kc, msg_id)
            after, m = run(kc, "kept")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            return reply["content"]["status"] == "error" and res == ["99"], {"reply": reply["content"], "after": res}
        check("interrupt_awaiting_cell", interrupt_async)

        def interrupt_spin_after_await():
            msg_id = kc.execute("await Promise.resolve();\nlet turns = 0;\nwhile (true) { turns++; }")
            time.sleep(3)
            control_request(kc, "interrupt_request", {})
            reply = shell_reply(kc, msg_id)
            collect_iopub(kc, msg_id)
            after, m = run(kc, "kept + 2")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            return reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted" and res == ["101"], {"reply": reply["content"], "after": res}
        check("interrupt_request_stops_spin_after_await", interrupt_spin_after_await)

        def late_throw_keeps_kernel():
            r, m = run(kc, 'setTimeout(() => { throw new Error("thrown later"); }, 10);\nPromise.reject(new Error("rejected later"));\n"scheduled"')
            time.sleep(1)
            after, m2 = run(kc, "kept * 2")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m2, "execute_result")]
            return r["status"] == "ok" and after["status"] == "ok" and res == ["198"] and km.is_alive(), [r, after, res]
        check("late_throw_keeps_kernel", late_throw_keeps_kernel)

        def stop_on_error_aborts_queue():
            # the first cell is still running when the second request arrives (it waits 0.5 s before failing)
            first = kc.execute('await new Promise((r) => setTimeout(r, 500));\nthrow new Error("first fails");')
            second = kc.execute("let neverSet = 1;")
            r1, r2 = shell_reply(kc, first), shell_reply(kc, second)
            collect_iopub(kc, second)
            after, m = run(kc, "kept")  # the kernel goes on with the next request
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            return r1["content"]["status"] == "error" and r2["content"]["status"] == "aborted" and res == ["99"], [r1["content"], r2["content"], res]
        check("stop_on_error_aborts_queued_cells", stop_on_error_aborts_queue)

        def is_complete():
            out = {}
            for code in ["let a = 1;", "function f() {", "let x = )"]:
                out[code] = shell_reply(kc, kc.is_complete(code))["content"]
            ok = (out["let a = 1;"]["status"] == "complete" and out["function f() {"]["status"] == "incomplete"
                  and out["function f() {"]["indent"] == "  " and out["let x = )"]["status"] == "invalid")
            return ok, out
        check("is_complete", is_complete)

        def complete():
            run(kc, "const longVariableName = 3;")
            code = "longVar"
            r = shell_reply(kc, kc.complete(code, len(code)))["content"]
            code2 = "Math.fl"
            r2 = shell_reply(kc, kc.complete(code2, len(code2)))["content"]
            ok = (r["status"] == "ok" and "longVariableName" in r["matches"] and r["cursor_start"] == 0 and r["cursor_end"] == 7
                  and "floor" in r2["matches"] and r2["cursor_start"] == 5)
            return ok, [r, r2]
        check("complete", complete)

        def inspect():
            run(kc, "const answer: number = 42;")
            r = shell_reply(kc, kc.inspect("answer", 6))["content"]
            text = r.get("data", {}).get("text/plain", "")
            return r["status"] == "ok" and r["found"] and "answer" in text and "number" in text, r
        check("inspect", inspect)

        def comm_info():
            r = shell_reply(kc, kc.comm_info())["content"]
            return r == {"status": "ok", "comms": {}}, r
        check("comm_info", comm_info)

        def environment_cell():
            r, m = run(kc, 'import { environment } from "replab/core";\nenvironment()')
            res = of_type(m, "execute_result")
            data = res[0]["content"]["data"] if res else {}
            return r["status"] == "ok" and "backend" in data.get("text/plain", "") and "text/html" in data, data
        check("environment_cell", environment_cell)

        def stdin_round_trip(code, answer, allow_stdin=True):
            """Runs code that asks for input; answers the input_request; returns (request, reply, iopub)."""
            msg_id = kc.execute(code, allow_stdin=allow_stdin)
            req = kc.get_stdin_msg(timeout=TIMEOUT)
            kc.input(answer)
            return req, shell_reply(kc, msg_id)["content"], collect_iopub(kc, msg_id)

        def stdin_prompt():
            req, reply, msgs = stdin_round_trip('const who = prompt("Your name?");\nwho.toUpperCase()', "ada")
            res = [q["content"]["data"]["text/plain"] for q in of_type(msgs, "execute_result")]
            ok = (req["msg_type"] == "input_request" and req["content"] == {"prompt": "Your name?", "password": False}
                  and reply["status"] == "ok" and res == ["'ADA'"])
            return ok, {"request": req["content"], "reply": reply, "result": res}
        check("stdin_prompt", stdin_prompt)

        def stdin_password():
            req, reply, msgs = stdin_round_trip('const token = await input({ prompt: "Token: ", password: true });\ntoken.length', "s3cret")
            res = [q["content"]["data"]["text/plain"] for q in of_type(msgs, "execute_result")]
            ok = req["content"] == {"prompt": "Token: ", "password": True} and reply["status"] == "ok" and res == ["6"]
            return ok, {"request": req["content"], "reply": reply, "result": res}
        check("stdin_password", stdin_password)

        def stdin_refused():
            run(kc, "let beforeRefusal = 7;")
            msg_id = kc.execute('const answer = prompt("Seed?");', allow_stdin=False)
            reply = shell_reply(kc, msg_id)["content"]
            collect_iopub(kc, msg_id)
            after, m = run(kc, "beforeRefusal * 6")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            ok = (reply["status"] == "error" and reply["ename"] == "ReplabError" and "allow_stdin false" in reply["evalue"]
                  and "replab run NOTEBOOK -p NAME VALUE" in reply["evalue"] and "\n" not in reply["evalue"] and res == ["42"])
            return ok, {"reply": reply, "after": res}
        check("stdin_refused_without_allow_stdin", stdin_refused)

        def stdin_interrupted():
            msg_id = kc.execute('const never = prompt("Waiting…");', allow_stdin=True)
            req = kc.get_stdin_msg(timeout=TIMEOUT)
            control_request(kc, "interrupt_request", {})
            reply = shell_reply(kc, msg_id)["content"]
            collect_iopub(kc, msg_id)
            after, m = run(kc, "beforeRefusal + 1")
            res = [q["content"]["data"]["text/plain"] for q in of_type(m, "execute_result")]
            return (req["msg_type"] == "input_request" and reply["status"] == "error" and reply["ename"] == "Interrupted"
                    and res == ["8"]), {"reply": reply, "after": res}
        check("stdin_interrupted", stdin_interrupted)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)

    for restart in (True, False):
        def shutdown(restart=restart):
            km2, kc2 = start_new_kernel(kernel_name="replab", startup_timeout=TIMEOUT)
            try:
                r = control_request(kc2, "shutdown_request", {"restart": restart})
                deadline = time.time() + 30
                while km2.is_alive() and time.time() < deadline:
                    time.sleep(0.2)
                return r["content"] == {"status": "ok", "restart": restart} and not km2.is_alive(), r["content"]
            finally:
                kc2.stop_channels()
                if km2.is_alive():
                    km2.shutdown_kernel(now=True)
        check(f"shutdown_restart_{str(restart).lower()}", shutdown)


if __name__ == "__main__":
    main()
    sys.exit(0)
