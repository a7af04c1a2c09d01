import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endOfYearDay } from '../src/app/campaigns.js'
import { importFile } from '../src/app/import-inventory.js'
import type { Deps } from '../src/app/ports.js'
import { qualityReport, type QualityReport } from '../src/app/quality-report.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { run } from '../src/cli/run.js'
import { loadConfig } from '../src/config.js'
import { normaliseModelKey } from '../src/core/referential/normalise-model-key.js'
import { qualityResponse } from '../src/http/response-schemas.js'
import { createDefaultReferentialSource } from '../src/io/ademe-referential.js'
import { openWorkspace } from '../src/main.js'

/*
 * fixtures/quality, campaign 2025 (reference date 2025-12-31), generic format (every canonical column).
 *
 * parc-nord.csv (9 rows)                                   parc-sud.csv (3 rows)
 *  L2  Lille    laptop  Dell Latitude 5420 SN-A1 pc-001     L2  Sud  desktop HP EliteDesk   SN-B1 pc-101 150 kWh
 *      2022-03-15 40 kWh                                    L3  Sud  laptop  Dell Latitude  SN-C2 pc-102 qty 1.5
 *  L3  Lille    laptop  Dell Latitude 5420 SN-A1 pc-002          2020-01-01 5 kWh
 *  L4  Lille    desktop HP EliteDesk 800   SN-A3 PC-001     L4  Sud  smartphone Apple iPhone 12 SN-C3 (clean)
 *      purchase 2031-05-01, 1000 kWh
 *  L5  Roubaix  monitor Iiyama ProLite     SN-B1  2008-06-01, 0 kWh
 *  L6  Roubaix  monitor (no make, model, serial, date), quantity 2500, lifetime 20 years
 *  L7  Roubaix  laptop Lenovo ThinkPad T14, quantity, country and status empty (imputed)
 *  L8  quantity -3 → quarantined (negative_quantity, column quantity)
 *  L9  category "toaster", model "Grille-pain 3000" → quarantined (unknown_category, column category)
 *  L10 purchase date 2023-13-45 → quarantined (invalid_date, column purchaseDate)
 *
 * Accepted: 6 + 3 = 9 assets; quarantined 3 (all in parc-nord.csv).
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'quality')
const silent = { start() {}, advance() {}, stop() {} }

/** The default referential with one model mapping, so that "Dell Latitude 5420" is matched to its model. */
function withLatitudeMapping(deps: Deps): Deps {
  const base = createDefaultReferentialSource()
  return {
    ...deps,
    referential: {
      async load() {
        const referential = await base.load()
        return {
          ...referential,
          version: `${referential.version}+latitude`,
          matching: new Map([[normaliseModelKey('Dell', 'Latitude 5420'), 'ademe-laptop']]),
        }
      },
    },
  }
}

async function importFixtures(deps: Deps): Promise<void> {
  const campaign = await deps.store.ensureCampaign(2025, endOfYearDay(2025))
  for (const name of ['parc-nord.csv', 'parc-sud.csv']) {
    await importFile(deps, {
      file: join(FIXTURES, name),
      format: 'auto',
      campaign,
      organisationPath: null,
      categoryHint: null,
      defaultCountry: 'FR',
    })
  }
}

