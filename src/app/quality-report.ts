import { qualityScore } from '../core/quality/quality-score.js'
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
  const metricsOf = (row: QualityByOrganisation) => ({
    assets: row.assets,
    serialCompleteness: row.fieldCompleteness['serial'] ?? 0,
    purchaseDateCompleteness: row.fieldCompleteness['purchase_day'] ?? 0,
    modelCompleteness: row.fieldCompleteness['model'] ?? 0,
    imputedAssets: row.imputedAssets,
    duplicateSerialAssets: row.duplicateSerialAssets,
    implausibleAssets: row.futurePurchaseAssets + row.overFifteenYearsAssets,
  })
  // Campaign score: the organisations' metrics weighted by their number of assets.
  const all = organisations.reduce(
    (sum, row) => {
      const metrics = metricsOf(row)
      return {
        assets: sum.assets + metrics.assets,
        serialCompleteness: sum.serialCompleteness + metrics.serialCompleteness * metrics.assets,
        purchaseDateCompleteness:
          sum.purchaseDateCompleteness + metrics.purchaseDateCompleteness * metrics.assets,
        modelCompleteness: sum.modelCompleteness + metrics.modelCompleteness * metrics.assets,
        imputedAssets: sum.imputedAssets + metrics.imputedAssets,
        duplicateSerialAssets: sum.duplicateSerialAssets + metrics.duplicateSerialAssets,
        implausibleAssets: sum.implausibleAssets + metrics.implausibleAssets,
      }
    },
    {
      assets: 0,
      serialCompleteness: 0,
      purchaseDateCompleteness: 0,
      modelCompleteness: 0,
      imputedAssets: 0,
      duplicateSerialAssets: 0,
      implausibleAssets: 0,
    },
  )
  const weighted =
    all.assets === 0
      ? all
      : {
          ...all,
          serialCompleteness: all.serialCompleteness / all.assets,
          purchaseDateCompleteness: all.purchaseDateCompleteness / all.assets,
          modelCompleteness: all.modelCompleteness / all.assets,
        }
  return {
    campaign: campaign.year,
    score: qualityScore(weighted),
    sources,
    organisations: organisations.map((row) => ({ ...row, score: qualityScore(metricsOf(row)) })),
    quarantineSample,
    totals,
  }
}
