/**
 * Lifetime retained to annualise embodied impacts (NumEcoEval "dureeVie", method REEL):
 *   L = (retirementDay ?? referenceDay − purchaseDay) / 365      when a purchase date is known
 *     ?? inventory lifetimeYears ?? reference item lifetime ?? hypothesis defaultLifetimeYears
 *   L = max(L, minimumLifetimeYears)
 * See docs/methodology/footprint.md#lifetime.
 */
import type { DayNumber } from '../inventory/asset.js'
import type { Hypotheses } from '../referential/referential.js'
import type { AssetTrace } from './trace.js'

export const DAYS_PER_YEAR = 365

export type LifetimeMethod = AssetTrace['lifetime']['method']

export type LifetimeInput = {
  purchaseDay: DayNumber | null
  retirementDay: DayNumber | null
  lifetimeYears: number | null
}

export type LifetimeResolution = {
  /** Retained lifetime, years (after the minimum). */
  years: number
  /** Lifetime before the minimum was applied, years. */
  rawYears: number
  method: LifetimeMethod
  isClamped: boolean
}

/** True when a reference item's lifetime can be used (finite and positive). */
export function isUsableLifetime(years: number): boolean {
  return Number.isFinite(years) && years > 0
}

function lifetimeMethod(input: LifetimeInput, itemLifetimeYears: number): LifetimeMethod {
  if (input.purchaseDay !== null) return 'dates'
  if (input.lifetimeYears !== null) return 'inventory'
  if (isUsableLifetime(itemLifetimeYears)) return 'category-default'
  return 'global-default'
}

/** Lifetime before the minimum is applied, years (the rule without its floor). */
export function rawLifetimeYears(
  input: LifetimeInput,
  itemLifetimeYears: number,
  hypotheses: Hypotheses,
  referenceDay: DayNumber,
): number {
  if (input.purchaseDay !== null)
    return ((input.retirementDay ?? referenceDay) - input.purchaseDay) / DAYS_PER_YEAR
  if (input.lifetimeYears !== null) return input.lifetimeYears
  if (isUsableLifetime(itemLifetimeYears)) return itemLifetimeYears
  return hypotheses.defaultLifetimeYears.value
}

/** True when a raw lifetime is below the minimum (or not a number) and must be raised to it. */
export function isBelowMinimum(rawYears: number, minimumYears: number): boolean {
  // `!(x >= min)` also catches NaN from a broken input.
  return !(rawYears >= minimumYears)
}

/** Retained lifetime, years: the rule, floored at the minimum. Allocation-free, for the hot path. */
export function lifetimeYearsOf(
  input: LifetimeInput,
  itemLifetimeYears: number,
  hypotheses: Hypotheses,
  referenceDay: DayNumber,
): number {
  const rawYears = rawLifetimeYears(input, itemLifetimeYears, hypotheses, referenceDay)
  const minimum = hypotheses.minimumLifetimeYears.value
  return isBelowMinimum(rawYears, minimum) ? minimum : rawYears
}

/** Applies the NumEcoEval lifetime rule to one inventory line, saying which branch it took. */
export function resolveLifetime(
  input: LifetimeInput,
  itemLifetimeYears: number,
  hypotheses: Hypotheses,
  referenceDay: DayNumber,
): LifetimeResolution {
  const rawYears = rawLifetimeYears(input, itemLifetimeYears, hypotheses, referenceDay)
  const minimum = hypotheses.minimumLifetimeYears.value
  const isClamped = isBelowMinimum(rawYears, minimum)
  return {
    years: isClamped ? minimum : rawYears,
    rawYears,
    method: lifetimeMethod(input, itemLifetimeYears),
    isClamped,
  }
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(6)))
}

/** Human explanation of a lifetime resolution, for the trace. */
export function describeLifetime(
  input: LifetimeInput,
  resolution: LifetimeResolution,
  referenceDay: DayNumber,
  itemId: string,
): string {
  const parts: string[] = []
  switch (resolution.method) {
    case 'dates': {
      const purchaseDay = input.purchaseDay ?? 0
      const end = input.retirementDay ?? referenceDay
      const endName = input.retirementDay === null ? 'reference day' : 'retirement day'
      parts.push(
        `(${endName} − purchase day) / ${DAYS_PER_YEAR} = ${end - purchaseDay} / ${DAYS_PER_YEAR} = ` +
          `${formatNumber(resolution.rawYears)} years`,
      )
      if (input.retirementDay === null) parts.push('no retirement date: counted up to the reference day')
      if (purchaseDay > referenceDay) parts.push('the purchase date is after the reference day')
      else if (input.retirementDay !== null && input.retirementDay < purchaseDay) {
        parts.push('the retirement date is before the purchase date')
      }
      break
    }
    case 'inventory':
      parts.push(`lifetime given in the inventory: ${formatNumber(resolution.rawYears)} years`)
      break
    case 'category-default':
      parts.push(
        `lifetime of reference item "${itemId}": ${formatNumber(resolution.rawYears)} years ` +
          '(no purchase date, no lifetime in the inventory)',
      )
      break
    case 'global-default':
      parts.push(
        `global default lifetime: ${formatNumber(resolution.rawYears)} years ` +
          '(no purchase date, no lifetime in the inventory or the reference item)',
      )
      break
  }
  if (resolution.isClamped) parts.push(`raised to the minimum of ${formatNumber(resolution.years)} year(s)`)
  return parts.join('; ')
}
