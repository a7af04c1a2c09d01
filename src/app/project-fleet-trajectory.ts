import { DEFAULT_ECONOMIC_ASSUMPTIONS } from '../core/scenarios/economic-assumptions.js'
import { parseLevers } from '../core/scenarios/parse-levers.js'
import { buildTrajectoryInput } from '../core/scenarios/build-trajectory-input.js'
import { projectTrajectory, type TrajectoryResult } from '../core/scenarios/project-trajectory.js'
import { resolveCampaign, resolveOrganisation } from './campaigns.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'

export type FleetTrajectoryReport = TrajectoryResult & {
  campaign: number
  referential: string
  organisation: string | null
  levers: string[]
  assumptions: string[]
  /** With `groupDepth`: the same projection for each organisation at that depth of the tree. */
  byOrganisation: { organisation: string; result: TrajectoryResult }[]
}

/**
 * Year-by-year fleet renewal from the campaign to `endYear`: the inventory's age distribution per category,
 * the referential's lifetimes and factors, baseline against the levers (lifetime extension; power-off as a
 * kWh factor), with cumulative tCO2e and euros and an optional reduction target.
 * @example await projectFleetTrajectory(deps, { campaignYear: 2025, levers: ['lifetime-extension:years=2,categories=laptop'], organisation: null, endYear: 2030, target: { targetYear: 2030, reductionShare: 0.3 } })
 */
export async function projectFleetTrajectory(
  deps: Deps,
  input: {
    campaignYear: number | null
    levers: string[]
    organisation: string | null
    endYear: number
    target: { targetYear: number; reductionShare: number } | null
    /** Also project each organisation at this depth of the tree (one query, one projection each). */
    groupDepth?: number | null
  },
): Promise<FleetTrajectoryReport> {
  const parsed = parseLevers(input.levers)
  if (parsed.errors.length > 0) throw new AppError('invalid_argument', parsed.errors.join('\n'))
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  if (input.endYear <= campaign.year) {
    throw new AppError('invalid_argument', `--to must be after the campaign year ${campaign.year}.`)
  }
  const organisationPath = input.organisation
    ? await resolveOrganisation(deps.store, input.organisation)
    : null
  const referential = await deps.referential.load()
  const counts = await deps.store.ageCounts(campaign.id, organisationPath ? { organisationPath } : {})
  const project = (rows: typeof counts) => {
    const built = buildTrajectoryInput({
      counts: rows,
      referential,
      levers: parsed.levers,
      prices: DEFAULT_ECONOMIC_ASSUMPTIONS,
      startYear: campaign.year,
      endYear: input.endYear,
      target: input.target ?? undefined,
    })
    if ('unsupportedLever' in built) {
      throw new AppError(
        'invalid_argument',
        `The trajectory models lifetime-extension and power-off; use empreinte simulate for ${built.unsupportedLever.id}.`,
      )
    }
    return { result: projectTrajectory(built.trajectory), assumptions: built.assumptions }
  }
  const { result, assumptions } = project(counts)
  const byOrganisation: FleetTrajectoryReport['byOrganisation'] = []
  if (input.groupDepth) {
    const groups = new Map<string, typeof counts>()
    for (const row of counts) {
      const group = row.organisation.split(' > ').slice(0, input.groupDepth).join(' > ')
      const rows = groups.get(group) ?? []
      rows.push(row)
      groups.set(group, rows)
    }
    for (const [organisation, rows] of groups)
      byOrganisation.push({ organisation, result: project(rows).result })
  }
  return {
    ...result,
    campaign: campaign.year,
    referential: `${referential.id}@${referential.version}`,
    organisation: organisationPath?.join(' > ') ?? null,
    levers: input.levers,
    assumptions,
    byOrganisation,
  }
}
