import type { NewImport, TelemetryImportResult, TelemetrySource } from '../../app/ports.js'
import { notAvailable } from './not-available.js'
import { rows, run, toNumber, type Sql } from './sql.js'

/**
 * Telemetry bulk load is not ported yet: the DuckDB adapter reads the CSV server-side with read_csv; here the
 * file would be parsed in JavaScript and sent with COPY (docs/postgresql.md, "Not yet on PostgreSQL").
 */
export async function importTelemetry(
  _sql: Sql,
  _meta: NewImport,
  _source: TelemetrySource,
): Promise<TelemetryImportResult> {
  throw notAvailable('importTelemetry')
}

/** Recomputes per-asset usage from all the campaign's telemetry: devices matched by host name, then serial. */
export async function refreshUsage(
  connection: Sql,
  campaignId: number,
): Promise<{ matched: number; unmatched: number }> {
  await run(connection, 'DELETE FROM asset_usage WHERE campaign_id = $1', [campaignId])
  const perDevice = `SELECT device, COUNT(DISTINCT day) AS days, SUM(powered_hours) AS powered, SUM(active_hours) AS active
                     FROM telemetry WHERE campaign_id = $1 GROUP BY device`
  const insert = (key: string, extra: string) =>
    run(
      connection,
      `INSERT INTO asset_usage
       SELECT a.campaign_id, a.id, a.organisation_id, a.site_id, d.days,
              d.powered / d.days::DOUBLE PRECISION * 365, d.active / d.days::DOUBLE PRECISION * 365
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
