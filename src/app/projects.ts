/**
 * Use cases of IT projects (docs/services.md#projects): register a project with its owner, phase and service
 * description, move it through phases, snapshot its service estimate at the current phase, and show the gate
 * view (per phase: the latest estimate and its change since the previous phase).
 */
import { compareServiceOptions, type ServiceComparison } from '../core/services/compare-service-options.js'
import {
  projectGate as computeProjectGate,
  type Project,
  type ProjectEstimate,
  type ProjectGate,
  type ProjectPhase,
} from '../core/services/project-gate.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'
import { toServiceDescription } from './service-schema.js'

export type ProjectDeps = Pick<Deps, 'ecoDesign' | 'referential' | 'files'>

/** A project as the CLI and API show it. */
export type ProjectView = {
  name: string
  owner: string
  phase: ProjectPhase
  /** The described service's name, or null when the project has no description yet. */
  service: string | null
  serviceFile: string | null
  createdAt: string
  estimates: number
  latestEstimate: { phase: ProjectPhase; at: string; bestOption: string; climateKgCo2e: number } | null
}

const isoTime = (ms: number): string => new Date(ms).toISOString()

function toView(project: Project, estimates: readonly ProjectEstimate[]): ProjectView {
  const own = estimates.filter((estimate) => estimate.projectId === project.id)
  const latest = own.at(-1)
  const service = project.service as { service?: unknown } | null
  return {
    name: project.name,
    owner: project.owner,
    phase: project.phase,
    service: typeof service?.service === 'string' ? service.service : null,
    serviceFile: project.serviceFile,
    createdAt: isoTime(project.createdMs),
    estimates: own.length,
    latestEstimate:
      latest === undefined
        ? null
        : {
            phase: latest.phase,
            at: isoTime(latest.atMs),
            bestOption: latest.bestOption,
            climateKgCo2e: latest.climateKgCo2e,
          },
  }
}

/** The project named `name`, or a not_found error listing how to create it. */
export async function requireProject(deps: Pick<Deps, 'ecoDesign'>, name: string): Promise<Project> {
  const project = await deps.ecoDesign.findProject(name)
  if (project === null) {
    throw new AppError(
      'not_found',
      `No project "${name}": add it with "empreinte project add ${JSON.stringify(name)} --owner … --phase …".`,
    )
  }
  return project
}

/**
 * Registers a project; its service description (optional) is validated now.
 * @example await addProject(deps, { name: 'Portal', owner: 'DSI', phase: 'idea', service: null, serviceFile: null, atMs: null })
 */
export async function addProject(
  deps: ProjectDeps,
  input: {
    name: string
    owner: string
    phase: ProjectPhase
    service: unknown
    serviceFile: string | null
    atMs: number | null
  },
): Promise<ProjectView> {
  const name = input.name.trim()
  if (name === '') throw new AppError('invalid_argument', 'Give the project a name.')
  if ((await deps.ecoDesign.findProject(name)) !== null) {
    throw new AppError('conflict', `A project named "${name}" already exists.`)
  }
  if (input.service !== null) toServiceDescription(input.service)
  const project = await deps.ecoDesign.addProject({ ...input, name, owner: input.owner.trim() })
  return toView(project, [])
}

/** `addProject` with the service description read from a YAML or JSON file (problems name file, line, column). */
export async function addProjectFromFile(
  deps: ProjectDeps,
  input: { name: string; owner: string; phase: ProjectPhase; file: string | null; atMs: number | null },
): Promise<ProjectView> {
  let service: unknown = null
  if (input.file !== null) {
    const document = await deps.files.readStructuredFile(input.file)
    toServiceDescription(document.value, document)
    service = document.value
  }
  return addProject(deps, {
    name: input.name,
    owner: input.owner,
    phase: input.phase,
    service,
    serviceFile: input.file === null ? null : deps.files.baseName(input.file),
    atMs: input.atMs,
  })
}

/** Every project, by name, with its latest estimate. */
export async function listProjects(deps: Pick<Deps, 'ecoDesign'>): Promise<{ projects: ProjectView[] }> {
  const [projects, estimates] = await Promise.all([
    deps.ecoDesign.listProjects(),
    deps.ecoDesign.listProjectEstimates(null),
  ])
  return { projects: projects.map((project) => toView(project, estimates)) }
}

