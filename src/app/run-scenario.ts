import type { CategoryId } from '../core/inventory/categories.js'
import type { ScenarioResult } from '../core/scenarios/create-scenario-evaluator.js'
import { parseLevers } from '../core/scenarios/parse-levers.js'
import { formatPerimeter, type Perimeter } from '../core/scenarios/perimeter.js'
import { actorScope, isJoinedPathVisible, resolveReadPerimeter, resolveWritePerimeter } from './access.js'
import { resolveCampaign } from './campaigns.js'
import { AppError } from './errors.js'
import { evaluatePerimeter } from './evaluate-perimeter.js'
import type { Deps } from './ports.js'

const PATH_SEPARATOR = ' > '

export type ScenarioReport = ScenarioResult & {
  campaign: number
  referential: string
  organisation: string | null
  /** The perimeter the levers applied to (organisation subtree, categories, sites). */
  perimeter: Perimeter & { text: string }
  /** Inventory lines in the perimeter. */
  assets: number
  levers: string[]
  groupDepth: number
}

/** The levers and perimeter of a scenario run, as the CLI, the API and saved scenarios give them. */
export type ScenarioRequest = {
  campaignYear: number | null
  levers: string[]
  organisation: string | null
  categories?: CategoryId[]
  sites?: string[]
  groupDepth: number
}

/**
 * Resolves an organisation name to its path text within the actor's scope (docs/access-control.md): none named
 * = the scope root (null, the whole tree, for an actor without scope); one outside the scope is "not found" for
 * a read and refused (403) for a write.
 */
export async function resolvePerimeterOrganisation(
  deps: Deps,
  organisation: string | null,
  access: 'read' | 'write' = 'read',
): Promise<string | null> {
  const text = organisation && organisation.trim() !== '' ? organisation : null
  const path =
    access === 'write' ? await resolveWritePerimeter(deps, text) : await resolveReadPerimeter(deps, text)
  return path === null ? null : path.join(PATH_SEPARATOR)
}

/** True when a saved perimeter lies within the actor's scope (a whole-tree perimeter only for a whole-tree actor). */
export function isPerimeterVisible(deps: Deps, perimeter: Perimeter): boolean {
  return perimeter.organisation === null
    ? actorScope(deps) === null
    : isJoinedPathVisible(deps, perimeter.organisation)
}

/**
 * Simulates levers on a campaign's inventory within a perimeter (organisation subtree, categories, sites):
 * every asset goes through the baseline and the scenario with the same core calculator; results per lever and
 * per organisation, in kgCO2e (and every other criterion per phase), kWh and euros, with the assumptions.
 * @example await runScenario(deps, { campaignYear: 2025, levers: ['lifetime-extension:years=2,categories=laptop+desktop+monitor'], organisation: null, groupDepth: 2 })
 */
export async function runScenario(deps: Deps, input: ScenarioRequest): Promise<ScenarioReport> {
  if (input.levers.length === 0) {
    throw new AppError(
      'invalid_argument',
      'Name at least one lever: --lever lifetime-extension:years=2 (see empreinte simulate --help).',
    )
  }
  const parsed = parseLevers(input.levers)
  if (parsed.errors.length > 0) throw new AppError('invalid_argument', parsed.errors.join('\n'))
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const perimeter: Perimeter = {
    organisation: await resolvePerimeterOrganisation(deps, input.organisation),
    categories: input.categories ?? [],
    sites: input.sites ?? [],
  }
  const groups = new Map<string, string>()
  const groupOf = (path: string): string => {
    let group = groups.get(path)
    if (group === undefined) {
      group = path.split(PATH_SEPARATOR).slice(0, input.groupDepth).join(PATH_SEPARATOR)
      groups.set(path, group)
    }
    return group
  }
  const evaluation = await evaluatePerimeter(deps, { campaign, levers: parsed.levers, perimeter, groupOf })
  return {
    ...evaluation.result,
    campaign: campaign.year,
    referential: evaluation.referential,
    organisation: perimeter.organisation,
    perimeter: { ...perimeter, text: formatPerimeter(perimeter) },
    assets: evaluation.assets,
    levers: input.levers,
    groupDepth: input.groupDepth,
  }
}
