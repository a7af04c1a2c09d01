/**
 * Reconciliation of the same device across sources, in SQL (docs/methodology/reconciliation.md).
 * Source rows are never changed except for `merged_into`: each group of rows found in two or more imports
 * (same serial number, else same host name) gets one reconciled row (import_id 0, line 0) holding, field by
 * field, the value of the most trusted source (core/harmonise/source-priority.ts); the group's rows point to it.
 * The pass is idempotent: it starts by undoing the previous one, so it can run after every import.
 */
import type { DuckDBConnection } from '@duckdb/node-api'
import { ASSET_FIELDS, type AssetField } from '../../core/inventory/asset.js'
import { OWNERSHIP_CODES, STATUS_CODES } from '../../core/inventory/asset-columns.js'
import {
  DATE_TOLERANCE_DAYS,
  JUNK_SERIALS,
  MIN_SERIAL_LENGTH,
  RECONCILED_FIELDS,
  rankOf,
  type ReconciledField,
} from '../../core/harmonise/source-priority.js'
import type { AssetReconciliation, ReconciliationConflict, ReconciliationSummary } from '../../app/ports.js'
import { rows, toNumber } from './sql.js'
import { refreshUsage } from './telemetry.js'

type FieldSql = {
  field: ReconciledField
  column: string
  bit: number
  /** SQL text shown for a value of row alias X (conflicts). */
  display: (alias: string) => string
  /** SQL condition: the values of rows A and S differ enough to be a conflict. */
  differs: (a: string, s: string) => string
}

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`

function codeText(codes: readonly (string | null)[], expression: string): string {
  const cases = codes.map((code, index) => `WHEN ${index} THEN ${code === null ? 'NULL' : quote(code)}`)
  return `CASE ${expression} ${cases.join(' ')} END`
}

const dayText = (expression: string): string =>
  `strftime(DATE '1970-01-01' + CAST(${expression} AS INTEGER), '%Y-%m-%d')`

function fieldSql(field: ReconciledField): FieldSql {
  const bit = 1 << ASSET_FIELDS.indexOf(field.field)
  const plain = (column: string): Omit<FieldSql, 'field' | 'bit'> => ({
    column,
    display: (x) => `CAST(${x}.${column} AS VARCHAR)`,
    differs: (a, s) => `${a}.${column} <> ${s}.${column}`,
  })
  const byField: Record<string, Omit<FieldSql, 'field' | 'bit'>> = {
    organisation: {
      column: 'organisation_id',
      display: (x) => `(SELECT path FROM organisation WHERE id = ${x}.organisation_id)`,
      differs: (a, s) => `${a}.organisation_id <> ${s}.organisation_id`,
    },
    site: {
      column: 'site_id',
      display: (x) => `(SELECT name FROM site WHERE id = ${x}.site_id)`,
      differs: (a, s) =>
        `lower((SELECT name FROM site WHERE id = ${a}.site_id)) <> lower((SELECT name FROM site WHERE id = ${s}.site_id))`,
    },
    datacenter: {
      column: 'datacenter',
      display: (x) => `${x}.datacenter`,
      differs: (a, s) => `lower(${a}.datacenter) <> lower(${s}.datacenter)`,
    },
    model: {
      column: 'model_id',
      display: (x) =>
        `(SELECT concat_ws(' ', manufacturer, model) || ' (' || category || ')' FROM model WHERE id = ${x}.model_id)`,
      // Same category and same model text (case aside) is the same model, whatever the manufacturer spelling.
      differs: (a, s) =>
        `(SELECT category || '|' || lower(COALESCE(model, '')) FROM model WHERE id = ${a}.model_id) <>
         (SELECT category || '|' || lower(COALESCE(model, '')) FROM model WHERE id = ${s}.model_id)`,
    },
    serial: {
      column: 'serial',
      display: (x) => `${x}.serial`,
      differs: (a, s) =>
        `upper(regexp_replace(trim(${a}.serial), '[\\s._-]', '', 'g')) <> upper(regexp_replace(trim(${s}.serial), '[\\s._-]', '', 'g'))`,
    },
    hostname: {
      column: 'hostname',
      display: (x) => `${x}.hostname`,
      differs: (a, s) =>
        `lower(split_part(trim(${a}.hostname), '.', 1)) <> lower(split_part(trim(${s}.hostname), '.', 1))`,
    },
    quantity: plain('quantity'),
    purchaseDate: {
      column: 'purchase_day',
      display: (x) => dayText(`${x}.purchase_day`),
      differs: (a, s) => `abs(${a}.purchase_day - ${s}.purchase_day) > ${DATE_TOLERANCE_DAYS}`,
    },
    retirementDate: {
      column: 'retirement_day',
      display: (x) => dayText(`${x}.retirement_day`),
      differs: (a, s) => `abs(${a}.retirement_day - ${s}.retirement_day) > ${DATE_TOLERANCE_DAYS}`,
    },
    lifetimeYears: plain('lifetime_years'),
    annualKwh: plain('annual_kwh'),
    utilisationRate: plain('utilisation_rate'),
    ownership: {
      column: 'ownership',
      display: (x) => codeText(OWNERSHIP_CODES, `${x}.ownership`),
      differs: (a, s) => `${a}.ownership <> ${s}.ownership`,
    },
    country: {
      column: 'country_id',
      display: (x) => `(SELECT code FROM country WHERE id = ${x}.country_id)`,
      differs: (a, s) => `${a}.country_id <> ${s}.country_id`,
    },
    status: {
      column: 'status',
      display: (x) => codeText(STATUS_CODES, `${x}.status`),
      differs: (a, s) => `${a}.status <> ${s}.status`,
    },
  }
  const sql = byField[field.field]
  if (sql === undefined) throw new Error(`No reconciliation SQL for field "${field.field}"`)
  return { field, bit, ...sql }
}

const FIELDS: readonly FieldSql[] = RECONCILED_FIELDS.map(fieldSql)

/** Sort key of a row for a field: rank of its format, then the most recent import, then the row id. */
function sortKey(field: FieldSql): string {
  const ranks = new Map<number, string[]>()
  for (const format of field.field.ranking) {
    const rank = rankOf(field.field, format)
    ranks.set(rank, [...(ranks.get(rank) ?? []), format])
  }
  const cases = [...ranks].map(
    ([rank, formats]) => `WHEN m.format IN (${formats.map(quote).join(', ')}) THEN ${rank}`,
  )
  const last = field.field.ranking.length + 1
  return `(CASE ${cases.join(' ')} ELSE ${last} END)::BIGINT * 1000000000000000 + (1000000 - m.import_id)::BIGINT * 100000000 + m.id`
}

const SERIAL_KEY = `CASE WHEN s IS NULL OR length(s) < ${MIN_SERIAL_LENGTH} OR s IN (${JUNK_SERIALS.map(quote).join(', ')})
  OR replace(s, left(s, 1), '') = '' THEN NULL ELSE s END`

/** Undoes the previous pass of the campaign: reconciled rows deleted, source rows standing alone again. */
async function undo(connection: DuckDBConnection, campaignId: number): Promise<void> {
  await connection.run('DELETE FROM asset WHERE campaign_id = $1 AND import_id = 0', [campaignId])
  await connection.run(
    'UPDATE asset SET merged_into = NULL WHERE campaign_id = $1 AND merged_into IS NOT NULL',
    [campaignId],
  )
  await connection.run('DELETE FROM asset_provenance WHERE campaign_id = $1', [campaignId])
  await connection.run('DELETE FROM reconciliation_conflict WHERE campaign_id = $1', [campaignId])
}

/** Groups rows found in two or more imports: serial number first, then host name for rows without one. */
async function group(connection: DuckDBConnection, campaignId: number): Promise<void> {
  for (const table of ['recon_key', 'recon_member', 'recon_host'])
    await connection.run(`DROP TABLE IF EXISTS ${table}`)
  await connection.run(
    `CREATE TEMP TABLE recon_key AS
     SELECT id, import_id, ${SERIAL_KEY} AS skey, hkey FROM (
       SELECT a.id, a.import_id, upper(regexp_replace(trim(a.serial), '[\\s._-]', '', 'g')) AS s,
              CASE WHEN length(trim(a.hostname)) >= 2 THEN lower(split_part(trim(a.hostname), '.', 1)) END AS hkey
       FROM asset a WHERE a.campaign_id = $1 AND a.import_id <> 0)`,
    [campaignId],
  )
  await connection.run(
    `CREATE TEMP TABLE recon_member AS
     SELECT k.id, g.gid, 'serial' AS matched_by FROM recon_key k JOIN (
       SELECT skey, MIN(id) AS gid FROM recon_key WHERE skey IS NOT NULL GROUP BY skey
       HAVING COUNT(DISTINCT import_id) > 1) g ON g.skey = k.skey`,
  )
  // Rows without a serial join the serial group whose rows carry their host name (when only one does).
  await connection.run(
    `INSERT INTO recon_member
     SELECT k.id, h.gid, 'hostname' FROM recon_key k JOIN (
       SELECT k2.hkey, MIN(m.gid) AS gid FROM recon_member m JOIN recon_key k2 ON k2.id = m.id
       WHERE k2.hkey IS NOT NULL GROUP BY k2.hkey HAVING COUNT(DISTINCT m.gid) = 1) h ON h.hkey = k.hkey
     WHERE k.skey IS NULL AND k.id NOT IN (SELECT id FROM recon_member)`,
  )
  // Remaining rows: same host name in two or more imports, with at most one serial number among them.
  await connection.run(
    `CREATE TEMP TABLE recon_host AS
     SELECT hkey, MIN(id) AS gid FROM recon_key WHERE hkey IS NOT NULL AND id NOT IN (SELECT id FROM recon_member)
     GROUP BY hkey HAVING COUNT(DISTINCT import_id) > 1 AND COUNT(DISTINCT skey) <= 1`,
  )
  await connection.run(
    `INSERT INTO recon_member SELECT k.id, h.gid, 'hostname' FROM recon_key k JOIN recon_host h ON h.hkey = k.hkey
     WHERE k.id NOT IN (SELECT id FROM recon_member)`,
  )
}

/**
 * Runs the whole pass in one transaction; returns what it found.
 * @example await reconcileCampaign(connection, 1)
 */
export async function reconcileCampaign(
  connection: DuckDBConnection,
  campaignId: number,
): Promise<ReconciliationSummary> {
  await connection.run('BEGIN TRANSACTION')
  try {
    await undo(connection, campaignId)
    // One source (or none): no device can be in two imports; skip the grouping over every row.
    const [[sources]] = (await rows(
      connection,
      'SELECT COUNT(DISTINCT import_id) FROM asset WHERE campaign_id = $1 AND import_id <> 0',
      [campaignId],
    )) as [[number]]
    if (toNumber(sources) < 2) {
      await connection.run('UPDATE campaign SET reconciled_revision = assets_revision WHERE id = $1', [campaignId])
      await connection.run('COMMIT')
      return { devices: 0, bySerial: 0, byHostname: 0, sourceRows: 0, conflicts: [] }
    }
    await group(connection, campaignId)
    await mergeGroups(connection, campaignId)
    await connection.run(
      `UPDATE asset SET merged_into = g.new_id FROM recon_member r JOIN recon_golden g ON g.gid = r.gid
       WHERE asset.id = r.id`,
    )
    // Telemetry follows devices by host name or serial: it now belongs to the reconciled rows.
    const [[hasTelemetry]] = (await rows(
      connection,
      'SELECT EXISTS (SELECT 1 FROM telemetry WHERE campaign_id = $1)',
      [campaignId],
    )) as [[boolean]]
    if (hasTelemetry) await refreshUsage(connection, campaignId)
    await connection.run('UPDATE campaign SET reconciled_revision = assets_revision WHERE id = $1', [
      campaignId,
    ])
    const summary = await summarise(connection, campaignId)
    await connection.run('COMMIT')
    return summary
  } catch (error) {
    await connection.run('ROLLBACK')
    throw error
  } finally {
    for (const table of ['recon_key', 'recon_member', 'recon_host', 'recon_golden'])
      await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined)
  }
}

/** One reconciled row per group, each field from its most trusted source; provenance and conflicts recorded. */
async function mergeGroups(connection: DuckDBConnection, campaignId: number): Promise<void> {
  const [[firstId]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM asset')) as [[number]]
  const present = (field: FieldSql): string => `m.${field.column} IS NOT NULL`
  const pick = (field: FieldSql, value: string): string => {
    const key = sortKey(field)
    return `COALESCE(arg_min(${value}, ${key}) FILTER (WHERE ${present(field)} AND (m.imputed & ${field.bit}) = 0),
                     arg_min(${value}, ${key}) FILTER (WHERE ${present(field)}))`
  }
  const sources = FIELDS.map((field) => `${pick(field, 'm.id')} AS src_${field.column}`)
  const imputed = FIELDS.map(
    (field) =>
      `CASE WHEN COUNT(*) FILTER (WHERE ${present(field)} AND (m.imputed & ${field.bit}) = 0) > 0
            OR COUNT(m.${field.column}) = 0 THEN 0 ELSE ${field.bit} END`,
  )
  await connection.run('DROP TABLE IF EXISTS recon_golden')
  await connection.run(
    `CREATE TEMP TABLE recon_golden AS
     SELECT gid, ${toNumber(firstId)} - 1 + DENSE_RANK() OVER (ORDER BY gid) AS new_id, ${sources.join(', ')},
            ${imputed.join(' + ')} AS imputed
     FROM (SELECT r.gid, a.*, i.format FROM recon_member r JOIN asset a ON a.id = r.id JOIN import i ON i.id = a.import_id) m
     GROUP BY gid`,
  )
  const source = (field: FieldSql): string => `s_${field.column}`
  const joins = FIELDS.map(
    (field) => `LEFT JOIN asset ${source(field)} ON ${source(field)}.id = g.src_${field.column}`,
  )
  const value = (column: string): string => {
    const field = FIELDS.find((candidate) => candidate.column === column)
    return field === undefined ? 'NULL' : `${source(field)}.${column}`
  }
  // The domain follows the model's row (it derives from the category and whether the row is hosted).
  await connection.run(
    `INSERT INTO asset (id, campaign_id, import_id, organisation_id, line, site_id, model_id, domain, datacenter, serial,
       hostname, quantity, purchase_day, retirement_day, lifetime_years, annual_kwh, utilisation_rate, ownership,
       country_id, status, imputed, merged_into)
     SELECT g.new_id, $1, 0, ${value('organisation_id')}, 0, ${value('site_id')}, ${value('model_id')},
            s_model_id.domain, ${value('datacenter')}, ${value('serial')}, ${value('hostname')}, ${value('quantity')},
            ${value('purchase_day')}, ${value('retirement_day')}, ${value('lifetime_years')}, ${value('annual_kwh')},
            ${value('utilisation_rate')}, ${value('ownership')}, ${value('country_id')}, ${value('status')}, g.imputed, NULL
     FROM recon_golden g ${joins.join(' ')}`,
    [campaignId],
  )
  const provenance = FIELDS.map(
    (field) =>
      `SELECT g.new_id, ${quote(field.field.field)}, g.src_${field.column} FROM recon_golden g
       WHERE g.src_${field.column} IS NOT NULL`,
  )
  await connection.run(
    `INSERT INTO asset_provenance
     SELECT $1, p.new_id, p.field, p.src, a.import_id
     FROM (${provenance.join(' UNION ALL ')}) p(new_id, field, src) JOIN asset a ON a.id = p.src`,
    [campaignId],
  )
  for (const field of FIELDS) {
    await connection.run(
      `INSERT INTO reconciliation_conflict
       SELECT $1, g.new_id, ${quote(field.field.field)}, ${field.display('s')}, s.import_id, ${field.display('a')}, a.import_id
       FROM recon_member r JOIN recon_golden g ON g.gid = r.gid JOIN asset a ON a.id = r.id
       JOIN asset s ON s.id = g.src_${field.column}
       WHERE a.id <> s.id AND a.${field.column} IS NOT NULL AND (a.imputed & ${field.bit}) = 0
         AND (s.imputed & ${field.bit}) = 0 AND ${field.differs('a', 's')}`,
      [campaignId],
    )
  }
}

async function summarise(connection: DuckDBConnection, campaignId: number): Promise<ReconciliationSummary> {
  const [[groups, bySerial, byHostname, members]] = (await rows(
    connection,
    `SELECT COUNT(DISTINCT gid), COUNT(DISTINCT gid) FILTER (WHERE matched_by = 'serial'),
            COUNT(DISTINCT gid) FILTER (WHERE gid NOT IN (SELECT gid FROM recon_member WHERE matched_by = 'serial')),
            COUNT(*)
     FROM recon_member`,
  )) as [[number, number, number, number]]
  const conflicts = await rows(
    connection,
    `SELECT field, COUNT(*)::INTEGER, COUNT(DISTINCT asset_id)::INTEGER FROM reconciliation_conflict
     WHERE campaign_id = $1 GROUP BY field ORDER BY 2 DESC, field`,
    [campaignId],
  )
  return {
    devices: toNumber(groups),
    bySerial: toNumber(bySerial),
    byHostname: toNumber(byHostname),
    sourceRows: toNumber(members),
    conflicts: conflicts.map(([field, count, devices]) => ({
      field: field as AssetField,
      conflicts: toNumber(count),
      devices: toNumber(devices),
    })),
  }
}

const fileOf = (importId: string): string =>
  `COALESCE((SELECT file_name FROM import WHERE id = ${importId}), 'reconciliation')`

function toConflict(row: unknown[]): ReconciliationConflict {
  return {
    assetId: toNumber(row[0]),
    field: row[1] as AssetField,
    chosen: row[2] as string | null,
    chosenFile: row[3] as string,
    other: row[4] as string | null,
    otherFile: row[5] as string,
  }
}

/** Conflicts of the campaign (or of one reconciled asset), by asset then field. */
export async function reconciliationConflicts(
  connection: DuckDBConnection,
  campaignId: number,
  options: { assetId?: number; limit: number },
): Promise<ReconciliationConflict[]> {
  const found = await rows(
    connection,
    `SELECT asset_id, field, chosen, ${fileOf('chosen_import_id')}, other, ${fileOf('other_import_id')}
     FROM reconciliation_conflict WHERE campaign_id = $1 ${options.assetId === undefined ? '' : 'AND asset_id = $3'}
     ORDER BY asset_id, field, other LIMIT $2`,
    options.assetId === undefined
      ? [campaignId, options.limit]
      : [campaignId, options.limit, options.assetId],
  )
  return found.map(toConflict)
}

/** The source rows of a reconciled asset, where each of its fields came from, and its conflicts. */
export async function reconciliationOf(
  connection: DuckDBConnection,
  campaignId: number,
  assetId: number,
): Promise<AssetReconciliation> {
  const members = await rows(
    connection,
    `SELECT a.id, i.file_name, i.format, a.line FROM asset a JOIN import i ON i.id = a.import_id
     WHERE a.campaign_id = $1 AND a.merged_into = $2 ORDER BY a.id`,
    [campaignId, assetId],
  )
  const provenance = await rows(
    connection,
    `SELECT p.field, p.source_asset_id, i.file_name, a.line FROM asset_provenance p
     JOIN asset a ON a.id = p.source_asset_id JOIN import i ON i.id = p.import_id
     WHERE p.campaign_id = $1 AND p.asset_id = $2 ORDER BY p.field`,
    [campaignId, assetId],
  )
  return {
    members: members.map((row) => ({
      assetId: toNumber(row[0]),
      fileName: row[1] as string,
      format: row[2] as string,
      line: toNumber(row[3]),
    })),
    provenance: provenance.map((row) => ({
      field: row[0] as AssetField,
      assetId: toNumber(row[1]),
      fileName: row[2] as string,
      line: toNumber(row[3]),
    })),
    conflicts: await reconciliationConflicts(connection, campaignId, { assetId, limit: 1000 }),
  }
}

/** True when no import changed the campaign since its last reconciliation pass. */
export async function isReconciled(connection: DuckDBConnection, campaignId: number): Promise<boolean> {
  const found = await rows(
    connection,
    'SELECT COALESCE(reconciled_revision, -1) = assets_revision FROM campaign WHERE id = $1',
    [campaignId],
  )
  return found.length > 0 && found[0]![0] === true
}
