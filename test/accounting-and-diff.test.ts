import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/run-cli.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import { openWorkspace } from '../src/main.js'
import { createAdministratorToken } from './support/api-token.js'

// Laptops and a desktop in Germany (grid: Our World in Data / Ember, 0.42 kgCO2e/kWh in 2022, 0.344 in 2024 and,
// nearest year, 2025), no ownership (utilisation 1), ADEME factors: laptop 170 / 12.3 / 2.79 kgCO2e,
// desktop 203 / 1.85 / 6.61 kgCO2e (manufacturing / distribution / end of life).
const HEADER = 'organisation,category,serial,quantity,purchaseDate,lifetimeYears,annualKwh,country'
const CAMPAIGN_2022 = [HEADER, 'Org,laptop,LAP-A,2,,5,20,DE', 'Org,desktop,DESK-A,1,,5,100,DE'].join('\n')
const CAMPAIGN_2024 = [HEADER, 'Org,laptop,LAP-B,3,,5,20,DE'].join('\n')
// 2025: one laptop bought in the year (age 305 days → lifetime raised to 1 year), one bought 2022-01-01
// (1,460 days to 2025-12-31 → lifetime 4 years).
const CAMPAIGN_2025 = [
  HEADER,
  'Org,laptop,LAP-NEW,1,2025-03-01,,20,DE',
  'Org,laptop,LAP-OLD,1,2022-01-01,,20,DE',
].join('\n')

type Diff = {
  total: { before: number; after: number; inventoryEffect: number; factorEffect: number; change: number }
  rows: {
    category: string
    before: number
    afterInventoryBeforeFactors: number
    after: number
    inventoryEffect: number
    factorEffect: number
    quantityBefore: number
    quantityAfter: number
  }[]
  factors: { campaign: { electricityYear: number }; against: { electricityYear: number } }
}

type Report = {
  view: string
  total: { climateKgCo2e: number; climateKgCo2eInterval: { low: number; high: number } }
  uncertainty: { halfWidth: number }
  purchaseYear?: { unitsBoughtInYear: number; unitsWithoutPurchaseDate: number }
  ghgPosts?: { id: string; bilanCarbone: string }[]
  breakdown: { 'ghg-scope'?: string; phase?: string; climateKgCo2e: number }[]
}

