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
