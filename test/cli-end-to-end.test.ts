import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run.js'
import { runCli } from './support/run-cli.js'
import { loadConfig } from '../src/config.js'
import { createAdministratorToken } from './support/api-token.js'
import { openWorkspace } from '../src/main.js'
import { writeXlsx } from '../src/io/xlsx/write-xlsx.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'e2e')

const cli = (argv: string[]) => runCli(argv)

describe('empreinte CLI, end to end on fixture files', () => {
  let workspace: string
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'empreinte-cli-'))
  })
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true })
  })

  const importAll = () =>
    cli([
      'import',
      join(FIXTURES, 'numecoeval-datacenters.csv'),
      join(FIXTURES, 'numecoeval-equipements.csv'),
      join(FIXTURES, 'glpi-parc.csv'),
      '--campaign',
      '2025',
      '--workspace',
      workspace,
      '--json',
    ])

  it('imports ugly real-format files and quarantines exactly the bad rows, with line, column and reason', async () => {
    const result = await importAll()
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as { imports: Record<string, unknown>[] }
    expect(
      report.imports.map((entry) => [
        entry['format'],
        entry['encoding'],
        entry['rowsRead'],
        entry['rowsAccepted'],
        entry['rowsQuarantined'],
      ]),
    ).toEqual([
      ['numecoeval-datacenter', 'utf-8', 2, 2, 0],
      // line 5: dateAchat 2023-13-01 (month 13)
      ['numecoeval-physical', 'utf-8', 4, 3, 1],
      // line 6: 31/02/2021 is not a date; line 7: type "Divers" is no known category
      ['glpi', 'windows-1252', 9, 7, 2],
    ])
    const quality = JSON.parse((await cli(['quality', '--workspace', workspace, '--json'])).stdout) as {
      quarantineSample: {
        fileName: string
        line: number
        findings: { column: string; code: string; severity: string }[]
      }[]
    }
    expect(
      quality.quarantineSample.map((row) => [
        row.fileName,
        row.line,
        row.findings
          .filter((finding) => finding.severity === 'rejected')
          .map((finding) => [finding.column, finding.code]),
      ]),
    ).toEqual([
      ['numecoeval-equipements.csv', 5, [['dateAchat', 'invalid_date']]],
      ['glpi-parc.csv', 6, [["Date d'achat", 'invalid_date']]],
      ['glpi-parc.csv', 7, [['Type', 'unknown_category']]],
    ])
  })

  it('matches the golden footprint and traces (any methodology or factor change shows as a reviewable diff)', async () => {
    await importAll()
    const footprint = JSON.parse(
      (
        await cli([
          'footprint',
          '--by',
          'organisation,domain,category,phase',
          '--workspace',
          workspace,
          '--json',
        ])
      ).stdout,
    ) as unknown
    const explanations = []
    for (const asset of ['5CG1A2B3', 'SRV-N-001', 'SRV-S-001', 'PF1XYZ']) {
      const result = await cli(['explain', asset, '--workspace', workspace, '--json'])
      expect(result.code).toBe(0)
      explanations.push(JSON.parse(result.stdout) as unknown)
    }
    // Canonical text: keys sorted (per-criterion objects follow the database's row order) and figures at 10
    // significant digits (DuckDB sums in parallel: the last bits of a float change from run to run).
    const canonical = (_key: string, value: unknown): unknown =>
      typeof value === 'number' && !Number.isInteger(value)
        ? Number(value.toPrecision(10))
        : value !== null && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : value
    await expect(JSON.stringify({ footprint, explanations }, canonical, 2) + '\n').toMatchFileSnapshot(
      join(FIXTURES, 'golden-footprint.json'),
    )
  })

  it('imports usage telemetry in bulk, quarantines unreadable and impossible rows, and uses measured hours', async () => {
    await importAll()
    const result = await cli(['import', join(FIXTURES, 'telemetrie.csv'), '--workspace', workspace, '--json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as { imports: Record<string, unknown>[] }
    // 6 rows: line 3 "xx" hours, line 4 month 13, and 25 powered hours on 2025-12-04 are refused.
    expect(
      report.imports.map((entry) => [
        entry['format'],
        entry['rowsRead'],
        entry['rowsAccepted'],
        entry['rowsQuarantined'],
      ]),
    ).toEqual([['telemetry', 6, 3, 3]])
    expect(report.imports[0]!['assumptions']).toContain(
      '2 device(s) matched to assets by host name or serial number, 1 not matched',
    )
    const explanation = JSON.parse(
      (await cli(['explain', 'PC-69-0002', '--workspace', workspace, '--json'])).stdout,
    ) as {
      footprint: { annualKwh: number; impacts: { 'climate-change': { use: number } } }
    }
    // One valid day at 24 h → 24 × 365 = 8,760 h/yr; desktop 70 W × 8,760 h = 613.2 kWh; × 0.0519 = 31.82508 kgCO2e
    expect(explanation.footprint.annualKwh).toBeCloseTo(613.2, 9)
    expect(explanation.footprint.impacts['climate-change'].use).toBeCloseTo(31.82508, 9)
    // A second telemetry file in the same process reports its own rejects only.
    const second = join(workspace, 'telemetrie-2.csv')
    await writeFile(
      second,
      (await readFile(join(FIXTURES, 'telemetrie.csv'), 'utf8')).replace(
        '2025-12-01;PC-69-0001',
        '2025-12-05;PC-69-0001',
      ),
    )
    const again = JSON.parse((await cli(['import', second, '--workspace', workspace, '--json'])).stdout) as {
      imports: Record<string, unknown>[]
    }
    expect(
      again.imports.map((entry) => [entry['rowsRead'], entry['rowsAccepted'], entry['rowsQuarantined']]),
    ).toEqual([[6, 3, 3]])
  })

  it('imports each worksheet of an XLSX workbook that has an inventory header, skipping the cover sheet', async () => {
    const file = join(workspace, 'parc.xlsx')
    const header = [
      'Nom',
      'Entité',
      'Statut',
      'Fabricant',
      'Modèle',
      'Type',
      'Numéro de série',
      "Date d'achat",
    ]
    await writeXlsx(file, [
      { name: 'Couverture', header: ['Export', 'GLPI'], rows: [['date', '28/11/2026']] },
      {
        name: 'Ordinateurs',
        header,
        rows: [
          [
            'PC-1',
            'CNAM > CPAM Nord',
            'En service',
            'Dell',
            'Latitude 5420',
            'Ordinateur portable',
            'X1',
            '15/03/2021',
          ],
          [
            'PC-2',
            'CNAM > CPAM Nord',
            'En service',
            'HP',
            'ProDesk 400',
            'Ordinateur fixe',
            'X2',
            '31/02/2021',
          ],
          [
            'PC-3',
            'CNAM > CPAM Nord',
            'En service',
            'Lenovo',
            'T14',
            'Ordinateur portable',
            'X3',
            '01/06/2022',
          ],
        ],
      },
      {
        name: 'Écrans',
        header,
        rows: [['ECR-1', 'CNAM > CPAM Nord', 'En service', 'Dell', 'P2419H', 'Écran', 'E1', '15/03/2021']],
      },
    ])
    const run = async () =>
      JSON.parse(
        (await cli(['import', file, '--campaign', '2025', '--workspace', workspace, '--json'])).stdout,
      ) as {
        imports: Record<string, unknown>[]
      }
    const first = await run()
    // Row 3 of "Ordinateurs" (PC-2, 31/02/2021) is quarantined; the cover sheet has no inventory header.
    expect(
      first.imports.map((entry) => [
        entry['format'],
        entry['rowsRead'],
        entry['rowsAccepted'],
        entry['rowsQuarantined'],
        entry['isAlreadyImported'],
      ]),
    ).toEqual([
      ['glpi', 3, 2, 1, false],
      ['glpi', 1, 1, 0, false],
    ])
    const quality = JSON.parse((await cli(['quality', '--workspace', workspace, '--json'])).stdout) as {
      quarantineSample: { fileName: string; line: number }[]
    }
    expect(quality.quarantineSample.map((row) => [row.fileName, row.line])).toEqual([
      ['parc.xlsx#Ordinateurs', 3],
    ])
    const again = await run()
    expect(again.imports.map((entry) => entry['isAlreadyImported'])).toEqual([true, true])
  })

  it('exports quarantined rows in their source format; once corrected they import', async () => {
    await importAll()
    const out = join(workspace, 'to-fix')
    const exported = JSON.parse(
      (await cli(['quarantine', 'export', out, '--workspace', workspace, '--json'])).stdout,
    ) as {
      files: { source: string; file: string; rows: number; lines: number[] }[]
    }
    expect(exported.files.map((entry) => [entry.source, entry.rows, entry.lines])).toEqual([
      ['numecoeval-equipements.csv', 1, [5]],
      ['glpi-parc.csv', 2, [6, 7]],
    ])
    // The GLPI rows come back as Windows-1252 with ";", under the original header.
    const glpi = exported.files[1]!.file
    const bytes = await readFile(glpi)
    const text = bytes.toString('latin1')
    expect(text.split('\r\n')[0]).toBe(
      "Nom;Entité;Statut;Fabricant;Modèle;Type;Numéro de série;Lieu;Date d'achat;Date de réforme;Utilisateur;empreinte_source_line",
    )
    // The added last column holds each row's line in the original file.
    expect(
      text
        .split('\r\n')
        .slice(1, 3)
        .map((line) => line.split(';').at(-1)),
    ).toEqual(['6', '7'])
    // A person fixes the date and the type; the corrected file imports whole.
    await writeFile(
      glpi,
      Buffer.from(
        text.replace('31/02/2021', '28/02/2021').replace(';Divers;', ';Ordinateur fixe;'),
        'latin1',
      ),
    )
    const fixed = JSON.parse((await cli(['import', glpi, '--workspace', workspace, '--json'])).stdout) as {
      imports: Record<string, unknown>[]
    }
    expect(
      fixed.imports.map((entry) => [
        entry['format'],
        entry['encoding'],
        entry['rowsRead'],
        entry['rowsAccepted'],
        entry['rowsQuarantined'],
      ]),
    ).toEqual([['glpi', 'windows-1252', 2, 2, 0]])
    expect(String(fixed.imports[0]!['assumptions'])).toMatch(
      /corrects import \d+: 2 quarantined row\(s\) resolved/,
    )
    // The corrected rows left the quarantine of the GLPI import: only the NumEcoEval row (line 5) remains.
    const again = JSON.parse(
      (await cli(['quarantine', 'export', join(workspace, 'again'), '--workspace', workspace, '--json']))
        .stdout,
    ) as { files: { source: string; lines: number[] }[] }
    expect(again.files.map((entry) => [entry.source, entry.lines])).toEqual([
      ['numecoeval-equipements.csv', [5]],
    ])
  })

  it('recognises a file imported twice and adds nothing', async () => {
    await importAll()
    const again = JSON.parse((await importAll()).stdout) as { imports: { isAlreadyImported: boolean }[] }
    expect(again.imports.map((entry) => entry.isAlreadyImported)).toEqual([true, true, true])
    const footprint = JSON.parse((await cli(['footprint', '--workspace', workspace, '--json'])).stdout) as {
      assets: number
    }
    expect(footprint.assets).toBe(10)
  })

  it('says clearly which file and line is wrong when a header is not recognised', async () => {
    const result = await cli(['import', join(FIXTURES, 'unknown-header.csv'), '--workspace', workspace])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/unknown-header\.csv, line 1: cannot recognise the format/)
  })

  it('serves the API on a loopback port until asked to stop', async () => {
    await importAll()
    // Every route but health needs a user: an administrator's API token, made before the server holds the file.
    const opened = await openWorkspace(workspace, {
      create: false,
      progress: { start: () => {}, advance: () => {}, stop: () => {} },
    })
    const token = await createAdministratorToken(opened.deps).finally(() => opened.close())
    let stdout = ''
    let health: unknown = null
    let footprint: { total: { climateKgCo2e: number } } | null = null
    const code = await run(
      ['serve', '--port', '0', '--workspace', workspace],
      {
        stdout: (text) => (stdout += text),
        stderr: () => undefined,
        isTty: false,
        now: () => Date.UTC(2026, 10, 28),
        cwd: '/',
        untilStopped: async () => {
          const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!
          health = await (await fetch(`${url}/api/health`)).json()
          footprint = (await (
            await fetch(`${url}/api/footprint?by=domain`, { headers: { authorization: `Bearer ${token}` } })
          ).json()) as typeof footprint
        },
      },
      loadConfig({}),
      openWorkspace,
    )
    expect(code).toBe(0)
    expect(health).toEqual({ status: 'ok', engine: 'duckdb' })
    // Same total as the golden file: 1,602.146788… kgCO2e for the fixture files.
    expect(footprint!.total.climateKgCo2e).toBeCloseTo(1602.1467881814697, 6)
  })

  it('simulates a lever with the JSON contract: baseline, scenario, per-lever effect', async () => {
    await importAll()
    const footprint = JSON.parse(
      (await cli(['footprint', '--by', 'category,phase', '--workspace', workspace, '--json'])).stdout,
    ) as {
      total: { climateKgCo2e: number }
      breakdown: { category: string; phase: string; climateKgCo2e: number }[]
    }
    const result = await cli([
      'simulate',
      '--lever',
      'lifetime-extension:years=2,categories=laptop',
      '--workspace',
      workspace,
      '--json',
    ])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as {
      baseline: { climateKgCo2e: number }
      scenario: { climateKgCo2e: number }
      byLever: { text: string; savings: { climateKgCo2e: number } }[]
    }
    expect(report.baseline.climateKgCo2e).toBeCloseTo(footprint.total.climateKgCo2e, 6)
    // Laptops (ADEME lifetime 5 years) kept 2 more: every embodied phase × 5/7, so the saving is 2/7 of it.
    const laptopEmbodied = footprint.breakdown
      .filter((row) => row.category === 'laptop' && row.phase !== 'use')
      .reduce((sum, row) => sum + row.climateKgCo2e, 0)
    expect(report.byLever.map((effect) => effect.text)).toEqual([
      'lifetime-extension:years=2,categories=laptop',
    ])
    expect(report.byLever[0]!.savings.climateKgCo2e).toBeCloseTo((laptopEmbodied * 2) / 7, 6)
    expect(report.scenario.climateKgCo2e).toBeCloseTo(
      report.baseline.climateKgCo2e - (laptopEmbodied * 2) / 7,
      6,
    )
    const bad = await cli(['simulate', '--lever', 'lifetime-extension:years=-1', '--workspace', workspace])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('lifetime-extension')
  })

  it('projects a fleet trajectory to a target year', async () => {
    await importAll()
    const result = await cli([
      'trajectory',
      '--lever',
      'lifetime-extension:years=2,categories=laptop',
      '--to',
      '2030',
      '--target',
      '10%',
      '--workspace',
      workspace,
      '--json',
    ])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as {
      baseline: { year: number }[]
      target: { reductionShare: number }
    }
    expect(report.baseline.map((year) => year.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030])
    expect(report.target.reductionShare).toBe(0.1)
  })

  it('refuses an unknown command and a bad option with exit code 2', async () => {
    expect((await cli(['fly', '--workspace', workspace])).code).toBe(2)
    expect((await cli(['footprint', '--campaign', 'last', '--workspace', workspace])).code).toBe(2)
  })

  it('reports a missing file by name', async () => {
    const result = await cli(['import', join(workspace, 'nope.csv'), '--workspace', workspace])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('nope.csv: no such file.')
  })
})
