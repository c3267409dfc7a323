"""The Jupyter project's kernel conformance harness (Debian python3-jupyter-kernel-test) run
against the replab kernel. Run by tests/kernel/conformance.test.ts as
`/usr/bin/python3 -m unittest test_conformance` with JUPYTER_PATH set to a fresh kernelspec."""
import unittest

import jupyter_kernel_test


class ReplabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "replab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("to stderr")'

    completion_samples = [
        {"text": "Math.flo", "matches": {"floor"}},
        {"text": "JSON.str", "matches": {"stringify"}},
    ]

    complete_code_samples = ["1", 'console.log("done")', "function f() { return 1; }"]
    incomplete_code_samples = ["function f() {", "const xs = [1,", "if (true) {"]
    invalid_code_samples = ["let x = )", "}"]

    code_generate_error = 'throw new Error("expected failure")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        # the last value's text/plain is Node's util.inspect, strings quoted (as Node's REPL, Deno and IPython show them)
        {"code": "'repl' + 'ab'", "result": "'replab'"},
        {"code": "const s: string = 'ab'; s + 'c'", "result": "'abc'"},
        {"code": 'display; ({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<i>x</i>" }) })', "mime": "text/html"},
    ]

    code_display_data = [
        {"code": 'display.html("<b>hi</b>")', "mime": "text/html"},
        {"code": 'display.markdown("**hi**")', "mime": "text/markdown"},
        {"code": 'display(123)', "mime": "text/plain"},
    ]

    code_clear_output = 'display.clear()'

    code_inspect_sample = "Math.max"


if __name__ == "__main__":
    unittest.main()
