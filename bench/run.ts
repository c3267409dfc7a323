import path from "node:path";
import fs from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { printTable } from "./report.js";

/**
 * `npm run bench -- NAME [NAME…]` runs bench/NAME.ts (built to dist/bench/NAME.js): each prints
 * one JSON object per figure, then a table of them all. With no name it lists the benchmarks.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs.readdirSync(here).filter((f) => f.endsWith(".js") && !["run.js", "report.js"].includes(f)).map((f) => f.slice(0, -3));
const names = process.argv.slice(2);
if (names.length === 0) {
  console.log(`usage: npm run bench -- NAME\navailable: ${available.join(", ")}`);
  process.exit(0);
}
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`bench: no benchmark named ${JSON.stringify(name)}; available: ${available.join(", ")}`);
    process.exit(2);
  }
  const mod = (await import(pathToFileURL(path.join(here, `${name}.js`)).href)) as { main: () => Promise<void> };
  await mod.main();
}
printTable();
