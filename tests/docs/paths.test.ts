import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The README and the docs name only files that exist in the repository: every relative link, and
// every path that starts with one of the repository's folders (kernel/, lib/, tests/, …), in prose,
// backticks or code blocks. A built path (dist/…/x.js) must have its source (…/x.ts). Links to a
// heading (file.md#anchor) must find the heading. A path with a placeholder in capitals
// (bench/NAME.ts) stands for files in its folder: the folder must exist.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const FOLDERS = ["kernel", "lib", "tests", "bench", "scripts", "notebooks", "datasets", "docs", "dist", ".ci"];
/** Files the docs name that a command makes rather than the repository holds (REPLICATIONS.md and docs/figures/: `replab report`). */
const MADE_BY_COMMANDS = new Set(["notebooks/00-tour.html", "REPLICATIONS.md", "docs/figures/"]);

function markdownFiles(): string[] {
  const out = ["README.md", ...(fs.existsSync(path.join(ROOT, "REPLICATIONS.md")) ? ["REPLICATIONS.md"] : [])];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "node_modules") walk(rel);
      else if (e.isFile() && e.name.endsWith(".md")) out.push(rel);
    }
  };
  for (const dir of ["docs", "datasets", "notebooks"]) if (fs.existsSync(path.join(ROOT, dir))) walk(dir);
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[`*_]/g, "").replace(/[^\p{L}\p{N}\s-]/gu, "").replace(/\s/g, "-");
}

function headings(file: string): Set<string> {
  const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!)));
}

function exists(rel: string): boolean {
  if (MADE_BY_COMMANDS.has(rel)) return true;
  // A pattern such as bench/NAME.ts or notebooks/labs/NN-name.ipynb: its folder must exist.
  const placeholder = rel.split("/").findIndex((part) => /[A-Z]{2,}/.test(part) && !fs.existsSync(path.join(ROOT, rel)));
  if (placeholder > 0 && !/^[A-Z]+\.md$/.test(rel.split("/")[placeholder]!)) return exists(rel.split("/").slice(0, placeholder).join("/") + "/");
  if (rel.startsWith("dist/")) {
    const source = rel.slice("dist/".length).replace(/\.(d\.ts|js)$/, ".ts");
    return fs.existsSync(path.join(ROOT, source)) || fs.existsSync(path.join(ROOT, rel.slice("dist/".length)));
  }
  return fs.existsSync(path.join(ROOT, rel));
}

const PATH = new RegExp(`(?<![\\w./-])(?:${FOLDERS.map((f) => f.replace(".", "\\.")).join("|")})/[\\w./-]*`, "g");
// A Markdown link: an unescaped "[", its text (escapes allowed), an unescaped "]", then "(target)".
const LINK = /(?<!\\)\[(?:\\.|[^\\\]])*\]\(([^)\s]+)\)/g;

describe("the README and the docs name only files that exist", () => {
  for (const file of markdownFiles()) {
    it(file, () => {
      // HTML comments are not rendered (REPLICATIONS.md keeps its records in them): not checked.
      const text = fs.readFileSync(path.join(ROOT, file), "utf8").replace(/<!--[\s\S]*?-->/g, "");
      const missing: string[] = [];
      for (const m of text.matchAll(PATH)) {
        const rel = m[0].replace(/[.,:;]+$/, "");
        if (!exists(rel)) missing.push(rel);
      }
      for (const m of text.matchAll(LINK)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const [name, anchor] = target.split("#") as [string, string | undefined];
        const resolved = name === "" ? path.join(ROOT, file) : path.resolve(ROOT, path.dirname(file), name);
        if (!fs.existsSync(resolved)) { if (!MADE_BY_COMMANDS.has(path.relative(ROOT, resolved))) missing.push(target); continue; }
        if (anchor !== undefined && resolved.endsWith(".md") && !headings(resolved).has(anchor)) missing.push(target);
      }
      expect(missing, `${file} names what is not in the repository`).toEqual([]);
    });
  }
});
