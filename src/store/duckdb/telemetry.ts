import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api'
import type { Finding } from '../../core/quality/finding.js'
import type { NewImport, TelemetryImportResult, TelemetrySource } from '../../app/ports.js'
import { type Row, rows, toNumber, IMPORT_COLUMNS, appendRows } from './sql.js'

/** Bulk-loads a telemetry file in one transaction (two streaming passes) and refreshes per-asset usage. */
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
  for (const table of [
    'telemetry_rejects',
    'telemetry_reject_scans',
    'telemetry_rejects_again',
    'telemetry_reject_scans_again',
  ]) {
    await connection.run(`DROP TABLE IF EXISTS ${table}`)
  }
  await connection.run('BEGIN TRANSACTION')
  try {
    const [[importId]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM import')) as [[number]]
    // Two streaming passes over the file, nothing materialised: valid rows in, then the impossible ones out.
    const projected = `SELECT ${identifier(source.columns.day)} AS day, trim(${identifier(source.columns.device)}) AS device,
             ${identifier(source.columns.poweredHours)} AS powered, ${active} AS active FROM ${reader}`
    const isValid = `day IS NOT NULL AND device IS NOT NULL AND device <> '' AND powered BETWEEN 0 AND 24
                     AND (active IS NULL OR active BETWEEN 0 AND powered)`
    await connection.run(
      `INSERT INTO telemetry SELECT $1, $2, day, device, powered, active FROM (${projected}) WHERE ${isValid}`,
      [meta.campaignId, toNumber(importId)],
    )
    // Rows the CSV reader could not read: line, column and DuckDB's message.
    const rejected = await rows(
      connection,
      'SELECT line, column_name, error_message, csv_line FROM telemetry_rejects ORDER BY line',
    )
    // Rows read but out of range: named by device and day (the bulk reader keeps no line numbers for them).
    const outOfRange = await rows(
      connection,
      `SELECT CAST(day AS VARCHAR), device, powered, active FROM (${projected.replace("rejects_table = 'telemetry_rejects'", "rejects_table = 'telemetry_rejects_again'").replace("rejects_scan = 'telemetry_reject_scans'", "rejects_scan = 'telemetry_reject_scans_again'")})
       WHERE NOT (${isValid}) ORDER BY device, day`,
    )
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
    await connection.run('UPDATE campaign SET assets_revision = assets_revision + 1 WHERE id = $1', [
      meta.campaignId,
    ])
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
