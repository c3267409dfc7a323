/**
 * Binomial probabilities without cancellation, by Loader's saddle-point expansion
 * (C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000; the method of
 * R's dbinom and Boost's binomial pdf): P(X = k) = √(n/(2πk(n−k))) ·
 * exp(δ(n) − δ(k) − δ(n−k) − bd0(k, np) − bd0(n−k, nq)), δ = Stirling's error term.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** δ(n) = log n! − (n + ½) log n + n − log √(2π), for integers n ≥ 1. */
export function stirlingError(n: number): number {
  if (n <= 15) {
    let f = 1;
    for (let i = 2; i <= n; i++) f *= i;
    return Math.log(f) - (n + 0.5) * Math.log(n) + n - LOG_SQRT_2PI;
  }
  const S0 = 1 / 12, S1 = 1 / 360, S2 = 1 / 1260, S3 = 1 / 1680, S4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** bd0(x, m) = x log(x/m) + m − x, summed as a series when x ≈ m to avoid cancellation. */
export function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * log P(X = k) for X ~ Binomial(n, p), given np and nq = n(1 − p) separately (so that callers can
 * form them without rounding), 0 < k < n.
 */
export function logBinomialPmfInner(k: number, n: number, np: number, nq: number): number {
  const lc = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - bd0(k, np) - bd0(n - k, nq);
  const lf = Math.log(2 * Math.PI) + Math.log(k) + Math.log1p(-k / n);
  return lc - 0.5 * lf;
}
