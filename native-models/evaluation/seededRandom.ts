/** Deterministic pseudo-random numbers for the bootstrap (mulberry32), seeded from a number and a string. */

export type RandomSource = () => number;

/** Uniform in [0, 1); the same seed always gives the same sequence. */
export function seededRandom(seed: number, salt = ''): RandomSource {
  let a = (hashString(salt) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bit. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
