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
import { FOOTPRINT_DIMENSIONS, getFootprint, NORMALISATIONS } from './get-footprint.js'
import { ACCOUNTING_VIEWS } from '../core/footprint/accounting-views.js'
import { DIFF_DIMENSIONS, diffCampaigns } from './diff-campaigns.js'
import {
  listElectricityOverrides,
  removeElectricityOverride,
  setElectricityOverride,
} from './electricity-overrides.js'
import { importFiles } from './import-files.js'
import { importQuarantine } from './import-quarantine.js'
import { listImports } from './list-imports.js'
import { listOrganisations } from './list-organisations.js'
import { qualityReport } from './quality-report.js'
import { reconcileSources } from './reconcile-sources.js'
import { EXPORT_TABLES, exportTable } from './export-table.js'
import { proposeRules, setRule } from './mapping.js'
import { organisationReport } from './organisation-report.js'
import { projectFleetTrajectory } from './project-fleet-trajectory.js'
import { runScenario } from './run-scenario.js'
import type { Deps } from './ports.js'
import { ECO_DESIGN_INPUTS, ECO_DESIGN_OPERATIONS } from './eco-design-operations.js'
import { CAMPAIGN_INPUTS, CAMPAIGN_OPERATIONS } from './campaign-operations.js'
import { PLAN_INPUTS, PLAN_OPERATIONS } from './plan-operations.js'
import { REFERENTIAL_INPUTS, REFERENTIAL_OPERATIONS } from './referential-operations.js'

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
    by: z.array(z.enum(FOOTPRINT_DIMENSIONS as unknown as [string, ...string[]])).default([]),
    organisation: z.string().min(1).nullable().default(null),
    normalise: z.enum(NORMALISATIONS).nullable().default(null),
    view: z.enum(ACCOUNTING_VIEWS).nullable().default(null),
  }),
  'footprint.diff': z.object({
    campaignYear,
    againstYear: z.number().int().min(1990).max(2100),
    by: z.array(z.enum(DIFF_DIMENSIONS)).default([]),
    organisation: z.string().min(1).nullable().default(null),
  }),
  'electricity.list': z.object({}),
  'electricity.set': z.object({
    override: z.strictObject({
      organisation: z.string().min(1).nullable().default(null),
      site: z.string().min(1).nullable().default(null),
      kgCo2ePerKwh: z.number().min(0).max(2),
      source: z.string().min(1).nullable().default(null),
    }),
  }),
  'electricity.remove': z.object({ id: z.number().int().min(1) }),
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
  'imports.quarantine': z.object({ campaignYear, importId: z.number().int().min(1), limit, offset }),
  'organisations.list': z.object({ campaignYear, limit, offset }),
  'reconciliation.run': z.object({
    campaignYear,
    conflictLimit: z.number().int().min(0).max(10_000).default(0),
  }),
  'scenario.simulate': z.object({
    campaignYear,
    levers: z
      .array(z.string().min(1), { error: 'Give at least one lever' })
      .min(1, 'Give at least one lever'),
    organisation: z.string().min(1).nullable().default(null),
    groupDepth: z.number().int().min(1).max(20).default(2),
  }),
  'trajectory.project': z.object({
    campaignYear,
    levers: z.array(z.string().min(1)).default([]),
    organisation: z.string().min(1).nullable().default(null),
    endYear: z.number().int().min(1990).max(2100),
    targetPercent: z.number().int().min(0).max(100).nullable().default(null),
  }),
  'mapping.propose': z.object({ campaignYear, limit: z.number().int().min(1).max(1000).default(20) }),
  'mapping.set': z.object({
    pattern: z.string().min(1),
    referenceItem: z.string().min(1).nullable().default(null),
    category: z.enum(CATEGORY_IDS).nullable().default(null),
  }),
  'table.export': z.object({
    campaignYear,
    table: z.enum(EXPORT_TABLES),
    format: z.enum(['csv', 'xlsx']).default('csv'),
    organisation: z.string().min(1).nullable().default(null),
  }),
  'organisation.report': z.object({ campaignYear, organisation: z.string().min(1) }),
  ...ECO_DESIGN_INPUTS,
  ...CAMPAIGN_INPUTS,
  ...PLAN_INPUTS,
  ...REFERENTIAL_INPUTS,
} as const

