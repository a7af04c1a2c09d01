import { describe, expect, it } from 'vitest'
import { createOverrideResolver, type ElectricityOverride } from './electricity-override.js'

const overrides: ElectricityOverride[] = [
  { id: 1, organisationPath: ['CNAM'], site: null, kgCo2ePerKwh: 0.05, source: 'national contract' },
  { id: 2, organisationPath: ['CNAM', 'CPAM Rhône'], site: null, kgCo2ePerKwh: 0.03, source: 'green tariff' },
  { id: 3, organisationPath: [], site: 'Lyon Part-Dieu', kgCo2ePerKwh: 0.01, source: 'on-site solar' },
]

describe('createOverrideResolver', () => {
  const resolve = createOverrideResolver(overrides)

  it.each([
    ['CNAM > CPAM Gironde', null, 0.05],
    ['CNAM > CPAM Rhône > Villeurbanne', 'Annexe', 0.03],
    ['CNAM > CPAM Rhône', 'lyon part-dieu', 0.01],
    ['CNAM', null, 0.05],
  ])('gives %s / site %s the factor %d', (path, site, expected) => {
    expect(resolve(path, site)?.value).toBe(expected)
  })

  it('leaves other organisations on the grid factor, and does not take a name prefix for a parent', () => {
    expect(resolve('DGFiP', null)).toBeNull()
    expect(resolve('CNAMTS', null)).toBeNull()
  })

  it('names the override in the factor it returns', () => {
    const factor = resolve('CNAM > CPAM Rhône', null)
    expect(factor).toEqual({
      id: 'electricity-override/2/climate-change',
      value: 0.03,
      unit: 'kgCO2e/kWh',
      source: 'green tariff',
      note: 'Set by the user for organisation "CNAM > CPAM Rhône"; replaces the country\'s grid factor.',
    })
  })
})
