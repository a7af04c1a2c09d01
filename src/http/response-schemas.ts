/**
 * Schemas of the API's main answers: they feed the OpenAPI document, and the route tests parse real
 * answers with them so the document cannot drift from what the server sends.
 */
import { z } from 'zod'
import { LOAD_UNITS, USAGE_DURATION_UNITS } from '../core/formats/unit-choices.js'

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
  view: z.enum(['annualised', 'purchase-year']),
  total: z.strictObject({
    climateKgCo2e: z.number(),
    climateKgCo2eInterval: z.strictObject({ low: z.number(), high: z.number() }),
    waterLitres: z.number().nullable(),
    byCriterion: criterionValues,
  }),
  uncertainty: z.strictObject({
    halfWidth: z.number(),
    relativeHalfWidth: z.number(),
    formula: z.string(),
    factors: z.array(z.looseObject({ id: z.string(), value: z.number(), unit: z.string(), source: z.string() })),
  }),
  purchaseYear: z
    .strictObject({ formula: z.string(), unitsBoughtInYear: z.number(), unitsWithoutPurchaseDate: z.number() })
    .optional(),
  ghgPosts: z
    .array(
      z.strictObject({
        id: z.string(),
        ghgProtocol: z.string(),
        iso14064: z.string(),
        bilanCarbone: z.string(),
        note: z.string(),
      }),
    )
    .optional(),
  by: z.array(z.string()),
  breakdown: z.array(
    z.strictObject({
      organisation: z.string().optional(),
      domain: z.string().optional(),
      category: z.string().optional(),
      phase: z.string().optional(),
      site: z.string().optional(),
      criterion: z.string().optional(),
      'ghg-scope': z.string().optional(),
      quantity: z.number(),
      assets: z.number().int(),
      climateKgCo2e: z.number(),
      waterLitres: z.number().nullable(),
      shareOfClimate: z.number(),
      byCriterion: criterionValues,
    }),
  ),
  personEquivalents: z
    .array(
      z.strictObject({
        criterion: z.string(),
        impact: z.number(),
        unit: z.string(),
        personEquivalents: z.number(),
        formula: z.string(),
        package: z.looseObject({ id: z.string(), value: z.number(), unit: z.string(), source: z.string() }),
      }),
    )
    .optional(),
  /** The cloud lines of the perimeter and how they were computed (docs/methodology/cloud.md). */
  cloud: z
    .strictObject({
      usageLines: z.number().int(),
      emissionsLines: z.number().int(),
      notEstimated: z.array(z.strictObject({ importId: z.number().int(), line: z.number().int() })),
      kwh: z.number(),
      climateKgCo2e: z.strictObject({ manufacturing: z.number(), use: z.number(), total: z.number() }),
      formulas: z.array(z.string()),
      factors: z.array(
        z.looseObject({ id: z.string(), value: z.number(), unit: z.string(), source: z.string() }),
      ),
      defaultsAssumed: z.array(z.strictObject({ assumption: z.string(), lines: z.number().int() })),
    })
    .optional(),
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

const fieldShares = z.record(z.string(), z.number().min(0).max(1))
const fieldCounts = z.record(z.string(), z.number().int())
const reasonCounts = z.array(
  z.strictObject({ code: z.string(), column: z.string().nullable(), rows: z.number().int() }),
)

/** Quality figures of one perimeter (src/app/quality-report.ts PerimeterQuality). */
const perimeterQuality = {
  assets: z.number().int(),
  completeness: fieldShares.describe(
    'Per canonical field: share of assets where the source gave the value (not empty, not imputed)',
  ),
  imputed: fieldCounts.describe('Per canonical field: assets whose value was imputed'),
  imputedAssets: z.number().int(),
  duplicates: z.strictObject({
    serial: z.number().int(),
    serialWithinSource: z.number().int(),
    serialAcrossSources: z.number().int(),
    hostname: z.number().int(),
  }),
  outliers: z.strictObject({
    assets: z.number().int(),
    power: z.number().int(),
    'future-date': z.number().int(),
    lifetime: z.number().int(),
    quantity: z.number().int(),
  }),
  matched: z.strictObject({
    byModel: z.number().int(),
    byCategoryDefault: z.number().int(),
    modelShare: z.number().min(0).max(1),
  }),
  score: z.number().min(0).max(100),
}

