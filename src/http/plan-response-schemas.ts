/**
 * Schemas of the answers about saved scenarios, action plans and tariffs: they feed the OpenAPI document, and
 * the route tests parse real answers with them.
 */
import { z } from 'zod'

const perimeter = z.strictObject({
  organisation: z.string().nullable(),
  categories: z.array(z.string()),
  sites: z.array(z.string()),
})

export const savedScenarioResponse = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  levers: z.array(z.string()).describe('Canonical lever texts, every parameter spelt out'),
  perimeter,
  perimeterText: z.string(),
  updatedAt: z.string(),
})

export const scenarioListResponse = z.strictObject({ scenarios: z.array(savedScenarioResponse) })
export const scenarioSaveResponse = z.strictObject({
  scenario: savedScenarioResponse,
  isReplaced: z.boolean(),
})
export const scenarioRemoveResponse = z.strictObject({ removed: z.string() })

const criterionTotals = z.looseObject({ total: z.number(), phases: z.record(z.string(), z.number()) })

export const scenarioComparisonResponse = z.strictObject({
  campaign: z.number().int(),
  referential: z.string().nullable().describe('null when no scenario was evaluated'),
  scenarios: z.array(
    z.strictObject({
      rank: z.number().int().describe('By tCO2e saved per year, then euros'),
      eurosRank: z.number().int(),
      name: z.string(),
      description: z.string().nullable(),
      levers: z.array(z.string()),
      perimeter: z.string(),
      assets: z.number().int(),
      baselineClimateKgCo2e: z.number(),
      scenarioClimateKgCo2e: z.number(),
      climateKgCo2e: z.number().describe('Saved per year'),
      climateShare: z.number(),
      kwh: z.number(),
      euros: z.number(),
      purchaseEuros: z.number(),
      electricityEuros: z.number(),
      byCriterion: z.record(z.string(), criterionTotals),
    }),
  ),
})

export const actionResponse = z.strictObject({
  id: z.number().int(),
  lever: z.string(),
  perimeter,
  perimeterText: z.string(),
  owner: z.string(),
  startDay: z.number().int().describe('Days since 1970-01-01'),
  start: z.string().describe('YYYY-MM-DD'),
  status: z.enum(['planned', 'in-progress', 'done', 'cancelled']),
  note: z.string().nullable(),
  updatedAt: z.string(),
})

export const actionListResponse = z.strictObject({ actions: z.array(actionResponse) })

const savings = z.looseObject({
  climateKgCo2e: z.number(),
  climateShare: z.number(),
  kwh: z.number(),
  euros: z.number(),
})

export const actionProgressResponse = z.strictObject({
  actions: z.array(
    z.strictObject({
      action: actionResponse,
      expected: z
        .strictObject({
          campaign: z.number().int(),
          referential: z.string(),
          savings,
          assumptions: z.array(z.string()),
        })
        .nullable(),
      measured: z
        .looseObject({
          campaignBefore: z.number().int().nullable(),
          campaignAfter: z.number().int().nullable(),
          climateKgCo2e: z.looseObject({
            total: z.number(),
            attributed: z.number(),
            otherFleetSize: z.number(),
            otherIntensity: z.number(),
          }),
        })
        .nullable(),
      achievedShareOfExpected: z.number().nullable(),
      notes: z.array(z.string()),
    }),
  ),
})

export const tariffResponse = z.strictObject({
  organisation: z.string().describe('Organisation path; the tariff applies to its subtree'),
  eurosPerKwh: z.number(),
  source: z.string().nullable(),
})

export const tariffListResponse = z.strictObject({ tariffs: z.array(tariffResponse), unit: z.string() })
