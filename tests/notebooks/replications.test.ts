import path from "node:path";
import { describe, it } from "vitest";
import { replicationNotebooks } from "../../kernel/cli/report.js";
import { readNotebook } from "../../kernel/notebook/nbformat.js";
import { readClaimRecords } from "../../kernel/notebook/outputs.js";
import { verdictDifferences } from "../../kernel/notebook/replications-page.js";
import { NOTEBOOKS_DIR, OTHER_SEEDS, defaultSeeds, errorOutputs, notebookRuns, pageEntry, tail } from "./helpers.js";

// Every replication notebook (what `replab report` runs: notebooks/*.ipynb but the tour), twice,
// each time on a temp copy:
// (a) with its default seeds, through Jupyter's nbclient and the replab kernel: no error output,
//     and every claim's verdict as REPLICATIONS.md has it (the committed page matches a fresh run,
//     which also checks the kernel and `replab run`, which wrote the page, agree);
// (b) with other seeds (OTHER_SEEDS, as many as the notebook's default), through
//     `replab run NB -p SEEDS '[…]'`: no error output, every claim computed over those seeds, and
//     every claim that holds on the page holds again. The others' verdicts are printed.
// The runs go two at a time (vitest.config.ts: maxConcurrency) so that CI's two cores both work.

const notebooks = replicationNotebooks(NOTEBOOKS_DIR);

describe.concurrent("replication notebooks", () => {
  const runs = notebookRuns();

  it("there are replication notebooks to run", ({ expect }) => {
    expect(notebooks.length).toBeGreaterThan(0);
  });

  for (const rel of notebooks) {
    it(`${rel}, default seeds, nbclient: the verdicts are those of REPLICATIONS.md`, async ({ expect }) => {
      const entry = pageEntry(rel);
      const file = runs.copy(rel);
      const r = await runs.nbclient(file);
      expect(r.code, tail(r)).toBe(0);
      expect(errorOutputs(file)).toEqual([]);
      const claims = readClaimRecords(readNotebook(file));
      expect(claims.length, `${rel} recorded no claim() result`).toBeGreaterThan(0);
      expect(entry.status, `REPLICATIONS.md shows ${rel} as ${entry.status}: ${entry.problems.join("; ")}`).toBe("ok");
      expect(verdictDifferences([entry], [{ notebook: rel, claims }]), "verdicts of a fresh run that differ from REPLICATIONS.md (rewrite it with `npx replab report`)").toEqual([]);
    }, 620_000);

    it(`${rel}, other seeds, replab run -p SEEDS: every claim that holds on the page holds again`, async ({ expect }) => {
      const entry = pageEntry(rel);
      const defaults = defaultSeeds(readNotebook(path.join(NOTEBOOKS_DIR, rel)), rel);
      const seeds = OTHER_SEEDS.slice(0, defaults.length);
      expect(seeds.length, `${rel} has ${defaults.length} default seeds; OTHER_SEEDS has only ${OTHER_SEEDS.length}`).toBe(defaults.length);
      expect(seeds.filter((s) => defaults.includes(s)), "other seeds that are default seeds too").toEqual([]);
      const file = runs.copy(rel);
      const r = await runs.replabRun(file, ["-p", "SEEDS", JSON.stringify(seeds)]);
      expect(r.code, tail(r)).toBe(0);
      expect(errorOutputs(file)).toEqual([]);
      const now = new Map(readClaimRecords(readNotebook(file)).map((c) => [c.id, c]));
      expect([...now.values()].filter((c) => c.seeds.length === 0 || c.seeds.some((s) => !seeds.includes(s))).map((c) => `${c.id}: seeds ${c.seeds.join(", ")}`),
        `claims not computed over the seeds given with -p SEEDS ${JSON.stringify(seeds)}`).toEqual([]);
      const others = entry.claims.filter((c) => c.verdict !== "holds");
      if (others.length > 0) {
        console.log(`${rel} with seeds ${seeds.join(", ")} — claims that do not hold on the page:\n` +
          others.map((c) => `  ${c.id}: ${c.verdict} on the page, ${now.get(c.id)?.verdict ?? "not recorded"} now`).join("\n"));
      }
      const lost = entry.claims.filter((c) => c.verdict === "holds" && now.get(c.id)?.verdict !== "holds")
        .map((c) => { const n = now.get(c.id); return `${c.id}: ${n ? `${n.verdict}, mean ${n.mean} [${n.low}, ${n.high}]` : "not recorded"}`; });
      expect(lost, `claims that hold on REPLICATIONS.md but not with seeds ${seeds.join(", ")}`).toEqual([]);
    }, 620_000);
  }
});
