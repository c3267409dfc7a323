import { require_, requireInteger } from "../core/errors.js";
import { normalPpf } from "./normal-ppf.js";

/**
 * Wilson score interval for k successes in n trials: with z = Φ⁻¹((1 + level)/2),
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), clipped to [0, 1] (exactly 0 at k = 0 and
 * 1 at k = n), as `scipy.stats.binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")`.
 */
export function wilsonInterval(k: number, n: number, options: { level?: number } = {}): { low: number; high: number } {
  requireInteger("wilsonInterval", "n", n, 1);
  requireInteger("wilsonInterval", "k", k, 0);
  require_(k <= n, "wilsonInterval", "k", k, `is above n=${n}`, "pass the number of successes out of n");
  const level = options.level ?? 0.95;
  require_(typeof level === "number" && level > 0 && level < 1, "wilsonInterval", "level", level, "is not in (0, 1)", "pass a confidence level such as 0.95");
  const z = normalPpf((1 + level) / 2);
  const p = k / n, z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: k === 0 ? 0 : Math.max(0, center - half), high: k === n ? 1 : Math.min(1, center + half) };
}
