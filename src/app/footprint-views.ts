import {
  GHG_POSTS,
  ghgPostOf,
  type AccountingView,
  type GhgPost,
} from '../core/footprint/accounting-views.js'
import { isPlaceholderCategory, type UncertaintyGroup } from '../core/footprint/uncertainty.js'
import { PHASE_IDS, type CategoryId, type DomainId, type PhaseId } from '../core/inventory/categories.js'
import type { CriterionId } from '../core/referential/referential.js'
import type { BreakdownRow, Campaign, Deps } from './ports.js'

type Dimension = keyof BreakdownRow['keys'] | 'ghg-scope'

export type GhgRow = {
  keys: Partial<Record<Dimension, string>>
  quantity: number
  assets: number
  values: Partial<Record<CriterionId, number>>
}

const KEY_SEPARATOR = '\u0000'

/**
 * Folds rows broken down by domain and phase (and the other dimensions asked) into rows per GHG post
 * (core/footprint/accounting-views.ts `ghgPostOf`), keeping the other dimensions the caller asked for.
 */
export function regroupByGhgPost(
  rows: readonly BreakdownRow[],
  by: readonly Dimension[],
  view: AccountingView,
): { rows: GhgRow[]; posts: GhgPost[] } {
  const grouped = new Map<string, GhgRow>()
  const counted = new Set<string>()
  const used = new Set<string>()
  for (const row of rows) {
    const post = ghgPostOf(row.keys.domain as DomainId, row.keys.phase as PhaseId, view)
    used.add(post.id)
    const keys: GhgRow['keys'] = {}
    for (const dimension of by) keys[dimension] = dimension === 'ghg-scope' ? post.id : row.keys[dimension]
    const key = by.map((dimension) => keys[dimension] ?? '').join(KEY_SEPARATOR)
    let entry = grouped.get(key)
    if (entry === undefined) {
      entry = { keys, quantity: 0, assets: 0, values: {} }
      grouped.set(key, entry)
    }
    // A group's units appear once per phase: count them once per post.
    const groupKey = `${key}${KEY_SEPARATOR}${Object.entries(row.keys)
      .filter(([dimension]) => dimension !== 'phase')
      .map(([, value]) => value)
      .join(KEY_SEPARATOR)}`
    if (!counted.has(groupKey)) {
      counted.add(groupKey)
      entry.quantity += row.quantity
      entry.assets += row.assets
    }
    for (const [criterion, value] of Object.entries(row.values) as [CriterionId, number][])
      entry.values[criterion] = (entry.values[criterion] ?? 0) + value
  }
  const sorted = [...grouped.entries()]
    .sort(
      ([leftKey, left], [rightKey, right]) =>
        (right.values['climate-change'] ?? 0) - (left.values['climate-change'] ?? 0) ||
        (leftKey < rightKey ? -1 : leftKey > rightKey ? 1 : 0),
    )
    .map(([, row]) => row)
  return { rows: sorted, posts: GHG_POSTS.filter((post) => used.has(post.id)) }
}

/**
 * The (category, phase) groups of the stored annualised results, with the share of each category's units that
 * have no purchase date (their lifetime is a default) and whether the category's factor is a placeholder.
 */
export async function storedUncertaintyGroups(
  deps: Deps,
  campaign: Campaign,
  organisationPath: string[] | null,
): Promise<UncertaintyGroup[]> {
  const filter = organisationPath ? { organisationPath } : {}
  const [summary, ages, referential] = await Promise.all([
    deps.store.footprint(campaign.id, ['category', 'phase'], filter),
    deps.store.ageCounts(campaign.id, filter),
    deps.referential.load(),
  ])
  const units = new Map<string, { units: number; undated: number }>()
  for (const age of ages) {
    const entry = units.get(age.category) ?? { units: 0, undated: 0 }
    entry.units += age.quantity
    if (age.ageYears === null) entry.undated += age.quantity
    units.set(age.category, entry)
  }
  return summary.breakdown
    .filter((row) => (PHASE_IDS as readonly string[]).includes(row.keys.phase ?? ''))
    .map((row) => {
      const category = row.keys.category as CategoryId
      const count = units.get(category)
      return {
        category,
        phase: row.keys.phase as PhaseId,
        valueKgCo2e: row.values['climate-change'] ?? 0,
        defaultLifetimeShare: count === undefined || count.units === 0 ? 0 : count.undated / count.units,
        isPlaceholder: isPlaceholderCategory(referential, category),
      }
    })
}
