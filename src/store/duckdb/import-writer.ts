import { DOUBLE, INTEGER, SMALLINT, VARCHAR, type DuckDBConnection } from '@duckdb/node-api'
import type { Datacenter } from '../../core/inventory/asset.js'
import { CATEGORY_IDS, domainOf } from '../../core/inventory/categories.js'
import type { AssetColumns } from '../../core/inventory/asset-columns.js'
import type { Finding } from '../../core/quality/finding.js'
import type { ImportRecord, ImportWriter, NewImport, QuarantinedRow } from '../../app/ports.js'
import { ColumnAppender } from './column-appender.js'
import { domainCode } from './codes.js'
import { PATH_SEPARATOR, IMPORT_COLUMNS, appendRows } from './sql.js'
import { Dictionaries } from '../shared/dictionaries.js'
import type { InventoryRecord } from '../../core/inventory/inventory-records.js'
import { appendInventoryRecords } from './inventory-records.js'
import { applyReplacements, type ReplacementCounts } from './replace-rows.js'

const ASSET_TYPES = [
  INTEGER,
  INTEGER,
  INTEGER,
  INTEGER,
  INTEGER,
  INTEGER,
  INTEGER,
  SMALLINT,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  DOUBLE,
  INTEGER,
  INTEGER,
  DOUBLE,
  DOUBLE,
  DOUBLE,
  SMALLINT,
  INTEGER,
  SMALLINT,
  INTEGER,
  INTEGER, // merged_into: set by reconciliation, null on import
]

const QUARANTINE_TYPES = [INTEGER, INTEGER, INTEGER, VARCHAR, VARCHAR]
const FINDING_TYPES = [INTEGER, INTEGER, INTEGER, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR]

