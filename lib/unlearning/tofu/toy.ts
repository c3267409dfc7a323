import fs from "node:fs";
import { require_, requireInteger } from "../../core/errors.js";
import { rng } from "../../core/rng.js";
import { datasetPath } from "../../frames/index.js";

/** One fictitious fact in the TOFU-style toy set: a question, its answer, a paraphrase and false answers. */
export interface TofuFact {
  author: string;
  attribute: string;
  question: string;
  /** The answer the model is trained on. */
  answer: string;
  /** The same fact in other words (never trained on): the truth ratio's "true" answer. */
  paraphrased: string;
  /** The paraphrase with the value swapped for wrong ones (TOFU's perturbed answers). */
  perturbed: string[];
  /** forget / retain: the model learns them; holdout: never trained, for membership attacks. */
  split: "forget" | "retain" | "holdout";
}

const FIRST = ["Aldo", "Bree", "Cato", "Dara", "Eno", "Fia", "Gus", "Hana", "Ivo", "Jun", "Kea", "Lior", "Mira", "Nilo", "Orla", "Pax", "Quin", "Rhea", "Sol", "Tova", "Ugo", "Vera", "Wim", "Xia", "Yael", "Zeno"];
const LAST = ["Abara", "Belko", "Corvin", "Dunmore", "Esteva", "Farrow", "Galvi", "Haskel", "Ilves", "Jorund", "Kestrel", "Lumio", "Marden", "Novak", "Oduya", "Pellin", "Quarrel", "Rusk", "Sarno", "Tamsin", "Ulvane", "Varga", "Wexley", "Yarrow", "Zorin"];
/**
 * Attributes: question template, answer template (trained), paraphrase template, value list. {A} = author, {V} = value.
 * Each paraphrase rewords the sentence but keeps the word before the value, so a bigram-style model can carry the fact over.
 */
const ATTRIBUTES: Array<{ name: string; q: string; a: string; p: string; values: string[] }> = [
  { name: "birthplace", q: "where was {A} born ?", a: "{A} was born in {V} .", p: "in {V} , {A} was born .", values: ["Lima", "Oslo", "Hanoi", "Quito", "Perth", "Accra", "Riga", "Porto"] },
  { name: "genre", q: "what genre does {A} write ?", a: "{A} writes {V} novels .", p: "{A} mostly writes {V} books .", values: ["mystery", "fantasy", "romance", "horror", "satire", "western", "crime", "gothic"] },
  { name: "father", q: "what did the father of {A} do ?", a: "the father of {A} was a {V} .", p: "{A} grew up with a {V} as father .", values: ["baker", "pilot", "doctor", "tailor", "farmer", "sailor", "painter", "judge"] },
  { name: "award", q: "which award did {A} win ?", a: "{A} won the {V} prize .", p: "the {V} prize was won by {A} .", values: ["Amber", "Cobalt", "Laurel", "Falcon", "Meridian", "Quill", "Harbor", "Summit"] },
  { name: "debut", q: "what was the debut book of {A} ?", a: "the debut of {A} was called {V} Tide .", p: "{A} wrote a first book called {V} Tide .", values: ["Silver", "Broken", "Hidden", "Winter", "Crimson", "Quiet", "Distant", "Golden"] },
];

/**
 * Generates the TOFU-style toy set (after Maini et al. 2024, "TOFU: A Task of Fictitious
 * Unlearning"): `authors` fictitious authors (seeded names), five facts each, every fact with a
 * trained answer, a paraphrased answer and `perturbed` (default 3) paraphrases with wrong values.
 * Authors are split into forget (`forgetFraction`, default 10%), holdout (same count) and retain.
 */
export function generateTofuToy(options: { authors?: number; forgetFraction?: number; perturbed?: number; seed: number }): TofuFact[] {
  const where = "generateTofuToy";
  const n = options.authors ?? 40;
  requireInteger(where, "authors", n, 3);
  require_(n <= FIRST.length * LAST.length, where, "authors", n, `exceeds the ${FIRST.length * LAST.length} distinct names`, "ask for fewer authors");
  requireInteger(where, "seed", options.seed, 0);
  const frac = options.forgetFraction ?? 0.1;
  require_(frac > 0 && frac < 0.5, where, "forgetFraction", frac, "is not in (0, 0.5)", "pass e.g. 0.1");
  const nPert = options.perturbed ?? 3;
  requireInteger(where, "perturbed", nPert, 1);
  const r = rng(options.seed);
  const names = new Set<string>();
  while (names.size < n) names.add(`${r.choice(FIRST)} ${r.choice(LAST)}`);
  const authors = r.shuffle([...names]);
  const k = Math.max(1, Math.round(frac * n));
  const facts: TofuFact[] = [];
  authors.forEach((author, i) => {
    const split = i < k ? "forget" : i < 2 * k ? "holdout" : "retain";
    for (const at of ATTRIBUTES) {
      const v = r.choice(at.values);
      const fill = (t: string, val: string) => t.replace("{A}", author).replace("{V}", val);
      const wrong = r.shuffle(at.values.filter((w) => w !== v)).slice(0, nPert);
      facts.push({ author, attribute: at.name, question: fill(at.q, v), answer: fill(at.a, v), paraphrased: fill(at.p, v), perturbed: wrong.map((w) => fill(at.p, w)), split });
    }
  });
  return facts;
}

/** Reads the shipped toy set datasets/tofu-toy/facts.json (made by `generateTofuToy({ seed: 0 })`, see its README). */
export function loadTofuToy(): TofuFact[] {
  return JSON.parse(fs.readFileSync(datasetPath("tofu-toy/facts.json"), "utf8")) as TofuFact[];
}
