import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/run.js'
import { loadConfig } from '../../src/config.js'
import { workspaceOpener } from '../../src/main.js'
import { startPostgres, type PostgresServer } from '../support/postgres-server.js'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'e2e')

/** One command line in-process with the given environment (EMPREINTE_DATABASE_URL selects PostgreSQL). */
async function cli(
  argv: string[],
  environment: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const config = loadConfig(environment)
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
    config,
    workspaceOpener(config),
  )
  return { code, stdout, stderr }
}

describe('empreinte with EMPREINTE_DATABASE_URL (PostgreSQL 15)', () => {
  let server: PostgresServer
  let folder: string
  beforeAll(async () => {
    server = await startPostgres()
    folder = await mkdtemp(join(tmpdir(), 'empreinte-pg-cli-'))
  })
  afterAll(async () => {
    await server.stop()
    await rm(folder, { recursive: true, force: true })
  })

  it('imports the GLPI fixture and gives the same footprint total as DuckDB', async () => {
    const onPostgres = { EMPREINTE_DATABASE_URL: await server.createDatabase(), EMPREINTE_WORKSPACE: folder }
    const onDuckDb = { EMPREINTE_WORKSPACE: join(folder, 'duckdb') }
    const totals: number[] = []
    for (const environment of [onPostgres, onDuckDb]) {
      const imported = await cli(
        ['import', join(FIXTURES, 'glpi-parc.csv'), '--campaign', '2025', '--json'],
        environment,
      )
      expect(imported.stderr).toBe('')
      expect(imported.code).toBe(0)
      const footprint = await cli(['footprint', '--json'], environment)
      expect(footprint.code).toBe(0)
      totals.push((JSON.parse(footprint.stdout) as { total: { climateKgCo2e: number } }).total.climateKgCo2e)
    }
    // GLPI lines only (7 accepted): the workstation part of the golden breakdown,
    // 40.981033 + 39.777687 + 19.1172 + 67.983691 + 40.23279 + 7.426505 = 215.518906 kgCO2e.
    expect(totals[0]).toBeCloseTo(totals[1]!, 9)
    expect(totals[0]).toBeCloseTo(215.518906, 5)
  })
})
