import { describe, expect, it } from 'vitest'
import { createRandom, deriveSeed } from './create-random.js'

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const first = createRandom(42)
    const second = createRandom(42)
    const values = Array.from({ length: 5 }, () => first.next())
    expect(Array.from({ length: 5 }, () => second.next())).toEqual(values)
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true)
  })

  it('draws integers within bounds and indexes in proportion to weights', () => {
    const random = createRandom(1)
    const counts = [0, 0, 0]
    for (let draw = 0; draw < 10_000; draw++) {
      const value = random.integer(1, 4)
      expect(value >= 1 && value <= 4).toBe(true)
      counts[random.weightedIndex([1, 0, 3])]++
    }
    expect(counts[1]).toBe(0)
    expect(counts[2] / 10_000).toBeGreaterThan(0.72)
    expect(counts[2] / 10_000).toBeLessThan(0.78)
  })

  it('derives different seeds per stream name', () => {
    expect(deriveSeed(42, 'computers')).toBe(deriveSeed(42, 'computers'))
    expect(deriveSeed(42, 'computers')).not.toBe(deriveSeed(42, 'monitors'))
    expect(deriveSeed(42, 'computers')).not.toBe(deriveSeed(43, 'computers'))
  })
})
