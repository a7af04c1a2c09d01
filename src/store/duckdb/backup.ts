import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import type { DuckDBConnection } from '@duckdb/node-api'
import { AppError } from '../../app/errors.js'
import type { WorkspaceBackup } from '../../app/ports.js'

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`
const name = (text: string): string => `"${text.replaceAll('"', '""')}"`

async function values(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS()
}

/**
 * Backup and restore of a DuckDB workspace through its open connection (the process holds the file lock):
 * the backup is a DuckDB database file (`COPY FROM DATABASE`, written aside then renamed), which opens on its own;
 * the restore replaces every table's rows with the backup's in one transaction (whole or nothing).
 */
export function createDuckDbBackup(connection: DuckDBConnection): WorkspaceBackup {
  const tablesOf = async (catalog: string): Promise<string[]> =>
    (
      await values(
        connection,
        `SELECT table_name FROM information_schema.tables WHERE table_catalog = ${quote(catalog)}
         AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    ).map((row) => String(row[0]))
  return {
    engine: 'duckdb',
    async backup(file, manifest) {
      const partial = `${file}.partial`
      await rm(partial, { force: true })
      const [[database]] = (await values(connection, 'SELECT current_database()')) as [[string]]
      await connection.run('CHECKPOINT')
      await connection.run(`ATTACH ${quote(partial)} AS empreinte_backup`)
      try {
        await connection.run(`COPY FROM DATABASE ${name(database)} TO empreinte_backup`)
      } finally {
        await connection.run('DETACH empreinte_backup')
      }
      await rm(`${partial}.wal`, { force: true })
      await rename(partial, file)
      await writeFile(`${file}.manifest.json`, manifest)
      return { bytes: (await stat(file)).size }
    },
    async restore(file) {
      const isPresent = await stat(file).then(
        () => true,
        () => false,
      )
      if (!isPresent) throw new AppError('not_found', `No backup file at ${file}.`)
      const [[database]] = (await values(connection, 'SELECT current_database()')) as [[string]]
      try {
        await connection.run(`ATTACH ${quote(file)} AS empreinte_restore (READ_ONLY)`)
      } catch (error) {
        throw new AppError(
          'invalid_argument',
          `${file} is not a DuckDB workspace backup: ${(error as Error).message}`,
        )
      }
      try {
        const ours = await tablesOf(database)
        const theirs = await tablesOf('empreinte_restore')
        const unknown = theirs.filter((table) => !ours.includes(table))
        const newer = await values(
          connection,
          `SELECT version FROM empreinte_restore.main.schema_migration
           EXCEPT SELECT version FROM ${name(database)}.main.schema_migration`,
        )
        if (unknown.length > 0 || newer.length > 0)
          throw new AppError(
            'invalid_argument',
            `${file} was made by a newer empreinte (schema ${newer.map((row) => String(row[0])).join(', ') || unknown.join(', ')}): upgrade first.`,
          )
        await connection.run('BEGIN TRANSACTION')
        try {
          for (const table of ours) {
            if (table === 'schema_migration') continue
            await connection.run(`DELETE FROM ${name(database)}.main.${name(table)}`)
            if (theirs.includes(table))
              await connection.run(
                `INSERT INTO ${name(database)}.main.${name(table)} BY NAME SELECT * FROM empreinte_restore.main.${name(table)}`,
              )
          }
          await connection.run('COMMIT')
        } catch (error) {
          await connection.run('ROLLBACK')
          throw error
        }
      } finally {
        await connection.run('DETACH empreinte_restore')
      }
      await connection.run('CHECKPOINT')
      return { manifest: await readManifest(file) }
    },
  }
}

/** The manifest kept beside a backup, or null. */
export async function readManifest(file: string): Promise<string | null> {
  return readFile(`${file}.manifest.json`, 'utf8').catch(() => null)
}
