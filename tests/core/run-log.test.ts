import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { openRunLog, loadDigits } from "../../lib/frames/index.js";
import { ReplabError } from "../../lib/core/index.js";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "replab-runlog-"));
const fixture = JSON.parse(fs.readFileSync(new URL("./fixtures/core.json", import.meta.url), "utf8"));

describe("openRunLog", () => {
  it("appends rows to disk and reads them back when reopened", () => {
    const file = path.join(tmp(), "sub", "rows.jsonl");
    const log = openRunLog<{ i: number }>(file);
    log.append([{ i: 1 }, { i: 2 }]);
    log.append({ i: 3 });
    expect(openRunLog<{ i: number }>(file).rows()).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
  });

  it("never writes a keyed row twice, across reopenings", () => {
    const file = path.join(tmp(), "rows.jsonl");
    const key = (r: { id: string }) => r.id;
    openRunLog(file, { key }).append([{ id: "a" }, { id: "b" }]);
    const again = openRunLog(file, { key });
    expect(again.has("a")).toBe(true);
    again.append([{ id: "b" }, { id: "c" }, { id: "c" }]);
    expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(3);
  });

  it("drops a torn last line left by a crash and carries on", () => {
    const file = path.join(tmp(), "rows.jsonl");
    fs.writeFileSync(file, '{"i":1}\n{"i":2}\n{"i":');
    const log = openRunLog<{ i: number }>(file);
    expect(log.rows()).toEqual([{ i: 1 }, { i: 2 }]);
    log.append({ i: 3 });
    expect(openRunLog<{ i: number }>(file).rows()).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
  });

  it("keeps every finished row when a real process is killed mid-run, and resumes without duplicates", async () => {
    const dir = tmp();
    const file = path.join(dir, "rows.jsonl");
    const moduleUrl = new URL("../../dist/lib/frames/index.js", import.meta.url).href;
    const script = `
      const { openRunLog } = await import(${JSON.stringify(moduleUrl)});
      const log = openRunLog(${JSON.stringify(file)}, { key: (r) => String(r.i) });
      for (let i = 0; i < 100000; i++) {
        if (log.has(String(i))) continue;
        log.append({ i });
        if (i === 50 && !process.env.RESUME) { process.stdout.write("half\\n"); await new Promise(() => setInterval(() => {}, 1000)); }
      }`;
    if (!fs.existsSync(new URL("../../dist/lib/frames/index.js", import.meta.url))) throw new Error("build first: npx tsc -p tsconfig.json");
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d) => String(d).includes("half") && resolve()));
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    expect(openRunLog(file).rows()).toHaveLength(51);
    const resumed = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "inherit", env: { ...process.env, RESUME: "1" } });
    await new Promise((r) => resumed.on("exit", r));
    const rows = openRunLog<{ i: number }>(file).rows();
    expect(rows).toHaveLength(100000);
    expect(new Set(rows.map((r) => r.i)).size).toBe(100000);
  });

  it("rejects a missing path and a file damaged in the middle", () => {
    expect(() => openRunLog("")).toThrow(ReplabError);
    const file = path.join(tmp(), "bad.jsonl");
    fs.writeFileSync(file, '{"i":1}\nnot json\n{"i":2}\n');
    expect(() => openRunLog(file)).toThrow(/line 2 .* is not JSON/);
  });
});

describe("loadDigits", () => {
  it("matches scikit-learn's load_digits: size, class counts and pixel sums", () => {
    const d = loadDigits();
    expect(d.n).toBe(fixture.digits.n);
    const counts = new Array(10).fill(0);
    for (const y of d.y) counts[y]++;
    expect(counts).toEqual(fixture.digits.classCounts);
    fixture.digits.firstRowsPixelSums.forEach((sum: number, i: number) => {
      let s = 0;
      for (let j = 0; j < 64; j++) s += d.x[i * 64 + j]! * 16;
      expect(s).toBeCloseTo(sum, 4);
    });
  });
});
