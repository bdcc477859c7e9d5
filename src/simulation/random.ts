/**
 * @module simulation/random
 * Counter-based random numbers: every draw is a hash of (seed, entity, purpose), never the next number
 * of a shared sequence. So a person's draws do not depend on how many persons came before, which is
 * what lets a baseline and a scenario run over the SAME random streams (a person the scenario adds or
 * removes shifts nobody else's draws), and a Monte Carlo run's numbers depend only on its seed, not on
 * which thread ran it or in what order.
 *
 * The mixer is MurmurHash3's 32-bit finaliser applied to each word in turn (Appleby, public domain:
 * https://github.com/aappleby/smhasher), which passes the avalanche test; a unit draw is the 32-bit hash
 * divided by 2^32 (a resolution of 2.3e-10, far below any probability the model uses).
 */

/** MurmurHash3 fmix32: every input bit flips each output bit with probability about 1/2. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one 32-bit word into a running hash (MurmurHash3's block step, then its finaliser). */
function fold(h: number, word: number): number {
  let k = Math.imul(word | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

/**
 * A 32-bit hash of up to four words.
 * @example hash4(42, 7, 0, 3) === hash4(42, 7, 0, 3) // always
 */
export function hash4(a: number, b: number, c: number, d: number): number {
  return fmix32(fold(fold(fold(fold(0x9747b28c, a), b), c), d) ^ 16);
}

const TWO_32 = 4_294_967_296;

/**
 * A uniform draw in [0, 1) for (seed, entity key, entity index, purpose).
 * @example const u = uniform(seed, cellKey, k, PURPOSE.sex); const female = u < 0.3;
 */
export function uniform(seed: number, key: number, index: number, purpose: number): number {
  return hash4(seed, key, index, purpose) / TWO_32;
}

/** A seed for Monte Carlo run `run` of a study seeded with `seed` (the same whatever thread runs it). */
export function runSeed(seed: number, run: number): number {
  return hash4(seed, run, 0x5eed, 0x0fa1);
}

/**
 * Inverse of the standard normal distribution function: P. J. Acklam's rational approximation (2003),
 * relative error below 1.15e-9 — far finer than the Poisson approximation it serves.
 */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    return (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) / ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
  }
  if (q > 1 - 0.02425) return -normalQuantile(1 - q);
  const r = (q - 0.5) * (q - 0.5);
  return (((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * (q - 0.5)
    / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * A Poisson count with mean `mean` drawn by inversion from one uniform `u`. Inversion is monotone in
 * the mean for a fixed `u`, so a scenario that raises a mean draws at least the baseline's count from
 * the same stream (common random numbers). Exact summation up to a mean of 50; above, the normal
 * approximation with continuity correction (error under 1 % of a standard deviation there).
 */
export function poisson(mean: number, u: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 50) return Math.max(0, Math.floor(mean + Math.sqrt(mean) * normalQuantile(u) + 0.5));
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** An exponential waiting time with mean `mean`, from one uniform. */
export function exponential(mean: number, u: number): number {
  return -mean * Math.log(1 - u);
}

/** The index picked from cumulative weights `cumulative` (ascending, last = total) by uniform `u`. */
export function pick(cumulative: ArrayLike<number>, u: number): number {
  const total = cumulative[cumulative.length - 1]!;
  const target = u * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** A stable 32-bit key of a string (for entity keys built from codes: a route, a cell). */
export function keyOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}
