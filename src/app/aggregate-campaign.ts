import { createFootprintCalculator, type PhaseValues } from '../core/footprint/compute-footprint.js'
import { createOverrideResolver } from '../core/footprint/electricity-override.js'
import { toPurchaseYear, type AccountingView } from '../core/footprint/accounting-views.js'
import { isPlaceholderCategory, type UncertaintyGroup } from '../core/footprint/uncertainty.js'
import {
  CATEGORY_IDS,
  domainOf,
  PHASE_IDS,
  type CategoryId,
  type PhaseId,
} from '../core/inventory/categories.js'
import type { CriterionId, Referential } from '../core/referential/referential.js'
import { emptyFootprintInput } from './compute-campaign-footprint.js'
import type { BreakdownDimension, BreakdownRow, Campaign, Deps, FootprintSummary } from './ports.js'

const KEY_SEPARATOR = '\u0000'
const PATH_SEPARATOR = ' > '

type Group = {
  keys: Partial<Record<BreakdownDimension, string>>
  quantity: number
  assets: number
  impacts: Partial<Record<CriterionId, PhaseValues>>
}

export type CampaignAggregate = {
  summary: FootprintSummary
  /** Climate change per (category, phase), for the interval (core/footprint/uncertainty.ts). */
  uncertaintyGroups: UncertaintyGroup[]
  /** Purchase-year view: units bought in the campaign year, and units with no purchase date (counted as older). */
  unitsBoughtInYear: number
  unitsWithoutPurchaseDate: number
}

/**
 * Streams a campaign's assets through the core calculator with the referential given (which may hold another
 * year's grid factors) and folds them into a breakdown, in the accounting view asked. Unlike `store.footprint`,
 * nothing is read from or written to the results tables: this is how `diff` gets "B's inventory with A's
 * factors" and how the purchase-year view is computed.
 */
export async function aggregateCampaign(
  deps: Deps,
  campaign: Campaign,
  options: {
    referential: Referential
    view: AccountingView
    by: readonly BreakdownDimension[]
    organisationPath: string[] | null
  },
): Promise<CampaignAggregate> {
  const calculate = createFootprintCalculator({
    referential: options.referential,
    referenceDay: campaign.referenceDay,
  })
  const overrides = await deps.electricity.list()
  const overrideOf = overrides.length > 0 ? createOverrideResolver(overrides) : null
  const prefix = options.organisationPath?.join(PATH_SEPARATOR) ?? null
  const groupDimensions = options.by.filter((dimension) => dimension !== 'phase' && dimension !== 'criterion')
  const groups = new Map<string, Group>()
  const climateByCategory = new Map<CategoryId, PhaseValues>()
  const unitsByCategory = new Map<CategoryId, { units: number; undated: number }>()
  let unitsBoughtInYear = 0
  let unitsWithoutPurchaseDate = 0
  let annualKwh = 0
  const row = emptyFootprintInput()
  for await (const batch of deps.store.readComputeRows(campaign.id)) {
    for (let index = 0; index < batch.length; index++) {
      const organisation = batch.organisation(index)
      if (prefix !== null && organisation !== prefix && !organisation.startsWith(prefix + PATH_SEPARATOR))
        continue
      batch.fill(index, row)
      const site = batch.site?.(index) ?? null
      row.electricityOverride = overrideOf === null ? null : overrideOf(organisation, site)
      const footprint = calculate(row)
      let impacts = footprint.impacts
      if (options.view === 'purchase-year') {
        const converted = toPurchaseYear(footprint, row.purchaseDay, campaign.year)
        impacts = converted.impacts
        if (converted.isBoughtInYear) unitsBoughtInYear += row.quantity
      }
      if (row.purchaseDay === null) unitsWithoutPurchaseDate += row.quantity
      annualKwh += footprint.annualKwh
      const keys: Partial<Record<BreakdownDimension, string>> = {}
      for (const dimension of groupDimensions) {
        keys[dimension] =
          dimension === 'organisation'
            ? organisation
            : dimension === 'site'
              ? (site ?? '(no site)')
              : dimension === 'category'
                ? row.category
                : domainOf(row.category, row.datacenterPue !== undefined)
      }
      const key = groupDimensions.map((dimension) => keys[dimension]).join(KEY_SEPARATOR)
      let group = groups.get(key)
      if (group === undefined) {
        group = { keys, quantity: 0, assets: 0, impacts: {} }
        groups.set(key, group)
      }
      group.quantity += row.quantity
      group.assets += 1
      for (const [criterion, values] of Object.entries(impacts) as [CriterionId, PhaseValues][]) {
        const sums = (group.impacts[criterion] ??= zeroPhases())
        for (const phase of PHASE_IDS) sums[phase] += values[phase]
      }
      const climate = impacts['climate-change']
      if (climate !== undefined) {
        const sums = climateByCategory.get(row.category) ?? zeroPhases()
        for (const phase of PHASE_IDS) sums[phase] += climate[phase]
        climateByCategory.set(row.category, sums)
      }
      const units = unitsByCategory.get(row.category) ?? { units: 0, undated: 0 }
      units.units += row.quantity
      if (row.purchaseDay === null) units.undated += row.quantity
      unitsByCategory.set(row.category, units)
    }
  }
  const summary = foldGroups(groups, options.by)
  summary.annualKwh = annualKwh
  const uncertaintyGroups: UncertaintyGroup[] = []
  for (const category of CATEGORY_IDS) {
    const climate = climateByCategory.get(category)
    if (climate === undefined) continue
    const units = unitsByCategory.get(category)!
    for (const phase of PHASE_IDS)
      uncertaintyGroups.push({
        category,
        phase,
        valueKgCo2e: climate[phase],
        defaultLifetimeShare: units.units === 0 ? 0 : units.undated / units.units,
        isPlaceholder: isPlaceholderCategory(options.referential, category),
      })
  }
  return { summary, uncertaintyGroups, unitsBoughtInYear, unitsWithoutPurchaseDate }
}

