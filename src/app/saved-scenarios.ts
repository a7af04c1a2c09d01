import type { CategoryId } from '../core/inventory/categories.js'
import type { CriterionTotals } from '../core/scenarios/create-scenario-evaluator.js'
import { formatLever } from '../core/scenarios/lever.js'
import { parseLevers } from '../core/scenarios/parse-levers.js'
import { formatPerimeter } from '../core/scenarios/perimeter.js'
import { rankScenarios, scenarioNameProblem, type SavedScenario } from '../core/scenarios/saved-scenario.js'
import type { CriterionId } from '../core/referential/referential.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'
import { recordAudit } from './access.js'
import { resolveCampaign } from './campaigns.js'
import {
  isPerimeterVisible,
  resolvePerimeterOrganisation,
  runScenario,
  type ScenarioReport,
} from './run-scenario.js'

export type ScenarioSummary = SavedScenario & { perimeterText: string }

const summary = (scenario: SavedScenario): ScenarioSummary => ({
  ...scenario,
  perimeterText: formatPerimeter(scenario.perimeter),
})

/**
 * Saves (or replaces) a named scenario: its levers in canonical form and its perimeter, organisation resolved
 * to its full path.
 * @example await saveScenario(deps, { name: 'lifetime-2y', levers: ['lifetime-extension:years=2'], organisation: null, categories: [], sites: [], description: null })
 */
export async function saveScenario(
  deps: Deps,
  input: {
    name: string
    description: string | null
    levers: string[]
    organisation: string | null
    categories: CategoryId[]
    sites: string[]
  },
): Promise<{ scenario: ScenarioSummary; isReplaced: boolean }> {
  const problem = scenarioNameProblem(input.name)
  if (problem) throw new AppError('invalid_argument', problem)
  if (input.levers.length === 0) {
    throw new AppError(
      'invalid_argument',
      'A scenario needs at least one --lever (see empreinte simulate --help).',
    )
  }
  const parsed = parseLevers(input.levers)
  if (parsed.errors.length > 0) throw new AppError('invalid_argument', parsed.errors.join('\n'))
  const organisation = await resolvePerimeterOrganisation(deps, input.organisation, 'write')
  const existing = await deps.plans.findScenario(input.name.trim())
  if (existing !== null && !isPerimeterVisible(deps, existing.perimeter)) {
    throw new AppError(
      'conflict',
      `A scenario named "${existing.name}" exists outside your perimeter: choose another name.`,
    )
  }
  const saved = await deps.plans.saveScenario({
    name: input.name.trim(),
    description: input.description,
    levers: parsed.levers.map(formatLever),
    perimeter: { organisation, categories: input.categories, sites: input.sites },
  })
  await recordAudit(deps, {
    action: saved.isReplaced ? 'scenario.replace' : 'scenario.save',
    target: saved.scenario.name,
    organisation,
    details: { levers: saved.scenario.levers, perimeter: formatPerimeter(saved.scenario.perimeter) },
  })
  return { scenario: summary(saved.scenario), isReplaced: saved.isReplaced }
}

/** The saved scenarios whose perimeter lies within the actor's scope, by name. */
async function visibleScenarios(deps: Deps): Promise<SavedScenario[]> {
  return (await deps.plans.listScenarios()).filter((scenario) => isPerimeterVisible(deps, scenario.perimeter))
}

/** Every saved scenario (within the actor's scope), by name. */
export async function listScenarios(deps: Deps): Promise<{ scenarios: ScenarioSummary[] }> {
  return { scenarios: (await visibleScenarios(deps)).map(summary) }
}

/** A saved scenario by name; one outside the actor's scope is "not found", as if it did not exist. */
async function findScenario(deps: Deps, name: string): Promise<SavedScenario> {
  const scenario = await deps.plans.findScenario(name)
  if (scenario && isPerimeterVisible(deps, scenario.perimeter)) return scenario
  const known = (await visibleScenarios(deps)).map((candidate) => candidate.name)
  throw new AppError(
    'not_found',
    `No saved scenario named "${name}".` +
      (known.length > 0
        ? ` Saved: ${known.join(', ')}.`
        : ' Save one with empreinte scenario save NAME --lever …'),
  )
}

