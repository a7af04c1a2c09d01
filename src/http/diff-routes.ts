/**
 * The API route of `empreinte diff`: the change between two campaigns split into an inventory effect and a
 * factor effect (docs/methodology/accounting-views.md), spliced into the route table of api-routes.ts. Its access
 * rule is declared in route-access.ts.
 */
import { z } from 'zod'
import type { ApiRoute } from './api-routes.js'

export const footprintDiffResponse = z
  .looseObject({ campaign: z.number().int(), against: z.number().int() })
  .describe(
    'A → B: totals, inventory effect (B inventory with A factors − A), factor effect, per breakdown row',
  )

export const DIFF_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/footprint/diff',
    operationId: 'footprint.diff',
    operation: 'footprint.diff',
    summary:
      'Change of the climate footprint from campaign A to campaign B, attributed to inventory changes and to ' +
      'factor changes (same as `empreinte diff --campaign A --against B --json`).',
    parameters: [
      {
        name: 'campaign',
        in: 'query',
        field: 'campaignYear',
        kind: 'integer',
        description: 'Campaign A (compared from); the latest campaign when absent.',
      },
      {
        name: 'against',
        in: 'query',
        field: 'againstYear',
        kind: 'integer',
        description: 'Campaign B (compared to).',
      },
      {
        name: 'by',
        in: 'query',
        field: 'by',
        kind: 'list',
        description: 'Comma-separated dimensions: organisation, domain, category, phase, site.',
      },
      {
        name: 'organisation',
        in: 'query',
        field: 'organisation',
        kind: 'string',
        description: 'Only this organisation and what is below it: its name or full path.',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: footprintDiffResponse },
    errors: [400, 404],
  },
]