export const qualityResponse = z.strictObject({
  campaign: z.number().int(),
  referential: z.string(),
  organisation: z.string().nullable(),
  depth: z.number().int().nullable(),
  score: z.number().min(0).max(100).describe('Data-quality score 0–100 of the perimeter'),
  total: z.strictObject(perimeterQuality),
  sources: z.array(
    z.strictObject({
      importId: z.number().int(),
      fileName: z.string(),
      format: z.string(),
      kind: z.string(),
      ...counts,
      quarantinedByReason: reasonCounts,
      warningsByReason: reasonCounts,
      ...perimeterQuality,
    }),
  ),
  organisations: z.array(z.strictObject({ organisation: z.string(), ...perimeterQuality })),
  outliers: z.strictObject({
    total: z.number().int(),
    byRule: z.record(z.string(), z.number().int()),
    items: z.array(
      z.strictObject({
        assetId: z.number().int(),
        importId: z.number().int(),
        fileName: z.string(),
        line: z.number().int(),
        organisation: z.string(),
        serial: z.string().nullable(),
        hostname: z.string().nullable(),
        field: z.string(),
        rule: z.string(),
        kind: z.enum(['power', 'future-date', 'lifetime', 'quantity']),
        value: z.number(),
        expectedMin: z.number().nullable(),
        expectedMax: z.number().nullable(),
        unit: z.enum(['kWh/yr', 'date', 'years', 'units']),
        valueText: z.string(),
        expectedText: z.string(),
      }),
    ),
  }),
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
  modelResolution: z
    .strictObject({
      method: z.enum(['rule', 'model', 'fuzzy', 'category-default']),
      confidence: z.number(),
      ruleId: z.number().int().nullable(),
      key: z.string(),
    })
    .nullable()
    .describe('How the model text was resolved to the reference item (docs/methodology/reconciliation.md)'),
  reconciliation: z
    .looseObject({
      members: z.array(z.looseObject({})),
      provenance: z.array(z.looseObject({})),
      conflicts: z.array(z.looseObject({})),
    })
    .nullable()
    .describe(
      'For an asset merged from several sources: its source rows, where each field came from, the conflicts',
    ),
})

const page = { total: z.number().int(), limit: z.number().int(), offset: z.number().int() }

/** Unit choices an import used and recorded (docs/formats.md, ambiguous units). */
const unitChoices = z
  .strictObject({
    usageDurationUnit: z.enum(USAGE_DURATION_UNITS).optional(),
    loadUnit: z.enum(LOAD_UNITS).optional(),
  })
  .describe(
    'Units chosen for columns whose unit the format does not state (NumEcoEval dureeUsage*, chargeMoy)',
  )

export const importQuarantineResponse = z.strictObject({
  campaign: z.number().int(),
  import: z.strictObject({
    id: z.number().int(),
    fileName: z.string(),
    organisation: z.string().nullable(),
    rowsRead: z.number().int(),
    rowsAccepted: z.number().int(),
    rowsQuarantined: z.number().int(),
  }),
  header: z.array(z.string()).describe('The header of the file as read; each line\'s cells are in its order'),
  items: z.array(
    z.strictObject({
      line: z.number().int().describe('Line in the uploaded file'),
      cells: z.array(z.string()),
      reasons: z.array(z.string()),
    }),
  ),
  ...page,
})

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
      importedAt: z.string().nullable().describe('When the import was committed, workspace local time'),
      options: unitChoices,
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
      options: unitChoices,
    }),
  ),
  reconciliation: z
    .looseObject({ devices: z.number().int(), sourceRows: z.number().int() })
    .nullable()
    .describe('Devices found in several imports and merged into one asset each'),
  proposals: z
    .looseObject({ assets: z.number(), unresolvedAssets: z.number(), proposals: z.array(z.looseObject({})) })
    .nullable()
    .describe('The first proposed mapping rules, by units covered (empreinte mapping propose)'),
})

