/**
 * Sorts finite float64 values ascending, in place, and returns the array. Large arrays use an LSD
 * radix sort on the IEEE-754 bits (four 16-bit passes; keys made order-preserving by flipping the
 * sign bit of non-negatives and all bits of negatives), which is several times faster than the
 * comparison sort for 10^5–10^6 values; small arrays use the native typed-array sort.
 * −0 sorts before +0 (they compare equal, so no statistic here can tell).
 */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 4096) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2); // little-endian: [lo, hi]
  let lo = new Uint32Array(n), hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1]!, l = words[2 * i]!;
    if (h & 0x80000000) { hi[i] = ~h >>> 0; lo[i] = ~l >>> 0; } else { hi[i] = (h | 0x80000000) >>> 0; lo[i] = l; }
  }
  let lo2 = new Uint32Array(n), hi2 = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = (pass % 2) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i]! >>> shift) & 0xffff]!++;
    // All keys share this digit: the pass would not move anything.
    if (count[(src[0]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) { const c = count[d]!; count[d] = sum; sum += c; }
    for (let i = 0; i < n; i++) {
      const pos = count[(src[i]! >>> shift) & 0xffff]!++;
      lo2[pos] = lo[i]!; hi2[pos] = hi[i]!;
    }
    [lo, lo2] = [lo2, lo]; [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i]!, l = lo[i]!;
    if (h & 0x80000000) { words[2 * i + 1] = (h & 0x7fffffff) >>> 0; words[2 * i] = l; } else { words[2 * i + 1] = ~h >>> 0; words[2 * i] = ~l >>> 0; }
  }
  return values;
}
