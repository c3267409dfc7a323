/** A flat parameter array Adam updates in place; its moments are kept in arrays of the same type. */
export type AdamParameter = Float32Array | Float64Array;

/** Options for one {@link Adam.step}. */
export interface AdamStepOptions {
  /** Ascend instead of descend (torch.optim.Adam's `maximize=True`): θ ← θ + lr·m̂/(√v̂ + ε). */
  maximize?: boolean;
  /** A learning rate per parameter array (default: {@link Adam.lr} for every one). */
  lr?: readonly number[];
}

/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1) over a list
 * of flat parameter arrays, updated in place. At step t, for every coordinate with gradient g:
 * m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ),
 * θ ← θ − lr · m̂ / (√v̂ + ε) (θ + … with `maximize`). Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8 as
 * torch.optim.Adam (checked against it in tests/rollouts). The moments of a Float32Array
 * parameter are stored in float32, of a Float64Array in float64.
 */
export class Adam {
  private readonly m: AdamParameter[];
  private readonly v: AdamParameter[];
  private t = 0;

  constructor(params: readonly AdamParameter[], public lr = 0.01, private readonly beta1 = 0.9, private readonly beta2 = 0.999, private readonly eps = 1e-8) {
    this.m = params.map(zerosLike);
    this.v = params.map(zerosLike);
  }

  /**
   * One step over `params` (the arrays given to the constructor, in the same order) with
   * `grads[k]` the gradient of `params[k]`. A `null` gradient leaves that array and its moments
   * as they are this step (the step count still advances for all: one optimiser, one t).
   */
  step(params: readonly AdamParameter[], grads: ReadonlyArray<ArrayLike<number> | null>, options: AdamStepOptions = {}): void {
    this.t++;
    const { beta1: b1, beta2: b2, eps } = this;
    const c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
    const ascend = options.maximize === true;
    params.forEach((p, k) => {
      const g = grads[k];
      if (!g) return;
      const lr = options.lr?.[k] ?? this.lr;
      const m = this.m[k]!, v = this.v[k]!;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i]!;
        m[i] = b1 * m[i]! + (1 - b1) * gi;
        v[i] = b2 * v[i]! + (1 - b2) * gi * gi;
        const d = (m[i]! / c1) / (Math.sqrt(v[i]! / c2) + eps);
        if (ascend) p[i]! += lr * d;
        else p[i]! -= lr * d;
      }
    });
  }
}

function zerosLike(p: AdamParameter): AdamParameter {
  return p instanceof Float64Array ? new Float64Array(p.length) : new Float32Array(p.length);
}
