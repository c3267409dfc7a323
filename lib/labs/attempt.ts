import { display } from "../display/index.js";
import { escapeHtml } from "../core/index.js";
import { describeThrown, isTodoStub } from "./describe-thrown.js";

/**
 * Runs a computation built on a student's unfinished code (a plot, a table) without letting it
 * fail the cell: returns its value, or `undefined` after displaying one grey line
 * ("finish exercise 4 to see this: …") when it throws or gives `undefined`. Keeps student
 * notebooks running from top to bottom while exercises are still TODO.
 */
export async function attempt<T>(compute: () => T | Promise<T>, needs: string): Promise<T | undefined> {
  let why: string;
  try {
    const value = await compute();
    if (value !== undefined) return value;
    why = "it is not done yet";
  } catch (thrown) {
    why = isTodoStub(thrown) ? "it is not done yet" : `it threw ${describeThrown(thrown)}`;
  }
  const text = `(finish ${needs} to see this: ${why})`;
  display({ [Symbol.for("Jupyter.display")]: () => ({ "text/plain": text, "text/html": `<div style="color:#777;font-style:italic">${escapeHtml(text)}</div>` }) });
  return undefined;
}
