import type { FootprintReport } from './get-footprint.js'
import { getFootprint } from './get-footprint.js'
import type { Deps } from './ports.js'
import { qualityReport } from './quality-report.js'

/** The figures of a printable per-organisation report (src/http renders it as HTML). */
export type OrganisationReport = {
  campaign: number
  referential: string
  organisation: string
  units: FootprintReport['units']
  assets: number
  quantity: number
  annualKwh: number
  total: FootprintReport['total']
  byDomain: FootprintReport['breakdown']
  byPhase: FootprintReport['breakdown']
  byCategory: FootprintReport['breakdown']
  quality: { score: number; assets: number; modelShare: number; imputedAssets: number }
}

/**
 * The footprint of one organisation (and everything below it) by domain, phase and category, with its
 * data-quality score: what the printable report shows.
 * @example await organisationReport(deps, { campaignYear: null, organisation: 'CNAM > CPAM Rhône' })
 */
export async function organisationReport(
  deps: Deps,
  input: { campaignYear: number | null; organisation: string },
): Promise<OrganisationReport> {
  const scope = { campaignYear: input.campaignYear, organisation: input.organisation }
  const byDomain = await getFootprint(deps, { ...scope, by: ['domain'] })
  const byPhase = await getFootprint(deps, { ...scope, by: ['phase'] })
  const byCategory = await getFootprint(deps, { ...scope, by: ['category'] })
  const quality = await qualityReport(deps, { ...scope, sample: 0 })
  return {
    campaign: byDomain.campaign,
    referential: byDomain.referential,
    organisation: byDomain.organisation ?? input.organisation,
    units: byDomain.units,
    assets: byDomain.assets,
    quantity: byDomain.quantity,
    annualKwh: byDomain.annualKwh,
    total: byDomain.total,
    byDomain: byDomain.breakdown,
    byPhase: byPhase.breakdown,
    byCategory: byCategory.breakdown,
    quality: {
      score: quality.score,
      assets: quality.total.assets,
      modelShare: quality.total.matched.modelShare,
      imputedAssets: quality.total.imputedAssets,
    },
  }
}