export type OperationId = keyof typeof OPERATION_INPUTS
export type OperationInput<Id extends OperationId> = z.infer<(typeof OPERATION_INPUTS)[Id]>

/** Runs operation `id` with an already validated input. */
export const OPERATIONS = {
  'footprint.get': (deps: Deps, input: OperationInput<'footprint.get'>) =>
    getFootprint(deps, { ...input, by: input.by as (typeof FOOTPRINT_DIMENSIONS)[number][] }),
  'footprint.diff': (deps: Deps, input: OperationInput<'footprint.diff'>) => diffCampaigns(deps, input),
  'electricity.list': (deps: Deps) => listElectricityOverrides(deps),
  'electricity.set': (deps: Deps, input: OperationInput<'electricity.set'>) =>
    setElectricityOverride(deps, input.override),
  'electricity.remove': (deps: Deps, input: OperationInput<'electricity.remove'>) =>
    removeElectricityOverride(deps, input),
  'quality.report': (deps: Deps, input: OperationInput<'quality.report'>) => qualityReport(deps, input),
  'asset.explain': (deps: Deps, input: OperationInput<'asset.explain'>) => explainAsset(deps, input),
  'inventory.import': (deps: Deps, input: OperationInput<'inventory.import'>) => importFiles(deps, input),
  'imports.list': (deps: Deps, input: OperationInput<'imports.list'>) => listImports(deps, input),
  'imports.quarantine': (deps: Deps, input: OperationInput<'imports.quarantine'>) =>
    importQuarantine(deps, input),
  'organisations.list': (deps: Deps, input: OperationInput<'organisations.list'>) =>
    listOrganisations(deps, input),
  'reconciliation.run': (deps: Deps, input: OperationInput<'reconciliation.run'>) =>
    reconcileSources(deps, input),
  'scenario.simulate': (deps: Deps, input: OperationInput<'scenario.simulate'>) => runScenario(deps, input),
  'trajectory.project': (deps: Deps, input: OperationInput<'trajectory.project'>) =>
    projectFleetTrajectory(deps, {
      campaignYear: input.campaignYear,
      levers: input.levers,
      organisation: input.organisation,
      endYear: input.endYear,
      target:
        input.targetPercent === null
          ? null
          : { targetYear: input.endYear, reductionShare: input.targetPercent / 100 },
    }),
  'mapping.propose': (deps: Deps, input: OperationInput<'mapping.propose'>) => proposeRules(deps, input),
  'mapping.set': (deps: Deps, input: OperationInput<'mapping.set'>) =>
    setRule(deps, {
      pattern: input.pattern,
      ...(input.referenceItem === null ? {} : { reference_item: input.referenceItem }),
      ...(input.category === null ? {} : { category: input.category }),
    }),
  'table.export': (deps: Deps, input: OperationInput<'table.export'>) => exportTable(deps, input),
  'organisation.report': (deps: Deps, input: OperationInput<'organisation.report'>) =>
    organisationReport(deps, input),
  ...ECO_DESIGN_OPERATIONS,
  ...CAMPAIGN_OPERATIONS,
  ...PLAN_OPERATIONS,
  ...REFERENTIAL_OPERATIONS,
} satisfies { [Id in OperationId]: (deps: Deps, input: OperationInput<Id>) => Promise<unknown> }

/** What operation `id` resolves to. */
export type OperationOutput<Id extends OperationId> = Awaited<ReturnType<(typeof OPERATIONS)[Id]>>
