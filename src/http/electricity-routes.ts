/**
 * The API routes of electricity factor overrides per organisation subtree or site (docs/electricity.md), spliced
 * into the route table of api-routes.ts; the same use cases as `empreinte electricity list|set|remove`. Their
 * access rules are declared in route-access.ts.
 */
import { z } from 'zod'
import type { ApiRoute } from './api-routes.js'

const override = z.strictObject({
  id: z.number().int(),
  organisationPath: z.array(z.string()).describe('Empty for a site override valid in any organisation'),
  site: z.string().nullable(),
  kgCo2ePerKwh: z.number().describe('Climate factor of electricity, kgCO2e/kWh'),
  source: z.string(),
})

export const electricityOverrideResponse = override
export const electricityOverrideListResponse = z.strictObject({ overrides: z.array(override) })
export const electricityOverrideRemoveResponse = z.strictObject({ removed: z.number().int() })

export const ELECTRICITY_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/electricity-overrides',
    operationId: 'electricity.list',
    operation: 'electricity.list',
    summary:
      'The electricity climate factors set per organisation subtree or site (kgCO2e/kWh), which replace the ' +
      "country's grid factor in the use phase (docs/electricity.md).",
    parameters: [],
    response: { status: 200, contentType: 'application/json', schema: electricityOverrideListResponse },
    errors: [],
  },
  {
    method: 'POST',
    path: '/api/electricity-overrides',
    operationId: 'electricity.set',
    operation: 'electricity.set',
    summary:
      'Set the climate factor of electricity for an organisation (and all below it) or a site, with its source; ' +
      'the next computation uses it (audited).',
    parameters: [
      {
        name: 'body',
        in: 'body',
        field: 'override',
        kind: 'json',
        description:
          '{ "organisation": name or path or null, "site": name or null, "kgCo2ePerKwh": 0.052, "source": text or null }',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: electricityOverrideResponse },
    errors: [400, 403, 404, 415],
  },
  {
    method: 'DELETE',
    path: '/api/electricity-overrides/{id}',
    operationId: 'electricity.remove',
    operation: 'electricity.remove',
    summary: 'Remove an electricity factor override (audited).',
    parameters: [
      {
        name: 'id',
        in: 'path',
        field: 'id',
        kind: 'integer',
        description: 'The override id (GET lists them).',
      },
    ],
    response: { status: 200, contentType: 'application/json', schema: electricityOverrideRemoveResponse },
    errors: [400, 403, 404],
  },
]
