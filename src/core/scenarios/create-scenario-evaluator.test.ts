import ademeModel from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { createFootprintCalculator, type FootprintInput } from '../footprint/compute-footprint.js'
import { PHASE_IDS } from '../inventory/categories.js'
import { buildDefaultReferential } from '../referential/build-default-referential.js'
import { createScenarioEvaluator, type ScenarioResult } from './create-scenario-evaluator.js'
import { DEFAULT_ECONOMIC_ASSUMPTIONS } from './economic-assumptions.js'
import { parseLevers } from './parse-levers.js'

// Default referential (ADEME 2.1.0), France 0.0519 kgCO2e/kWh, prices laptop 900, desktop 700, monitor 180,
// printer 600, server 6,000 €, electricity 0.20 €/kWh. Per unit and year without dates (lifetime = item's):
//   laptop  embodied (170 + 12.3 + 2.79) / 5 = 37.018 (man. 34), 26.5 W × 1,760 h = 46.64 kWh → use 2.420616
//   desktop embodied (203 + 1.85 + 6.61) / 6 = 35.24333…, 70 W × 1,760 h = 123.2 kWh → use 6.39408
//   monitor embodied (64.6 + 1.29 + 3.95) / 6 = 11.64, 50 W × 1,760 h = 88 kWh → use 4.5672
//   printer embodied (10.5 + 0.3 + 10.2) / 5 = 4.2, 60 W × 1 h × 220 d = 13.2 kWh → use 0.68508
//   server  embodied 748 / 5 = 149.6, 400 W × 8,760 h = 3,504 kWh → use 181.8576 × PUE
const referential = buildDefaultReferential(ademeModel)
const referenceDay = 20000
const context = { footprint: { referential, referenceDay }, prices: DEFAULT_ECONOMIC_ASSUMPTIONS }

const base: FootprintInput = {
  category: 'laptop',
  manufacturer: null,
  model: null,
  quantity: 1,
  purchaseDay: null,
  retirementDay: null,
  lifetimeYears: null,
  annualKwh: null,
  utilisationRate: null,
  ownership: null,
  country: 'FR',
  datacenterPue: undefined,
}

type Line = [overrides: Partial<FootprintInput>, group: string, poweredHoursPerYear?: number]

function evaluate(leverTexts: string[], lines: Line[]): ScenarioResult {
  const { levers, errors } = parseLevers(leverTexts)
  expect(errors).toEqual([])
  const evaluator = createScenarioEvaluator(context, levers)
  for (const [overrides, group, hours] of lines) evaluator.add({ ...base, ...overrides }, group, hours)
  return evaluator.result()
}

type Expected = { climateKgCo2e: number; kwh: number; euros: number }

