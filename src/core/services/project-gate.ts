/**
 * IT projects and their gates (docs/services.md#projects): a project moves through phases (idea → design →
 * build → run); at each phase its digital-service estimate is snapshotted. The gate view shows, per phase,
 * the latest snapshot and its change since the previous phase that has one. Pure.
 */

/** The phases of an IT project, in order. */
export const PROJECT_PHASES = ['idea', 'design', 'build', 'run'] as const
export type ProjectPhase = (typeof PROJECT_PHASES)[number]

export type Project = {
  id: number
  name: string
  owner: string
  phase: ProjectPhase
  /** The service description (docs/services.md) as parsed JSON; null = none yet. */
  service: unknown
  /** The file the description was read from (informative), or null. */
  serviceFile: string | null
  createdMs: number
}

/** One estimate of a project's service, taken at a phase: the best option's figures and the whole comparison. */
export type ProjectEstimate = {
  id: number
  projectId: number
  phase: ProjectPhase
  atMs: number
  bestOption: string
  climateKgCo2e: number
  climateKgCo2ePerUser: number
  euros: number
  /** The referential the estimate used (id@version). */
  referential: string
  /** The service comparison as computed (options, traces). */
  comparison: unknown
}

export const GATE_CHANGE_FORMULA =
  'change = climateKgCo2e(latest estimate of the phase) − climateKgCo2e(latest estimate of the previous phase that has one); ' +
  'percent = change / previous × 100'

export type GatePhase = {
  phase: ProjectPhase
  isCurrent: boolean
  /** The latest estimate taken at this phase, or null when none was taken. */
  estimate: Omit<ProjectEstimate, 'comparison' | 'projectId'> | null
  /** Change since the previous phase that has an estimate; null for the first estimated phase or none. */
  change: {
    sincePhase: ProjectPhase
    climateKgCo2e: number
    /** null when the previous estimate is 0 kgCO2e. */
    percent: number | null
    climateKgCo2ePerUser: number
    euros: number
  } | null
}

export type ProjectGate = {
  project: string
  owner: string
  phase: ProjectPhase
  phases: GatePhase[]
  formula: string
}

/** The gate view of one project from its estimates (any order): per phase, the latest and its change. */
export function projectGate(project: Project, estimates: readonly ProjectEstimate[]): ProjectGate {
  let previous: ProjectEstimate | null = null
  const phases = PROJECT_PHASES.map((phase): GatePhase => {
    let latest: ProjectEstimate | null = null
    for (const estimate of estimates) {
      if (estimate.projectId !== project.id || estimate.phase !== phase) continue
      if (
        latest === null ||
        estimate.atMs > latest.atMs ||
        (estimate.atMs === latest.atMs && estimate.id > latest.id)
      )
        latest = estimate
    }
    if (latest === null) return { phase, isCurrent: phase === project.phase, estimate: null, change: null }
    const change =
      previous === null
        ? null
        : {
            sincePhase: previous.phase,
            climateKgCo2e: latest.climateKgCo2e - previous.climateKgCo2e,
            percent:
              previous.climateKgCo2e === 0
                ? null
                : ((latest.climateKgCo2e - previous.climateKgCo2e) / previous.climateKgCo2e) * 100,
            climateKgCo2ePerUser: latest.climateKgCo2ePerUser - previous.climateKgCo2ePerUser,
            euros: latest.euros - previous.euros,
          }
    previous = latest
    const { comparison: _comparison, projectId: _projectId, ...estimate } = latest
    return { phase, isCurrent: phase === project.phase, estimate, change }
  })
  return {
    project: project.name,
    owner: project.owner,
    phase: project.phase,
    phases,
    formula: GATE_CHANGE_FORMULA,
  }
}
