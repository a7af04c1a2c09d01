/**
 * Use-phase impact, per year, for one criterion (NumEcoEval UTILISATION):
 *   impact = quantity × annualKwh × electricityFactor(criterion, country) × pue × utilisationRate
 *   annualKwh = inventory annualKwh ?? reference item annualKwh           (per unit, kWh/yr)
 *   pue = 1 outside a datacenter, else the datacenter PUE ?? hypothesis defaultPue
 * See docs/methodology/footprint.md#use-phase.
 */
import { WORLD_ELECTRICITY_KEY } from '../referential/electricity-owid-ember.js'
import type { ElectricityMix, Referential } from '../referential/referential.js'

export const USE_FORMULA = 'quantity × annualKwh × electricityFactor × pue × utilisationRate'

/** Annual use-phase impact of a line, in the electricity factor's unit × kWh per year. */
export function useImpact(
  quantity: number,
  annualKwh: number,
  electricityFactor: number,
  pue: number,
  utilisationRate: number,
): number {
  return quantity * annualKwh * electricityFactor * pue * utilisationRate
}

/** Electricity at the plug of the whole line, kWh/yr, before PUE. */
export function lineAnnualKwh(quantity: number, unitAnnualKwh: number, utilisationRate: number): number {
  return quantity * unitAnnualKwh * utilisationRate
}

/** PUE multiplier: 1 when not hosted in a datacenter (undefined), the default when the PUE is unknown (null). */
export function pueOf(datacenterPue: number | null | undefined, defaultPue: number): number {
  if (datacenterPue === undefined) return 1
  return datacenterPue ?? defaultPue
}

export type MixResolution = { mix: ElectricityMix | undefined; isWorldFallback: boolean }

/** The electricity mix of a country, falling back to the `WORLD` mix when the country has none. */
export function resolveElectricityMix(referential: Referential, country: string): MixResolution {
  const mix = referential.electricity.get(country) ?? referential.electricity.get(country.toUpperCase())
  if (mix !== undefined) return { mix, isWorldFallback: false }
  return { mix: referential.electricity.get(WORLD_ELECTRICITY_KEY), isWorldFallback: true }
}
