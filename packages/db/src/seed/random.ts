/** Deterministic pseudo-random numbers for the seed: mulberry32 plus a few distributions. */

/** 32-bit FNV-1a hash of a string, to derive independent streams from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number | string) {
    this.state = (typeof seed === 'string' ? hashString(seed) : seed) >>> 0;
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Fisher–Yates in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** k distinct items (k ≤ items.length), order random. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(k, items.length));
  }
}

/** Picks from a fixed weighted table quickly (cumulative weights, binary search). */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = [];
    this.cumulative = [];
    let sum = 0;
    for (const [value, weight] of entries) {
      if (weight <= 0) continue;
      sum += weight;
      this.values.push(value);
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new RangeError('weighted table without positive weights');
    this.total = sum;
  }

  pick(random: Random): T {
    const x = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}

/**
 * Scales positive integers so that they sum to exactly `target` (each stays ≥ `min`); the rounding
 * remainder goes to the largest values. Keeps the shape of a skewed distribution; use it for a factor near 1.
 */
export function scaleToSum(values: number[], target: number, min = 1, random?: Random): void {
  if (values.length === 0) return;
  if (target < min * values.length) throw new RangeError(`cannot reach ${target} with ${values.length} values ≥ ${min}`);
  let sum = 0;
  for (const v of values) sum += v;
  const factor = sum > 0 ? target / sum : 1;
  sum = 0;
  for (let i = 0; i < values.length; i++) {
    // random dithering instead of rounding keeps small values from clumping on a few integers
    const v = Math.max(min, Math.floor((values[i] as number) * factor + (random ? random.next() : 0.5)));
    values[i] = v;
    sum += v;
  }
  let diff = target - sum;
  const order = values.map((_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  // spread the remainder over the largest values, one unit at a time round-robin
  for (let round = 0; diff !== 0 && round < 1_000_000; round++) {
    let progressed = false;
    for (const i of order) {
      if (diff === 0) break;
      const v = values[i] as number;
      if (diff > 0) {
        values[i] = v + 1;
        diff--;
        progressed = true;
      } else if (v > min) {
        values[i] = v - 1;
        diff++;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  if (diff !== 0) throw new RangeError('scaleToSum did not converge');
}
