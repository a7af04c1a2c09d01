import ademeModel from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { buildDefaultReferential } from '../referential/build-default-referential.js'
import type { ReferenceItem, Referential } from '../referential/referential.js'
import {
  computeAssetFootprint,
  createFootprintCalculator,
  explainAssetFootprint,
  type AssetFootprint,
  type FootprintInput,
} from './compute-footprint.js'
import { EMBODIED_FORMULA } from './embodied.js'
import { USE_FORMULA } from './use-phase.js'

const defaults = buildDefaultReferential(ademeModel)

// A model-matched item: 300 kgCO2e manufacturing, 10 distribution, 5 end of life, 4 years, 20 kWh/yr.
const latitude: ReferenceItem = {
  id: 'test-dell-latitude-5420',
  label: 'Dell Latitude 5420 (test)',
  category: 'laptop',
  embodied: {
    'climate-change': {
      manufacturing: { id: 'm', value: 300, unit: 'kgCO2e', source: 'test' },
      distribution: { id: 'd', value: 10, unit: 'kgCO2e', source: 'test' },
      'end-of-life': { id: 'e', value: 5, unit: 'kgCO2e', source: 'test' },
    },
  },
  annualKwh: { id: 'k', value: 20, unit: 'kWh/yr', source: 'test' },
  lifetimeYears: { id: 'l', value: 0, unit: 'years', source: 'test (unusable: 0)' },
}
const referential: Referential = {
  ...defaults,
  items: new Map([...defaults.items, [latitude.id, latitude]]),
  matching: new Map([['dell latitude 5420', latitude.id]]),
}

const referenceDay = 20000
const context = { referential, referenceDay }

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

type Expected = {
  item: string
  matchedBy: 'model' | 'category-default'
  lifetimeYears: number
  annualKwh: number
  climate: [manufacturing: number, distribution: number, use: number, endOfLife: number]
}

