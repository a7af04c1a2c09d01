/**
 * Imported referential versions, their table rows and campaign pins on PostgreSQL (ReferentialVersionStore,
 * docs/referentials.md); the same tables as DuckDB migration 12. They are created here when missing (CREATE TABLE
 * IF NOT EXISTS) rather than by a numbered migration of src/store/postgres/migrations.ts, which another port is
 * extending; move them into a migration when that settles.
 */
import type postgres from 'postgres'
import type { ReferentialVersionStore, StoredReferentialVersion } from '../../app/ports.js'
import type { NeTableKind } from '../../core/numecoeval/referential-tables.js'
import { countsOf, referentialRows, tablesFromRows } from '../duckdb/referential-versions.js'
import { rows, run, toNumber, type Sql } from './sql.js'

const TABLES = `
CREATE TABLE IF NOT EXISTS referential_version (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL, format TEXT NOT NULL,
  files TEXT NOT NULL, counts TEXT NOT NULL, imported_ms BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS referential_row (
  version_id INTEGER NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL,
  PRIMARY KEY (version_id, kind, position));
CREATE TABLE IF NOT EXISTS campaign_referential (
  seq INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL, referential TEXT NOT NULL, pinned_ms BIGINT NOT NULL);
`

const INSERT_BATCH = 500

function versionOf(row: unknown[]): StoredReferentialVersion {
  return {
    id: toNumber(row[0]),
    name: row[1] as string,
    version: row[2] as string,
    format: row[3] as StoredReferentialVersion['format'],
    files: JSON.parse(row[4] as string) as string[],
    counts: JSON.parse(row[5] as string) as Record<NeTableKind, number>,
    importedMs: toNumber(row[6]),
  }
}

export function createPostgresReferentialVersionStore(sql: postgres.Sql): ReferentialVersionStore {
  let ready: Promise<void> | null = null
  const ensure = (): Promise<void> => (ready ??= sql.unsafe(TABLES).then(() => undefined))
  return {
    async list() {
      await ensure()
      return (
        await rows(sql, 'SELECT id, name, version, format, files, counts, imported_ms FROM referential_version ORDER BY id')
      ).map(versionOf)
    },
    async add(version, tables) {
      await ensure()
      const counts = countsOf(tables)
      const importedMs = version.importedMs ?? Date.now()
      return sql.begin(async (transaction) => {
        const connection = transaction as unknown as Sql
        const [[next]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM referential_version')) as [
          [number],
        ]
        const id = toNumber(next)
        await run(
          connection,
          'INSERT INTO referential_version (id, name, version, format, files, counts, imported_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [id, version.name, version.version, version.format, JSON.stringify(version.files), JSON.stringify(counts), importedMs],
        )
        const all = referentialRows(tables)
        for (let start = 0; start < all.length; start += INSERT_BATCH) {
          const batch = all.slice(start, start + INSERT_BATCH)
          const values: (string | number)[] = []
          const placeholders = batch.map(([kind, position, record], index) => {
            values.push(id, kind, position, record)
            const base = index * 4
            return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4})`
          })
          await run(
            connection,
            `INSERT INTO referential_row (version_id, kind, position, record) VALUES ${placeholders.join(', ')}`,
            values,
          )
        }
        return { ...version, id, counts, importedMs }
      }) as Promise<StoredReferentialVersion>
    },
    async tables(versionId) {
      await ensure()
      const found = await rows(
        sql,
        'SELECT kind, record FROM referential_row WHERE version_id = $1 ORDER BY kind, position',
        [versionId],
      )
      return tablesFromRows(found as [string, string][])
    },
    async pinned(campaignId) {
      await ensure()
      const found = await rows(
        sql,
        'SELECT referential FROM campaign_referential WHERE campaign_id = $1 ORDER BY pinned_ms DESC, seq DESC LIMIT 1',
        [campaignId],
      )
      return (found[0]?.[0] as string | undefined) ?? null
    },
    async pin(campaignId, referential, atMs) {
      await ensure()
      await sql.begin(async (transaction) => {
        const connection = transaction as unknown as Sql
        const [[next]] = (await rows(connection, 'SELECT COALESCE(MAX(seq), 0) + 1 FROM campaign_referential')) as [
          [number],
        ]
        await run(
          connection,
          'INSERT INTO campaign_referential (seq, campaign_id, referential, pinned_ms) VALUES ($1, $2, $3, $4)',
          [toNumber(next), campaignId, referential, atMs ?? Date.now()],
        )
      })
    },
  }
}
