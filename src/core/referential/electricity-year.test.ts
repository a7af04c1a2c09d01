import ademeModelJson from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { buildDefaultReferential } from './build-default-referential.js'
import { nearestYear, selectElectricityYear } from './electricity-year.js'

const ademeModel: Record<string, unknown> = ademeModelJson
const referential = buildDefaultReferential(ademeModel)
const climate = (year: number, country: string) =>
  selectElectricityYear(referential, year).electricity.get(country)?.factors['climate-change']

describe('nearestYear', () => {
  it.each([
    [2022, 2022],
    [2030, 2024],
    [2010, 2019],
  ])('picks %i → %i among 2019–2024', (year, expected) => {
    expect(nearestYear([2019, 2020, 2021, 2022, 2023, 2024], year)).toBe(expected)
  })
})

describe('selectElectricityYear', () => {
  it("takes the campaign year's Our World in Data / Ember figure (Germany 2022: 420.10654 g → 0.42 kg)", () => {
    const factor = climate(2022, 'DE')
    expect(factor?.value).toBe(0.42)
    expect(factor?.id).toBe('electricity/DE/climate-change/2022')
    expect(factor?.source).toContain('Our World in Data / Ember')
  })

  it('says when the year has no figure and the nearest one is used (2025 → 2024, Poland 0.615)', () => {
    const factor = climate(2025, 'PL')
    expect(factor?.value).toBe(0.615)
    expect(factor?.note).toContain('Campaign 2025: no figure, nearest year 2024 used.')
  })

  it("keeps France's ADEME figure (0.0519, smoothed 2021–2024) and the other criteria of every mix", () => {
    expect(climate(2020, 'FR')?.value).toBe(0.0519)
    // Base IMPACTS 2.01, Germany, ionising radiation per kWh
    expect(
      selectElectricityYear(referential, 2020).electricity.get('DE')?.factors['ionising-radiation']?.value,
    ).toBe(referential.electricity.get('DE')?.factors['ionising-radiation']?.value)
  })
})
