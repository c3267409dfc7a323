import { afterAll, describe, expect, it } from "vitest";
import { Executor, type ExecuteOutcome, type OutputSink } from "../../kernel/execute/executor.js";
import ts from "typescript";
import { transformCell } from "../../kernel/compile/transform.js";
import { scanCell } from "../../kernel/compile/cell-scope.js";

// The in-process executor on its own (the same engine the kernel and `replab run` use).
const ex = new Executor();
afterAll(() => ex.close());

function collect(): { sink: OutputSink; out: string[]; displays: Array<{ text: unknown; id?: string; update: boolean }> } {
  const out: string[] = [];
  const displays: Array<{ text: unknown; id?: string; update: boolean }> = [];
  return {
    out,
    displays,
    sink: {
      stream: (name, text) => out.push(`${name}:${text}`),
      display: (b, _m, id, update) => displays.push({ text: b["text/plain"], ...(id ? { id } : {}), update }),
      clear: () => out.push("clear"),
    },
  };
}

async function run(src: string, timeoutMs?: number): Promise<ExecuteOutcome> {
  return ex.execute(src, { sink: collect().sink, ...(timeoutMs ? { timeoutMs } : {}) });
}

function value(o: ExecuteOutcome): unknown {
  if (o.status !== "ok") throw new Error(`cell failed: ${o.traceback.join("\n")}`);
  return o.result?.["text/plain"];
}

