/**
 * Exact two-sided p-value of the two-sample Kolmogorov–Smirnov statistic, P(D_{m,n} ≥ h/lcm(m,n)),
 * by lattice-path counting (Hodges 1958, after Drion, Gnedenko and Korolyuk), with the
 * numerically stable recursion for 1 − p of Viehmann (2021, arXiv:2102.08037) — the method
 * scipy.stats.ks_2samp uses for `method="exact"`.
 */

/** P(D_{n,n} ≥ h/n) for equal sample sizes: 2 Σ_k (−1)^{k+1} C(2n, n−kh)/C(2n, n), Horner-like. */
export function ksProbOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k--;
  }
  return 2 * P;
}

/**
 * Share of lattice paths from (0,0) to (m,n) that do not stay strictly inside
 * |x/m − y/n| < h/lcm(m,n), for m ≠ n (g = gcd(m, n)).
 */
export function ksProbOutsideInside(m0: number, n0: number, g: number, h: number): number {
  let m = m0, n = n0;
  if (m < n) { m = n0; n = m0; }
  const mg = Math.floor(m / g);
  const ng = Math.floor(n / g);
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(Math.max(lenA, 1) + 2 * (maxj + 2)).fill(1);
  for (let j = minj; j < maxj; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj, lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}