const cases: [string, Partial<FootprintInput>, Expected][] = [
  [
    // L = 730 / 365 = 2; man 1 × 170 × 1 / 2 = 85; dist 12.3 / 2 = 6.15; eol 2.79 / 2 = 1.395
    // use = 1 × 46.64 kWh × 0.0519 × 1 × 1 = 2.420616
    'a laptop bought 730 days before the reference day, in France, not in a datacenter',
    { purchaseDay: referenceDay - 730 },
    {
      item: 'ademe-laptop',
      matchedBy: 'category-default',
      lifetimeYears: 2,
      annualKwh: 46.64,
      climate: [85, 6.15, 2.420616, 1.395],
    },
  ],
  [
    // L = 1825 / 365 = 5; man 748 / 5 = 149.6; use = 3504 × 0.0519 × 1.4 = 181.8576 × 1.4 = 254.60064
    'a server in a datacenter with PUE 1.4',
    { category: 'server', purchaseDay: referenceDay - 1825, datacenterPue: 1.4 },
    {
      item: 'ademe-server',
      matchedBy: 'category-default',
      lifetimeYears: 5,
      annualKwh: 3504,
      climate: [149.6, 0, 254.60064, 0],
    },
  ],
  [
    // unknown PUE → 1.75: use = 181.8576 × 1.75 = 318.2508
    'a server in a datacenter whose PUE is unknown',
    { category: 'server', purchaseDay: referenceDay - 1825, datacenterPue: null },
    {
      item: 'ademe-server',
      matchedBy: 'category-default',
      lifetimeYears: 5,
      annualKwh: 3504,
      climate: [149.6, 0, 318.2508, 0],
    },
  ],
  [
    // not in a datacenter: no PUE, use = 3504 × 0.0519 = 181.8576
    'a server outside any datacenter',
    { category: 'server', purchaseDay: referenceDay - 1825 },
    {
      item: 'ademe-server',
      matchedBy: 'category-default',
      lifetimeYears: 5,
      annualKwh: 3504,
      climate: [149.6, 0, 181.8576, 0],
    },
  ],
  [
    // (20000 − 20100) / 365 < 0 → clamped to 1: man 170, dist 12.3, eol 2.79; use unchanged 2.420616
    'a laptop bought after the reference day (lifetime clamped to 1)',
    { purchaseDay: referenceDay + 100 },
    {
      item: 'ademe-laptop',
      matchedBy: 'category-default',
      lifetimeYears: 1,
      annualKwh: 46.64,
      climate: [170, 12.3, 2.420616, 2.79],
    },
  ],
  [
    // L = (19730 − 19000) / 365 = 730 / 365 = 2 (retirement date wins over the reference day)
    'a retired laptop (retirement − purchase)',
    { purchaseDay: 19000, retirementDay: 19730 },
    {
      item: 'ademe-laptop',
      matchedBy: 'category-default',
      lifetimeYears: 2,
      annualKwh: 46.64,
      climate: [85, 6.15, 2.420616, 1.395],
    },
  ],
  [
    // BYOD u = 0.57, L = 2.5 (item): man 77 × 0.57 / 2.5 = 17.556; dist 2.27 × 0.57 / 2.5 = 0.51756;
    // eol 0.246 × 0.57 / 2.5 = 0.056088; kWh 4.9275 × 0.57 = 2.808675; use 4.9275 × 0.0519 × 0.57 = 0.1457702325
    'a personal smartphone (BYOD 0.57) with the category lifetime',
    { category: 'smartphone', ownership: 'personal' },
    {
      item: 'ademe-smartphone',
      matchedBy: 'category-default',
      lifetimeYears: 2.5,
      annualKwh: 2.808675,
      climate: [17.556, 0.51756, 0.1457702325, 0.056088],
    },
  ],
  [
    // q = 3, COPE u = 0.8, L = 4 (inventory): man 3 × 203 × 0.8 / 4 = 121.8; dist 3 × 1.85 × 0.8 / 4 = 1.11;
    // eol 3 × 6.61 × 0.8 / 4 = 3.966; kWh 3 × 123.2 × 0.8 = 295.68; use 295.68 × 0.0519 = 15.345792
    'three company desktops (COPE 0.8) with a lifetime from the inventory',
    { category: 'desktop', quantity: 3, ownership: 'company', lifetimeYears: 4 },
    {
      item: 'ademe-desktop-pro',
      matchedBy: 'category-default',
      lifetimeYears: 4,
      annualKwh: 295.68,
      climate: [121.8, 1.11, 15.345792, 3.966],
    },
  ],
  [
    // explicit u = 0.5 wins over ownership: man 64.6 × 0.5 / 6 = 5.383333…; kWh 88 × 0.5 = 44;
    // use 44 × 0.0519 = 2.2836; dist 1.29 × 0.5 / 6 = 0.1075; eol 3.95 × 0.5 / 6 = 0.329166…
    'a monitor with an inventory utilisation rate',
    { category: 'monitor', utilisationRate: 0.5, ownership: 'personal' },
    {
      item: 'ademe-monitor',
      matchedBy: 'category-default',
      lifetimeYears: 6,
      annualKwh: 44,
      climate: [(64.6 * 0.5) / 6, 0.1075, 2.2836, (3.95 * 0.5) / 6],
    },
  ],
  [
    // unknown country → WORLD 0.473: use 46.64 × 0.473 = 22.06072; L = 5 (inventory): man 34, dist 2.46, eol 0.558
    'a laptop in a country without a mix (WORLD fallback)',
    { country: 'ZZ', lifetimeYears: 5 },
    {
      item: 'ademe-laptop',
      matchedBy: 'category-default',
      lifetimeYears: 5,
      annualKwh: 46.64,
      climate: [34, 2.46, 22.06072, 0.558],
    },
  ],
  [
    // DE 0.344: use 88 × 0.344 = 30.272; L = 6 (item): man 64.6 / 6 = 10.7666…
    'a monitor in Germany',
    { category: 'monitor', country: 'DE' },
    {
      item: 'ademe-monitor',
      matchedBy: 'category-default',
      lifetimeYears: 6,
      annualKwh: 88,
      climate: [64.6 / 6, 1.29 / 6, 30.272, 3.95 / 6],
    },
  ],
  [
    // model match; item lifetime 0 is unusable → global default 2: man 300 / 2 = 150, dist 5, eol 2.5;
    // use 20 × 0.0519 = 1.038
    'a laptop matched by model text, with the global default lifetime',
    { manufacturer: 'DELL INC.', model: 'Latitude 5420' },
    {
      item: 'test-dell-latitude-5420',
      matchedBy: 'model',
      lifetimeYears: 2,
      annualKwh: 20,
      climate: [150, 5, 1.038, 2.5],
    },
  ],
  [
    // unmatched model → category default; inventory kWh 100: use 100 × 0.0519 = 5.19; L = 5
    'a laptop whose model is not in the matching table, with inventory electricity',
    { manufacturer: 'Dell', model: 'Latitude 9999', annualKwh: 100 },
    {
      item: 'ademe-laptop',
      matchedBy: 'category-default',
      lifetimeYears: 5,
      annualKwh: 100,
      climate: [34, 2.46, 5.19, 0.558],
    },
  ],
  [
    // VM: no embodied of its own, 0 kWh, lifetime 1
    'a virtual machine',
    { category: 'virtual-machine', datacenterPue: null },
    {
      item: 'placeholder-virtual-machine',
      matchedBy: 'category-default',
      lifetimeYears: 1,
      annualKwh: 0,
      climate: [0, 0, 0, 0],
    },
  ],
]

