import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as aq from "arquero";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { asTable, fromDanfo, toDanfo, writeParquet, readParquet, writeJsonl, readJsonl } from "../../lib/frames/index.js";
import { ReplabError } from "../../lib/core/index.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-frames-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("asTable", () => {
  it("accepts an arquero table, rows, a column object and a danfo DataFrame", async () => {
    const t = aq.table({ a: [1, 2], b: ["x", "y"] });
    expect(asTable(t)).toBe(t);
    const fromRows = asTable([{ a: 1, b: "x" }, { a: 2, c: true }]);
    expect(fromRows.columnNames()).toEqual(["a", "b", "c"]);
    expect(fromRows.objects()).toEqual([{ a: 1, b: "x", c: undefined }, { a: 2, b: undefined, c: true }]);
    const fromCols = asTable({ a: new Float64Array([0.5, 1.5]), b: ["p", "q"] });
    expect(fromCols.numRows()).toBe(2);
    expect(fromCols.get("a", 1)).toBe(1.5);
    const dfd = await import("danfojs-node");
    const df = new dfd.DataFrame({ x: [1, 2, 3], y: ["u", "v", "w"] });
    expect(asTable(df).objects()).toEqual([{ x: 1, y: "u" }, { x: 2, y: "v" }, { x: 3, y: "w" }]);
  }, 60_000);

  it("rejects what is not a table, naming the argument and the fix", () => {
    expect(() => asTable(42 as never)).toThrow(ReplabError);
    expect(() => asTable(42 as never)).toThrow(/asTable: x=42 is not a table; pass an arquero table/);
    expect(() => asTable([{ a: 1 }, 3] as never)).toThrow(/asTable: rows\[1\]=3 is not a row object/);
    expect(() => asTable({ a: [1, 2], b: [1] })).toThrow(/asTable: column "b" has 1 values but "a" has 2/);
    expect(() => asTable({ a: 5 } as never)).toThrow(/asTable: column "a"=5 is not an array/);
  });
});

describe("danfo adapters (danfojs-node)", () => {
  it("toDanfo and fromDanfo round-trip columns, order and dtypes; the index can be kept", async () => {
    const t = aq.table({ step: [0, 1, 2], loss: [1.5, 0.75, 0.5], tag: ["a", "<b>", "c"], ok: [true, false, true] });
    const df = toDanfo(t);
    expect(df.shape).toEqual([3, 4]);
    expect(df.columns).toEqual(["step", "loss", "tag", "ok"]);
    expect(df.dtypes).toEqual(["int32", "float32", "string", "boolean"]);
    expect(df["loss"].values).toEqual([1.5, 0.75, 0.5]);
    const back = fromDanfo(df);
    expect(back.objects()).toEqual(t.objects());
    const withIndex = fromDanfo(df, { index: "row" });
    expect(withIndex.columnNames()).toEqual(["row", "step", "loss", "tag", "ok"]);
    expect(withIndex.array("row")).toEqual([0, 1, 2]);
    // a danfo operation on the converted frame works as danfo documents it
    expect(df["loss"].mean()).toBeCloseTo((1.5 + 0.75 + 0.5) / 3, 12);
    const series = df["tag"];
    expect(fromDanfo(series).objects()).toEqual([{ tag: "a" }, { tag: "<b>" }, { tag: "c" }]);
  }, 60_000);

  it("fails clearly on non-danfo input and index name clashes", () => {
    expect(() => fromDanfo({})).toThrow(/fromDanfo: df=\[object Object\] is not a danfo DataFrame or Series/);
    const df = toDanfo({ row: [1] });
    expect(() => fromDanfo(df, { index: "row" })).toThrow(/fromDanfo: options.index="row" is already a column name/);
    expect(() => toDanfo("nope" as never)).toThrow(/toDanfo: x="nope" is not a table/);
  });
});

