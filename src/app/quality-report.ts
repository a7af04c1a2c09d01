import { mergeQualityMetrics, qualityScore, type QualityMetrics } from '../core/quality/quality-score.js'
import { resolveCampaign } from './campaigns.js'
import type { Deps, QualityByOrganisation, QualityBySource, QuarantinedRow } from './ports.js'

export type QualityReport = {
  campaign: number
  /** Score 0–100 of the whole campaign (see src/core/quality/quality-score.ts). */
  score: number
  sources: QualityBySource[]
  organisations: (QualityByOrganisation & { score: number })[]
  quarantineSample: (QuarantinedRow & { fileName: string })[]
  totals: { rowsRead: number; rowsAccepted: number; rowsQuarantined: number; rowsImputed: number }
}

/** Data-quality report of a campaign: per source (counts, reasons) and per organisation (completeness). */
export async function qualityReport(
  deps: Deps,
  input: { campaignYear: number | null; sample: number },
): Promise<QualityReport> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const [sources, organisations, quarantineSample] = await Promise.all([
    deps.store.qualityBySource(campaign.id),
    deps.store.qualityByOrganisation(campaign.id),
    deps.store.quarantine(campaign.id, input.sample),
  ])
  const totals = { rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, rowsImputed: 0 }
  for (const source of sources) {
    totals.rowsRead += source.rowsRead
    totals.rowsAccepted += source.rowsAccepted
    totals.rowsQuarantined += source.rowsQuarantined
    totals.rowsImputed += source.rowsImputed
  }
  const metricsOf = (row: QualityByOrganisation): QualityMetrics => ({
    assets: row.assets,
    serialCompleteness: row.fieldCompleteness['serial'] ?? 0,
    purchaseDateCompleteness: row.fieldCompleteness['purchase_day'] ?? 0,
    modelCompleteness: row.fieldCompleteness['model'] ?? 0,
    imputedAssets: row.imputedAssets,
    duplicateSerialAssets: row.duplicateSerialAssets,
    implausibleAssets: row.futurePurchaseAssets + row.overFifteenYearsAssets,
  })
  // Campaign score: the organisations' metrics merged, completeness weighted by their number of assets.
  const weighted = mergeQualityMetrics(organisations.map(metricsOf))
  return {
    campaign: campaign.year,
    score: qualityScore(weighted),
    sources,
    organisations: organisations.map((row) => ({ ...row, score: qualityScore(metricsOf(row)) })),
    quarantineSample,
    totals,
  }
}
