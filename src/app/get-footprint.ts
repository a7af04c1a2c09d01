import { CRITERIA, type CriterionId } from '../core/referential/referential.js'
import { toPersonEquivalents, type PersonEquivalent } from '../core/referential/person-equivalents.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import { resolveCampaign } from './campaigns.js'
import { resolveReadPerimeter } from './access.js'
import { AppError } from './errors.js'
import type { BreakdownDimension, Deps, FootprintSummary } from './ports.js'
import {
  ACCOUNTING_VIEWS,
  PURCHASE_YEAR_FORMULA,
  type AccountingView,
  type GhgPost,
} from '../core/footprint/accounting-views.js'
import { climateInterval, type ClimateInterval } from '../core/footprint/uncertainty.js'
import { aggregateCampaign } from './aggregate-campaign.js'
import { loadCampaignReferential } from './campaign-referential.js'
import { regroupByGhgPost, storedUncertaintyGroups } from './footprint-views.js'
import { cloudTrace, type CloudTrace } from './cloud-results.js'

export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = [
  'organisation',
  'domain',
  'category',
  'phase',
  'site',
  'criterion',
]

/** What `footprint --by` accepts: the stored dimensions plus `ghg-scope` (GHG Protocol / Bilan Carbone post). */
export type FootprintDimension = BreakdownDimension | 'ghg-scope'
export const FOOTPRINT_DIMENSIONS: readonly FootprintDimension[] = [...BREAKDOWN_DIMENSIONS, 'ghg-scope']

export type FootprintReport = {
  campaign: number
  referential: string
  organisation: string | null
  units: Record<CriterionId, string>
  assets: number
  quantity: number
  annualKwh: number
  /** Accounting view: annualised (default) or purchase-year (docs/methodology/accounting-views.md). */
  view: AccountingView
  total: {
    climateKgCo2e: number
    /** Climate change as an interval, kgCO2e/yr (docs/methodology/uncertainty.md). */
    climateKgCo2eInterval: { low: number; high: number }
    waterLitres: number | null
    byCriterion: Partial<Record<CriterionId, number>>
  }
  /** How the interval was obtained: formula, relative half-width, the ± of each factor family. */
  uncertainty: Omit<ClimateInterval, 'low' | 'high'>
  /** Purchase-year view only: the units bought in the campaign year, and those with no purchase date (none counted). */
  purchaseYear?: { formula: string; unitsBoughtInYear: number; unitsWithoutPurchaseDate: number }
  /** With `--by ghg-scope`: each post's GHG Protocol, ISO 14064-1 and Bilan Carbone labels. */
  ghgPosts?: GhgPost[]
  by: FootprintDimension[]
  breakdown: (Partial<Record<FootprintDimension, string>> & {
    quantity: number
    assets: number
    climateKgCo2e: number
    waterLitres: number | null
    shareOfClimate: number
    /** Every criterion of the row, each in its unit per year (see `units`). */
    byCriterion: Partial<Record<CriterionId, number>>
  })[]
  /** With `normalise: 'person-equivalents'`: the totals divided by the JRC individual sustainable packages. */
  personEquivalents?: PersonEquivalent[]
  /** When the perimeter has cloud lines: what the `cloud` domain holds and how it was computed (docs/methodology/cloud.md). */
  cloud?: CloudTrace
}

export const NORMALISATIONS = ['person-equivalents'] as const
export type Normalisation = (typeof NORMALISATIONS)[number]

/** Parses `--normalise`, with a clear error for an unknown one. */
export function parseNormalisation(text: string | null): Normalisation | null {
  if (text === null) return null
  if ((NORMALISATIONS as readonly string[]).includes(text)) return text as Normalisation
  throw new AppError('invalid_argument', `Unknown --normalise "${text}". Use: ${NORMALISATIONS.join(', ')}.`)
}

/** Parses `--view`, with a clear error for an unknown one. */
export function parseView(text: string | null): AccountingView | null {
  if (text === null) return null
  if ((ACCOUNTING_VIEWS as readonly string[]).includes(text)) return text as AccountingView
  throw new AppError('invalid_argument', `Unknown --view "${text}". Use: ${ACCOUNTING_VIEWS.join(', ')}.`)
}

