// Builds the lab notebooks from their percent-format sources (notebooks/labs/src/*.lab.ts):
// solution notebooks in notebooks/labs/solutions/, student versions in notebooks/labs/.
// Run after `npx tsc -p tsconfig.json`:  node notebooks/labs/src/build.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { notebookFromPercent, makeStudentNotebook, stringifyNotebook } from "../../../dist/lib/labs/index.js";

const src = path.dirname(fileURLToPath(import.meta.url));
const labs = path.dirname(src);
for (const name of fs.readdirSync(src).filter((n) => n.endsWith(".lab.ts")).sort()) {
  const stem = name.replace(/\.lab\.ts$/, "");
  const solution = notebookFromPercent(fs.readFileSync(path.join(src, name), "utf8"), name);
  fs.writeFileSync(path.join(labs, "solutions", `${stem}.ipynb`), stringifyNotebook(solution));
  fs.writeFileSync(path.join(labs, `${stem}.ipynb`), stringifyNotebook(makeStudentNotebook(solution, `${stem}.ipynb`)));
  console.log(`built ${stem}: solutions/${stem}.ipynb and ${stem}.ipynb`);
}