function expectFootprint(footprint: AssetFootprint, expected: Expected): void {
  expect(footprint.referenceItemId).toBe(expected.item)
  expect(footprint.matchedBy).toBe(expected.matchedBy)
  expect(footprint.lifetimeYears).toBeCloseTo(expected.lifetimeYears, 9)
  expect(footprint.annualKwh).toBeCloseTo(expected.annualKwh, 9)
  const climate = footprint.impacts['climate-change']
  expect(climate?.manufacturing).toBeCloseTo(expected.climate[0], 9)
  expect(climate?.distribution).toBeCloseTo(expected.climate[1], 9)
  expect(climate?.use).toBeCloseTo(expected.climate[2], 9)
  expect(climate?.['end-of-life']).toBeCloseTo(expected.climate[3], 9)
}

describe('computeAssetFootprint', () => {
  it.each(cases)('computes %s', (_name, overrides, expected) => {
    expectFootprint(computeAssetFootprint({ ...base, ...overrides }, context), expected)
  })

  it('computes water (litres) for the embodied phases and 0 for use (no water factor per kWh)', () => {
    // L = 2: man 194000 / 2 = 97000 L; dist 51.6 / 2 = 25.8 L; eol 638000 / 2 = 319000 L
    const water = computeAssetFootprint({ ...base, purchaseDay: referenceDay - 730 }, context).impacts[
      'water-use'
    ]
    expect(water?.manufacturing).toBeCloseTo(97000, 9)
    expect(water?.distribution).toBeCloseTo(25.8, 9)
    expect(water?.use).toBe(0)
    expect(water?.['end-of-life']).toBeCloseTo(319000, 9)
  })

  it('gives a server climate change and the electricity-only criteria (ADEME has no water figure for it)', () => {
    const impacts = computeAssetFootprint({ ...base, category: 'server' }, context).impacts
    expect(Object.keys(impacts)).toEqual([
      'climate-change',
      'resource-use-minerals-metals',
      'particulate-matter',
      'ionising-radiation',
      'acidification',
      'ozone-depletion',
      'photochemical-ozone-formation',
      'eutrophication-freshwater',
      'eutrophication-marine',
      'eutrophication-terrestrial',
      'resource-use-fossils',
    ])
  })

  it('computes the use phase of every criterion of the country mix (France, Base IMPACTS 2.01)', () => {
    // server outside a datacenter, 3504 kWh/yr: ionising radiation 3504 × 3.23443 = 11333.44272 kBq U-235 eq/yr;
    // resource use, fossils 3504 × 9.31353 = 32634.60912 MJ/yr; no embodied factor for them: 0
    const impacts = computeAssetFootprint(
      { ...base, category: 'server', purchaseDay: referenceDay - 1825 },
      context,
    ).impacts
    expect(impacts['ionising-radiation']?.use).toBeCloseTo(11333.44272, 6)
    expect(impacts['ionising-radiation']?.manufacturing).toBe(0)
    expect(impacts['resource-use-fossils']?.use).toBeCloseTo(32634.60912, 6)
  })

  it('replaces the climate electricity factor by an organisation override, and only that one', () => {
    // override 0.1 kgCO2e/kWh: use = 3504 × 0.1 = 350.4; ionising radiation unchanged 11333.44272
    const electricityOverride = {
      id: 'electricity-override/1/climate-change',
      value: 0.1,
      unit: 'kgCO2e/kWh',
      source: 'contract',
    }
    const input = {
      ...base,
      category: 'server' as const,
      purchaseDay: referenceDay - 1825,
      electricityOverride,
    }
    const calculate = createFootprintCalculator(context)
    expect(calculate(input).impacts['climate-change']?.use).toBeCloseTo(350.4, 9)
    expect(calculate({ ...input, electricityOverride: null }).impacts['climate-change']?.use).toBeCloseTo(
      181.8576,
      9,
    )
    expect(calculate(input).impacts['ionising-radiation']?.use).toBeCloseTo(11333.44272, 6)
    const { trace } = explainAssetFootprint(input, context)
    const use = trace.phases.find((phase) => phase.criterion === 'climate-change' && phase.phase === 'use')!
    const factorInput = use.inputs.find((traceInput) => traceInput.name === 'electricityFactor')!
    expect(factorInput.origin).toBe('override')
    expect(factorInput.factor?.source).toBe('contract')
  })
})

