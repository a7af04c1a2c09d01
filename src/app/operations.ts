/**
 * The one typed operation map: every use case the CLI, the HTTP API and the dashboard's client reach,
 * with its input schema (validated at each boundary) and its implementation.
 * Operation ids are `noun.verb`; HTTP routes and CLI commands mirror them.
 */
import { z } from 'zod'
import { FORMAT_PROFILES } from '../core/formats/format-profiles.js'
import { CATEGORY_IDS } from '../core/inventory/categories.js'
import { LOAD_UNITS, USAGE_DURATION_UNITS } from '../core/formats/unit-choices.js'
import { explainAsset } from './explain-asset.js'
import { BREAKDOWN_DIMENSIONS, getFootprint } from './get-footprint.js'
import { importFiles } from './import-files.js'
import { listImports } from './list-imports.js'
import { listOrganisations } from './list-organisations.js'
import { qualityReport } from './quality-report.js'
import { reconcileSources } from './reconcile-sources.js'
import type { Deps } from './ports.js'

const campaignYear = z.number().int().min(1990).max(2100).nullable().default(null)
const limit = z.number().int().min(1).max(1000).default(100)
const offset = z.number().int().min(0).default(0)

/** Formats an import may name: `auto` detects it from the header. */
export const IMPORT_FORMATS = ['auto', ...FORMAT_PROFILES.map((profile) => profile.id), 'telemetry'] as [
  string,
  ...string[],
]

export const OPERATION_INPUTS = {
  'footprint.get': z.object({
    campaignYear,
    by: z.array(z.enum(BREAKDOWN_DIMENSIONS as unknown as [string, ...string[]])).default([]),
    organisation: z.string().min(1).nullable().default(null),
  }),
  'quality.report': z.object({
    campaignYear,
    sample: z.number().int().min(0).max(10_000).default(100),
    organisation: z.string().min(1).nullable().default(null),
    depth: z.number().int().min(1).max(20).nullable().default(null),
    outlierLimit: z.number().int().min(0).max(10_000).default(0),
  }),
  'asset.explain': z.object({ campaignYear, asset: z.string().min(1) }),
  'inventory.import': z.object({
    files: z
      .array(z.object({ path: z.string().min(1), label: z.string().min(1) }))
      .min(1, 'Give at least one file to import'),
    format: z.enum(IMPORT_FORMATS).default('auto'),
    organisation: z.string().min(1).nullable().default(null),
    campaignYear,
    category: z.enum(CATEGORY_IDS).nullable().default(null),
    /** The campaign to create when none is named and the workspace has none (the caller's last year). */
    defaultCampaignYear: z.number().int().min(1990).max(2100),
    /** Unit of NumEcoEval `dureeUsage*` and of G4IT `chargeMoy` when the file does not tell (recorded, reused). */
    usageDurationUnit: z.enum(USAGE_DURATION_UNITS).nullable().default(null),
    loadUnit: z.enum(LOAD_UNITS).nullable().default(null),
  }),
  'imports.list': z.object({ campaignYear, limit, offset }),
  'organisations.list': z.object({ campaignYear, limit, offset }),
  'reconciliation.run': z.object({
    campaignYear,
    conflictLimit: z.number().int().min(0).max(10_000).default(0),
  }),
} as const

export type OperationId = keyof typeof OPERATION_INPUTS
export type OperationInput<Id extends OperationId> = z.infer<(typeof OPERATION_INPUTS)[Id]>

/** Runs operation `id` with an already validated input. */
export const OPERATIONS = {
  'footprint.get': (deps: Deps, input: OperationInput<'footprint.get'>) =>
    getFootprint(deps, { ...input, by: input.by as (typeof BREAKDOWN_DIMENSIONS)[number][] }),
  'quality.report': (deps: Deps, input: OperationInput<'quality.report'>) => qualityReport(deps, input),
  'asset.explain': (deps: Deps, input: OperationInput<'asset.explain'>) => explainAsset(deps, input),
  'inventory.import': (deps: Deps, input: OperationInput<'inventory.import'>) => importFiles(deps, input),
  'imports.list': (deps: Deps, input: OperationInput<'imports.list'>) => listImports(deps, input),
  'organisations.list': (deps: Deps, input: OperationInput<'organisations.list'>) =>
    listOrganisations(deps, input),
  'reconciliation.run': (deps: Deps, input: OperationInput<'reconciliation.run'>) =>
    reconcileSources(deps, input),
} satisfies { [Id in OperationId]: (deps: Deps, input: OperationInput<Id>) => Promise<unknown> }

/** What operation `id` resolves to. */
export type OperationOutput<Id extends OperationId> = Awaited<ReturnType<(typeof OPERATIONS)[Id]>>
