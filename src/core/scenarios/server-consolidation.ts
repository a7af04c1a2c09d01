/**
 * Server consolidation: only `ratio` of the physical servers remain (virtualisation, idle servers switched off).
 *   servers: every value (embodied, use, kWh, quantity, purchases, €) × ratio
 * It assumes the remaining servers absorb the load at the same power each (a conservative simplification: a
 * busier server draws more). See docs/methodology/levers.md#server-consolidation.
 */
import type { ServerConsolidationLever } from './lever.js'
import { formatNumber, scaleQuantity, type LeverPart } from './lever-part.js'

/** True when the part is a server line. */
export function isServerConsolidationTarget(part: LeverPart, lever: ServerConsolidationLever): boolean {
  return part.category === 'server' && lever.ratio !== 1
}

/** Scales the whole server line by the ratio; returns false when the part is not concerned. */
export function applyServerConsolidation(part: LeverPart, lever: ServerConsolidationLever): boolean {
  if (!isServerConsolidationTarget(part, lever)) return false
  scaleQuantity(part, lever.ratio)
  return true
}

/** Trace line of the lever for one part. */
export function describeServerConsolidation(part: LeverPart, lever: ServerConsolidationLever): string {
  if (part.category !== 'server') return `server-consolidation: ${part.category} is not a server, unchanged`
  return `server-consolidation: every value × ${formatNumber(lever.ratio)}`
}
