/**
 * The `replab` sub-commands. Adding one is one line: a name, a summary for `--help`, and a
 * loader that imports its module only when it runs (so `replab run` never loads ZeroMQ).
 */
export interface CommandEntry {
  summary: string;
  load: () => Promise<(argv: string[]) => Promise<number>>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  run: { summary: "run NOTEBOOK [--html FILE] [--timeout S]   execute a notebook headless, save its outputs", load: async () => (await import("./run.js")).runCommand },
  report: { summary: "report [--out FILE] [--only NAME,…] [--check]  run the replications, write REPLICATIONS.md and figures", load: async () => (await import("./report.js")).reportCommand },
  kernel: { summary: "kernel CONNECTION_FILE                     the Jupyter kernel (Jupyter starts it)", load: async () => (await import("./kernel.js")).kernelCommand },
  install: { summary: "install [--prefix DIR | --data-dir DIR]     write the replab kernelspec for Jupyter", load: async () => (await import("./install.js")).installCommand },
  serve: { summary: "serve (--tabular F | --module F) [--port N]   an OpenAI-compatible server for a replab policy", load: async () => (await import("./serve.js")).serveCommand },
  grade: { summary: "grade DIR [--csv FILE]                     run every student notebook in DIR, print the grade table", load: async () => (await import("./grade.js")).gradeCommand },
  student: { summary: "student SOLUTIONS_DIR OUT_DIR [--check]    write the student versions of lab notebooks", load: async () => (await import("./student.js")).studentCommand },
  lab: { summary: "lab [DIR]                                  install the kernelspec, start Jupyter on notebooks/", load: async () => (await import("./lab.js")).labCommand },
};
