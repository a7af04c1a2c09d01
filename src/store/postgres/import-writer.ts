import type postgres from 'postgres'
import type { Datacenter } from '../../core/inventory/asset.js'
import { CATEGORY_IDS, domainOf } from '../../core/inventory/categories.js'
import type { AssetColumns } from '../../core/inventory/asset-columns.js'
import type { Finding } from '../../core/quality/finding.js'
import type { InventoryRecord } from '../../core/inventory/inventory-records.js'
import type { ImportRecord, ImportWriter, NewImport, QuarantinedRow } from '../../app/ports.js'
import { domainCode } from '../duckdb/codes.js'
import { PATH_SEPARATOR, IMPORT_COLUMNS, copyRows, run } from './sql.js'
import { Dictionaries } from '../shared/dictionaries.js'
import { appendInventoryRecords } from './records.js'
import { applyReplacements, type ReplacementCounts } from './replace-rows.js'

export const ASSET_COLUMNS = [
  'id',
  'campaign_id',
  'import_id',
  'organisation_id',
  'line',
  'site_id',
  'model_id',
  'domain',
  'datacenter',
  'serial',
  'hostname',
  'quantity',
  'purchase_day',
  'retirement_day',
  'lifetime_years',
  'annual_kwh',
  'utilisation_rate',
  'ownership',
  'country_id',
  'status',
  'imputed',
] as const

const QUARANTINE_COLUMNS = ['campaign_id', 'import_id', 'line', 'raw', 'reasons']
const FINDING_COLUMNS = [
  'campaign_id',
  'import_id',
  'line',
  'column_name',
  'code',
  'severity',
  'message',
  'value',
]

/**
 * Writes one import inside a transaction on a reserved connection: assets, quarantined rows and findings go in
 * with `COPY … FROM STDIN` batch by batch; dictionaries, datacenters and records at commit. Whole or absent.
 */
export class PostgresImportWriter implements ImportWriter {
  private nextAssetId: number
  private readonly datacenters: Datacenter[] = []
  private readonly records: InventoryRecord[] = []
  private isOpen = true

  constructor(
    private readonly connection: postgres.ReservedSql,
    private readonly dictionaries: Dictionaries,
    private readonly meta: NewImport,
    private readonly importId: number,
    firstAssetId: number,
  ) {
    this.nextAssetId = firstAssetId
  }

  async addAssets(assets: AssetColumns): Promise<void> {
    this.assertOpen()
    const dictionaries = this.dictionaries
    const campaignId = this.meta.campaignId
    const importId = this.importId
    const nullable = (value: number): number | null => (Number.isNaN(value) ? null : value)
    let nextAssetId = this.nextAssetId
    function* assetRows(): Generator<unknown[]> {
      const row = new Array<unknown>(ASSET_COLUMNS.length)
      for (let index = 0; index < assets.length; index++) {
        const organisationId = dictionaries.organisationOfPath(assets.organisation[index]!)
        const category = CATEGORY_IDS[assets.category[index]!]!
        const site = assets.site[index]!
        const datacenter = assets.datacenter[index]!
        const ownership = assets.ownership[index]!
        row[0] = nextAssetId++
        row[1] = campaignId
        row[2] = importId
        row[3] = organisationId
        row[4] = assets.sourceLine[index]
        row[5] = site === null ? null : dictionaries.site(organisationId, site)
        row[6] = dictionaries.model(category, assets.manufacturer[index]!, assets.model[index]!)
        row[7] = domainCode(domainOf(category, datacenter !== null))
        row[8] = datacenter
        row[9] = assets.serial[index]
        row[10] = assets.hostname[index]
        row[11] = assets.quantity[index]
        row[12] = nullable(assets.purchaseDay[index]!)
        row[13] = nullable(assets.retirementDay[index]!)
        row[14] = nullable(assets.lifetimeYears[index]!)
        row[15] = nullable(assets.annualKwh[index]!)
        row[16] = nullable(assets.utilisationRate[index]!)
        row[17] = ownership === 0 ? null : ownership
        row[18] = dictionaries.country(assets.country[index]!)
        row[19] = assets.status[index]
        row[20] = assets.imputedMask[index]
        yield row
      }
    }
    await copyRows(this.connection, 'asset', ASSET_COLUMNS, assetRows())
    this.nextAssetId = nextAssetId
  }

  async addDatacenters(datacenters: readonly Datacenter[]): Promise<void> {
    this.datacenters.push(...datacenters)
  }

