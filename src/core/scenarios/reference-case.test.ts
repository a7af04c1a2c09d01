import ademeModel from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import type { FootprintInput } from '../footprint/compute-footprint.js'
import type { CategoryId } from '../inventory/categories.js'
import { buildDefaultReferential } from '../referential/build-default-referential.js'
import { createScenarioEvaluator } from './create-scenario-evaluator.js'
import { DEFAULT_ECONOMIC_ASSUMPTIONS } from './economic-assumptions.js'
import { parseLevers } from './parse-levers.js'

// Plausibility check against the reference case (CNAM, anchors §0): a fleet of 600 laptops, 350 desktops and
// 1,300 monitors in France, default referential (ADEME publicodes-acv-numerique 2.1.0, FR mix 0.0519 kgCO2e/kWh).
const context = {
  footprint: { referential: buildDefaultReferential(ademeModel), referenceDay: 20000 },
  prices: DEFAULT_ECONOMIC_ASSUMPTIONS,
}

function line(category: CategoryId, quantity: number): FootprintInput {
  return {
    category,
    manufacturer: null,
    model: null,
    quantity,
    purchaseDay: null,
    retirementDay: null,
    lifetimeYears: null,
    annualKwh: null,
    utilisationRate: null,
    ownership: null,
    country: 'FR',
    datacenterPue: undefined,
  }
}

const fleet: FootprintInput[] = [line('laptop', 600), line('desktop', 350), line('monitor', 1300)]

function evaluate(leverText: string, poweredHoursPerYear?: number) {
  const { levers, errors } = parseLevers([leverText])
  expect(errors).toEqual([])
  const evaluator = createScenarioEvaluator(context, levers)
  for (const input of fleet) evaluator.add(input, 'CNAM', poweredHoursPerYear)
  return evaluator.result()
}

describe('reference case (CNAM-shaped workstation fleet)', () => {
  it('cuts the workstation footprint by 20–30% when laptops, desktops and monitors are kept 2 years longer', () => {
    // Embodied per unit and year: laptop (170 + 12.3 + 2.79) / 5 = 37.018; desktop (203 + 1.85 + 6.61) / 6 = 35.2433…;
    // monitor (64.6 + 1.29 + 3.95) / 6 = 11.64. Use (office profile 1,760 h): laptop 46.64 kWh × 0.0519 = 2.420616;
    // desktop 123.2 × 0.0519 = 6.39408; monitor 88 × 0.0519 = 4.5672.
    // Baseline = 600 × 39.438616 + 350 × 41.6374133… + 1300 × 16.2072 = 23663.1696 + 14573.0946… + 21069.36
    //          = 59305.6243…
    // Saved = 600 × 37.018 × 2/7 + 350 × 35.2433… × 2/8 + 1300 × 11.64 × 2/8 = 6345.9428… + 3083.7917… + 3783 = 13212.7345…
    const baseline = 600 * 39.438616 + 350 * (211.46 / 6 + 6.39408) + 1300 * 16.2072
    const saved = (600 * 37.018 * 2) / 7 + (350 * (211.46 / 6) * 2) / 8 + (1300 * 11.64 * 2) / 8
    const result = evaluate('lifetime-extension:years=2,categories=laptop+desktop+monitor')
    expect(result.baseline.climateKgCo2e).toBeCloseTo(baseline, 9)
    expect(result.savings.climateKgCo2e).toBeCloseTo(saved, 9)
    // 13212.7345… / 59305.6243… = 0.2227906…
    expect(result.savings.climateShare).toBeCloseTo(saved / baseline, 9)
    expect(result.savings.climateShare).toBeCloseTo(0.2227906, 6)
    expect(result.savings.climateShare).toBeGreaterThanOrEqual(0.2)
    expect(result.savings.climateShare).toBeLessThanOrEqual(0.3)
    // Euros: purchases deferred 600 × (1/5 − 1/7) × 900 + 350 × (1/6 − 1/8) × 700 + 1300 × (1/6 − 1/8) × 180
    //      = 30857.142857… + 10208.333… + 9750 = 50815.476…
    expect(result.savings.euros).toBeCloseTo(
      600 * (2 / 35) * 900 + 350 * (1 / 24) * 700 + 1300 * (1 / 24) * 180,
      9,
    )
  })

  it('halves electricity at least when machines measured always on are switched off at nights and weekends', () => {
    // Telemetry 8,760 h: kWh = (600 × 26.5 + 350 × 70 + 1300 × 50) W × 8,760 h / 1000 = 105,400 W × 8.76 = 923,304 kWh
    // After: × 2,860 / 8,760 → saved share 1 − 2860/8760 = 0.673515981…
    const result = evaluate('power-off:policy=nights-weekends', 8760)
    expect(result.baseline.annualKwh).toBeCloseTo(923304, 6)
    expect(result.savings.kwh / result.baseline.facilityKwh).toBeCloseTo(1 - 2860 / 8760, 9)
    expect(result.savings.kwh / result.baseline.facilityKwh).toBeCloseTo(0.6735, 4)
    expect(result.savings.kwh / result.baseline.facilityKwh).toBeGreaterThanOrEqual(0.5)
    // € = 923,304 × 0.673515… × 0.20 €/kWh = 621,860 kWh × 0.2 = 124,372 €
    expect(result.savings.kwh).toBeCloseTo(105400 * (8.76 - 2.86), 6)
    expect(result.savings.euros).toBeCloseTo(105400 * (8.76 - 2.86) * 0.2, 6)
  })

  it('claims no power-off gain without telemetry: the office profile (1,760 h) is already under 2,860 h', () => {
    const result = evaluate('power-off:policy=nights-weekends')
    expect(result.savings.kwh).toBe(0)
    expect(result.byLever[0]!.assumptions.some((text) => text.startsWith('2250 units already powered'))).toBe(
      true,
    )
  })
})
