import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/run.js'
import { loadConfig } from '../../src/config.js'
import { openWorkspace } from '../../src/main.js'
import type { MigrationResult } from '../../src/app/migrate-workspace.js'
import { startPostgres, type PostgresServer } from '../support/postgres-server.js'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'e2e')
const silent = { start: () => undefined, advance: () => undefined, stop: () => undefined }

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(
    argv,
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      isTty: false,
      now: () => Date.UTC(2026, 10, 28),
      cwd: '/',
      untilStopped: () => Promise.resolve(),
    },
    loadConfig({}),
    openWorkspace,
  )
  return { code, stdout, stderr }
}

/** Row count of every table of a workspace (DuckDB folder or postgres:// URL), counted through its own engine. */
async function tableCounts(workspace: string): Promise<Record<string, number>> {
  const opened = await openWorkspace(workspace, { create: false, progress: silent })
  try {
    const tables = opened.deps.workspaceTables!
    const counts: Record<string, number> = {}
    for (const table of await tables.listTables()) counts[table.name] = await tables.countRows(table.name)
    return counts
  } finally {
    await opened.close()
  }
}

async function footprintTotal(workspace: string): Promise<number> {
  const footprint = await cli(['footprint', '--workspace', workspace, '--campaign', '2025', '--json'])
  expect(footprint.stderr).toBe('')
  return (JSON.parse(footprint.stdout) as { total: { climateKgCo2e: number } }).total.climateKgCo2e
}

const nonEmpty = (counts: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0))

describe('empreinte migrate between DuckDB and PostgreSQL 15', () => {
  let server: PostgresServer
  let folder: string
  beforeAll(async () => {
    server = await startPostgres()
    folder = await mkdtemp(join(tmpdir(), 'empreinte-migrate-'))
  })
  afterAll(async () => {
    await server.stop()
    await rm(folder, { recursive: true, force: true })
  })

  it('copies the e2e workspace to PostgreSQL and back with identical counts and footprint', async () => {
    const duckDb = join(folder, 'source')
    const files = [
      'numecoeval-datacenters.csv',
      'numecoeval-equipements.csv',
      'glpi-parc.csv',
      'telemetrie.csv',
    ]
    const imported = await cli([
      'import',
      ...files.map((name) => join(FIXTURES, name)),
      '--campaign',
      '2025',
      '--workspace',
      duckDb,
    ])
    expect(imported.code).toBe(0)
    expect((await cli(['tariff', 'set', 'CNAM', '--price', '0.2', '--workspace', duckDb])).code).toBe(0)
    const opened = await cli([
      'campaign',
      'open',
      '2025',
      '--perimeter',
      'CNAM',
      '--expect',
      'computers',
      '--workspace',
      duckDb,
    ])
    expect(opened.stderr).toBe('')
    const total = await footprintTotal(duckDb)
    // The golden 1,602.146788 kgCO2e with the two Lyon computers' measured hours (store contract).
    expect(total).toBeCloseTo(1629.9261983064694, 9)
    const sourceCounts = await tableCounts(duckDb)

    const url = await server.createDatabase()
    const toPostgres = await cli(['migrate', '--to', url, '--workspace', duckDb, '--json'])
    expect(toPostgres.stderr).toBe('')
    expect(toPostgres.code).toBe(0)
    const forth = JSON.parse(toPostgres.stdout) as MigrationResult
    expect([forth.from, forth.to]).toEqual(['duckdb', 'postgres'])
    expect(forth.tables.every((table) => table.sourceRows === table.targetRows)).toBe(true)
    const postgresCounts = await tableCounts(url)
    expect(nonEmpty(postgresCounts)).toEqual(nonEmpty(sourceCounts))
    expect(nonEmpty(postgresCounts)).toEqual(EXPECTED_COUNTS)
    expect(forth.rows).toBe(Object.values(EXPECTED_COUNTS).reduce((sum, count) => sum + count, 0))
    expect(await footprintTotal(url)).toBeCloseTo(total, 9)
    const text = await cli(['migrate', '--to', url, '--workspace', duckDb])
    expect(text.code).toBe(1)
    expect(text.stderr).toMatch(/^empreinte: The target postgres workspace is not empty: .*asset \(10 rows\)/)

    const back = join(folder, 'back')
    const toDuckDb = await cli(['migrate', '--to', back, '--from', url])
    expect(toDuckDb.stderr).toBe('')
    expect(toDuckDb.code).toBe(0)
    expect(toDuckDb.stdout).toMatch(/^table +rows in postgres +rows in duckdb\n/)
    expect(toDuckDb.stdout).toContain('every count matches')
    const backCounts = await tableCounts(back)
    expect(backCounts).toEqual(sourceCounts)
    expect(await footprintTotal(back)).toBeCloseTo(total, 9)
    // After the copy both are ordinary workspaces: a forced recomputation gives the same total on each.
    const refreshed = await cli(['migrate', '--to', back, '--from', url])
    expect(refreshed.stderr).toMatch(/not empty/)
  })

  it('explains what is missing', async () => {
    expect((await cli(['migrate'])).stderr).toMatch(/migrate needs --to/)
    expect((await cli(['migrate', '--to', join(folder, 'x')])).stderr).toMatch(/give --from postgres:\/\//)
  })
})

// The e2e fixtures (3 inventories + 1 telemetry file), a tariff and an opened campaign, computed: 10 assets
// (3 NumEcoEval + 7 GLPI) on 10 models, 6 quarantined rows (1 + 2 + 3 telemetry), 3 telemetry rows matched to 2
// assets, 10 result groups × 12 criteria, 5 signatures (3 organisations with rows, datacenters, overrides).
const EXPECTED_COUNTS: Record<string, number> = {
  asset: 10,
  asset_usage: 2,
  audit_event: 6,
  campaign: 1,
  campaign_evidence: 9,
  campaign_evidence_state: 1,
  campaign_member: 2,
  campaign_setup: 1,
  computation: 1,
  // 3 organisations + the datacenter, electricity-override and cloud-line signatures
  computation_organisation: 6,
  country: 1,
  criterion: 12,
  datacenter: 2,
  electricity_tariff: 1,
  finding: 6,
  import: 4,
  model: 10,
  model_result: 10,
  organisation: 4,
  quarantine: 6,
  result_group: 10,
  result_impact: 120,
  site: 3,
  telemetry: 3,
}
