import { createRequire } from "node:module";
import { packageVersion } from "../package-root.js";

const require = createRequire(import.meta.url);

/** kernel_info_reply content: protocol 5.3, TypeScript language_info, with status. */
export function kernelInfo(): Record<string, unknown> {
  let tsVersion = "";
  try {
    tsVersion = (require("@tslab/typescript-for-tslab/package.json") as { version: string }).version;
  } catch {
    tsVersion = "";
  }
  return {
    status: "ok",
    protocol_version: "5.3",
    implementation: "replab",
    implementation_version: packageVersion(),
    language_info: {
      name: "typescript",
      version: tsVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
      nbconvert_exporter: "script",
      // As tslab found: `mode` is what JupyterLab reads, `name` + `typescript` what the classic Notebook's CodeMirror reads.
      codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
    },
    banner: `replab ${packageVersion()}: TypeScript on Node ${process.version}, post-training science in notebooks`,
    help_links: [{ text: "replab README", url: "https://github.com/replab/replab#readme" }],
    debugger: false,
  };
}

