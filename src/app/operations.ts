/**
 * The one typed operation map: every use case the CLI, the HTTP API and the dashboard's client reach,
 * with its input schema (validated at each boundary) and its implementation.
 * Operation ids are `noun.verb`; HTTP routes and CLI commands mirror them.
 */
import { z } from 'zod'
import { explainAsset } from './explain-asset.js'
import { BREAKDOWN_DIMENSIONS, getFootprint } from './get-footprint.js'
import { qualityReport } from './quality-report.js'
import type { Deps } from './ports.js'

const campaignYear = z.number().int().min(1990).max(2100).nullable().default(null)

export const OPERATION_INPUTS = {
  'footprint.get': z.object({
    campaignYear,
    by: z.array(z.enum(BREAKDOWN_DIMENSIONS as unknown as [string, ...string[]])).default([]),
    organisation: z.string().min(1).nullable().default(null),
  }),
  'quality.report': z.object({ campaignYear, sample: z.number().int().min(0).max(10_000).default(100) }),
  'asset.explain': z.object({ campaignYear, asset: z.string().min(1) }),
} as const

export type OperationId = keyof typeof OPERATION_INPUTS
export type OperationInput<Id extends OperationId> = z.infer<(typeof OPERATION_INPUTS)[Id]>

/** Runs operation `id` with an already validated input. */
export const OPERATIONS = {
  'footprint.get': (deps: Deps, input: OperationInput<'footprint.get'>) =>
    getFootprint(deps, { ...input, by: input.by as (typeof BREAKDOWN_DIMENSIONS)[number][] }),
  'quality.report': (deps: Deps, input: OperationInput<'quality.report'>) => qualityReport(deps, input),
  'asset.explain': (deps: Deps, input: OperationInput<'asset.explain'>) => explainAsset(deps, input),
} satisfies { [Id in OperationId]: (deps: Deps, input: OperationInput<Id>) => Promise<unknown> }
