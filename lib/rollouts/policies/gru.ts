import type { Rng } from "../../core/index.js";

/**
 * Weights of a one-layer GRU language model over a vocabulary of V tokens with H hidden units,
 * flat Float32Arrays in row-major order. Gate layout as PyTorch's nn.GRU: [r | z | n].
 * Input is one-hot, so the input projection is a row lookup: Wx is V × 3H.
 */
export interface GruWeights {
  V: number;
  H: number;
  Wx: Float32Array; // V × 3H
  bx: Float32Array; // 3H
  Wh: Float32Array; // H × 3H
  bh: Float32Array; // 3H
  Wo: Float32Array; // H × V
  bo: Float32Array; // V
}

/** The parameter arrays of a {@link GruWeights}, in a fixed order (for optimisers). */
export function gruParams(w: GruWeights): Float32Array[] {
  return [w.Wx, w.bx, w.Wh, w.bh, w.Wo, w.bo];
}

/** Random initial weights: N(0, 1/fan_in) for matrices, zeros for biases. */
export function initGru(V: number, H: number, random: Rng): GruWeights {
  const mat = (n: number, scale: number) => Float32Array.from({ length: n }, () => random.normal(0, scale));
  return { V, H, Wx: mat(V * 3 * H, 1), bx: new Float32Array(3 * H), Wh: mat(H * 3 * H, 1 / Math.sqrt(H)), bh: new Float32Array(3 * H), Wo: mat(H * V, 1 / Math.sqrt(H)), bo: new Float32Array(V) };
}

/**
 * One GRU step for one row: h' = (1 − z) ⊙ n + z ⊙ h with r = σ(Wx[x]_r + b_xr + hW_hr + b_hr),
 * z = σ(… z …), n = tanh(Wx[x]_n + b_xn + r ⊙ (hW_hn + b_hn)) (Cho et al. 2014; PyTorch's form).
 * Writes h' into `out`; when `cache` is given, stores r, z, n and hW_hn + b_hn for backprop.
 */
export function gruStep(w: GruWeights, x: number, h: Float32Array, out: Float32Array, gh: Float32Array, cache?: { r: Float32Array; z: Float32Array; n: Float32Array; ghn: Float32Array }): void {
  const H = w.H, H3 = 3 * H, Wh = w.Wh, Wx = w.Wx, bx = w.bx;
  gh.set(w.bh);
  for (let i = 0; i < H; i++) {
    const hi = h[i]!;
    if (hi === 0) continue;
    const base = i * H3;
    for (let j = 0; j < H3; j++) gh[j] = gh[j]! + hi * Wh[base + j]!;
  }
  const xo = x * H3;
  for (let j = 0; j < H; j++) {
    const r = 1 / (1 + Math.exp(-(Wx[xo + j]! + bx[j]! + gh[j]!)));
    const z = 1 / (1 + Math.exp(-(Wx[xo + H + j]! + bx[H + j]! + gh[H + j]!)));
    const n = Math.tanh(Wx[xo + 2 * H + j]! + bx[2 * H + j]! + r * gh[2 * H + j]!);
    out[j] = (1 - z) * n + z * h[j]!;
    if (cache) { cache.r[j] = r; cache.z[j] = z; cache.n[j] = n; cache.ghn[j] = gh[2 * H + j]!; }
  }
}

/** Output logits for one row: h·Wo + bo, written into `out`. */
export function gruLogits(w: GruWeights, h: Float32Array, out: Float64Array): void {
  const V = w.V;
  for (let v = 0; v < V; v++) out[v] = w.bo[v]!;
  for (let i = 0; i < w.H; i++) {
    const hi = h[i]!;
    const base = i * V;
    for (let v = 0; v < V; v++) out[v]! += hi * w.Wo[base + v]!;
  }
}

/** A training sequence: token ids (starting with the start token), from which position targets count, and its weight. */
export interface GruSequence {
  ids: readonly number[];
  /** Targets at positions ≥ from count (the completion); earlier ones are the prompt. */
  from: number;
  weight: number;
}

