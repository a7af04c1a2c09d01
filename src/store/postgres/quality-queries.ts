/**
 * Data-quality queries of the PostgreSQL workspace (same SQL as the DuckDB adapter's): counts per (source, organisation) cell, finding reasons, and
 * the stream of asset columns the core outlier rules read. The store delegates to these functions.
 */
import { ASSET_FIELDS, type AssetField } from '../../core/inventory/asset.js'
import type { CategoryId } from '../../core/inventory/categories.js'
import type { FindingReasonCount, QualityCell, QualityRowBatch } from '../../app/ports.js'
import { rows, toNumber, type Row, type Sql } from './sql.js'

/** The column holding each canonical field (a field is present when not null and not imputed). */
const FIELD_COLUMNS: Readonly<Record<AssetField, string>> = {
  organisation: 'a.organisation_id',
  site: 'a.site_id',
  datacenter: 'a.datacenter',
  category: 'm.category',
  manufacturer: 'm.manufacturer',
  model: 'm.model',
  serial: 'a.serial',
  hostname: 'a.hostname',
  quantity: 'a.quantity',
  purchaseDate: 'a.purchase_day',
  retirementDate: 'a.retirement_day',
  lifetimeYears: 'a.lifetime_years',
  annualKwh: 'a.annual_kwh',
  utilisationRate: 'a.utilisation_rate',
  ownership: 'a.ownership',
  country: 'a.country_id',
  status: 'a.status',
}

function fieldCountColumns(): string {
  return ASSET_FIELDS.map((field, bit) => {
    const isImputed = `(a.imputed & ${1 << bit}) <> 0`
    return `COUNT(*) FILTER (WHERE ${FIELD_COLUMNS[field]} IS NOT NULL AND NOT ${isImputed}),
            COUNT(*) FILTER (WHERE ${isImputed})`
  }).join(',\n')
}

/**
 * Quality counts per (import, organisation), over the rows the sources gave: rows with import_id 0 (written by
 * a pass, not read from a file, such as reconciled rows) are left out. Duplicates: a serial seen twice in one import, a serial seen in
 * more than one import, a host name (lower case) seen twice in the campaign. Matched share from model_result
 * (the last compute pass); assets of a model without a result count in neither.
 */
export async function qualityCells(connection: Sql, campaignId: number): Promise<QualityCell[]> {
  const found = await rows(
    connection,
    `WITH serial_in_import AS (
       SELECT import_id, serial FROM asset WHERE campaign_id = $1 AND import_id <> 0 AND serial IS NOT NULL
       GROUP BY import_id, serial HAVING COUNT(*) > 1),
     serial_in_imports AS (
       SELECT serial FROM asset WHERE campaign_id = $1 AND import_id <> 0 AND serial IS NOT NULL
       GROUP BY serial HAVING COUNT(DISTINCT import_id) > 1),
     hostname_twice AS (
       SELECT lower(hostname) AS hostname FROM asset WHERE campaign_id = $1 AND import_id <> 0 AND hostname IS NOT NULL
       GROUP BY lower(hostname) HAVING COUNT(*) > 1)
     SELECT a.import_id, o.path, COUNT(*), COUNT(*) FILTER (WHERE a.imputed <> 0),
            COUNT(si.serial), COUNT(sa.serial), COUNT(h.hostname),
            COUNT(*) FILTER (WHERE si.serial IS NOT NULL OR sa.serial IS NOT NULL),
            COUNT(*) FILTER (WHERE r.matched_by = 'model'), COUNT(*) FILTER (WHERE r.matched_by = 'category-default'),
            ${fieldCountColumns()}
     FROM asset a JOIN organisation o ON o.id = a.organisation_id JOIN model m ON m.id = a.model_id
     LEFT JOIN serial_in_import si ON si.import_id = a.import_id AND si.serial = a.serial
     LEFT JOIN serial_in_imports sa ON sa.serial = a.serial
     LEFT JOIN hostname_twice h ON h.hostname = lower(a.hostname)
     LEFT JOIN model_result r ON r.campaign_id = a.campaign_id AND r.model_id = a.model_id
     WHERE a.campaign_id = $1 AND a.import_id <> 0
     GROUP BY a.import_id, o.path ORDER BY a.import_id, o.path`,
    [campaignId],
  )
  return found.map((row) => {
    const present = {} as Record<AssetField, number>
    const imputed = {} as Record<AssetField, number>
    ASSET_FIELDS.forEach((field, index) => {
      present[field] = toNumber(row[10 + 2 * index])
      imputed[field] = toNumber(row[11 + 2 * index])
    })
    return {
      importId: toNumber(row[0]),
      organisation: row[1] as string,
      assets: toNumber(row[2]),
      imputedAssets: toNumber(row[3]),
      duplicates: {
        serialWithinSource: toNumber(row[4]),
        serialAcrossSources: toNumber(row[5]),
        hostname: toNumber(row[6]),
        serial: toNumber(row[7]),
      },
      matchedByModel: toNumber(row[8]),
      matchedByCategoryDefault: toNumber(row[9]),
      present,
      imputed,
    }
  })
}

