/**
 * Response schemas of the collection-campaign routes (docs/campaigns.md), described in the OpenAPI document.
 */
import { z } from 'zod'
import { ORGANISATION_STATUSES } from '../core/campaigns/organisation-status.js'

const status = z.enum(ORGANISATION_STATUSES)

export const campaignOpenResponse = z.object({
  campaign: z.number().int(),
  version: z.number().int(),
  perimeter: z.string(),
  referential: z.string(),
  expected: z.array(z.string()),
  organisations: z.number().int(),
})

export const campaignBoardResponse = z.object({
  campaign: z.number().int(),
  version: z.number().int(),
  state: z.enum(['open', 'closed']),
  perimeter: z.string(),
  referential: z.string(),
  frozenReferential: z.string().nullable(),
  expected: z.array(z.string()),
  counts: z.record(z.string(), z.number().int()),
  previousCampaign: z.number().int().nullable(),
  filter: z.string().nullable(),
  sort: z.string(),
  organisations: z.array(
    z.object({
      code: z.string(),
      path: z.string(),
      status,
      sourcesReceived: z.number().int(),
      sourcesExpected: z.number().int(),
      received: z.array(z.string()),
      missing: z.array(z.string()),
      qualityScore: z.number().describe('0–100'),
      units: z.number(),
      workstations: z.number(),
      headcount: z.number().nullable(),
      quarantinedRows: z.number().int(),
      anomalies: z.array(
        z.object({
          code: z.string(),
          message: z.string(),
          value: z.number(),
          unit: z.string(),
          threshold: z.string(),
        }),
      ),
      contact: z.string().nullable(),
      lastDecision: z
        .object({ decision: z.string(), comment: z.string(), actor: z.string(), atMs: z.number() })
        .nullable(),
    }),
  ),
})

export const campaignReviewResponse = z.object({
  campaign: z.number().int(),
  organisation: z.string(),
  decision: z.enum(['validate', 'send-back']),
  status,
  actor: z.string(),
})

export const campaignRestateResponse = z
  .looseObject({ campaign: z.number().int(), version: z.number().int() })
  .describe('The new frozen version of the campaign and how it differs from the previous one')

export const campaignCloseResponse = z.object({
  campaign: z.number().int(),
  version: z.number().int(),
  referential: z.string(),
  organisations: z.number().int(),
  climateKgCo2e: z.number().describe('kgCO2e per year'),
})