describe('createFootprintCalculator', () => {
  it('gives the same numbers as explainAssetFootprint, call after call (caches included)', () => {
    const calculate = createFootprintCalculator(context)
    for (let round = 0; round < 2; round += 1) {
      for (const [, overrides] of cases) {
        const input = { ...base, ...overrides }
        expect(calculate(input)).toStrictEqual(explainAssetFootprint(input, context).footprint)
      }
    }
  })
})

describe('explainAssetFootprint', () => {
  it('traces a laptop bought 730 days ago: dates, formulas, inputs with units and factors', () => {
    const { trace } = explainAssetFootprint({ ...base, purchaseDay: referenceDay - 730 }, context)
    expect(trace.referential).toBe('empreinte-default@1.1.0')
    expect(trace.referenceItemId).toBe('ademe-laptop')
    expect(trace.lifetime.method).toBe('dates')
    expect(trace.lifetime.years).toBe(2)
    expect(trace.lifetime.note).toContain('730 / 365 = 2 years')
    // 12 criteria (climate, water and the 10 other criteria of the French mix) × 4 phases
    expect(trace.phases).toHaveLength(48)
    expect(trace.phases.slice(0, 8).map((phase) => `${phase.criterion}/${phase.phase}`)).toEqual([
      'climate-change/manufacturing',
      'climate-change/distribution',
      'climate-change/use',
      'climate-change/end-of-life',
      'water-use/manufacturing',
      'water-use/distribution',
      'water-use/use',
      'water-use/end-of-life',
    ])
    const acidification = trace.phases.find(
      (phase) => phase.criterion === 'acidification' && phase.phase === 'use',
    )!
    // 46.64 kWh × 0.000209809 mol H+ eq/kWh = 0.00978549176
    expect(acidification.value).toBeCloseTo(0.00978549176, 12)
    expect(acidification.unit).toBe('mol H+ eq/yr')
    const manufacturing = trace.phases[0]
    expect(manufacturing.formula).toBe(EMBODIED_FORMULA)
    expect(manufacturing.value).toBe(85)
    expect(manufacturing.unit).toBe('kgCO2e/yr')
    expect(manufacturing.inputs.map((input) => [input.name, input.value, input.unit, input.origin])).toEqual([
      ['quantity', 1, 'units', 'inventory'],
      ['factor', 170, 'kgCO2e', 'referential'],
      ['utilisationRate', 1, 'ratio', 'default'],
      ['lifetimeYears', 2, 'years', 'computed'],
    ])
    expect(manufacturing.inputs[1].factor?.source).toContain(
      'acv . ordinateur portable . carbone . fabrication',
    )
    const use = trace.phases[2]
    expect(use.formula).toBe(USE_FORMULA)
    expect(use.value).toBeCloseTo(2.420616, 9)
    expect(use.inputs.map((input) => [input.name, input.value, input.unit, input.origin])).toEqual([
      ['quantity', 1, 'units', 'inventory'],
      ['annualKwh', 46.64, 'kWh/yr', 'referential'],
      ['electricityFactor', 0.0519, 'kgCO2e/kWh', 'referential'],
      ['pue', 1, 'ratio', 'computed'],
      ['utilisationRate', 1, 'ratio', 'default'],
    ])
    expect(trace.phases[6].formula).toContain('no factor')
    expect(trace.phases[6].value).toBe(0)
    expect(trace.defaultsAssumed).toEqual([
      'reference item: category default "ademe-laptop" for laptop (no model given)',
      'utilisation rate: 1 (no utilisation rate and no ownership: full use)',
      'annual electricity: reference item default 46.64 kWh/yr per unit (none in the inventory)',
    ])
  })

  it('says which defaults it assumed: category lifetime, BYOD rate, default PUE, world mix, placeholders', () => {
    const { trace } = explainAssetFootprint(
      { ...base, category: 'storage', ownership: 'personal', country: 'ZZ', datacenterPue: null },
      context,
    )
    expect(trace.lifetime.method).toBe('category-default')
    expect(trace.defaultsAssumed).toEqual([
      'reference item: category default "placeholder-storage" for storage (no model given)',
      'lifetime: category default 5 years (no purchase date)',
      'utilisation rate: 0.57 (personal equipment: NumEcoEval BYOD rate)',
      'PUE: default 1.75 (datacenter PUE unknown)',
      'electricity mix: world average "WORLD" (no mix for country "ZZ")',
      'annual electricity: reference item default 2628 kWh/yr per unit (none in the inventory)',
      'placeholder factors (no open figure): placeholder-storage/lifetime, placeholder-storage/annual-kwh, ' +
        'placeholder-storage/climate-change/manufacturing, placeholder-storage/climate-change/distribution, ' +
        'placeholder-storage/climate-change/end-of-life',
    ])
    const use = trace.phases.find((phase) => phase.phase === 'use')
    // 2628 kWh × 0.473 = 1243.044; × 1.75 (default PUE) = 2175.327; × 0.57 (BYOD) = 1239.93639
    expect(use?.value).toBeCloseTo(1239.93639, 9)
    expect(use?.inputs.find((input) => input.name === 'pue')?.factor?.id).toBe('hypothesis/default-pue')
    expect(use?.inputs.find((input) => input.name === 'electricityFactor')?.origin).toBe('default')
  })

  it('notes a purchase after the reference day and the clamp to 1 year', () => {
    const { trace } = explainAssetFootprint({ ...base, purchaseDay: referenceDay + 100 }, context)
    expect(trace.lifetime.years).toBe(1)
    expect(trace.lifetime.note).toContain('the purchase date is after the reference day')
    expect(trace.lifetime.note).toContain('raised to the minimum of 1 year(s)')
    expect(trace.defaultsAssumed).toContain('lifetime: -0.273973 years raised to the minimum of 1 year(s)')
  })

  it('records a model match and the global default lifetime', () => {
    const { trace } = explainAssetFootprint(
      { ...base, manufacturer: 'Dell Inc.', model: 'LATITUDE 5420' },
      context,
    )
    expect(trace.matchedBy).toBe('model')
    expect(trace.referenceItemId).toBe('test-dell-latitude-5420')
    expect(trace.lifetime.method).toBe('global-default')
    expect(trace.defaultsAssumed[0]).toBe(
      'lifetime: global default 2 years (no purchase date, no item lifetime)',
    )
  })

  it('records the datacenter PUE as an inventory input', () => {
    const { trace } = explainAssetFootprint({ ...base, category: 'server', datacenterPue: 1.4 }, context)
    const pue = trace.phases
      .find((phase) => phase.phase === 'use')
      ?.inputs.find((input) => input.name === 'pue')
    expect(pue).toEqual({
      name: 'pue',
      value: 1.4,
      unit: 'ratio',
      origin: 'inventory',
      note: 'PUE of the hosting datacenter',
    })
  })
})

