import { explainAssetFootprint } from '../core/footprint/compute-footprint.js'
import { createOverrideResolver } from '../core/footprint/electricity-override.js'
import { isCategoryId, PHASE_IDS, type CategoryId, type PhaseId } from '../core/inventory/categories.js'
import { resolveReadPerimeter } from './access.js'
import { loadCampaignReferential } from './campaign-referential.js'
import { resolveCampaign } from './campaigns.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import { emptyFootprintInput } from './compute-campaign-footprint.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'

const PATH_SEPARATOR = ' > '

/** The trace of one breakdown row (an organisation, optionally one category and one phase), climate change. */
export type BreakdownExplanation = {
  campaign: number
  referential: string
  organisation: string
  category: CategoryId | null
  phase: PhaseId | null
  /** What the results tables hold for this row, and the same figure recomputed asset by asset from the traces. */
  storedKgCo2e: number
  recomputedKgCo2e: number
  assets: number
  units: number
  phases: { phase: PhaseId; kgCo2e: number; formulas: string[] }[]
  referenceItems: { id: string; matchedBy: string; assets: number; units: number }[]
  /** Every factor used, with the assets and units it applied to; `version` is the referential's id@version. */
  factors: {
    id: string
    name: string
    value: number
    unit: string
    source: string
    version: string
    isPlaceholder: boolean
    note: string | null
    assets: number
    units: number
  }[]
  /** The other inputs of the formulas by name and origin (inventory, default, computed…), with asset counts. */
  inputs: { name: string; unit: string; origin: string; assets: number }[]
  defaultsAssumed: { text: string; assets: number }[]
}

/** Parses `--phase` for explain. */
export function parsePhase(text: string | null): PhaseId | null {
  if (text === null) return null
  if ((PHASE_IDS as readonly string[]).includes(text)) return text as PhaseId
  throw new AppError('invalid_argument', `Unknown --phase "${text}". Use: ${PHASE_IDS.join(', ')}.`)
}

/**
 * Explains a breakdown row: streams the organisation's assets (of one category when given) through the core's
 * explained calculation and folds the traces: inputs, factors with source and version, defaults and how many
 * assets each, formulas; checks the sum against the stored results.
 */