/**
 * Loss and gradients by backpropagation through time: loss = −(1/T) Σ_seq w_seq Σ_{t ≥ from}
 * log softmax(logits_{t−1})[ids_t], with T the number of counted targets. Returns the loss and
 * gradients in the order of {@link gruParams}.
 */
export function gruLossAndGrad(w: GruWeights, seqs: readonly GruSequence[]): { loss: number; grads: Float32Array[] } {
  const { V, H } = w, H3 = 3 * H;
  const grads = gruParams(w).map((p) => new Float32Array(p.length));
  const [dWx, dbx, dWh, dbh, dWo, dbo] = grads as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  let T = 0;
  for (const s of seqs) T += Math.max(0, s.ids.length - s.from);
  T = Math.max(1, T);
  let loss = 0;
  const gh = new Float32Array(H3), logits = new Float64Array(V), dgh = new Float32Array(H3), dgx = new Float32Array(H3);
  for (const s of seqs) {
    const L = s.ids.length;
    const hs: Float32Array[] = [new Float32Array(H)];
    const caches: Array<{ r: Float32Array; z: Float32Array; n: Float32Array; ghn: Float32Array }> = [];
    for (let t = 0; t < L - 1; t++) {
      const c = { r: new Float32Array(H), z: new Float32Array(H), n: new Float32Array(H), ghn: new Float32Array(H) };
      const hNext = new Float32Array(H);
      gruStep(w, s.ids[t]!, hs[t]!, hNext, gh, c);
      hs.push(hNext); caches.push(c);
    }
    let dh = new Float32Array(H);
    for (let t = L - 2; t >= 0; t--) {
      const h1 = hs[t + 1]!, h0 = hs[t]!, c = caches[t]!;
      if (t + 1 >= s.from) {
        gruLogits(w, h1, logits);
        let m = -Infinity;
        for (let v = 0; v < V; v++) if (logits[v]! > m) m = logits[v]!;
        let z = 0;
        for (let v = 0; v < V; v++) { logits[v] = Math.exp(logits[v]! - m); z += logits[v]!; }
        const target = s.ids[t + 1]!;
        loss -= (s.weight * Math.log(logits[target]! / z)) / T;
        const scale = s.weight / T;
        for (let v = 0; v < V; v++) {
          const d = ((logits[v]! / z) - (v === target ? 1 : 0)) * scale;
          logits[v] = d; // now dlogits
          dbo[v]! += d;
        }
        for (let i = 0; i < H; i++) {
          const base = i * V;
          let acc = 0;
          const hi = h1[i]!;
          for (let v = 0; v < V; v++) { const d = logits[v]!; dWo[base + v]! += hi * d; acc += w.Wo[base + v]! * d; }
          dh[i]! += acc;
        }
      }
      const dhPrev = new Float32Array(H);
      for (let j = 0; j < H; j++) {
        const r = c.r[j]!, zz = c.z[j]!, n = c.n[j]!, d = dh[j]!;
        const dn = d * (1 - zz);
        const dz = d * (h0[j]! - n);
        dhPrev[j] = d * zz;
        const dan = dn * (1 - n * n);
        const dr = dan * c.ghn[j]!;
        const dar = dr * r * (1 - r), daz = dz * zz * (1 - zz);
        dgx[j] = dar; dgx[H + j] = daz; dgx[2 * H + j] = dan;
        dgh[j] = dar; dgh[H + j] = daz; dgh[2 * H + j] = dan * r;
      }
      const xo = s.ids[t]! * H3;
      for (let j = 0; j < H3; j++) { dWx[xo + j]! += dgx[j]!; dbx[j]! += dgx[j]!; dbh[j]! += dgh[j]!; }
      for (let i = 0; i < H; i++) {
        const hi = h0[i]!;
        const base = i * H3;
        let acc = 0;
        for (let j = 0; j < H3; j++) { dWh[base + j]! += hi * dgh[j]!; acc += w.Wh[base + j]! * dgh[j]!; }
        dhPrev[i]! += acc;
      }
      dh = dhPrev;
    }
  }
  return { loss, grads };
}
