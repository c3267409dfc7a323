// Unlearning set-up and methods on the real digits and the real continual MLP (wasm backend).
import { beforeAll, describe, expect, it } from "vitest";
import { loadDigits } from "../../lib/frames/index.js";
import { initBackend, ReplabError, tf } from "../../lib/core/index.js";
import type { Mlp } from "../../lib/continual/index.js";
import {
  makeUnlearningSplits, trainClassifier, unlearnRetrain, unlearnFinetune, unlearnGradientAscent, unlearnGradientDifference, unlearnNpo,
  unlearnRandomLabel, unlearnL1Sparse, saliencyMask, fitRidgeHead, ridgeRemove, ridgePredict, unlearningAccuracies, miaEfficacy,
  evaluateUnlearning, unlearningTable, relearnAttack, type UnlearningSplits,
} from "../../lib/unlearning/index.js";

const digits = loadDigits();
let random: UnlearningSplits, byClass: UnlearningSplits, original: Mlp, originalClass: Mlp;

beforeAll(async () => {
  await initBackend();
  random = makeUnlearningSplits(digits, { forget: { kind: "random", fraction: 0.1 }, seed: 0 });
  byClass = makeUnlearningSplits(digits, { forget: { kind: "class", class: 3 }, seed: 0 });
  original = await trainClassifier(random.train, { hidden: [32], epochs: 10, seed: 1, classes: 10 });
  originalClass = await trainClassifier(byClass.train, { hidden: [32], epochs: 10, seed: 1, classes: 10 });
});

describe("makeUnlearningSplits", () => {
  it("partitions train into forget ∪ retain, holds out a stratified test set, and is seeded", () => {
    expect(random.forget.n + random.retain.n).toBe(random.train.n);
    expect(random.train.n + random.test.n).toBe(digits.n);
    expect(random.forget.n).toBe(Math.round(0.1 * random.train.n));
    expect(random.testForgotten.n).toBe(0);
    const again = makeUnlearningSplits(digits, { forget: { kind: "random", fraction: 0.1 }, seed: 0 });
    expect(again.forgetRows).toEqual(random.forgetRows);
    expect(makeUnlearningSplits(digits, { forget: { kind: "random", fraction: 0.1 }, seed: 1 }).forgetRows).not.toEqual(random.forgetRows);
    // Each forget row really is that row of train.
    const f = random.train.features;
    random.forgetRows.slice(0, 5).forEach((r, k) => expect(Array.from(random.forget.x.subarray(k * f, (k + 1) * f))).toEqual(Array.from(random.train.x.subarray(r * f, (r + 1) * f))));
  });
  it("class forgetting moves every training example of the class to the forget set and its test examples aside", () => {
    expect([...byClass.forget.y].every((y) => y === 3)).toBe(true);
    expect([...byClass.retain.y].some((y) => y === 3)).toBe(false);
    expect([...byClass.test.y].some((y) => y === 3)).toBe(false);
    expect(byClass.testForgotten.n).toBeGreaterThan(0);
  });
  it("rejects bad specs with a ReplabError", () => {
    expect(() => makeUnlearningSplits(digits, { forget: { kind: "class", class: 12 }, seed: 0 })).toThrow(/makeUnlearningSplits: forget.class=12 is not a class in the data/);
    expect(() => makeUnlearningSplits(digits, { forget: { kind: "random", fraction: 1.5 }, seed: 0 })).toThrow(ReplabError);
    expect(() => makeUnlearningSplits(digits, { forget: { kind: "random", fraction: 0.1 }, seed: -1 })).toThrow(/seed=-1/);
  });
});

describe("exact ridge removal equals retraining", () => {
  it("ridgeRemove(fit(train), forget) = fit(retain) to numerical precision", () => {
    const lambda = 0.5;
    const full = fitRidgeHead(random.train, { lambda, classes: 10 });
    const removed = ridgeRemove(full, random.forget);
    const retrained = fitRidgeHead(random.retain, { lambda, classes: 10 });
    let maxDiff = 0, maxAbs = 0;
    for (let i = 0; i < removed.weights.length; i++) { maxDiff = Math.max(maxDiff, Math.abs(removed.weights[i]! - retrained.weights[i]!)); maxAbs = Math.max(maxAbs, Math.abs(retrained.weights[i]!)); }
    expect(maxDiff / maxAbs).toBeLessThan(1e-9);
    expect(removed.n).toBe(random.retain.n);
    expect(Array.from(ridgePredict(removed, random.test))).toEqual(Array.from(ridgePredict(retrained, random.test)));
    // And removal changed something: the full model differs.
    let changed = 0;
    for (let i = 0; i < full.weights.length; i++) changed = Math.max(changed, Math.abs(full.weights[i]! - retrained.weights[i]!));
    expect(changed).toBeGreaterThan(1e-4);
  });
  it("a whole class removed leaves the same head as a refit without it", () => {
    const full = fitRidgeHead(byClass.train, { lambda: 1, classes: 10 });
    const removed = ridgeRemove(full, byClass.forget);
    const retrained = fitRidgeHead(byClass.retain, { lambda: 1, classes: 10 });
    for (let i = 0; i < removed.weights.length; i += 7) expect(removed.weights[i]!).toBeCloseTo(retrained.weights[i]!, 9);
  });
  it("errors clearly", () => {
    expect(() => fitRidgeHead(random.train, { lambda: 0 })).toThrow(/fitRidgeHead: lambda=0 is not positive/);
  });
});

