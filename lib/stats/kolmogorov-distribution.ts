/**
 * Distributions of Kolmogorov–Smirnov statistics, as scipy computes them (ports of the
 * algorithms, not of the code):
 * - `smirnovSf(n, x)` = P(D⁺_n ≥ x), the one-sided statistic (Birnbaum & Tingey 1951),
 *   as `scipy.special.smirnov`;
 * - `kolmogorovSf(n, x)` = P(D_n ≥ x), the two-sided statistic, as `scipy.stats.kstwo.sf`
 *   (Simard & L'Ecuyer 2011 choice of methods: Ruben–Gambino, Durbin matrix (Marsaglia, Tsang,
 *   Wang 2003), Pomeranz 1974, Pelz–Good 1976, 2×smirnov), following scipy/stats/_ksstats.py.
 */

import { logBinomialPmfInner } from "./binomial-pmf.js";
import { requireFinite, requireInteger } from "../core/errors.js";

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const STIRLING = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2];

const clip = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);

/** log(n!/n^n) by Stirling's series with n·log n removed up front. */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** n a whole number ≥ 1 and x a finite number (null, NaN and ±Infinity are refused). */
function checkDistributionArgs(where: string, n: number, x: number): void {
  requireInteger(where, "n", n, 1);
  requireFinite(where, "x", x);
}

/**
 * One-sided Smirnov survival function P(D⁺_n ≥ x) = x Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) (x+v/n)^{v−1} (1−x−v/n)^{n−v}
 * (Birnbaum & Tingey 1951), summed in log space, with scipy's special cases
 * (x ≤ 1/n, x ≥ 1 − 1/n, underflow when −2nx² < −708.4, and its e^{−(6nx+1)²/18n}
 * approximation above n = 10⁶).
 */
export function smirnovSf(n: number, x: number): number {
  checkDistributionArgs("smirnovSf", n, x);
  if (!(x >= 0 && x <= 1)) return NaN;
  if (n === 1) return x === 0 ? 1 : 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  let nxfl = Math.floor(nx);
  let alpha = nx - nxfl;
  if (alpha >= 1) { nxfl += 1; alpha = 0; }
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    // cdf = x (1 + x)^(n−1)
    return clip(1 - x * Math.exp((n - 1) * Math.log1p(x)));
  }
  if (-2 * n * x * x < -708.3964185322641) return 0;
  if (nxfl >= n - 1) return clip(Math.exp(n * Math.log1p(-x)));
  if (n > 1_000_000) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return clip(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  // Terms v = 0 … last, excluding v = n(1−x) when that is an integer (its term is 0).
  let last = n - nxfl - (alpha === 0 ? 0 : 1);
  if (alpha === 0) last -= 1;
  // Term v is C(n,v) e^(v−1) (1−e)^(n−v) with e = x + v/n, i.e. Binomial(n, e).pmf(v) / e, computed
  // with Loader's saddle point (no cancellation); n·e = v + nx and n(1−e) = (n − v) − nx.
  const logs: number[] = [];
  let maxLog = -Infinity;
  for (let v = 0; v <= last; v++) {
    const lt = v === 0 ? n * Math.log1p(-x) - Math.log(x) : logBinomialPmfInner(v, n, v + nx, n - v - nx) - Math.log(x + v / n);
    logs.push(lt);
    if (lt > maxLog) maxLog = lt;
    // Stop when the remaining terms cannot change the sum (scipy's criterion: 4·(terms left)·A_v < ε·Σ).
    if (v > 0 && v < last && lt < logs[v - 1]! && Math.log(4 * (last - v)) + lt < maxLog - 36.04) break;
  }
  let sum = 0;
  for (const lt of logs) sum += Math.exp(lt - maxLog);
  return clip(x * sum * Math.exp(maxLog));
}

function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H: Float64Array = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1]! *= fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)]!;
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;
  const matmul = (A: Float64Array, B: Float64Array): Float64Array => {
    const C = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let kk = 0; kk < m; kk++) {
        const a = A[i * m + kk]!;
        if (a === 0) continue;
        for (let j = 0; j < m; j++) C[i * m + j]! += a * B[kk * m + j]!;
      }
    }
    return C;
  };
  let P: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) P[i * m + i] = 1;
  let nn = n, expnt = 0, Hexpnt = 0;
  while (nn > 0) {
    if (nn % 2) { P = matmul(P, H); expnt += Hexpnt; }
    H = matmul(H, H);
    Hexpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > EP128) {
      for (let i = 0; i < H.length; i++) H[i]! /= EP128;
      Hexpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = P[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) { p *= EP128; expnt -= E128; }
  }
  if (expnt !== 0) p = p * 2 ** expnt;
  return clip(p);
}

