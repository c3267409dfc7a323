import { ReplabError } from "../../lib/core/errors.js";

/** What a `replab` command accepts on its command line. */
export interface ArgSpec {
  /** Options that take a value: `--name VALUE` or `--name=VALUE`. */
  options?: readonly string[];
  /** Options that take none: `--name`. */
  flags?: readonly string[];
  /** Keep everything after a bare `--` in `rest`, untouched (arguments for another program). */
  rest?: boolean;
  /** Options that take two values and may repeat, `--name KEY VALUE` (papermill's `-p NAME VALUE`). */
  pairs?: readonly string[];
  /** One-letter spellings of long options: `{ p: "parameters" }` makes `-p` mean `--parameters`. */
  short?: Readonly<Record<string, string>>;
}

/** A parsed command line. */
export interface ParsedArgs {
  /** Arguments that are not options, in order. */
  positional: string[];
  /** The value of each option given (the last one when repeated). */
  options: Record<string, string>;
  /** The flags given. */
  flags: Set<string>;
  /** What followed `--` (with `rest` in the spec). */
  rest: string[];
  /** The key–value pairs of each pair option, in the order given. */
  pairs: Record<string, Array<[string, string]>>;
}

/** True when the command line asks for help (`--help` or `-h` anywhere). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes("--help") || argv.includes("-h");
}

/**
 * Parses a command line the one way every `replab` command does: `--name VALUE`, `--name=VALUE`,
 * flags `--name`, pair options `--name KEY VALUE` (repeatable) and the one-letter spellings the
 * spec names (`-p`); everything else is positional; a bare `--` ends the options when the spec
 * has `rest`. An option's value is taken as it is (it may start with `-`). Throws an Error naming
 * the argument and the options the command knows when an option is unknown or lacks a value.
 */
export function parseArgs(argv: readonly string[], spec: ArgSpec = {}): ParsedArgs {
  const known = spec.options ?? [], flagNames = spec.flags ?? [], pairNames = spec.pairs ?? [];
  const out: ParsedArgs = { positional: [], options: {}, flags: new Set(), rest: [], pairs: {} };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    if (a === "--" && spec.rest) { out.rest = argv.slice(i + 1); break; }
    if (!a.startsWith("-") || a === "-") { out.positional.push(a); continue; }
    const long = !a.startsWith("--") ? spec.short?.[a.slice(1)] : undefined;
    if (long) a = "--" + long;
    const eq = a.indexOf("=");
    const name = a.slice(a.startsWith("--") ? 2 : 1, eq < 0 ? undefined : eq);
    if (a.startsWith("--") && flagNames.includes(name)) { out.flags.add(name); continue; }
    if (a.startsWith("--") && pairNames.includes(name) && eq < 0) {
      const key = argv[i + 1], value = argv[i + 2];
      if (key === undefined || value === undefined) throw new Error(`option ${argv[i]} needs two values, NAME VALUE (got ${key === undefined ? "none" : `only ${JSON.stringify(key)}`})`);
      (out.pairs[name] ??= []).push([key, value]);
      i += 2;
      continue;
    }
    if (!a.startsWith("--") || !known.includes(name)) {
      const shortOf = (k: string) => Object.entries(spec.short ?? {}).find(([, l]) => l === k)?.[0];
      const all = [...known, ...flagNames, ...pairNames].map((k) => `--${k}${shortOf(k) ? ` (-${shortOf(k)})` : ""}`);
      throw new Error(`unknown option ${a.startsWith("--") ? "--" + name : a}; ${all.length > 0 ? `known: ${all.join(", ")}` : "this command takes no options"}`);
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`option --${name} needs a value`);
    out.options[name] = value;
  }
  return out;
}

/**
 * {@link parseArgs} for `replab COMMAND`: on a bad command line, prints
 * `replab COMMAND: <what is wrong>` and the command's usage on stderr and returns null (the
 * command then exits 2).
 */
export function parseCommandLine(command: string, argv: readonly string[], spec: ArgSpec, usage: string): ParsedArgs | null {
  try {
    return parseArgs(argv, spec);
  } catch (e) {
    console.error(`replab ${command}: ${(e as Error).message}\n\n${usage}`);
    return null;
  }
}

/**
 * The value of option `--NAME` of `replab COMMAND` as a number, when it is a positive finite one
 * (timeouts, job counts, sizes); else throws a ReplabError
 * `replab COMMAND: --NAME "VALUE" is not a positive number; pass e.g. --NAME EXAMPLE`.
 */
export function positiveOption(command: string, name: string, value: string, example: number): number {
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) {
    throw new ReplabError(`replab ${command}: --${name} ${JSON.stringify(value)} is not a positive number; pass e.g. --${name} ${example}`);
  }
  return n;
}