const reconciliationConflict = z.strictObject({
  assetId: z.number().int().describe('The reconciled asset (GET /api/assets/{key}/explanation shows its trace)'),
  field: z.string(),
  chosen: z.string().nullable().describe('The value kept, from the most trusted source for this field'),
  chosenFile: z.string(),
  other: z.string().nullable().describe('The other source\'s value, not kept'),
  otherFile: z.string(),
})

export const reconciliationResponse = z.strictObject({
  campaign: z.number().int(),
  devices: z.number().int().describe('Devices found in two or more imports, now one asset each'),
  bySerial: z.number().int(),
  byHostname: z.number().int(),
  sourceRows: z.number().int().describe('Source rows merged into those devices'),
  conflicts: z.array(
    z.strictObject({ field: z.string(), conflicts: z.number().int(), devices: z.number().int() }),
  ),
  conflictList: z.array(reconciliationConflict).describe('The first conflicts, by asset then field'),
})

const scenarioTotals = z.looseObject({
  climateKgCo2e: z.number().describe('kgCO2e per year'),
  annualKwh: z.number().describe('kWh per year at the plug'),
  facilityKwh: z.number().describe('kWh per year metered by the facility (plug × PUE)'),
  quantity: z.number(),
  eurosPerYear: z.number().describe('€ per year: purchases + electricity'),
})
const scenarioSavings = z.looseObject({
  climateKgCo2e: z.number().describe('kgCO2e per year saved'),
  climateShare: z.number().describe('Saved share of the baseline climate total, 0–1'),
  kwh: z.number().describe('Facility kWh per year saved'),
  euros: z.number().describe('€ per year saved'),
})

export const scenarioResponse = z.looseObject({
  campaign: z.number().int(),
  referential: z.string(),
  organisation: z.string().nullable(),
  levers: z.array(z.string()),
  baseline: scenarioTotals,
  scenario: scenarioTotals,
  savings: scenarioSavings,
  byLever: z.array(
    z.looseObject({
      text: z.string(),
      label: z.strictObject({ fr: z.string(), en: z.string() }),
      savings: scenarioSavings,
      affectedQuantity: z.number(),
      assumptions: z.array(z.string()),
    }),
  ),
  byGroup: z.array(z.looseObject({ group: z.string(), savings: scenarioSavings })),
  assumptions: z.array(z.string()),
})

const trajectoryYear = z.looseObject({
  year: z.number().int(),
  stock: z.number(),
  purchases: z.number(),
  amortisedKgCo2e: z.number().describe('Amortised embodied + use, kgCO2e'),
  euros: z.number(),
})

export const trajectoryResponse = z.looseObject({
  campaign: z.number().int(),
  referential: z.string(),
  organisation: z.string().nullable(),
  levers: z.array(z.string()),
  baseline: z.array(trajectoryYear),
  scenario: z.array(trajectoryYear),
  savings: z.array(
    z.looseObject({
      year: z.number().int(),
      amortisedKgCo2e: z.number(),
      euros: z.number(),
      cumulativeAmortisedTCo2e: z.number(),
      cumulativeEuros: z.number(),
    }),
  ),
  cumulative: z.strictObject({ amortisedTCo2e: z.number(), purchaseYearTCo2e: z.number(), euros: z.number() }),
  target: z.looseObject({ isOnTrack: z.boolean() }).nullable(),
  assumptions: z.array(z.string()),
})

export const mappingProposalsResponse = z.strictObject({
  campaign: z.number().int(),
  assets: z.number(),
  unresolvedAssets: z.number(),
  listedShare: z.number(),
  proposals: z.array(
    z.looseObject({
      pattern: z.string(),
      category: z.string().nullable(),
      assets: z.number(),
      suggestion: z
        .looseObject({ itemId: z.string(), confidence: z.number(), method: z.string() })
        .nullable(),
      currentMethod: z.string(),
      currentItem: z.string(),
    }),
  ),
})

export const mappingRuleResponse = z.strictObject({
  rule: z.looseObject({ pattern: z.string() }),
  isNew: z.boolean(),
})

export const openApiResponse = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({}),
  paths: z.looseObject({}),
})
