import type { MimeBundle } from "../../lib/display/index.js";
import { ReplabError } from "../../lib/core/errors.js";

/** Where a running cell's output goes (a Jupyter session, or the notebook `replab run` fills). */
export interface OutputSink {
  stream(name: "stdout" | "stderr", text: string): void;
  display(bundle: MimeBundle, metadata: Record<string, unknown>, displayId: string | undefined, update: boolean): void;
  clear(wait: boolean): void;
  /**
   * Any IOPub message, as Deno's `Deno.jupyter.broadcast` sends it (the kernel publishes it with
   * the cell's request as parent). A sink without a front end maps the display messages onto
   * its other methods and drops the rest.
   */
  broadcast?(msgType: string, content: Record<string, unknown>, metadata: Record<string, unknown>, buffers: Uint8Array[]): void;
}

/** How a running cell asks the person at the front end for a line of input (the stdin channel). */
export interface CellStdin {
  /** Blocks the cell until the answer comes (prompt(), confirm()). */
  readSync(prompt: string, password: boolean): string;
  /** The same, without blocking (await input()). */
  read(prompt: string, password: boolean): Promise<string>;
}

/** A stdin that refuses, saying why and how to pass the value instead. */
export function refusingStdin(why: string): CellStdin {
  const refuse = (what: string): never => {
    throw new ReplabError(`${what}: ${why}; pass the value as a parameter instead: declare it in the cell tagged "parameters" and run \`replab run NOTEBOOK -p NAME VALUE\``);
  };
  return {
    readSync: (prompt) => refuse(`prompt(${JSON.stringify(prompt)})`),
    read: async (prompt) => refuse(`input(${JSON.stringify(prompt)})`),
  };
}

/** The stdin of a cell with no front end (`replab run`, an executor used on its own): it refuses, saying why. */
export const NO_FRONT_END_STDIN = refusingStdin("this notebook is running without a front end (replab run), so no one can answer");

/**
 * The cell that is running (or ran last): its sink and stdin. Output from a cell's timers and
 * callbacks goes to the last cell that ran, as in ipykernel.
 */
export const currentCell: { sink: OutputSink | null; stdin: CellStdin } = { sink: null, stdin: NO_FRONT_END_STDIN };
