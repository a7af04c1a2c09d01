import type { DuckDBConnection } from '@duckdb/node-api'
import type { ImportRecord } from '../../app/ports.js'
import type { UnitChoices } from '../../core/formats/unit-choices.js'
import { ColumnAppender } from './column-appender.js'

import { PATH_SEPARATOR, type Row } from '../shared/dictionaries.js'
export { KEY_SEPARATOR, PATH_SEPARATOR, type Row } from '../shared/dictionaries.js'

export async function rows(
  connection: DuckDBConnection,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const reader = await connection.runAndReadAll(
    sql,
    values as Parameters<DuckDBConnection['runAndReadAll']>[1],
  )
  return reader.getRowsJS() as Row[]
}

export function toNumber(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : (value as number)
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

/** IMPORT_COLUMNS, the commit time and the unit choices (JSON), to read an import record back. */
export const IMPORT_SELECT = `${IMPORT_COLUMNS}, strftime(imported_at, '%Y-%m-%d %H:%M:%S'), options, source, replaced_by`

export async function appendRows(
  connection: DuckDBConnection,
  table: string,
  types: Parameters<typeof ColumnAppender.open>[2],
  values: Row[],
): Promise<void> {
  if (values.length === 0) return
  const appender = await ColumnAppender.open(connection, table, types)
  for (const row of values) {
    appender.push(row)
    await appender.pause()
  }
  appender.close()
}