describe("Executor", () => {
  it("keeps top-level let/const/function/class/destructuring across cells", async () => {
    value(await run("let n: number = 2;\nconst { a, b: [c] } = { a: 3, b: [4] };\nfunction times(k: number) { return k * n; }\nclass Box { constructor(public v: number) {} }"));
    expect(value(await run("times(a) + c + new Box(5).v"))).toBe("15");
  });

  it("a top-level loop over a top-level let computes the same as the loop in a block", async () => {
    const top = value(await run("let total = 0;\nfor (let i = 0; i < 100000; i++) { total += i % 7; }\ntotal"));
    const block = value(await run("let fromBlock = 0;\n{ let t = 0; for (let i = 0; i < 100000; i++) { t += i % 7; } fromBlock = t; }\nfromBlock"));
    expect(top).toBe(block);
    expect(top).toBe(String(Array.from({ length: 100000 }, (_, i) => i % 7).reduce((s, x) => s + x, 0)));
  });

  it("closures see the live top-level bindings of their own and later cells", async () => {
    value(await run("let count = 0;\nfunction inc() { count++; }\nconst get = () => count;"));
    expect(value(await run("inc(); inc(); count"))).toBe("2");
    expect(value(await run("count += 10; inc(); [count, get()]"))).toBe("[ 13, 13 ]");
    value(await run("let acc = 0;\nfor (let i = 1; i <= 4; i++) acc += i;"));
    expect(value(await run("const readAcc = () => acc;\nacc += 100;\nreadAcc()"))).toBe("110");
  });

  it("values assigned before a throw are kept", async () => {
    expect((await run('let partial = 1;\nfor (let i = 0; i < 3; i++) partial += 1;\nthrow new Error("late");')).status).toBe("error");
    expect(value(await run("partial"))).toBe("4");
  });

  it("re-declares a top-level let in a later cell and re-runs a declaring cell", async () => {
    value(await run("let re = 1;"));
    expect(value(await run('let re = "two";\nre'))).toBe("'two'");
    expect(value(await run("const again = 5; again"))).toBe("5");
    expect(value(await run("const again = 5; again"))).toBe("5");
  });

  it("a cell that throws leaves its names usable (no temporal dead zone)", async () => {
    const o = await run('let tdz = 1;\nthrow new Error("stop");\nlet later = 2;');
    expect(o.status).toBe("error");
    expect(value(await run("tdz"))).toBe("1");
    expect(value(await run("let later = 3; later"))).toBe("3");
  });

  it("maps a runtime error to the cell's own line through the source map", async () => {
    const o = await run("type T = { v: number };\ninterface U { w: string }\nconst t: T = { v: 1 };\nif (t.v) {\n  throw new TypeError(`bad ${t.v}`);\n}");
    expect(o.status).toBe("error");
    if (o.status !== "error") return;
    expect(o.ename).toBe("TypeError");
    expect(o.evalue).toBe("bad 1");
    expect(o.traceback.join("\n")).toContain("line 5, column 9");
    expect(o.traceback.join("\n")).not.toMatch(/kernel[/\\]executor|node:internal/);
  });

  it("reports a type error with tslab's line:column and does not run the cell", async () => {
    const c = collect();
    const o = await ex.execute('console.log("ran");\nconst s: string = 1;', { sink: c.sink });
    expect(o.status).toBe("error");
    if (o.status === "error") {
      expect(o.ename).toBe("TSError");
      expect(o.evalue).toBe("2:7 - Type 'number' is not assignable to type 'string'.");
    }
    expect(c.out).toEqual([]);
  });

  it("awaits at top level and shows a promise's value", async () => {
    expect(value(await run("const later = await new Promise<number>((r) => setTimeout(() => r(7), 5));\nlater * 2"))).toBe("14");
    expect(value(await run("Promise.resolve(41 + 1)"))).toBe("42");
    expect(value(await run("later"))).toBe("7");
  });

  it("imports packages and replab subpaths by name", async () => {
    expect(value(await run('import * as aq from "arquero";\nimport { rng } from "replab/core";\nconst g = rng(1);\naq.table({ x: [1, 2, 3] }).numRows()'))).toBe("3");
    expect(typeof Number(value(await run("g.next()")))).toBe("number");
  });

  it("sends stdout, display and update_display_data to the sink", async () => {
    const c = collect();
    const o = await ex.execute('process.stdout.write("hi\\n");\nconst h = display(1, { id: "fixed" });\nh.update(2);\nprocess.stderr.write("err\\n");', { sink: c.sink });
    expect(o.status).toBe("ok");
    expect(c.out).toEqual(["stdout:hi\n", "stderr:err\n"]);
    expect(c.displays).toEqual([{ text: "1", id: "fixed", update: false }, { text: "2", id: "fixed", update: true }]);
  });

  it("stops a while(true) cell at its timeout and keeps earlier variables", async () => {
    value(await run("let survivor = 11;"));
    const o = await run("while (true) {}", 300);
    expect(o.status).toBe("error");
    if (o.status === "error") expect(o.ename).toBe("Timeout");
    const a = await run("await new Promise(() => {});", 300);
    expect(a.status).toBe("error");
    // After an await the loop runs outside the vm's timeout: the watchdog thread's flag stops it.
    const b = await run("await null;\nlet spun = 0;\nwhile (true) { spun++; }", 300);
    expect(b.status === "error" && b.ename).toBe("Timeout");
    expect(value(await run("survivor"))).toBe("11");
  });

  it("refuses a top-level name that would replace a Node global", async () => {
    const o = await run("const process = 1;");
    expect(o.status).toBe("error");
    if (o.status === "error") expect(o.evalue).toMatch(/'process' would replace Node's global/);
    expect(typeof process.pid).toBe("number");
  });

  it("allows a top-level type named as a Node global (types replace nothing), still refuses the value", async () => {
    expect(value(await run("interface Response { ok: boolean }\ntype URL = string;\nconst seen: Response = { ok: true };\nseen.ok"))).toBe("true");
    expect((await run("import type { Blob } from 'node:buffer';")).status).toBe("ok");
    expect(typeof globalThis.Response).toBe("function");
    const o = await run("const URL = 1;");
    expect(o.status === "error" && o.evalue).toMatch(/'URL' would replace Node's global/);
    const merged = await run("const Blob = 2;\ninterface Blob { size: number }");
    expect(merged.status === "error" && merged.evalue).toMatch(/'Blob' would replace Node's global/);
    expect(typeof URL).toBe("function");
  });

  it("a cell whose imports are all type-only still shows its last value", async () => {
    expect(value(await run("import type { Buffer as B } from 'node:buffer';\nconst n: number = 41;\nn + 1"))).toBe("42");
  });

  it("shows a last value as Node's util.inspect: strings quoted, rich bundles unchanged", async () => {
    expect(value(await run('"42"'))).toBe("'42'");
    expect(value(await run("42"))).toBe("42");
    expect(value(await run("const s: string = 'ab'; s + 'c'"))).toBe("'abc'");
    const rich = await run('({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<b>x</b>", "text/plain": "x" }) })');
    expect(rich.status === "ok" && rich.result).toEqual({ "text/html": "<b>x</b>", "text/plain": "x" });
  });

  it("types Deno's Jupyter API and the input functions for the checker", async () => {
    const wrong = await run('await Deno.jupyter.display(1, { raw: "yes" });');
    expect(wrong.status === "error" && wrong.evalue).toMatch(/^1:33 - Type 'string' is not assignable to type 'boolean'/);
    const typo = await run("Deno.jupyter.dispaly(1)");
    expect(typo.status === "error" && typo.evalue).toMatch(/Property 'dispaly' does not exist/);
    expect(value(await run("const md: string = (await Deno.jupyter.format(Deno.jupyter.md`**x**`))['text/markdown'] as string;\nmd"))).toBe("'**x**'");
    const badPrompt = await run("const n: number = prompt('How many?');");
    expect(badPrompt.status === "error" && badPrompt.evalue).toMatch(/Type 'string' is not assignable to type 'number'/);
  });

  it("prompt() and input() without a front end fail in one line saying how to pass the value", async () => {
    value(await run("let keptBeforePrompt = 3;"));
    for (const code of ['const who = prompt("Your name?");', 'const token = await input({ prompt: "Token", password: true });']) {
      const o = await run(code);
      expect(o.status).toBe("error");
      if (o.status !== "error") continue;
      expect(o.ename).toBe("ReplabError");
      expect(o.evalue).toMatch(/running without a front end \(replab run\).*replab run NOTEBOOK -p NAME VALUE/);
      expect(o.evalue).not.toContain("\n");
    }
    expect(value(await run("keptBeforePrompt"))).toBe("3");
  });

  it("enums and namespaces survive into later cells", async () => {
    value(await run("enum Color { Red, Green }"));
    expect(value(await run("Color.Green"))).toBe("1");
  });
});

describe("transformCell", () => {
  it("keeps every line where it was and declares only new names", () => {
    const src = "let a = 1;\n\nconst b = 2, c = 3;\nfunction f() { return a; }\nconst K = class {};\nf()";
    const t = transformCell(src, 1, new Set(["a"]));
    expect(t.names.sort()).toEqual(["K", "a", "b", "c", "f"]);
    // The rewrite adds no line to TypeScript's output (only the closing brace of the cell's block),
    // so the source map of the transpiled cell still gives the cell's lines.
    const plain = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const lines = t.code.split("\n");
    expect(lines.length).toBe(plain.split("\n").length + 1);
    expect(lines.findIndex((l) => l.includes("function f()"))).toBe(plain.split("\n").findIndex((l) => l.includes("function f()")));
    expect(t.code.startsWith('"use strict";let b, c, f, K;')).toBe(true);
    expect(t.isAsync).toBe(false);
  });
});

describe("scanCell", () => {
  it("counts names a cell uses, not property names, and blanks its exports in place", () => {
    const src = "export const o = { loss: 1 };\nobj.model(o.loss);\ninterface Cfg { lr: number; step(): void }\nexport { o as p };";
    const scan = scanCell(src);
    expect([...scan.identifiers].sort()).toEqual(["Cfg", "o", "obj", "p"]);
    expect(scan.source.length).toBe(src.length);
    expect(scan.source.split("\n").map((l) => l.trimEnd())).toEqual(["       const o = { loss: 1 };", "obj.model(o.loss);", "interface Cfg { lr: number; step(): void }", ""]);
  });
});