describe('diff between campaigns, accounting views, GHG posts and intervals', () => {
  let workspace = ''
  const cli = (argv: string[]) => runCli([...argv, '--workspace', workspace])
  const json = async <T>(argv: string[]): Promise<T> => {
    const result = await cli([...argv, '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    return JSON.parse(result.stdout) as T
  }

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'empreinte-diff-'))
    for (const [year, text] of [
      ['2022', CAMPAIGN_2022],
      ['2024', CAMPAIGN_2024],
      ['2025', CAMPAIGN_2025],
    ] as const) {
      const file = join(workspace, `inventory-${year}.csv`)
      await writeFile(file, text)
      const imported = await cli(['import', file, '--format', 'generic', '--campaign', year, '--json'])
      expect(imported.code).toBe(0)
    }
  })
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true })
  })

  it('splits the change 2022 → 2024 into inventory and factor effects per category', async () => {
    const diff = await json<Diff>(['diff', '--campaign', '2022', '--against', '2024', '--by', 'category'])
    // A (2022, 0.42): laptops 2 × 185.09 / 5 = 74.036 + use 2 × 20 × 0.42 = 16.8 → 90.836
    //                 desktop 211.46 / 5 = 42.292 + use 100 × 0.42 = 42 → 84.292;   total 175.128
    // B (2024, 0.344): laptops 3 × 37.018 = 111.054 + use 3 × 20 × 0.344 = 20.64 → 131.694
    // X (B's inventory, 2022 factors): laptops 111.054 + 3 × 20 × 0.42 = 25.2 → 136.254
    // laptop: inventory 136.254 − 90.836 = 45.418, factors 131.694 − 136.254 = −4.56
    // desktop: inventory 0 − 84.292 = −84.292, factors 0
    expect(diff.factors.campaign.electricityYear).toBe(2022)
    expect(diff.factors.against.electricityYear).toBe(2024)
    const laptop = diff.rows.find((row) => row.category === 'laptop')!
    const desktop = diff.rows.find((row) => row.category === 'desktop')!
    expect(laptop.before).toBeCloseTo(90.836, 9)
    expect(laptop.afterInventoryBeforeFactors).toBeCloseTo(136.254, 9)
    expect(laptop.after).toBeCloseTo(131.694, 9)
    expect(laptop.inventoryEffect).toBeCloseTo(45.418, 9)
    expect(laptop.factorEffect).toBeCloseTo(-4.56, 9)
    expect([laptop.quantityBefore, laptop.quantityAfter]).toEqual([2, 3])
    expect(desktop.inventoryEffect).toBeCloseTo(-84.292, 9)
    expect(desktop.factorEffect).toBeCloseTo(0, 9)
    // total: 131.694 − 175.128 = −43.434 = −38.874 (inventory) − 4.56 (factors)
    expect(diff.total.change).toBeCloseTo(-43.434, 9)
    expect(diff.total.inventoryEffect).toBeCloseTo(-38.874, 9)
    expect(diff.total.factorEffect).toBeCloseTo(-4.56, 9)
    // The same answer over the API: GET /api/footprint/diff.
    const opened = await openWorkspace(workspace, {
      create: false,
      progress: { start: () => {}, advance: () => {}, stop: () => {} },
    })
    try {
      const app = createHttpApp(opened.deps, { logger: () => undefined })
      const token = await createAdministratorToken(opened.deps)
      const response = await app.request('/api/footprint/diff?campaign=2022&against=2024&by=category', {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(response.status).toBe(200)
      const body = (await response.json()) as Diff
      expect(body.total.inventoryEffect).toBeCloseTo(-38.874, 9)
      expect(body.total.factorEffect).toBeCloseTo(-4.56, 9)
      expect(body.rows.find((row) => row.category === 'laptop')!.inventoryEffect).toBeCloseTo(45.418, 9)
    } finally {
      await opened.close()
    }
    const text = (await cli(['diff', '--campaign', '2022', '--against', '2024', '--by', 'category'])).stdout
    expect(text).toContain('inventory effect')
    expect(text).toContain('Total change: -43.43 kgCO2e/yr = inventory -38.87 + factors -4.56')
    const missing = await cli(['diff', '--campaign', '2022'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--against YEAR')
  })

  it('reports the purchase-year view: whole embodied impact of the laptop bought in 2025, none for the older', async () => {
    const annualised = await json<Report>(['footprint', '--campaign', '2025'])
    // new: 185.09 / 1 + 20 × 0.344 = 191.97; old: 185.09 / 4 = 46.2725 + 6.88 = 53.1525 → 245.1225
    expect(annualised.view).toBe('annualised')
    expect(annualised.total.climateKgCo2e).toBeCloseTo(245.1225, 9)
    const purchase = await json<Report>(['footprint', '--campaign', '2025', '--view', 'purchase-year'])
    // new: 185.09 + 6.88 = 191.97; old: 0 + 6.88 → 198.85
    expect(purchase.total.climateKgCo2e).toBeCloseTo(198.85, 9)
    expect(purchase.purchaseYear).toMatchObject({ unitsBoughtInYear: 1, unitsWithoutPurchaseDate: 0 })
    const bad = await cli(['footprint', '--view', 'amortised'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Unknown --view "amortised"')
  })

  it('maps results to GHG scopes and Bilan Carbone posts in both views', async () => {
    const byPost = (report: Report) =>
      Object.fromEntries(
        report.breakdown.map((row) => [row['ghg-scope'], Number(row.climateKgCo2e.toFixed(9))]),
      )
    const annualised = await json<Report>(['footprint', '--campaign', '2025', '--by', 'ghg-scope'])
    // use 2 × 20 × 0.344 = 13.76; manufacturing 170 + 42.5 = 212.5; distribution 12.3 + 3.075 = 15.375;
    // end of life 2.79 + 0.6975 = 3.4875
    expect(byPost(annualised)).toEqual({
      'scope-2': 13.76,
      'scope-3-cat-2-amortised': 212.5,
      'scope-3-cat-4': 15.375,
      'scope-3-cat-5': 3.4875,
    })
    const purchase = await json<Report>([
      'footprint',
      '--campaign',
      '2025',
      '--by',
      'ghg-scope',
      '--view',
      'purchase-year',
    ])
    expect(byPost(purchase)).toEqual({
      'scope-2': 13.76,
      'scope-3-cat-2': 170,
      'scope-3-cat-4': 12.3,
      'scope-3-cat-5': 2.79,
    })
    expect(purchase.ghgPosts!.find((post) => post.id === 'scope-3-cat-2')!.bilanCarbone).toContain('post 10')
  })

  it('gives the total an interval: ±40 % per embodied group in quadrature, use ±50 % kWh and ±15 % grid', async () => {
    const report = await json<Report>(['footprint', '--campaign', '2025'])
    // laptop groups (both dated: no lifetime default): manufacturing 212.5, distribution 15.375, eol 3.4875;
    // variance 0.16 × (45,156.25 + 236.390625 + 12.16265625) = 7,264.768525
    // use 13.76: (0.5 × 13.76)² = 47.3344, grid (0.15 × 13.76)² = 4.260096 → variance 7,316.363021
    const halfWidth = Math.sqrt(7316.363021)
    expect(report.uncertainty.halfWidth).toBeCloseTo(halfWidth, 6)
    expect(report.total.climateKgCo2eInterval.low).toBeCloseTo(245.1225 - halfWidth, 6)
    expect(report.total.climateKgCo2eInterval.high).toBeCloseTo(245.1225 + halfWidth, 6)
    // 2024: 3 laptops without a purchase date → lifetime default share 1 widens embodied to √(0.4² + 0.25²)
    const undated = await json<Report>(['footprint', '--campaign', '2024'])
    // embodied 111.054 (3 × 37.018 split 102 / 7.38 / 1.674): √(0.2225) × each; use 20.64
    const variance = 0.2225 * (102 ** 2 + 7.38 ** 2 + 1.674 ** 2) + (0.5 * 20.64) ** 2 + (0.15 * 20.64) ** 2
    expect(undated.uncertainty.halfWidth).toBeCloseTo(Math.sqrt(variance), 6)
    const text = (await cli(['footprint', '--campaign', '2025'])).stdout
    // 245.1225 ± 85.536 = [159.59, 330.66] kgCO2e/yr; 85.536 / 245.1225 = 34.9 %
    expect(text).toContain('interval [0.160, 0.331] tCO2e/yr (±34.9 %')
  })
})

describe('explain a breakdown row', () => {
  let workspace = ''
  const cli = (argv: string[]) => runCli([...argv, '--workspace', workspace])

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'empreinte-explain-row-'))
    const file = join(workspace, 'inventory-2024.csv')
    await writeFile(
      file,
      [
        HEADER,
        'Org > A,laptop,LAP-1,3,,5,20,DE',
        'Org > A,laptop,LAP-2,1,,,20,DE',
        'Org > B,desktop,D-1,1,,5,100,DE',
      ].join('\n'),
    )
    expect((await cli(['import', file, '--format', 'generic', '--campaign', '2024'])).code).toBe(0)
  })
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true })
  })

  it('lists the inputs, factors with source and version, defaults with asset counts, and the formula', async () => {
    const result = await cli([
      'explain',
      '--organisation',
      'Org > A',
      '--category',
      'laptop',
      '--phase',
      'manufacturing',
      '--campaign',
      '2024',
      '--json',
    ])
    expect(result.stderr).toBe('')
    const explanation = JSON.parse(result.stdout) as {
      storedKgCo2e: number
      recomputedKgCo2e: number
      units: number
      phases: { phase: string; formulas: string[] }[]
      factors: { id: string; value: number; unit: string; source: string; version: string; units: number }[]
      defaultsAssumed: { text: string; assets: number }[]
    }
    // LAP-1: 3 × 170 / 5 (inventory lifetime) = 102; LAP-2: 1 × 170 / 5 (ADEME default lifetime) = 34 → 136
    expect(explanation.recomputedKgCo2e).toBeCloseTo(136, 9)
    expect(explanation.storedKgCo2e).toBeCloseTo(136, 9)
    expect(explanation.units).toBe(4)
    expect(explanation.phases).toEqual([
      {
        phase: 'manufacturing',
        kgCo2e: explanation.recomputedKgCo2e,
        formulas: ['quantity × factor × utilisationRate / lifetimeYears'],
      },
    ])
    const manufacturing = explanation.factors.find(
      (factor) => factor.id === 'ademe-laptop/climate-change/manufacturing',
    )!
    expect([manufacturing.value, manufacturing.unit, manufacturing.units]).toEqual([170, 'kgCO2e', 4])
    expect(manufacturing.source).toContain('ADEME publicodes-acv-numerique 2.1.0')
    expect(manufacturing.version).toMatch(/^empreinte-default@/)
    expect(explanation.defaultsAssumed).toContainEqual({
      text: 'lifetime: category default 5 years (no purchase date)',
      assets: 1,
    })
    // every phase: use 4 × 20 × 0.344 = 27.52 with the German 2024 grid factor
    const text = (
      await cli(['explain', '--organisation', 'Org > A', '--category', 'laptop', '--campaign', '2024'])
    ).stdout
    expect(text).toContain(
      'use: 27.52 kgCO2e/yr = quantity × annualKwh × electricityFactor × pue × utilisationRate',
    )
    expect(text).toContain('electricity/DE/climate-change/2024 = 0.344 kgCO2e/kWh')
    const total = await cli(['explain', '--organisation', 'Org', '--campaign', '2024', '--json'])
    expect((JSON.parse(total.stdout) as { explanation: { assets: number } }).explanation.assets).toBe(3)
  })
})
