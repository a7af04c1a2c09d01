import { createScenarioEvaluator, type ScenarioResult } from '../core/scenarios/create-scenario-evaluator.js'
import { DEFAULT_ECONOMIC_ASSUMPTIONS } from '../core/scenarios/economic-assumptions.js'
import { parseLevers } from '../core/scenarios/parse-levers.js'
import { resolveCampaign, resolveOrganisation } from './campaigns.js'
import { emptyFootprintInput, reconcileIfNeeded } from './compute-campaign-footprint.js'
import { loadCampaignReferential } from './campaign-referential.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'

const PATH_SEPARATOR = ' > '

export type ScenarioReport = ScenarioResult & {
  campaign: number
  referential: string
  organisation: string | null
  levers: string[]
  groupDepth: number
}

/**
 * Simulates levers on a campaign's inventory (or an organisation's subtree): every asset goes through the
 * baseline and the scenario with the same core calculator; results per lever and per organisation, in
 * kgCO2e, kWh and euros, with the assumptions.
 * @example await runScenario(deps, { campaignYear: 2025, levers: ['lifetime-extension:years=2,categories=laptop+desktop+monitor'], organisation: null, groupDepth: 2 })
 */
export async function runScenario(
  deps: Deps,
  input: { campaignYear: number | null; levers: string[]; organisation: string | null; groupDepth: number },
): Promise<ScenarioReport> {
  if (input.levers.length === 0) {
    throw new AppError(
      'invalid_argument',
      'Name at least one lever: --lever lifetime-extension:years=2 (see empreinte simulate --help).',
    )
  }
  const parsed = parseLevers(input.levers)
  if (parsed.errors.length > 0) throw new AppError('invalid_argument', parsed.errors.join('\n'))
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const organisationPath = input.organisation
    ? await resolveOrganisation(deps.store, input.organisation)
    : null
  const prefix = organisationPath?.join(PATH_SEPARATOR) ?? null
  await reconcileIfNeeded(deps, campaign)
  const { referential } = await loadCampaignReferential(deps, campaign)
  const evaluator = createScenarioEvaluator(
    { footprint: { referential, referenceDay: campaign.referenceDay }, prices: DEFAULT_ECONOMIC_ASSUMPTIONS },
    parsed.levers,
  )
  const row = emptyFootprintInput()
  const groups = new Map<string, string>()
  const groupOf = (path: string): string => {
    let group = groups.get(path)
    if (group === undefined) {
      group = path.split(PATH_SEPARATOR).slice(0, input.groupDepth).join(PATH_SEPARATOR)
      groups.set(path, group)
    }
    return group
  }
  deps.progress.start('simulate', 0)
  let assets = 0
  try {
    for await (const batch of deps.store.readComputeRows(campaign.id)) {
      for (let index = 0; index < batch.length; index++) {
        const path = batch.organisation(index)
        if (prefix !== null && path !== prefix && !path.startsWith(prefix + PATH_SEPARATOR)) continue
        batch.fill(index, row)
        evaluator.add(row, groupOf(path), row.poweredHoursPerYear ?? null)
      }
      assets += batch.length
      deps.progress.advance(assets)
    }
  } finally {
    deps.progress.stop()
  }
  return {
    ...evaluator.result(),
    campaign: campaign.year,
    referential: `${referential.id}@${referential.version}`,
    organisation: prefix,
    levers: input.levers,
    groupDepth: input.groupDepth,
  }
}
