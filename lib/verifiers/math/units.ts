/**
 * Units an answer names, in one spelling, so that two answers naming different units differ
 * (`5 \text{ m}` is not `5 \text{ cm}`) although both drop their units before the numbers are
 * compared. Only units in the table below are known; an answer naming any other word ("5
 * apples") has no unit signature and is compared by its number alone.
 */

const UNIT: Record<string, string> = {
  mm: "mm", millimeter: "mm", millimetre: "mm", cm: "cm", centimeter: "cm", centimetre: "cm",
  m: "m", meter: "m", metre: "m", km: "km", kilometer: "km", kilometre: "km",
  in: "in", inch: "in", inche: "in", ft: "ft", foot: "ft", feet: "ft", yd: "yd", yard: "yd", mi: "mi", mile: "mi",
  s: "s", sec: "s", second: "s", min: "min", minute: "min", h: "h", hr: "h", hour: "h",
  day: "day", week: "week", month: "month", year: "year", yr: "year",
  mg: "mg", milligram: "mg", g: "g", gram: "g", kg: "kg", kilogram: "kg", lb: "lb", pound: "lb", oz: "oz", ounce: "oz", ton: "ton", tonne: "t",
  ml: "mL", milliliter: "mL", millilitre: "mL", l: "L", liter: "L", litre: "L", gal: "gal", gallon: "gal",
  dollar: "dollar", cent: "cent", euro: "euro", degree: "deg", radian: "rad", rad: "rad",
};

/** One unit word in its canonical spelling (plural, case and `^2` handled), or null when unknown. */
function unitWord(word: string): string | null {
  const w = word.toLowerCase();
  return UNIT[w] ?? (w.endsWith("s") ? UNIT[w.slice(0, -1)] ?? null : null) ?? (word === "L" ? "L" : null);
}

/**
 * The canonical signature of the unit texts an answer dropped ("cm^2", "square feet", "miles
 * per hour" → "cm^2", "ft^2", "mi/h"), joined in order; null when there are none or any word is
 * not a known unit.
 */
export function unitSignature(units: readonly string[]): string | null {
  if (units.length === 0) return null;
  const out: string[] = [];
  for (const text of units) {
    const pow = /\^(\d)$/.exec(text)?.[1];
    const words = text.replace(/\^\d$/, "").trim().split(/[\s.]+/).filter((w) => w !== "");
    let unit = "", power = "";
    for (const w of words) {
      if (/^(?:square|sq)$/i.test(w)) { power = "2"; continue; }
      if (/^(?:cubic|cu)$/i.test(w)) { power = "3"; continue; }
      if (/^per$/i.test(w)) { unit += "/"; continue; }
      const u = unitWord(w);
      if (u === null) return null;
      unit += u + (power ? `^${power}` : "");
      power = "";
    }
    if (unit === "" || unit.endsWith("/")) return null;
    if (pow) unit += `^${pow}`;
    out.push(unit);
  }
  return out.join(",");
}
