import { describe, expect, it } from "vitest";
import { errorOutputs, notebookRuns, tail } from "./helpers.js";

// The tour (not a replication: it claims nothing), executed on a temp copy by (a) Jupyter's
// nbclient with the replab kernel and (b) `replab run`. Any error output fails, except in cells
// tagged raises-exception.
const TOUR = "00-tour.ipynb";

describe("the tour", () => {
  const runs = notebookRuns();

  it(`${TOUR} runs with nbclient and the replab kernel`, async () => {
    const file = runs.copy(TOUR);
    const r = await runs.nbclient(file);
    expect(r.code, tail(r)).toBe(0);
    expect(errorOutputs(file)).toEqual([]);
  }, 620_000);

  it(`${TOUR} runs with replab run`, async () => {
    const file = runs.copy(TOUR);
    const r = await runs.replabRun(file);
    expect(r.code, tail(r)).toBe(0);
    expect(errorOutputs(file)).toEqual([]);
  }, 620_000);
});
