import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { copyFile, rename, rm, stat } from 'node:fs/promises'
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
  if (path === ':memory:') {
    const instance = await DuckDBInstance.create(path)
    const connection = await instance.connect()
    await migrate(connection, true)
    return { instance, connection }
  }
  const opened = await openFile(path)
  if (!(await hasPendingMigrations(opened.connection))) return opened
  opened.connection.closeSync()
  opened.instance.closeSync()
  await migrateAside(path)
  return openFile(path)
}

async function openFile(path: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  let instance: DuckDBInstance
  try {
    instance = await DuckDBInstance.create(path)
  } catch (error) {
    if (error instanceof Error && /lock/i.test(error.message)) throw new WorkspaceBusyError(path)
    throw error
  }
  return { instance, connection: await instance.connect() }
}

async function hasPendingMigrations(connection: DuckDBConnection): Promise<boolean> {
  const table = await connection.runAndReadAll(
    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migration'",
  )
  if (Number(table.getRowsJS()[0]![0]) === 0) return true
  const reader = await connection.runAndReadAll('SELECT version FROM schema_migration')
  const applied = new Set(reader.getRowsJS().map((row) => Number(row[0])))
  return MIGRATIONS.some((migration) => !applied.has(migration.version))
}

/**
 * Applies the pending migrations to a copy of the file (a new, empty one for a new workspace), checkpoints it
 * and renames it over the original: a process killed meanwhile leaves the old file (or none), never a
 * write-ahead log holding DDL. DuckDB 1.5 cannot replay `ALTER TABLE` from its WAL ("Failure while replaying
 * WAL file … GetDefaultDatabase"), which bricked a workspace killed while its first import created it
 * (bench/crash-imports.ts found it).
 */
async function migrateAside(path: string): Promise<void> {
  const aside = `${path}.migrating-${process.pid}`
  await rm(aside, { force: true })
  await rm(`${aside}.wal`, { force: true })
  if (await isPresent(path)) await copyFile(path, aside)
  if (await isPresent(`${path}.wal`)) await copyFile(`${path}.wal`, `${aside}.wal`)
  const { instance, connection } = await openFile(aside)
  try {
    await migrate(connection)
    await connection.run('CHECKPOINT')
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
  await rm(`${aside}.wal`, { force: true })
  await rename(aside, path)
}

async function isPresent(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
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
