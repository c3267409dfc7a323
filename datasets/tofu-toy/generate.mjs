// Writes datasets/tofu-toy/facts.json from the seeded generator. Run after building:
//   npx tsc -p tsconfig.json && node datasets/tofu-toy/generate.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateTofuToy } from "../../dist/lib/unlearning/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const facts = generateTofuToy({ authors: 40, forgetFraction: 0.1, perturbed: 3, seed: 0 });
fs.writeFileSync(path.join(here, "facts.json"), JSON.stringify(facts, null, 1) + "\n");
console.log(`wrote ${facts.length} facts`);