const cases: [name: string, levers: string[], lines: Line[], saved: Expected][] = [
  [
    // embodied 37.018 × (1 − 5/7) = 10.5765714…; € 900 × (1/5 − 1/7) = 51.4285714…
    'lifetime-extension on one laptop (5 → 7 years)',
    ['lifetime-extension:years=2,categories=laptop'],
    [[{}, 'A']],
    { climateKgCo2e: (37.018 * 2) / 7, kwh: 0, euros: 900 * (1 / 5 - 1 / 7) },
  ],
  [
    // lifetime-extension leaves monitors outside its categories untouched
    'lifetime-extension on a category absent from the fleet',
    ['lifetime-extension:years=2,categories=tablet'],
    [[{ category: 'monitor' }, 'A']],
    { climateKgCo2e: 0, kwh: 0, euros: 0 },
  ],
  [
    // telemetry 8,760 h: 70 W × 8,760 h = 613.2 kWh → × 2,860/8,760 = 200.2; saved 413 kWh × 0.0519 = 21.4347;
    // € 413 × 0.2 = 82.6
    'power-off nights-weekends on a desktop measured always on',
    ['power-off:policy=nights-weekends'],
    [[{ category: 'desktop' }, 'A', 8760]],
    { climateKgCo2e: 413 * 0.0519, kwh: 413, euros: 413 * 0.2 },
  ],
  [
    // telemetry 2,000 h ≤ 2,860 h target: no gain
    'power-off on a desktop measured under the target',
    ['power-off:policy=nights-weekends'],
    [[{ category: 'desktop' }, 'A', 2000]],
    { climateKgCo2e: 0, kwh: 0, euros: 0 },
  ],
  [
    // inventory kWh 500, no telemetry, no parameter: assumed 8,760 h → saved 500 × (1 − 2860/8760) = 336.7579…
    'power-off on inventory kWh without telemetry (assumed always on)',
    ['power-off'],
    [[{ category: 'desktop', annualKwh: 500 }, 'A']],
    {
      climateKgCo2e: 500 * (1 - 2860 / 8760) * 0.0519,
      kwh: 500 * (1 - 2860 / 8760),
      euros: 500 * (1 - 2860 / 8760) * 0.2,
    },
  ],
  [
    // inventory kWh 500 with currentHours=4000, target 2,000: saved 500 × (1 − 2000/4000) = 250 kWh
    'power-off with target and current hours as parameters',
    ['power-off:targetHours=2000,currentHours=4000'],
    [[{ category: 'desktop', annualKwh: 500 }, 'A']],
    { climateKgCo2e: 250 * 0.0519, kwh: 250, euros: 50 },
  ],
  [
    // group A: 3 seats, 5 monitors → × 3/5, 2 removed: 2 × (11.64 + 4.5672) = 32.4144 kg; 2 × 88 = 176 kWh;
    // € 2/6 × 180 + 176 × 0.2 = 60 + 35.2 = 95.2. Group B: 1 seat, 1 monitor: unchanged.
    'fewer-screens with one screen per seat, per group',
    ['fewer-screens:perSeat=1'],
    [
      [{ quantity: 2 }, 'A'],
      [{ category: 'desktop' }, 'A'],
      [{ category: 'monitor', quantity: 5 }, 'A'],
      [{}, 'B'],
      [{ category: 'monitor' }, 'B'],
    ],
    { climateKgCo2e: 32.4144, kwh: 176, euros: 95.2 },
  ],
  [
    // manufacturing 34 × 0.5 × 0.8 = 13.6; € 900 / 5 × 0.5 × (1 − 0.6) = 36
    'refurbished-share of half the laptops',
    ['refurbished-share:share=0.5,categories=laptop'],
    [[{}, 'A']],
    { climateKgCo2e: 13.6, kwh: 0, euros: 36 },
  ],
  [
    // 2 desktops, half become laptops: saved (35.24333… + 6.39408) − (37.018 + 2.420616) = 2.1987973…;
    // kWh 123.2 − 46.64 = 76.56; € (700/6 + 24.64) − (900/5 + 9.328) = 141.30666… − 189.328 = −48.02133…
    'device-substitution of half the desktops by laptops',
    ['device-substitution:from=desktop,to=laptop,share=0.5'],
    [[{ category: 'desktop', quantity: 2 }, 'A']],
    {
      climateKgCo2e: 211.46 / 6 + 6.39408 - 39.438616,
      kwh: 76.56,
      euros: 700 / 6 + 24.64 - 189.328,
    },
  ],
  [
    // unknown PUE → 1.75: use 181.8576 × 1.75 = 318.2508 → × 1.4/1.75: saved 63.65016; facility kWh 6,132 → saved
    // 1,226.4 kWh, € 245.28. PUE 1.3 and no datacenter: unchanged.
    'datacenter-pue 1.4 on servers',
    ['datacenter-pue:pue=1.4'],
    [
      [{ category: 'server', datacenterPue: null }, 'DC'],
      [{ category: 'server', datacenterPue: 1.3 }, 'DC'],
      [{ category: 'server' }, 'DC'],
    ],
    { climateKgCo2e: 63.65016, kwh: 1226.4, euros: 245.28 },
  ],
  [
    // 10 servers at PUE 1.5: each 149.6 + 181.8576 × 1.5 = 422.3864 kg; 30% of 10 = 3 servers: 1,267.1592 kg;
    // kWh 3 × 3,504 × 1.5 = 15,768; € 3 × (6,000 / 5 + 5,256 × 0.2) = 3 × 2,251.2 = 6,753.6
    'server-consolidation keeping 70% of the servers',
    ['server-consolidation:ratio=0.7'],
    [[{ category: 'server', quantity: 10, datacenterPue: 1.5 }, 'DC']],
    { climateKgCo2e: 1267.1592, kwh: 15768, euros: 6753.6 },
  ],
  [
    // 4 printers, half removed: 2 × (4.2 + 0.68508) = 9.77016 kg; 26.4 kWh; € 2 × (600/5 + 2.64) = 245.28
    'printer-consolidation of half the printers',
    ['printer-consolidation:share=0.5'],
    [[{ category: 'printer', quantity: 4 }, 'A']],
    { climateKgCo2e: 9.77016, kwh: 26.4, euros: 245.28 },
  ],
]

