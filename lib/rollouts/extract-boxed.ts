/**
 * The content of the last `\boxed{…}` in `text` (braces matched, so `\boxed{\frac{1}{2}}` gives
 * `\frac{1}{2}`), or null when there is none or it is unclosed — the convention of the MATH
 * dataset's `last_boxed_only_string` (Hendrycks et al. 2021).
 */
export function extractBoxedAnswer(text: string): string | null {
  const start = text.lastIndexOf("\\boxed{");
  if (start < 0) return null;
  let depth = 0;
  for (let i = start + 6; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{") depth++;
    else if (ch === "}") { depth--; if (depth === 0) return text.slice(start + 7, i); }
  }
  return null;
}
