/**
 * Reconciliation of the same device across sources, in PostgreSQL's SQL: the DuckDB adapter's pass
 * (src/store/duckdb/reconcile.ts) with arg_min written as an ordered array_agg (docs/methodology/reconciliation.md).
 * Source rows are never changed except for `merged_into`: each group of rows found in two or more imports
 * (same serial number, else same host name) gets one reconciled row (import_id 0, line 0) holding, field by
 * field, the value of the most trusted source (core/harmonise/source-priority.ts); the group's rows point to it.
 * The pass is idempotent: it starts by undoing the previous one, so it can run after every import.
 */
import type postgres from 'postgres'
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
import { lockWriters, rows, run, toNumber, type Sql } from './sql.js'
import { refreshUsage } from './telemetry.js'

type FieldSql = {
  field: ReconciledField
  column: string
  bit: number
  /** SQL text shown for a value (conflicts), given the SQL expression of the stored value. */
  display: (value: string) => string
  /** SQL condition: stored values A and S (both non-null) differ enough to be a conflict. */
  differs: (a: string, s: string) => string
}

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`

function codeText(codes: readonly (string | null)[], expression: string): string {
  const cases = codes.map((code, index) => `WHEN ${index} THEN ${code === null ? 'NULL' : quote(code)}`)
  return `CASE ${expression} ${cases.join(' ')} END`
}

const dayText = (expression: string): string =>
  `to_char(DATE '1970-01-01' + CAST(${expression} AS INTEGER), 'YYYY-MM-DD')`

const serialKey = (value: string): string => `upper(regexp_replace(trim(${value}), '[\\s._-]', '', 'g'))`
const hostKey = (value: string): string => `lower(split_part(trim(${value}), '.', 1))`
const siteName = (id: string): string => `lower((SELECT name FROM site WHERE id = ${id}))`
const modelKey = (id: string): string =>
  `(SELECT category || '|' || lower(COALESCE(model, '')) FROM model WHERE id = ${id})`

function fieldSql(field: ReconciledField): FieldSql {
  const bit = 1 << ASSET_FIELDS.indexOf(field.field)
  const plain = (column: string): Omit<FieldSql, 'field' | 'bit'> => ({
    column,
    display: (value) => `CAST(${value} AS VARCHAR)`,
    differs: (a, s) => `${a} <> ${s}`,
  })
  // Equal stored values never differ: the cheap comparison comes first so the look-ups run on few rows.
  const byField: Record<string, Omit<FieldSql, 'field' | 'bit'>> = {
    organisation: {
      column: 'organisation_id',
      display: (value) => `(SELECT path FROM organisation WHERE id = ${value})`,
      differs: (a, s) => `${a} <> ${s}`,
    },
    site: {
      column: 'site_id',
      display: (value) => `(SELECT name FROM site WHERE id = ${value})`,
      differs: (a, s) => `${a} <> ${s} AND ${siteName(a)} <> ${siteName(s)}`,
    },
    datacenter: {
      column: 'datacenter',
      display: (value) => value,
      differs: (a, s) => `${a} <> ${s} AND lower(${a}) <> lower(${s})`,
    },
    model: {
      column: 'model_id',
      display: (value) =>
        `(SELECT concat_ws(' ', manufacturer, model) || ' (' || category || ')' FROM model WHERE id = ${value})`,
      // Same category and same model text (case aside) is the same model, whatever the manufacturer spelling.
      differs: (a, s) => `${a} <> ${s} AND ${modelKey(a)} <> ${modelKey(s)}`,
    },
    serial: {
      column: 'serial',
      display: (value) => value,
      differs: (a, s) => `${a} <> ${s} AND ${serialKey(a)} <> ${serialKey(s)}`,
    },
    hostname: {
      column: 'hostname',
      display: (value) => value,
      differs: (a, s) => `${a} <> ${s} AND ${hostKey(a)} <> ${hostKey(s)}`,
    },
    quantity: plain('quantity'),
    purchaseDate: {
      column: 'purchase_day',
      display: dayText,
      differs: (a, s) => `abs(${a} - ${s}) > ${DATE_TOLERANCE_DAYS}`,
    },
    retirementDate: {
      column: 'retirement_day',
      display: dayText,
      differs: (a, s) => `abs(${a} - ${s}) > ${DATE_TOLERANCE_DAYS}`,
    },
    lifetimeYears: plain('lifetime_years'),
    annualKwh: plain('annual_kwh'),
    utilisationRate: plain('utilisation_rate'),
    ownership: {
      column: 'ownership',
      display: (value) => codeText(OWNERSHIP_CODES, value),
      differs: (a, s) => `${a} <> ${s}`,
    },
    country: {
      column: 'country_id',
      display: (value) => `(SELECT code FROM country WHERE id = ${value})`,
      differs: (a, s) => `${a} <> ${s}`,
    },
    status: {
      column: 'status',
      display: (value) => codeText(STATUS_CODES, value),
      differs: (a, s) => `${a} <> ${s}`,
    },
  }
  const sql = byField[field.field]
  if (sql === undefined) throw new Error(`No reconciliation SQL for field "${field.field}"`)
  return { field, bit, ...sql }
}

const FIELDS: readonly FieldSql[] = RECONCILED_FIELDS.map(fieldSql)

/** SQL rank of a row's format in a field's ranking: 1 = trusted first; unlisted formats come last. */
function rankSql(field: FieldSql): string {
  const ranks = new Map<number, string[]>()
  for (const format of field.field.ranking) {
    const rank = rankOf(field.field, format)
    ranks.set(rank, [...(ranks.get(rank) ?? []), format])
  }
  const cases = [...ranks].map(
    ([rank, formats]) => `WHEN i.format IN (${formats.map(quote).join(', ')}) THEN ${rank}`,
  )
  return `(CASE ${cases.join(' ')} ELSE ${field.field.ranking.length + 1} END)::BIGINT`
}

/** The distinct rankings among the fields (several fields share one), each computed once per row. */
const RANKINGS: readonly string[] = [...new Set(FIELDS.map((field) => field.field.ranking.join(',')))]

/**
 * Sort key of a row for a field, lowest wins: a value read from the source before an imputed one, then the
 * rank of its format, then the most recent import, then the row id (so the key is unique within the group).
 */
function sortKey(field: FieldSql): string {
  const ranking = RANKINGS.indexOf(field.field.ranking.join(','))
  return `(CASE WHEN (m.imputed & ${field.bit}) = 0 THEN 0 ELSE 100000000000000000 END) + m.rank_${ranking} * 1000000000000000 + m.ord`
}

const SERIAL_KEY = `CASE WHEN s IS NULL OR length(s) < ${MIN_SERIAL_LENGTH} OR s IN (${JUNK_SERIALS.map(quote).join(', ')})
  OR replace(s, left(s, 1), '') = '' THEN NULL ELSE s END`

/** Undoes the previous pass of the campaign: reconciled rows deleted, source rows standing alone again. */
async function undo(connection: Sql, campaignId: number): Promise<void> {
  await run(connection, 'DELETE FROM asset WHERE campaign_id = $1 AND import_id = 0', [campaignId])
  await run(
    connection,
    'UPDATE asset SET merged_into = NULL WHERE campaign_id = $1 AND merged_into IS NOT NULL',
    [campaignId],
  )
  await run(connection, 'DELETE FROM asset_provenance WHERE campaign_id = $1', [campaignId])
  await run(connection, 'DELETE FROM reconciliation_conflict WHERE campaign_id = $1', [campaignId])
}

/** Groups rows found in two or more imports: serial number first, then host name for rows without one. */
async function group(connection: Sql, campaignId: number): Promise<void> {
  for (const table of ['recon_key', 'recon_member', 'recon_host'])
    await run(connection, `DROP TABLE IF EXISTS ${table}`)
  await run(
    connection,
    `CREATE TEMP TABLE recon_key AS
     SELECT id, import_id, ${SERIAL_KEY} AS skey, hkey FROM (
       SELECT a.id, a.import_id, upper(regexp_replace(trim(a.serial), '[\\s._-]', '', 'g')) AS s,
              CASE WHEN length(trim(a.hostname)) >= 2 THEN lower(split_part(trim(a.hostname), '.', 1)) END AS hkey
       FROM asset a WHERE a.campaign_id = $1 AND a.import_id <> 0) keyed`,
    [campaignId],
  )
  await run(
    connection,
    `CREATE TEMP TABLE recon_member AS
     SELECT k.id, g.gid, 'serial' AS matched_by FROM recon_key k JOIN (
       SELECT skey, MIN(id) AS gid FROM recon_key WHERE skey IS NOT NULL GROUP BY skey
       HAVING COUNT(DISTINCT import_id) > 1) g ON g.skey = k.skey`,
  )
  // Rows without a serial join the serial group whose rows carry their host name (when only one does).
  await run(
    connection,
    `INSERT INTO recon_member
     SELECT k.id, h.gid, 'hostname' FROM recon_key k JOIN (
       SELECT k2.hkey, MIN(m.gid) AS gid FROM recon_member m JOIN recon_key k2 ON k2.id = m.id
       WHERE k2.hkey IS NOT NULL GROUP BY k2.hkey HAVING COUNT(DISTINCT m.gid) = 1) h ON h.hkey = k.hkey
     WHERE k.skey IS NULL AND k.id NOT IN (SELECT id FROM recon_member)`,
  )
  // Remaining rows: same host name in two or more imports, with at most one serial number among them.
  await run(
    connection,
    `CREATE TEMP TABLE recon_host AS
     SELECT hkey, MIN(id) AS gid FROM recon_key WHERE hkey IS NOT NULL AND id NOT IN (SELECT id FROM recon_member)
     GROUP BY hkey HAVING COUNT(DISTINCT import_id) > 1 AND COUNT(DISTINCT skey) <= 1`,
  )
  await run(
    connection,
    `INSERT INTO recon_member SELECT k.id, h.gid, 'hostname' FROM recon_key k JOIN recon_host h ON h.hkey = k.hkey
     WHERE k.id NOT IN (SELECT id FROM recon_member)`,
  )
}

/**
 * Runs the whole pass in one transaction; returns what it found.
 * @example await reconcileCampaign(sql, 1)
 */
export async function reconcileCampaign(
  sql: postgres.Sql,
  campaignId: number,
): Promise<ReconciliationSummary> {
  // Temporary tables live in one session: the whole pass runs on one reserved connection.
  const connection = await sql.reserve()
  await run(connection, 'BEGIN')
  try {
    await lockWriters(connection)
    await undo(connection, campaignId)
    // One source (or none): no device can be in two imports; skip the grouping over every row.
    const [[sources]] = (await rows(
      connection,
      'SELECT COUNT(DISTINCT import_id) FROM asset WHERE campaign_id = $1 AND import_id <> 0',
      [campaignId],
    )) as [[number]]
    if (toNumber(sources) < 2) {
      await run(connection, 'UPDATE campaign SET reconciled_revision = assets_revision WHERE id = $1', [
        campaignId,
      ])
      await run(connection, 'COMMIT')
      return { devices: 0, bySerial: 0, byHostname: 0, sourceRows: 0, conflicts: [] }
    }
    await group(connection, campaignId)
    await mergeGroups(connection, campaignId)
    await run(
      connection,
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
    await run(connection, 'UPDATE campaign SET reconciled_revision = assets_revision WHERE id = $1', [
      campaignId,
    ])
    const summary = await summarise(connection, campaignId)
    await run(connection, 'COMMIT')
    return summary
  } catch (error) {
    await run(connection, 'ROLLBACK')
    throw error
  } finally {
    for (const table of [
      'recon_key',
      'recon_member',
      'recon_host',
      'recon_rows',
      'recon_golden',
      'recon_pairs',
    ])
      await run(connection, `DROP TABLE IF EXISTS ${table}`).catch(() => undefined)
    connection.release()
  }
}

/**
 * One reconciled row per group, each field from its most trusted source; provenance and conflicts recorded.
 * The group's rows are read once (`recon_rows`); for each field one aggregate picks the winning row as a struct
 * (row id, import, imputed flags and value), so the reconciled rows, their provenance and the conflicts are
 * written without joining the asset table again.
 */
async function mergeGroups(connection: Sql, campaignId: number): Promise<void> {
  const [[firstId]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM asset')) as [[number]]
  const columns = FIELDS.map((field) => `a.${field.column}`).join(', ')
  const ranks = RANKINGS.map((ranking) => {
    const field = FIELDS.find((candidate) => candidate.field.ranking.join(',') === ranking) as FieldSql
    return `${rankSql(field)} AS rank_${RANKINGS.indexOf(ranking)}`
  })
  await run(connection, 'DROP TABLE IF EXISTS recon_rows')
  await run(
    connection,
    `CREATE TEMP TABLE recon_rows AS
     SELECT r.gid, a.id, a.import_id, a.imputed, a.domain, ${columns}, ${ranks.join(', ')},
            (1000000 - a.import_id)::BIGINT * 100000000 + a.id AS ord
     FROM recon_member r JOIN asset a ON a.id = r.id JOIN import i ON i.id = a.import_id`,
  )
  // Per field: the winning row, its value and its import (arg_min over one unique key: the same row for all three).
  const picks = FIELDS.map((field) => {
    const key = sortKey(field)
    const where = `FILTER (WHERE m.${field.column} IS NOT NULL)`
    const domain =
      field.column === 'model_id' ? `, (array_agg(m.domain ORDER BY ${key}) ${where})[1] AS domain` : ''
    return `(array_agg(m.id ORDER BY ${key}) ${where})[1] AS src_${field.column},
            (array_agg(m.${field.column} ORDER BY ${key}) ${where})[1] AS val_${field.column},
            (array_agg(m.import_id ORDER BY ${key}) ${where})[1] AS imp_${field.column}${domain}`
  })
  const imputed = FIELDS.map(
    (field) =>
      `CASE WHEN COUNT(*) FILTER (WHERE m.${field.column} IS NOT NULL AND (m.imputed & ${field.bit}) = 0) > 0
            OR COUNT(m.${field.column}) = 0 THEN 0 ELSE ${field.bit} END`,
  )
  await run(connection, 'DROP TABLE IF EXISTS recon_golden')
  await run(
    connection,
    `CREATE TEMP TABLE recon_golden AS
     SELECT gid, ${toNumber(firstId)} - 1 + DENSE_RANK() OVER (ORDER BY gid) AS new_id, ${picks.join(', ')},
            ${imputed.join(' + ')} AS imputed
     FROM recon_rows m GROUP BY gid`,
  )
  const value = (column: string): string =>
    FIELDS.some((candidate) => candidate.column === column) ? `val_${column}` : 'NULL'
  // The domain follows the model's row (it derives from the category and whether the row is hosted).
  await run(
    connection,
    `INSERT INTO asset (id, campaign_id, import_id, organisation_id, line, site_id, model_id, domain, datacenter, serial,
       hostname, quantity, purchase_day, retirement_day, lifetime_years, annual_kwh, utilisation_rate, ownership,
       country_id, status, imputed, merged_into)
     SELECT new_id, $1::integer, 0, ${value('organisation_id')}, 0, ${value('site_id')}, ${value('model_id')},
            domain, ${value('datacenter')}, ${value('serial')}, ${value('hostname')}, ${value('quantity')},
            ${value('purchase_day')}, ${value('retirement_day')}, ${value('lifetime_years')}, ${value('annual_kwh')},
            ${value('utilisation_rate')}, ${value('ownership')}, ${value('country_id')}, ${value('status')}, imputed, NULL
     FROM recon_golden`,
    [campaignId],
  )
  const provenance = FIELDS.map(
    (field) =>
      `SELECT $1::integer, new_id, ${quote(field.field.field)}, src_${field.column}, imp_${field.column}
       FROM recon_golden WHERE src_${field.column} IS NOT NULL`,
  )
  await run(connection, `INSERT INTO asset_provenance ${provenance.join(' UNION ALL ')}`, [campaignId])
  // A member row conflicts on a field when it holds a value read from its source that differs from the chosen
  // one, itself read from its source (the group's imputed bit is clear). Each member row sits next to its group's
  // choices once; every field then reads that table without another join.
  await run(connection, 'DROP TABLE IF EXISTS recon_pairs')
  await run(
    connection,
    `CREATE TEMP TABLE recon_pairs AS
     SELECT a.id, a.import_id, a.imputed, ${FIELDS.map((field) => `a.${field.column}`).join(', ')},
            g.new_id, g.imputed AS chosen_imputed,
            ${FIELDS.map((field) => `g.src_${field.column}, g.val_${field.column}, g.imp_${field.column}`).join(', ')}
     FROM recon_rows a JOIN recon_golden g USING (gid)`,
  )
  const conflicts = FIELDS.map((field) => {
    const own = `p.${field.column}`
    const chosen = `p.val_${field.column}`
    return `SELECT $1::integer, p.new_id, ${quote(field.field.field)}, ${field.display(chosen)}, p.imp_${field.column},
                   ${field.display(own)}, p.import_id
            FROM recon_pairs p
            WHERE p.id <> p.src_${field.column} AND ${own} IS NOT NULL AND (p.imputed & ${field.bit}) = 0
              AND (p.chosen_imputed & ${field.bit}) = 0 AND ${field.differs(own, chosen)}`
  })
  await run(connection, `INSERT INTO reconciliation_conflict ${conflicts.join(' UNION ALL ')}`, [campaignId])
}

async function summarise(connection: Sql, campaignId: number): Promise<ReconciliationSummary> {
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
  connection: Sql,
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
  connection: Sql,
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
export async function isReconciled(connection: Sql, campaignId: number): Promise<boolean> {
  const found = await rows(
    connection,
    'SELECT COALESCE(reconciled_revision, -1) = assets_revision FROM campaign WHERE id = $1',
    [campaignId],
  )
  return found.length > 0 && found[0]![0] === true
}
