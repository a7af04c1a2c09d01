import { describe, expect, it } from 'vitest'
import { formatLever, type Lever } from './lever.js'
import { LEVER_CATALOGUE } from './lever-catalogue.js'
import { parseLevers } from './parse-levers.js'

const valid: [text: string, lever: Lever][] = [
  [
    'lifetime-extension:years=2,categories=laptop+desktop+monitor',
    { id: 'lifetime-extension', years: 2, categories: ['laptop', 'desktop', 'monitor'] },
  ],
  [
    'lifetime-extension',
    { id: 'lifetime-extension', years: 2, categories: ['laptop', 'desktop', 'thin-client', 'monitor'] },
  ],
  [
    'power-off:policy=nights-weekends',
    {
      id: 'power-off',
      policy: 'nights-weekends',
      targetHours: 2860,
      currentHours: null,
      categories: ['laptop', 'desktop', 'thin-client', 'monitor'],
    },
  ],
  [
    'power-off:targetHours=2860,currentHours=8760',
    {
      id: 'power-off',
      policy: 'target-hours',
      targetHours: 2860,
      currentHours: 8760,
      categories: ['laptop', 'desktop', 'thin-client', 'monitor'],
    },
  ],
  ['fewer-screens:perSeat=1', { id: 'fewer-screens', perSeat: 1 }],
  [
    'refurbished-share:share=0.3,categories=laptop',
    {
      id: 'refurbished-share',
      share: 0.3,
      categories: ['laptop'],
      manufacturingReduction: 0.8,
      refurbishedPriceRatio: 0.6,
    },
  ],
  [
    'device-substitution:from=desktop,to=laptop,share=0.5',
    { id: 'device-substitution', from: 'desktop', to: 'laptop', share: 0.5 },
  ],
  ['datacenter-pue:pue=1.4', { id: 'datacenter-pue', pue: 1.4 }],
  ['datacenter-pue', { id: 'datacenter-pue', pue: 1.46 }],
  ['server-consolidation:ratio=0.7', { id: 'server-consolidation', ratio: 0.7 }],
  [' printer-consolidation: share = 0.5 ', { id: 'printer-consolidation', share: 0.5 }],
]

const invalid: [text: string, error: string][] = [
  [
    'switch-off',
    'unknown lever "switch-off" (levers: lifetime-extension, power-off, fewer-screens, refurbished-share, device-substitution, datacenter-pue, server-consolidation, printer-consolidation, cloud-region)',
  ],
  [
    'cloud-region:country=Sweden',
    'lever "cloud-region": parameter "country" must be a country code such as SE or FR, got "Sweden"',
  ],
  [
    'cloud-region',
    'lever "cloud-region": parameter "country" is required (country of the target region, e.g. SE (Sweden) or FR (France))',
  ],
  [
    'lifetime-extension:yeers=2',
    'lever "lifetime-extension": unknown parameter "yeers" (parameters: years, categories)',
  ],
  [
    'lifetime-extension:years=two',
    'lever "lifetime-extension": parameter "years" must be a number (years), got "two"',
  ],
  ['lifetime-extension:years=0', 'lever "lifetime-extension": parameter "years" must be > 0 and ≤ 20, got 0'],
  ['lifetime-extension:years=1,years=2', 'lever "lifetime-extension": parameter "years" is given twice'],
  ['lifetime-extension:years', 'lever "lifetime-extension": "years" is not of the form name=value'],
  [
    'lifetime-extension:categories=laptop+laptopp',
    'lever "lifetime-extension": parameter "categories" unknown category "laptopp" (known: laptop, desktop, thin-client, monitor, smartphone, tablet, desk-phone, printer, network-switch, router, wifi-access-point, server, storage, virtual-machine, other)',
  ],
  [
    'refurbished-share',
    'lever "refurbished-share": parameter "share" is required (share of renewals bought refurbished)',
  ],
  [
    'refurbished-share:share=1.5',
    'lever "refurbished-share": parameter "share" must be ≥ 0 and ≤ 1, got 1.5',
  ],
  [
    'power-off:policy=sometimes',
    'lever "power-off": parameter "policy" must be one of nights-weekends, target-hours, got "sometimes"',
  ],
  [
    'power-off:policy=target-hours',
    'lever "power-off": policy=target-hours needs parameter "targetHours" (powered hours per year)',
  ],
  [
    'power-off:policy=nights-weekends,targetHours=3000',
    'lever "power-off": parameter "targetHours" conflicts with policy=nights-weekends (2860 h/yr); use policy=target-hours or drop policy',
  ],
  [
    'device-substitution:from=laptop,to=laptop,share=1',
    'lever "device-substitution": parameters "from" and "to" are both "laptop"',
  ],
  [
    'server-consolidation:ratio=0',
    'lever "server-consolidation": parameter "ratio" must be > 0 and ≤ 1, got 0',
  ],
  ['datacenter-pue:pue=0.9', 'lever "datacenter-pue": parameter "pue" must be ≥ 1 and ≤ 5, got 0.9'],
]

describe('parseLevers', () => {
  it.each(valid)('reads %s', (text, lever) => {
    expect(parseLevers([text])).toEqual({ levers: [lever], errors: [] })
  })

  it.each(invalid)('rejects %s', (text, error) => {
    expect(parseLevers([text])).toEqual({ levers: [], errors: [error] })
  })

  it('keeps the valid levers in order and reports every error', () => {
    const result = parseLevers(['fewer-screens', 'nope', 'server-consolidation:ratio=0.7'])
    expect(result.levers.map((lever) => lever.id)).toEqual(['fewer-screens', 'server-consolidation'])
    expect(result.errors).toHaveLength(1)
  })

  it('reads back what formatLever writes', () => {
    for (const [, lever] of valid) expect(parseLevers([formatLever(lever)]).levers).toEqual([lever])
  })
})

describe('LEVER_CATALOGUE', () => {
  it('documents every lever with labels in French and English, an example that parses and units', () => {
    for (const spec of LEVER_CATALOGUE) {
      expect(spec.label.fr).not.toBe('')
      expect(spec.label.en).not.toBe('')
      expect(parseLevers([spec.example]).errors).toEqual([])
      for (const parameter of spec.parameters) expect(typeof parameter.unit).toBe('string')
    }
  })
})
