/**
 * Stateless, seeded hashing for the simulated world. Everything in the world is derived
 * from (seed, index, salt, day, ...) on demand instead of from a stateful generator, so a
 * body or a catalogue can be rebuilt at any time without replaying earlier draws, and
 * 100,000 distributions need no stored bodies.
 */

/** Mixes 32-bit integers into one well-spread 32-bit unsigned hash (murmur3-style finaliser). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const p of parts) {
    h = mix(h, p)
    // Large numbers (above 2^32) would lose their high half in `| 0`: fold it in.
    if (p > 0xffffffff || p < -0x80000000) h ^= Math.floor(p / 0x100000000) | 0
  }
  return finish(h)
}

function mix(h: number, p: number): number {
  let k = Math.imul(p | 0, 0xcc9e2d51)
  k = (k << 15) | (k >>> 17)
  k = Math.imul(k, 0x1b873593)
  h ^= k
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

function finish(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * hash32(a, b, c, d, e) for 32-bit integer parts, without allocating: the hot path of
 * body rendering (two calls per cell). Same value as hash32 with the same five parts.
 */
export function hash5(a: number, b: number, c: number, d: number, e: number): number {
  return finish(mix(mix(mix(mix(mix(0x9e3779b9, a), b), c), d), e))
}

/** hash32 of six 32-bit integer parts, without allocating. */
export function hash6(a: number, b: number, c: number, d: number, e: number, f: number): number {
  return finish(mix(mix(mix(mix(mix(mix(0x9e3779b9, a), b), c), d), e), f))
}

/** A deterministic number in [0, 1) for the given parts. */
export function rand01(...parts: number[]): number {
  return hash32(...parts) / 0x100000000
}

/** Picks one element of a non-empty list deterministically; refuses (throws) an empty list. */
export function pick<T>(list: readonly T[], ...parts: number[]): T {
  if (list.length === 0) throw new RangeError('pick: empty list')
  return list[hash32(...parts) % list.length]
}

/** Salts, so that different uses of the same (seed, index) draw independent numbers. */
export const Salt = {
  orgCentre: 1,
  datasetTopic: 2,
  datasetPeriod: 3,
  datasetContact: 4,
  distKind: 5,
  distHost: 6,
  distDefect: 7,
  distDefectPick: 8,
  distLifecycle: 9,
  distLifecycleDay: 10,
  distPhase: 11,
  body: 12,
  hostRange: 13,
  distLicense: 14,
  distFormat: 15,
  datasetSpec: 16,
  datasetKeywords: 17,
  distByteSize: 18,
  stale: 19,
  datasetCount: 20,
  lifecycleLength: 21,
  datasetService: 22,
  metaDefect: 23,
  orgHosts: 24,
  datasetHvd: 25,
  hvdVariant: 26,
} as const
