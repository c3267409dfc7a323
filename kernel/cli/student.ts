import fs from "node:fs";
import path from "node:path";
import { parseNotebook, stringifyNotebook } from "../notebook/nbformat.js";
import { makeStudentNotebook } from "./labs/make-student-notebook.js";
import { parseCommandLine, wantsHelp } from "./args.js";

const USAGE = `usage: replab student SOLUTIONS_DIR OUT_DIR [--check]
  Writes the student version of every solution notebook in SOLUTIONS_DIR to OUT_DIR:
  "// BEGIN SOLUTION" … "// END SOLUTION" blocks become their TODO stubs, cells tagged
  "solution-only" are dropped, outputs are cleared.
  --check   write nothing; exit 1 if any student notebook in OUT_DIR differs from what would be written`;

/** The student notebooks SOLUTIONS_DIR would produce: file name → text. */
export function studentNotebooksFor(solutionsDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const names = fs.readdirSync(solutionsDir).filter((n) => n.endsWith(".ipynb")).sort();
  for (const name of names) {
    const file = path.join(solutionsDir, name);
    const nb = parseNotebook(fs.readFileSync(file, "utf8"), "replab student", file);
    out.set(name, stringifyNotebook(makeStudentNotebook(nb, name)));
  }
  return out;
}

/** `replab student SOLUTIONS_DIR OUT_DIR [--check]`: writes (or, with --check, verifies) the student notebooks. Returns the exit code. */
export async function studentCommand(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) { process.stdout.write(USAGE + "\n"); return 0; }
  const parsed = parseCommandLine("student", argv, { flags: ["check"] }, USAGE);
  if (!parsed) return 2;
  const checkOnly = parsed.flags.has("check");
  if (parsed.positional.length !== 2) {
    process.stderr.write(USAGE + "\n");
    return 2;
  }
  const [solutionsDir, outDir] = parsed.positional as [string, string];
  if (!fs.existsSync(solutionsDir) || !fs.statSync(solutionsDir).isDirectory()) {
    process.stderr.write(`replab student: SOLUTIONS_DIR=${JSON.stringify(solutionsDir)} is not a folder; pass the folder holding the solution notebooks\n`);
    return 2;
  }
  let notebooks: Map<string, string>;
  try {
    notebooks = studentNotebooksFor(solutionsDir);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  if (notebooks.size === 0) {
    process.stderr.write(`replab student: ${solutionsDir} holds no .ipynb files\n`);
    return 1;
  }
  let stale = 0;
  if (!checkOnly) fs.mkdirSync(outDir, { recursive: true });
  for (const [name, text] of notebooks) {
    const target = path.join(outDir, name);
    if (checkOnly) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
      if (current !== text) {
        stale++;
        process.stderr.write(`${target} is ${current === null ? "missing" : "out of date"}; run: replab student ${solutionsDir} ${outDir}\n`);
      }
    } else {
      fs.writeFileSync(target, text);
      process.stdout.write(`wrote ${target}\n`);
    }
  }
  return stale === 0 ? 0 : 1;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) studentCommand(process.argv.slice(2)).then((code) => process.exit(code));
