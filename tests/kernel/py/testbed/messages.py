"""How the test bed's Rust client (runtimed's `jupyter-protocol` and `runtimelib` crates) reads a
message off the wire, ported rule for rule so that a message it would reject fails here too.

Sources (the runtimed commit that runtimed/kernel-testbed's Cargo.lock pins,
4de02f844509c2bf39d4ad7d8b70d838baa365bd):
- crates/runtimelib/src/connection.rs `RawMessage::from_multipart` / `into_jupyter_message`:
  identities, `<IDS|MSG>`, HMAC-SHA256 over the four JSON parts, header parsed strictly,
  parent_header parsed leniently (a failure reads as "no parent"), content by msg_type.
- crates/jupyter-protocol/src/messaging.rs: the serde structs of every content type
  (`JupyterMessageContent::from_type_and_content`); unknown msg_types are accepted as-is.
- crates/jupyter-protocol/src/media/mod.rs `deserialize_media` and media/datatable.rs: MIME bundles.

Each `check_*` raises `ParseError` where serde would fail. Fields serde fills in by default may be
absent, but when present they must have the declared type (serde checks them either way).
"""
import hmac
import json
from datetime import datetime

DELIMITER = b"<IDS|MSG>"


class ParseError(Exception):
    """What runtimelib reports as a protocol error: the message cannot be read."""


def _fail(path, why):
    raise ParseError(f"{path}: {why}")


def _str(v, path):
    if not isinstance(v, str):
        _fail(path, f"expected a string, got {json.dumps(v)[:80]}")


def _bool(v, path):
    if not isinstance(v, bool):
        _fail(path, f"expected a boolean, got {json.dumps(v)[:80]}")


def _usize(v, path):
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        _fail(path, f"expected a non-negative integer, got {json.dumps(v)[:80]}")


def _i32(v, path):
    if isinstance(v, bool) or not isinstance(v, int) or not -2**31 <= v < 2**31:
        _fail(path, f"expected a 32-bit integer, got {json.dumps(v)[:80]}")


def _map(v, path):
    if not isinstance(v, dict):
        _fail(path, f"expected an object, got {json.dumps(v)[:80]}")


def _list(v, path, item):
    if not isinstance(v, list):
        _fail(path, f"expected an array, got {json.dumps(v)[:80]}")
    for i, x in enumerate(v):
        item(x, f"{path}[{i}]")


def _required(obj, key, check, path):
    if key not in obj:
        _fail(path, f"missing field `{key}`")
    check(obj[key], f"{path}.{key}")


def _default(obj, key, check, path):
    """A field with `#[serde(default)]`: may be absent; null is a type error unless the type is an Option."""
    if key in obj:
        check(obj[key], f"{path}.{key}")


def _option(check):
    def inner(v, path):
        if v is not None:
            check(v, path)
    return inner


def _enum(*names):
    def inner(v, path):
        if v not in names:
            _fail(path, f"unknown variant {json.dumps(v)[:80]}, expected one of {', '.join(names)}")
    return inner


_reply_status = _enum("ok", "error", "aborted")

TEXT_MEDIA = {"text/plain", "text/html", "text/latex", "application/javascript", "text/markdown",
              "image/svg+xml", "image/png", "image/jpeg", "image/gif"}
FIELD_TYPES = ("string", "number", "integer", "date", "time", "datetime", "year", "yearmonth",
               "boolean", "object", "geopoint", "geojson", "array", "duration", "any")


def _text(v, path):
    # value_to_text: a string, or an array whose string items are joined.
    if not isinstance(v, (str, list)):
        _fail(path, "invalid value for text-based media type")


def _dataresource(v, path):
    _map(v, path)
    _required(v, "schema", _map, path)
    _required(v["schema"], "fields", lambda fs, p: _list(fs, p, _field), f"{path}.schema")
    _default(v, "data", _option(lambda d, p: _list(d, p, lambda *_: None)), path)


def _field(v, path):
    _map(v, path)
    _required(v, "name", _str, path)
    _required(v, "type", _enum(*FIELD_TYPES), path)


def check_media(v, path):
    """deserialize_media: text types must be text, the data resource must be a table schema."""
    _map(v, path)
    for mime, value in v.items():
        if mime in TEXT_MEDIA:
            _text(value, f"{path}[{mime!r}]")
        elif mime == "application/vnd.dataresource+json":
            _dataresource(value, f"{path}[{mime!r}]")


