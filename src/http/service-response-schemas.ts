/**
 * Schemas of the eco-design answers (services, projects, RGESN): they feed the OpenAPI document, and the
 * route tests parse real answers with them.
 */
import { z } from 'zod'

const climate = z.strictObject({ climateKgCo2e: z.number() })
const traceInput = z.looseObject({
  name: z.string(),
  value: z.union([z.number(), z.string(), z.null()]),
  unit: z.string(),
  origin: z.string(),
})
const delta = z.strictObject({
  climateKgCo2e: z.number(),
  climateTCo2e: z.number(),
  climateKgCo2ePerUser: z.number(),
  euros: z.number(),
})
const costLine = z.strictObject({
  component: z.string(),
  euros: z.number(),
  formula: z.string(),
  inputs: z.array(traceInput),
})

export const serviceOptionResponse = z.strictObject({
  name: z.string(),
  users: z.number(),
  transactionsPerYear: z.number().nullable(),
  climateKgCo2e: z.number().describe('Climate change, kgCO2e per year'),
  climateKgCo2ePerUser: z.number(),
  climateKgCo2ePerTransaction: z.number().nullable(),
  byTier: z.strictObject({ terminals: climate, network: climate, datacenter: climate }),
  byPhase: z.strictObject({
    manufacturing: climate,
    distribution: climate,
    use: climate,
    'end-of-life': climate,
  }),
  byCriterion: z.record(
    z.string(),
    z.strictObject({ value: z.number(), unit: z.string(), coverage: z.string() }),
  ),
  backendKwhPerYear: z.number(),
  euros: z.strictObject({
    totalEuros: z.number(),
    electricityEuros: z.number(),
    equipmentEuros: z.number(),
    cloudEuros: z.number(),
    lines: z.array(costLine),
  }),
  trace: z.strictObject({
    referential: z.string(),
    lines: z.array(
      z.strictObject({
        tier: z.enum(['terminals', 'network', 'datacenter']),
        component: z.string(),
        phase: z.string(),
        criterion: z.string(),
        value: z.number(),
        unit: z.string(),
        formula: z.string(),
        inputs: z.array(traceInput),
      }),
    ),
    defaultsAssumed: z.array(z.string()),
  }),
  isBest: z.boolean(),
  deltaVsFirst: delta,
  deltaVsBest: delta,
})

export const serviceEstimateResponse = z.strictObject({
  service: z.string(),
  description: z.string().nullable(),
  referential: z.string(),
  options: z.array(serviceOptionResponse),
  best: z.strictObject({ name: z.string(), why: z.string() }),
})

const projectPhase = z.enum(['idea', 'design', 'build', 'run'])

export const projectResponse = z.strictObject({
  name: z.string(),
  owner: z.string(),
  phase: projectPhase,
  service: z.string().nullable().describe("The described service's name; null = no description yet"),
  serviceFile: z.string().nullable(),
  createdAt: z.string(),
  estimates: z.number().int(),
  latestEstimate: z
    .strictObject({ phase: projectPhase, at: z.string(), bestOption: z.string(), climateKgCo2e: z.number() })
    .nullable(),
})

export const projectListResponse = z.strictObject({ projects: z.array(projectResponse) })

export const projectEstimateResponse = z.strictObject({
  project: z.string(),
  phase: projectPhase,
  at: z.string(),
  bestOption: z.string(),
  climateKgCo2e: z.number().describe('Best option, kgCO2e per year'),
  climateKgCo2ePerUser: z.number(),
  euros: z.number(),
  comparison: serviceEstimateResponse,
})

export const projectGateResponse = z.strictObject({
  projects: z.array(
    z.strictObject({
      project: z.string(),
      owner: z.string(),
      phase: projectPhase,
      formula: z.string(),
      phases: z.array(
        z.strictObject({
          phase: projectPhase,
          isCurrent: z.boolean(),
          estimate: z
            .strictObject({
              id: z.number().int(),
              phase: projectPhase,
              atMs: z.number(),
              at: z.string(),
              bestOption: z.string(),
              climateKgCo2e: z.number(),
              climateKgCo2ePerUser: z.number(),
              euros: z.number(),
              referential: z.string(),
            })
            .nullable(),
          change: z
            .strictObject({
              sincePhase: projectPhase,
              climateKgCo2e: z.number(),
              percent: z.number().nullable(),
              climateKgCo2ePerUser: z.number(),
              euros: z.number(),
            })
            .nullable(),
        }),
      ),
    }),
  ),
})

const rgesnTally = {
  criteria: z.number().int(),
  met: z.number().int(),
  notMet: z.number().int(),
  inProgress: z.number().int(),
  notApplicable: z.number().int(),
  unanswered: z.number().int(),
  applicable: z.number().int(),
  score: z.number().nullable().describe('met / applicable, 0 to 1; null when no criterion applies'),
}
const rgesnAnswer = z.enum(['yes', 'no', 'not-applicable', 'in-progress'])

export const rgesnScoreResponse = z.strictObject({
  project: z.string(),
  version: z.string().nullable(),
  ...rgesnTally,
  byFamily: z.array(z.strictObject({ family: z.string(), ...rgesnTally })),
  items: z.array(
    z.strictObject({
      version: z.string(),
      id: z.string(),
      family: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      answer: rgesnAnswer.nullable(),
      note: z.string().nullable(),
      atMs: z.number().nullable(),
      at: z.string().nullable(),
    }),
  ),
  history: z.array(z.strictObject({ atMs: z.number(), at: z.string(), ...rgesnTally })),
  ignoredAnswers: z.number().int(),
  formula: z.string(),
})

export const rgesnAnswerResponse = z.strictObject({
  project: z.string(),
  recorded: z.number().int(),
  score: rgesnScoreResponse.omit({ project: true }),
})
