/** A deterministic pseudo-random source: the same seed always gives the same sequence. */
export type Random = {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [minimum, maximum], both included. */
  integer(minimum: number, maximum: number): number
  /** True with the given probability. */
  chance(probability: number): boolean
  /** One element of a non-empty list. */
  pick<Item>(items: readonly Item[]): Item
  /** The index of a weight, drawn in proportion to the weights. */
  weightedIndex(weights: readonly number[]): number
}

/**
 * Creates a mulberry32 generator (32-bit state, period 2^32). Only integer arithmetic and one division:
 * the sequence is identical on every platform.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    integer: (minimum, maximum) => minimum + Math.floor(next() * (maximum - minimum + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    weightedIndex(weights) {
      let total = 0
      for (const weight of weights) total += weight
      let target = next() * total
      for (let index = 0; index < weights.length; index++) {
        target -= weights[index]
        if (target < 0) return index
      }
      return weights.length - 1
    },
  }
}

/** Derives the seed of an independent stream (one per file) from a seed and a stream name. */
export function deriveSeed(seed: number, stream: string): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0
  for (let index = 0; index < stream.length; index++) {
    hash = Math.imul(hash ^ stream.charCodeAt(index), 0x01000193) >>> 0
  }
  return Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0
}
