import { describe, expect, it } from 'vitest'
import { formatJavaDouble } from './java-double.js'

describe('formatJavaDouble', () => {
  it.each([
    [1, '1.0'],
    [2226.09317222576, '2226.09317222576'],
    [1596 / 365, '4.372602739726028'],
    [9.17808e-5, '9.17808E-5'],
    [5.365880904e-4, '5.365880904E-4'],
    [0.06377608, '0.06377608'],
    [0.001, '0.001'],
    [1e7, '1.0E7'],
    [12345678.5, '1.23456785E7'],
    [-0.5, '-0.5'],
    [0, '0.0'],
    [100, '100.0'],
  ])('writes %s as Java does: %s', (value, expected) => {
    expect(formatJavaDouble(value)).toBe(expected)
  })
})
