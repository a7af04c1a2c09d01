/**
 * Datacenter PUE: equipment hosted in a datacenter whose PUE is above the target gets the target PUE.
 *   use(criterion), facility kWh, electricity € × pue / currentPue          when hosted and pue < currentPue
 *   plug kWh (IT load) unchanged
 * currentPue = the datacenter's PUE, or the referential default (1.75) when unknown.
 * See docs/methodology/levers.md#datacenter-pue.
 */
import type { DatacenterPueLever } from './lever.js'
import { formatNumber, scaleTail, TAIL_OFFSET, scaleUse, type LeverPart } from './lever-part.js'

/** Average PUE of French colocation datacenters in 2023 (Arcep "Pour un numérique soutenable", 2025 edition). */
export const ARCEP_AVERAGE_PUE_2023 = 1.46

/** Multiplier of the use phase when the PUE goes from `currentPue` to `targetPue` (never above 1). */
export function datacenterPueFactor(currentPue: number, targetPue: number): number {
  return targetPue < currentPue ? targetPue / currentPue : 1
}

/** True when the part is hosted in a datacenter whose PUE is above the target. */
export function isDatacenterPueTarget(part: LeverPart, lever: DatacenterPueLever): boolean {
  return part.isInDatacenter && lever.pue < part.pue
}

/** Scales the use phase, facility kWh and electricity euros; returns false when the part is not concerned. */
export function applyDatacenterPue(part: LeverPart, lever: DatacenterPueLever): boolean {
  if (!isDatacenterPueTarget(part, lever)) return false
  const factor = datacenterPueFactor(part.pue, lever.pue)
  scaleUse(part, factor)
  scaleTail(part, TAIL_OFFSET.facilityKwh, factor)
  scaleTail(part, TAIL_OFFSET.electricityEuros, factor)
  part.pue = lever.pue
  return true
}

/** Trace line of the lever for one part (computed before `applyDatacenterPue`). */
export function describeDatacenterPue(part: LeverPart, lever: DatacenterPueLever): string {
  if (!part.isInDatacenter) return 'datacenter-pue: not hosted in a datacenter, unchanged'
  if (!isDatacenterPueTarget(part, lever)) {
    return `datacenter-pue: PUE ${formatNumber(part.pue)} already ≤ ${formatNumber(lever.pue)}, unchanged`
  }
  return (
    `datacenter-pue: use phase, facility kWh and electricity € × ${formatNumber(lever.pue)} / ` +
    `${formatNumber(part.pue)} = ${formatNumber(datacenterPueFactor(part.pue, lever.pue))}`
  )
}
