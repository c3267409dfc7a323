import { escapeHtml } from "../../lib/core/index.js";
import { cellSource, type Notebook, type NotebookOutput } from "./nbformat.js";

// Terminal colour codes (some libraries print them) are dropped in the HTML page.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function inlineMarkdown(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*]+)\*/g, "<em>$1</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/** A small Markdown subset (headings, lists, code blocks, paragraphs, inline code/bold/links). */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  const lines = md.split("\n");
  let para: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${inlineMarkdown(para.join(" "))}</p>`);
    if (list.length) out.push(`<ul>${list.map((l) => `<li>${inlineMarkdown(l)}</li>`).join("")}</ul>`);
    para = [];
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("```")) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) code.push(lines[i]!);
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) { flush(); out.push(`<h${h[1]!.length}>${inlineMarkdown(h[2]!)}</h${h[1]!.length}>`); continue; }
    const li = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (li) { if (para.length) { const p = para; para = []; out.push(`<p>${inlineMarkdown(p.join(" "))}</p>`); } list.push(li[1]!); continue; }
    if (line.trim() === "") { flush(); continue; }
    para.push(line.trim());
  }
  flush();
  return out.join("\n");
}

function bundleToHtml(data: Record<string, unknown>): string {
  const text = (v: unknown) => (Array.isArray(v) ? v.join("") : String(v));
  if (data["text/html"] !== undefined) return `<div class="html">${text(data["text/html"])}</div>`;
  if (data["image/svg+xml"] !== undefined) return `<div class="svg">${text(data["image/svg+xml"])}</div>`;
  if (data["image/png"] !== undefined) return `<img src="data:image/png;base64,${text(data["image/png"]).trim()}">`;
  if (data["text/markdown"] !== undefined) return `<div class="md">${markdownToHtml(text(data["text/markdown"]))}</div>`;
  return `<pre>${escapeHtml(text(data["text/plain"] ?? ""))}</pre>`;
}

function outputToHtml(o: NotebookOutput): string {
  switch (o.output_type) {
    case "stream":
      return `<pre class="${o.name}">${escapeHtml(o.text.replace(ANSI, ""))}</pre>`;
    case "display_data":
    case "execute_result":
      return bundleToHtml(o.data);
    case "error":
      return `<pre class="error">${escapeHtml(o.traceback.join("\n").replace(ANSI, ""))}</pre>`;
  }
}

/**
 * A self-contained HTML page of an executed notebook: markdown cells rendered (a small subset),
 * each code cell's source and its outputs (HTML, SVG, PNG, Markdown, text, errors). Outputs that
 * carry their own scripts (Plotly figures with plotly.js inlined) run as they would in Jupyter.
 */
export function notebookToHtml(nb: Notebook, title: string): string {
  const body: string[] = [];
  for (const cell of nb.cells) {
    const src = cellSource(cell);
    if (cell.cell_type === "markdown") { body.push(`<section class="markdown">${markdownToHtml(src)}</section>`); continue; }
    if (cell.cell_type !== "code") continue;
    const count = cell.execution_count ?? " ";
    body.push(`<section class="code"><div class="in"><span class="prompt">[${count}]:</span><pre><code>${escapeHtml(src)}</code></pre></div>`);
    body.push(`<div class="out">${(cell.outputs ?? []).map(outputToHtml).join("\n")}</div></section>`);
  }
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
section.code { margin: 1rem 0; }
.in { display: flex; gap: .5rem; } .in pre { flex: 1; background: #f5f5f5; padding: .5rem; margin: 0; overflow-x: auto; }
.prompt { color: #307fc1; font-family: monospace; min-width: 3rem; }
.out { margin-left: 3.5rem; } .out pre { margin: .25rem 0; overflow-x: auto; }
pre.stderr { background: #fff5f5; } pre.error { background: #fdd; color: #900; padding: .5rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 2px 6px; }
</style></head>
<body>
${body.join("\n")}
</body></html>
`;
}
