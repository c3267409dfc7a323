import path from "node:path";
import { packageRoot } from "../package-root.js";

/**
 * The types of the names every cell has without importing them (the executor defines them at
 * run time): replab's `display` and `progress`, Deno's `Deno.jupyter`, `prompt` and `confirm`,
 * and `input`. Each is a declaration for `declare global { … }`, typed from replab's own
 * declaration files (the specific modules, so a cell that only calls display() does not pull
 * tfjs's types into the program).
 */
export function cellGlobals(): Record<string, string> {
  const dist = (file: string) => JSON.stringify(path.join(packageRoot(), "dist", file));
  const api = dist("kernel/execute/jupyter-api.js");
  return {
    display: `const display: typeof import(${dist("lib/display/display.js")}).display;`,
    progress: `const progress: typeof import(${dist("lib/display/progress.js")}).progress;`,
    Deno: `const Deno: import(${api}).DenoNamespace;`,
    prompt: `const prompt: typeof import(${api}).prompt;`,
    confirm: `const confirm: typeof import(${api}).confirm;`,
    input: `const input: typeof import(${api}).input;`,
  };
}