describe("Parquet (hyparquet-writer / hyparquet)", () => {
  it("writes a file hyparquet reads with the right physical types, and readParquet gets the table back", async () => {
    const file = path.join(dir, "sub", "rows.parquet");
    const t = aq.table({
      id: [1, 2, 3],
      score: [0.25, -1e-9, 3.5],
      f32: new Float32Array([0.5, 1.5, 2.5]),
      text: ["plain", "<script>x</script>", "ünïcødé ✓"],
      ok: [true, false, null],
      big: [2 ** 40, 1, 0],
      meta: [{ k: 1 }, { k: [2, 3] }, null],
    });
    writeParquet(t, file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 4).toString("ascii")).toBe("PAR1");
    expect(bytes.subarray(bytes.length - 4).toString("ascii")).toBe("PAR1");
    const buffer = await asyncBufferFromFile(file);
    const meta = await parquetMetadataAsync(buffer);
    expect(Number(meta.num_rows)).toBe(3);
    const types = Object.fromEntries(meta.schema.slice(1).map((s) => [s.name, s.type]));
    expect(types).toEqual({ id: "INT32", score: "DOUBLE", f32: "FLOAT", text: "BYTE_ARRAY", ok: "BOOLEAN", big: "DOUBLE", meta: "BYTE_ARRAY" });
    const raw = await parquetReadObjects({ file: buffer });
    expect(raw[1]).toMatchObject({ id: 2, score: -1e-9, f32: 1.5, text: "<script>x</script>", ok: false, big: 1 });
    const back = await readParquet(file);
    expect(back.columnNames()).toEqual(["id", "score", "f32", "text", "ok", "big", "meta"]);
    expect(back.array("text")).toEqual(["plain", "<script>x</script>", "ünïcødé ✓"]);
    expect(back.array("ok")).toEqual([true, false, null]);
    expect(back.array("big")).toEqual([2 ** 40, 1, 0]);
    expect(back.array("meta")).toEqual([{ k: 1 }, { k: [2, 3] }, null]);
  });

  it("round-trips 100k rows written from row objects", async () => {
    const file = path.join(dir, "many.parquet");
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ i, x: i / 7, s: `r${i % 13}` }));
    writeParquet(rows, file);
    const back = await readParquet(file);
    expect(back.numRows()).toBe(100_000);
    expect(back.get("x", 99_999)).toBe(99_999 / 7);
    expect(back.get("s", 12345)).toBe(`r${12345 % 13}`);
  });

  it("rejects mixed-type columns, empty tables and missing files clearly", async () => {
    expect(() => writeParquet({ a: [1, "two"] }, path.join(dir, "bad.parquet"))).toThrow(/writeParquet: column "a" mixes number and string values/);
    expect(() => writeParquet(aq.table({}), path.join(dir, "bad.parquet"))).toThrow(/writeParquet: table has no columns/);
    expect(() => writeParquet({ a: [1] }, "")).toThrow(/writeParquet: file="" is not a path/);
    await expect(readParquet(path.join(dir, "missing.parquet"))).rejects.toThrow(/readParquet: file=".*missing.parquet" does not exist/);
  });
});

describe("JSON Lines", () => {
  it("writes one JSON object per line and reads it back", () => {
    const file = path.join(dir, "j", "rows.jsonl");
    writeJsonl([{ a: 1, b: "x\ny" }, { a: 2, b: "z" }], file);
    expect(fs.readFileSync(file, "utf8")).toBe('{"a":1,"b":"x\\ny"}\n{"a":2,"b":"z"}\n');
    expect(readJsonl(file).objects()).toEqual([{ a: 1, b: "x\ny" }, { a: 2, b: "z" }]);
  });

  it("names the bad line", () => {
    const file = path.join(dir, "bad.jsonl");
    fs.writeFileSync(file, '{"a":1}\n\n{"a":\n');
    expect(() => readJsonl(file)).toThrow(/readJsonl: line 3 of .*bad.jsonl is not JSON/);
    fs.writeFileSync(file, '{"a":1}\n[1,2]\n');
    expect(() => readJsonl(file)).toThrow(/readJsonl: line 2 of .*bad.jsonl is not a JSON object/);
    expect(() => readJsonl(path.join(dir, "nope.jsonl"))).toThrow(/readJsonl: file=".*nope.jsonl" does not exist/);
  });
});
