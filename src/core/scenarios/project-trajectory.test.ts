import { describe, expect, it } from 'vitest'
import {
  projectTrajectory,
  survivalShare,
  type TrajectoryCategory,
  type TrajectoryInput,
} from './project-trajectory.js'

// ADEME laptop: F = 170 + 12.3 + 2.79 = 185.09 kgCO2e, 46.64 kWh/yr, L = 5; 900 €; FR grid 0.0519; 0.20 €/kWh.
const laptops: TrajectoryCategory = {
  category: 'laptop',
  ageCounts: [2, 2, 2, 2, 2],
  expectedLifetimeYears: 5,
  embodiedKgCo2ePerUnit: 185.09,
  annualKwhPerUnit: 46.64,
  unitPriceEuros: 900,
}

const input: TrajectoryInput = {
  startYear: 2024,
  endYear: 2030,
  categories: [laptops],
  gridKgCo2ePerKwh: 0.0519,
  electricityEurosPerKwh: 0.2,
  scenario: { fromYear: 2024, lifetimeExtensionYears: { laptop: 2 } },
}

describe('survivalShare', () => {
  it.each([
    // [age, L, share]: clamp(L − age, 0, 1)
    [0, 5, 1],
    [4, 5, 1],
    [5, 5, 0],
    [2, 2.5, 0.5],
    [3, 2.5, 0],
  ])('age %d with lifetime %d → %d', (age, lifetime, share) => {
    expect(survivalShare(age, lifetime)).toBe(share)
  })
})

describe('projectTrajectory', () => {
  it('renews 2 of 10 laptops aged 0..4 every year with a 5-year lifetime', () => {
    const { baseline } = projectTrajectory(input)
    for (const year of baseline) {
      expect([year.stock, year.purchases, year.retirements]).toEqual([10, 2, 2])
      // purchase-year embodied 2 × 185.09 = 370.18; amortised 10 × 185.09 / 5 = 370.18
      expect(year.embodiedPurchaseYearKgCo2e).toBeCloseTo(370.18, 9)
      expect(year.embodiedAmortisedKgCo2e).toBeCloseTo(370.18, 9)
      // use 10 × 46.64 × 0.0519 = 24.20616; € 2 × 900 + 466.4 × 0.2 = 1,893.28
      expect(year.useKgCo2e).toBeCloseTo(24.20616, 9)
      expect(year.euros).toBeCloseTo(1893.28, 9)
    }
  })

  it('stops purchases for two years when laptops are kept 7 years, then renews the oldest', () => {
    const result = projectTrajectory(input)
    // start ages 0..4: nothing reaches 7 before 2026 (ages 6 then) → 0, 0, then 2 a year
    expect(result.scenario.map((year) => year.purchases)).toEqual([0, 0, 2, 2, 2, 2, 2])
    expect(result.scenario.map((year) => year.retirements)).toEqual([0, 0, 2, 2, 2, 2, 2])
    // amortised 10 × 185.09 / 7 = 264.41428…; saved 370.18 − 264.41428… = 105.76571… a year, × 7 = 740.36 kg
    expect(result.scenario[0]!.embodiedAmortisedKgCo2e).toBeCloseTo(1850.9 / 7, 9)
    expect(result.cumulative.amortisedTCo2e).toBeCloseTo(0.74036, 9)
    // purchase-year: 2 years without 370.18 kg = 740.36 kg; euros: 2 years without 1,800 € = 3,600 €
    expect(result.cumulative.purchaseYearTCo2e).toBeCloseTo(0.74036, 9)
    expect(result.cumulative.euros).toBeCloseTo(3600, 9)
    expect(result.savings[1]!.cumulativeEuros).toBeCloseTo(3600, 9)
  })

  it('checks a reduction target year by year in both views', () => {
    // reference 2024 = 370.18 + 24.20616 = 394.38616; amortised scenario 264.41428… + 24.20616 = 288.62045…
    // → achieved 1 − 288.62045… / 394.38616 = 0.268181… ≥ 0.2 × (year − 2024) / 6 every year
    const amortised = projectTrajectory({
      ...input,
      target: { targetYear: 2030, reductionShare: 0.2 },
    }).target!
    expect(amortised.isOnTrack).toBe(true)
    expect(amortised.achievedShareAtTargetYear).toBeCloseTo(1 - (1850.9 / 7 + 24.20616) / 394.38616, 9)
    expect(amortised.years[3]!.requiredShare).toBeCloseTo(0.1, 9)
    // purchase-year view: 2026 buys again → achieved 0 < required 0.2 × 2/6
    const purchaseYear = projectTrajectory({
      ...input,
      target: { targetYear: 2030, reductionShare: 0.2, view: 'purchase-year' },
    }).target!
    expect(purchaseYear.years.map((year) => year.isOnTrack)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ])
    expect(purchaseYear.isOnTrack).toBe(false)
    expect(purchaseYear.years[0]!.achievedShare).toBeCloseTo(1 - 24.20616 / 394.38616, 9)
  })

  it('keeps a fractional lifetime in steady state (smartphones, 2.5 years)', () => {
    // w = 1, 1, 0.5: cohorts of 4 → 4 + 4 + 2 = 10 in service; each year 2 + 2 retire and 4 are bought (10 / 2.5)
    const { baseline } = projectTrajectory({
      ...input,
      endYear: 2026,
      categories: [{ ...laptops, category: 'smartphone', ageCounts: [4, 4, 2], expectedLifetimeYears: 2.5 }],
    })
    expect(baseline.map((year) => [year.stock, year.purchases, year.retirements])).toEqual([
      [10, 4, 4],
      [10, 4, 4],
      [10, 4, 4],
    ])
  })

  it('grows the fleet, replaces devices past their lifetime at once and follows the grid per year', () => {
    const grown = projectTrajectory({
      ...input,
      endYear: 2026,
      fleetGrowthRatePerYear: 0.1,
      gridKgCo2ePerKwhByYear: { 2025: 0.04 },
    }).baseline
    // 2024: fleet 10, 2 bought; 2025: fleet 11, 8 survivors → 3 bought; 2026: 12.1, survivors 11 − 2 = 9 → 3.1
    expect(grown.map((year) => year.purchases)).toEqual([2, 3, expect.closeTo(3.1, 9)])
    // 2025 use: 11 × 46.64 × 0.04 = 20.5216
    expect(grown[1]!.useKgCo2e).toBeCloseTo(20.5216, 9)
    const old = projectTrajectory({
      ...input,
      endYear: 2025,
      categories: [{ ...laptops, ageCounts: [0, 0, 0, 0, 0, 0, 0, 5] }],
    }).baseline
    // 5 laptops aged 7 > L = 5: all retire and are replaced in 2024, none in 2025
    expect(old.map((year) => year.purchases)).toEqual([5, 0])
  })

  it('applies a power-off kWh factor from the scenario year on', () => {
    const result = projectTrajectory({
      ...input,
      endYear: 2025,
      scenario: { fromYear: 2025, kwhFactor: { laptop: 2860 / 8760 } },
    })
    // 2024 unchanged; 2025 kWh 466.4 × 2860 / 8760 = 152.27…
    expect(result.savings[0]!.amortisedKgCo2e).toBe(0)
    expect(result.scenario[1]!.kwh).toBeCloseTo((466.4 * 2860) / 8760, 9)
    expect(result.savings[1]!.euros).toBeCloseTo(466.4 * (1 - 2860 / 8760) * 0.2, 9)
  })
})
