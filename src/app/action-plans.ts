import type { CategoryId } from '../core/inventory/categories.js'
import {
  ACTION_STATUSES,
  formatIsoDay,
  parseIsoDay,
  type ActionStatus,
  type NewAction,
  type PlanAction,
} from '../core/plans/action.js'
import {
  leverChannel,
  measureActionProgress,
  type CategoryFigures,
  type MeasuredProgress,
} from '../core/plans/measure-action-progress.js'
import type { ScenarioSavings } from '../core/scenarios/create-scenario-evaluator.js'
import { formatLever, type Lever } from '../core/scenarios/lever.js'
import { parseLevers } from '../core/scenarios/parse-levers.js'
import { formatPerimeter, type Perimeter } from '../core/scenarios/perimeter.js'
import { resolveCampaign } from './campaigns.js'
import { AppError } from './errors.js'
import { evaluatePerimeter } from './evaluate-perimeter.js'
import type { Campaign, Deps } from './ports.js'
import { recordAudit } from './access.js'
import { isPerimeterVisible, resolvePerimeterOrganisation } from './run-scenario.js'

export type ActionSummary = PlanAction & { start: string; perimeterText: string }

const summary = (action: PlanAction): ActionSummary => ({
  ...action,
  start: formatIsoDay(action.startDay),
  perimeterText: formatPerimeter(action.perimeter),
})

function parseOneLever(text: string): Lever {
  const parsed = parseLevers([text])
  if (parsed.errors.length > 0) throw new AppError('invalid_argument', parsed.errors.join('\n'))
  return parsed.levers[0]!
}

function parseStart(text: string): number {
  const day = parseIsoDay(text)
  if (day === null)
    throw new AppError('invalid_argument', `--start "${text}" is not a date: write YYYY-MM-DD.`)
  return day
}

function parseStatus(text: string): ActionStatus {
  if ((ACTION_STATUSES as readonly string[]).includes(text)) return text as ActionStatus
  throw new AppError('invalid_argument', `--status "${text}" is unknown: use ${ACTION_STATUSES.join(', ')}.`)
}

/**
 * Records an action: one lever, a perimeter, an owner, a start date and a status.
 * @example await addAction(deps, { lever: 'power-off:policy=nights-weekends', organisation: 'CPAM Rhône', categories: [], sites: [], owner: 'DSI', start: '2026-01-01', status: 'planned', note: null })
 */
export async function addAction(
  deps: Deps,
  input: {
    lever: string
    organisation: string | null
    categories: CategoryId[]
    sites: string[]
    owner: string
    start: string
    status: string
    note: string | null
  },
): Promise<ActionSummary> {
  if (input.owner.trim() === '') throw new AppError('invalid_argument', 'An action needs an --owner.')
  const action: NewAction = {
    lever: formatLever(parseOneLever(input.lever)),
    perimeter: {
      organisation: await resolvePerimeterOrganisation(deps, input.organisation, 'write'),
      categories: input.categories,
      sites: input.sites,
    },
    owner: input.owner.trim(),
    startDay: parseStart(input.start),
    status: parseStatus(input.status),
    note: input.note,
  }
  const added = await deps.plans.addAction(action)
  await recordAudit(deps, {
    action: 'action.add',
    target: String(added.id),
    organisation: added.perimeter.organisation,
    details: { lever: added.lever, perimeter: formatPerimeter(added.perimeter), status: added.status },
  })
  return summary(added)
}

/** The actions whose perimeter lies within the actor's scope, oldest first. */
async function visibleActions(deps: Deps): Promise<PlanAction[]> {
  return (await deps.plans.listActions()).filter((action) => isPerimeterVisible(deps, action.perimeter))
}

/** Every action (within the actor's scope), oldest first. */
export async function listActions(deps: Deps): Promise<{ actions: ActionSummary[] }> {
  return { actions: (await visibleActions(deps)).map(summary) }
}

/** Changes the status, owner, start date, lever, perimeter or note of an action. */
export async function updateAction(
  deps: Deps,
  input: {
    id: number
    status: string | null
    owner: string | null
    start: string | null
    lever: string | null
    note: string | null
    perimeter: { organisation: string | null; categories: CategoryId[]; sites: string[] } | null
  },
): Promise<ActionSummary> {
  // An action outside the actor's scope is "not found", as if it did not exist.
  if (!(await visibleActions(deps)).some((action) => action.id === input.id)) {
    throw new AppError('not_found', `No action ${input.id}: see empreinte action list.`)
  }
  const change: Partial<NewAction> = {}
  if (input.status !== null) change.status = parseStatus(input.status)
  if (input.owner !== null) change.owner = input.owner.trim()
  if (input.start !== null) change.startDay = parseStart(input.start)
  if (input.lever !== null) change.lever = formatLever(parseOneLever(input.lever))
  if (input.note !== null) change.note = input.note
  if (input.perimeter !== null) {
    change.perimeter = {
      organisation: await resolvePerimeterOrganisation(deps, input.perimeter.organisation, 'write'),
      categories: input.perimeter.categories,
      sites: input.perimeter.sites,
    }
  }
  if (Object.keys(change).length === 0) {
    throw new AppError(
      'invalid_argument',
      'Nothing to change: give --status, --owner, --start, --lever, --note or a perimeter.',
    )
  }
  const updated = await deps.plans.updateAction(input.id, change)
  if (!updated) throw new AppError('not_found', `No action ${input.id}: see empreinte action list.`)
  await recordAudit(deps, {
    action: 'action.update',
    target: String(updated.id),
    organisation: updated.perimeter.organisation,
    details: { ...change, ...(change.perimeter ? { perimeter: formatPerimeter(change.perimeter) } : {}) },
  })
  return summary(updated)
}

