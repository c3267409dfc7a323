/**
 * Source of replab's MLP kernels (WebAssembly with 128-bit SIMD), as a generator of WebAssembly
 * text: the register-blocked micro-kernel is unrolled 4 rows × up to 3 four-lane vectors (12
 * accumulators, what fits V8's 15 vector registers), which reads better as the loops below than
 * as the text they print. Every matrix is row-major float32, addressed by byte offsets and byte
 * row strides; widths are multiples of 4 (the caller pads with zeros).
 *
 * - `pack(a, ars, aks, M, K, bs, list, counts)`: for each group of 4 rows of A (A(r, k) at
 *   a + r·ars + k·aks, so A may be a transposed view), the k where some of the 4 is nonzero, as
 *   20-byte entries (A(0..3, k), then k·bs: the offset of B's row k). ReLU activations and 8×8
 *   digits are 15–50% zeros; skipping k with four zeros changes no finite sum.
 * - `product(list, counts, K, b, c, cs, M, N, mode, e, alpha, t, ts)`: C[M, N] from the packed A
 *   and B [K, N]: mode 0: C += alpha·A·B; 1: C = relu(A·B + bias e); 2: C = A·B + bias e;
 *   3: C = A·B where E > 0, else 0 (E strided as C: the ReLU mask); 4: as 0, also writing the
 *   new C transposed at t (row stride ts) — the SGD update W += −lr·hᵀ·dz keeping Wᵀ for the
 *   next backward pass.
 * - `transpose(src, ss, R, C, dst, ds)`: dst[C, R] = src[R, C]ᵀ in 4×4 blocks.
 * - `colsumAxpy(a, as, M, N, b, alpha)`: b[N] += alpha·Σ_i A[i, :] (the bias update).
 *
 * C's column blocks are the outer loop and 4-row groups the inner one, so a block's panel of B
 * stays in the L1 cache while every row group passes over it (the GotoBLAS ordering in miniature).
 *
 * Two builds: plain SIMD (multiply, then add) and one whose multiply-adds are relaxed SIMD's
 * `f32x4.relaxed_madd` (a fused multiply-add where the CPU has one, ~10–15% faster here), which
 * replab loads where the engine validates it (V8 from 11.4; Node 20's V8 11.3 only with
 * `--experimental-wasm-relaxed-simd`).
 *
 * `node lib/models/wasm/mlp-kernels.wat.mjs` (`npm run build:kernels`) assembles both with wabt
 * (a dev dependency) and writes mlp-kernels.ts, the committed bytes that replab loads;
 * tests/models/fused-mlp.test.ts checks that they are what this source assembles to.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const v = (name) => `(local.get $${name})`;
const set = (name, expr) => `(local.set $${name} ${expr})`;
const add = (a, b) => `(i32.add ${a} ${b})`;
const mul = (a, b) => `(i32.mul ${a} ${b})`;
const i32 = (n) => `(i32.const ${n})`;
const f4add = (a, b) => `(f32x4.add ${a} ${b})`;
const f4mul = (a, b) => `(f32x4.mul ${a} ${b})`;
const ZERO = "(v128.const f32x4 0 0 0 0)";
const range = (n) => Array.from({ length: n }, (_, i) => i);
const ROWS = 4;
/** Bytes of one packed entry: A(0..3, k) as 4 floats, then the byte offset of B's row k. */
const ENTRY = 20;
/** i8x16.shuffle lanes of a 4×4 float transpose: interleave low/high pairs of two rows, then take low/high halves. */
const INTERLEAVE = { lo: "0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23", hi: "8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31" };
const HALVES = { lo: "0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23", hi: "8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31" };

/** Stores the transpose of the 4×4 block in locals rows[0..3] as 4 vectors at `at(0..3)`, through locals t0..t3. */
function storeTransposed(rows, at) {
  return [
    set("t0", `(i8x16.shuffle ${INTERLEAVE.lo} ${v(rows[0])} ${v(rows[1])})`), set("t1", `(i8x16.shuffle ${INTERLEAVE.hi} ${v(rows[0])} ${v(rows[1])})`),
    set("t2", `(i8x16.shuffle ${INTERLEAVE.lo} ${v(rows[2])} ${v(rows[3])})`), set("t3", `(i8x16.shuffle ${INTERLEAVE.hi} ${v(rows[2])} ${v(rows[3])})`),
    ...range(4).map((r) => `(v128.store ${at(r)} (i8x16.shuffle ${r % 2 === 0 ? HALVES.lo : HALVES.hi} ${v(r < 2 ? "t0" : "t1")} ${v(r < 2 ? "t2" : "t3")}))`),
  ].join("\n      ");
}

