import { resolveCampaign } from './campaigns.js'
import type { Deps, QualityByOrganisation, QualityBySource, QuarantinedRow } from './ports.js'

export type QualityReport = {
  campaign: number
  sources: QualityBySource[]
  organisations: QualityByOrganisation[]
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
  return { campaign: campaign.year, sources, organisations, quarantineSample, totals }
}
