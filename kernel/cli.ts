#!/usr/bin/env node
import { COMMANDS } from "./cli/commands.js";
import { packageVersion } from "./package-root.js";

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  replab ${c.summary.startsWith(name) ? c.summary : `${name}  ${c.summary}`}`);
  return `replab ${packageVersion()}: a Jupyter kernel for TypeScript and notebook cells for post-training science\n\nusage:\n${lines.join("\n")}\n  replab --help | --version\n\nEach command takes --help.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") { console.log(usage()); return name === undefined ? 2 : 0; }
  if (name === "--version" || name === "-V") { console.log(packageVersion()); return 0; }
  const entry = COMMANDS[name];
  if (!entry) { console.error(`replab: unknown command ${JSON.stringify(name)}\n\n${usage()}`); return 2; }
  const command = await entry.load();
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => { if (code !== 0 || !["kernel"].includes(process.argv[2] ?? "")) process.exit(code); },
  (err: unknown) => { console.error(`replab: ${err instanceof Error ? err.stack ?? err.message : String(err)}`); process.exit(1); },
);
