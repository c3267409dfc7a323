import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as aq from "arquero";
import { formatValue, progressHtml } from "../../lib/display/index.js";

/** The only elements a table's HTML may contain; anything else came from a cell and was not escaped. */
const TABLE_TAGS = new Set(["div", "table", "thead", "tbody", "tr", "th", "td", "small", "br"]);

function tagsIn(html: string): string[] {
  return Array.from(html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g), (m) => m[1]!.toLowerCase());
}

describe("escaping (property: no cell text becomes markup)", () => {
  it("any strings as arquero column names and cells yield only the table's own elements", () => {
    // "__proto__" is left out: arquero itself cannot hold a column of that name
    const columnName = fc.string().filter((s) => s !== "__proto__");
    fc.assert(fc.property(columnName, fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (name, cells) => {
      const t = aq.table({ [name === "" ? "c" : name]: cells });
      const html = String(formatValue(t)["text/html"]);
      for (const tag of tagsIn(html)) expect(TABLE_TAGS.has(tag)).toBe(true);
      // every cell's text survives (escaped) — none is dropped
      expect(html.split("<td").length - 1).toBe(cells.length);
    }), { numRuns: 300 });
  });

  it("any progress label yields only the bar's own elements", () => {
    fc.assert(fc.property(fc.string(), (label) => {
      const html = progressHtml({ label, count: 1, total: 2, fraction: 0.5, rate: 1, etaSeconds: 1, elapsedSeconds: 1, finished: false });
      for (const tag of tagsIn(html)) expect(["div", "span"]).toContain(tag);
    }), { numRuns: 300 });
  });
});