def _media_or_null(v, path):
    if v is not None:
        check_media(v, path)


def _transient(v, path):
    _map(v, path)
    _default(v, "display_id", _option(_str), path)


def _help_link(v, path):
    _map(v, path)
    _required(v, "text", _str, path)
    _required(v, "url", _str, path)


def _codemirror_mode(v, path):
    # `#[serde(untagged)] enum CodeMirrorMode { Simple(String), CustomMode { name: String, version: usize } }`
    if isinstance(v, str):
        return
    if isinstance(v, dict) and isinstance(v.get("name"), str) and not isinstance(v.get("version"), bool) \
            and isinstance(v.get("version"), int) and v["version"] >= 0:
        return
    _fail(path, f"data did not match any variant of untagged enum CodeMirrorMode: {json.dumps(v)[:120]}")


def _language_info(v, path):
    _map(v, path)
    _required(v, "name", _str, path)
    _required(v, "version", _str, path)
    for key in ("mimetype", "file_extension", "pygments_lexer", "nbconvert_exporter"):
        _default(v, key, _option(_str), path)
    _default(v, "codemirror_mode", _option(_codemirror_mode), path)


def _payload(v, path):
    _map(v, path)
    source = v.get("source")
    fields = {"page": [("data", check_media), ("start", _usize)],
              "set_next_input": [("text", _str), ("replace", _bool)],
              "edit_magic": [("filename", _str), ("line_number", _usize)],
              "ask_exit": [("keepkernel", _bool)]}
    if source not in fields:
        _fail(f"{path}.source", f"unknown payload source {json.dumps(source)}")
    for key, check in fields[source]:
        _required(v, key, check, path)


def _expression_result(v, path):
    _map(v, path)
    status = v.get("status")
    if status == "ok":
        _required(v, "data", check_media, path)
        _default(v, "metadata", _map, path)
    elif status == "error":
        _required(v, "ename", _str, path)
        _required(v, "evalue", _str, path)
        _required(v, "traceback", lambda t, p: _list(t, p, _str), path)
    else:
        _fail(f"{path}.status", f"unknown variant {json.dumps(status)}")


def _history_entry(v, path):
    # untagged: (usize, usize, String) or (usize, usize, (String, String))
    ok = isinstance(v, list) and len(v) == 3 and all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in v[:2]) \
        and (isinstance(v[2], str) or (isinstance(v[2], list) and len(v[2]) == 2 and all(isinstance(s, str) for s in v[2])))
    if not ok:
        _fail(path, "data did not match any variant of untagged enum HistoryEntry")


def _user_expressions(v, path):
    if v is None:
        return
    _map(v, path)
    for k, r in v.items():
        _expression_result(r, f"{path}[{k!r}]")


def _strings(v, path):
    _list(v, path, _str)


def _comms(v, path):
    _map(v, path)
    for k, info in v.items():
        _map(info, f"{path}[{k!r}]")
        _required(info, "target_name", _str, f"{path}[{k!r}]")


