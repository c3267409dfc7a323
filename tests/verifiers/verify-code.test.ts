import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCode, verifyCodeBatch, closeCodeSandboxes, createCodeSandboxPool } from "../../lib/verifiers/index.js";
import type { CodeVerification } from "../../lib/verifiers/index.js";
import { ReplabError } from "../../lib/core/errors.js";

// Real sandboxes throughout: node child processes under the permission model, and Debian's
// python3 under prlimit. Nothing is mocked.

const GOOD = { code: "function add(a, b) { return a + b; }", tests: ["add(2, 3) === 5", "add(-1, 1) === 0"] };
const marker = path.join(os.tmpdir(), `replab-attack-${process.pid}`);

/** After an attack: the host still works, its prototypes are clean, and the pool still verifies. */
async function hostAndPoolStillWork(): Promise<void> {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  expect(fs.existsSync(marker)).toBe(false);
  const r = await verifyCode(GOOD);
  expect(r.verdict).toBe("pass");
  expect(r.passed).toBe(2);
}

async function attack(code: string, tests: string[] = ["true"], timeoutMs = 600): Promise<CodeVerification> {
  const r = await verifyCode({ code, tests, timeoutMs });
  await hostAndPoolStillWork();
  return r;
}

afterAll(() => { closeCodeSandboxes(); fs.rmSync(marker, { force: true }); });

describe("verifyCode (JavaScript): verdicts", () => {
  it("pass, fail and error", async () => {
    expect(await verifyCode(GOOD)).toMatchObject({ verdict: "pass", passed: 2, total: 2 });
    const wrong = await verifyCode({ code: "function add(a, b) { return a - b; }", tests: ["add(2, 3) === 5", "add(0, 0) === 0"] });
    expect(wrong).toMatchObject({ verdict: "fail", passed: 1, total: 2 });
    expect(wrong.detail).toMatch(/add\(2, 3\) === 5/);
    expect((await verifyCode({ code: "function (", tests: ["true"] })).verdict).toBe("error");
    // a truthy non-true value is not a pass
    expect((await verifyCode({ code: "const x = 1", tests: ["x"] })).verdict).toBe("fail");
  });
  it("async tests are awaited", async () => {
    expect((await verifyCode({ code: "async function g() { return 5 }", tests: ["g().then((x) => x === 5)"] })).verdict).toBe("pass");
  });
  it("bad input names the argument", async () => {
    expect(() => verifyCode({ code: "1", tests: [] })).toThrow(ReplabError);
    expect(() => verifyCode({ code: "1", tests: ["true"], timeoutMs: -1 })).toThrow(/verifyCode: timeoutMs=-1/);
    expect(() => verifyCode({ code: "1", tests: ["true"], language: "ruby" as "python" })).toThrow(/language="ruby"/);
  });
});

