import path from "node:path";
import { fileURLToPath } from "node:url";
import { rng } from "../lib/core/index.js";
import { rocAuc, ks2samp } from "../lib/stats/index.js";
import { report, pythonHas, runPythonBaseline, median, withJsonHeader } from "./report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.resolve(here, "../../bench/python/stats.py");

function timeIt(fn: () => void, repeats = 3): number {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) { const t = performance.now(); fn(); times.push((performance.now() - t) / 1000); }
  return median(times);
}

/**
 * stats benchmark: `rocAuc` and `ks2samp` on 10^5 and 10^6 samples (normal scores with a weak
 * signal; ks2samp on two shifted normal samples, asymptotic branch) against scikit-learn's
 * `roc_auc_score` and scipy's `ks_2samp` on the same numbers in the same run. Reports
 * samples/s; the baseline's value is checked to agree.
 */
export async function main(): Promise<void> {
  const sizes = [100_000, 1_000_000];
  const r = rng(7);
  const data = sizes.map((n) => {
    const s = new Float64Array(n), y = new Uint8Array(n), a = new Float64Array(n), b = new Float64Array(n);
    for (let i = 0; i < n; i++) { y[i] = r.next() < 0.4 ? 1 : 0; s[i] = r.normal() + 0.3 * y[i]!; a[i] = r.normal(); b[i] = r.normal(0.005, 1); }
    return { n, s, y, a, b };
  });
  let base: Record<string, number> | null = null;
  if (pythonHas("numpy", "scipy", "sklearn")) {
    const parts = data.flatMap((d) => [Buffer.from(d.s.buffer), Buffer.from(d.y.buffer), Buffer.from(d.a.buffer), Buffer.from(d.b.buffer)]);
    base = runPythonBaseline(script, [], { input: withJsonHeader({ sizes }, parts) });
  }
  for (const d of data) {
    let auc = 0, p = 0;
    const tAuc = timeIt(() => { auc = rocAuc(d.s, d.y); });
    const tKs = timeIt(() => { p = ks2samp(d.a, d.b).pvalue; });
    if (base) {
      if (Math.abs(auc - base[`auc_${d.n}_value`]!) > 1e-9) throw new Error(`bench stats: rocAuc ${auc} disagrees with scikit-learn ${base[`auc_${d.n}_value`]}`);
      if (Math.abs(p - base[`ks_${d.n}_value`]!) > 1e-8 * Math.max(1e-300, base[`ks_${d.n}_value`]!)) throw new Error(`bench stats: ks2samp p ${p} disagrees with scipy ${base[`ks_${d.n}_value`]}`);
    }
    report({ bench: "stats", case: `rocAuc, ${d.n.toExponential(0)} samples`, value: d.n / tAuc, unit: "samples/s", ...(base ? { baseline: "sklearn roc_auc_score", baselineValue: d.n / base[`auc_${d.n}`]! } : {}) });
    report({ bench: "stats", case: `ks2samp, 2×${d.n.toExponential(0)} samples`, value: d.n / tKs, unit: "samples/s", ...(base ? { baseline: "scipy ks_2samp", baselineValue: d.n / base[`ks_${d.n}`]! } : {}) });
  }
}