/** Moves a project to another phase (any direction: a project may go back to design). */
export async function setProjectPhase(
  deps: Pick<Deps, 'ecoDesign'>,
  input: { project: string; phase: ProjectPhase },
): Promise<ProjectView & { previousPhase: ProjectPhase }> {
  const project = await requireProject(deps, input.project)
  await deps.ecoDesign.updateProject(project.id, { phase: input.phase })
  const estimates = await deps.ecoDesign.listProjectEstimates(project.id)
  return { ...toView({ ...project, phase: input.phase }, estimates), previousPhase: project.phase }
}

export type ProjectEstimateResult = {
  project: string
  phase: ProjectPhase
  at: string
  bestOption: string
  climateKgCo2e: number
  climateKgCo2ePerUser: number
  euros: number
  comparison: ServiceComparison
}

/**
 * Runs the service estimate on the project's description (or on `description`, which then becomes the
 * project's description) and stores a snapshot at the project's current phase.
 */
export async function estimateProject(
  deps: ProjectDeps,
  input: { project: string; description: unknown; serviceFile?: string | null; atMs: number | null },
): Promise<ProjectEstimateResult> {
  const project = await requireProject(deps, input.project)
  const document = input.description ?? project.service
  if (document === null || document === undefined) {
    throw new AppError(
      'invalid_argument',
      `Project "${project.name}" has no service description: give one (empreinte project estimate ${JSON.stringify(project.name)} FILE).`,
    )
  }
  const comparison = compareServiceOptions(toServiceDescription(document), await deps.referential.load())
  return snapshot(deps, project, comparison, {
    atMs: input.atMs,
    ...(input.description === null || input.description === undefined
      ? {}
      : { service: input.description, serviceFile: input.serviceFile ?? null }),
  })
}

/** `estimateProject` on a YAML or JSON file, which becomes the project's description. */
export async function estimateProjectFile(
  deps: ProjectDeps,
  input: { project: string; file: string; atMs: number | null },
): Promise<ProjectEstimateResult> {
  const project = await requireProject(deps, input.project)
  const document = await deps.files.readStructuredFile(input.file)
  const comparison = compareServiceOptions(
    toServiceDescription(document.value, document),
    await deps.referential.load(),
  )
  return snapshot(deps, project, comparison, {
    atMs: input.atMs,
    service: document.value,
    serviceFile: deps.files.baseName(input.file),
  })
}

async function snapshot(
  deps: Pick<Deps, 'ecoDesign'>,
  project: Project,
  comparison: ServiceComparison,
  options: { atMs: number | null; service?: unknown; serviceFile?: string | null },
): Promise<ProjectEstimateResult> {
  if (options.service !== undefined) {
    await deps.ecoDesign.updateProject(project.id, {
      service: options.service,
      serviceFile: options.serviceFile ?? null,
    })
  }
  const best = comparison.options.find((option) => option.isBest) ?? comparison.options[0]!
  const stored = await deps.ecoDesign.addProjectEstimate({
    projectId: project.id,
    phase: project.phase,
    atMs: options.atMs,
    bestOption: best.name,
    climateKgCo2e: best.climateKgCo2e,
    climateKgCo2ePerUser: best.climateKgCo2ePerUser,
    euros: best.euros.totalEuros,
    referential: comparison.referential,
    comparison,
  })
  return {
    project: project.name,
    phase: stored.phase,
    at: isoTime(stored.atMs),
    bestOption: stored.bestOption,
    climateKgCo2e: stored.climateKgCo2e,
    climateKgCo2ePerUser: stored.climateKgCo2ePerUser,
    euros: stored.euros,
    comparison,
  }
}

export type ProjectGateView = Omit<ProjectGate, 'phases'> & {
  phases: (Omit<ProjectGate['phases'][number], 'estimate'> & {
    estimate: (NonNullable<ProjectGate['phases'][number]['estimate']> & { at: string }) | null
  })[]
}

/** The gate view of one project (or of every project when `project` is null). */
export async function projectGate(
  deps: Pick<Deps, 'ecoDesign'>,
  input: { project: string | null },
): Promise<{ projects: ProjectGateView[] }> {
  const projects =
    input.project === null ? await deps.ecoDesign.listProjects() : [await requireProject(deps, input.project)]
  const estimates = await deps.ecoDesign.listProjectEstimates(input.project === null ? null : projects[0]!.id)
  return {
    projects: projects.map((project) => {
      const gate = computeProjectGate(project, estimates)
      return {
        ...gate,
        phases: gate.phases.map((phase) => ({
          ...phase,
          estimate: phase.estimate === null ? null : { ...phase.estimate, at: isoTime(phase.estimate.atMs) },
        })),
      }
    }),
  }
}