/**
 * The micro-kernel on one block of C (4 rows, columns [0, 4·nv)): the k loop walks the row
 * group's packed entries from p to pEnd, acc[r][q] += A(r, k)·B[k, 4q:4q+4]; then the mode's
 * epilogue.
 */
function micro(nv, fma) {
  const acc = (r, q) => `c${r}_${q}`;
  const each = (f) => range(ROWS).flatMap((r) => range(nv).map((q) => f(r, q))).join("\n      ");
  const at = (base, r, q) => `offset=${16 * q} ${add(v(base), mul(i32(r), v("cs")))}`;
  const bias = (q) => `(v128.load offset=${16 * q} ${v("e")})`;
  const body = [
    set("bp", add(v("b"), `(i32.load offset=16 ${v("p")})`)),
    ...range(nv).map((q) => set(`b${q}`, `(v128.load offset=${16 * q} ${v("bp")})`)),
    ...range(ROWS).flatMap((r) => [
      set("s", `(v128.load32_splat offset=${4 * r} ${v("p")})`),
      ...range(nv).map((q) => set(acc(r, q), fma ? `(f32x4.relaxed_madd ${v("s")} ${v(`b${q}`)} ${v(acc(r, q))})` : f4add(v(acc(r, q)), f4mul(v("s"), v(`b${q}`))))),
    ]),
    set("p", add(v("p"), i32(ENTRY))),
  ];
  const updated = (r, q) => f4add(`(v128.load ${at("c", r, q)})`, f4mul(v("al"), v(acc(r, q))));
  const mode = (m, code) => `(if (i32.eq ${v("mode")} ${i32(m)}) (then
      ${code}
      (return)))`;
  return `
  (func $micro${nv} (param $p i32) (param $pEnd i32) (param $b i32) (param $c i32) (param $cs i32) (param $mode i32) (param $e i32) (param $alpha i32) (param $t i32) (param $ts i32)
    (local $bp i32) (local $s v128) (local $al v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    ${range(nv).map((q) => `(local $b${q} v128)`).join(" ")} ${range(ROWS).flatMap((r) => range(nv).map((q) => `(local $${acc(r, q)} v128)`)).join(" ")}
    (if (i32.lt_u ${v("p")} ${v("pEnd")}) (then (loop $next
      ${body.join("\n      ")}
      (br_if $next (i32.lt_u ${v("p")} ${v("pEnd")})))))
    ${set("al", `(f32x4.splat (f32.reinterpret_i32 ${v("alpha")}))`)}
    ${mode(0, each((r, q) => `(v128.store ${at("c", r, q)} ${updated(r, q)})`))}
    ${mode(1, each((r, q) => `(v128.store ${at("c", r, q)} (f32x4.max ${f4add(v(acc(r, q)), bias(q))} ${ZERO}))`))}
    ${mode(2, each((r, q) => `(v128.store ${at("c", r, q)} ${f4add(v(acc(r, q)), bias(q))})`))}
    ${mode(3, each((r, q) => `(v128.store ${at("c", r, q)} (v128.and ${v(acc(r, q))} (f32x4.gt (v128.load ${at("e", r, q)}) ${ZERO})))`))}
    ${each((r, q) => `${set(acc(r, q), updated(r, q))} (v128.store ${at("c", r, q)} ${v(acc(r, q))})`)}
      ${range(nv).map((q) => storeTransposed(range(ROWS).map((r) => acc(r, q)), (j) => add(v("t"), mul(i32(4 * q + j), v("ts"))))).join("\n      ")})`;
}

/**
 * C's columns in blocks of 12 floats, then 8, then 4 (N ≡ 4 mod 12 takes two 8s rather than a
 * slow 4), each over every group of 4 rows. j, J12 and J count bytes.
 */
