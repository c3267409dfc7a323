import fs from "node:fs";
import { ReplabKernel } from "../jupyter/kernel.js";
import { parseCommandLine } from "./args.js";

const USAGE = "usage: replab kernel CONNECTION_FILE\n\nJupyter starts this with the connection file it wrote; run `replab install` to register the kernel.";

/** `replab kernel CONNECTION_FILE`: the process Jupyter starts (see `replab install`). */
export async function kernelCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandLine("kernel", argv, { flags: ["help"] }, USAGE);
  if (!parsed) return 2;
  const file = parsed.positional[0];
  if (!file || parsed.flags.has("help")) {
    console.error(USAGE);
    return file ? 0 : 2;
  }
  let connection: Record<string, unknown>;
  try {
    connection = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (e) {
    console.error(`replab kernel: cannot read the connection file ${file}: ${(e as Error).message}`);
    return 2;
  }
  await ReplabKernel.start(connection);
  return 0;
}
