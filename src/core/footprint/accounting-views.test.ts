import { describe, expect, it } from 'vitest'
import { ghgPostOf, toPurchaseYear, yearOfDay } from './accounting-views.js'
import { decomposeChange } from './decompose-change.js'
import { climateInterval } from './uncertainty.js'
import type { AssetFootprint } from './compute-footprint.js'

const LAPTOP: AssetFootprint = {
  referenceItemId: 'ademe-laptop',
  matchedBy: 'category-default',
  lifetimeYears: 5,
  annualKwh: 46.64,
  // ADEME laptop over 5 years: 170 / 5 = 34, 12.3 / 5 = 2.46, 2.79 / 5 = 0.558; use 46.64 × 0.0519 = 2.420616
  impacts: {
    'climate-change': { manufacturing: 34, distribution: 2.46, use: 2.420616, 'end-of-life': 0.558 },
  },
}

describe('toPurchaseYear', () => {
  it('reports the whole embodied impact of an asset bought in the campaign year, use unchanged', () => {
    const day = Date.UTC(2024, 5, 15) / 86_400_000
    expect(yearOfDay(day)).toBe(2024)
    const { impacts, isBoughtInYear } = toPurchaseYear(LAPTOP, day, 2024)
    expect(isBoughtInYear).toBe(true)
    // 34 × 5 = 170, 2.46 × 5 = 12.3, 0.558 × 5 = 2.79
    const climate = impacts['climate-change']!
    expect(climate.manufacturing).toBeCloseTo(170, 12)
    expect(climate.distribution).toBeCloseTo(12.3, 12)
    expect(climate['end-of-life']).toBeCloseTo(2.79, 12)
    expect(climate.use).toBe(2.420616)
  })

  it('reports no embodied impact for an older or undated asset', () => {
    const older = toPurchaseYear(LAPTOP, Date.UTC(2021, 0, 1) / 86_400_000, 2024)
    expect(older.isBoughtInYear).toBe(false)
    expect(older.impacts['climate-change']).toEqual({
      manufacturing: 0,
      distribution: 0,
      use: 2.420616,
      'end-of-life': 0,
    })
    expect(toPurchaseYear(LAPTOP, null, 2024).isBoughtInYear).toBe(false)
  })
})

describe('ghgPostOf', () => {
  it('maps use to scope 2, manufacturing to scope 3 cat. 2 (amortised or not), cloud to cat. 1', () => {
    expect(ghgPostOf('workstations', 'use', 'annualised').id).toBe('scope-2')
    expect(ghgPostOf('workstations', 'manufacturing', 'annualised').id).toBe('scope-3-cat-2-amortised')
    expect(ghgPostOf('datacenters', 'manufacturing', 'purchase-year').id).toBe('scope-3-cat-2')
    expect(ghgPostOf('network', 'distribution', 'annualised').id).toBe('scope-3-cat-4')
    expect(ghgPostOf('telephony', 'end-of-life', 'annualised').bilanCarbone).toContain('post 11')
    expect(ghgPostOf('cloud', 'use', 'annualised').id).toBe('scope-3-cat-1')
  })
})

describe('decomposeChange', () => {
  it('splits B − A into inventory (X − A) and factor (B − X) effects per key', () => {
    // laptop: A 100, X 150, B 120 → inventory +50, factors −30, change +20
    // server: only in B: A 0, X 40, B 50 → inventory +40, factors +10
    const { rows, total } = decomposeChange(
      new Map([['laptop', 100]]),
      new Map([
        ['laptop', 150],
        ['server', 40],
      ]),
      new Map([
        ['laptop', 120],
        ['server', 50],
      ]),
    )
    expect(rows.map((row) => [row.key, row.inventoryEffect, row.factorEffect, row.change])).toEqual([
      ['laptop', 50, -30, 20],
      ['server', 40, 10, 50],
    ])
    expect([total.before, total.after, total.inventoryEffect, total.factorEffect]).toEqual([
      100, 170, 90, -20,
    ])
  })
})

describe('climateInterval', () => {
  it('adds group errors in quadrature, lifetime defaults widening embodied, grid error over all use', () => {
    // laptop manufacturing 1000, half its units undated: 1000 × √(0.4² + (0.5 × 0.25)²) = 1000 × √0.175625
    //   → variance 175,625
    // switch manufacturing 100, placeholder: (100 × 1)² = 10,000
    // laptop use 200: (200 × 0.5)² = 10,000; grid (0.15 × 200)² = 900
    // halfWidth = √(175,625 + 10,000 + 10,000 + 900) = √196,525 = 443.311...; total 1300
    const interval = climateInterval([
      {
        category: 'laptop',
        phase: 'manufacturing',
        valueKgCo2e: 1000,
        defaultLifetimeShare: 0.5,
        isPlaceholder: false,
      },
      {
        category: 'network-switch',
        phase: 'manufacturing',
        valueKgCo2e: 100,
        defaultLifetimeShare: 0,
        isPlaceholder: true,
      },
      { category: 'laptop', phase: 'use', valueKgCo2e: 200, defaultLifetimeShare: 0.5, isPlaceholder: false },
    ])
    expect(interval.halfWidth).toBeCloseTo(Math.sqrt(196_525), 9)
    expect(interval.low).toBeCloseTo(1300 - Math.sqrt(196_525), 9)
    expect(interval.high).toBeCloseTo(1300 + Math.sqrt(196_525), 9)
    expect(interval.factors.map((factor) => factor.id)).toContain('uncertainty/grid-factor')
  })

  it('widens when lifetimes are defaults: every unit undated adds 25 % in quadrature', () => {
    const dated = climateInterval([
      {
        category: 'laptop',
        phase: 'manufacturing',
        valueKgCo2e: 100,
        defaultLifetimeShare: 0,
        isPlaceholder: false,
      },
    ])
    const undated = climateInterval([
      {
        category: 'laptop',
        phase: 'manufacturing',
        valueKgCo2e: 100,
        defaultLifetimeShare: 1,
        isPlaceholder: false,
      },
    ])
    expect(dated.halfWidth).toBeCloseTo(40, 12) // 100 × 0.4
    expect(undated.halfWidth).toBeCloseTo(100 * Math.sqrt(0.16 + 0.0625), 12) // 47.17
  })
})
