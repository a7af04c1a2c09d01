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
