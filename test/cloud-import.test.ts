import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/run-cli.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats', 'cloud')

// Hand calculation (docs/methodology/cloud.md; CCF coefficients @ dda7621f):
// Sky Lake (AWS m5.xlarge and t3.medium, Xeon Platinum 8175M): 0.6446044454253452–4.193436438541878 W/vCPU,
//   at the default 50 % load: W = 0.6446044… + 0.5 × (4.1934364… − 0.6446044…) = 2.419020441983611 W/vCPU.
// CUR line 2 (m5.xlarge, eu-west-3, 730 h × 4 vCPU): kWh = 2920 × 2.41902… / 1000 = 7.063539690592144;
//   use = 7.0635… × PUE 1.135 × 0.052 = 0.4168901125387483; embodied = 1610.79 × 730 / 35040 × 4 / 96 = 1.3982552083333333.
// CUR line 3 (t3.medium, eu-west-1, 720 h × 2 vCPU): kWh = 1440 × 2.41902… / 1000 = 3.4833894364564;
//   use = 3.4833… × 1.135 × 0.316 = 1.2493524552794524; embodied = 1610.79 × 720 / 35040 × 2 / 96 = 0.6895505136986301.
// Azure (Standard_D2s_v3 = CCF "D2s v3": 2 vCPU of 64, 1483.12 kg, architecture unknown → mean of the 8 Azure
//   architectures: min 0.8472112937370536, max 3.6932690801900083), France Central, 1000 h at 20 %:
//   W = 0.84721… + 0.2 × (3.69326… − 0.84721…) = 1.4164228510276446; kWh = 2000 × 1.41642… / 1000 = 2.8328457020552893;
//   use = 2.8328… × 1.185 × 0.067 = 0.22491378451467972; embodied = 1483.12 × 1000 / 35040 × 2 / 64 = 1.3227026255707763.
// GCP Carbon Footprint export, as-is: 12.5 + 0.75 = 13.25 kgCO2e (use).
const USE = 0.4168901125387483 + 1.2493524552794524 + 0.22491378451467972 + 13.25 // 15.14115635233288
const MANUFACTURING = 1.3982552083333333 + 0.6895505136986301 + 1.3227026255707763 // 3.4105083476027396
const KWH = 7.063539690592144 + 3.4833894364564 + 2.8328457020552893 // 13.379774829103834

type Imported = {
  imports: {
    format: string
    rowsRead: number
    rowsAccepted: number
    rowsQuarantined: number
    findings: { line: number; column: string | null; code: string; severity: string; message: string }[]
  }[]
}
type Report = {
  total: { climateKgCo2e: number }
  annualKwh: number
  breakdown: { domain?: string; phase?: string; organisation?: string; climateKgCo2e: number }[]
  cloud: {
    usageLines: number
    emissionsLines: number
    kwh: number
    climateKgCo2e: { manufacturing: number; use: number; total: number }
    formulas: string[]
    factors: { id: string; value: number; source: string }[]
    defaultsAssumed: { assumption: string; lines: number }[]
  }
}

