/**
 * Data-quality score of a perimeter, 0–100 (docs/formats.md#quality-score):
 *   score = 100 × mean(completeness of serial, purchase date, model) × (1 − imputed share)
 *               × (1 − duplicate share) × (1 − implausible share)
 * Completeness says whether the footprint can use real data (dates drive the lifetime, the model the factor);
 * imputed, duplicated and implausible rows (purchase date in the future, more than 15 years old) lower trust.
 */
export type QualityMetrics = {
  assets: number
  serialCompleteness: number
  purchaseDateCompleteness: number
  modelCompleteness: number
  imputedAssets: number
  duplicateSerialAssets: number
  implausibleAssets: number
}

/** The 0–100 score of one perimeter, rounded to one decimal; 0 for an empty perimeter. */
export function qualityScore(metrics: QualityMetrics): number {
  if (metrics.assets === 0) return 0
  const completeness =
    (metrics.serialCompleteness + metrics.purchaseDateCompleteness + metrics.modelCompleteness) / 3
  const share = (count: number): number => Math.min(1, count / metrics.assets)
  const score =
    100 *
    completeness *
    (1 - share(metrics.imputedAssets)) *
    (1 - share(metrics.duplicateSerialAssets)) *
    (1 - share(metrics.implausibleAssets))
  return Math.round(score * 10) / 10
}

/** Metrics of several perimeters merged into one: counts add up, completeness is weighted by assets. */
export function mergeQualityMetrics(parts: readonly QualityMetrics[]): QualityMetrics {
  const assets = parts.reduce((sum, part) => sum + part.assets, 0)
  const total = (pick: (part: QualityMetrics) => number): number =>
    parts.reduce((sum, part) => sum + pick(part), 0)
  const weighted = (pick: (part: QualityMetrics) => number): number =>
    assets === 0 ? 0 : total((part) => pick(part) * part.assets) / assets
  return {
    assets,
    serialCompleteness: weighted((part) => part.serialCompleteness),
    purchaseDateCompleteness: weighted((part) => part.purchaseDateCompleteness),
    modelCompleteness: weighted((part) => part.modelCompleteness),
    imputedAssets: total((part) => part.imputedAssets),
    duplicateSerialAssets: total((part) => part.duplicateSerialAssets),
    implausibleAssets: total((part) => part.implausibleAssets),
  }
}
