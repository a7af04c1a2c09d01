import { describe, expect, it } from 'vitest'
import type { Hypotheses } from '../referential/referential.js'
import { resolveLifetime, type LifetimeInput, type LifetimeResolution } from './lifetime.js'

const factor = (value: number) => ({ id: 'h', value, unit: 'years', source: 'test' })
const hypotheses: Hypotheses = {
  defaultPue: factor(1.75),
  defaultLifetimeYears: factor(2),
  minimumLifetimeYears: factor(1),
  companyUtilisationRate: factor(0.8),
  personalUtilisationRate: factor(0.57),
  defaultCountry: 'FR',
}
const referenceDay = 20000
const none: LifetimeInput = { purchaseDay: null, retirementDay: null, lifetimeYears: null }

describe('resolveLifetime', () => {
  it.each<[string, LifetimeInput, number, LifetimeResolution]>([
    // (20000 − 18175) / 365 = 1825 / 365 = 5
    [
      'dates up to the reference day',
      { ...none, purchaseDay: 18175 },
      6,
      { years: 5, rawYears: 5, method: 'dates', isClamped: false },
    ],
    // (19095 − 18000) / 365 = 1095 / 365 = 3; the inventory lifetime is ignored when dates exist
    [
      'dates up to the retirement day',
      { purchaseDay: 18000, retirementDay: 19095, lifetimeYears: 9 },
      6,
      { years: 3, rawYears: 3, method: 'dates', isClamped: false },
    ],
    // 73 / 365 = 0.2 → 1
    [
      'a short life, clamped',
      { ...none, purchaseDay: 19927 },
      6,
      { years: 1, rawYears: 0.2, method: 'dates', isClamped: true },
    ],
    [
      'the inventory lifetime',
      { ...none, lifetimeYears: 7 },
      6,
      { years: 7, rawYears: 7, method: 'inventory', isClamped: false },
    ],
    [
      'an inventory lifetime below 1',
      { ...none, lifetimeYears: 0.5 },
      6,
      { years: 1, rawYears: 0.5, method: 'inventory', isClamped: true },
    ],
    [
      'the reference item lifetime',
      none,
      6,
      { years: 6, rawYears: 6, method: 'category-default', isClamped: false },
    ],
    [
      'the global default',
      none,
      Number.NaN,
      { years: 2, rawYears: 2, method: 'global-default', isClamped: false },
    ],
  ])('uses %s', (_name, input, itemYears, expected) => {
    const resolution = resolveLifetime(input, itemYears, hypotheses, referenceDay)
    expect(resolution.method).toBe(expected.method)
    expect(resolution.isClamped).toBe(expected.isClamped)
    expect(resolution.years).toBeCloseTo(expected.years, 9)
    expect(resolution.rawYears).toBeCloseTo(expected.rawYears, 9)
  })
})