describe('qualityReport on a hand-made inventory', () => {
  let workspace: OpenedWorkspace
  let deps: Deps
  let report: QualityReport
  beforeAll(async () => {
    workspace = await openWorkspace(':memory:', { create: true, progress: silent })
    deps = withLatitudeMapping(workspace.deps)
    await importFixtures(deps)
    report = await qualityReport(deps, { campaignYear: 2025, sample: 10, outlierLimit: 100 })
  })
  afterAll(async () => {
    await workspace.close()
  })

  it('counts rows, and quarantined rows by reason with their column', () => {
    expect(report.totals).toEqual({ rowsRead: 12, rowsAccepted: 9, rowsQuarantined: 3, rowsImputed: 1 })
    expect(report.sources.map((source) => [source.fileName, source.assets])).toEqual([
      ['parc-nord.csv', 6],
      ['parc-sud.csv', 3],
    ])
    expect(report.sources[0]!.quarantinedByReason).toEqual([
      { code: 'invalid_date', column: 'purchaseDate', rows: 1 },
      { code: 'negative_quantity', column: 'quantity', rows: 1 },
      { code: 'unknown_category', column: 'category', rows: 1 },
    ])
    // L4 purchase after the reference date; L6 lifetime 20 > 15 (import warnings, the rows are kept)
    expect(report.sources[0]!.warningsByReason).toEqual([
      { code: 'future_date', column: 'purchaseDate', rows: 1 },
      { code: 'out_of_range', column: 'lifetimeYears', rows: 1 },
    ])
    expect(report.sources[1]!.quarantinedByReason).toEqual([])
  })

  it('measures the completeness of each field and counts imputed values', () => {
    // Of 9 assets: serial on nord L2–L5 and the 3 sud rows = 7; purchase date on all but nord L6 = 8; model
    // and manufacturer on all but nord L6 = 8; host name pc-001, pc-002, PC-001, pc-101, pc-102 = 5; site on nord
    // L2, L3, L5, L6, L7 and sud L2, L3 = 7; annual kWh on nord L2, L4, L5 and sud L2, L3 = 5; lifetime on nord
    // L6 = 1; ownership on nord L2, L3 and sud L4 = 3; quantity, country, status imputed on nord L7 = 8 of 9.
    expect(report.total.completeness).toEqual({
      organisation: 1,
      site: 7 / 9,
      datacenter: 0,
      category: 1,
      manufacturer: 8 / 9,
      model: 8 / 9,
      serial: 7 / 9,
      hostname: 5 / 9,
      quantity: 8 / 9,
      purchaseDate: 8 / 9,
      retirementDate: 0,
      lifetimeYears: 1 / 9,
      annualKwh: 5 / 9,
      utilisationRate: 0,
      ownership: 3 / 9,
      country: 8 / 9,
      status: 8 / 9,
    })
    expect(report.total.imputed).toMatchObject({ quantity: 1, country: 1, status: 1, purchaseDate: 0 })
    expect(report.total.imputedAssets).toBe(1)
    // parc-sud.csv: serials 3 of 3, host names 2 of 3
    expect(report.sources[1]!.completeness.serial).toBe(1)
    expect(report.sources[1]!.completeness.hostname).toBe(2 / 3)
  })

  it('counts duplicates within a source, across sources and by host name', () => {
    // SN-A1 twice in parc-nord.csv (2 assets); SN-B1 in both files (2 assets); pc-001 / PC-001 (2 assets)
    expect(report.total.duplicates).toEqual({
      serial: 4,
      serialWithinSource: 2,
      serialAcrossSources: 2,
      hostname: 2,
    })
    expect(report.sources.map((source) => source.duplicates)).toEqual([
      { serial: 3, serialWithinSource: 2, serialAcrossSources: 1, hostname: 2 },
      { serial: 1, serialWithinSource: 0, serialAcrossSources: 1, hostname: 0 },
    ])
  })

  it('flags outliers per kind and lists them with file, line, value and expected range', () => {
    // nord L4: 1000 kWh > 5 × 123.2 (desktop) = 616, and purchase 2031; nord L5: 0 kWh, and 17.58 years old;
    // nord L6: lifetime 20 years, quantity 2500; sud L3: 5 kWh < 46.64 / 5 = 9.328, quantity 1.5
    expect(report.total.outliers).toEqual({ assets: 4, power: 3, 'future-date': 1, lifetime: 2, quantity: 2 })
    expect(report.outliers.total).toBe(8)
    expect(
      report.outliers.items.map((item) => [
        item.fileName,
        item.line,
        item.organisation,
        item.field,
        item.valueText,
        item.expectedText,
        item.rule,
      ]),
    ).toEqual([
      [
        'parc-nord.csv',
        4,
        'Agence > Nord > Lille',
        'annualKwh',
        '1000 kWh/yr',
        '24.64 – 616 kWh/yr',
        'annual-kwh-above-typical',
      ],
      [
        'parc-nord.csv',
        4,
        'Agence > Nord > Lille',
        'purchaseDate',
        '2031-05-01',
        '≤ 2025-12-31',
        'purchase-after-reference',
      ],
      [
        'parc-nord.csv',
        5,
        'Agence > Nord > Roubaix',
        'annualKwh',
        '0 kWh/yr',
        '17.6 – 440 kWh/yr',
        'annual-kwh-not-positive',
      ],
      // 2008-06-01 → 2025-12-31 = 6,422 days / 365.25 = 17.58 years
      [
        'parc-nord.csv',
        5,
        'Agence > Nord > Roubaix',
        'purchaseDate',
        '17.58 years',
        '0 – 15 years',
        'age-over-15-years',
      ],
      [
        'parc-nord.csv',
        6,
        'Agence > Nord > Roubaix',
        'lifetimeYears',
        '20 years',
        '0 – 15 years',
        'declared-lifetime-over-15-years',
      ],
      ['parc-nord.csv', 6, 'Agence > Nord > Roubaix', 'quantity', '2500', '1 – 1000', 'quantity-over-1000'],
      [
        'parc-sud.csv',
        3,
        'Agence > Sud',
        'annualKwh',
        '5 kWh/yr',
        '9.33 – 233.2 kWh/yr',
        'annual-kwh-below-typical',
      ],
      ['parc-sud.csv', 3, 'Agence > Sud', 'quantity', '1.5', '1 – 1000', 'quantity-not-whole'],
    ])
  })

  it('gives the share of assets matched to a specific model after computing the footprint', () => {
    // Dell Latitude 5420: nord L2, L3 and sud L3 = 3 matched to the model. The serial found in both files is one
    // reconciled device, so 9 source rows are 8 assets in footprints: 3 by model, 5 on the category default.
    expect(report.total.matched).toEqual({ byModel: 3, byCategoryDefault: 5, modelShare: 3 / 8 })
    expect(report.referential).toBe('empreinte-default@1.1.0+latitude+rules.0.f997a1b6') // no mapping rule: the fingerprint of an empty rule set
  })

  it('scores the campaign with the documented formula', () => {
    // mean(serial 7/9, purchase 8/9, model 8/9) = 23/27; × (1 − 1/9 imputed) × (1 − 4/9 serial duplicates)
    // × (1 − 4/9 assets with an outlier) = 0.85185 × 0.88889 × 0.55556 × 0.55556 = 0.23370 → 23.4
    expect(report.score).toBe(23.4)
    // Agence > Sud: serial 1, purchase 1, model 1; no imputed; 1 of 3 duplicated; 1 of 3 with an outlier
    // → 100 × 1 × 1 × 2/3 × 2/3 = 44.4
    expect(report.organisations.find((row) => row.organisation === 'Agence > Sud')!.score).toBe(44.4)
  })

  it('rolls organisations up to a depth and restricts to a subtree', async () => {
    const rolled = await qualityReport(deps, { campaignYear: 2025, sample: 0, depth: 2 })
    expect(rolled.organisations.map((row) => [row.organisation, row.assets, row.outliers.assets])).toEqual([
      ['Agence > Nord', 6, 3],
      ['Agence > Sud', 3, 1],
    ])
    const nord = await qualityReport(deps, {
      campaignYear: 2025,
      sample: 0,
      organisation: 'Nord',
      outlierLimit: 1,
    })
    expect(nord.organisation).toBe('Agence > Nord')
    expect(nord.total.assets).toBe(6)
    // nord: 6 outlier values (L4 ×2, L5 ×2, L6 ×2), the first listed
    expect([nord.outliers.total, nord.outliers.items.length]).toEqual([6, 1])
    expect(nord.sources.map((source) => source.fileName)).toEqual(['parc-nord.csv'])
  })
})

