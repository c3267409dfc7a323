import { ReplabError } from "../core/errors.js";

/** Row-major dense matrix product C = A(n×k)·B(k×m) in float64. */
export function matMul64(A: Float64Array, B: Float64Array, n: number, k: number, m: number): Float64Array {
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) {
    const a = A[i * k + p]!;
    if (a === 0) continue;
    for (let j = 0; j < m; j++) C[i * m + j]! += a * B[p * m + j]!;
  }
  return C;
}

/** Transpose of a row-major n×m matrix. */
export function transpose64(A: Float64Array, n: number, m: number): Float64Array {
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) T[j * n + i] = A[i * m + j]!;
  return T;
}

/** Inverse of a square n×n matrix by Gauss–Jordan elimination with partial pivoting. */
export function invert64(A: Float64Array, n: number, where = "invert64"): Float64Array {
  const M = Float64Array.from(A);
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r * n + c]!) > Math.abs(M[p * n + c]!)) p = r;
    const piv = M[p * n + c]!;
    if (Math.abs(piv) < 1e-300) throw new ReplabError(`${where}: the matrix is singular (pivot ${piv} in column ${c}); use a larger ridge penalty lambda`);
    if (p !== c) for (let j = 0; j < n; j++) {
      [M[p * n + j], M[c * n + j]] = [M[c * n + j]!, M[p * n + j]!];
      [I[p * n + j], I[c * n + j]] = [I[c * n + j]!, I[p * n + j]!];
    }
    for (let j = 0; j < n; j++) { M[c * n + j]! /= piv; I[c * n + j]! /= piv; }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r * n + c]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) { M[r * n + j]! -= f * M[c * n + j]!; I[r * n + j]! -= f * I[c * n + j]!; }
    }
  }
  return I;
}
