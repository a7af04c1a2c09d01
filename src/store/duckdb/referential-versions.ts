/** Imported referential versions, their table rows and campaign pins (ReferentialVersionStore, docs/referentials.md). */
import type { DuckDBConnection } from '@duckdb/node-api'
import type { ReferentialVersionStore, StoredReferentialVersion } from '../../app/ports.js'
import {
  emptyReferential,
  REFERENTIAL_TABLE_KINDS,
  type NeReferential,
  type NeTableKind,
} from '../../core/numecoeval/referential-tables.js'
import { rows, toNumber } from './sql.js'

/** Rows per INSERT statement when storing a version's table rows. */
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

/** Table rows as (kind, position, JSON record) triples; numbers keep every bit through JSON. */
export function referentialRows(tables: NeReferential): [NeTableKind, number, string][] {
  const result: [NeTableKind, number, string][] = []
  for (const kind of REFERENTIAL_TABLE_KINDS)
    (tables[kind] as unknown[]).forEach((record, position) => result.push([kind, position, JSON.stringify(record)]))
  return result
}

export function countsOf(tables: NeReferential): Record<NeTableKind, number> {
  return Object.fromEntries(REFERENTIAL_TABLE_KINDS.map((kind) => [kind, tables[kind].length])) as Record<
    NeTableKind,
    number
  >
}

export function tablesFromRows(records: readonly [string, string][]): NeReferential {
  const tables = emptyReferential()
  for (const [kind, record] of records) (tables[kind as NeTableKind] as unknown[]).push(JSON.parse(record))
  return tables
}

const SELECT_VERSION =
  'SELECT id, name, version, format, files, counts, imported_ms FROM referential_version'

export function createDuckDbReferentialVersionStore(connection: DuckDBConnection): ReferentialVersionStore {
  return {
    async list() {
      return (await rows(connection, `${SELECT_VERSION} ORDER BY id`)).map(versionOf)
    },
    async add(version, tables) {
      const counts = countsOf(tables)
      const importedMs = version.importedMs ?? Date.now()
      await connection.run('BEGIN TRANSACTION')
      try {
        const [[next]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM referential_version')) as [
          [number],
        ]
        const id = toNumber(next)
        await connection.run(
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
          await connection.run(
            `INSERT INTO referential_row (version_id, kind, position, record) VALUES ${placeholders.join(', ')}`,
            values,
          )
        }
        await connection.run('COMMIT')
        return { ...version, id, counts, importedMs }
      } catch (error) {
        await connection.run('ROLLBACK')
        throw error
      }
    },
    async tables(versionId) {
      const found = await rows(
        connection,
        'SELECT kind, record FROM referential_row WHERE version_id = $1 ORDER BY kind, position',
        [versionId],
      )
      return tablesFromRows(found as [string, string][])
    },
    async pinned(campaignId) {
      const found = await rows(
        connection,
        'SELECT referential FROM campaign_referential WHERE campaign_id = $1 ORDER BY pinned_ms DESC, seq DESC LIMIT 1',
        [campaignId],
      )
      return (found[0]?.[0] as string | undefined) ?? null
    },
    async pin(campaignId, referential, atMs) {
      const [[next]] = (await rows(connection, 'SELECT COALESCE(MAX(seq), 0) + 1 FROM campaign_referential')) as [
        [number],
      ]
      await connection.run(
        'INSERT INTO campaign_referential (seq, campaign_id, referential, pinned_ms) VALUES ($1, $2, $3, $4)',
        [toNumber(next), campaignId, referential, atMs ?? Date.now()],
      )
    },
  }
}
