"""The test bed's 27 conformance tests (runtimed/kernel-testbed src/tests.rs, `all_tests()`), in
its order, with its pass criteria. Each returns a result as the test bed's `TestResult`
serializes: {"status": "pass" | "fail" | "unsupported" | "timeout" | "partial_pass", ...}.
"""
import uuid

from .harness import HarnessError

PASS = {"status": "pass"}
UNSUPPORTED = {"status": "unsupported"}


def fail(reason, kind=None):
    r = {"status": "fail", "reason": reason}
    if kind:
        r["kind"] = kind
    return r


def partial(score, notes):
    return {"status": "partial_pass", "score": score, "notes": notes}


def reply_status(reply):
    return reply["content"].get("status", "ok")  # `#[serde(default)] status` where the struct has one


# -- Tier 1: basic protocol ------------------------------------------------------------------------
def heartbeat_responds(k):
    try:
        k.heartbeat()
        return PASS
    except HarnessError as e:
        return fail(str(e), "timeout")


def iopub_welcome(k):
    if k.iopub_welcome_received:
        return PASS
    return partial(0.5, "No iopub_welcome received (kernel may use legacy PUB socket instead of XPUB)")


def kernel_info_reply_valid(k):
    if k.kernel_info is None:
        return fail("No kernel_info received", "timeout")
    status = k.kernel_info.get("status", "ok")
    return PASS if status == "ok" else fail(f"kernel_info status: {status}", "kernel_error")


def kernel_info_has_language_info(k):
    if k.kernel_info is None:
        return fail("No kernel_info received")
    return PASS if k.kernel_info["language_info"]["name"] else fail("language_info.name is empty")


def kernel_info_has_protocol_version(k):
    if k.kernel_info is None:
        return fail("No kernel_info received")
    return PASS if k.kernel_info["protocol_version"] else fail("protocol_version is empty")


def _stream_test(k, code, name, needle):
    try:
        _, iopub = k.execute_and_collect(code)
    except HarnessError as e:
        return fail(str(e))
    found = any(m["msg_type"] == "stream" and m["content"]["name"] == name and needle in m["content"]["text"] for m in iopub)
    return PASS if found else fail(f"No {name} containing '{needle}'")


def execute_stdout(k):
    return _stream_test(k, k.snippets["print_hello"], "stdout", "hello")


def execute_stderr(k):
    return _stream_test(k, k.snippets["print_stderr"], "stderr", "error")


def execute_reply_ok(k):
    try:
        reply, _ = k.execute_and_collect(k.snippets["complete_code"])
    except HarnessError as e:
        return fail(str(e), "harness_error")
    if reply["msg_type"] != "execute_reply":
        return fail(f"Expected execute_reply, got {reply['msg_type']}", "unexpected_message_type")
    status = reply_status(reply)
    return PASS if status == "ok" else fail(f"execute_reply status: {status}", "kernel_error")


def status_busy_idle_lifecycle(k):
    try:
        _, iopub = k.execute_and_collect(k.snippets["complete_code"])
    except HarnessError as e:
        return fail(str(e))
    states = [m["content"]["execution_state"] for m in iopub if m["msg_type"] == "status"]
    if "busy" in states and "idle" in states:
        return PASS if states.index("busy") < states.index("idle") else fail("idle came before busy")
    return fail(f"Missing status: busy={'busy' in states}, idle={'idle' in states}")


def _iopub_has(k, code, msg_type, otherwise):
    """Runs `code`; PASS when its iopub messages include one of `msg_type`, else `otherwise`."""
    try:
        _, iopub = k.execute_and_collect(code)
    except HarnessError as e:
        return fail(str(e))
    return PASS if any(m["msg_type"] == msg_type for m in iopub) else otherwise


def execute_input_broadcast(k):
    return _iopub_has(k, k.snippets["complete_code"], "execute_input", fail("No execute_input broadcast"))


def _control_status(k, msg_type, content):
    """A control request whose reply must have status ok (shutdown, interrupt)."""
    reply_type = msg_type.replace("_request", "_reply")
    try:
        reply = k.control_request(msg_type, content)
    except HarnessError as e:
        return fail(str(e))
    if reply["msg_type"] != reply_type:
        return fail(f"Expected {reply_type}, got {reply['msg_type']}")
    status = reply["content"]["status"]
    return PASS if status == "ok" else fail(f"{reply_type} status: {status}")


def shutdown_reply(k):
    return _control_status(k, "shutdown_request", {"restart": False})


# -- Tier 2: interactive features --------------------------------------------------------------------
def _simple_reply(k, msg_type, content, reply_type):
    """(reply, None), or (None, failure) when no reply of `reply_type` came."""
    try:
        reply = k.shell_request(msg_type, content)
    except HarnessError as e:
        return None, fail(str(e))
    if reply["msg_type"] != reply_type:
        return None, fail(f"Expected {reply_type}, got {reply['msg_type']}")
    return reply, None


