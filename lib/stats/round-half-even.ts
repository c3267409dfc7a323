/** Rounds to the nearest integer, ties to the even one, as numpy.round and torch.round do (Math.round sends ties up). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