describe("verifyCode (JavaScript): hostile candidates", () => {
  it("infinite loop → timeout", async () => {
    expect((await attack("while (true) {}")).verdict).toBe("timeout");
  });
  it("infinite loop inside a test → timeout", async () => {
    expect((await attack("function f() { for (;;) {} }", ["f()"])).verdict).toBe("timeout");
  });
  it("deep recursion → error (stack overflow caught in the sandbox)", async () => {
    const r = await attack("function f(n) { return f(n + 1) + 1; } f(0)");
    expect(r.verdict).toBe("error");
    expect(r.detail).toMatch(/call stack/);
  });
  it("heap memory bomb → memory-limit", async () => {
    const r = await verifyCode({ code: "const a = []; while (true) a.push(new Array(1e6).fill(1.5));", tests: ["true"], timeoutMs: 10_000, memoryMb: 64 });
    expect(r.verdict).toBe("memory-limit");
    await hostAndPoolStillWork();
  });
  it("ArrayBuffer memory bomb (outside the V8 heap) → memory-limit", async () => {
    const r = await verifyCode({ code: "const b = []; for (let i = 0; i < 100; i++) { const u = new Uint8Array(1e8); u.fill(1); b.push(u); }", tests: ["true"], timeoutMs: 10_000, memoryMb: 64 });
    expect(r.verdict).toBe("memory-limit");
    await hostAndPoolStillWork();
  });
  it("process.exit → error (there is no process in the sandbox)", async () => {
    const r = await attack("process.exit(0)");
    expect(r.verdict).toBe("error");
    expect(r.detail).toMatch(/process is not defined/);
  });
  it("this.constructor.constructor('return process')() escape → error", async () => {
    const r = await attack("this.constructor.constructor('return process')().exit(1)");
    expect(r.verdict).toBe("error");
    expect(r.detail).toMatch(/process is not defined/);
    const r2 = await attack("Object.getPrototypeOf(this).constructor.constructor('return process')().mainModule.require('fs').writeFileSync(" + JSON.stringify(marker) + ", 'x')");
    expect(r2.verdict).toBe("error");
  });
  it("dynamic import('fs') is refused", async () => {
    const r = await attack(`async function go() { const fs = await import("fs"); fs.writeFileSync(${JSON.stringify(marker)}, "x"); return true; }`, ["go()"]);
    expect(r.verdict).toBe("fail");
    expect(r.detail).toMatch(/import|dynamic/i);
  });
  it("host objects never reach the candidate: import()'s rejection and a thenable's resolvers come from the context's realm", async () => {
    // Each probe returns what `x.constructor.constructor("return process")()` gave for a value the
    // sandbox handed to the candidate; a host-realm value would return the real process.
    const probe = (get: string) => `async function go() { const x = await (${get}); try { const p = x.constructor.constructor("return process")(); return "ESCAPED " + typeof p; } catch (e) { return "blocked"; } }`;
    const cases = [
      probe(`import("fs").then(() => null, (e) => e)`),
      probe(`eval('import("node:fs")').then(() => null, (e) => e)`),
    ];
    for (const code of cases) {
      const r = await attack(code, [`go().then((v) => v === "blocked")`]);
      expect(r.verdict, code).toBe("pass");
    }
    // the test itself returns a thenable whose `then` receives the sandbox's resolve function
    const leak = await attack(`let got = "none"; const t = { then(res, rej) { try { const p = res.constructor.constructor("return process")(); got = "ESCAPED " + typeof p; } catch { got = "blocked"; } res(true); } };`, ["t", "got === 'blocked'"]);
    expect(leak.verdict).toBe("pass");
    // stack frames (Error.prepareStackTrace CallSites), the global's prototype chain, errors and the console
    const frames = `function go() { Error.prepareStackTrace = (e, cs) => cs; const cs = new Error().stack; Error.prepareStackTrace = undefined; const vals = [cs]; for (const c of cs) vals.push(c, c.getThis(), c.getFunction()); let o = globalThis; while (o) { vals.push(o); o = Object.getPrototypeOf(o); } try { (function f() { f(); })(); } catch (e) { vals.push(e); } vals.push(console.log); for (const v of vals) { if (v == null) continue; try { v.constructor.constructor("return process")(); return "ESCAPED"; } catch { /* blocked */ } } return "blocked"; }`;
    expect((await attack(frames, [`go() === "blocked"`])).verdict).toBe("pass");
  });
  it("prototype pollution stays inside the candidate's context", async () => {
    const r = await attack("Object.prototype.polluted = 1; Array.prototype.push = null; globalThis.pwned = 1", ["({}).polluted === 1"]);
    expect(r.verdict).toBe("pass");
    // the next candidate in the same process sees clean built-ins
    const next = await verifyCode({ code: "", tests: ["({}).polluted === undefined", "typeof [].push === 'function'", "typeof pwned === 'undefined'"] });
    expect(next.verdict).toBe("pass");
  });
  it("output flood is capped (and the loop times out)", async () => {
    const r = await attack("for (;;) console.log('x'.repeat(1e6))");
    expect(r.verdict).toBe("timeout");
    const big = await attack("console.log('y'.repeat(5e7))");
    expect(big.verdict).toBe("pass");
    expect(big.detail.length).toBeLessThan(1000);
  });
  it("a never-settling promise → timeout", async () => {
    expect((await attack("function f() { return new Promise(() => {}); }", ["f()"])).verdict).toBe("timeout");
  });
  it("a microtask loop that starves the event loop → timeout (killed from the parent)", async () => {
    const r = await attack("function f() { return Promise.resolve().then(f); }", ["f()"]);
    expect(r.verdict).toBe("timeout");
  });
  it("Atomics.wait → timeout", async () => {
    expect((await attack("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)")).verdict).toBe("timeout");
  });
  it("require is not there", async () => {
    const r = await attack("require('child_process').execSync('id')");
    expect(r.verdict).toBe("error");
    expect(r.detail).toMatch(/require is not defined/);
  });
  it("reading /etc/passwd, writing a file, spawning a process: no API reaches them", async () => {
    for (const code of [
      "globalThis.process.binding('fs')",
      "const fs = this.constructor.constructor('return this')().process.mainModule.require('fs'); fs.readFileSync('/etc/passwd')",
      `(async () => (await import('node:fs')).writeFileSync(${JSON.stringify(marker)}, 'x'))()`,
      "(async () => (await import('node:child_process')).execSync('touch " + marker + "'))()",
    ]) {
      const r = await attack(code, ["typeof process === 'undefined'"]);
      expect(["error", "pass"]).toContain(r.verdict);
    }
  });
  it("the sandbox process itself cannot read, write or spawn (permission model), even with an escape", async () => {
    // Prove the second line of defence directly: run the same checks in a process started like the pool's.
    const { spawnSync } = await import("node:child_process");
    const flag = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
    const probe = `const out = [];
      try { require("fs").readFileSync("/etc/passwd"); out.push("read"); } catch (e) { out.push(e.code); }
      try { require("fs").writeFileSync(${JSON.stringify(marker)}, "x"); out.push("wrote"); } catch (e) { out.push(e.code); }
      try { require("child_process").execSync("true"); out.push("spawned"); } catch (e) { out.push(e.code); }
      try { new (require("worker_threads").Worker)("1", { eval: true }); out.push("worker"); } catch (e) { out.push(e.code); }
      out.push(Object.keys(process.env).length);
      console.log(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, [flag, "--no-warnings", "-e", probe], { env: {}, encoding: "utf8" });
    expect(JSON.parse(r.stdout.trim())).toEqual(["ERR_ACCESS_DENIED", "ERR_ACCESS_DENIED", "ERR_ACCESS_DENIED", "ERR_ACCESS_DENIED", 0]);
    await hostAndPoolStillWork();
  });
  it("network: no socket API in the sandbox", async () => {
    const server = net.createServer((s) => { (globalThis as Record<string, unknown>).pwnedConnection = true; s.end(); });
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", () => res()));
    const port = (server.address() as net.AddressInfo).port;
    const r = await attack(`(async () => { const net = await import("node:net"); net.connect(${port}, "127.0.0.1"); })()`, ["typeof fetch === 'undefined' && typeof WebSocket === 'undefined'"]);
    expect(r.verdict).toBe("pass");
    await new Promise((res) => setTimeout(res, 100));
    server.close();
    expect((globalThis as Record<string, unknown>).pwnedConnection).toBeUndefined();
  });
});

describe("verifyCodeBatch and the pool", () => {
  it("verifies many candidates in parallel, in input order, with a hostile one among them", async () => {
    const jobs = Array.from({ length: 12 }, (_, i) => (i === 5 ? { code: "while (true) {}", tests: ["true"], timeoutMs: 500 } : { code: `function f() { return ${i}; }`, tests: [`f() === ${i}`] }));
    const seen: number[] = [];
    const rs = await verifyCodeBatch(jobs, { onProgress: (d) => seen.push(d) });
    expect(rs.map((r) => r.verdict)).toEqual(jobs.map((_, i) => (i === 5 ? "timeout" : "pass")));
    expect(seen[seen.length - 1]).toBe(12);
  });
  it("a run log keeps each result as it comes and a rerun resumes from it", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "replab-vc-")), "runs", "code.jsonl");
    const jobs = [0, 1, 2].map((i) => ({ code: `function f() { return ${i}; }`, tests: [`f() === ${i}`] }));
    const first = await verifyCodeBatch(jobs, { runLog: file });
    expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(3);
    // simulate a crash mid-write: a torn last line is dropped on reopen
    fs.appendFileSync(file, '{"key": "torn');
    const more = [...jobs, { code: "function f() { return 9; }", tests: ["f() === 8"] }];
    const seen: number[] = [];
    const second = await verifyCodeBatch(more, { runLog: file, onProgress: (d) => seen.push(d) });
    expect(second.slice(0, 3)).toEqual(first);
    expect(second[3]!.verdict).toBe("fail");
    expect(seen[0]).toBe(3); // three taken from the log at once, then the new one
    expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(4);
  });
  it("a pool reuses its processes for well-behaved candidates and replaces killed ones", async () => {
    const pool = createCodeSandboxPool({ size: 2 });
    try {
      for (let i = 0; i < 6; i++) expect((await pool.run(GOOD.code, GOOD.tests, 2000)).verdict).toBe("pass");
      expect(pool.started).toBeLessThanOrEqual(2);
      expect((await pool.run("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)", ["true"], 300)).verdict).toBe("timeout");
      expect((await pool.run(GOOD.code, GOOD.tests, 2000)).verdict).toBe("pass");
    } finally {
      pool.close();
    }
  });
});

const hasPython = fs.existsSync("/usr/bin/python3");
describe.skipIf(!hasPython).each(["fork-server", "fresh-interpreter"] as const)("verifyCode (Python, %s): verdicts and hostile candidates", (pythonIsolation) => {
  const py = async (code: string, tests: string[] = ["True"], timeoutMs = 1500) => {
    const r = await verifyCode({ code, tests, language: "python", timeoutMs, pythonIsolation });
    await hostAndPoolStillWork();
    return r;
  };
  beforeAll(() => fs.rmSync(marker, { force: true }));
  it("pass and fail", async () => {
    expect(await py("def add(a, b):\n    return a + b", ["add(2, 3) == 5", "add(-1, 1) == 0"])).toMatchObject({ verdict: "pass", passed: 2 });
    expect(await py("def add(a, b):\n    return a - b", ["add(2, 3) == 5", "add(0, 0) == 0"])).toMatchObject({ verdict: "fail", passed: 1 });
    expect((await py("def (:")).verdict).toBe("error");
  });
  it("infinite loop → timeout", async () => { expect((await py("while True: pass")).verdict).toBe("timeout"); });
  it("deep recursion → error", async () => {
    const r = await py("def f(n): return f(n + 1)\nf(0)");
    expect(r.verdict).toBe("error");
    expect(r.detail).toMatch(/RecursionError/);
  });
  it("memory bomb → memory-limit", async () => { expect((await py("x = bytearray(10**10)")).verdict).toBe("memory-limit"); });
  it("sys.exit / os._exit → error", async () => {
    expect((await py("import sys\nsys.exit(0)")).verdict).toBe("error");
    expect((await py("import os\nos._exit(0)")).verdict).toBe("error");
  });
  it("reading /etc/passwd is refused", async () => {
    const r = await py("open('/etc/passwd').read()");
    expect(r.verdict).toBe("error");
    expect(r.detail).toMatch(/not allowed/);
  });
  it("writing outside the temporary directory is refused; inside it works", async () => {
    expect((await py(`open(${JSON.stringify(marker)}, 'w').write('x')`)).verdict).toBe("error");
    expect((await py("open('scratch.txt', 'w').write('x')\ndef f():\n    return open('scratch.txt').read()", ["f() == 'x'"])).verdict).toBe("pass");
  });
  it("spawning a process is refused (audit hook, and prlimit nproc=0 underneath)", async () => {
    expect((await py("import os\nos.system('touch " + marker + "')")).verdict).toBe("error");
    expect((await py("import subprocess\nsubprocess.run(['touch', " + JSON.stringify(marker) + "])")).verdict).toBe("error");
    expect((await py("import os\nos.fork()")).verdict).toBe("error");
  });
  it("network is refused", async () => {
    expect((await py("import socket\nsocket.create_connection(('127.0.0.1', 9))")).verdict).toBe("error");
  });
  // Python itself sets LC_CTYPE=C.UTF-8 at start-up (PEP 538 locale coercion); nothing else is passed in.
  it("the environment is empty and the working directory is fresh", async () => {
    expect((await py("import os\nenv = dict(os.environ)\ncwd = os.getcwd()", ["set(env) <= {'LC_CTYPE'}", "'replab-py-' in cwd"])).verdict).toBe("pass");
  });
  it("output flood → error, capped", async () => {
    const r = await py("import sys\nwhile True: sys.__stdout__.write('x' * 100000)");
    expect(r.verdict).toBe("error");
    expect(r.detail).toMatch(/output over/);
  });
  it("prototype-pollution analogue: patching builtins does not reach the next candidate", async () => {
    expect((await py("import builtins\nbuiltins.len = lambda x: 42", ["len([]) == 42"])).verdict).toBe("pass");
    expect((await py("", ["len([]) == 0"])).verdict).toBe("pass");
  });
});
