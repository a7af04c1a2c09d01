/**
 * Lifetime extension, renewal-rate view. In steady state a fleet kept Lexp + Δ years instead of Lexp buys
 * 1/(Lexp + Δ) of itself per year instead of 1/Lexp, so for the chosen categories:
 *   embodied(phase) × Lexp / (Lexp + Δ)          phase ∈ manufacturing, distribution, end of life (use unchanged)
 *   purchases/yr and purchase €/yr × Lexp / (Lexp + Δ)
 *   € saved/yr = quantity × (1/Lexp − 1/(Lexp + Δ)) × unit price
 * Lexp = expected lifetime of the line's reference item (referential `lifetimeYears`), e.g. laptop 5 → × 5/7.
 * See docs/methodology/levers.md#lifetime-extension.
 */
import type { LifetimeExtensionLever } from './lever.js'
import { formatNumber, scaleEmbodied, scaleTail, TAIL_OFFSET, type LeverPart } from './lever-part.js'

/** Multiplier of annualised embodied impacts and purchases when devices are kept `extraYears` longer. */
export function lifetimeExtensionFactor(expectedLifetimeYears: number, extraYears: number): number {
  return expectedLifetimeYears / (expectedLifetimeYears + extraYears)
}

/** True when the lever concerns the part's category. */
export function isLifetimeExtensionTarget(part: LeverPart, lever: LifetimeExtensionLever): boolean {
  return lever.categories.includes(part.category)
}

/** Scales the part's embodied phases, purchases and purchase euros; returns false when the part is not concerned. */
export function applyLifetimeExtension(part: LeverPart, lever: LifetimeExtensionLever): boolean {
  if (!isLifetimeExtensionTarget(part, lever)) return false
  const factor = lifetimeExtensionFactor(part.expectedLifetimeYears, lever.years)
  scaleEmbodied(part, factor)
  scaleTail(part, TAIL_OFFSET.purchasesPerYear, factor)
  scaleTail(part, TAIL_OFFSET.purchaseEuros, factor)
  return true
}

/** Trace line of the lever for one part (computed before `applyLifetimeExtension`). */
export function describeLifetimeExtension(part: LeverPart, lever: LifetimeExtensionLever): string {
  if (!isLifetimeExtensionTarget(part, lever)) {
    return `lifetime-extension: ${part.category} not in ${lever.categories.join('+')}, unchanged`
  }
  const expected = part.expectedLifetimeYears
  const extended = expected + lever.years
  return (
    `lifetime-extension: embodied phases, purchases and purchase € × ${formatNumber(expected)} / ` +
    `${formatNumber(extended)} = ${formatNumber(lifetimeExtensionFactor(expected, lever.years))} ` +
    `(reference item "${part.referenceItemId}" kept ${formatNumber(extended)} instead of ${formatNumber(expected)} years)`
  )
}