function zeroPhases(): PhaseValues {
  return { manufacturing: 0, distribution: 0, use: 0, 'end-of-life': 0 }
}

/** Rows as `store.footprint` returns them: group dimensions, then one row per phase and/or criterion asked. */
function foldGroups(groups: ReadonlyMap<string, Group>, by: readonly BreakdownDimension[]): FootprintSummary {
  const totals: Partial<Record<CriterionId, number>> = {}
  const rows = new Map<string, BreakdownRow>()
  let quantity = 0
  let assets = 0
  for (const group of groups.values()) {
    quantity += group.quantity
    assets += group.assets
    for (const [criterion, values] of Object.entries(group.impacts) as [CriterionId, PhaseValues][]) {
      for (const phase of PHASE_IDS) {
        const value = values[phase]
        totals[criterion] = (totals[criterion] ?? 0) + value
        const keys: BreakdownRow['keys'] = { ...group.keys }
        if (by.includes('phase')) keys.phase = phase satisfies PhaseId
        if (by.includes('criterion')) keys.criterion = criterion
        const key = by.map((dimension) => keys[dimension]).join(KEY_SEPARATOR)
        let entry = rows.get(key)
        if (entry === undefined) {
          entry = { keys, quantity: group.quantity, assets: group.assets, values: {} }
          rows.set(key, entry)
        }
        entry.values[criterion] = (entry.values[criterion] ?? 0) + value
      }
    }
  }
  const breakdown = [...rows.entries()]
    .sort(
      ([leftKey, left], [rightKey, right]) =>
        (right.values['climate-change'] ?? 0) - (left.values['climate-change'] ?? 0) ||
        (leftKey < rightKey ? -1 : leftKey > rightKey ? 1 : 0),
    )
    .map(([, row]) => row)
  return { totals, assets, quantity, annualKwh: 0, breakdown }
}
