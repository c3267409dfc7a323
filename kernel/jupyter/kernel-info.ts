import { createRequire } from "node:module";
import { packageVersion } from "../package-root.js";
import { PROTOCOL_VERSION } from "./wire.js";

const require = createRequire(import.meta.url);

/**
 * kernel_info_reply content, in the shapes the protocol's typed clients accept (runtimed's
 * `jupyter-protocol`, which the kernel test bed uses, rejects anything else): `codemirror_mode` is
 * a string (JupyterLab and the classic Notebook both look "typescript" up by name), and
 * `supported_features` names the optional features replab has (JEP 92).
 */
export function kernelInfo(): Record<string, unknown> {
  let tsVersion = "";
  try {
    tsVersion = (require("typescript/package.json") as { version: string }).version;
  } catch {
    tsVersion = "";
  }
  return {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "replab",
    implementation_version: packageVersion(),
    language_info: {
      name: "typescript",
      version: tsVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
      nbconvert_exporter: "script",
      codemirror_mode: "typescript",
    },
    banner: `replab ${packageVersion()}: TypeScript on Node ${process.version}, post-training science in notebooks`,
    help_links: [{ text: "replab README", url: "https://github.com/replab/replab#readme" }],
    debugger: false,
    supported_features: ["iopub_welcome"],
  };
}

