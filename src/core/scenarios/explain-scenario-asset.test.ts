import ademeModel from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import type { FootprintInput } from '../footprint/compute-footprint.js'
import { buildDefaultReferential } from '../referential/build-default-referential.js'
import { DEFAULT_ECONOMIC_ASSUMPTIONS } from './economic-assumptions.js'
import { explainScenarioAsset } from './explain-scenario-asset.js'
import { parseLevers } from './parse-levers.js'

const context = {
  footprint: { referential: buildDefaultReferential(ademeModel), referenceDay: 20000 },
  prices: DEFAULT_ECONOMIC_ASSUMPTIONS,
}
const desktop: FootprintInput = {
  category: 'desktop',
  manufacturer: null,
  model: null,
  quantity: 2,
  purchaseDay: null,
  retirementDay: null,
  lifetimeYears: null,
  annualKwh: null,
  utilisationRate: null,
  ownership: null,
  country: 'FR',
  datacenterPue: undefined,
}

describe('explainScenarioAsset', () => {
  it('shows each lever step with its parts and trace lines', () => {
    const { levers } = parseLevers([
      'device-substitution:from=desktop,to=laptop,share=0.5',
      'lifetime-extension:years=2,categories=laptop+desktop',
      'power-off',
    ])
    const explanation = explainScenarioAsset(context, levers, desktop, 8760)
    // baseline: 2 desktops, 70 W × 8,760 h = 613.2 kWh each
    expect(explanation.baseline.annualKwh).toBeCloseTo(1226.4, 9)
    const [substitution, extension, powerOff] = explanation.steps
    expect(substitution!.trace).toEqual([
      'device-substitution: 0.5 of the desktop line computed as reference item "ademe-laptop" (laptop), the rest × 0.5',
    ])
    expect(substitution!.parts.map((part) => [part.referenceItemId, part.quantity])).toEqual([
      ['ademe-desktop-pro', 1],
      ['ademe-laptop', 1],
    ])
    // the laptop keeps the measured 8,760 h: 26.5 W × 8,760 h = 232.14 kWh
    expect(substitution!.parts[1]!.annualKwh).toBeCloseTo(232.14, 9)
    expect(extension!.trace).toEqual([
      'lifetime-extension: embodied phases, purchases and purchase € × 6 / 8 = 0.75 (reference item "ademe-desktop-pro" kept 8 instead of 6 years)',
      'lifetime-extension: embodied phases, purchases and purchase € × 5 / 7 = 0.714286 (reference item "ademe-laptop" kept 7 instead of 5 years)',
    ])
    // laptop manufacturing 170 / 5 × 5/7 = 24.2857…
    expect(extension!.parts[1]!.impacts['climate-change']!.manufacturing).toBeCloseTo(170 / 7, 9)
    expect(powerOff!.trace[0]).toBe(
      'power-off: use phase, kWh and electricity € × 2860 / 8760 = 0.326484 (current hours measured by telemetry)',
    )
    // desktop 613.2 × 2860/8760 = 200.2 kWh; laptop 232.14 × 2860/8760 = 75.79 kWh
    expect(powerOff!.parts.map((part) => part.annualKwh)).toEqual([
      expect.closeTo(200.2, 9),
      expect.closeTo(75.79, 9),
    ])
  })
})
