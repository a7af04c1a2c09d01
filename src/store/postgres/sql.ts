/**
 * Small helpers over the `postgres` client (porsager's postgres.js): positional rows, numbers, the COPY text
 * format, and the import record mapping shared with the DuckDB adapter's meaning.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import postgres from 'postgres'
import type { ImportRecord } from '../../app/ports.js'
import type { UnitChoices } from '../../core/formats/unit-choices.js'

import { PATH_SEPARATOR, type Row } from '../shared/dictionaries.js'
export { KEY_SEPARATOR, PATH_SEPARATOR, type Row } from '../shared/dictionaries.js'
/** A connection pool or a reserved connection (inside a transaction). */
export type Sql = postgres.Sql | postgres.ReservedSql

/**
 * Opens a pool on `url`. int8 and numeric come back as JavaScript numbers (counts and sums of this schema stay
 * far below 2^53), as DuckDB's adapter returns them.
 */
export function connect(url: string, options: { max?: number } = {}): postgres.Sql {
  return postgres(url, {
    max: options.max ?? 6,
    onnotice: () => undefined,
    types: {
      number: { to: 0, from: [20, 1700], serialize: (value: unknown) => String(value), parse: Number },
    },
    // work_mem: footprint aggregates over millions of result rows stay in memory instead of sorting on disk.
    connection: { application_name: 'empreinte', work_mem: '64MB' },
  })
}

/** Runs one statement with $1… parameters and returns its rows as arrays. */
export async function rows(sql: Sql, text: string, values: unknown[] = []): Promise<Row[]> {
  return (await sql.unsafe(text, values as postgres.ParameterOrJSON<never>[]).values()) as unknown as Row[]
}

/** Runs one statement; returns the number of rows it changed. */
export async function run(sql: Sql, text: string, values: unknown[] = []): Promise<number> {
  const result = await sql.unsafe(text, values as postgres.ParameterOrJSON<never>[])
  return result.count
}

export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value)
}

/** One value in COPY's text format: \N for null, backslash escapes for the four special characters. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N'
  if (typeof value === 'boolean') return value ? 't' : 'f'
  const text = String(value)
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text
}

/** Bulk-loads rows with `COPY table (columns) FROM STDIN` (text format), in chunks of lines. */
export async function copyRows(
  sql: Sql,
  table: string,
  columns: readonly string[],
  values: Iterable<readonly unknown[]>,
): Promise<number> {
  let count = 0
  function* lines(): Generator<string> {
    let buffer = ''
    for (const row of values) {
      let line = ''
      for (let index = 0; index < row.length; index++)
        line += (index === 0 ? '' : '\t') + copyValue(row[index])
      buffer += line + '\n'
      count++
      if (buffer.length > 256 * 1024) {
        yield buffer
        buffer = ''
      }
    }
    if (buffer.length > 0) yield buffer
  }
  const stream = await sql.unsafe(`COPY ${table} (${columns.join(', ')}) FROM STDIN`).writable()
  await pipeline(Readable.from(lines()), stream)
  return count
}

export function toImportRecord(row: Row): ImportRecord {
  return {
    id: toNumber(row[0]),
    campaignId: toNumber(row[1]),
    fileName: row[2] as string,
    format: row[3] as string,
    kind: row[4] as string,
    checksum: row[5] as string,
    encoding: row[6] as string,
    delimiter: row[7] as string,
    organisationPath: row[8] === null ? null : (row[8] as string).split(PATH_SEPARATOR),
    rowsRead: toNumber(row[9]),
    rowsAccepted: toNumber(row[10]),
    rowsQuarantined: toNumber(row[11]),
    rowsImputed: toNumber(row[12]),
    ...(typeof row[13] === 'string' ? { importedAt: row[13] } : {}),
    options: typeof row[14] === 'string' ? (JSON.parse(row[14]) as UnitChoices) : {},
    source: typeof row[15] === 'string' ? row[15] : (row[3] as string),
    replacedBy: row[16] === null || row[16] === undefined ? null : toNumber(row[16]),
  }
}

export const IMPORT_COLUMNS =
  'id, campaign_id, file_name, format, kind, checksum, encoding, delimiter, organisation_path, rows_read, rows_accepted, rows_quarantined, rows_imputed'

export const IMPORT_SELECT = `${IMPORT_COLUMNS}, to_char(imported_at, 'YYYY-MM-DD HH24:MI:SS'), options, source, replaced_by`

/**
 * Serialises the writers of one database (imports, compute passes, reconciliation): ids are allocated as
 * MAX(id) + 1 like in the DuckDB adapter, which is only safe with one writer at a time. Held until the
 * transaction ends.
 */
export async function lockWriters(sql: Sql): Promise<void> {
  await sql.unsafe("SELECT pg_advisory_xact_lock(hashtext('empreinte.writer'))")
}
