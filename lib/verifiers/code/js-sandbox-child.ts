/**
 * The program each JavaScript sandbox process runs (passed with `node -e`, so the permission
 * model needs no file-read grant for it). It reads one JSON job per line on stdin, runs the
 * candidate in a fresh `vm` context made from a null-prototype object (so `this.constructor`
 * leads to the context's own Function, not the host's), runs each test expression, and writes
 * one JSON result per line on stdout. The context holds no host objects: no `process`,
 * `require`, timers or host `console` — only a console defined inside the context that appends
 * to a capped string.
 */
export const JS_SANDBOX_CHILD = String.raw`
"use strict";
const vm = require("node:vm");
const write = process.stdout.write.bind(process.stdout);
const send = (msg) => write(JSON.stringify(msg) + "\n");
process.on("unhandledRejection", () => {});
process.on("uncaughtException", (e) => { send({ id: current, fatal: String(e && e.message || e).slice(0, 500) }); process.exit(70); });
let current = null;
let buffer = "";
const queue = [];
let running = false;
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  let i;
  while ((i = buffer.indexOf("\n")) >= 0) { const line = buffer.slice(0, i); buffer = buffer.slice(i + 1); if (line) queue.push(JSON.parse(line)); }
  pump();
});
process.stdin.on("end", () => process.exit(0));
async function pump() {
  if (running) return;
  running = true;
  while (queue.length) { const job = queue.shift(); current = job.id; send(await run(job)); current = null; }
  running = false;
}
const text = (e) => { try { if (e && typeof e === "object" && typeof e.message === "string") return (typeof e.name === "string" ? e.name + ": " : "") + e.message; return typeof e === "string" ? e : "non-Error value thrown"; } catch { return "unprintable error"; } };
const isTimeout = (e) => { try { return e && e.code === "ERR_SCRIPT_EXECUTION_TIMEOUT"; } catch { return false; } };
const isMemory = (e) => /allocation failed|out of memory/i.test(text(e));
async function run(job) {
  const started = Date.now();
  const left = () => Math.max(1, job.timeoutMs - (Date.now() - started));
  const ctx = vm.createContext(Object.create(null), { codeGeneration: { strings: true, wasm: false } });
  const output = vm.runInContext("(() => { let o = ''; const cap = " + Number(job.outputCap) + "; const w = (...a) => { if (o.length >= cap) return; let s = ''; for (const x of a) { s += (s ? ' ' : '') + String(x); if (s.length > cap) break; } o += s.slice(0, cap) + '\\n'; }; globalThis.console = { log: w, error: w, warn: w, info: w, debug: w }; return () => o; })()", ctx);
  const readOutput = () => { try { const o = output(); return typeof o === "string" ? o.slice(0, job.outputCap) : ""; } catch { return ""; } };
  // Everything the candidate can touch must come from the context's realm: a host object's
  // constructor.constructor is the host's Function, i.e. a way out. So import() is refused with a
  // rejection made by the context's own Promise and Error (captured before the candidate runs), and
  // thenables are awaited by a context-made helper whose state the host polls.
  const ctxReject = vm.runInContext("(() => { const P = Promise, E = Error, rej = P.reject.bind(P); return (m) => rej(new E(m)); })()", ctx);
  const ctxAwait = vm.runInContext("(() => { const P = Promise, res = P.resolve.bind(P), then = P.prototype.then, apply = Reflect.apply; return (v) => { const st = { done: false, ok: false, value: undefined }; apply(then, res(v), [(x) => { st.done = true; st.ok = true; st.value = x; }, (e) => { st.done = true; st.value = e; }]); return st; }; })()", ctx);
  const refuseImport = () => ctxReject("import() is disabled in the sandbox");
  const opts = () => ({ timeout: left(), breakOnSigint: false, importModuleDynamically: refuseImport });
  const result = { id: job.id, loaded: true, tests: [], output: "", timeout: false, memory: false, error: null, recycle: false };
  try {
    new vm.Script(job.code, { filename: "candidate.js", importModuleDynamically: opts().importModuleDynamically }).runInContext(ctx, opts());
  } catch (e) {
    result.loaded = false; result.error = text(e).slice(0, 500); result.timeout = isTimeout(e); result.memory = isMemory(e);
    result.output = readOutput();
    return result;
  }
  for (const test of job.tests) {
    let ok = false, err = null;
    try {
      let value = new vm.Script("(" + test + "\n)", { filename: "test.js", importModuleDynamically: opts().importModuleDynamically }).runInContext(ctx, opts());
      if (value !== null && (typeof value === "object" || typeof value === "function")) {
        const st = ctxAwait(value);
        while (!st.done) {
          if (left() <= 1) { const e = new Error("test promise did not settle"); e.code = "ERR_SCRIPT_EXECUTION_TIMEOUT"; throw e; }
          await new Promise((r) => setTimeout(r, st.done ? 0 : 1));
        }
        if (!st.ok) throw st.value;
        value = st.value;
      }
      ok = value === true;
      if (!ok) err = "returned " + (value === false ? "false" : typeof value);
    } catch (e) {
      err = text(e).slice(0, 300);
      if (isTimeout(e)) { result.timeout = true; result.recycle = true; }
      if (isMemory(e)) result.memory = true;
    }
    result.tests.push({ ok, error: err });
    if (result.timeout) break;
  }
  result.output = readOutput();
  return result;
}
`;