describe('createScenarioEvaluator', () => {
  it.each(cases)('%s', (_name, levers, lines, saved) => {
    const result = evaluate(levers, lines)
    expect(result.savings.climateKgCo2e).toBeCloseTo(saved.climateKgCo2e, 9)
    expect(result.savings.kwh).toBeCloseTo(saved.kwh, 9)
    expect(result.savings.euros).toBeCloseTo(saved.euros, 9)
    expect(result.scenario.climateKgCo2e).toBeCloseTo(result.baseline.climateKgCo2e - saved.climateKgCo2e, 9)
    // a single lever carries the whole effect
    expect(result.byLever[0]!.savings.climateKgCo2e).toBeCloseTo(saved.climateKgCo2e, 9)
    expect(result.byLever[0]!.savings.euros).toBeCloseTo(saved.euros, 9)
  })

  it('attributes effects sequentially so that they add up, fewer-screens included', () => {
    // 1 laptop (no telemetry: profile 1,760 h, no power-off gain) + 2 monitors measured 8,760 h:
    //   monitor embodied 11.64, use 50 W × 8,760 h = 438 kWh × 0.0519 = 22.7322
    // 1. lifetime-extension monitors 6 → 8: 2 × 11.64 × 2/8 = 5.82
    // 2. fewer-screens 1 per seat: × 1/2 of 2 × (8.73 + 22.7322) = 62.9244 → 31.4622
    // 3. power-off on the remaining monitor: 22.7322 × (1 − 2860/8760) = 15.31050…
    const result = evaluate(
      ['lifetime-extension:years=2,categories=monitor', 'fewer-screens:perSeat=1', 'power-off'],
      [
        [{}, 'A'],
        [{ category: 'monitor', quantity: 2 }, 'A', 8760],
      ],
    )
    const expected = [5.82, 31.4622, 22.7322 * (1 - 2860 / 8760)]
    result.byLever.forEach((effect, index) =>
      expect(effect.savings.climateKgCo2e).toBeCloseTo(expected[index]!, 9),
    )
    expect(result.savings.climateKgCo2e).toBeCloseTo(5.82 + 31.4622 + 22.7322 * (1 - 2860 / 8760), 9)
    // kWh: fewer-screens removes 438 kWh, power-off 438 × 5900/8760 = 295
    expect(result.byLever.map((effect) => effect.savings.kwh)).toEqual([0, 438, expect.closeTo(295, 9)])
    expect(result.byLever[1]!.affectedQuantity).toBe(1)
  })

  it('applies levers in order: refurbished after lifetime-extension acts on the extended figure', () => {
    // manufacturing 34 × 5/7 = 24.2857…, then × (1 − 0.5 × 0.8): saved 24.2857… × 0.4 = 9.7142857…
    const result = evaluate(
      ['lifetime-extension:years=2,categories=laptop', 'refurbished-share:share=0.5,categories=laptop'],
      [[{}, 'A']],
    )
    expect(result.byLever[0]!.savings.climateKgCo2e).toBeCloseTo((37.018 * 2) / 7, 9)
    expect(result.byLever[1]!.savings.climateKgCo2e).toBeCloseTo(((34 * 5) / 7) * 0.4, 9)
    // € 900/7 × 0.5 × 0.4 = 25.714285…
    expect(result.byLever[1]!.savings.euros).toBeCloseTo((900 / 7) * 0.2, 9)
  })

  it('reports per group and per phase, and the groups add up to the total', () => {
    const result = evaluate(
      ['lifetime-extension:years=2,categories=laptop'],
      [
        [{ quantity: 3 }, 'CNAM/CPAM 75'],
        [{ quantity: 1 }, 'CNAM/CPAM 13'],
      ],
    )
    expect(result.byGroup.map((group) => group.group)).toEqual(['CNAM/CPAM 13', 'CNAM/CPAM 75'])
    // CPAM 75: 3 × 37.018 × 2/7 = 31.7297…
    expect(result.byGroup[1]!.savings.climateKgCo2e).toBeCloseTo((3 * 37.018 * 2) / 7, 9)
    expect(result.byGroup[1]!.byLever[0]!.savings.climateKgCo2e).toBeCloseTo((3 * 37.018 * 2) / 7, 9)
    // phases: manufacturing 4 × 34 = 136 → × 5/7; use 4 × 2.420616 unchanged
    const climate = result.scenario.criteria['climate-change']!
    expect(climate.phases.manufacturing).toBeCloseTo((136 * 5) / 7, 9)
    expect(climate.phases.use).toBeCloseTo(4 * 2.420616, 9)
    expect(result.baseline.purchasesPerYear).toBeCloseTo(0.8, 9)
    expect(result.scenario.purchasesPerYear).toBeCloseTo(4 / 7, 9)
    // water is reported too: laptop manufacturing 194,000 L / 5 × 4 = 155,200 L → × 5/7
    expect(result.scenario.criteria['water-use']!.phases.manufacturing).toBeCloseTo((155200 * 5) / 7, 6)
  })

  it('gives the same baseline as createFootprintCalculator, line by line', () => {
    const calculate = createFootprintCalculator(context.footprint)
    const inputs: Partial<FootprintInput>[] = [
      { purchaseDay: referenceDay - 730 },
      { category: 'server', purchaseDay: referenceDay - 1825, datacenterPue: 1.4 },
      { category: 'smartphone', ownership: 'personal' },
      { category: 'desktop', quantity: 3, ownership: 'company', lifetimeYears: 4 },
      { category: 'monitor', utilisationRate: 0.5, country: 'DE' },
      { country: 'ZZ', annualKwh: 100, poweredHoursPerYear: 3000 },
      { category: 'desktop', poweredHoursPerYear: 5000 },
      { category: 'virtual-machine', datacenterPue: null },
    ]
    for (const overrides of inputs) {
      const input = { ...base, ...overrides }
      const evaluator = createScenarioEvaluator(context, [])
      evaluator.add(input, 'A')
      const result = evaluator.result()
      const footprint = calculate(input)
      expect(result.baseline.annualKwh).toBeCloseTo(footprint.annualKwh, 9)
      for (const [criterion, phases] of Object.entries(footprint.impacts)) {
        // Scenarios carry the criteria with embodied factors (climate, water); electricity-only ones stay in footprint.
        if (criterion !== 'climate-change' && criterion !== 'water-use') continue
        const totals = result.baseline.criteria[criterion as keyof typeof footprint.impacts]!
        for (const phase of PHASE_IDS) expect(totals.phases[phase]).toBeCloseTo(phases[phase], 9)
      }
    }
  })

  it('moves hosted servers to a greener grid: use × grid(SE) / grid(DE), laptops and kWh unchanged', () => {
    const result = evaluate(
      ['cloud-region:country=SE'],
      [
        [{ category: 'server', country: 'DE', datacenterPue: 1.5 }, 'A'],
        [{ country: 'DE' }, 'A'],
      ],
    )
    // Server use: 3,504 kWh × 1.5 × 0.344 (DE, Ember 2024) = 1,808.064 → × 0.036 (SE) / 0.344 = 189.216
    // kgCO2e/yr; saved 3,504 × 1.5 × (0.344 − 0.036) = 1,618.848. The laptop is not hosted: unchanged.
    const effect = result.byLever[0]!
    expect(effect.savings.climateKgCo2e).toBeCloseTo(1618.848, 6)
    expect(effect.affectedQuantity).toBe(1)
    expect(effect.savings.kwh).toBe(0)
    expect(effect.savings.euros).toBe(0)
    expect(effect.savings.byCriterion['climate-change']!.phases.manufacturing).toBe(0)
  })

  it('uses telemetry hours given to add() for the baseline too', () => {
    // 70 W × 5,000 h = 350 kWh
    const evaluator = createScenarioEvaluator(context, [])
    evaluator.add({ ...base, category: 'desktop' }, 'A', 5000)
    expect(evaluator.result().baseline.annualKwh).toBeCloseTo(350, 9)
  })

  it('lists assumptions with figures, and categories without a price', () => {
    const { levers } = parseLevers(['lifetime-extension:categories=laptop+other', 'power-off'])
    const evaluator = createScenarioEvaluator(context, levers)
    evaluator.add({ ...base, quantity: 600 }, 'A')
    evaluator.add({ ...base, category: 'other', annualKwh: 50 }, 'A')
    const result = evaluator.result()
    expect(result.byLever[0]!.assumptions).toContain(
      '600 × "ademe-laptop" (laptop): expected lifetime 5 → 7 years, embodied and purchases × 0.714286 ' +
        '(lifetime source: ADEME publicodes-acv-numerique 2.1.0 (MIT), rule "acv . ordinateur portable . durée de vie théorique").',
    )
    expect(result.byLever[1]!.assumptions).toContain(
      "600 units without telemetry: current hours taken from the reference item's usage profile (assumption).",
    )
    expect(result.assumptions).toContain(
      'No unit price for other: their purchases count 0 € in the euro figures.',
    )
  })

  it('evaluates 1,000,000 lines with four levers (speed: bench/levers-and-telemetry.ts)', () => {
    const { levers } = parseLevers([
      'lifetime-extension:years=2,categories=laptop+desktop+monitor',
      'power-off',
      'fewer-screens:perSeat=1',
      'refurbished-share:share=0.3,categories=laptop',
    ])
    const evaluator = createScenarioEvaluator(context, levers)
    const categories = ['laptop', 'desktop', 'monitor', 'monitor'] as const
    const inputs = categories.map((category) => ({ ...base, category, purchaseDay: referenceDay - 1000 }))
    const groups = Array.from({ length: 500 }, (_, index) => `CNAM/body ${index}`)
    for (let index = 0; index < 1_000_000; index += 1) {
      evaluator.add(inputs[index % 4]!, groups[index >> 11]!, index % 3 === 0 ? 8760 : undefined)
    }
    const result = evaluator.result()
    expect(result.baseline.quantity).toBe(1_000_000)
    expect(result.byGroup).toHaveLength(489) // ⌈1,000,000 / 2,048⌉ groups of 2,048 consecutive lines
  })
})