function blocked(call) {
  const loop = (w, limit) => `
    (block $d${w} (loop $l${w}
      (br_if $d${w} (i32.gt_s ${add(v("j"), i32(16 * w))} ${v(limit)}))
      ${set("i", i32(0))}
      (block $di${w} (loop $li${w}
        (br_if $di${w} (i32.ge_s ${v("i")} ${v("M")}))
        ${call(w)}
        ${set("i", add(v("i"), i32(4)))}
        (br $li${w})))
      ${set("j", add(v("j"), i32(16 * w)))}
      (br $l${w})))`;
  const rem = `(i32.rem_u ${v("N")} ${i32(12)})`;
  return `${set("J", `(i32.shl ${v("N")} ${i32(2)})`)}
    ${set("J12", `(i32.shl (i32.sub ${v("N")} (select ${i32(16)} ${rem} (i32.and (i32.eq ${rem} ${i32(4)}) (i32.ge_u ${v("N")} ${i32(16)})))) ${i32(2)})`)}
    ${loop(3, "J12")}${loop(2, "J")}${loop(1, "J")}`;
}

/** The kernels' WebAssembly text; `fma`: the micro-kernels' multiply-adds as relaxed SIMD's `f32x4.relaxed_madd`. */
export function mlpKernelsWat({ fma = false } = {}) {
  const groupList = add(v("list"), mul(mul(`(i32.shr_u ${v("i")} ${i32(2)})`, v("K")), i32(ENTRY)));
  return `(module
  (memory (export "memory") 1)
  ${[3, 2, 1].map((nv) => micro(nv, fma)).join("\n")}
  (func (export "pack") (param $a i32) (param $ars i32) (param $aks i32) (param $M i32) (param $K i32) (param $bs i32) (param $list i32) (param $counts i32)
    (local $g i32) (local $k i32) (local $p i32) (local $q i32) (local $x0 f32) (local $x1 f32) (local $x2 f32) (local $x3 f32)
    (block $dg (loop $lg
      (br_if $dg (i32.ge_s (i32.shl ${v("g")} ${i32(2)}) ${v("M")}))
      ${set("q", add(v("list"), mul(mul(v("g"), v("K")), i32(ENTRY))))} ${set("p", v("q"))}
      ${set("k", i32(0))}
      (block $dk (loop $lk
        (br_if $dk (i32.ge_s ${v("k")} ${v("K")}))
        ${range(4).map((r) => set(`x${r}`, `(f32.load ${add(add(v("a"), mul(add(`(i32.shl ${v("g")} ${i32(2)})`, i32(r)), v("ars"))), mul(v("k"), v("aks")))})`)).join("\n        ")}
        ${range(4).map((r) => `(f32.store offset=${4 * r} ${v("p")} ${v(`x${r}`)})`).join(" ")}
        (i32.store offset=16 ${v("p")} ${mul(v("k"), v("bs"))})
        ${set("p", add(v("p"), `(select ${i32(ENTRY)} ${i32(0)} (i32.or (i32.or (f32.ne ${v("x0")} (f32.const 0)) (f32.ne ${v("x1")} (f32.const 0))) (i32.or (f32.ne ${v("x2")} (f32.const 0)) (f32.ne ${v("x3")} (f32.const 0)))))`))}
        ${set("k", add(v("k"), i32(1)))}
        (br $lk)))
      (i32.store ${add(v("counts"), `(i32.shl ${v("g")} ${i32(2)})`)} (i32.sub ${v("p")} ${v("q")}))
      ${set("g", add(v("g"), i32(1)))}
      (br $lg))))
  (func (export "product") (param $list i32) (param $counts i32) (param $K i32) (param $b i32) (param $c i32) (param $cs i32)
      (param $M i32) (param $N i32) (param $mode i32) (param $e i32) (param $alpha f32) (param $t i32) (param $ts i32)
    (local $i i32) (local $j i32) (local $J i32) (local $J12 i32) (local $p i32)
    ${blocked((w) => `${set("p", groupList)}
        (call $micro${w} ${v("p")} ${add(v("p"), `(i32.load ${add(v("counts"), v("i"))})`)} ${add(v("b"), v("j"))} ${add(add(v("c"), mul(v("i"), v("cs"))), v("j"))} ${v("cs")} ${v("mode")}
          (select ${add(add(v("e"), mul(v("i"), v("cs"))), v("j"))} ${add(v("e"), v("j"))} (i32.eq ${v("mode")} ${i32(3)})) (i32.reinterpret_f32 ${v("alpha")})
          ${add(add(v("t"), mul(`(i32.shr_u ${v("j")} ${i32(2)})`, v("ts"))), `(i32.shl ${v("i")} ${i32(2)})`)} ${v("ts")})`)})
  (func (export "transpose") (param $src i32) (param $ss i32) (param $R i32) (param $C i32) (param $dst i32) (param $ds i32)
    (local $i i32) (local $j i32) (local $p i32) (local $q i32) ${range(4).map((r) => `(local $r${r} v128) (local $t${r} v128)`).join(" ")}
    (block $di (loop $li
      (br_if $di (i32.ge_s ${v("i")} ${v("R")}))
      ${set("j", i32(0))}
      (block $dj (loop $lj
        (br_if $dj (i32.ge_s ${v("j")} ${v("C")}))
        ${set("p", add(add(v("src"), mul(v("i"), v("ss"))), `(i32.shl ${v("j")} ${i32(2)})`))}
        ${range(4).map((r) => set(`r${r}`, `(v128.load ${add(v("p"), mul(i32(r), v("ss")))})`)).join(" ")}
        ${set("q", add(add(v("dst"), mul(v("j"), v("ds"))), `(i32.shl ${v("i")} ${i32(2)})`))}
        ${storeTransposed(["r0", "r1", "r2", "r3"], (r) => add(v("q"), mul(i32(r), v("ds"))))}
        ${set("j", add(v("j"), i32(4)))}
        (br $lj)))
      ${set("i", add(v("i"), i32(4)))}
      (br $li))))
  (func (export "colsumAxpy") (param $a i32) (param $as i32) (param $M i32) (param $N i32) (param $b i32) (param $alpha f32)
    (local $i i32) (local $j i32) (local $p i32) (local $s v128)
    ${set("N", `(i32.shl ${v("N")} ${i32(2)})`)}
    (block $dj (loop $lj
      (br_if $dj (i32.ge_s ${v("j")} ${v("N")}))
      ${set("s", ZERO)} ${set("i", i32(0))} ${set("p", add(v("a"), v("j")))}
      (block $di (loop $li
        (br_if $di (i32.ge_s ${v("i")} ${v("M")}))
        ${set("s", f4add(v("s"), `(v128.load ${v("p")})`))}
        ${set("p", add(v("p"), v("as")))} ${set("i", add(v("i"), i32(1)))}
        (br $li)))
      (v128.store ${add(v("b"), v("j"))} ${f4add(`(v128.load ${add(v("b"), v("j"))})`, f4mul(`(f32x4.splat ${v("alpha")})`, v("s")))})
      ${set("j", add(v("j"), i32(16)))}
      (br $lj)))))`;
}

