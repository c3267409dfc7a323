import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs, wantsHelp } from "./args.js";
import { TabularPolicy, startPolicyServer, type Policy, type TabularPrompt } from "../../lib/rollouts/index.js";

const USAGE = `usage: replab serve (--tabular PROMPTS.json | --module POLICY.js) [--port 8000] [--host 127.0.0.1] [--model NAME]

Serves a replab policy through the OpenAI API (/v1/models, /v1/completions, /v1/chat/completions).
  --tabular FILE  a JSON list of {id, answers, rewards, logits?} (a TabularPolicy), or
                  {"prompts": [...], "tieAnswers": true}
  --module FILE   an ES module whose default export is a Policy, or a (possibly async) function returning one
  --port N        port to listen on (default 8000; 0 = any free port)
  --host H        interface (default 127.0.0.1)
  --model NAME    the model id to report (default: the policy's name)
Stops on Ctrl-C (SIGINT) or SIGTERM.`;

function parseServeArgs(argv: string[]): Record<string, string> {
  let parsed;
  try {
    parsed = parseArgs(argv, { options: ["tabular", "module", "port", "host", "model"] });
  } catch (e) {
    throw new Error(`replab serve: ${(e as Error).message}\n${USAGE}`);
  }
  const extra = parsed.positional[0];
  if (extra !== undefined) throw new Error(`replab serve: unexpected argument ${JSON.stringify(extra)}\n${USAGE}`);
  return parsed.options;
}

async function loadPolicy(args: Record<string, string>): Promise<Policy> {
  if (args.tabular) {
    const json = JSON.parse(fs.readFileSync(args.tabular, "utf8")) as TabularPrompt[] | { prompts: TabularPrompt[]; tieAnswers?: boolean; name?: string };
    const spec = Array.isArray(json) ? { prompts: json } : json;
    return new TabularPolicy(spec.prompts, { tieAnswers: !Array.isArray(json) && json.tieAnswers, name: (!Array.isArray(json) && json.name) || path.basename(args.tabular, ".json") });
  }
  if (args.module) {
    const mod = (await import(pathToFileURL(path.resolve(args.module)).href)) as { default?: unknown };
    const exported = typeof mod.default === "function" ? await (mod.default as () => unknown)() : mod.default;
    if (!exported || typeof (exported as Policy).sample !== "function") throw new Error(`replab serve: ${args.module} has no default export that is a Policy (an object with sample(prompts, options)) or a function returning one`);
    return exported as Policy;
  }
  throw new Error(`replab serve: say which policy to serve with --tabular or --module\n${USAGE}`);
}

/**
 * `replab serve`: exposes a replab policy through the OpenAI-compatible API (see
 * `startPolicyServer` in replab/rollouts) until SIGINT/SIGTERM. Prints
 * `replab serve: listening on URL (model NAME)` once ready. Returns the exit code.
 */
export async function serveCommand(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) { console.log(USAGE); return 0; }
  let args: Record<string, string>;
  try { args = parseServeArgs(argv); } catch (e) { console.error((e as Error).message); return 2; }
  let policy: Policy;
  try { policy = await loadPolicy(args); } catch (e) { console.error((e as Error).message); return 2; }
  const port = args.port === undefined ? 8000 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error(`replab serve: --port ${args.port} is not a port number; use 0–65535`); return 2; }
  let server;
  try {
    server = await startPolicyServer(policy, { port, host: args.host ?? "127.0.0.1", model: args.model });
  } catch (e) {
    console.error(`replab serve: could not listen on ${args.host ?? "127.0.0.1"}:${port}: ${(e as Error).message}`);
    return 1;
  }
  console.log(`replab serve: listening on ${server.url} (model ${server.model})`);
  await new Promise<void>((resolve) => {
    const stop = () => { process.off("SIGINT", stop); process.off("SIGTERM", stop); resolve(); };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await server.close();
  return 0;
}

// Run directly: node dist/kernel/cli/serve.js ARGS (the `replab` command line also dispatches here).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  serveCommand(process.argv.slice(2)).then((code) => process.exit(code));
}
