import { AppError } from '../../app/errors.js'
import { migrateWorkspace, type MigrationResult } from '../../app/migrate-workspace.js'
import type { Config } from '../../config.js'
import { createProgressBar, type CliIo, type OpenedWorkspace, type WorkspaceOpener } from '../cli-io.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

export const MIGRATE_USAGE = `Usage:
  empreinte migrate --to postgres://USER@HOST:PORT/DB [--workspace DIR]   DuckDB workspace → empty PostgreSQL database
  empreinte migrate --to DIR --from postgres://USER@HOST:PORT/DB          PostgreSQL database → new DuckDB workspace
Every table is copied batch by batch (COPY into PostgreSQL, the appender into DuckDB), then the row counts of
every table are compared and printed. The target must be empty. See docs/postgresql.md.`

const isUrl = (text: string): boolean => /^postgres(ql)?:\/\//.test(text)

/** `empreinte migrate`: copies a workspace between DuckDB and PostgreSQL, then checks the counts per table. */
export async function migrateCommand(
  options: ParsedOptions,
  io: CliIo,
  config: Config,
  openWorkspace: WorkspaceOpener,
): Promise<{ json: MigrationResult; text: string }> {
  const to = options.toText
  if (to === null || to.trim() === '')
    throw new AppError(
      'invalid_argument',
      `migrate needs --to (a postgres:// URL or a folder).\n${MIGRATE_USAGE}`,
    )
  if (config.databaseUrl !== undefined)
    throw new AppError(
      'invalid_argument',
      'migrate names both workspaces itself (--to, and --workspace or --from): unset EMPREINTE_DATABASE_URL first.',
    )
  let from: string
  if (isUrl(to)) {
    from = options.workspace ?? config.workspace
    if (options.from !== null)
      throw new AppError(
        'invalid_argument',
        `With --to postgres://…, the source is --workspace DIR.\n${MIGRATE_USAGE}`,
      )
  } else {
    if (options.from === null || !isUrl(options.from))
      throw new AppError(
        'invalid_argument',
        `migrate --to DIR copies from a PostgreSQL database: give --from postgres://….\n${MIGRATE_USAGE}`,
      )
    from = options.from
  }
  const progress = createProgressBar(io, options.progress)
  let source: OpenedWorkspace | null = null
  let target: OpenedWorkspace | null = null
  try {
    source = await openWorkspace(from, { create: false, progress })
    target = await openWorkspace(to, { create: true, progress })
    const sourceTables = source.deps.workspaceTables
    const targetTables = target.deps.workspaceTables
    if (!sourceTables || !targetTables)
      throw new AppError('invalid_argument', 'These workspaces cannot be copied table by table.')
    if (sourceTables.engine === targetTables.engine)
      throw new AppError(
        'invalid_argument',
        `Both ends are ${sourceTables.engine} workspaces: migrate copies between DuckDB and PostgreSQL.`,
      )
    const result = await migrateWorkspace(sourceTables, targetTables, progress)
    const text =
      formatTable(
        ['table', `rows in ${result.from}`, `rows in ${result.to}`],
        result.tables.map((table) => [table.table, table.sourceRows, table.targetRows]),
      ) +
      `\nCopied ${result.rows.toLocaleString('en-US')} rows in ${result.tables.length} tables from ${result.from} to ${result.to}; every count matches.\n` +
      (result.skippedEmptyTables.length > 0
        ? `Not in the target (empty in the source): ${result.skippedEmptyTables.join(', ')}.\n`
        : '')
    return { json: result, text }
  } finally {
    await target?.close()
    await source?.close()
  }
}
