/**
 * Levers: parametrised changes to an inventory that a scenario applies in order.
 * Each lever's formula, parameters and sources: docs/methodology/levers.md.
 */
import type { CategoryId } from '../inventory/categories.js'

/** Lever ids, as typed on the command line (`--lever ID:param=value,…`). */
export const LEVER_IDS = [
  'lifetime-extension',
  'power-off',
  'fewer-screens',
  'refurbished-share',
  'device-substitution',
  'datacenter-pue',
  'server-consolidation',
  'printer-consolidation',
  'cloud-region',
] as const
export type LeverId = (typeof LEVER_IDS)[number]

/** Keep devices `years` longer than the reference item's expected lifetime. */
export type LifetimeExtensionLever = { id: 'lifetime-extension'; years: number; categories: CategoryId[] }

/** How the power-off target is set: the nights-and-weekends schedule or an explicit number of hours. */
export type PowerOffPolicy = 'nights-weekends' | 'target-hours'

/** Switch idle devices off so they are powered at most `targetHours` per year. */
export type PowerOffLever = {
  id: 'power-off'
  policy: PowerOffPolicy
  targetHours: number
  /** Powered hours per year assumed for devices whose kWh come from the inventory without telemetry. */
  currentHours: number | null
  categories: CategoryId[]
}

/** Keep at most `perSeat` monitors per workstation seat (laptops + desktops + thin clients). */
export type FewerScreensLever = { id: 'fewer-screens'; perSeat: number }

/** Buy a `share` of renewals refurbished instead of new. */
export type RefurbishedShareLever = {
  id: 'refurbished-share'
  share: number
  categories: CategoryId[]
  /** Share of the manufacturing impact a refurbished device avoids (engineering assumption by default). */
  manufacturingReduction: number
  /** Price of a refurbished device as a share of the new price (engineering assumption by default). */
  refurbishedPriceRatio: number
}

/** Replace a `share` of `from` devices with the `to` category's reference item at renewal. */
export type DeviceSubstitutionLever = {
  id: 'device-substitution'
  from: CategoryId
  to: CategoryId
  share: number
}

/** Bring every datacenter whose PUE is higher down to `pue`. */
export type DatacenterPueLever = { id: 'datacenter-pue'; pue: number }

/** Keep `ratio` of the physical servers (virtualisation, decommissioning of idle servers). */
export type ServerConsolidationLever = { id: 'server-consolidation'; ratio: number }

/** Remove a `share` of the printers (shared multifunction devices, print policies). */
export type PrinterConsolidationLever = { id: 'printer-consolidation'; share: number }

/** Move hosted workloads (`categories`) to a datacenter or cloud region in `country` (ISO code, e.g. SE). */
export type CloudRegionLever = { id: 'cloud-region'; country: string; categories: CategoryId[] }

/** One parametrised lever. */
export type Lever =
  | LifetimeExtensionLever
  | PowerOffLever
  | FewerScreensLever
  | RefurbishedShareLever
  | DeviceSubstitutionLever
  | DatacenterPueLever
  | ServerConsolidationLever
  | PrinterConsolidationLever
  | CloudRegionLever

function formatParameters(id: LeverId, parameters: [string, string | number | null][]): string {
  const text = parameters
    .filter((entry): entry is [string, string | number] => entry[1] !== null)
    .map(([name, value]) => `${name}=${value}`)
    .join(',')
  return text === '' ? id : `${id}:${text}`
}

/** The canonical command-line text of a lever (every parameter spelt out), e.g. `fewer-screens:perSeat=1`. */
export function formatLever(lever: Lever): string {
  switch (lever.id) {
    case 'lifetime-extension':
      return formatParameters(lever.id, [
        ['years', lever.years],
        ['categories', lever.categories.join('+')],
      ])
    case 'power-off':
      return formatParameters(lever.id, [
        ['policy', lever.policy],
        ['targetHours', lever.targetHours],
        ['currentHours', lever.currentHours],
        ['categories', lever.categories.join('+')],
      ])
    case 'fewer-screens':
      return formatParameters(lever.id, [['perSeat', lever.perSeat]])
    case 'refurbished-share':
      return formatParameters(lever.id, [
        ['share', lever.share],
        ['categories', lever.categories.join('+')],
        ['manufacturingReduction', lever.manufacturingReduction],
        ['refurbishedPriceRatio', lever.refurbishedPriceRatio],
      ])
    case 'device-substitution':
      return formatParameters(lever.id, [
        ['from', lever.from],
        ['to', lever.to],
        ['share', lever.share],
      ])
    case 'datacenter-pue':
      return formatParameters(lever.id, [['pue', lever.pue]])
    case 'server-consolidation':
      return formatParameters(lever.id, [['ratio', lever.ratio]])
    case 'printer-consolidation':
      return formatParameters(lever.id, [['share', lever.share]])
    case 'cloud-region':
      return formatParameters(lever.id, [
        ['country', lever.country],
        ['categories', lever.categories.join('+')],
      ])
  }
}