function pomeranzJ(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number, j2: number;
  if (i === 0) { j1 = -ll - ceilf - 1; j2 = ll + ceilf - 1; }
  else {
    const ip1div2 = Math.floor((i + 1) / 2), ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) { j1 = n - ll - ceilf - 1; j2 = n + ll + ceilf - 1; }
      else { j1 = ip1div2 - 1 - ll - roundf - 1; j2 = ip1div2 + ll - 1 + ceilf - 1; }
    } else { j1 = ip1div2 - 1 - ll - 1; j2 = ip1div2 + ll + roundf - 1; }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gp = new Float64Array(npwrs), tgp = new Float64Array(npwrs), omp = new Float64Array(npwrs);
  gp[0] = tgp[0] = omp[0] = 1;
  for (let m = 1; m < npwrs; m++) {
    gp[m] = (gp[m - 1]! * (g / n)) / m;
    tgp[m] = (tgp[m - 1]! * ((2 * g) / n)) / m;
    omp[m] = (omp[m - 1]! * ((1 - 2 * g) / n)) / m;
  }
  let V0 = new Float64Array(npwrs), V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0, V1s = 0, expnt = 0;
  let [j1, j2] = pomeranzJ(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ(i, n, ll, ceilf, roundf);
    const pw = i === 1 || i === 2 * n + 1 ? gp : i % 2 ? tgp : omp;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const start = j1 - k1, len = j2 - j1 + 1;
      let vmax = 0;
      for (let r = 0; r < len; r++) {
        const c = start + r; // index into the full convolution of V0[k1−V0s …] and pw[0 … ln2)
        let acc = 0;
        for (let q = Math.max(0, c - ln2 + 1); q <= Math.min(c, ln2 - 1); q++) acc += V0[k1 - V0s + q]! * pw[c - q]!;
        V1[r] = acc;
        if (acc > vmax) vmax = acc;
      }
      if (vmax > 0 && vmax < EM128) { for (let r = 0; r < len; r++) V1[r]! *= EP128; expnt -= E128; }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) { ans *= EM128; expnt += E128; }
    ans *= m;
  }
  if (expnt !== 0) ans = ans * 2 ** expnt;
  return clip(ans);
}

function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z, z3 = z ** 3, z4 = z ** 4, z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2, k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4, k2b = ((2 * z4 - 5 * z2) * PI2) / 4, k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64, k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16, k3b = (PI2 * (135 * z4 - 96 * z6)) / 4, k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const qp = q ** (8 * k);
    const c = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qp + c[i]!;
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / div[i]!;
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0, k3extra = 0;
  const s3z = SQRT3 * z;
  for (let k = maxk; k > 0; k--) {
    const ks2 = k * k, qk = q ** ks2, kpi = Math.PI * k;
    k2extra += ks2 * qk;
    k3extra += (s3z + kpi) * (s3z - kpi) * ks2 * qk;
  }
  K[2]! += k2extra * ((PI2 * SQRT2PI) / (-36 * z3));
  K[3]! += k3extra * ((PI2 * SQRT2PI) / (216 * z6));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / n ** (i / 2);
  return sum;
}

/**
 * Two-sided one-sample Kolmogorov–Smirnov survival function P(D_n ≥ x), as
 * `scipy.stats.kstwo.sf(x, n)` (scipy/stats/_ksstats.py `_kolmogn(n, x, cdf=False)`).
 */
export function kolmogorovSf(n: number, x: number): number {
  checkDistributionArgs("kolmogorovSf", n, x);
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) { prob = 1; for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1); }
    else prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nx2 <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  let cdf: number;
  if (nx2 >= 18) cdf = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdf = durbinMatrixCdf(n, x);
  else cdf = pelzGoodCdf(n, x);
  return clip(1 - clip(cdf));
}