/** Parses `--by a,b,c` into known dimensions, with a clear error for an unknown one. */
export function parseDimensions(text: string | null): FootprintDimension[] {
  if (!text) return []
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      if (!(FOOTPRINT_DIMENSIONS as readonly string[]).includes(part)) {
        throw new AppError(
          'invalid_argument',
          `Unknown --by dimension "${part}". Use: ${FOOTPRINT_DIMENSIONS.join(', ')}.`,
        )
      }
      return part as FootprintDimension
    })
}

/** The annual footprint of a campaign, broken down as asked, computed first if the inventory changed. */
export async function getFootprint(
  deps: Deps,
  input: {
    campaignYear: number | null
    by: FootprintDimension[]
    organisation: string | null
    normalise?: Normalisation | null
    view?: AccountingView | null
  },
): Promise<FootprintReport> {
  const view = input.view ?? 'annualised'
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const computed = await computeCampaignFootprint(deps, { campaign })
  // The organisation named (within the actor's perimeter), else the actor's perimeter, else the whole tree.
  const organisationPath = await resolveReadPerimeter(deps, input.organisation)
  // ghg-scope is read from the domain and the phase of each result.
  const storeBy = [
    ...new Set(
      input.by.flatMap((dimension): BreakdownDimension[] =>
        dimension === 'ghg-scope' ? ['domain', 'phase'] : [dimension],
      ),
    ),
  ]
  let summary: FootprintSummary
  let interval: ClimateInterval
  let purchaseYear: FootprintReport['purchaseYear']
  if (view === 'purchase-year') {
    // Needs each asset's purchase date: one pass over the assets through the core calculator.
    const { referential } = await loadCampaignReferential(deps, campaign)
    const aggregate = await aggregateCampaign(deps, campaign, {
      referential,
      view,
      by: storeBy,
      organisationPath,
    })
    summary = aggregate.summary
    interval = climateInterval(aggregate.uncertaintyGroups)
    purchaseYear = {
      formula: PURCHASE_YEAR_FORMULA,
      unitsBoughtInYear: aggregate.unitsBoughtInYear,
      unitsWithoutPurchaseDate: aggregate.unitsWithoutPurchaseDate,
    }
  } else {
    summary = await deps.store.footprint(campaign.id, storeBy, organisationPath ? { organisationPath } : {})
    interval = climateInterval(await storedUncertaintyGroups(deps, campaign, organisationPath))
  }
  // The purchase-year view re-aggregates assets only: the cloud lines are in the annualised view (results tables).
  const cloud = view === 'annualised' ? await cloudTrace(deps, campaign, organisationPath) : null
  const ghg = input.by.includes('ghg-scope') ? regroupByGhgPost(summary.breakdown, input.by, view) : null
  const { low, high, ...uncertainty } = interval
  const climate = summary.totals['climate-change'] ?? 0
  const units = Object.fromEntries(
    Object.entries(CRITERIA).map(([id, criterion]) => [id, criterion.unit]),
  ) as Record<CriterionId, string>
  return {
    campaign: campaign.year,
    referential: computed.referential,
    organisation: organisationPath ? organisationPath.join(' > ') : null,
    units,
    assets: summary.assets,
    quantity: summary.quantity,
    annualKwh: summary.annualKwh,
    view,
    total: {
      climateKgCo2e: climate,
      climateKgCo2eInterval: { low, high },
      waterLitres: summary.totals['water-use'] ?? null,
      byCriterion: summary.totals,
    },
    uncertainty,
    ...(purchaseYear === undefined ? {} : { purchaseYear }),
    ...(ghg === null ? {} : { ghgPosts: ghg.posts }),
    by: input.by,
    breakdown: (ghg?.rows ?? summary.breakdown).map((row) => ({
      ...row.keys,
      quantity: row.quantity,
      assets: row.assets,
      climateKgCo2e: row.values['climate-change'] ?? 0,
      waterLitres: row.values['water-use'] ?? null,
      shareOfClimate: climate === 0 ? 0 : (row.values['climate-change'] ?? 0) / climate,
      byCriterion: row.values,
    })),
    ...(input.normalise === 'person-equivalents'
      ? { personEquivalents: toPersonEquivalents(summary.totals) }
      : {}),
    ...(cloud === null ? {} : { cloud }),
  }
}