/** Distinct lines per import, code, column and severity among the stored findings. */
export async function findingReasons(connection: Sql, campaignId: number): Promise<FindingReasonCount[]> {
  const found = await rows(
    connection,
    `SELECT import_id, code, column_name, severity, COUNT(DISTINCT line) FROM finding WHERE campaign_id = $1
     GROUP BY import_id, code, column_name, severity ORDER BY import_id, 5 DESC, code, column_name NULLS FIRST`,
    [campaignId],
  )
  return found.map((row) => ({
    importId: toNumber(row[0]),
    code: row[1] as string,
    column: row[2] as string | null,
    severity: row[3] as FindingReasonCount['severity'],
    rows: toNumber(row[4]),
  }))
}

/** One cursor batch of quality rows; texts come from small dictionaries loaded once. */
class PostgresQualityBatch implements QualityRowBatch {
  readonly length: number

  constructor(
    private readonly batch: readonly Row[],
    private readonly organisations: readonly string[],
    private readonly categories: readonly CategoryId[],
    private readonly referenceItems: readonly (string | undefined)[],
  ) {
    this.length = batch.length
  }

  private value(column: number, row: number): unknown {
    return this.batch[row]![column]
  }
  private nullableNumber(column: number, row: number): number | null {
    const value = this.value(column, row)
    return value === null ? null : toNumber(value)
  }

  assetId(row: number): number {
    return toNumber(this.value(0, row))
  }
  importId(row: number): number {
    return toNumber(this.value(1, row))
  }
  line(row: number): number {
    return toNumber(this.value(2, row))
  }
  organisation(row: number): string {
    return this.organisations[toNumber(this.value(3, row))]!
  }
  category(row: number): CategoryId {
    return this.categories[toNumber(this.value(4, row))]!
  }
  referenceItem(row: number): string | null {
    return this.referenceItems[toNumber(this.value(4, row))] ?? null
  }
  quantity(row: number): number {
    return toNumber(this.value(5, row))
  }
  purchaseDay(row: number): number | null {
    return this.nullableNumber(6, row)
  }
  lifetimeYears(row: number): number | null {
    return this.nullableNumber(7, row)
  }
  annualKwh(row: number): number | null {
    return this.nullableNumber(8, row)
  }
  serial(row: number): string | null {
    return this.value(9, row) as string | null
  }
  hostname(row: number): string | null {
    return this.value(10, row) as string | null
  }
}

/** Streams every source asset of the campaign (id order, import_id 0 left out) with the columns the outlier rules need. */
export async function* readQualityRows(connection: Sql, campaignId: number): AsyncIterable<QualityRowBatch> {
  const organisations: string[] = []
  for (const [id, path] of await rows(connection, 'SELECT id, path FROM organisation'))
    organisations[toNumber(id)] = path as string
  const categories: CategoryId[] = []
  const referenceItems: (string | undefined)[] = []
  for (const [id, category, item] of await rows(
    connection,
    `SELECT m.id, m.category, r.reference_item FROM model m
     LEFT JOIN model_result r ON r.model_id = m.id AND r.campaign_id = $1`,
    [campaignId],
  )) {
    categories[toNumber(id)] = category as CategoryId
    referenceItems[toNumber(id)] = (item as string | null) ?? undefined
  }
  const cursor = connection
    .unsafe(
      `SELECT id, import_id, line, organisation_id, model_id, quantity, purchase_day, lifetime_years, annual_kwh,
              serial, hostname
       FROM asset WHERE campaign_id = $1 AND import_id <> 0 ORDER BY id`,
      [campaignId],
    )
    .values()
    .cursor(8192)
  for await (const batch of cursor)
    yield new PostgresQualityBatch(batch as unknown as Row[], organisations, categories, referenceItems)
}