# msg_type -> [(field, required?, check)]: the struct each content deserializes into.
R, D = True, False
CONTENT = {
    "clear_output": [("wait", R, _bool)],
    "comm_close": [("comm_id", R, _str), ("data", R, _map)],
    "comm_msg": [("comm_id", R, _str), ("data", R, _map)],
    "comm_open": [("comm_id", R, _str), ("target_name", R, _str), ("data", R, _map), ("target_module", D, _option(_str))],
    "comm_info_reply": [("status", D, _reply_status), ("comms", D, _comms)],
    "complete_reply": [("matches", D, _strings), ("cursor_start", D, _usize), ("cursor_end", D, _usize),
                       ("metadata", D, _map), ("status", D, _reply_status)],
    "display_data": [("data", R, check_media), ("metadata", R, _map), ("transient", D, _option(_transient))],
    "error": [("ename", R, _str), ("evalue", R, _str), ("traceback", R, _strings)],
    "execute_input": [("code", R, _str), ("execution_count", R, _usize)],
    "execute_reply": [("status", D, _reply_status), ("execution_count", D, _usize),
                      ("payload", D, lambda v, p: _list(v, p, _payload)), ("user_expressions", D, _user_expressions)],
    "execute_result": [("execution_count", R, _usize), ("data", R, check_media), ("metadata", D, _map),
                       ("transient", D, _option(_transient))],
    "history_reply": [("history", R, lambda v, p: _list(v, p, _history_entry)), ("status", R, _reply_status)],
    "input_request": [("prompt", R, _str), ("password", R, _bool)],
    "inspect_reply": [("found", D, _bool), ("data", D, _media_or_null), ("metadata", D, _option(_map)),
                      ("status", D, _reply_status)],
    "interrupt_reply": [("status", R, _reply_status)],
    "iopub_welcome": [("subscription", R, _str)],
    "is_complete_reply": [("status", R, _enum("incomplete", "complete", "invalid", "unknown")), ("indent", D, _str)],
    "kernel_info_reply": [("status", D, _reply_status), ("protocol_version", R, _str), ("implementation", D, _str),
                          ("implementation_version", D, _str), ("language_info", R, _language_info),
                          ("banner", D, _str), ("help_links", D, lambda v, p: _list(v, p, _help_link)),
                          ("debugger", D, _bool)],
    "shutdown_reply": [("restart", R, _bool), ("status", R, _reply_status)],
    "status": [("execution_state", R, _str)],
    "stream": [("name", R, _enum("stdout", "stderr")), ("text", R, _str)],
    "update_display_data": [("data", R, check_media), ("metadata", D, _map), ("transient", R, _transient)],
}


def check_content(msg_type, content):
    """`JupyterMessageContent::from_type_and_content`: the content must fit its msg_type's struct."""
    fields = CONTENT.get(msg_type)
    if fields is None:
        return  # UnknownMessage: any content
    path = msg_type
    _map(content, path)
    for key, required, check in fields:
        (_required if required else _default)(content, key, check, path)


def _date(v, path):
    # chrono DateTime<Utc> from an RFC 3339 string (an offset is required); absent or null: the epoch.
    if v is None:
        return
    _str(v, path)
    text = v.replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        _fail(path, f"invalid RFC 3339 date {v!r}")
    if parsed.tzinfo is None:
        _fail(path, f"RFC 3339 date without an offset {v!r}")


def check_header(h, path="header"):
    _map(h, path)
    for key in ("msg_id", "username", "session", "msg_type", "version"):
        _required(h, key, _str, path)
    _default(h, "date", _date, path)


def parent_or_none(p):
    """runtimelib: `serde_json::from_slice(parent_header).ok()` — a header, or None when it does not parse."""
    try:
        check_header(p, "parent_header")
        return p
    except ParseError:
        return None


def read(frames, key):
    """RawMessage::from_multipart + into_jupyter_message. Returns {header, parent_header, metadata,
    content, buffers, msg_type}; raises ParseError where runtimelib returns an error."""
    try:
        d = frames.index(DELIMITER)
    except ValueError:
        raise ParseError("missing <IDS|MSG> delimiter") from None
    if d + 1 >= len(frames):
        raise ParseError("missing HMAC")
    signature = frames[d + 1]
    parts = frames[d + 2:]
    if key:
        if len(parts) < 4:
            raise ParseError(f"insufficient message parts ({len(parts)})")
        try:
            expected = bytes.fromhex(signature.decode("ascii"))
        except ValueError:
            raise ParseError("HMAC is not lowercase hex") from None
        mac = hmac.new(key, b"".join(parts[:4]), "sha256").digest()
        if not hmac.compare_digest(mac, expected):
            raise ParseError("HMAC verification failed")
    if len(parts) < 4:
        raise ParseError(f"insufficient message parts ({len(parts)})")
    try:
        header = json.loads(parts[0])
        content = json.loads(parts[3])
    except ValueError as e:
        raise ParseError(f"invalid JSON: {e}") from None
    check_header(header)
    check_content(header["msg_type"], content)
    try:
        parent = parent_or_none(json.loads(parts[1]))
    except ValueError:
        parent = None
    try:
        metadata = json.loads(parts[2])
    except ValueError as e:
        raise ParseError(f"invalid metadata JSON: {e}") from None
    return {"header": header, "msg_type": header["msg_type"], "parent_header": parent,
            "metadata": metadata, "content": content, "buffers": parts[4:]}
