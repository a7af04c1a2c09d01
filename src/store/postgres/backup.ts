import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { AppError } from '../../app/errors.js'
import type { WorkspaceBackup } from '../../app/ports.js'

const run = promisify(execFile)

/** Where pg_dump and pg_restore are looked for: EMPREINTE_POSTGRES_BIN, then Debian's PostgreSQL 15, then PATH. */
function program(name: 'pg_dump' | 'pg_restore', directory: string | undefined): string {
  for (const folder of [directory, '/usr/lib/postgresql/15/bin'])
    if (folder !== undefined && existsSync(join(folder, name))) return join(folder, name)
  for (const folder of (process.env['PATH'] ?? '').split(':'))
    if (folder !== '' && existsSync(join(folder, name))) return join(folder, name)
  throw new AppError(
    'not_available',
    `${name} is not installed: install the PostgreSQL client programs (Debian: apt-get install postgresql-client-15) ` +
      'or set EMPREINTE_POSTGRES_BIN to the folder holding them.',
  )
}

/** The URL without its password, for messages. */
const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@')

/**
 * Backup and restore of a PostgreSQL workspace with pg_dump (custom format, written aside then renamed) and
 * pg_restore (--clean --single-transaction: whole or nothing). The password travels in PGPASSWORD, never on a
 * command line or in a message.
 */
export function createPostgresBackup(
  url: string,
  binDirectory = process.env['EMPREINTE_POSTGRES_BIN'],
): WorkspaceBackup {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  const target = parsed.toString()
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }
  const fail = (what: string, error: unknown): never => {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim()
    throw new AppError(
      'database_unavailable',
      `${what} of ${redact(url)} failed: ${stderr.split(password || '\u0000').join('***')}`,
    )
  }
  return {
    engine: 'postgres',
    async backup(file, manifest) {
      const partial = `${file}.partial`
      await rm(partial, { force: true })
      try {
        await run(
          program('pg_dump', binDirectory),
          ['--format=custom', '--no-owner', '--file', partial, '--dbname', target],
          { env },
        )
      } catch (error) {
        await rm(partial, { force: true })
        fail('pg_dump', error)
      }
      await rename(partial, file)
      await writeFile(`${file}.manifest.json`, manifest)
      return { bytes: (await stat(file)).size }
    },
    async restore(file) {
      if (!existsSync(file)) throw new AppError('not_found', `No backup file at ${file}.`)
      try {
        await run(
          program('pg_restore', binDirectory),
          [
            '--clean',
            '--if-exists',
            '--no-owner',
            '--single-transaction',
            '--exit-on-error',
            '--dbname',
            target,
            file,
          ],
          { env },
        )
      } catch (error) {
        fail('pg_restore', error)
      }
      return { manifest: await readFile(`${file}.manifest.json`, 'utf8').catch(() => null) }
    },
  }
}