describe('measured powered hours (telemetry)', () => {
  const laptop: FootprintInput = {
    ...base,
    category: 'laptop',
    manufacturer: null,
    model: null,
    annualKwh: null,
    datacenterPue: undefined,
    country: 'FR',
  }

  it('replaces the office profile by the item power × the measured hours', () => {
    // ADEME laptop 26.5 W × 8,760 h = 232.14 kWh/yr; use = 232.14 × 0.0519 = 12.048066 kgCO2e
    const measured = computeAssetFootprint(
      { ...laptop, poweredHoursPerYear: 8760 },
      { referential: defaults, referenceDay },
    )
    expect(measured.annualKwh).toBeCloseTo(232.14, 9)
    expect(measured.impacts['climate-change']!.use).toBeCloseTo(12.048066, 9)
    // Without telemetry: 26.5 W × 1,760 h = 46.64 kWh/yr
    expect(computeAssetFootprint(laptop, { referential: defaults, referenceDay }).annualKwh).toBeCloseTo(
      46.64,
      9,
    )
  })

  it('keeps an inventory kWh figure over measured hours, and says which it used', () => {
    const withInventory = computeAssetFootprint(
      { ...laptop, annualKwh: 30, poweredHoursPerYear: 8760 },
      { referential: defaults, referenceDay },
    )
    expect(withInventory.annualKwh).toBe(30)
    const { trace } = explainAssetFootprint(
      { ...laptop, poweredHoursPerYear: 2860 },
      { referential: defaults, referenceDay },
    )
    const use = trace.phases.find((phase) => phase.phase === 'use' && phase.criterion === 'climate-change')!
    // 26.5 W × 2,860 h = 75.79 kWh
    expect(use.inputs.find((input) => input.name === 'annualKwh')).toMatchObject({
      value: 75.79,
      origin: 'computed',
    })
    expect(trace.defaultsAssumed).toContain(
      'annual electricity: reference power 26.5 W × measured 2860 powered hours/yr',
    )
  })
})