/** Runs one saved scenario on a campaign (the latest by default). */
export async function showScenario(
  deps: Deps,
  input: { name: string; campaignYear: number | null; groupDepth: number },
): Promise<{ scenario: ScenarioSummary; report: ScenarioReport }> {
  const scenario = await findScenario(deps, input.name)
  return { scenario: summary(scenario), report: await evaluate(deps, scenario, input) }
}

function evaluate(
  deps: Deps,
  scenario: SavedScenario,
  input: { campaignYear: number | null; groupDepth: number },
): Promise<ScenarioReport> {
  return runScenario(deps, {
    campaignYear: input.campaignYear,
    levers: scenario.levers,
    organisation: scenario.perimeter.organisation,
    categories: scenario.perimeter.categories,
    sites: scenario.perimeter.sites,
    groupDepth: input.groupDepth,
  })
}

/** One scenario of a comparison, ranked by tCO2e then € saved per year. */
export type ScenarioComparisonRow = {
  rank: number
  /** Rank by euros saved per year alone (1 = most). */
  eurosRank: number
  name: string
  description: string | null
  levers: string[]
  perimeter: string
  assets: number
  baselineClimateKgCo2e: number
  scenarioClimateKgCo2e: number
  climateKgCo2e: number
  climateShare: number
  kwh: number
  euros: number
  purchaseEuros: number
  electricityEuros: number
  /** Saved per criterion and phase (unit of the criterion per year). */
  byCriterion: Partial<Record<CriterionId, CriterionTotals>>
}

/** `referential` is null when there was no scenario to evaluate. */
export type ScenarioComparison = {
  campaign: number
  referential: string | null
  scenarios: ScenarioComparisonRow[]
}

/**
 * Evaluates saved scenarios on the same campaign and ranks them side by side: tCO2e saved per year first,
 * then € saved per year; no names = every saved scenario within the actor's scope (none: an empty list).
 */
export async function compareScenarios(
  deps: Deps,
  input: { names: string[]; campaignYear: number | null },
): Promise<ScenarioComparison> {
  const scenarios =
    input.names.length === 0
      ? await visibleScenarios(deps)
      : await Promise.all(input.names.map((name) => findScenario(deps, name)))
  if (scenarios.length === 0) {
    const campaign = await resolveCampaign(deps.store, input.campaignYear)
    return { campaign: campaign.year, referential: null, scenarios: [] }
  }
  const rows: Omit<ScenarioComparisonRow, 'rank' | 'eurosRank'>[] = []
  let campaign = 0
  let referential: string | null = null
  for (const scenario of scenarios) {
    const report = await evaluate(deps, scenario, { campaignYear: input.campaignYear, groupDepth: 1 })
    campaign = report.campaign
    referential = report.referential
    rows.push({
      name: scenario.name,
      description: scenario.description,
      levers: scenario.levers,
      perimeter: formatPerimeter(scenario.perimeter),
      assets: report.assets,
      baselineClimateKgCo2e: report.baseline.climateKgCo2e,
      scenarioClimateKgCo2e: report.scenario.climateKgCo2e,
      climateKgCo2e: report.savings.climateKgCo2e,
      climateShare: report.savings.climateShare,
      kwh: report.savings.kwh,
      euros: report.savings.euros,
      purchaseEuros: report.savings.purchaseEuros,
      electricityEuros: report.savings.electricityEuros,
      byCriterion: report.savings.byCriterion,
    })
  }
  const eurosOrder = [...rows].sort((left, right) => right.euros - left.euros).map((row) => row.name)
  return {
    campaign,
    referential,
    scenarios: rankScenarios(rows).map((row) => ({ ...row, eurosRank: eurosOrder.indexOf(row.name) + 1 })),
  }
}

/** Removes a saved scenario; a clear error when there is none of that name. */
export async function removeScenario(deps: Deps, input: { name: string }): Promise<{ removed: string }> {
  const scenario = await findScenario(deps, input.name)
  await deps.plans.removeScenario(scenario.name)
  await recordAudit(deps, {
    action: 'scenario.remove',
    target: scenario.name,
    organisation: scenario.perimeter.organisation,
    details: { levers: scenario.levers, perimeter: formatPerimeter(scenario.perimeter) },
  })
  return { removed: scenario.name }
}