  async addQuarantine(rowsToAdd: readonly QuarantinedRow[]): Promise<void> {
    this.assertOpen()
    const { campaignId } = this.meta
    await copyRows(
      this.connection,
      'quarantine',
      QUARANTINE_COLUMNS,
      rowsToAdd.map((row) => [
        campaignId,
        this.importId,
        row.line,
        JSON.stringify(row.raw),
        JSON.stringify(row.findings),
      ]),
    )
    await this.appendFindings(rowsToAdd.flatMap((row) => row.findings))
  }

  async addFindings(findings: readonly Finding[]): Promise<void> {
    await this.appendFindings(findings.filter((finding) => finding.severity !== 'imputed'))
  }

  private async appendFindings(findings: readonly Finding[]): Promise<void> {
    if (findings.length === 0) return
    this.assertOpen()
    const { campaignId } = this.meta
    await copyRows(
      this.connection,
      'finding',
      FINDING_COLUMNS,
      findings.map((finding) => [
        campaignId,
        this.importId,
        finding.line,
        finding.column,
        finding.code,
        finding.severity,
        finding.message,
        finding.value,
      ]),
    )
  }

  async addRecords(records: readonly InventoryRecord[]): Promise<void> {
    this.records.push(...records)
  }

  async commit(counts: {
    rowsRead: number
    rowsAccepted: number
    rowsQuarantined: number
    rowsImputed: number
  }): Promise<ImportRecord> {
    this.assertOpen()
    const { connection, meta, importId } = this
    let replacement: ReplacementCounts | undefined
    try {
      await copyRows(
        connection,
        'datacenter',
        ['campaign_id', 'import_id', 'organisation_id', 'line', 'short_name', 'long_name', 'pue', 'country'],
        this.datacenters.map((datacenter) => [
          meta.campaignId,
          importId,
          this.dictionaries.organisation(datacenter.organisationPath),
          datacenter.sourceLine,
          datacenter.shortName,
          datacenter.longName,
          datacenter.pue,
          datacenter.country,
        ]),
      )
      // Before the dictionaries are written: records may name new organisations.
      await appendInventoryRecords(
        connection,
        this.dictionaries,
        { campaignId: meta.campaignId, importId },
        this.records,
      )
      await copyRows(connection, 'country', ['id', 'code'], this.dictionaries.newCountries)
      await copyRows(
        connection,
        'organisation',
        ['id', 'parent_id', 'name', 'path', 'depth'],
        this.dictionaries.newOrganisations,
      )
      await copyRows(connection, 'site', ['id', 'organisation_id', 'name'], this.dictionaries.newSites)
      await copyRows(
        connection,
        'model',
        ['id', 'category', 'manufacturer', 'model'],
        this.dictionaries.newModels,
      )
      await run(
        connection,
        `INSERT INTO import (${IMPORT_COLUMNS}, header, options)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          importId,
          meta.campaignId,
          meta.fileName,
          meta.format,
          meta.kind,
          meta.checksum,
          meta.encoding,
          meta.delimiter,
          meta.organisationPath === null ? null : meta.organisationPath.join(PATH_SEPARATOR),
          counts.rowsRead,
          counts.rowsAccepted,
          counts.rowsQuarantined,
          counts.rowsImputed,
          meta.header ? JSON.stringify(meta.header) : null,
          meta.options && Object.keys(meta.options).length > 0 ? JSON.stringify(meta.options) : null,
        ],
      )
      replacement = await applyReplacements(connection, meta, importId)
      await run(connection, 'UPDATE campaign SET assets_revision = assets_revision + 1 WHERE id = $1', [
        meta.campaignId,
      ])
      await run(connection, 'COMMIT')
      this.isOpen = false
      // Fresh statistics for the reads that follow (reconciliation, compute); best effort, the import is done.
      await run(connection, 'ANALYZE asset').catch(() => undefined)
      connection.release()
    } catch (error) {
      await this.rollback()
      throw error
    }
    return { ...meta, id: importId, ...counts, replacement }
  }

  async rollback(): Promise<void> {
    if (!this.isOpen) return
    this.isOpen = false
    try {
      await run(this.connection, 'ROLLBACK')
    } finally {
      this.connection.release()
    }
  }

  private assertOpen(): void {
    if (!this.isOpen) throw new Error('This import was already committed or rolled back.')
  }
}
