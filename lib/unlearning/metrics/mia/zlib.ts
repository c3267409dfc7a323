import zlib from "node:zlib";
import { require_ } from "../../../core/errors.js";

/**
 * zlib ratio (Carlini et al. 2021, "Extracting Training Data from Large Language Models"), as
 * open-unlearning's ZLIBAttack: the sample's mean token loss divided by the length in bytes of
 * its zlib-compressed UTF-8 text (`len(zlib.compress(text))`, default level). Members score lower.
 */
export function miaZlib(avgLosses: ArrayLike<number>, texts: readonly string[]): Float64Array {
  require_(avgLosses.length === texts.length, "miaZlib", "texts.length", texts.length, `is not the ${avgLosses.length} losses`, "pass one text per loss");
  return Float64Array.from({ length: texts.length }, (_, i) => {
    const l = avgLosses[i]!;
    require_(Number.isFinite(l), "miaZlib", `avgLosses[${i}]`, l, "is not a finite number", "pass finite mean losses");
    return l / zlib.deflateSync(Buffer.from(texts[i]!, "utf8")).length;
  });
}
