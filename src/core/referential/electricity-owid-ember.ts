/**
 * Carbon intensity of electricity generation by country, year 2024, kgCO2e/kWh (production-based,
 * life-cycle emissions per kWh generated). Copied by hand from Our World in Data / Ember (CC BY 4.0).
 * France is not listed here: the default referential takes it from ADEME (consumption mix).
 * See docs/methodology/default-referential.md#electricity.
 */

export const OWID_EMBER_SOURCE =
  'Our World in Data / Ember, carbon intensity of electricity, 2024 (CC BY 4.0)'

/** Key of the electricity mix used when the country of use has no mix of its own. */
export const WORLD_ELECTRICITY_KEY = 'WORLD'

/** kgCO2e per kWh generated in 2024, by ISO 3166-1 alpha-2 country code (plus `WORLD`). */
export const OWID_EMBER_KG_CO2E_PER_KWH_2024: Readonly<Record<string, number>> = {
  DE: 0.344,
  ES: 0.146,
  IT: 0.288,
  BE: 0.118,
  NL: 0.253,
  LU: 0.135,
  PL: 0.615,
  SE: 0.036,
  GB: 0.211,
  CH: 0.037,
  IE: 0.28,
  US: 0.384,
  CN: 0.56,
  [WORLD_ELECTRICITY_KEY]: 0.473,
}

/** Source of the yearly figures (the campaign's year picks one; see electricity-year.ts). */
export const OWID_EMBER_YEARLY_SOURCE =
  'Our World in Data / Ember, carbon intensity of electricity generation, 2019–2024 (CC BY 4.0; Ember; ' +
  'Energy Institute – Statistical Review of World Energy; with major processing by Our World in Data)'

/**
 * kgCO2e per kWh generated, by country and year 2019–2024, rounded to 3 decimals (the same figures as above
 * for 2024). The campaign's year picks its column; a year outside 2019–2024 takes the nearest one.
 */
export const OWID_EMBER_KG_CO2E_PER_KWH_BY_YEAR: Readonly<Record<string, Readonly<Record<number, number>>>> =
  {
    DE: { 2019: 0.392, 2020: 0.356, 2021: 0.395, 2022: 0.42, 2023: 0.371, 2024: 0.344 },
    ES: { 2019: 0.247, 2020: 0.199, 2021: 0.194, 2022: 0.217, 2023: 0.169, 2024: 0.146 },
    IT: { 2019: 0.351, 2020: 0.334, 2021: 0.339, 2022: 0.378, 2023: 0.323, 2024: 0.288 },
    BE: { 2019: 0.157, 2020: 0.167, 2021: 0.132, 2022: 0.139, 2023: 0.135, 2024: 0.118 },
    NL: { 2019: 0.41, 2020: 0.343, 2021: 0.352, 2022: 0.326, 2023: 0.269, 2024: 0.253 },
    LU: { 2019: 0.168, 2020: 0.164, 2021: 0.163, 2022: 0.142, 2023: 0.122, 2024: 0.135 },
    PL: { 2019: 0.772, 2020: 0.739, 2021: 0.757, 2022: 0.733, 2023: 0.655, 2024: 0.615 },
    SE: { 2019: 0.042, 2020: 0.039, 2021: 0.042, 2022: 0.041, 2023: 0.038, 2024: 0.036 },
    GB: { 2019: 0.268, 2020: 0.247, 2021: 0.269, 2022: 0.251, 2023: 0.228, 2024: 0.211 },
    CH: { 2019: 0.035, 2020: 0.037, 2021: 0.039, 2022: 0.037, 2023: 0.038, 2024: 0.037 },
    IE: { 2019: 0.313, 2020: 0.293, 2021: 0.354, 2022: 0.333, 2023: 0.284, 2024: 0.28 },
    US: { 2019: 0.439, 2020: 0.412, 2021: 0.424, 2022: 0.41, 2023: 0.393, 2024: 0.384 },
    CN: { 2019: 0.62, 2020: 0.606, 2021: 0.599, 2022: 0.587, 2023: 0.584, 2024: 0.56 },
    [WORLD_ELECTRICITY_KEY]: { 2019: 0.505, 2020: 0.492, 2021: 0.495, 2022: 0.49, 2023: 0.484, 2024: 0.473 },
  }
