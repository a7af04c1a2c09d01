/**
 * Device substitution: at renewal a `share` of the `from` devices is replaced by the `to` category's reference item.
 *   from part       × (1 − share)                          every value
 *   substitute part = footprint of (quantity of the from part) units of the `to` category's default item,
 *                     same country, ownership, utilisation, datacenter and telemetry hours,
 *                     lifetime = that item's expected lifetime (a new device), × share
 * € saved/yr = share × quantity × (price(from) / L(from) − price(to) / L(to)): the difference in annual renewal spend,
 * plus the electricity difference. See docs/methodology/levers.md#device-substitution.
 */
import type { DeviceSubstitutionLever } from './lever.js'
import { formatNumber, scaleQuantity, type LeverPart } from './lever-part.js'

/** True when the lever concerns the part's category. */
export function isDeviceSubstitutionTarget(part: LeverPart, lever: DeviceSubstitutionLever): boolean {
  return part.category === lever.from && lever.share > 0
}

/**
 * Splits `part`: it keeps (1 − share) of itself and `substitute` (already filled with the whole quantity computed as
 * the `to` item) keeps `share`. Returns false when the part is not concerned.
 */
export function applyDeviceSubstitution(
  part: LeverPart,
  substitute: LeverPart,
  lever: DeviceSubstitutionLever,
): boolean {
  if (!isDeviceSubstitutionTarget(part, lever)) return false
  scaleQuantity(part, 1 - lever.share)
  scaleQuantity(substitute, lever.share)
  return true
}

/** Trace line of the lever for one part. */
export function describeDeviceSubstitution(
  part: LeverPart,
  lever: DeviceSubstitutionLever,
  substituteItemId: string,
): string {
  if (!isDeviceSubstitutionTarget(part, lever)) {
    return `device-substitution: ${part.category} is not ${lever.from}, unchanged`
  }
  return (
    `device-substitution: ${formatNumber(lever.share)} of the ${lever.from} line computed as ` +
    `reference item "${substituteItemId}" (${lever.to}), the rest × ${formatNumber(1 - lever.share)}`
  )
}
