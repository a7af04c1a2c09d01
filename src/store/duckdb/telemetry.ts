import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api'
import type { Finding } from '../../core/quality/finding.js'
import type { NewImport, TelemetryImportResult, TelemetrySource } from '../../app/ports.js'
import { type Row, rows, toNumber, IMPORT_COLUMNS, appendRows } from './sql.js'

/** Stands for a missing day in the telemetry table (whose day is NOT NULL) until the row is quarantined. */
const NO_DAY = "DATE '0001-01-01'"

/** Bulk-loads a telemetry file in one transaction (one streaming pass) and refreshes per-asset usage. */
export async function importTelemetry(
  connection: DuckDBConnection,
  meta: NewImport,
  source: TelemetrySource,
): Promise<TelemetryImportResult> {
  const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`
  const identifier = (text: string): string => `"${text.replaceAll('"', '""')}"`
  const types = [
    `${quote(source.columns.day)}: 'DATE'`,
    `${quote(source.columns.device)}: 'VARCHAR'`,
    `${quote(source.columns.poweredHours)}: 'DOUBLE'`,
    ...(source.columns.activeHours === null ? [] : [`${quote(source.columns.activeHours)}: 'DOUBLE'`]),
  ].join(', ')
  const reader = `read_csv(${quote(source.file)}, header = true, skip = ${Math.max(0, source.headerLine - 1)},
    delim = ${quote(source.delimiter)}, decimal_separator = ${quote(source.decimalSeparator)}, types = {${types}},
    store_rejects = true, rejects_table = 'telemetry_rejects', rejects_scan = 'telemetry_reject_scans')`
  const active =
    source.columns.activeHours === null ? 'CAST(NULL AS DOUBLE)' : identifier(source.columns.activeHours)
  // DuckDB appends to existing reject tables: start each import from empty ones.
  for (const table of ['telemetry_rejects', 'telemetry_reject_scans']) {
    await connection.run(`DROP TABLE IF EXISTS ${table}`)
  }
  await connection.run('BEGIN TRANSACTION')
  try {
    const [[importId]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM import')) as [[number]]
    // One streaming pass over the file: every row read goes in (NULL cells as sentinels the NOT NULL columns
    // accept, all of them out of range), then the impossible rows are read back and deleted, which is a scan of
    // this import's columns instead of a second parse of the CSV (the file can hold tens of millions of rows).
    const projected = `SELECT ${identifier(source.columns.day)} AS day, trim(${identifier(source.columns.device)}) AS device,
             ${identifier(source.columns.poweredHours)} AS powered, ${active} AS active FROM ${reader}`
    await connection.run(
      `INSERT INTO telemetry SELECT $1, $2, COALESCE(day, ${NO_DAY}), COALESCE(device, ''), COALESCE(powered, 'NaN'::DOUBLE), active
       FROM (${projected})`,
      [meta.campaignId, toNumber(importId)],
    )
    // Rows the CSV reader could not read: line, column and DuckDB's message.
    const rejected = await rows(
      connection,
      'SELECT line, column_name, error_message, csv_line FROM telemetry_rejects ORDER BY line',
    )
    // Rows read but out of range: named by device and day (the bulk reader keeps no line numbers for them).
    const isValid = `day <> ${NO_DAY} AND device <> '' AND powered_hours BETWEEN 0 AND 24
                     AND (active_hours IS NULL OR active_hours BETWEEN 0 AND powered_hours)`
    const outOfRange = await rows(
      connection,
      `SELECT CASE WHEN day = ${NO_DAY} THEN NULL ELSE CAST(day AS VARCHAR) END, NULLIF(device, ''),
              CASE WHEN isnan(powered_hours) THEN NULL ELSE powered_hours END, active_hours
       FROM telemetry WHERE import_id = $1 AND NOT (${isValid}) ORDER BY NULLIF(device, '') NULLS LAST, day`,
      [toNumber(importId)],
    )
    if (outOfRange.length > 0) {
      await connection.run(`DELETE FROM telemetry WHERE import_id = $1 AND NOT (${isValid})`, [
        toNumber(importId),
      ])
    }
    const [[accepted]] = (await rows(connection, 'SELECT COUNT(*) FROM telemetry WHERE import_id = $1', [
      toNumber(importId),
    ])) as [[number]]
    const quarantined: Row[] = [
      ...rejected.map((row) => [
        meta.campaignId,
        toNumber(importId),
        toNumber(row[0]),
        JSON.stringify([row[3]]),
        JSON.stringify([
          {
            line: toNumber(row[0]),
            column: row[1],
            code: 'malformed_row',
            severity: 'rejected',
            message: row[2],
            value: null,
          },
        ]),
      ]),
      ...outOfRange.map((row) => [
        meta.campaignId,
        toNumber(importId),
        0,
        JSON.stringify(row.map((value) => (value === null ? '' : String(value)))),
        JSON.stringify([
          {
            line: 0,
            column: source.columns.poweredHours,
            code: 'out_of_range',
            severity: 'rejected',
            message: `device ${row[1] ?? '(none)'} on ${row[0] ?? '(no date)'}: powered hours ${row[2]} and active hours ${row[3] ?? '—'} must lie within 0–24 h with active ≤ powered`,
            value: String(row[2]),
          },
        ]),
      ]),
    ]
    await appendRows(connection, 'quarantine', [INTEGER, INTEGER, INTEGER, VARCHAR, VARCHAR], quarantined)
    for (const row of quarantined) {
      const finding = (JSON.parse(row[4] as string) as Finding[])[0]!
      await connection.run('INSERT INTO finding VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        meta.campaignId,
        toNumber(importId),
        finding.line,
        finding.column,
        finding.code,
        finding.severity,
        finding.message,
        finding.value,
      ])
    }
    const rowsRead = toNumber(accepted) + quarantined.length
    await connection.run(
      `INSERT INTO import (${IMPORT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        toNumber(importId),
        meta.campaignId,
        meta.fileName,
        meta.format,
        meta.kind,
        meta.checksum,
        meta.encoding,
        meta.delimiter,
        null,
        rowsRead,
        toNumber(accepted),
        quarantined.length,
        0,
      ],
    )
    const { matched, unmatched } = await refreshUsage(connection, meta.campaignId)
    // Telemetry changes the footprint (a new assets revision) but not which devices are the same: a campaign
    // reconciled before stays reconciled, so the next footprint or scenario does not redo the whole pass (which
    // refreshes usage over every telemetry row again: most of a 157 s first scenario after a 36.5 M-row import).
    await connection.run(
      `UPDATE campaign SET assets_revision = assets_revision + 1,
         reconciled_revision = CASE WHEN reconciled_revision = assets_revision THEN assets_revision + 1
                                    ELSE reconciled_revision END
       WHERE id = $1`,
      [meta.campaignId],
    )
    await connection.run('COMMIT')
    return {
      ...meta,
      id: toNumber(importId),
      rowsRead,
      rowsAccepted: toNumber(accepted),
      rowsQuarantined: quarantined.length,
      rowsImputed: 0,
      devicesMatched: matched,
      devicesUnmatched: unmatched,
    }
  } catch (error) {
    await connection.run('ROLLBACK')
    throw error
  }
}

/** Recomputes per-asset usage from all the campaign's telemetry: devices matched by host name, then serial. */
export async function refreshUsage(
  connection: DuckDBConnection,
  campaignId: number,
): Promise<{ matched: number; unmatched: number }> {
  await connection.run('DELETE FROM asset_usage WHERE campaign_id = $1', [campaignId])
  const perDevice = `SELECT device, COUNT(DISTINCT day) AS days, SUM(powered_hours) AS powered, SUM(active_hours) AS active
                     FROM telemetry WHERE campaign_id = $1 GROUP BY device`
  const insert = (key: string, extra: string) =>
    connection.run(
      `INSERT INTO asset_usage
       SELECT a.campaign_id, a.id, a.organisation_id, a.site_id, d.days, d.powered / d.days * 365, d.active / d.days * 365
       FROM (${perDevice}) d JOIN asset a ON a.campaign_id = $1 AND a.merged_into IS NULL AND a.${key} = d.device ${extra}`,
      [campaignId],
    )
  await insert('hostname', '')
  await insert('serial', 'WHERE a.id NOT IN (SELECT asset_id FROM asset_usage WHERE campaign_id = $1)')
  const [[matched, devices]] = (await rows(
    connection,
    `SELECT (SELECT COUNT(*) FROM asset_usage WHERE campaign_id = $1), (SELECT COUNT(DISTINCT device) FROM telemetry WHERE campaign_id = $1)`,
    [campaignId],
  )) as [[number, number]]
  return { matched: toNumber(matched), unmatched: Math.max(0, toNumber(devices) - toNumber(matched)) }
}
