"""The test bed's harness (runtimed/kernel-testbed src/harness.rs, `KernelUnderTest`) over
jupyter_client: the same launch, the same connections and the same waits, so a kernel scores here
what it scores there.

- launch: a connection file with fresh TCP ports and an HMAC-SHA256 key, the kernelspec's command
  with stdout discarded, then 2 s before connecting; a kernel that has exited by then fails at start-up.
- shell and stdin are DEALER sockets sharing one identity (the session id), iopub a SUB socket
  subscribed to everything, control a DEALER, heartbeat a REQ.
- iopub_welcome (JEP 65): the first iopub message within 500 ms of connecting, if it is one.
- kernel_info: up to 3 requests (2 s apart) each waiting the per-test timeout for a reply that parses;
  when none does, the run is one failed `kernel_startup` record.
- every read goes through messages.read, which rejects what the Rust client cannot parse.
"""
import json
import subprocess
import time
import uuid

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

from . import messages

IOPUB_WELCOME_TIMEOUT = 0.5


class HarnessError(Exception):
    """A harness failure, with the test bed's wording: `Timeout waiting for X`, `Protocol error: X`."""

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}" if kind != "Timeout" else f"Timeout waiting for {detail}")
        self.kind = kind


class KernelUnderTest:
    def __init__(self, kernel_name, test_timeout):
        self.test_timeout = test_timeout
        self.km = KernelManager(kernel_name=kernel_name)
        self.km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.kernel_name = kernel_name
        self.language = self.km.kernel_spec.language
        time.sleep(2.0)
        if not self.km.is_alive():
            self.km.cleanup_resources()
            raise HarnessError("Kernel launch failed", "kernel process exited before connections could be established")
        info = self.km.get_connection_info()
        self.key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
        self.session_id = str(uuid.uuid4())
        self.session = Session(key=self.key, signature_scheme="hmac-sha256", session=self.session_id, username="runtimelib")
        self.ctx = zmq.Context()
        url = lambda port: f"tcp://{info['ip']}:{port}"  # noqa: E731

        def sock(kind, port, identity=None):
            s = self.ctx.socket(kind)
            s.linger = 0
            if identity is not None:
                s.setsockopt(zmq.IDENTITY, identity)
            s.connect(url(port))
            return s
        identity = self.session_id.encode()
        self.shell = sock(zmq.DEALER, info["shell_port"], identity)
        self.iopub = self.ctx.socket(zmq.SUB)
        self.iopub.linger = 0
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(url(info["iopub_port"]))
        self.control = sock(zmq.DEALER, info["control_port"])
        self.stdin = sock(zmq.DEALER, info["stdin_port"], identity)
        self.hb = sock(zmq.REQ, info["hb_port"])
        self.iopub_welcome_received = False
        try:
            first = self._read(self.iopub, IOPUB_WELCOME_TIMEOUT)
            self.iopub_welcome_received = first is not None and first["msg_type"] == "iopub_welcome"
        except messages.ParseError:
            self.iopub_welcome_received = False
        self.kernel_info = None
        self.snippets = snippets_for("python")
        try:
            self._fetch_kernel_info()
        except BaseException:
            self.shutdown()  # a kernel that failed at start-up is not left running
            raise

    # -- wire ---------------------------------------------------------------------------------
    def _read(self, socket, timeout):
        """One message within `timeout` seconds (None when none came); ParseError when it cannot be read."""
        if not socket.poll(int(timeout * 1000)):
            return None
        return messages.read(socket.recv_multipart(), self.key)

    def _send(self, socket, msg_type, content, parent=None):
        msg = self.session.msg(msg_type, content=content, parent=parent)
        self.session.send(socket, msg)
        return msg["header"]["msg_id"]

    def _reply(self, socket, what):
        try:
            r = self._read(socket, self.test_timeout)
        except messages.ParseError as e:
            raise HarnessError("Protocol error", str(e)) from None
        if r is None:
            raise HarnessError("Timeout", what)
        return r

    def _collect_until_idle(self, msg_id, what, also=None, poll=0.1):
        out = []
        start = time.monotonic()
        while True:
            if time.monotonic() - start > self.test_timeout:
                raise HarnessError("Timeout", what)
            if also is not None:
                also()
            try:
                m = self._read(self.iopub, poll)
            except messages.ParseError as e:
                raise HarnessError("Protocol error", str(e)) from None
            if m is None:
                continue
            parent = m["parent_header"]
            if parent is not None and parent.get("msg_id") == msg_id:
                out.append(m)
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    return out

    # -- what the tests call --------------------------------------------------------------------
    def _fetch_kernel_info(self):
        last = None
        for attempt in range(3):
            if attempt > 0:
                time.sleep(2.0)
            self._send(self.shell, "kernel_info_request", {})
            try:
                reply = self._read(self.shell, self.test_timeout)
            except messages.ParseError as e:
                last = HarnessError("Protocol error", str(e))
                continue
            if reply is None:
                last = HarnessError("Timeout", "kernel_info_reply")
                continue
            if reply["msg_type"] != "kernel_info_reply":
                raise HarnessError("Protocol error", f"Expected kernel_info_reply, got {reply['msg_type']}")
            self.kernel_info = reply["content"]
            self.snippets = snippets_for(reply["content"]["language_info"]["name"])
            return
        raise last

    def heartbeat(self):
        self.hb.send(b"ping")
        if not self.hb.poll(int(self.test_timeout * 1000)):
            raise HarnessError("Timeout", "heartbeat")
        self.hb.recv()

    def shell_request(self, msg_type, content):
        self._send(self.shell, msg_type, content)
        return self._reply(self.shell, "shell reply")

    def control_request(self, msg_type, content):
        self._send(self.control, msg_type, content)
        return self._reply(self.control, "control reply")

    def execute_and_collect(self, code):
        msg_id = self._send(self.shell, "execute_request", execute_content(code, allow_stdin=False))
        iopub = self._collect_until_idle(msg_id, "iopub idle")
        return self._reply(self.shell, "execute_reply"), iopub

    def execute_with_stdin(self, code, input_response):
        msg_id = self._send(self.shell, "execute_request", execute_content(code, allow_stdin=True))
        received = []

        def answer_stdin():
            try:
                m = self._read(self.stdin, 0.05)
            except messages.ParseError as e:
                print(f"stdin read error: {e}")
                return
            if m is not None and m["msg_type"] == "input_request":
                received.append(m)
                self._send(self.stdin, "input_reply", {"value": input_response, "status": "ok"}, parent=m["header"])
        iopub = self._collect_until_idle(msg_id, "iopub idle (stdin test)", also=answer_stdin, poll=0.05)
        return self._reply(self.shell, "execute_reply (stdin test)"), iopub, bool(received)

    def send_comm_open(self, comm_id, target_name):
        """True when the kernel rejects the comm with a comm_close on iopub within 500 ms."""
        self._send(self.shell, "comm_open", {"comm_id": comm_id, "target_name": target_name, "data": {}})
        start = time.monotonic()
        while time.monotonic() - start < 0.5:
            try:
                m = self._read(self.iopub, 0.1)
            except messages.ParseError:
                continue
            if m is not None and m["msg_type"] == "comm_close" and m["content"]["comm_id"] == comm_id:
                return True
        return False

    def send_comm_close(self, comm_id):
        self._send(self.shell, "comm_close", {"comm_id": comm_id, "data": {}})
        time.sleep(0.1)

    def shutdown(self):
        try:
            self.control_request("shutdown_request", {"restart": False})
        except HarnessError:
            pass
        time.sleep(0.5)
        try:
            self.km.shutdown_kernel(now=True)
        finally:
            for s in (self.shell, self.iopub, self.control, self.stdin, self.hb):
                s.close(0)
            self.ctx.term()


def execute_content(code, allow_stdin):
    # ExecuteRequest::new: silent false, store_history true, no user_expressions ({} on the wire), stop_on_error true.
    return {"code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": allow_stdin, "stop_on_error": True}


_SNIPPETS = None


def snippets_for(language):
    """LanguageSnippets::for_language: aliases, then the language, then `generic`."""
    global _SNIPPETS
    if _SNIPPETS is None:
        import os
        with open(os.path.join(os.path.dirname(__file__), "snippets.json"), encoding="utf-8") as f:
            _SNIPPETS = json.load(f)["languages"]
    lang = language.lower()
    canonical = {"python3": "python", "javascript": "typescript", "c++": "cpp"}.get(lang, lang)
    return _SNIPPETS.get(canonical, _SNIPPETS["generic"])
