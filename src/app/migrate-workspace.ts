import { AppError } from './errors.js'
import type { Progress, WorkspaceTables } from './ports.js'

/** Rows per batch read from the source and handed to the target's bulk path. */
const BATCH_ROWS = 8192

export type MigratedTable = { table: string; sourceRows: number; targetRows: number }

export type MigrationResult = {
  from: string
  to: string
  tables: MigratedTable[]
  rows: number
  /** Tables of the source the target has not (all empty: a non-empty one stops the migration). */
  skippedEmptyTables: string[]
}

/**
 * Copies every table of a workspace into an empty workspace of another engine (DuckDB ⇄ PostgreSQL), batch by
 * batch through each engine's bulk path, then checks the row count of every table on both sides.
 * Refuses a target that holds any row, and a source table (with rows) or column the target does not have.
 * @example await migrateWorkspace(duckDbTables, postgresTables, progress)
 */
export async function migrateWorkspace(
  source: WorkspaceTables,
  target: WorkspaceTables,
  progress: Progress,
): Promise<MigrationResult> {
  const [sourceTables, targetTables] = await Promise.all([source.listTables(), target.listTables()])
  const targetByName = new Map(targetTables.map((table) => [table.name, table]))
  const occupied: string[] = []
  for (const table of targetTables) {
    const count = await target.countRows(table.name)
    if (count > 0) occupied.push(`${table.name} (${count.toLocaleString('en-US')} rows)`)
  }
  if (occupied.length > 0) {
    throw new AppError(
      'conflict',
      `The target ${target.engine} workspace is not empty: ${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? ', …' : ''}. ` +
        'empreinte migrate copies into an empty workspace only: give a new database or folder.',
    )
  }
  const counts = new Map<string, number>()
  const skippedEmptyTables: string[] = []
  const problems: string[] = []
  for (const table of sourceTables) {
    const count = await source.countRows(table.name)
    counts.set(table.name, count)
    const other = targetByName.get(table.name)
    if (!other) {
      if (count === 0) skippedEmptyTables.push(table.name)
      else
        problems.push(`table ${table.name} (${count} rows) does not exist in the ${target.engine} workspace`)
      continue
    }
    const missing = table.columns.filter((column) => !other.columns.includes(column))
    if (missing.length > 0 && count > 0)
      problems.push(
        `table ${table.name}: column(s) ${missing.join(', ')} missing in the ${target.engine} workspace`,
      )
  }
  if (problems.length > 0) {
    throw new AppError(
      'conflict',
      `Cannot copy this ${source.engine} workspace to ${target.engine}: ${problems.join('; ')}. ` +
        'Upgrade empreinte on both sides (migrations add the tables), then try again. Nothing was copied.',
    )
  }
  const tables: MigratedTable[] = []
  let copied = 0
  for (const table of sourceTables) {
    const sourceRows = counts.get(table.name) ?? 0
    if (!targetByName.has(table.name)) continue
    if (sourceRows > 0) {
      progress.start(`copy ${table.name}`, sourceRows)
      try {
        const batches = (async function* () {
          for await (const batch of source.readRows(table.name, table.columns, BATCH_ROWS)) {
            yield batch
            copied += batch.length
            progress.advance(copied)
          }
        })()
        await target.writeRows(table.name, table.columns, batches)
      } catch (error) {
        throw new AppError(
          'conflict',
          `Copying table ${table.name} to ${target.engine} failed: ${(error as Error).message}. The tables copied ` +
            'before it stay in the target: empty it (a new database or folder) before trying again.',
        )
      } finally {
        progress.stop()
      }
    }
    tables.push({ table: table.name, sourceRows, targetRows: await target.countRows(table.name) })
  }
  const mismatched = tables.filter((table) => table.sourceRows !== table.targetRows)
  if (mismatched.length > 0) {
    throw new AppError(
      'conflict',
      `Row counts differ after the copy: ${mismatched
        .map(
          (table) =>
            `${table.table} ${table.sourceRows} in ${source.engine}, ${table.targetRows} in ${target.engine}`,
        )
        .join('; ')}.`,
    )
  }
  return {
    from: source.engine,
    to: target.engine,
    tables,
    rows: tables.reduce((sum, table) => sum + table.sourceRows, 0),
    skippedEmptyTables,
  }
}