describe('cloud usage and provider emissions in the cloud domain', () => {
  let workspace = ''
  const cli = (argv: string[]) => runCli([...argv, '--workspace', workspace])
  let imported: Imported

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'empreinte-cloud-'))
    const result = await cli([
      'import',
      join(FIXTURES, 'aws-cur.csv'),
      join(FIXTURES, 'azure-cost-export.csv'),
      join(FIXTURES, 'gcp-carbon-footprint.csv'),
      '--organisation',
      'CNAM > DSI',
      '--campaign',
      '2024',
      '--json',
    ])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    imported = JSON.parse(result.stdout) as Imported
  })
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true })
  })

  it('detects the three exports and quarantines the bad lines', () => {
    expect(
      imported.imports.map(({ format, rowsRead, rowsAccepted, rowsQuarantined }) => [
        format,
        rowsRead,
        rowsAccepted,
        rowsQuarantined,
      ]),
    ).toEqual([
      ['cloud-usage', 4, 2, 2],
      ['cloud-usage', 1, 1, 0],
      ['cloud-emissions', 3, 2, 1],
    ])
  })

  it('says which line, column and why each bad line was refused', () => {
    const refused = imported.imports.flatMap((record) =>
      record.findings
        .filter((finding) => finding.severity === 'rejected')
        .map(({ line, column, code, message }) => ({ line, column, code, message })),
    )
    expect(refused).toEqual([
      {
        line: 4,
        column: 'product/region',
        code: 'unknown_value',
        message: 'product/region "eu-west-9" has no aws grid factor in the CCF coefficients',
      },
      {
        line: 5,
        column: 'lineItem/UsageStartDate',
        code: 'out_of_range',
        message:
          'lineItem/UsageStartDate "2023-12-01T00:00:00Z" is outside the campaign\'s 12 months: import it into the campaign of its year',
      },
      {
        line: 4,
        column: 'carbon_footprint_total_kgCO2e.location_based',
        code: 'invalid_number',
        message: 'carbon_footprint_total_kgCO2e.location_based "beaucoup" is not a valid number',
      },
    ])
    // Azure's export names no provider: France Central is only an Azure region.
    const azure = imported.imports[1]!.findings.find((finding) => finding.column === 'provider')
    expect(azure).toBeUndefined()
    expect(imported.imports[1]!.findings.map((finding) => finding.message)).toContain(
      'provider is empty: azure (the only provider with region "francecentral")',
    )
  })

  it('puts the lines in the cloud domain, use and manufacturing, with exact figures', async () => {
    const byDomain = JSON.parse(
      (await cli(['footprint', '--campaign', '2024', '--by', 'domain,phase', '--json'])).stdout,
    ) as Report
    expect(byDomain.total.climateKgCo2e).toBeCloseTo(USE + MANUFACTURING, 10) // 18.55166469993562
    const cloud = byDomain.breakdown.filter((row) => row.domain === 'cloud')
    expect(cloud.find((row) => row.phase === 'use')!.climateKgCo2e).toBeCloseTo(USE, 10)
    expect(cloud.find((row) => row.phase === 'manufacturing')!.climateKgCo2e).toBeCloseTo(MANUFACTURING, 10)
    expect(byDomain.annualKwh).toBeCloseTo(KWH, 10)

    const byOrganisation = JSON.parse(
      (await cli(['footprint', '--campaign', '2024', '--by', 'organisation', '--json'])).stdout,
    ) as Report
    expect(byOrganisation.breakdown.map((row) => row.organisation)).toEqual(['CNAM > DSI'])

    const text = (await cli(['footprint', '--campaign', '2024', '--by', 'domain'])).stdout
    expect(text).toContain('cloud')
  })

  it('traces the lines: formulas, CCF factors with their sources, defaults assumed', async () => {
    const report = JSON.parse((await cli(['footprint', '--campaign', '2024', '--json'])).stdout) as Report
    expect(report.cloud.usageLines).toBe(3)
    expect(report.cloud.emissionsLines).toBe(2)
    expect(report.cloud.kwh).toBeCloseTo(KWH, 10)
    expect(report.cloud.climateKgCo2e.use).toBeCloseTo(USE, 10)
    expect(report.cloud.climateKgCo2e.manufacturing).toBeCloseTo(MANUFACTURING, 10)
    expect(report.cloud.formulas).toContain(
      'vCPU-hours × (minW + averageLoad × (maxW − minW)) / 1000 × PUE × grid',
    )
    expect(report.cloud.formulas).toContain('provider-reported kgCO2e, counted as-is in the use phase')
    const grid = report.cloud.factors.find((factor) => factor.id === 'ccf/aws/grid/eu-west-3')!
    expect(grid.value).toBe(0.052)
    expect(grid.source).toContain('upstream EEA')
    expect(report.cloud.factors.find((factor) => factor.id === 'ccf/azure/grid/France Central')!.value).toBe(
      0.067,
    )
    expect(report.cloud.factors.find((factor) => factor.id === 'ccf/pue/aws')!.value).toBe(1.135)
    expect(report.cloud.defaultsAssumed).toEqual([
      { assumption: 'average CPU load: CCF default 50 %', lines: 2 },
      { assumption: 'architecture not given: average of the azure architectures', lines: 1 },
    ])
  })
})
