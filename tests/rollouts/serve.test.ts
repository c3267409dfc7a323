import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OpenAIPolicy } from "../../lib/rollouts/index.js";

// `replab serve` as a real child process (the built dist/kernel/cli/serve.js; `npm test` builds first),
// queried over HTTP by the client, then stopped with SIGTERM.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const serveJs = path.join(root, "dist/kernel/cli/serve.js");

describe("replab serve", () => {
  it("serves a tabular policy from a JSON file until SIGTERM", async () => {
    expect(fs.existsSync(serveJs), "run `npx tsc -p tsconfig.json` first").toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-serve-"));
    const file = path.join(dir, "toy.json");
    fs.writeFileSync(file, JSON.stringify([{ id: "1+1=", answers: ["2", "3"], rewards: [1, 0], logits: [3, 0] }]));
    const child = spawn(process.execPath, [serveJs, "--tabular", file, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => { out += d; const m = /listening on (\S+) \(model toy\)/.exec(out); if (m) resolve(m[1]!); });
        child.stderr.on("data", (d: Buffer) => { out += d; });
        child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const client = new OpenAIPolicy({ baseURL: url, model: "toy" });
      const [g] = await client.sample(["1+1="], { n: 20, seed: 4 });
      expect(g).toHaveLength(20);
      expect(g!.filter((c) => c.text === "2").length).toBeGreaterThan(12);
      const chat = new OpenAIPolicy({ baseURL: url, model: "toy", endpoint: "chat" });
      expect((await chat.sample(["1+1="], { n: 1, temperature: 0 }))[0]![0]!.text).toBe("2");
    } finally {
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });
  it("serves a policy from an ES module through the replab command line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-serve-"));
    const mod = path.join(dir, "policy.mjs");
    fs.writeFileSync(mod, `import { TabularPolicy } from ${JSON.stringify(path.join(root, "dist/lib/rollouts/index.js"))};
export default () => new TabularPolicy([{ id: "hi", answers: ["hello"], rewards: [1] }], { name: "greeter" });\n`);
    const child = spawn(process.execPath, [path.join(root, "dist/kernel/cli.js"), "serve", "--module", mod, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => { out += d; const m = /listening on (\S+) \(model greeter\)/.exec(out); if (m) resolve(m[1]!); });
        child.stderr.on("data", (d: Buffer) => { out += d; });
        child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const chat = new OpenAIPolicy({ baseURL: url, model: "greeter", endpoint: "chat" });
      expect((await chat.chat([{ role: "system", content: "be nice" }, { role: "user", content: "hi" }], { n: 2 })).map((c) => c.text)).toEqual(["hello", "hello"]);
    } finally {
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    }
  });
  it("explains a missing policy", async () => {
    const child = spawn(process.execPath, [serveJs, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => { err += d; });
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/say which policy to serve with --tabular or --module/);
  });
});
