import fs from "node:fs";
import path from "node:path";
import { require_ } from "../core/errors.js";
import { openRunLog, type RunLog } from "./run-log.js";

/**
 * A folder that holds one resumable run: `config.json` (the settings it was started with),
 * `log.jsonl` (its rows, appended as they come: see {@link openRunLog}) and `checkpoint-NAME.json`
 * files (state saved at safe points). Reopening the folder with the same settings resumes the
 * run; with other settings it is refused, so two runs never mix in one log.
 */
export interface RunFolder<Row extends object> {
  /** The folder. */
  readonly dir: string;
  /** The run's log (log.jsonl). */
  readonly log: RunLog<Row>;
  /** The checkpoint saved under `name`, or null when there is none. */
  readCheckpoint<T>(name: string): T | null;
  /** Saves a checkpoint under `name` atomically (written aside, then renamed over the old one). */
  writeCheckpoint(name: string, state: unknown): void;
}

/** Options for {@link openRunFolder}. */
export interface RunFolderOptions<Row> {
  /** The run's settings, compared with the folder's config.json (as JSON, one-space indent). */
  config: unknown;
  /** Identifies a log row, so a resumed run logs each row once. */
  key: (row: Row) => string;
  /** The caller and its argument, for the error when the folder holds another run (e.g. "trainContinual", "runDir"). */
  where: string;
  arg: string;
}

/**
 * Opens (or creates) a run folder: creates `dir`, writes `config.json` the first time and, when it
 * is already there, fails with a ReplabError unless it equals `config`; opens `log.jsonl`.
 */
export function openRunFolder<Row extends object>(dir: string, options: RunFolderOptions<Row>): RunFolder<Row> {
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, "config.json");
  const configText = JSON.stringify(options.config, null, 1);
  if (fs.existsSync(configFile)) {
    require_(fs.readFileSync(configFile, "utf8") === configText, options.where, options.arg, dir, "holds a run made with other settings (its config.json differs)", "resume with the same settings, or pass a new folder");
  } else {
    fs.writeFileSync(configFile, configText);
  }
  const log = openRunLog<Row>(path.join(dir, "log.jsonl"), { key: options.key });
  const checkpointFile = (name: string) => path.join(dir, `checkpoint-${name}.json`);
  return {
    dir,
    log,
    readCheckpoint<T>(name: string): T | null {
      const file = checkpointFile(name);
      return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : null;
    },
    writeCheckpoint(name: string, state: unknown): void {
      const file = checkpointFile(name);
      fs.writeFileSync(file + ".tmp", JSON.stringify(state));
      fs.renameSync(file + ".tmp", file);
    },
  };
}
