// Writes a sample of replab's seeded arithmetic problems (lib/rollouts/arithmetic.ts) to JSONL.
// Run from the repository root after building: node datasets/arithmetic/generate.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { arithmeticProblems } from "../../dist/lib/rollouts/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
for (const split of [{ name: "train", seed: 1, count: 500 }, { name: "test", seed: 2, count: 100 }]) {
  const rows = [1, 2, 3, 4].flatMap((level) => arithmeticProblems(split.count, { level, seed: split.seed }));
  fs.writeFileSync(path.join(here, `${split.name}.jsonl`), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`${split.name}.jsonl: ${rows.length} problems`);
}
