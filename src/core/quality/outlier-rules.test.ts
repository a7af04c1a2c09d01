import { describe, expect, it } from 'vitest'
import { dayNumberOf } from '../inventory/day-number.js'
import {
  ageOutlier,
  annualKwhOutlier,
  declaredLifetimeOutlier,
  findOutliers,
  futurePurchaseOutlier,
  quantityOutlier,
} from './outlier-rules.js'

const REFERENCE_DAY = dayNumberOf(2025, 12, 31)

describe('annualKwhOutlier', () => {
  // laptop item typical 46.64 kWh/yr: accepted range 46.64 / 5 = 9.328 to 46.64 × 5 = 233.2
  it.each([
    [40, null],
    [233.2, null], // the bound itself is accepted
    [9.328, null],
    [233.3, 'annual-kwh-above-typical'],
    [9.3, 'annual-kwh-below-typical'],
    [0, 'annual-kwh-not-positive'],
    [-1, 'annual-kwh-not-positive'],
  ])('flags %d kWh/yr against a typical 46.64 as %s', (value, rule) => {
    expect(annualKwhOutlier(value, 46.64)?.rule ?? null).toBe(rule)
  })

  it('gives the expected range 9.328 – 233.2 kWh/yr with the flagged value', () => {
    const found = annualKwhOutlier(1000, 46.64)!
    expect(found).toEqual({
      rule: 'annual-kwh-above-typical',
      kind: 'power',
      field: 'annualKwh',
      value: 1000,
      expectedMin: 46.64 / 5,
      expectedMax: 46.64 * 5,
    })
    expect(found.expectedMin).toBeCloseTo(9.328, 10)
    expect(found.expectedMax).toBeCloseTo(233.2, 10)
  })

  it('without a typical value (or a typical 0, as placeholder virtual machines) only flags zero or less', () => {
    expect(annualKwhOutlier(100_000, null)).toBeNull()
    expect(annualKwhOutlier(100_000, 0)).toBeNull()
    expect(annualKwhOutlier(0, null)).toMatchObject({ rule: 'annual-kwh-not-positive', expectedMin: 0 })
    expect(annualKwhOutlier(null, 46.64)).toBeNull()
  })
})

describe('futurePurchaseOutlier', () => {
  it('flags a purchase the day after the reference date, not on it', () => {
    expect(futurePurchaseOutlier(REFERENCE_DAY, REFERENCE_DAY)).toBeNull()
    expect(futurePurchaseOutlier(REFERENCE_DAY + 1, REFERENCE_DAY)).toEqual({
      rule: 'purchase-after-reference',
      kind: 'future-date',
      field: 'purchaseDate',
      value: REFERENCE_DAY + 1,
      expectedMin: null,
      expectedMax: REFERENCE_DAY,
    })
    expect(futurePurchaseOutlier(null, REFERENCE_DAY)).toBeNull()
  })
})

describe('ageOutlier', () => {
  it('flags more than 15 years between purchase and reference date (365.25-day years)', () => {
    // 2010-12-31 → 2025-12-31: 5,479 days = 15.0007 years of 365.25 days > 15
    expect(ageOutlier(dayNumberOf(2010, 12, 31), REFERENCE_DAY)?.value).toBeCloseTo(5479 / 365.25, 10)
    // 2011-01-01 → 2025-12-31: 5,478 days = 14.9979 years ≤ 15
    expect(ageOutlier(dayNumberOf(2011, 1, 1), REFERENCE_DAY)).toBeNull()
    expect(ageOutlier(null, REFERENCE_DAY)).toBeNull()
  })
})

describe('declaredLifetimeOutlier', () => {
  it.each([
    [15, null],
    [15.5, 'declared-lifetime-over-15-years'],
    [null, null],
  ])('flags a declared lifetime of %s years as %s', (years, rule) => {
    expect(declaredLifetimeOutlier(years)?.rule ?? null).toBe(rule)
  })
})

describe('quantityOutlier', () => {
  it.each([
    [1000, 'laptop', null],
    [1001, 'laptop', 'quantity-over-1000'],
    [1.5, 'laptop', 'quantity-not-whole'],
    [1.5, 'virtual-machine', null], // a share of a host is a fair quantity of virtual machines
    [2500.5, 'virtual-machine', 'quantity-over-1000'],
  ] as const)('flags %d %s as %s', (quantity, category, rule) => {
    expect(quantityOutlier(quantity, category)?.rule ?? null).toBe(rule)
  })
})

describe('findOutliers', () => {
  it('lists every rule an asset breaks, in rule order', () => {
    const found = findOutliers(
      {
        category: 'monitor',
        quantity: 2500,
        purchaseDay: dayNumberOf(2008, 6, 1),
        lifetimeYears: 20,
        annualKwh: 0,
        typicalAnnualKwh: 88,
      },
      REFERENCE_DAY,
    )
    // 2008-06-01 → 2025-12-31: 6,422 days = 17.58 years
    expect(found.map((outlier) => [outlier.rule, outlier.field])).toEqual([
      ['annual-kwh-not-positive', 'annualKwh'],
      ['age-over-15-years', 'purchaseDate'],
      ['declared-lifetime-over-15-years', 'lifetimeYears'],
      ['quantity-over-1000', 'quantity'],
    ])
    expect(found[1]!.value).toBeCloseTo(6422 / 365.25, 10)
  })

  it('finds nothing on a plausible laptop', () => {
    expect(
      findOutliers(
        {
          category: 'laptop',
          quantity: 1,
          purchaseDay: dayNumberOf(2022, 3, 15),
          lifetimeYears: 5,
          annualKwh: 40,
          typicalAnnualKwh: 46.64,
        },
        REFERENCE_DAY,
      ),
    ).toEqual([])
  })
})
