import ts from "typescript";
import type { Edit } from "../cell-syntax.js";

/**
 * Pass 2 (async cells only): every loop body starts with a check of the stop flag. An async
 * cell's code runs outside runInThisContext once it awaits, where neither SIGINT's
 * breakOnSigint nor the vm timeout can reach it: its loops check a flag that the kernel's
 * ZeroMQ thread (interrupt_request) or a watchdog thread (timeout) sets.
 */
export function loopCheckEdits(sf: ts.SourceFile, helper: string, edits: Edit[]): void {
  const check = `{if (${helper}.flag[0] !== 0) ${helper}.halt();`;
  const visitLoops = (n: ts.Node): void => {
    if (ts.isIterationStatement(n, false)) {
      const body = n.statement;
      edits.push({ pos: body.getStart(sf), end: body.getStart(sf), text: check });
      edits.push({ pos: body.end, end: body.end, text: "}" });
    }
    ts.forEachChild(n, visitLoops);
  };
  visitLoops(sf);
}