export class DuckDbImportWriter implements ImportWriter {
  private assets: ColumnAppender | null = null
  private nextAssetId: number
  /** Quarantined rows and findings are appended as they come (the main thread waits for batches anyway). */
  private quarantine: ColumnAppender | null = null
  private findings: ColumnAppender | null = null
  private readonly datacenters: Datacenter[] = []
  private readonly records: InventoryRecord[] = []
  private isOpen = true

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly dictionaries: Dictionaries,
    private readonly meta: NewImport,
    private readonly importId: number,
    firstAssetId: number,
  ) {
    this.nextAssetId = firstAssetId
  }

  async addAssets(assets: AssetColumns): Promise<void> {
    if (!this.assets) this.assets = await ColumnAppender.open(this.connection, 'asset', ASSET_TYPES)
    const dictionaries = this.dictionaries
    const appender = this.assets
    const campaignId = this.meta.campaignId
    const nullable = (value: number): number | null => (Number.isNaN(value) ? null : value)
    for (let index = 0; index < assets.length; index++) {
      const organisationId = dictionaries.organisationOfPath(assets.organisation[index]!)
      const category = CATEGORY_IDS[assets.category[index]!]!
      const site = assets.site[index]!
      const datacenter = assets.datacenter[index]!
      const ownership = assets.ownership[index]!
      appender.set(0, this.nextAssetId++)
      appender.set(1, campaignId)
      appender.set(2, this.importId)
      appender.set(3, organisationId)
      appender.set(4, assets.sourceLine[index])
      appender.set(5, site === null ? null : dictionaries.site(organisationId, site))
      appender.set(6, dictionaries.model(category, assets.manufacturer[index]!, assets.model[index]!))
      appender.set(7, domainCode(domainOf(category, datacenter !== null)))
      appender.set(8, datacenter)
      appender.set(9, assets.serial[index])
      appender.set(10, assets.hostname[index])
      appender.set(11, assets.quantity[index])
      appender.set(12, nullable(assets.purchaseDay[index]!))
      appender.set(13, nullable(assets.retirementDay[index]!))
      appender.set(14, nullable(assets.lifetimeYears[index]!))
      appender.set(15, nullable(assets.annualKwh[index]!))
      appender.set(16, nullable(assets.utilisationRate[index]!))
      appender.set(17, ownership === 0 ? null : ownership)
      appender.set(18, dictionaries.country(assets.country[index]!))
      appender.set(19, assets.status[index])
      appender.set(20, assets.imputedMask[index])
      appender.set(21, null)
      appender.endRow()
    }
    await appender.pause()
  }

  async addDatacenters(datacenters: readonly Datacenter[]): Promise<void> {
    this.datacenters.push(...datacenters)
  }

  async addQuarantine(rowsToAdd: readonly QuarantinedRow[]): Promise<void> {
    if (!this.quarantine)
      this.quarantine = await ColumnAppender.open(this.connection, 'quarantine', QUARANTINE_TYPES)
    const { campaignId } = this.meta
    for (const row of rowsToAdd) {
      this.quarantine.push([
        campaignId,
        this.importId,
        row.line,
        JSON.stringify(row.raw),
        JSON.stringify(row.findings),
      ])
    }
    await this.quarantine.pause()
    await this.appendFindings(rowsToAdd.flatMap((row) => row.findings))
  }

  async addFindings(findings: readonly Finding[]): Promise<void> {
    await this.appendFindings(findings.filter((finding) => finding.severity !== 'imputed'))
  }

  private async appendFindings(findings: readonly Finding[]): Promise<void> {
    if (findings.length === 0) return
    if (!this.findings) this.findings = await ColumnAppender.open(this.connection, 'finding', FINDING_TYPES)
    const { campaignId } = this.meta
    for (const finding of findings) {
      this.findings.push([
        campaignId,
        this.importId,
        finding.line,
        finding.column,
        finding.code,
        finding.severity,
        finding.message,
        finding.value,
      ])
    }
    await this.findings.pause()
  }

  /** Closes the open appenders: their rows join the transaction. */
  private closeAppenders(): void {
    this.assets?.close()
    this.quarantine?.close()
    this.findings?.close()
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
      this.closeAppenders()
      for (const datacenter of this.datacenters) {
        await connection.run(
          `INSERT INTO datacenter (campaign_id, import_id, organisation_id, line, short_name, long_name, pue, country)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            meta.campaignId,
            importId,
            this.dictionaries.organisation(datacenter.organisationPath),
            datacenter.sourceLine,
            datacenter.shortName,
            datacenter.longName,
            datacenter.pue,
            datacenter.country,
          ],
        )
      }
      // Before the dictionaries are written: records may name new organisations.
      await appendInventoryRecords(
        connection,
        this.dictionaries,
        { campaignId: meta.campaignId, importId },
        this.records,
      )
      await appendRows(connection, 'country', [INTEGER, VARCHAR], this.dictionaries.newCountries)
      await appendRows(
        connection,
        'organisation',
        [INTEGER, INTEGER, VARCHAR, VARCHAR, INTEGER],
        this.dictionaries.newOrganisations,
      )
      await appendRows(connection, 'site', [INTEGER, INTEGER, VARCHAR], this.dictionaries.newSites)
      await appendRows(connection, 'model', [INTEGER, VARCHAR, VARCHAR, VARCHAR], this.dictionaries.newModels)
      await connection.run(
        `INSERT INTO import (${IMPORT_COLUMNS}, header) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
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
        ],
      )
      if (meta.options && Object.keys(meta.options).length > 0)
        await connection.run('UPDATE import SET options = $1 WHERE id = $2', [
          JSON.stringify(meta.options),
          importId,
        ])
      replacement = await applyReplacements(connection, meta, importId)
      await connection.run('UPDATE campaign SET assets_revision = assets_revision + 1 WHERE id = $1', [
        meta.campaignId,
      ])
      await connection.run('COMMIT')
      this.isOpen = false
    } catch (error) {
      await this.rollback()
      throw error
    }
    return { ...meta, id: importId, ...counts, replacement }
  }

  async rollback(): Promise<void> {
    if (!this.isOpen) return
    this.isOpen = false
    for (const appender of [this.assets, this.quarantine, this.findings]) {
      try {
        appender?.close()
      } catch {
        // The appender may already be broken; the rollback below discards its rows either way.
      }
    }
    await this.connection.run('ROLLBACK')
  }

  private assertOpen(): void {
    if (!this.isOpen) throw new Error('This import was already committed or rolled back.')
  }
}
