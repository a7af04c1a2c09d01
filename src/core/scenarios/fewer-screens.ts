/**
 * Fewer screens, a fleet-level lever: within one group (organisation), monitors are cut to `perSeat` per seat.
 *   seats    = laptops + desktops + thin clients of the group (quantities at this point of the scenario)
 *   factor   = min(1, perSeat × seats / monitors)
 *   monitors: every value (impacts, kWh, quantity, purchases, €) × factor
 * € saved/yr = monitors not renewed per year × unit price = removed monitors / lifetime × price.
 * The evaluator applies it in `result()`, once the group's counts are known. See docs/methodology/levers.md#fewer-screens.
 */
import type { CategoryId } from '../inventory/categories.js'
import type { FewerScreensLever } from './lever.js'
import { formatNumber } from './lever-part.js'

/** Categories that count as one workstation seat each. */
export const SEAT_CATEGORIES: readonly CategoryId[] = ['laptop', 'desktop', 'thin-client']

/** Multiplier of the monitors of a group with `monitors` monitors and `seats` seats. */
export function fewerScreensFactor(monitors: number, seats: number, perSeat: number): number {
  if (monitors <= 0) return 1
  return Math.min(1, (perSeat * seats) / monitors)
}

/** Trace line of the lever for one group. */
export function describeFewerScreens(monitors: number, seats: number, lever: FewerScreensLever): string {
  const factor = fewerScreensFactor(monitors, seats, lever.perSeat)
  if (factor === 1) {
    return (
      `fewer-screens: ${formatNumber(monitors)} monitors for ${formatNumber(seats)} seats ` +
      `≤ ${formatNumber(lever.perSeat)} per seat, unchanged`
    )
  }
  return (
    `fewer-screens: monitors × min(1, ${formatNumber(lever.perSeat)} × ${formatNumber(seats)} / ` +
    `${formatNumber(monitors)}) = ${formatNumber(factor)}`
  )
}