/** The expected and measured gain of one action. */
export type ActionProgress = {
  action: ActionSummary
  /** From the scenario engine, on the campaign before the start (else the latest): annual savings at full effect. */
  expected: { campaign: number; referential: string; savings: ScenarioSavings; assumptions: string[] } | null
  /** Campaign before the start date against the latest one, and telemetry before/after the start. */
  measured: (MeasuredProgress & { campaignBefore: number | null; campaignAfter: number | null }) | null
  /** Measured climate gain attributed to the action ÷ expected climate gain (null when either is missing). */
  achievedShareOfExpected: number | null
  notes: string[]
}

/**
 * Expected gain of each action (scenario engine) and measured gain (campaign before the start date vs the
 * latest campaign, telemetry before vs after), with what changed for other reasons set apart.
 * See docs/methodology/action-tracking.md.
 */
export async function actionProgress(
  deps: Deps,
  input: { id: number | null },
): Promise<{ actions: ActionProgress[] }> {
  const actions = (await visibleActions(deps)).filter((action) => input.id === null || action.id === input.id)
  if (input.id !== null && actions.length === 0) {
    throw new AppError('not_found', `No action ${input.id}: see empreinte action list.`)
  }
  const latest = await resolveCampaign(deps.store, null)
  const campaigns = await deps.plans.listCampaigns()
  const progress: ActionProgress[] = []
  for (const action of actions) progress.push(await progressOf(deps, action, latest, campaigns))
  return { actions: progress }
}

async function progressOf(
  deps: Deps,
  action: PlanAction,
  latest: Campaign,
  campaigns: readonly Campaign[],
): Promise<ActionProgress> {
  const lever = parseOneLever(action.lever)
  const notes: string[] = []
  const before =
    [...campaigns]
      .filter((campaign) => campaign.referenceDay < action.startDay)
      .sort((a, b) => b.year - a.year)[0] ?? null
  const expectedOn = before ?? latest
  const expectedRun = await evaluatePerimeter(deps, {
    campaign: expectedOn,
    levers: [lever],
    perimeter: action.perimeter,
    groupOf: () => '',
    label: `action ${action.id}: expected`,
  })
  const effect = expectedRun.result.byLever[0]!
  const expected = {
    campaign: expectedOn.year,
    referential: expectedRun.referential,
    savings: effect.savings,
    assumptions: effect.assumptions,
  }
  if (before === null)
    notes.push('No campaign ends before the start date: the expected gain uses the latest campaign.')
  const telemetry = await deps.plans.telemetryAround(action.perimeter, action.startDay)
  let measured: ActionProgress['measured'] = null
  const hasCampaigns = before !== null && latest.referenceDay >= action.startDay && latest.id !== before.id
  if (!hasCampaigns) {
    notes.push(
      before === null
        ? 'No campaign before the start date to compare with.'
        : 'No campaign after the start date yet: import the next campaign to measure the change.',
    )
  }
  if (!telemetry) notes.push('No telemetry for the perimeter.')
  if (hasCampaigns || telemetry) {
    const figures = async (campaign: Campaign): Promise<CategoryFigures[]> =>
      await categoryFigures(
        deps,
        campaign,
        action.perimeter,
        `action ${action.id}: campaign ${campaign.year}`,
      )
    const progressData = measureActionProgress({
      channel: leverChannel(lever),
      before: hasCampaigns ? await figures(before) : [],
      after: hasCampaigns ? await figures(latest) : [],
      telemetry,
    })
    measured = {
      ...progressData,
      campaignBefore: hasCampaigns ? before.year : null,
      campaignAfter: hasCampaigns ? latest.year : null,
    }
  }
  const expectedClimate = expected.savings.climateKgCo2e
  return {
    action: summary(action),
    expected,
    measured,
    achievedShareOfExpected:
      measured !== null && hasCampaigns && expectedClimate !== 0
        ? measured.climateKgCo2e.attributed / expectedClimate
        : null,
    notes,
  }
}

/** The perimeter's baseline per category in one campaign (quantity, kgCO2e/yr, facility kWh/yr). */
async function categoryFigures(
  deps: Deps,
  campaign: Campaign,
  perimeter: Perimeter,
  label: string,
): Promise<CategoryFigures[]> {
  const run = await evaluatePerimeter(deps, {
    campaign,
    levers: [],
    perimeter,
    groupOf: (_organisation, category) => category,
    label,
  })
  return run.result.byGroup.map((group) => ({
    category: group.group as CategoryId,
    quantity: group.baseline.quantity,
    climateKgCo2e: group.baseline.climateKgCo2e,
    useClimateKgCo2e: group.baseline.criteria['climate-change']?.phases.use ?? 0,
    facilityKwh: group.baseline.facilityKwh,
  }))
}
