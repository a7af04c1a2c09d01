/**
 * Climate impact of data carried by telecom networks (methodology §3.10, docs/methodology/telephony-network.md):
 *   impact = data volume (GB) × network factor (gCO2e/GB) / 1000      kgCO2e
 * Factors: ADEME publicodes-acv-numerique 2.1.0 (MIT), rules "transmission par défaut . facteur réseau …",
 * themselves "source Negaoctet" (values published in the MIT package; the NegaOctet database is not open).
 */
import type { Factor } from '../referential/referential.js'

export const NETWORK_DATA_FORMULA = 'dataVolumeGb × networkFactor / 1000'

export const NETWORK_KINDS = ['fixed', 'mobile'] as const
export type NetworkKind = (typeof NETWORK_KINDS)[number]
export const NETWORK_ZONES = ['FR', 'EU'] as const
export type NetworkZone = (typeof NETWORK_ZONES)[number]

const ADEME = (rule: string): string =>
  `ADEME publicodes-acv-numerique 2.1.0 (MIT), rule "transmission par défaut . ${rule}" (source NegaOctet)`

/** Network factors per kind and zone, gCO2e per GB, as ADEME publishes them. */
export const NETWORK_FACTORS: Readonly<Record<NetworkKind, Readonly<Record<NetworkZone, Factor>>>> = {
  fixed: {
    FR: {
      id: 'ademe-network/fixed/FR',
      value: 9.26934695867389,
      unit: 'gCO2e/GB',
      source: ADEME('facteur réseau fixe FR'),
    },
    EU: {
      id: 'ademe-network/fixed/EU',
      value: 30.8081869990301,
      unit: 'gCO2e/GB',
      source: ADEME('facteur réseau fixe EU'),
    },
  },
  mobile: {
    FR: {
      id: 'ademe-network/mobile/FR',
      value: 24.6836791969497,
      unit: 'gCO2e/GB',
      source: ADEME('facteur réseau mobile FR'),
    },
    EU: {
      id: 'ademe-network/mobile/EU',
      value: 96.0097311973246,
      unit: 'gCO2e/GB',
      source: ADEME('facteur réseau mobile EU'),
    },
  },
}

const GRAMS_PER_KILOGRAM = 1000

/** The zone of a country: France's own factor, the European one elsewhere (noted as an approximation outside Europe). */
export function networkZoneOf(country: string): { zone: NetworkZone; isApproximation: boolean } {
  if (country.toUpperCase() === 'FR') return { zone: 'FR', isApproximation: false }
  return { zone: 'EU', isApproximation: !EUROPEAN_COUNTRIES.has(country.toUpperCase()) }
}

const EUROPEAN_COUNTRIES: ReadonlySet<string> = new Set(
  'AT BE BG CH CY CZ DE DK EE ES FI GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK'.split(' '),
)

/** Annual climate impact of a data volume on one network, kgCO2e, with the factor used. */
export function networkDataImpact(
  dataVolumeGb: number,
  kind: NetworkKind,
  country: string,
): { kgCo2e: number; factor: Factor; isApproximation: boolean } {
  const { zone, isApproximation } = networkZoneOf(country)
  const factor = NETWORK_FACTORS[kind][zone]
  return { kgCo2e: (dataVolumeGb * factor.value) / GRAMS_PER_KILOGRAM, factor, isApproximation }
}
