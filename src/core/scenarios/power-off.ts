/**
 * Automatic power-off of idle devices: the use phase shrinks with the powered hours.
 *   use(criterion), kWh, electricity € × min(1, targetHours / currentHours)
 *   targetHours  = 2,860 h/yr for "nights-weekends" (11 h × 5 working days × 52 weeks, an assumption), or the parameter
 *   currentHours = telemetry (measured powered hours) ?? the reference item's profile hours (kWh from the profile)
 *                  ?? the `currentHours` parameter ?? 8,760 h (always on, assumption)
 * A device already on for no more than the target gains nothing. € saved = kWh saved × PUE × tariff.
 * See docs/methodology/levers.md#power-off.
 */
import type { PowerOffLever } from './lever.js'
import { formatNumber, scaleTail, TAIL_OFFSET, scaleUse, type LeverPart } from './lever-part.js'

/** Hours in a (non-leap) year: a device never switched off. */
export const ALWAYS_ON_HOURS_PER_YEAR = 24 * 365
/** Powered hours of the "nights-weekends" policy: 11 h a day, 5 working days, 52 weeks (engineering assumption). */
export const NIGHTS_WEEKENDS_HOURS_PER_YEAR = 11 * 5 * 52

/** Where the current powered hours of a part come from. */
export type CurrentHoursOrigin = 'telemetry' | 'reference-profile' | 'lever-parameter' | 'assumed-always-on'

/** Multiplier of the use phase when powered hours fall from `currentHours` to at most `targetHours`. */
export function powerOffFactor(currentHours: number, targetHours: number): number {
  return currentHours <= targetHours ? 1 : targetHours / currentHours
}

/** True when the lever concerns the part's category. */
export function isPowerOffTarget(part: LeverPart, lever: PowerOffLever): boolean {
  return lever.categories.includes(part.category)
}

/** Where the part's current powered hours are taken from. */
export function currentHoursOrigin(part: LeverPart, lever: PowerOffLever): CurrentHoursOrigin {
  if (part.knownHoursPerYear !== null)
    return part.hoursOrigin === 'telemetry' ? 'telemetry' : 'reference-profile'
  return lever.currentHours === null ? 'assumed-always-on' : 'lever-parameter'
}

/** The part's current powered hours per year (see `currentHoursOrigin`). */
export function currentHoursOf(part: LeverPart, lever: PowerOffLever): number {
  return part.knownHoursPerYear ?? lever.currentHours ?? ALWAYS_ON_HOURS_PER_YEAR
}

/** Scales the use phase, kWh and electricity euros; returns false when the part is not concerned or gains nothing. */
export function applyPowerOff(part: LeverPart, lever: PowerOffLever): boolean {
  if (!isPowerOffTarget(part, lever)) return false
  const factor = powerOffFactor(currentHoursOf(part, lever), lever.targetHours)
  if (factor === 1) return false
  scaleUse(part, factor)
  scaleTail(part, TAIL_OFFSET.plugKwh, factor)
  scaleTail(part, TAIL_OFFSET.facilityKwh, factor)
  scaleTail(part, TAIL_OFFSET.electricityEuros, factor)
  return true
}

const ORIGIN_TEXT: Record<CurrentHoursOrigin, string> = {
  telemetry: 'measured by telemetry',
  'reference-profile': "the reference item's usage profile",
  'lever-parameter': 'the lever parameter currentHours',
  'assumed-always-on': 'assumed always on (no telemetry, no profile)',
}

/** Trace line of the lever for one part (computed before `applyPowerOff`). */
export function describePowerOff(part: LeverPart, lever: PowerOffLever): string {
  if (!isPowerOffTarget(part, lever)) {
    return `power-off: ${part.category} not in ${lever.categories.join('+')}, unchanged`
  }
  const current = currentHoursOf(part, lever)
  const origin = ORIGIN_TEXT[currentHoursOrigin(part, lever)]
  if (current <= lever.targetHours) {
    return (
      `power-off: current ${formatNumber(current)} h/yr (${origin}) ≤ target ` +
      `${formatNumber(lever.targetHours)} h/yr, no gain`
    )
  }
  return (
    `power-off: use phase, kWh and electricity € × ${formatNumber(lever.targetHours)} / ${formatNumber(current)} = ` +
    `${formatNumber(powerOffFactor(current, lever.targetHours))} (current hours ${origin})`
  )
}
