import type { CategoryId } from '../core/inventory/categories.js'
import { createScenarioEvaluator, type ScenarioResult } from '../core/scenarios/create-scenario-evaluator.js'
import { DEFAULT_ECONOMIC_ASSUMPTIONS } from '../core/scenarios/economic-assumptions.js'
import type { Lever } from '../core/scenarios/lever.js'
import { createPerimeterTest, type Perimeter } from '../core/scenarios/perimeter.js'
import { createTariffResolver } from '../core/scenarios/resolve-tariff.js'
import { loadCampaignReferential } from './campaign-referential.js'
import { emptyFootprintInput, reconcileIfNeeded } from './compute-campaign-footprint.js'
import { computeRows } from './compute-row-cache.js'
import { AppError } from './errors.js'
import type { Campaign, ComputeBatch, Deps } from './ports.js'

/** What one pass of the scenario engine over a perimeter of a campaign gives. */
export type PerimeterEvaluation = { result: ScenarioResult; referential: string; assets: number }

/**
 * Streams the campaign's assets once, keeps those in `perimeter` (organisation already resolved to a path),
 * and evaluates the levers on them with the core evaluator; `groupOf` names each line's group in the result.
 */
export async function evaluatePerimeter(
  deps: Deps,
  input: {
    campaign: Campaign
    levers: Lever[]
    perimeter: Perimeter
    groupOf: (organisation: string, category: CategoryId) => string
    label?: string
  },
): Promise<PerimeterEvaluation> {
  const { campaign } = input
  await reconcileIfNeeded(deps, campaign)
  const { referential } = await loadCampaignReferential(deps, campaign)
  for (const lever of input.levers) {
    if (lever.id === 'cloud-region' && !referential.electricity.has(lever.country)) {
      throw new AppError(
        'invalid_argument',
        `lever "cloud-region": the referential has no electricity mix for country "${lever.country}" ` +
          `(known: ${[...referential.electricity.keys()].slice(0, 12).join(', ')}, …).`,
      )
    }
  }
  const evaluator = createScenarioEvaluator(
    { footprint: { referential, referenceDay: campaign.referenceDay }, prices: DEFAULT_ECONOMIC_ASSUMPTIONS },
    input.levers,
  )
  const test = createPerimeterTest(input.perimeter)
  const tariffs = await deps.plans.listTariffs()
  const tariff = createTariffResolver(tariffs, DEFAULT_ECONOMIC_ASSUMPTIONS.electricityEurosPerKwh)
  const siteOf = (batch: ComputeBatch, index: number): string | null => {
    if (batch.site) return batch.site(index)
    if (input.perimeter.sites.length === 0) return null
    throw new AppError('invalid_argument', `The ${deps.store.engine} store cannot filter by site yet.`)
  }
  const row = emptyFootprintInput()
  // Repeated scenarios on an unchanged campaign read its rows from memory (compute-row-cache.ts).
  const revision = deps.store.assetsRevision ? await deps.store.assetsRevision(campaign.id) : null
  const cacheKey =
    revision === null ? null : `${campaign.id}/${revision}/${referential.id}@${referential.version}`
  deps.progress.start(input.label ?? 'simulate', 0)
  let assets = 0
  let inPerimeter = 0
  try {
    for await (const batch of computeRows(deps.store, campaign.id, cacheKey, emptyFootprintInput())) {
      for (let index = 0; index < batch.length; index++) {
        const path = batch.organisation(index)
        if (!test.hasOrganisation(path)) continue
        batch.fill(index, row)
        if (!test.isWhole && !test.has(path, row.category, siteOf(batch, index))) continue
        evaluator.add(
          row,
          input.groupOf(path, row.category),
          row.poweredHoursPerYear ?? null,
          tariff.hasTariffs ? tariff.tariffOf(path) : undefined,
        )
        inPerimeter += 1
      }
      assets += batch.length
      deps.progress.advance(assets)
    }
  } finally {
    deps.progress.stop()
  }
  const result = evaluator.result()
  if (tariff.hasTariffs) {
    result.assumptions.push(
      'Electricity tariffs set per organisation (empreinte tariff list), for their subtree: ' +
        tariffs
          .map(
            (entry) =>
              `${entry.organisation} ${entry.eurosPerKwh} €/kWh${entry.source ? ` (${entry.source})` : ''}`,
          )
          .join('; ') +
        `; ${DEFAULT_ECONOMIC_ASSUMPTIONS.electricityEurosPerKwh} €/kWh elsewhere.`,
    )
  }
  return {
    result,
    referential: `${referential.id}@${referential.version}`,
    assets: inPerimeter,
  }
}
