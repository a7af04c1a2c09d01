/**
 * The API routes of IT projects and their RGESN self-assessment (docs/services.md), spliced into the route
 * table of api-routes.ts. Their access rules are declared in route-access.ts.
 */
import type { ApiRoute, RouteParameter } from './api-routes.js'
import {
  projectEstimateResponse,
  projectGateResponse,
  projectListResponse,
  projectResponse,
  rgesnAnswerResponse,
  rgesnScoreResponse,
} from './service-response-schemas.js'

const projectName: RouteParameter = {
  name: 'name',
  in: 'path',
  field: 'project',
  kind: 'string',
  description: 'The project name (case-insensitive), URL-encoded.',
}

export const PROJECT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/projects',
    operationId: 'project.list',
    operation: 'project.list',
    summary: 'The IT projects of the workspace, by name, with their phase and latest estimate.',
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: projectListResponse },
    errors: [],
  },
  {
    method: 'POST',
    path: '/api/projects',
    operationId: 'project.add',
    operation: 'project.add',
    summary:
      'Register an IT project: name, owner, phase (idea, design, build, run) and optionally its service ' +
      'description (docs/services.md); same as `empreinte project add`.',
    parameters: [
      {
        name: 'body',
        in: 'body',
        field: 'project',
        kind: 'json',
        description:
          '{ "name", "owner", "phase": "idea"|"design"|"build"|"run", "service": description or null }',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: projectResponse },
    errors: [400, 409, 415],
  },
  {
    method: 'GET',
    path: '/api/projects/{name}/gate',
    operationId: 'project.gate',
    operation: 'project.gate',
    summary:
      'The gate view of a project: at each phase, the latest estimate and its change in kgCO2e and % since the ' +
      'previous phase that has one (same as `empreinte project gate NAME --json`).',
    parameters: [projectName],
    response: { status: 200, contentType: 'application/json', schema: projectGateResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/projects/{name}/phase',
    operationId: 'project.phase',
    operation: 'project.phase',
    summary:
      'Move a project to another phase (idea, design, build, run); its next estimate is stored at that phase ' +
      '(same as `empreinte project phase NAME PHASE`).',
    parameters: [
      projectName,
      {
        name: 'phase',
        in: 'query',
        field: 'phase',
        kind: 'string',
        description: 'The new phase: idea, design, build or run.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: projectResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/projects/{name}/estimates',
    operationId: 'project.estimate',
    operation: 'project.estimate',
    summary:
      "Estimate the project's service and store the snapshot at its current phase. Body: a new service " +
      "description (it replaces the project's), or `null` to estimate the stored one.",
    parameters: [
      projectName,
      {
        name: 'body',
        in: 'body',
        field: 'description',
        kind: 'json',
        description: 'The service description (docs/services.md), or null.',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: projectEstimateResponse },
    errors: [400, 404, 415],
  },
  {
    method: 'GET',
    path: '/api/projects/{name}/rgesn',
    operationId: 'rgesn.score',
    operation: 'rgesn.score',
    summary:
      "A project's RGESN self-assessment: score = met / applicable, per family and per criterion, and its " +
      'history (the score after each date answers changed).',
    parameters: [projectName],
    response: { status: 200, contentType: 'application/json', schema: rgesnScoreResponse },
    errors: [400, 404],
  },
  {
    method: 'POST',
    path: '/api/projects/{name}/rgesn/answers',
    operationId: 'rgesn.answer',
    operation: 'rgesn.answer',
    summary:
      'Record answers of a project to RGESN criteria (appended: the history is kept); answers the new score.',
    parameters: [
      projectName,
      {
        name: 'body',
        in: 'body',
        field: 'answers',
        kind: 'json',
        description:
          '[{ "criterion": "1.1", "answer": "yes"|"no"|"not-applicable"|"in-progress", "note": text or null }]',
      },
    ],
    response: { status: 201, contentType: 'application/json', schema: rgesnAnswerResponse },
    errors: [400, 404, 415],
  },
]
