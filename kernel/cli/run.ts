import fs from "node:fs";
import path from "node:path";
import { readNotebook, writeNotebook } from "../notebook/nbformat.js";
import { runNotebook } from "../execute/run-notebook.js";
import { parseCommandLine, positiveOption, wantsHelp } from "./args.js";
import { notebookToHtml } from "../notebook/html.js";
import { writeReal } from "../execute/executor.js";
import { injectParameters, parseParameterValue, readParamsFile, type ParameterValue } from "../execute/parameters.js";
import { preciseNow, runProvenance } from "../execute/provenance.js";
import { addStaticFigures, chromiumExecutable, openFigureRenderer } from "../notebook/static-figures.js";

export const RUN_USAGE = `usage: replab run NOTEBOOK.ipynb [-p NAME VALUE]... [--params FILE.json] [--html FILE]
                  [--timeout SECONDS] [--output FILE] [--allow-errors] [--static-figures]

Executes the notebook's cells in order, in this process (no Python or Jupyter needed), and saves
the outputs into the notebook (or into --output FILE). --html FILE also writes a self-contained
HTML page of the outputs. --timeout stops any cell that runs longer than SECONDS. Exits 1 at the
first failing cell (cells tagged raises-exception may fail), naming the cell and the error.
--allow-errors runs every cell even after one fails (a timed-out cell included), saving each
error as the cell's error output; it still exits 1 when any cell (not tagged raises-exception)
failed, and names every failing cell. --static-figures adds a PNG of each Plotly figure to its
output (image/png, and inside its HTML), drawn by headless Chromium (/usr/bin/chromium or
REPLAB_CHROMIUM), so that GitHub, nbviewer and PDF exports show the figures.

Parameters, as papermill does it: the cell tagged "parameters" holds the defaults; the values of
-p NAME VALUE (repeatable; VALUE is read as JSON when it parses, so 3, true and [1,2] are a
number, a boolean and an array, anything else is a string) and of --params FILE.json (one JSON
object; -p wins over it) go into a new cell tagged "injected-parameters", right after it (or in
place of the one an earlier run left). A name the parameters cell does not declare, or a value of
another kind than its default, is refused by name before anything runs. prompt() and input() fail
under replab run: pass such values as parameters.

The saved notebook says how it was made: each cell's metadata.execution holds nbclient's
timestamps, and metadata.replab.run the parameters, the replab, Node and tfjs versions, the tensor
backend, the seed, the SHA-256 of the package-lock.json in use, and the start and end times.`;

/** The run's parameters: --params FILE.json, then each -p NAME VALUE over it. */
function gatherParameters(file: string | undefined, pairs: Array<[string, string]>): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = file !== undefined ? readParamsFile(file) : {};
  for (const [name, text] of pairs) values[name] = parseParameterValue(text);
  return values;
}

/** `replab run NOTEBOOK [-p NAME VALUE]… [--params FILE] [--html FILE] [--timeout SECONDS] [--output FILE] [--allow-errors] [--static-figures]`. */
export async function runCommand(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) { console.log(RUN_USAGE); return 0; }
  const parsed = parseCommandLine("run", argv, { options: ["html", "timeout", "output", "params"], flags: ["allow-errors", "static-figures"], pairs: ["parameters"], short: { p: "parameters" } }, RUN_USAGE);
  if (!parsed) return 2;
  const { positional: args, options } = parsed;
  if (args.length !== 1) { console.error(`replab run: expected one notebook, got ${args.length}\n\n${RUN_USAGE}`); return 2; }
  const file = path.resolve(args[0]!);
  const out = path.resolve(options.output ?? file);
  const html = options.html !== undefined ? path.resolve(options.html) : null;
  let timeoutSeconds: number | undefined;
  if (options.timeout !== undefined) {
    try { timeoutSeconds = positiveOption("run", "timeout", options.timeout, 600); } catch (e) { console.error((e as Error).message); return 2; }
  }
  if (!fs.existsSync(file)) { console.error(`replab run: no such notebook: ${file}`); return 2; }
  let nb;
  let parameters: Record<string, ParameterValue>;
  try {
    nb = readNotebook(file);
    parameters = gatherParameters(options.params, parsed.pairs.parameters ?? []);
    if (Object.keys(parameters).length > 0) injectParameters(nb, parameters, path.basename(file));
  } catch (e) { console.error((e as Error).message); return 2; }
  const staticFigures = parsed.flags.has("static-figures");
  if (staticFigures) {
    try { chromiumExecutable(); } catch (e) { console.error(`replab run: ${(e as Error).message}`); return 1; }
  }
  const cwd = path.dirname(file);
  process.chdir(cwd);
  const started = Date.now();
  const start = preciseNow();
  const allowErrors = parsed.flags.has("allow-errors");
  const failures = await runNotebook(nb, {
    cwd,
    allowErrors,
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    onCell: (i, first) => writeReal("stderr", `replab run: cell ${i}: ${first.slice(0, 80)}\n`),
  });
  nb.metadata.replab = { ...nb.metadata.replab, run: await runProvenance(cwd, parameters, start, preciseNow()) };
  let figures = "";
  if (staticFigures) {
    try {
      const renderer = await openFigureRenderer();
      try {
        const n = await addStaticFigures(nb, renderer);
        figures = `; ${n} figure${n === 1 ? "" : "s"} with a static PNG`;
      } finally {
        await renderer.close();
      }
    } catch (e) {
      writeNotebook(out, nb);
      writeReal("stderr", `replab run: ${(e as Error).message}\nThe outputs, without static figures, are saved in ${out}.\n`);
      return 1;
    }
  }
  writeNotebook(out, nb);
  if (html) fs.writeFileSync(html, notebookToHtml(nb, path.basename(file, ".ipynb")));
  const name = path.basename(file);
  if (failures.length > 0 && !allowErrors) {
    const failure = failures[0]!;
    writeReal("stderr", `\nreplab run: ${name} failed at cell ${failure.index} (first line: ${failure.firstLine})\n${failure.traceback.join("\n")}\n` +
      `The outputs so far are saved in ${out}.\n`);
    return 1;
  }
  if (failures.length > 0) {
    const each = failures.map((f) => `replab run: ${name}: cell ${f.index} failed (first line: ${f.firstLine})\n${f.traceback.join("\n")}\n`).join("\n");
    writeReal("stderr", `\n${each}\nreplab run: ${name} ran every cell (--allow-errors); ${failures.length} cell${failures.length > 1 ? "s" : ""} failed: ` +
      `${failures.map((f) => f.index).join(", ")}. The outputs are saved in ${out}${html ? `, HTML in ${html}` : ""}.\n`);
    return 1;
  }
  writeReal("stderr", `replab run: ${path.basename(file)} ran in ${((Date.now() - started) / 1000).toFixed(1)} s; outputs saved in ${out}${html ? `, HTML in ${html}` : ""}${figures}\n`);
  return 0;
}
