import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Executor, type ExecuteOutcome } from "../../kernel/execute/executor.js";

// A notebook's own modules, imported relative to the notebook's folder: typed by the checker,
// errors with their file and line, and a changed file re-imported by the next cell that imports it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-local-"));
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};
write("helpers.ts", 'import { unit } from "./lib/units";\nexport function twice(n: number): number { return n * 2; }\nexport const label: string = `v1 ${unit}`;\nexport function fail(): never {\n  throw new Error("from helpers");\n}\n');
write("lib/units.ts", 'export const unit = "cm";\n');
write("other.mts", "export const fromMts = 3;\n");
write("plain.js", "export const fromJs = 4;\n");
write("bad.ts", 'export const broken: number = "not a number";\n');

const ex = new Executor({ cwd: dir });
afterAll(() => {
  ex.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const sink = { stream: () => undefined, display: () => undefined, clear: () => undefined };
const run = (src: string): Promise<ExecuteOutcome> => ex.execute(src, { sink });
const value = (o: ExecuteOutcome) => {
  if (o.status !== "ok") throw new Error(o.traceback.join("\n"));
  return o.result?.["text/plain"];
};

describe("local modules next to the notebook", () => {
  it("imports .ts (with or without the extension), .mts and .js modules, typed", async () => {
    expect(value(await run('import { twice, label } from "./helpers.ts";\ntwice(21)'))).toBe("42");
    expect(value(await run('import { fromMts } from "./other.mts";\nimport { fromJs } from "./plain.js";\nimport { twice as tw } from "./helpers";\ntw(fromMts + fromJs)'))).toBe("14");
    expect(value(await run("label"))).toBe("'v1 cm'");
    const typed = await run('import { twice } from "./helpers";\nconst s: string = twice(1);');
    expect(typed.status === "error" && typed.evalue).toBe("2:7 - Type 'number' is not assignable to type 'string'.");
  });

  it("reports a type error inside a module with its file and line, and runs nothing", async () => {
    const o = await run('let beforeBad = 1;\nimport { broken } from "./bad";');
    expect(o.status === "error" && o.ename).toBe("TSError");
    expect(o.status === "error" && o.evalue).toBe("bad.ts 1:14 - Type 'string' is not assignable to type 'number'.");
  });

  it("shows a runtime error inside a module at the module's own line", async () => {
    const o = await run('import { fail } from "./helpers.ts";\nfail()');
    expect(o.status).toBe("error");
    if (o.status !== "error") return;
    expect(o.evalue).toBe("from helpers");
    expect(o.traceback.join("\n")).toMatch(/helpers\.ts:5:9/);
  });

  it("a module that does not exist is one clear line, and the kernel's state is kept", async () => {
    value(await run("const keptAcrossMissing = 5;"));
    const o = await run('import { nothing } from "./nope.ts";');
    expect(o.status === "error" && o.evalue).toBe(`1:25 - no local module './nope.ts' (looked for ${path.join(dir, "nope.ts")} with .ts, .mts, .tsx, .js, .mjs); fix the path`);
    expect(value(await run("keptAcrossMissing"))).toBe("5");
  });

  it("re-imports a module that changed on disk (or whose own local import did), without a restart", async () => {
    const before = value(await run('import { twice, label } from "./helpers.ts";\n`${twice(5)} ${label}`'));
    expect(before).toBe("'10 v1 cm'");
    write("helpers.ts", 'import { unit } from "./lib/units";\nexport function twice(n: number): number { return n * 3; }\nexport const label: string = `v2 ${unit}`;\n');
    expect(value(await run('import { twice, label } from "./helpers.ts";\n`${twice(5)} ${label}`'))).toBe("'15 v2 cm'");
    write("lib/units.ts", 'export const unit = "mm";\n');
    expect(value(await run('import { label } from "./helpers.ts";\nlabel'))).toBe("'v2 mm'");
    // the checker sees the new declarations too
    write("helpers.ts", "export function twice(n: number): string { return String(n * 2); }\n");
    const o = await run('import { twice } from "./helpers.ts";\nconst n: number = twice(1);');
    expect(o.status === "error" && o.evalue).toBe("2:7 - Type 'string' is not assignable to type 'number'.");
  });

  it("hover and completion see a module's new declarations once it changed on disk", async () => {
    write("tuning.ts", "export const speed: number = 1;\n");
    const src = 'import { speed } from "./tuning.ts";\nspeed';
    expect(await ex.inspect(src, src.length - 1)).toMatch(/speed: number/);
    write("tuning.ts", "export const speed: string = 'fast';\nexport const spin = 2;\n");
    // A modification time of its own, however fast the two writes came.
    fs.utimesSync(path.join(dir, "tuning.ts"), new Date(), new Date(Date.now() + 5000));
    expect(await ex.inspect(src, src.length - 1)).toMatch(/speed: string/);
    const comp = 'import * as tuning from "./tuning.ts";\ntuning.sp';
    expect((await ex.complete(comp, comp.length)).matches).toEqual(expect.arrayContaining(["speed", "spin"]));
  });
});
