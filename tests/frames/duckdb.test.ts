// DuckDB — the real engine, @duckdb/node-api — reads what replab writes: a continual run folder's
// JSONL log, a rollout run log, and their tables written as Parquet, row for row.
import { beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { initBackend } from "../../lib/core/index.js";
import { loadDigits, writeParquet } from "../../lib/frames/index.js";
import { createMlpSync, splitTaskStream, trainContinual, continualMetrics } from "../../lib/continual/index.js";
import { TabularPolicy, sampleRollouts } from "../../lib/rollouts/index.js";
// @ts-expect-error plain JS helper shared with the rollout tests
import { makePolicy, makePrompts } from "../rollouts/fixtures/rollout-setup.mjs";

/** DuckDB's rows as plain JS: its BIGINTs (what read_json_auto infers for whole numbers) as numbers. */
const plain = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));

describe("DuckDB reads replab's run folders and Parquet files", () => {
  let dir: string, con: DuckDBConnection;
  const sql = async (q: string) => plain((await con.runAndReadAll(q)).getRowObjectsJS() as Array<Record<string, unknown>>);
  beforeAll(async () => {
    await initBackend();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-duckdb-"));
    con = await (await DuckDBInstance.create(":memory:")).connect();
  });

  it("a continual run folder: log.jsonl as written, and the log table as Parquet", async () => {
    const runDir = path.join(dir, "continual");
    const model = createMlpSync({ sizes: [64, 16, 10], seed: 1 });
    const run = trainContinual({ model, stream: splitTaskStream(loadDigits(), { seed: 3, taskClasses: [[0, 1], [2, 3]] }), stepsPerTask: 4, evalEvery: 2, seed: 5, progress: false, evalSize: 20, runDir });
    model.dispose();
    writeParquet(run.log, path.join(runDir, "log.parquet"));
    const order = "ORDER BY iteration, trainTask, evalTask";
    const want = (run.log.orderby("iteration", "trainTask", "evalTask").objects() as Array<Record<string, unknown>>);
    const fromJsonl = await sql(`SELECT * FROM read_json_auto('${runDir}/log.jsonl') ${order}`);
    const fromParquet = await sql(`SELECT * FROM read_parquet('${runDir}/log.parquet') ${order}`);
    expect(fromJsonl).toEqual(want);
    expect(fromParquet).toEqual(want);
    // the README's query: min-ACC by SQL equals replab's
    const [{ min_acc }] = await sql(`SELECT avg(m) AS min_acc FROM (SELECT evalTask, min(accuracy) AS m FROM read_parquet('${runDir}/log.parquet') WHERE trainTask > evalTask GROUP BY evalTask)`) as Array<{ min_acc: number }>;
    expect(min_acc).toBeCloseTo(continualMetrics(run.log).minAcc!, 15);
  });

  it("a rollout run log and its Parquet copy, nulls included", async () => {
    const pol = makePolicy(TabularPolicy, 0);
    const log = path.join(dir, "rollouts", "rows.jsonl");
    const t = await sampleRollouts(pol, makePrompts().slice(0, 4), { n: 3, seed: 1, log, reward: (c, p) => pol.reward(p.prompt_id, c.text) });
    writeParquet(t, path.join(dir, "rollouts", "rows.parquet"));
    const want = t.objects() as Array<Record<string, unknown>>;
    const order = "ORDER BY prompt_id, sample";
    const sorted = [...want].sort((a, b) => String(a.prompt_id).localeCompare(String(b.prompt_id)) || Number(a.sample) - Number(b.sample));
    expect(await sql(`SELECT * FROM read_json_auto('${log}') ${order}`)).toEqual(sorted);
    expect(await sql(`SELECT * FROM read_parquet('${dir}/rollouts/rows.parquet') ${order}`)).toEqual(sorted);
    const [{ solved }] = await sql(`SELECT count(*) AS solved FROM (SELECT prompt_id FROM read_parquet('${dir}/rollouts/rows.parquet') GROUP BY prompt_id HAVING max(reward) > 0)`) as Array<{ solved: number }>;
    expect(solved).toBe(new Set(want.filter((r) => Number(r.reward) > 0).map((r) => r.prompt_id)).size);
  });
});