def _setup(k, code):
    """Runs a test's set-up code, its outcome ignored (the test bed's `let _ = kernel.execute_and_collect(…)`)."""
    try:
        k.execute_and_collect(code)
    except HarnessError:
        pass


def complete_request(k):
    _setup(k, k.snippets["completion_setup"])
    prefix = k.snippets["completion_prefix"]
    reply, failure = _simple_reply(k, "complete_request", {"code": prefix, "cursor_pos": len(prefix)}, "complete_reply")
    if failure:
        return failure
    if reply_status(reply) == "error":
        return fail(f"complete_reply error: {reply['content'].get('evalue')}")
    return PASS


def inspect_request(k):
    _setup(k, k.snippets["completion_setup"])
    var = k.snippets["completion_var"]
    reply, failure = _simple_reply(k, "inspect_request", {"code": var, "cursor_pos": len(var), "detail_level": 0}, "inspect_reply")
    if failure:
        return failure
    status = reply_status(reply)
    return PASS if status == "ok" else fail(f"inspect_reply status: {status}")


def _is_complete(k, code, want):
    reply, failure = _simple_reply(k, "is_complete_request", {"code": code}, "is_complete_reply")
    if failure:
        return failure
    got = reply["content"]["status"]
    return PASS if got == want else partial(0.5, f"Expected '{want}', got {got}")


def is_complete_complete(k):
    return _is_complete(k, k.snippets["complete_code"], "complete")


def is_complete_incomplete(k):
    return _is_complete(k, k.snippets["incomplete_code"], "incomplete")


def history_request(k):
    _setup(k, k.snippets["complete_code"])
    reply, failure = _simple_reply(k, "history_request", {"hist_access_type": "tail", "n": 10, "output": False, "raw": True}, "history_reply")
    if failure:
        return failure
    status = reply["content"]["status"]
    return PASS if status == "ok" else fail(f"history_reply status: {status}")


def comm_info_request(k):
    reply, failure = _simple_reply(k, "comm_info_request", {"target_name": None}, "comm_info_reply")
    if failure:
        return failure
    status = reply_status(reply)
    return PASS if status == "ok" else fail(f"comm_info_reply status: {status}")


def error_handling(k):
    try:
        reply, iopub = k.execute_and_collect(k.snippets["syntax_error"])
    except HarnessError as e:
        return fail(str(e))
    reply_error = reply["msg_type"] == "execute_reply" and reply_status(reply) == "error"
    iopub_error = any(m["msg_type"] == "error" for m in iopub)
    return PASS if reply_error or iopub_error else fail("No error in reply or iopub")


# -- Tier 3: rich output -----------------------------------------------------------------------------
def display_data(k):
    return _iopub_has(k, k.snippets["display_data_code"], "display_data", UNSUPPORTED)


def update_display_data(k):
    code = k.snippets["update_display_data_code"]
    if "doesn't support" in code or "not available" in code or "varies" in code:
        return UNSUPPORTED
    try:
        _, iopub = k.execute_and_collect(code)
    except HarnessError as e:
        return fail(str(e))
    shown = any(m["msg_type"] == "display_data" for m in iopub)
    updated = any(m["msg_type"] == "update_display_data" for m in iopub)
    if shown and updated:
        return PASS
    return partial(0.5, "display_data received but no update_display_data") if shown else UNSUPPORTED


def execute_result(k):
    return _iopub_has(k, k.snippets["simple_expr"], "execute_result", fail("No execute_result on iopub"))


def rich_execute_result(k):
    code = k.snippets["rich_execute_result_code"]
    if "doesn't support" in code or "uses display_data" in code or "not available" in code:
        return UNSUPPORTED
    return _iopub_has(k, code, "execute_result", UNSUPPORTED)


# -- Tier 4: advanced features -----------------------------------------------------------------------
def stdin_input_request(k):
    code = k.snippets["input_prompt"]
    if "doesn't support" in code or "stdin varies" in code:
        return UNSUPPORTED
    try:
        reply, _, received = k.execute_with_stdin(code, '"test_input_42"')
    except HarnessError as e:
        return fail(str(e), "harness_error")
    if not received:
        return fail("No input_request received on stdin channel", "unexpected_content")
    if reply["msg_type"] != "execute_reply":
        return fail(f"Expected execute_reply, got {reply['msg_type']}", "unexpected_message_type")
    status = reply_status(reply)
    return PASS if status == "ok" else fail(f"execute_reply status: {status}", "kernel_error")


def comms_lifecycle(k):
    comm_id = f"test-comm-{uuid.uuid4()}"
    try:
        if k.send_comm_open(comm_id, "jupyter.kernel_testbed.test"):
            return PASS
        k.send_comm_close(comm_id)
        k.execute_and_collect(k.snippets["complete_code"])
        return PASS
    except HarnessError as e:
        return fail(f"Kernel unresponsive after comm: {e}", "harness_error")


