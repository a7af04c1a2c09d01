import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/run-cli.js'
import { startPostgres, type PostgresServer } from './support/postgres-server.js'

const ROOT = join(import.meta.dirname, '..')
const FIRST = [join(ROOT, 'fixtures/e2e/glpi-parc.csv'), join(ROOT, 'fixtures/formats/ocs-cp1252.csv')]
const LATER = join(ROOT, 'fixtures/formats/snipeit.csv')

type Fingerprint = { footprintSha256: string; assets: number; campaign: number }

async function json<T>(argv: string[]): Promise<T> {
  const result = await runCli([...argv, '--json'])
  if (result.code !== 0) throw new Error(`${argv.join(' ')}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

/** Backs a workspace up, changes it, restores it, and restores the backup into a second workspace. */
async function roundTrip(workspace: string, other: string, file: string): Promise<void> {
  await json(['import', ...FIRST, '--campaign', '2025', '--workspace', workspace])
  const footprint = await json<{ assets: number; total: { climateKgCo2e: number } }>([
    'footprint',
    '--by',
    'organisation,category',
    '--workspace',
    workspace,
  ])
  const backup = await json<Fingerprint & { bytes: number; engine: string }>([
    'backup',
    file,
    '--workspace',
    workspace,
  ])
  expect(backup.footprintSha256).toMatch(/^[0-9a-f]{64}$/)
  expect(backup.assets).toBe(footprint.assets)
  expect(backup.assets).toBe(13) // 7 GLPI + 6 OCS assets accepted
  expect(backup.bytes).toBeGreaterThan(0)
  expect(JSON.parse(await readFile(`${file}.manifest.json`, 'utf8'))).toMatchObject({
    footprintSha256: backup.footprintSha256,
    campaign: 2025,
  })

  // A later import changes the footprint; the restore brings back the backed-up one, checked by its checksum.
  await json(['import', LATER, '--campaign', '2025', '--workspace', workspace])
  const changed = await json<{ assets: number }>(['footprint', '--workspace', workspace])
  expect(changed.assets).toBeGreaterThan(backup.assets)
  const restored = await json<Fingerprint & { isVerified: boolean }>([
    'restore',
    file,
    '--workspace',
    workspace,
  ])
  expect(restored).toMatchObject({
    footprintSha256: backup.footprintSha256,
    assets: backup.assets,
    isVerified: true,
  })
  const after = await json<{ assets: number; total: { climateKgCo2e: number } }>([
    'footprint',
    '--by',
    'organisation,category',
    '--workspace',
    workspace,
  ])
  expect(after.assets).toBe(footprint.assets)
  // Same figures (DuckDB's parallel sums may differ in the last bit).
  expect(after.total.climateKgCo2e).toBeCloseTo(footprint.total.climateKgCo2e, 9)

  // Into another (empty) workspace as well.
  const elsewhere = await json<Fingerprint>(['restore', file, '--workspace', other])
  expect(elsewhere.footprintSha256).toBe(backup.footprintSha256)

  // A manifest that does not match what was restored is an error.
  const manifest = JSON.parse(await readFile(`${file}.manifest.json`, 'utf8')) as Fingerprint
  await writeFile(`${file}.manifest.json`, JSON.stringify({ ...manifest, footprintSha256: '0'.repeat(64) }))
  const refused = await runCli(['restore', file, '--workspace', other])
  expect(refused.code).toBe(1)
  expect(refused.stderr).toContain("the footprint's checksum differs from the backup's")
}

describe('backup and restore', () => {
  let directory: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-backup-'))
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('round-trips a DuckDB workspace, verified by the checksum of its footprint', async () => {
    await roundTrip(
      join(directory, 'duckdb-a'),
      join(directory, 'duckdb-b'),
      join(directory, 'workspace.backup'),
    )
  })

  describe('on PostgreSQL', () => {
    let server: PostgresServer
    beforeAll(async () => {
      server = await startPostgres()
    })
    afterAll(async () => {
      await server.stop()
    })

    it('round-trips a PostgreSQL workspace with pg_dump / pg_restore, verified the same way', async () => {
      const first = await server.createDatabase()
      const second = await server.createDatabase()
      await roundTrip(first, second, join(directory, 'workspace.pgdump'))
    })
  })
})
