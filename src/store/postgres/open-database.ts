import { MIGRATIONS } from './migrations.js'
import { rows, run, type Sql } from './sql.js'
import type postgres from 'postgres'

/**
 * Applies every migration not yet recorded, all in one transaction; an advisory lock keeps two processes
 * opening the same database at once from applying a migration twice.
 */
export async function migrate(sql: postgres.Sql): Promise<number[]> {
  return sql.begin(async (transaction) => {
    const tx = transaction as unknown as Sql
    await run(tx, "SELECT pg_advisory_xact_lock(hashtext('empreinte.migrate'))")
    await run(
      tx,
      'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP(0))',
    )
    const applied = new Set(
      (await rows(tx, 'SELECT version FROM schema_migration')).map((row) => Number(row[0])),
    )
    const done: number[] = []
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue
      await tx.unsafe(migration.sql).simple()
      await run(tx, 'INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      done.push(migration.version)
    }
    return done
  })
}
