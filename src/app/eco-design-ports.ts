/**
 * The store port of IT projects, their estimate snapshots and their RGESN self-assessment (docs/services.md).
 * Implemented by src/store/duckdb/eco-design.ts; times are milliseconds since 1970 (UTC), null = the store's clock.
 */
import type { Project, ProjectEstimate, ProjectPhase } from '../core/services/project-gate.js'
import type { RgesnAnswer, RgesnAnswerValue, RgesnCriterion } from '../core/services/rgesn-score.js'

export type NewProject = {
  name: string
  owner: string
  phase: ProjectPhase
  service: unknown
  serviceFile: string | null
  atMs: number | null
}

export type NewProjectEstimate = Omit<ProjectEstimate, 'id' | 'atMs'> & { atMs: number | null }

export type EcoDesignStore = {
  addProject(project: NewProject): Promise<Project>
  /** The project with this name, compared case-insensitively. */
  findProject(name: string): Promise<Project | null>
  /** Every project, by name. */
  listProjects(): Promise<Project[]>
  /** Changes the phase and/or the service description of a project. */
  updateProject(
    id: number,
    change: { phase?: ProjectPhase; service?: unknown; serviceFile?: string | null },
  ): Promise<void>
  addProjectEstimate(estimate: NewProjectEstimate): Promise<ProjectEstimate>
  /** The estimates of one project (every project when null), oldest first. */
  listProjectEstimates(projectId: number | null): Promise<ProjectEstimate[]>
  /** Replaces the criteria of `version` (file order kept); that version becomes the one in use. */
  saveRgesnCriteria(version: string, criteria: readonly RgesnCriterion[], atMs: number | null): Promise<void>
  /** The criteria of the version loaded last, in file order (empty when none was loaded). */
  rgesnCriteria(): Promise<RgesnCriterion[]>
  /** Appends answers (the history is kept). */
  addRgesnAnswers(
    projectId: number,
    answers: readonly { criterion: string; answer: RgesnAnswerValue; note: string | null }[],
    atMs: number | null,
  ): Promise<void>
  /** Every answer of a project, in the order given. */
  listRgesnAnswers(projectId: number): Promise<RgesnAnswer[]>
}
