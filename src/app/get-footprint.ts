import { CRITERIA, type CriterionId } from '../core/referential/referential.js'
import { toPersonEquivalents, type PersonEquivalent } from '../core/referential/person-equivalents.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import { resolveCampaign } from './campaigns.js'
import { resolveReadPerimeter } from './access.js'
import { AppError } from './errors.js'
import type { BreakdownDimension, Deps } from './ports.js'

export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = [
  'organisation',
  'domain',
  'category',
  'phase',
  'site',
  'criterion',
]

export type FootprintReport = {
  campaign: number
  referential: string
  organisation: string | null
  units: Record<CriterionId, string>
  assets: number
  quantity: number
  annualKwh: number
  total: {
    climateKgCo2e: number
    waterLitres: number | null
    byCriterion: Partial<Record<CriterionId, number>>
  }
  by: BreakdownDimension[]
  breakdown: (Partial<Record<BreakdownDimension, string>> & {
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
}

export const NORMALISATIONS = ['person-equivalents'] as const
export type Normalisation = (typeof NORMALISATIONS)[number]

/** Parses `--normalise`, with a clear error for an unknown one. */
export function parseNormalisation(text: string | null): Normalisation | null {
  if (text === null) return null
  if ((NORMALISATIONS as readonly string[]).includes(text)) return text as Normalisation
  throw new AppError('invalid_argument', `Unknown --normalise "${text}". Use: ${NORMALISATIONS.join(', ')}.`)
}

/** Parses `--by a,b,c` into known dimensions, with a clear error for an unknown one. */
export function parseDimensions(text: string | null): BreakdownDimension[] {
  if (!text) return []
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(part)) {
        throw new AppError(
          'invalid_argument',
          `Unknown --by dimension "${part}". Use: ${BREAKDOWN_DIMENSIONS.join(', ')}.`,
        )
      }
      return part as BreakdownDimension
    })
}

/** The annual footprint of a campaign, broken down as asked, computed first if the inventory changed. */
export async function getFootprint(
  deps: Deps,
  input: {
    campaignYear: number | null
    by: BreakdownDimension[]
    organisation: string | null
    normalise?: Normalisation | null
  },
): Promise<FootprintReport> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const computed = await computeCampaignFootprint(deps, { campaign })
  // The organisation named (within the actor's perimeter), else the actor's perimeter, else the whole tree.
  const organisationPath = await resolveReadPerimeter(deps, input.organisation)
  const summary = await deps.store.footprint(
    campaign.id,
    input.by,
    organisationPath ? { organisationPath } : {},
  )
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
    total: {
      climateKgCo2e: climate,
      waterLitres: summary.totals['water-use'] ?? null,
      byCriterion: summary.totals,
    },
    by: input.by,
    breakdown: summary.breakdown.map((row) => ({
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
  }
}
