/**
 * The eco-design operations (digital services, IT projects, RGESN self-assessment), merged into the one
 * operation map of operations.ts so the CLI, the HTTP API and the dashboard's client reach them alike.
 */
import { z } from 'zod'
import { PROJECT_PHASES } from '../core/services/project-gate.js'
import { RGESN_ANSWERS } from '../core/services/rgesn-score.js'
import { estimateService } from './estimate-service.js'
import type { Deps } from './ports.js'
import { addProject, estimateProject, listProjects, projectGate, setProjectPhase } from './projects.js'
import { answerRgesn, rgesnScore } from './rgesn.js'
import { serviceDocumentSchema } from './service-schema.js'

/** When the change was made (ms since 1970); null = the store's clock. Set by the CLI, never by HTTP clients. */
const atMs = z.number().int().nullable().default(null)
const projectName = z.string().trim().min(1).max(200)

export const ECO_DESIGN_INPUTS = {
  'service.estimate': z.object({
    /** The service description (docs/services.md), as the JSON body of the request. */
    description: serviceDocumentSchema,
  }),
  'project.list': z.object({}),
  'project.add': z.object({
    project: z.strictObject({
      name: projectName,
      owner: z.string().trim().min(1).max(200),
      phase: z.enum(PROJECT_PHASES).default('idea'),
      /** The service description (docs/services.md), or null to describe it later. */
      service: serviceDocumentSchema.nullable().default(null),
    }),
    atMs,
  }),
  'project.phase': z.object({ project: projectName, phase: z.enum(PROJECT_PHASES) }),
  'project.estimate': z.object({
    project: projectName,
    /** A new service description (it replaces the project's), or null to estimate the stored one. */
    description: serviceDocumentSchema.nullable().default(null),
    atMs,
  }),
  'project.gate': z.object({ project: projectName.nullable().default(null) }),
  'rgesn.score': z.object({ project: projectName }),
  'rgesn.answer': z.object({
    project: projectName,
    answers: z
      .array(
        z.strictObject({
          criterion: z.string().trim().min(1),
          answer: z.enum(RGESN_ANSWERS),
          note: z.string().max(4000).nullable().default(null),
        }),
      )
      .min(1, 'Give at least one answer'),
    atMs,
  }),
} as const

type Input<Id extends keyof typeof ECO_DESIGN_INPUTS> = z.infer<(typeof ECO_DESIGN_INPUTS)[Id]>

export const ECO_DESIGN_OPERATIONS = {
  'service.estimate': (deps: Deps, input: Input<'service.estimate'>) => estimateService(deps, input),
  'project.list': (deps: Deps) => listProjects(deps),
  'project.add': (deps: Deps, input: Input<'project.add'>) =>
    addProject(deps, { ...input.project, serviceFile: null, atMs: input.atMs }),
  'project.phase': (deps: Deps, input: Input<'project.phase'>) => setProjectPhase(deps, input),
  'project.estimate': (deps: Deps, input: Input<'project.estimate'>) => estimateProject(deps, input),
  'project.gate': (deps: Deps, input: Input<'project.gate'>) => projectGate(deps, input),
  'rgesn.score': (deps: Deps, input: Input<'rgesn.score'>) => rgesnScore(deps, input),
  'rgesn.answer': (deps: Deps, input: Input<'rgesn.answer'>) => answerRgesn(deps, input),
}