describe("methods on the digits (seeded)", () => {
  it("original model learned the task; retrain never saw the forgotten class", async () => {
    expect(original.accuracy(random.test)).toBeGreaterThan(0.85);
    const re = await unlearnRetrain(originalClass, byClass, { seed: 2, epochs: 10 });
    const acc = unlearningAccuracies(re.model, byClass);
    expect(acc.UA).toBe(1);
    expect(acc.TA).toBeGreaterThan(0.85);
    expect(re.seconds).toBeGreaterThan(0);
    re.model.dispose();
  });
  it("gradient ascent, GradDiff and NPO raise the forget loss; FT and l1-sparse keep the retain fit", async () => {
    const before = originalClass.evaluate(byClass.forget).loss;
    for (const f of [unlearnGradientAscent, unlearnGradientDifference, unlearnNpo]) {
      const r = await f(originalClass, byClass, { seed: 3 });
      expect(r.model.evaluate(byClass.forget).loss).toBeGreaterThan(before + 0.5);
      r.model.dispose();
    }
    for (const f of [unlearnFinetune, unlearnL1Sparse]) {
      const r = await f(originalClass, byClass, { seed: 3, epochs: 1 });
      expect(r.model.accuracy(byClass.retain)).toBeGreaterThan(0.85);
      r.model.dispose();
    }
    // The original is untouched by every method.
    expect(originalClass.evaluate(byClass.forget).loss).toBeCloseTo(before, 6);
  });
  it("NPO's first step equals gradient ascent's (d/dθ (2/β)softplus(β(log π − log π_ref)) = ∇log π at π = π_ref; Zhang et al. 2024 §3)", async () => {
    const opts = { seed: 9, epochs: 1, batchSize: byClass.forget.n, lr: 0.05 };
    const npo = await unlearnNpo(originalClass, byClass, { ...opts, beta: 0.1 });
    const ga = await unlearnGradientAscent(originalClass, byClass, opts);
    const a = npo.model.getWeights(), b = ga.model.getWeights(), o = originalClass.getWeights();
    let maxDiff = 0, maxMove = 0;
    a.forEach((w, l) => w.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - b[l]![i]!)); maxMove = Math.max(maxMove, Math.abs(v - o[l]![i]!)); }));
    expect(maxMove).toBeGreaterThan(1e-3);
    expect(maxDiff).toBeLessThan(1e-5 * Math.max(1, maxMove) + 1e-6);
    npo.model.dispose(); ga.model.dispose();
  });
  it("l1-sparse shrinks the weights' ℓ1 norm relative to plain fine-tuning", async () => {
    const l1 = (m: Mlp) => m.getWeights().reduce((s, w) => s + w.reduce((a, v) => a + Math.abs(v), 0), 0);
    const ft = await unlearnFinetune(original, random, { seed: 4, epochs: 2 });
    const sp = await unlearnL1Sparse(original, random, { seed: 4, epochs: 2, gamma: 2e-3 });
    expect(l1(sp.model)).toBeLessThan(l1(ft.model));
    ft.model.dispose(); sp.model.dispose();
  });
  it("random labels make the forgotten class unrecognised; SalUn moves only the salient weights", async () => {
    const rl = await unlearnRandomLabel(originalClass, byClass, { seed: 5 });
    expect(unlearningAccuracies(rl.model, byClass).UA).toBeGreaterThan(0.8);
    rl.model.dispose();
    const mask = saliencyMask(originalClass, byClass.forget, 0.3);
    const salun = await unlearnRandomLabel(originalClass, byClass, { seed: 5, saliency: 0.3 });
    const before = originalClass.getWeights(), after = salun.model.getWeights();
    const masks = [mask.W[0]!, mask.b[0]!, mask.W[1]!, mask.b[1]!].map((t) => t.dataSync());
    let kept = 0, moved = 0, total = 0;
    after.forEach((w, l) => w.forEach((v, i) => { total++; if (masks[l]![i] === 0) { expect(v).toBe(before[l]![i]); kept++; } else if (v !== before[l]![i]) moved++; }));
    expect(kept / total).toBeGreaterThan(0.6);
    expect(moved).toBeGreaterThan(0);
    [...mask.W, ...mask.b].forEach((t: tf.Tensor) => t.dispose());
    salun.model.dispose();
  });
});

describe("metrics on real models", () => {
  it("MIA-efficacy is a share in [0, 1], higher after class forgetting than before", async () => {
    const before = miaEfficacy(originalClass, byClass);
    const rl = await unlearnRandomLabel(originalClass, byClass, { seed: 6 });
    const after = miaEfficacy(rl.model, byClass);
    expect(before).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThanOrEqual(1);
    expect(after).toBeGreaterThan(before);
    const table = unlearningTable([evaluateUnlearning({ model: rl.model, method: "RL", seconds: rl.seconds }, byClass), evaluateUnlearning({ model: originalClass, method: "Retrain", seconds: 0 }, byClass)]);
    expect(table.numRows()).toBe(2);
    expect(table.get("avgGap", 1)).toBe(0);
    expect(() => unlearningTable([evaluateUnlearning({ model: rl.model, method: "RL", seconds: 0 }, byClass)])).toThrow(/unlearningTable: rows="RL" has no row named "Retrain"/);
    rl.model.dispose();
  });
  it("relearning attack: GA's forgotten class comes back from a small slice; the curve starts at the unlearned accuracy", async () => {
    const ga = await unlearnGradientAscent(originalClass, byClass, { seed: 7 });
    const r = relearnAttack(ga.model, byClass.forget, { target: 0.8, seed: 1, lr: 0.1, maxSteps: 30 });
    expect(r.curve[0]!).toBeLessThan(0.8);
    expect(r.steps).not.toBeNull();
    expect(r.curve[r.curve.length - 1]!).toBeGreaterThanOrEqual(0.8);
    expect(() => relearnAttack(ga.model, byClass.forget, { target: 0.8, seed: 1, fraction: 2 })).toThrow(/relearnAttack: fraction=2 is not in \(0, 1\)/);
    ga.model.dispose();
  });
});