export async function explainBreakdown(
  deps: Deps,
  input: {
    campaignYear: number | null
    organisation: string
    category: string | null
    phase: PhaseId | null
  },
): Promise<BreakdownExplanation> {
  if (input.category !== null && !isCategoryId(input.category))
    throw new AppError('invalid_argument', `Unknown --category "${input.category}".`)
  const category = input.category as CategoryId | null
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const computed = await computeCampaignFootprint(deps, { campaign })
  const organisationPath = (await resolveReadPerimeter(deps, input.organisation))!
  const prefix = organisationPath.join(PATH_SEPARATOR)
  const { referential } = await loadCampaignReferential(deps, campaign)
  const version = `${referential.id}@${referential.version}`
  const context = { referential, referenceDay: campaign.referenceDay }
  const overrides = await deps.electricity.list()
  const overrideOf = overrides.length > 0 ? createOverrideResolver(overrides) : null

  const phaseValues = new Map<PhaseId, { kgCo2e: number; formulas: Set<string> }>()
  const items = new Map<string, BreakdownExplanation['referenceItems'][number]>()
  const factors = new Map<string, BreakdownExplanation['factors'][number]>()
  const inputs = new Map<string, BreakdownExplanation['inputs'][number]>()
  const defaults = new Map<string, number>()
  let assets = 0
  let units = 0
  let recomputed = 0
  const row = emptyFootprintInput()
  for await (const batch of deps.store.readComputeRows(campaign.id)) {
    for (let index = 0; index < batch.length; index++) {
      const organisation = batch.organisation(index)
      if (organisation !== prefix && !organisation.startsWith(prefix + PATH_SEPARATOR)) continue
      batch.fill(index, row)
      if (category !== null && row.category !== category) continue
      row.electricityOverride =
        overrideOf === null ? null : overrideOf(organisation, batch.site?.(index) ?? null)
      const { trace } = explainAssetFootprint(row, context)
      assets += 1
      units += row.quantity
      const itemKey = `${trace.referenceItemId}\u0000${trace.matchedBy}`
      const item = items.get(itemKey) ?? {
        id: trace.referenceItemId,
        matchedBy: trace.matchedBy,
        assets: 0,
        units: 0,
      }
      item.assets += 1
      item.units += row.quantity
      items.set(itemKey, item)
      for (const text of trace.defaultsAssumed) defaults.set(text, (defaults.get(text) ?? 0) + 1)
      const seenFactors = new Set<string>()
      const seenInputs = new Set<string>()
      for (const phase of trace.phases) {
        if (phase.criterion !== 'climate-change') continue
        if (input.phase !== null && phase.phase !== input.phase) continue
        recomputed += phase.value
        const entry = phaseValues.get(phase.phase) ?? { kgCo2e: 0, formulas: new Set<string>() }
        entry.kgCo2e += phase.value
        entry.formulas.add(phase.formula)
        phaseValues.set(phase.phase, entry)
        for (const used of phase.inputs) {
          if (used.factor !== undefined && !seenFactors.has(used.factor.id)) {
            seenFactors.add(used.factor.id)
            const factor = factors.get(used.factor.id) ?? {
              id: used.factor.id,
              name: used.name,
              value: used.factor.value,
              unit: used.factor.unit,
              source: used.factor.source,
              version,
              isPlaceholder: used.factor.isPlaceholder === true,
              note: used.factor.note ?? null,
              assets: 0,
              units: 0,
            }
            factor.assets += 1
            factor.units += row.quantity
            factors.set(used.factor.id, factor)
          }
          const inputKey = `${used.name}\u0000${used.origin}\u0000${used.unit}`
          if (!seenInputs.has(inputKey)) {
            seenInputs.add(inputKey)
            const counted = inputs.get(inputKey) ?? {
              name: used.name,
              unit: used.unit,
              origin: used.origin,
              assets: 0,
            }
            counted.assets += 1
            inputs.set(inputKey, counted)
          }
        }
      }
    }
  }
  const stored = await deps.store.footprint(
    campaign.id,
    [
      ...(category === null ? [] : (['category'] as const)),
      ...(input.phase === null ? [] : (['phase'] as const)),
    ],
    { organisationPath },
  )
  const storedRow = stored.breakdown.find(
    (candidate) =>
      (category === null || candidate.keys.category === category) &&
      (input.phase === null || candidate.keys.phase === input.phase),
  )
  const byUnitsDesc = <T extends { units: number; id: string }>(left: T, right: T): number =>
    right.units - left.units || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)
  return {
    campaign: campaign.year,
    referential: computed.referential,
    organisation: prefix,
    category,
    phase: input.phase,
    storedKgCo2e: storedRow?.values['climate-change'] ?? 0,
    recomputedKgCo2e: recomputed,
    assets,
    units,
    phases: PHASE_IDS.filter((phase) => phaseValues.has(phase)).map((phase) => ({
      phase,
      kgCo2e: phaseValues.get(phase)!.kgCo2e,
      formulas: [...phaseValues.get(phase)!.formulas].sort(),
    })),
    referenceItems: [...items.values()].sort(byUnitsDesc),
    factors: [...factors.values()].sort(byUnitsDesc),
    inputs: [...inputs.values()].sort(
      (left, right) => right.assets - left.assets || left.name.localeCompare(right.name),
    ),
    defaultsAssumed: [...defaults.entries()]
      .map(([text, count]) => ({ text, assets: count }))
      .sort((left, right) => right.assets - left.assets || left.text.localeCompare(right.text)),
  }
}
