/**
 * Schemas of the referential-version and virtual-equipment answers (docs/referentials.md): they feed the OpenAPI
 * document, and test/referential-api.test.ts parses real answers with them.
 */
import { z } from 'zod'

const referentialFormat = z.enum(['g4it', 'numecoeval'])
const tableCounts = z.record(z.string(), z.number().int()).describe('Rows per referential table')
/** Per criterion, the value of each phase (manufacturing, distribution, use, end-of-life), per year. */
const impacts = z.record(z.string(), z.record(z.string(), z.number()))

export const referentialListResponse = z.strictObject({
  referentials: z.array(
    z.strictObject({
      referential: z.string().describe('NAME@VERSION'),
      kind: z.enum(['default', 'imported']),
      format: referentialFormat.nullable(),
      importedMs: z.number().int().nullable(),
      counts: tableCounts.nullable(),
      campaigns: z.array(z.number().int()).describe('Campaign years pinned to it (latest pin)'),
    }),
  ),
})

export const referentialImportResponse = z.strictObject({
  referential: z.string(),
  format: referentialFormat,
  files: z.array(z.strictObject({ file: z.string(), table: z.string(), rows: z.number().int() })),
  skipped: z.array(z.string()),
  counts: tableCounts,
})

export const referentialUseResponse = z.strictObject({
  campaign: z.number().int(),
  referential: z.string(),
  previous: z.string(),
})

const factorValue = z.union([z.number(), z.string(), z.null()])

export const referentialDiffResponse = z.strictObject({
  before: z.string(),
  after: z.string(),
  factors: z.array(
    z.strictObject({
      kind: z.enum(['embodied', 'annual-kwh', 'lifetime', 'electricity', 'hypothesis', 'category-default']),
      key: z.string(),
      criterion: z.string().nullable(),
      phase: z.string().nullable(),
      before: factorValue,
      after: factorValue,
      unit: z.string(),
    }),
  ),
  campaign: z.number().int().nullable(),
  totals: z.array(
    z.strictObject({
      criterion: z.string(),
      unit: z.string(),
      before: z.number(),
      after: z.number(),
      change: z.number(),
    }),
  ),
  effects: z.array(
    z.strictObject({
      category: z.string(),
      phase: z.string(),
      criterion: z.string(),
      before: z.number(),
      after: z.number(),
      change: z.number(),
    }),
  ),
})

export const applicationFootprintResponse = z.strictObject({
  campaign: z.number().int(),
  referential: z.string(),
  by: z.array(z.enum(['application', 'application-domain', 'application-sub-domain'])),
  units: z.record(z.string(), z.string()),
  total: z.strictObject({ climateKgCo2e: z.number(), byCriterion: z.record(z.string(), z.number()) }),
  breakdown: z.array(
    z.strictObject({
      keys: z.record(z.string(), z.string()),
      applications: z.number().int(),
      climateKgCo2e: z.number(),
      byCriterion: z.record(z.string(), z.number()),
      byPhase: z.record(z.string(), z.number()).describe('Climate change per phase, kgCO2e per year'),
    }),
  ),
  note: z.string(),
})

const vmFootprint = z.strictObject({
  name: z.string(),
  organisationPath: z.array(z.string()),
  sourceLine: z.number().int(),
  host: z.string().nullable(),
  status: z.enum(['allocated', 'unknown-host', 'cloud']),
  rule: z.enum(['allocation-key', 'vcpu', 'storage', 'equal-split']).nullable(),
  shareSource: z.string(),
  share: z.number(),
  siblings: z.array(z.string()),
  impacts,
})

const hostFootprint = z.strictObject({
  name: z.string(),
  assetId: z.number().int(),
  referenceItemId: z.string(),
  impacts,
  organisationPath: z.array(z.string()),
  datacenter: z.string().nullable(),
})

const applicationFootprint = z.strictObject({
  name: z.string(),
  domain: z.string().nullable(),
  subDomain: z.string().nullable(),
  environments: z.array(z.string()),
  organisationPath: z.array(z.string()),
  vms: z.array(
    z.strictObject({
      vm: z.string(),
      host: z.string().nullable(),
      applicationsOnVm: z.number().int(),
      vmShareOfHost: z.number(),
      share: z.number(),
    }),
  ),
  unknownVms: z.array(z.string()),
  impacts,
})

export const virtualMachineExplanationResponse = z.strictObject({
  campaign: z.number().int(),
  referential: z.string(),
  kind: z.literal('vm'),
  name: z.string(),
  vm: vmFootprint,
  host: hostFootprint.optional().describe('Absent when the host is not in the workspace or the VM is a cloud instance'),
  note: z.string(),
})

export const applicationExplanationResponse = z.strictObject({
  campaign: z.number().int(),
  referential: z.string(),
  kind: z.literal('application'),
  name: z.string(),
  application: applicationFootprint,
  vms: z.array(z.strictObject({ vm: vmFootprint, host: hostFootprint.nullable() })),
  note: z.string(),
})
