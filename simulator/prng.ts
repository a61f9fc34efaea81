// Seeded randomness for the simulator. Everything a room does must follow from (seed, roomId, time)
// alone, so the generators are counter-based: a minute's events are drawn from a generator seeded
// by the minute's index, never from a stream that depends on how often the room was queried.

const UTF8 = new TextEncoder();

/** Murmur3's finaliser: spreads every input bit over the whole word. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-8 bytes, finalised; "直播间-1" and "live-0001" hash as bytes, like Tencent stores them. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of UTF8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Combines integers into one 32-bit seed; order matters, so (room, minute, salt) never collide by permutation. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Split so that values above 2^32 (none expected, but minutes are unbounded) still count.
    h = fmix32(h ^ fmix32(part >>> 0));
    h = fmix32(h ^ Math.floor(part / 4294967296));
  }
  return h;
}

export type Random = () => number;

/** mulberry32: tiny, fast, good enough for traffic shapes (not for cryptography). Returns [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** Log-uniform: room sizes span orders of magnitude, so small rooms must be as likely as big ones. */
export function logUniform(random: Random, min: number, max: number): number {
  return Math.exp(uniform(random, Math.log(min), Math.log(max)));
}

/** Standard normal by Box-Muller; 1 - random() keeps the logarithm away from zero. */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Poisson sample. Knuth's product method is exact but linear in lambda, so large means use the
 * normal approximation, which is indistinguishable at that size and keeps a busy room's catch-up cheap.
 */
export function poisson(random: Random, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 40) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = random();
    while (product > limit) {
      k += 1;
      product *= random();
    }
    return k;
  }
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(random)));
}
