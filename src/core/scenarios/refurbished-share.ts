/**
 * Refurbished share: a `share` of renewals is bought refurbished instead of new.
 *   manufacturing × (1 − share × manufacturingReduction)        distribution, use, end of life unchanged
 *   purchase €/yr × (1 − share × (1 − refurbishedPriceRatio))
 *   € saved/yr = unit price × (1 − refurbishedPriceRatio) × purchases/yr × share
 * manufacturingReduction (default 0.8) and refurbishedPriceRatio (default 0.6) are engineering assumptions pending
 * sourced figures. See docs/methodology/levers.md#refurbished-share.
 */
import type { RefurbishedShareLever } from './lever.js'
import { formatNumber, scaleManufacturing, scaleTail, TAIL_OFFSET, type LeverPart } from './lever-part.js'

/** Share of a device's manufacturing impact that buying it refurbished avoids: engineering assumption, to verify. */
export const DEFAULT_MANUFACTURING_REDUCTION = 0.8
/** Price of a refurbished device as a share of the new one: engineering assumption, to verify. */
export const DEFAULT_REFURBISHED_PRICE_RATIO = 0.6

/** Multiplier of the manufacturing phase. */
export function refurbishedManufacturingFactor(share: number, manufacturingReduction: number): number {
  return 1 - share * manufacturingReduction
}

/** Multiplier of the purchase euros. */
export function refurbishedPriceFactor(share: number, refurbishedPriceRatio: number): number {
  return 1 - share * (1 - refurbishedPriceRatio)
}

/** True when the lever concerns the part's category. */
export function isRefurbishedShareTarget(part: LeverPart, lever: RefurbishedShareLever): boolean {
  return lever.categories.includes(part.category)
}

/** Scales manufacturing and purchase euros; returns false when the part is not concerned. */
export function applyRefurbishedShare(part: LeverPart, lever: RefurbishedShareLever): boolean {
  if (!isRefurbishedShareTarget(part, lever) || lever.share === 0) return false
  scaleManufacturing(part, refurbishedManufacturingFactor(lever.share, lever.manufacturingReduction))
  scaleTail(part, TAIL_OFFSET.purchaseEuros, refurbishedPriceFactor(lever.share, lever.refurbishedPriceRatio))
  return true
}

/** Trace line of the lever for one part. */
export function describeRefurbishedShare(part: LeverPart, lever: RefurbishedShareLever): string {
  if (!isRefurbishedShareTarget(part, lever)) {
    return `refurbished-share: ${part.category} not in ${lever.categories.join('+')}, unchanged`
  }
  return (
    `refurbished-share: manufacturing × (1 − ${formatNumber(lever.share)} × ${formatNumber(lever.manufacturingReduction)}) = ` +
    `${formatNumber(refurbishedManufacturingFactor(lever.share, lever.manufacturingReduction))}; purchase € × ` +
    `(1 − ${formatNumber(lever.share)} × (1 − ${formatNumber(lever.refurbishedPriceRatio)})) = ` +
    `${formatNumber(refurbishedPriceFactor(lever.share, lever.refurbishedPriceRatio))}`
  )
}
