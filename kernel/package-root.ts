import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | null = null;

/** The directory of replab's own package.json (works from kernel/ sources and from dist/kernel/). */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = path.join(dir, "package.json");
    if (fs.existsSync(pj)) {
      try {
        if ((JSON.parse(fs.readFileSync(pj, "utf8")) as { name?: string }).name === "replab") return (cached = dir);
      } catch {
        /* not ours: keep walking up */
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("replab: cannot find replab's package.json above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** replab's version from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}