/** Assembles {@link mlpKernelsWat} with wabt; returns the module's bytes. */
export async function assembleMlpKernels({ fma = false } = {}) {
  const wabt = await (await import("wabt")).default();
  const parsed = wabt.parseWat("mlp-kernels.wat", mlpKernelsWat({ fma }), { simd: true, relaxed_simd: fma });
  try {
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/** The committed TypeScript module holding both builds' bytes. */
export function mlpKernelsModuleSource(plain, fma) {
  const literal = (bytes) => Buffer.from(bytes).toString("base64").match(/.{1,100}/g).map((l) => `  "${l}"`).join(" +\n");
  return `// Generated by \`node lib/models/wasm/mlp-kernels.wat.mjs\` from mlp-kernels.wat.mjs: do not edit.\n` +
    `/** replab's MLP kernels, a WebAssembly module (SIMD), base64-encoded (${plain.length} bytes). */\n` +
    `export const MLP_KERNELS_WASM_BASE64 =\n${literal(plain)};\n` +
    `/** The same kernels with relaxed SIMD's fused multiply-add (${fma.length} bytes). */\n` +
    `export const MLP_KERNELS_FMA_WASM_BASE64 =\n${literal(fma)};\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const plain = await assembleMlpKernels(), fma = await assembleMlpKernels({ fma: true });
  const out = new URL("./mlp-kernels.ts", import.meta.url);
  fs.writeFileSync(out, mlpKernelsModuleSource(plain, fma));
  console.log(`wrote ${fileURLToPath(out)} (${plain.length} and ${fma.length} bytes of WebAssembly)`);
}