describe('empreinte quality, end to end', () => {
  let directory: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-quality-'))
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = ''
    let stderr = ''
    const code = await run(
      [...argv, '--workspace', directory],
      {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        isTty: false,
        now: () => Date.UTC(2026, 1, 1),
        cwd: '/',
        untilStopped: () => Promise.resolve(),
      },
      loadConfig({}),
      openWorkspace,
    )
    return { code, stdout, stderr }
  }

  it('prints the report, its JSON document and the outlier listing', async () => {
    const imported = await cli([
      'import',
      join(FIXTURES, 'parc-nord.csv'),
      join(FIXTURES, 'parc-sud.csv'),
      '--campaign',
      '2025',
    ])
    expect(imported.code).toBe(0)

    const text = await cli(['quality'])
    expect(text.code).toBe(0)
    // Default referential (no model mapping): every asset on its category's default, so the matched share is 0.
    expect(text.stdout).toContain('Data quality, campaign 2025: score 23.4 / 100')
    expect(text.stdout).toContain('0.0 % matched to a specific model (0 assets), 8 on their category')
    expect(text.stdout).toContain('serial 4 assets (2 within one source, 2 across sources), host name 2')
    expect(text.stdout).toMatch(/serial\s+77\.8 %\s+66\.7 %\s+100\.0 %/)
    expect(text.stdout).toMatch(/parc-nord\.csv\s+unknown_category\s+category\s+1/)

    const json = await cli(['quality', '--json', '--depth', '2'])
    const document = qualityResponse.parse(JSON.parse(json.stdout))
    expect(document.organisations.map((row) => [row.organisation, row.assets])).toEqual([
      ['Agence > Nord', 6],
      ['Agence > Sud', 3],
    ])

    const listing = await cli(['quality', '--outliers', '--limit', '2'])
    expect(listing.code).toBe(0)
    expect(listing.stdout).toContain('8 outlier values on 4 assets (first 2; --limit N for more)')
    expect(listing.stdout).toMatch(
      /3\s+parc-nord\.csv\s+4\s+Agence > Nord > Lille\s+annualKwh\s+1000 kWh\/yr\s+24\.64 – 616 kWh\/yr\s+annual-kwh-above-typical/,
    )
    expect(listing.stdout).toMatch(/purchaseDate\s+2031-05-01\s+≤ 2025-12-31\s+purchase-after-reference/)
  })
})
