import * as tf from "@tensorflow/tfjs";
import os from "node:os";
import { createRequire } from "node:module";
import { initBackend, webgpuOutcome } from "./backend.js";
import { getSeed } from "./rng.js";
import { escapeHtml } from "./html.js";

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** What ran a notebook: versions, tensor backend, threads and seed. Renders as a table in Jupyter. */
export interface EnvironmentCard {
  replab: string;
  node: string;
  tfjs: string;
  backend: string;
  threads: number;
  platform: string;
  seed: number;
  [key: string]: string | number;
}


/** Rows other layers add to the card (replab/models: the MLP's engine), asked for each time the card is made. */
const extraRows: Array<() => Record<string, string | number>> = [];

/**
 * Adds rows to every {@link environment} card from now on: `rows()` is called each time a card is
 * made. For layers above core that choose something a result depends on (replab/models registers
 * the MLP step's engine when it is imported).
 */
export function addEnvironmentRows(rows: () => Record<string, string | number>): void {
  extraRows.push(rows);
}

/** The WebGPU rows of the card: the adapter the backend runs on, or why the choice passed webgpu over. */
function webgpuRows(): Record<string, string> {
  const w = webgpuOutcome();
  if (!w) return {};
  const rows: Record<string, string> = w.started ? {} : { webgpu: w.reason };
  if (w.adapter) {
    const a = w.adapter;
    rows.gpuAdapter = `${a.vendor} ${a.architecture} · ${a.description}`;
    rows.gpuSoftware = a.software ? "yes: a CPU implementation, not a GPU" : "no";
    rows.gpuLimits = Object.entries(a.limits).map(([k, v]) => `${k}=${v}`).join(", ");
  }
  return rows;
}

/**
 * The environment card: replab, Node and tfjs versions, the chosen backend (docs/ARCHITECTURE.md, tensor backends), CPU threads,
 * platform and the session seed; with webgpu, the adapter (vendor, architecture, description,
 * whether it is software, its limits) or why webgpu was passed over; and the rows other layers
 * add ({@link addEnvironmentRows}: `mlpEngine` once replab/models is loaded). As a cell's last
 * value it renders as a table.
 */
export async function environment(): Promise<EnvironmentCard> {
  const backend = await initBackend();
  const card: EnvironmentCard = {
    replab: versionOf("replab"),
    node: process.version,
    tfjs: versionOf("@tensorflow/tfjs"),
    backend,
    threads: os.availableParallelism(),
    platform: `${os.platform()} ${os.arch()}`,
    seed: getSeed(),
  };
  if (backend === "wasm") {
    const wasm = (await import("@tensorflow/tfjs-backend-wasm")) as { getThreadsCount?: () => number };
    card.wasmThreads = wasm.getThreadsCount?.() ?? 1;
    card.wasmSimd = String(tf.env().getBool("WASM_HAS_SIMD_SUPPORT"));
  }
  Object.assign(card, webgpuRows());
  for (const rows of extraRows) Object.assign(card, rows());
  Object.defineProperty(card, Symbol.for("Jupyter.display"), {
    enumerable: false,
    value: () => {
      const rows = Object.entries(card).map(([k, v]) => `<tr><th style="text-align:left">${escapeHtml(k)}</th><td style="text-align:left">${escapeHtml(String(v))}</td></tr>`);
      return {
        "text/plain": Object.entries(card).map(([k, v]) => `${k.padEnd(11)} ${v}`).join("\n"),
        "text/html": `<table class="replab-environment">${rows.join("")}</table>`,
      };
    },
  });
  return card;
}
