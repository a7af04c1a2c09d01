import { CHANGE_FORMULA, decomposeChange, type ChangeRow } from '../core/footprint/decompose-change.js'
import { aggregateCampaign } from './aggregate-campaign.js'
import { resolveReadPerimeter } from './access.js'
import { loadCampaignReferential } from './campaign-referential.js'
import { resolveCampaign } from './campaigns.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import { AppError } from './errors.js'
import type { BreakdownDimension, Deps, FootprintSummary } from './ports.js'

/** Dimensions a diff can be broken down by (criterion is not one: the diff is in kgCO2e). */
export const DIFF_DIMENSIONS = ['organisation', 'domain', 'category', 'phase', 'site'] as const
export type DiffDimension = (typeof DIFF_DIMENSIONS)[number]

export type CampaignDiff = {
  /** A: the campaign compared from. */
  campaign: number
  /** B: the campaign compared to. */
  against: number
  organisation: string | null
  by: DiffDimension[]
  unit: 'kgCO2e/yr'
  formula: string
  /** What counts as "factors": the referential (id@version, with mapping rules and overrides) and the grid year. */
  factors: {
    campaign: { referential: string; electricityYear: number }
    against: { referential: string; electricityYear: number }
  }
  total: ChangeRow & { quantityBefore: number; quantityAfter: number }
  rows: (ChangeRow &
    Partial<Record<DiffDimension, string>> & { quantityBefore: number; quantityAfter: number })[]
  notes: string[]
}

/** Parses `--by a,b` for diff, with a clear error for an unknown dimension. */
export function parseDiffDimensions(text: string | null): DiffDimension[] {
  if (text === null || text.trim() === '') return []
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      if (!(DIFF_DIMENSIONS as readonly string[]).includes(part))
        throw new AppError(
          'invalid_argument',
          `Unknown diff --by dimension "${part}". Use: ${DIFF_DIMENSIONS.join(', ')}.`,
        )
      return part as DiffDimension
    })
}

const KEY_SEPARATOR = '\u0000'

function climateByKey(summary: FootprintSummary, by: readonly DiffDimension[]): Map<string, number> {
  const values = new Map<string, number>()
  for (const row of summary.breakdown) {
    const key = by.map((dimension) => row.keys[dimension] ?? '').join(KEY_SEPARATOR)
    values.set(key, (values.get(key) ?? 0) + (row.values['climate-change'] ?? 0))
  }
  return values
}

function quantityByKey(summary: FootprintSummary, by: readonly DiffDimension[]): Map<string, number> {
  const values = new Map<string, number>()
  for (const row of summary.breakdown) {
    const key = by.map((dimension) => row.keys[dimension] ?? '').join(KEY_SEPARATOR)
    values.set(key, (values.get(key) ?? 0) + row.quantity)
  }
  return values
}

/**
 * The climate-change footprint change from campaign A to campaign B, split into the inventory effect
 * (B's inventory with A's factors − A) and the factor effect (B − B's inventory with A's factors).
 * @example await diffCampaigns(deps, { campaignYear: 2023, againstYear: 2024, by: ['category'], organisation: null })
 */
export async function diffCampaigns(
  deps: Deps,
  input: {
    campaignYear: number | null
    againstYear: number
    by: DiffDimension[]
    organisation: string | null
  },
): Promise<CampaignDiff> {
  const before = await resolveCampaign(deps.store, input.campaignYear)
  const after = await resolveCampaign(deps.store, input.againstYear)
  const computedBefore = await computeCampaignFootprint(deps, { campaign: before })
  const computedAfter = await computeCampaignFootprint(deps, { campaign: after })
  const organisationPath = await resolveReadPerimeter(deps, input.organisation)
  const filter = organisationPath ? { organisationPath } : {}
  const by: BreakdownDimension[] = [...input.by]
  const storedBefore = await deps.store.footprint(before.id, by, filter)
  const storedAfter = await deps.store.footprint(after.id, by, filter)
  // X: B's assets (and B's reference date, so B's ages) through the referential with A's grid year.
  const { referential } = await loadCampaignReferential(deps, after, { electricityYear: before.year })
  const mixed = await aggregateCampaign(deps, after, {
    referential,
    view: 'annualised',
    by,
    organisationPath,
  })
  const decomposed = decomposeChange(
    climateByKey(storedBefore, input.by),
    climateByKey(mixed.summary, input.by),
    climateByKey(storedAfter, input.by),
  )
  const quantityBefore = quantityByKey(storedBefore, input.by)
  const quantityAfter = quantityByKey(storedAfter, input.by)
  const notes: string[] = []
  if (computedBefore.referential !== computedAfter.referential)
    notes.push(
      `Campaign ${before.year} was computed with ${computedBefore.referential} and ${after.year} with ` +
        `${computedAfter.referential}: "B's inventory with A's factors" uses the referential loaded now with ` +
        `${before.year}'s grid factors, so the referential change shows in the inventory effect.`,
    )
  notes.push(
    'Factors = the referential (items, mapping rules, electricity overrides) and the grid factors of the ' +
      "campaign's year; inventory = the assets, their quantities, dates and the campaign's reference date (ages).",
  )
  return {
    campaign: before.year,
    against: after.year,
    organisation: organisationPath ? organisationPath.join(' > ') : null,
    by: input.by,
    unit: 'kgCO2e/yr',
    formula: CHANGE_FORMULA,
    factors: {
      campaign: { referential: computedBefore.referential, electricityYear: before.year },
      against: { referential: computedAfter.referential, electricityYear: after.year },
    },
    total: {
      ...decomposed.total,
      quantityBefore: storedBefore.quantity,
      quantityAfter: storedAfter.quantity,
    },
    rows: decomposed.rows.map((row) => {
      const values = input.by.length === 0 ? [] : row.key.split(KEY_SEPARATOR)
      const keys: Partial<Record<DiffDimension, string>> = {}
      input.by.forEach((dimension, index) => (keys[dimension] = values[index] ?? ''))
      return {
        ...keys,
        ...row,
        key: values.join(' / '),
        quantityBefore: quantityBefore.get(row.key) ?? 0,
        quantityAfter: quantityAfter.get(row.key) ?? 0,
      }
    }),
    notes,
  }
}