def interrupt_request(k):
    return _control_status(k, "interrupt_request", {})


def execution_count_increments(k):
    try:
        r1, _ = k.execute_and_collect(k.snippets["complete_code"])
        r2, _ = k.execute_and_collect(k.snippets["complete_code"])
    except HarnessError as e:
        return fail(str(e))
    count = lambda r: r["content"].get("execution_count", 0) if r["msg_type"] == "execute_reply" else 0  # noqa: E731
    c1, c2 = count(r1), count(r2)
    return PASS if c2 > c1 else fail(f"Counts didn't increment: {c1} -> {c2}")


def parent_header_correlation(k):
    try:
        reply, iopub = k.execute_and_collect(k.snippets["print_hello"])
    except HarnessError as e:
        return fail(str(e))
    all_iopub = all(m["parent_header"] is not None for m in iopub)
    has_reply = reply["parent_header"] is not None
    return PASS if all_iopub and has_reply else fail(f"Missing parent_header: iopub={all_iopub}, reply={has_reply}")


T1, T2, T3, T4 = "tier1_basic", "tier2_interactive", "tier3_rich_output", "tier4_advanced"

# (name, tier, description, message_type, run) in all_tests() order; shutdown last.
ALL_TESTS = [
    ("heartbeat_responds", T1, "Kernel responds to heartbeat ping within timeout", "heartbeat", heartbeat_responds),
    ("iopub_welcome", T1, "Kernel sends iopub_welcome on XPUB subscription (JEP 65)", "iopub_welcome", iopub_welcome),
    ("kernel_info_reply_valid", T1, "Kernel returns valid kernel_info_reply with status ok", "kernel_info_request", kernel_info_reply_valid),
    ("kernel_info_has_language_info", T1, "kernel_info_reply contains non-empty language_info.name", "kernel_info_request", kernel_info_has_language_info),
    ("kernel_info_has_protocol_version", T1, "kernel_info_reply contains non-empty protocol_version", "kernel_info_request", kernel_info_has_protocol_version),
    ("execute_stdout", T1, "Execute code that prints produces stream message on stdout", "execute_request", execute_stdout),
    ("execute_stderr", T1, "Execute code that prints to stderr produces stream message", "stream", execute_stderr),
    ("execute_reply_ok", T1, "Execute valid code returns execute_reply with status ok", "execute_request", execute_reply_ok),
    ("status_busy_idle_lifecycle", T1, "Kernel broadcasts busy then idle status on iopub during execution", "status", status_busy_idle_lifecycle),
    ("execute_input_broadcast", T1, "Kernel broadcasts execute_input on iopub when executing", "execute_input", execute_input_broadcast),
    ("complete_request", T2, "Kernel responds to completion request with complete_reply", "complete_request", complete_request),
    ("inspect_request", T2, "Kernel responds to inspection request with inspect_reply", "inspect_request", inspect_request),
    ("is_complete_complete", T2, "Kernel correctly identifies complete code as 'complete'", "is_complete_request", is_complete_complete),
    ("is_complete_incomplete", T2, "Kernel correctly identifies incomplete code as 'incomplete'", "is_complete_request", is_complete_incomplete),
    ("history_request", T2, "Kernel responds to history request with history_reply", "history_request", history_request),
    ("comm_info_request", T2, "Kernel responds to comm_info request with comm_info_reply", "comm_info_request", comm_info_request),
    ("error_handling", T2, "Kernel properly reports errors for invalid syntax", "execute_request", error_handling),
    ("display_data", T3, "Kernel can produce display_data messages for rich output", "display_data", display_data),
    ("update_display_data", T3, "Kernel can update existing displays via update_display_data", "update_display_data", update_display_data),
    ("execute_result", T3, "Expression evaluation produces execute_result on iopub", "execute_result", execute_result),
    ("rich_execute_result", T3, "Expression evaluation produces execute_result with rich MIME types (HTML, images, etc.)", "execute_result", rich_execute_result),
    ("stdin_input_request", T4, "Kernel can request input from frontend via stdin channel", "input_request", stdin_input_request),
    ("comms_lifecycle", T4, "Kernel supports comm open/msg/close lifecycle", "comm_open", comms_lifecycle),
    ("interrupt_request", T4, "Kernel responds to interrupt request on control channel", "interrupt_request", interrupt_request),
    ("execution_count_increments", T4, "Execution count increments with each execute_request", "execute_request", execution_count_increments),
    ("parent_header_correlation", T4, "All response messages contain correct parent_header", "parent_header", parent_header_correlation),
    ("shutdown_reply", T1, "Kernel responds to shutdown request and terminates cleanly", "shutdown_request", shutdown_reply),
]
