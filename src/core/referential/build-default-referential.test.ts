import ademeModelJson from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { CATEGORY_IDS, type CategoryId } from '../inventory/categories.js'
import { buildDefaultReferential } from './build-default-referential.js'

const ademeModel: Record<string, unknown> = ademeModelJson
const referential = buildDefaultReferential(ademeModel)

function itemOf(category: CategoryId) {
  const item = referential.items.get(referential.defaultItemByCategory[category])
  if (item === undefined) throw new Error(`no item for ${category}`)
  return item
}

describe('buildDefaultReferential', () => {
  it('names itself empreinte-default@1.1.0 and cites the ADEME package version', () => {
    expect(referential.id).toBe('empreinte-default')
    expect(referential.version).toBe('1.1.0')
    expect(referential.description).toContain('ADEME publicodes-acv-numerique 2.1.0 (MIT)')
    expect(referential.matching.size).toBe(0)
  })

  it('has a default item, present in items, for every category', () => {
    for (const category of CATEGORY_IDS) {
      expect(referential.items.get(referential.defaultItemByCategory[category])?.category).toBe(category)
    }
  })

  // ADEME values in grams converted to kg: 170000 gCO2e → 170 kgCO2e, etc.
  it.each([
    ['laptop', 170, 12.3, 2.79, 5],
    ['desktop', 203, 1.85, 6.61, 6],
    ['monitor', 64.6, 1.29, 3.95, 6],
    ['smartphone', 77, 2.27, 0.246, 2.5],
    ['tablet', 80.5, 3.43, 0.364, 3],
    ['printer', 10.5, 0.3, 10.2, 5],
    ['server', 748, 0, 0, 5],
    ['network-switch', 367, 0, 0, 5],
    ['router', 41.2, 0, 0, 5],
    ['thin-client', 45, 0, 0, 5],
    ['desk-phone', 25, 0, 0, 8],
    ['wifi-access-point', 20, 0, 0, 5],
    ['storage', 461, 0, 0, 5],
    ['virtual-machine', 0, 0, 0, 1],
    ['other', 203, 1.85, 6.61, 6],
  ] as const)(
    'reads %s climate factors (kgCO2e) and lifetime (years)',
    (category, man, dist, endOfLife, years) => {
      const item = itemOf(category)
      const climate = item.embodied['climate-change']
      expect(climate?.manufacturing.value).toBeCloseTo(man, 9)
      expect(climate?.distribution.value).toBeCloseTo(dist, 9)
      expect(climate?.['end-of-life'].value).toBeCloseTo(endOfLife, 9)
      expect(climate?.manufacturing.unit).toBe('kgCO2e')
      expect(item.lifetimeYears.value).toBe(years)
    },
  )

  it.each([
    ['laptop', 46.64], // 26.5 W × 1,760 h / 1000
    ['desktop', 123.2], // 70 W × 1,760 h / 1000
    ['monitor', 88], // 50 W × 1,760 h / 1000
    ['thin-client', 41], // Boavizta PCF median TEC
    ['smartphone', 4.9275], // 4.5 W × 3 h/day × 365 d / 1000
    ['tablet', 18.25], // 20 W × 2.5 h/day × 365 d / 1000
    ['printer', 13.2], // 60 W × 1 h/day × 220 d / 1000
    ['server', 3504], // 400 W × 8,760 h / 1000
    ['network-switch', 1314], // 150 W × 8,760 h / 1000
    ['router', 175.2], // 20 W × 8,760 h / 1000
    ['desk-phone', 26.28], // 3 W × 8,760 h / 1000
    ['wifi-access-point', 105.12], // 12 W × 8,760 h / 1000
    ['storage', 2628], // 300 W × 8,760 h / 1000
    ['virtual-machine', 0],
    ['other', 123.2], // desktop values
  ] as const)('gives %s a professional annual electricity of %s kWh/yr', (category, kwh) => {
    expect(itemOf(category).annualKwh.value).toBeCloseTo(kwh, 9)
    expect(itemOf(category).annualKwh.unit).toBe('kWh/yr')
  })

  it('reads water (litres) for ADEME devices and none for server, switch and router', () => {
    const laptopWater = itemOf('laptop').embodied['water-use']
    expect(laptopWater?.manufacturing.value).toBe(194000)
    expect(laptopWater?.distribution.value).toBe(51.6)
    expect(laptopWater?.['end-of-life'].value).toBe(638000)
    expect(laptopWater?.manufacturing.unit).toBe('L')
    expect(laptopWater?.['end-of-life'].note).toContain('pas fiables')
    expect(itemOf('server').embodied['water-use']).toBeUndefined()
    expect(itemOf('network-switch').embodied['water-use']).toBeUndefined()
  })

  it('cites the ADEME rule of each value', () => {
    expect(itemOf('laptop').embodied['climate-change']?.manufacturing.source).toBe(
      'ADEME publicodes-acv-numerique 2.1.0 (MIT), rule "acv . ordinateur portable . carbone . fabrication"',
    )
    expect(itemOf('server').embodied['climate-change']?.manufacturing.note).toContain('construction')
    expect(itemOf('printer').embodied['climate-change']?.manufacturing.note).toContain('Home-printer')
    expect(itemOf('laptop').annualKwh.note).toContain('8 h/day × 220 working days')
  })

  it('flags placeholders and leaves ADEME values unflagged', () => {
    for (const category of [
      'thin-client',
      'desk-phone',
      'wifi-access-point',
      'storage',
      'virtual-machine',
      'other',
    ] as const) {
      expect(itemOf(category).embodied['climate-change']?.manufacturing.isPlaceholder).toBe(true)
      expect(itemOf(category).embodied['climate-change']?.manufacturing.note).toMatch(/§4\.1|host/)
    }
    expect(itemOf('laptop').embodied['climate-change']?.manufacturing.isPlaceholder).toBeUndefined()
    expect(itemOf('network-switch').annualKwh.isPlaceholder).toBe(true)
    expect(itemOf('router').annualKwh.isPlaceholder).toBe(true)
  })

  it.each([
    ['FR', 0.0519],
    ['DE', 0.344],
    ['ES', 0.146],
    ['IT', 0.288],
    ['BE', 0.118],
    ['NL', 0.253],
    ['LU', 0.135],
    ['PL', 0.615],
    ['SE', 0.036],
    ['GB', 0.211],
    ['CH', 0.037],
    ['IE', 0.28],
    ['US', 0.384],
    ['CN', 0.56],
    ['WORLD', 0.473],
  ])('has a %s climate mix of %s kgCO2e/kWh', (country, kgPerKwh) => {
    const factor = referential.electricity.get(country)?.factors['climate-change']
    expect(factor?.value).toBe(kgPerKwh)
    expect(factor?.unit).toBe('kgCO2e/kWh')
    expect(referential.electricity.get(country)?.factors['water-use']).toBeUndefined()
  })

  it('takes the French mix from the ADEME rule and the others from OWID / Ember', () => {
    const france = referential.electricity.get('FR')?.factors['climate-change']
    expect(france?.source).toContain('publicodes-commun . mix électrique . empreinte carbone')
    expect(france?.note).toContain('Base Empreinte')
    expect(referential.electricity.get('DE')?.factors['climate-change']?.source).toContain(
      'Our World in Data / Ember',
    )
  })

  it('sets the NumEcoEval / G4IT hypotheses', () => {
    const hypotheses = referential.hypotheses
    expect(hypotheses.defaultPue.value).toBe(1.75)
    expect(hypotheses.defaultPue.source).toContain('PUEParDefaut')
    expect(hypotheses.defaultLifetimeYears.value).toBe(2)
    expect(hypotheses.minimumLifetimeYears.value).toBe(1)
    expect(hypotheses.companyUtilisationRate.value).toBe(0.8)
    expect(hypotheses.companyUtilisationRate.source).toContain('taux_utilisation_COPE')
    expect(hypotheses.personalUtilisationRate.value).toBe(0.57)
    expect(hypotheses.personalUtilisationRate.source).toContain('taux_utilisation_BYOD')
    expect(hypotheses.defaultCountry).toBe('FR')
  })

  it('names the missing rule when the model lacks one', () => {
    const { ['acv . écran . carbone . fabrication']: _removed, ...incomplete } = ademeModel
    expect(() => buildDefaultReferential(incomplete)).toThrow(
      /rule "acv \. écran \. carbone \. fabrication" is missing/,
    )
  })

  it('refuses a rule in an unexpected unit', () => {
    const changed = { ...ademeModel, 'serveur . construction': { unité: 'kgCO2e', valeur: 748 } }
    expect(() => buildDefaultReferential(changed)).toThrow(
      /"serveur \. construction" is in "kgCO2e", expected "gCO2e"/,
    )
  })

  it('reads values from the model, not from constants', () => {
    const changed = {
      ...ademeModel,
      'acv . ordinateur portable . carbone . fabrication': { unité: 'gCO2e', valeur: 200000 },
    }
    expect(
      buildDefaultReferential(changed).items.get('ademe-laptop')?.embodied['climate-change']?.manufacturing
        .value,
    ).toBe(200)
  })
})
