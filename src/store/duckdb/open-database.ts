import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { MIGRATIONS } from './migrations.js'

/** Thrown when another process holds the workspace file (DuckDB takes a write lock). */
export class WorkspaceBusyError extends Error {
  readonly code = 'workspace_busy'
  constructor(path: string) {
    super(
      `The workspace database ${path} is in use by another empreinte process (a running "empreinte serve"?). ` +
        'Stop it, or talk to it with --server URL.',
    )
  }
}

/** Opens (or creates) a DuckDB database file — ':memory:' for tests — and applies pending migrations. */
export async function openDatabase(
  path: string,
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  let instance: DuckDBInstance
  try {
    instance = await DuckDBInstance.create(path)
  } catch (error) {
    if (error instanceof Error && /lock/i.test(error.message)) throw new WorkspaceBusyError(path)
    throw error
  }
  const connection = await instance.connect()
  await migrate(connection, path === ':memory:')
  return { instance, connection }
}

/** Applies every migration not yet recorded, each in its own transaction. */
export async function migrate(connection: DuckDBConnection, isInMemory = false): Promise<number[]> {
  await connection.run(
    'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)',
  )
  const reader = await connection.runAndReadAll('SELECT version FROM schema_migration')
  const applied = new Set(reader.getRowsJS().map((row) => Number(row[0])))
  const done: number[] = []
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue
    await connection.run('BEGIN TRANSACTION')
    try {
      await connection.run(migration.sql)
      await connection.run('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      await connection.run('COMMIT')
    } catch (error) {
      await connection.run('ROLLBACK')
      throw error
    }
    done.push(migration.version)
  }
  // Schema changes go straight to the database file: DuckDB 1.5 fails to replay some DDL (ALTER TABLE) from
  // the write-ahead log after a crash, so no migration is left in the WAL.
  if (done.length > 0 && !isInMemory) await connection.run('CHECKPOINT')
  return done
}
