/**
 * Schemas of the API's main answers: they feed the OpenAPI document, and the route tests parse real
 * answers with them so the document cannot drift from what the server sends.
 */
import { z } from 'zod'

const issue = z.strictObject({ path: z.string(), message: z.string() })

export const errorResponse = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string(), issues: z.array(issue).optional() }),
})

export const healthResponse = z.strictObject({ status: z.literal('ok'), engine: z.string() })

const criterionValues = z.record(z.string(), z.number())

export const footprintResponse = z.strictObject({
  campaign: z.number().int(),
  referential: z.string(),
  organisation: z.string().nullable(),
  units: z.record(z.string(), z.string()),
  assets: z.number().int(),
  quantity: z.number(),
  annualKwh: z.number(),
  total: z.strictObject({
    climateKgCo2e: z.number(),
    waterLitres: z.number().nullable(),
    byCriterion: criterionValues,
  }),
  by: z.array(z.string()),
  breakdown: z.array(
    z.strictObject({
      organisation: z.string().optional(),
      domain: z.string().optional(),
      category: z.string().optional(),
      phase: z.string().optional(),
      site: z.string().optional(),
      criterion: z.string().optional(),
      quantity: z.number(),
      assets: z.number().int(),
      climateKgCo2e: z.number(),
      waterLitres: z.number().nullable(),
      shareOfClimate: z.number(),
    }),
  ),
})

const counts = {
  rowsRead: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsQuarantined: z.number().int(),
  rowsImputed: z.number().int(),
}

const finding = z.strictObject({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  severity: z.enum(['rejected', 'imputed', 'warning']),
  message: z.string(),
  value: z.string().nullable(),
})

export const qualityResponse = z.strictObject({
  campaign: z.number().int(),
  score: z.number().min(0).max(100).describe('Data-quality score 0–100 of the campaign'),
  sources: z.array(
    z.strictObject({
      importId: z.number().int(),
      fileName: z.string(),
      format: z.string(),
      ...counts,
      reasons: z.array(
        z.strictObject({ code: z.string(), column: z.string().nullable(), rows: z.number().int() }),
      ),
    }),
  ),
  organisations: z.array(
    z.strictObject({
      organisation: z.string(),
      assets: z.number().int(),
      imputedAssets: z.number().int(),
      quarantinedRows: z.number().int(),
      fieldCompleteness: z.record(z.string(), z.number()),
      duplicateSerialAssets: z.number().int(),
      futurePurchaseAssets: z.number().int(),
      overFifteenYearsAssets: z.number().int(),
      score: z.number().min(0).max(100),
    }),
  ),
  quarantineSample: z.array(
    z.strictObject({
      fileName: z.string(),
      line: z.number().int(),
      raw: z.array(z.string()),
      findings: z.array(finding),
    }),
  ),
  totals: z.strictObject(counts),
})

export const explanationResponse = z.strictObject({
  campaign: z.number().int(),
  referenceDay: z.number().int().describe('Days since 1970-01-01 of the campaign reference date'),
  asset: z.looseObject({
    id: z.number().int(),
    category: z.string(),
    organisationPath: z.array(z.string()),
    quantity: z.number(),
  }),
  footprint: z.looseObject({
    referenceItemId: z.string(),
    lifetimeYears: z.number(),
    annualKwh: z.number(),
    impacts: z.record(z.string(), z.record(z.string(), z.number())),
  }),
  trace: z.looseObject({
    referential: z.string(),
    referenceItemId: z.string(),
    defaultsAssumed: z.array(z.string()),
    phases: z.array(z.looseObject({})),
  }),
})

const page = { total: z.number().int(), limit: z.number().int(), offset: z.number().int() }

export const importListResponse = z.strictObject({
  campaign: z.number().int(),
  items: z.array(
    z.strictObject({
      id: z.number().int(),
      fileName: z.string(),
      format: z.string(),
      kind: z.string(),
      encoding: z.string(),
      delimiter: z.string(),
      checksum: z.string(),
      organisation: z.string().nullable(),
      ...counts,
    }),
  ),
  ...page,
})

export const organisationListResponse = z.strictObject({
  campaign: z.number().int(),
  items: z.array(
    z.strictObject({
      path: z.string(),
      name: z.string(),
      parent: z.string().nullable(),
      depth: z.number().int(),
      assets: z.number().int(),
      totalAssets: z.number().int(),
      children: z.number().int(),
    }),
  ),
  ...page,
})

export const importResponse = z.strictObject({
  campaign: z.number().int(),
  imports: z.array(
    z.strictObject({
      file: z.string(),
      format: z.string(),
      kind: z.string(),
      encoding: z.string(),
      delimiter: z.string(),
      headerLine: z.number().int(),
      ...counts,
      isAlreadyImported: z.boolean(),
      unknownColumns: z.array(z.string()),
      findings: z.array(finding),
      assumptions: z.array(z.string()),
    }),
  ),
})

export const openApiResponse = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({}),
  paths: z.looseObject({}),
})
