import type postgres from 'postgres'
import type { DayNumber } from '../../core/inventory/asset.js'
import { PHASE_IDS, type CategoryId } from '../../core/inventory/categories.js'
import type { Finding } from '../../core/quality/finding.js'
import type { CriterionId } from '../../core/referential/referential.js'
import type { FootprintInput } from '../../core/footprint/compute-footprint.js'
import type { InventoryRecord, InventoryRecordKind } from '../../core/inventory/inventory-records.js'
import type { UnitChoices } from '../../core/formats/unit-choices.js'
import type { MappingRule, NewMappingRule } from '../../core/harmonise/mapping-rules.js'
import type { ResolutionMethod } from '../../core/harmonise/resolve-models.js'
import { AppError } from '../../app/errors.js'
import type {
  AssetReconciliation,
  BreakdownDimension,
  BreakdownRow,
  CampaignModel,
  ReconciliationConflict,
  ReconciliationSummary,
  Campaign,
  ComputationState,
  ComputeBatch,
  FootprintSummary,
  ImportRecord,
  ImportWriter,
  NewImport,
  QualityByOrganisation,
  QualityBySource,
  QualityCell,
  FindingReasonCount,
  QualityRowBatch,
  QuarantinedRow,
  QuarantineExport,
  ResultWriter,
  TelemetryImportResult,
  TelemetrySource,
  UsageBySite,
  StoredAsset,
  WorkspaceStore,
  AccessStore,
  PlanStore,
  ElectricityOverrideStore,
} from '../../app/ports.js'
import type { CampaignStore } from '../../app/campaign-ports.js'
import { createPostgresElectricityOverrideStore } from './electricity-overrides.js'
import { createPostgresAccessStore } from './access.js'
import { createPostgresCampaignStore } from './campaign-store.js'
import { createPostgresPlanStore } from './plans.js'
import { createPostgresEcoDesignStore } from './eco-design.js'
import { createPostgresWorkspaceTables } from './workspace-tables.js'
import type { WorkspaceTables } from '../../app/ports.js'
import { createPostgresReferentialVersionStore } from './referential-versions.js'
import type { EcoDesignStore } from '../../app/eco-design-ports.js'
import type { ReferentialVersionStore } from '../../app/ports.js'
import { domainOfCode, imputedFields, OWNERSHIP_CODES, STATUS_CODES } from '../duckdb/codes.js'
import {
  PATH_SEPARATOR,
  KEY_SEPARATOR,
  type Row,
  type Sql,
  connect,
  copyRows,
  lockWriters,
  rows,
  run,
  toNumber,
  toImportRecord,
  IMPORT_SELECT,
} from './sql.js'
import { migrate } from './open-database.js'
import { Dictionaries } from '../shared/dictionaries.js'
import { PostgresImportWriter } from './import-writer.js'
import {
  campaignModels,
  findUnknownNames,
  listMappingRules,
  readInventoryRecords,
  readLatestImportOptions,
  removeMappingRule,
  saveMappingRules,
} from './records.js'
import { findingReasons, qualityCells, readQualityRows } from './quality-queries.js'
import { importTelemetry } from './telemetry.js'
import { isReconciled, reconcileCampaign, reconciliationConflicts, reconciliationOf } from './reconcile.js'

const COMPUTE_BATCH_ROWS = 8192

/** One cursor batch of compute rows (same columns as the DuckDB adapter's compute query). */
export class PostgresComputeBatch implements ComputeBatch {
  readonly length: number
  constructor(
    private readonly batch: readonly Row[],
    private readonly models: readonly {
      category: CategoryId
      manufacturer: string | null
      model: string | null
    }[],
    private readonly countries: readonly string[],
    private readonly organisationPaths: readonly string[],
  ) {
    this.length = batch.length
  }
  private nullable(row: number, column: number): number | null {
    const value = this.batch[row]![column]
    return value === null ? null : (value as number)
  }
  assetId(row: number): number {
    return this.batch[row]![0] as number
  }
  modelId(row: number): number {
    return this.batch[row]![1] as number
  }
  quantity(row: number): number {
    return this.batch[row]![2] as number
  }
  organisationId(row: number): number {
    return this.batch[row]![11] as number
  }
  organisation(row: number): string {
    return this.organisationPaths[this.organisationId(row)]!
  }
  siteId(row: number): number | null {
    return this.nullable(row, 12)
  }
  domain(row: number): number {
    return this.batch[row]![13] as number
  }
  fill(row: number, input: FootprintInput): void {
    const values = this.batch[row]!
    const model = this.models[values[1] as number]!
    const ownership = values[8] as number | null
    const pue = values[10] as number
    input.category = model.category
    input.manufacturer = model.manufacturer
    input.model = model.model
    input.quantity = values[2] as number
    input.purchaseDay = values[3] as number | null
    input.retirementDay = values[4] as number | null
    input.lifetimeYears = values[5] as number | null
    input.annualKwh = values[6] as number | null
    input.utilisationRate = values[7] as number | null
    input.ownership = ownership === null ? null : OWNERSHIP_CODES[ownership]!
    input.country = this.countries[values[9] as number]!
    input.datacenterPue = pue < 0 ? undefined : pue === 0 ? null : pue
    input.poweredHoursPerYear = values[14] as number | null
  }
}

/**
 * The scale-out workspace store: a PostgreSQL database (EMPREINTE_DATABASE_URL), same port and same meaning as
 * the DuckDB store. Bulk rows go in with COPY; an import is one transaction on a reserved connection.
 */
export class PostgresStore implements WorkspaceStore {
  readonly engine = 'postgres'

  private constructor(private readonly sql: postgres.Sql) {}

  /** Connects to `url` (postgres://…) and applies pending migrations. */
  static async open(url: string): Promise<PostgresStore> {
    const sql = connect(url)
    try {
      await migrate(sql)
    } catch (error) {
      await sql.end({ timeout: 1 })
      throw new AppError(
        'database_unavailable',
        `Cannot open the PostgreSQL database ${redact(url)}: ${(error as Error).message}`,
      )
    }
    return new PostgresStore(sql)
  }

  async ensureCampaign(year: number, referenceDay: DayNumber): Promise<Campaign> {
    return this.sql.begin(async (transaction) => {
      const tx = transaction as unknown as Sql
      await lockWriters(tx)
      const found = await rows(tx, 'SELECT id, year, reference_day FROM campaign WHERE year = $1', [year])
      if (found.length > 0) return toCampaign(found[0]!)
      const [[next]] = (await rows(tx, 'SELECT COALESCE(MAX(id), 0) + 1 FROM campaign')) as [[number]]
      await run(tx, 'INSERT INTO campaign (id, year, reference_day) VALUES ($1, $2, $3)', [
        toNumber(next),
        year,
        referenceDay,
      ])
      return { id: toNumber(next), year, referenceDay }
    })
  }

  async findCampaign(year: number): Promise<Campaign | null> {
    const found = await rows(this.sql, 'SELECT id, year, reference_day FROM campaign WHERE year = $1', [year])
    return found.length === 0 ? null : toCampaign(found[0]!)
  }

  async latestCampaign(): Promise<Campaign | null> {
    const found = await rows(
      this.sql,
      'SELECT id, year, reference_day FROM campaign ORDER BY year DESC LIMIT 1',
    )
    return found.length === 0 ? null : toCampaign(found[0]!)
  }

  async findImportByChecksum(campaignId: number, checksum: string): Promise<ImportRecord | null> {
    const found = await rows(
      this.sql,
      `SELECT ${IMPORT_SELECT} FROM import WHERE campaign_id = $1 AND checksum = $2 AND replaced_by IS NULL`,
      [campaignId, checksum],
    )
    return found.length === 0 ? null : toImportRecord(found[0]!)
  }

  async listImports(campaignId: number): Promise<ImportRecord[]> {
    return (
      await rows(this.sql, `SELECT ${IMPORT_SELECT} FROM import WHERE campaign_id = $1 ORDER BY id`, [
        campaignId,
      ])
    ).map(toImportRecord)
  }

  async latestImportOptions(format: string): Promise<UnitChoices> {
    return readLatestImportOptions(this.sql, format)
  }

  async unknownNames(
    campaignId: number,
    target: 'physical-equipment' | 'virtual-equipment',
    names: readonly string[],
  ): Promise<string[]> {
    return findUnknownNames(this.sql, campaignId, target, names)
  }

  async inventoryRecords<Kind extends InventoryRecordKind>(
    campaignId: number,
    kind: Kind,
  ): Promise<(Extract<InventoryRecord, { kind: Kind }> & { importId: number })[]> {
    return (await readInventoryRecords(this.sql, campaignId, kind)) as (Extract<
      InventoryRecord,
      { kind: Kind }
    > & {
      importId: number
    })[]
  }

  async beginImport(meta: NewImport): Promise<ImportWriter> {
    const connection = await this.sql.reserve()
    try {
      await run(connection, 'BEGIN')
      await lockWriters(connection)
      const dictionaries = await Dictionaries.load((text) => rows(connection, text))
      const [[importId]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM import')) as [
        [number],
      ]
      const [[firstAssetId]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM asset')) as [
        [number],
      ]
      return new PostgresImportWriter(
        connection,
        dictionaries,
        meta,
        toNumber(importId),
        toNumber(firstAssetId),
      )
    } catch (error) {
      await run(connection, 'ROLLBACK').catch(() => undefined)
      connection.release()
      throw error
    }
  }

  async computationState(campaignId: number): Promise<ComputationState | null> {
    const found = await rows(
      this.sql,
      `SELECT c.referential, c.revision, k.assets_revision FROM campaign k LEFT JOIN computation c ON c.campaign_id = k.id
       WHERE k.id = $1`,
      [campaignId],
    )
    if (found.length === 0 || found[0]![0] === null) return null
    const [referential, revision, assetsRevision] = found[0]!
    return {
      referential: referential as string,
      computedRevision: toNumber(revision),
      assetsRevision: toNumber(assetsRevision),
    }
  }

  async *readComputeRows(
    campaignId: number,
    organisationIds?: readonly number[],
  ): AsyncIterable<ComputeBatch> {
    const models: { category: CategoryId; manufacturer: string | null; model: string | null }[] = []
    for (const [id, category, manufacturer, model] of await rows(
      this.sql,
      'SELECT id, category, manufacturer, model FROM model',
    )) {
      models[toNumber(id)] = {
        category: category as CategoryId,
        manufacturer: manufacturer as string | null,
        model: model as string | null,
      }
    }
    const countries: string[] = []
    for (const [id, code] of await rows(this.sql, 'SELECT id, code FROM country'))
      countries[toNumber(id)] = code as string
    const organisations: string[] = []
    for (const [id, path] of await rows(this.sql, 'SELECT id, path FROM organisation'))
      organisations[toNumber(id)] = path as string
    // datacenter PUE: -1 = not hosted, 0 = hosted in a datacenter whose PUE is unknown, else the PUE.
    const cursor = this.sql
      .unsafe(
        `SELECT a.id, a.model_id, a.quantity, a.purchase_day, a.retirement_day, a.lifetime_years, a.annual_kwh,
                a.utilisation_rate, a.ownership, a.country_id,
                CASE WHEN a.datacenter IS NULL THEN -1 ELSE COALESCE(d.pue, 0) END,
                a.organisation_id, a.site_id, a.domain, u.powered_hours_per_year
         FROM asset a
         LEFT JOIN (SELECT short_name, MAX(pue) AS pue FROM datacenter WHERE campaign_id = $1 GROUP BY short_name) d
           ON d.short_name = a.datacenter
         LEFT JOIN asset_usage u ON u.campaign_id = a.campaign_id AND u.asset_id = a.id
         WHERE a.campaign_id = $1 AND a.merged_into IS NULL
           AND ($2::integer[] IS NULL OR a.organisation_id = ANY($2::integer[]))`,
        [campaignId, organisationIds === undefined ? null : [...organisationIds]],
      )
      .values()
      .cursor(COMPUTE_BATCH_ROWS)
    for await (const batch of cursor) {
      yield new PostgresComputeBatch(batch as unknown as Row[], models, countries, organisations)
    }
  }

  async beginResults(
    campaignId: number,
    referential: string,
    resolutions: ReadonlyMap<number, { method: ResolutionMethod; confidence: number }> = new Map(),
    organisationIds?: readonly number[],
  ): Promise<ResultWriter> {
    const connection = await this.sql.reserve()
    const criteria = new Map<string, number>()
    const only = organisationIds === undefined ? null : [...organisationIds]
    try {
      await run(connection, 'BEGIN')
      await lockWriters(connection)
      // With organisations: an incremental pass replaces only their results (docs/campaigns.md#incremental).
      for (const table of ['result_group', 'result_impact'])
        await run(
          connection,
          `DELETE FROM ${table} WHERE campaign_id = $1 AND ($2::integer[] IS NULL OR organisation_id = ANY($2::integer[]))`,
          [campaignId, only],
        )
      if (only === null)
        await run(connection, 'DELETE FROM model_result WHERE campaign_id = $1', [campaignId])
      for (const [id, code] of await rows(connection, 'SELECT id, code FROM criterion'))
        criteria.set(code as string, toNumber(id))
    } catch (error) {
      await run(connection, 'ROLLBACK').catch(() => undefined)
      connection.release()
      throw error
    }
    const newCriteria: Row[] = []
    const criterionId = (code: string): number => {
      let id = criteria.get(code)
      if (id === undefined) {
        id = criteria.size + 1
        criteria.set(code, id)
        newCriteria.push([id, code])
      }
      return id
    }
    const modelResults = new Map<number, Row>()
    // Groups (organisation × site × model × domain) in flat arrays, as in the DuckDB adapter.
    const groupKeys: number[] = []
    const groupSums: number[] = []
    const phaseSums: number[][] = []
    let groupCount = 0
    const index = new Map<number, Map<number, Map<number, number>>>()
    const groupOf = (organisationId: number, siteId: number, modelId: number, domain: number): number => {
      let bySite = index.get(organisationId)
      if (!bySite) index.set(organisationId, (bySite = new Map()))
      let byModel = bySite.get(siteId)
      if (!byModel) bySite.set(siteId, (byModel = new Map()))
      let group = byModel.get(modelId * 8 + domain)
      if (group === undefined) {
        group = groupCount++
        byModel.set(modelId * 8 + domain, group)
        groupKeys.push(organisationId, siteId, modelId, domain)
        groupSums.push(0, 0, 0, 0)
      }
      return group
    }
    let isOpen = true
    const finish = async (isCommit: boolean): Promise<void> => {
      if (!isOpen) return
      isOpen = false
      try {
        if (isCommit) {
          function* groups(): Generator<unknown[]> {
            for (let group = 0; group < groupCount; group++) {
              const at = group * 4
              yield [
                campaignId,
                groupKeys[at],
                groupKeys[at + 1] || null,
                groupKeys[at + 2],
                groupKeys[at + 3],
                groupSums[at],
                groupSums[at + 1],
                groupSums[at + 2],
                groupSums[at + 3],
              ]
            }
          }
          await copyRows(
            connection,
            'result_group',
            [
              'campaign_id',
              'organisation_id',
              'site_id',
              'model_id',
              'domain',
              'assets',
              'quantity',
              'annual_kwh',
              'lifetime_years_sum',
            ],
            groups(),
          )
          function* impacts(): Generator<unknown[]> {
            for (let criterion = 0; criterion < phaseSums.length; criterion++) {
              const sums = phaseSums[criterion]
              if (!sums) continue
              for (let group = 0; group < groupCount; group++) {
                const at = group * 4
                if (sums[at] === undefined) continue
                yield [
                  campaignId,
                  groupKeys[at],
                  groupKeys[at + 1] || null,
                  groupKeys[at + 2],
                  groupKeys[at + 3],
                  criterion,
                  sums[at],
                  sums[at + 1],
                  sums[at + 2],
                  sums[at + 3],
                ]
              }
            }
          }
          await copyRows(
            connection,
            'result_impact',
            [
              'campaign_id',
              'organisation_id',
              'site_id',
              'model_id',
              'domain',
              'criterion_id',
              'manufacturing',
              'distribution',
              'use',
              'end_of_life',
            ],
            impacts(),
          )
          await copyRows(connection, 'criterion', ['id', 'code'], newCriteria)
          if (only !== null && modelResults.size > 0)
            await run(
              connection,
              'DELETE FROM model_result WHERE campaign_id = $1 AND model_id = ANY($2::integer[])',
              [campaignId, [...modelResults.keys()]],
            )
          await copyRows(
            connection,
            'model_result',
            ['campaign_id', 'model_id', 'reference_item', 'matched_by', 'confidence'],
            modelResults.values(),
          )
          await run(connection, 'DELETE FROM computation WHERE campaign_id = $1', [campaignId])
          await run(
            connection,
            'INSERT INTO computation (campaign_id, referential, revision) SELECT id, $2, assets_revision FROM campaign WHERE id = $1',
            [campaignId, referential],
          )
          await run(connection, 'COMMIT')
          // Fresh statistics: without them the planner estimated 4,074 result rows where there were 1.9 million
          // (200,000 assets) and sorted them on disk.
          await run(connection, 'ANALYZE result_group, result_impact, model_result')
        } else {
          await run(connection, 'ROLLBACK')
        }
      } catch (error) {
        await run(connection, 'ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        connection.release()
      }
    }
    return {
      add(computeBatch, row, footprint) {
        const batch = computeBatch as PostgresComputeBatch
        const modelId = batch.modelId(row)
        const group = groupOf(batch.organisationId(row), batch.siteId(row) ?? 0, modelId, batch.domain(row))
        const at = group * 4
        groupSums[at]! += 1
        groupSums[at + 1]! += batch.quantity(row)
        groupSums[at + 2]! += footprint.annualKwh
        groupSums[at + 3]! += footprint.lifetimeYears
        if (!modelResults.has(modelId)) {
          const resolution = resolutions.get(modelId)
          modelResults.set(modelId, [
            campaignId,
            modelId,
            footprint.referenceItemId,
            resolution?.method ?? footprint.matchedBy,
            resolution?.confidence ?? (footprint.matchedBy === 'model' ? 1 : 0),
          ])
        }
        for (const criterion in footprint.impacts) {
          const values = footprint.impacts[criterion as CriterionId]!
          const id = criterionId(criterion)
          let sums = phaseSums[id]
          if (!sums) phaseSums[id] = sums = []
          if (sums.length < at + 4) {
            while (sums.length < at) sums.push(0)
            sums.push(0, 0, 0, 0)
          }
          sums[at]! += values.manufacturing
          sums[at + 1]! += values.distribution
          sums[at + 2]! += values.use
          sums[at + 3]! += values['end-of-life']
        }
      },
      async flush() {
        await new Promise((resolve) => setImmediate(resolve))
      },
      commit: () => finish(true),
      rollback: () => finish(false),
    }
  }

  async footprint(
    campaignId: number,
    by: readonly BreakdownDimension[],
    filter: { organisationPath?: string[] } = {},
  ): Promise<FootprintSummary> {
    const dimensions = by.filter((dimension, index) => by.indexOf(dimension) === index)
    const groupDimensions = dimensions.filter(
      (dimension) => dimension !== 'phase' && dimension !== 'criterion',
    )
    // Aggregate the results on their integer keys first, then name the few groups left.
    const keyColumn: Record<string, string> = {
      organisation: 'organisation_id',
      site: 'site_id',
      category: 'model_id',
      domain: 'domain',
    }
    const innerKeys = [...new Set(groupDimensions.map((dimension) => keyColumn[dimension]!))]
    if (groupDimensions.includes('site') && !innerKeys.includes('organisation_id'))
      innerKeys.push('organisation_id')
    const label: Record<string, string> = {
      organisation: 'o.path',
      site: "COALESCE(s.name, '(no site)')",
      category: 'm.category',
      domain: 'g.domain',
    }
    const labels = groupDimensions.map((dimension) => label[dimension]!)
    const parameters: unknown[] = [campaignId]
    let where = 'campaign_id = $1'
    if (filter.organisationPath && filter.organisationPath.length > 0) {
      const path = filter.organisationPath.join(PATH_SEPARATOR)
      parameters.push(path, `${path}${PATH_SEPARATOR}%`)
      where += ' AND organisation_id IN (SELECT id FROM organisation WHERE path = $2 OR path LIKE $3)'
    }
    const joins = `${innerKeys.includes('organisation_id') ? 'LEFT JOIN organisation o ON o.id = g.organisation_id' : ''}
                   ${innerKeys.includes('site_id') ? 'LEFT JOIN site s ON s.id = g.site_id' : ''}
                   ${innerKeys.includes('model_id') ? 'LEFT JOIN model m ON m.id = g.model_id' : ''}`
    const groupBy = (keys: string[]): string => (keys.length > 0 ? `GROUP BY ${keys.join(', ')}` : '')
    const impactKeys = [...innerKeys, 'criterion_id']
    const impactSql = `SELECT ${[...labels, 'c.code', 'SUM(g.m)', 'SUM(g.d)', 'SUM(g.u)', 'SUM(g.e)'].join(', ')}
       FROM (SELECT ${impactKeys.join(', ')}, SUM(manufacturing) AS m, SUM(distribution) AS d, SUM(use) AS u,
                    SUM(end_of_life) AS e
             FROM result_impact WHERE ${where} ${groupBy(impactKeys)}) g
       JOIN criterion c ON c.id = g.criterion_id ${joins}
       ${groupBy([...labels, 'c.code'])}`
    const countSql = `SELECT ${[...labels, 'SUM(g.q)', 'SUM(g.n)', 'SUM(g.k)'].join(', ')}
       FROM (SELECT ${[...innerKeys, 'SUM(quantity) AS q', 'SUM(assets) AS n', 'SUM(annual_kwh) AS k'].join(', ')}
             FROM result_group WHERE ${where} ${groupBy(innerKeys)}) g ${joins}
       ${groupBy(labels)}`
    const [impactRows, countRows] = await Promise.all([
      rows(this.sql, impactSql, parameters),
      rows(this.sql, countSql, parameters),
    ])
    const decode = (dimension: BreakdownDimension, value: unknown): string =>
      dimension === 'domain' ? domainOfCode(toNumber(value)) : String(value)
    const counts = new Map<string, { quantity: number; assets: number }>()
    let totalQuantity = 0
    let totalAssets = 0
    let totalKwh = 0
    for (const row of countRows) {
      const key = groupDimensions.map((dimension, index) => decode(dimension, row[index])).join(KEY_SEPARATOR)
      const quantity = toNumber(row[labels.length] ?? 0) || 0
      const assets = toNumber(row[labels.length + 1] ?? 0) || 0
      counts.set(key, { quantity, assets })
      totalQuantity += quantity
      totalAssets += assets
      totalKwh += toNumber(row[labels.length + 2] ?? 0) || 0
    }
    const breakdown = new Map<string, BreakdownRow>()
    const totals: Partial<Record<CriterionId, number>> = {}
    for (const row of impactRows) {
      const groupValues = groupDimensions.map((dimension, index) => decode(dimension, row[index]))
      const criterion = row[labels.length] as CriterionId
      const phaseValues = [1, 2, 3, 4].map((offset) => toNumber(row[labels.length + offset]) || 0)
      const count = counts.get(groupValues.join(KEY_SEPARATOR)) ?? { quantity: 0, assets: 0 }
      PHASE_IDS.forEach((phase, phaseIndex) => {
        const value = phaseValues[phaseIndex]!
        totals[criterion] = (totals[criterion] ?? 0) + value
        const keys: BreakdownRow['keys'] = {}
        groupDimensions.forEach((dimension, index) => (keys[dimension] = groupValues[index]))
        if (dimensions.includes('phase')) keys.phase = phase
        if (dimensions.includes('criterion')) keys.criterion = criterion
        const key = dimensions.map((dimension) => keys[dimension]).join(KEY_SEPARATOR)
        let entry = breakdown.get(key)
        if (!entry) {
          entry = { keys, quantity: count.quantity, assets: count.assets, values: {} }
          breakdown.set(key, entry)
        }
        entry.values[criterion] = (entry.values[criterion] ?? 0) + value
      })
    }
    // Largest first; ties (often zeros) in a fixed order so that outputs are reproducible.
    const sorted = [...breakdown.entries()]
      .sort(
        ([leftKey, left], [rightKey, right]) =>
          (right.values['climate-change'] ?? 0) - (left.values['climate-change'] ?? 0) ||
          (leftKey < rightKey ? -1 : leftKey > rightKey ? 1 : 0),
      )
      .map(([, row]) => row)
    return { totals, assets: totalAssets, quantity: totalQuantity, annualKwh: totalKwh, breakdown: sorted }
  }

  async getAsset(campaignId: number, key: string): Promise<StoredAsset | null> {
    const found = await rows(
      this.sql,
      `SELECT a.id::INTEGER, a.campaign_id, a.import_id, a.line, o.path, s.name, a.datacenter, m.category, m.manufacturer,
              m.model, a.serial, a.hostname, a.quantity, a.purchase_day, a.retirement_day, a.lifetime_years, a.annual_kwh,
              a.utilisation_rate, a.ownership, k.code, a.status, a.imputed, COALESCE(i.file_name, 'reconciliation'), a.domain,
              u.powered_hours_per_year, a.merged_into, a.model_id
       FROM asset a JOIN organisation o ON o.id = a.organisation_id LEFT JOIN site s ON s.id = a.site_id
       JOIN model m ON m.id = a.model_id LEFT JOIN import i ON i.id = a.import_id JOIN country k ON k.id = a.country_id
       LEFT JOIN asset_usage u ON u.campaign_id = a.campaign_id AND u.asset_id = a.id
       WHERE a.campaign_id = $1 AND a.id = (
         -- A source row merged into a reconciled asset stands for that asset.
         SELECT COALESCE(b.merged_into, b.id) FROM asset b
         WHERE b.campaign_id = $1 AND (b.id::text = $2 OR b.serial = $2 OR b.hostname = $2)
         ORDER BY b.merged_into IS NOT NULL, b.id LIMIT 1)`,
      [campaignId, key],
    )
    if (found.length === 0) return null
    const row = found[0]!
    return {
      id: toNumber(row[0]),
      campaignId: toNumber(row[1]),
      importId: toNumber(row[2]),
      sourceLine: toNumber(row[3]),
      organisationPath: (row[4] as string).split(PATH_SEPARATOR),
      site: row[5] as string | null,
      datacenter: row[6] as string | null,
      category: row[7] as CategoryId,
      manufacturer: row[8] as string | null,
      model: row[9] as string | null,
      serial: row[10] as string | null,
      hostname: row[11] as string | null,
      quantity: toNumber(row[12]),
      purchaseDay: row[13] as number | null,
      retirementDay: row[14] as number | null,
      lifetimeYears: row[15] as number | null,
      annualKwh: row[16] as number | null,
      utilisationRate: row[17] as number | null,
      ownership: row[18] === null ? null : OWNERSHIP_CODES[toNumber(row[18])]!,
      country: row[19] as string,
      status: STATUS_CODES[toNumber(row[20])]!,
      imputed: imputedFields(toNumber(row[21])),
      fileName: row[22] as string,
      domain: domainOfCode(toNumber(row[23])),
      poweredHoursPerYear: row[24] === null ? null : toNumber(row[24]),
      mergedInto: row[25] === null ? null : toNumber(row[25]),
      modelId: toNumber(row[26]),
    }
  }

  async datacenterPue(campaignId: number, shortName: string): Promise<number | null | undefined> {
    const found = await rows(
      this.sql,
      'SELECT MAX(pue) FROM datacenter WHERE campaign_id = $1 AND short_name = $2 HAVING COUNT(*) > 0',
      [campaignId, shortName],
    )
    return found.length === 0 ? undefined : (found[0]![0] as number | null)
  }

  async findOrganisations(text: string): Promise<string[][]> {
    const found = await rows(
      this.sql,
      'SELECT path FROM organisation WHERE lower(path) = lower($1) OR lower(name) = lower($1) ORDER BY path',
      [text.trim()],
    )
    return found.map((row) => (row[0] as string).split(PATH_SEPARATOR))
  }

  async quarantine(campaignId: number, limit: number): Promise<(QuarantinedRow & { fileName: string })[]> {
    const found = await rows(
      this.sql,
      `SELECT q.line, q.raw, q.reasons, i.file_name FROM quarantine q JOIN import i ON i.id = q.import_id
       WHERE q.campaign_id = $1 ORDER BY q.import_id, q.line LIMIT $2`,
      [campaignId, limit],
    )
    return found.map((row) => ({
      line: toNumber(row[0]),
      raw: JSON.parse(row[1] as string) as string[],
      findings: JSON.parse(row[2] as string) as Finding[],
      fileName: row[3] as string,
    }))
  }

  async quarantineByImport(campaignId: number): Promise<QuarantineExport[]> {
    const found = await rows(
      this.sql,
      `SELECT i.id, i.file_name, i.encoding, i.delimiter, i.header, q.line, q.raw, q.reasons
       FROM quarantine q JOIN import i ON i.id = q.import_id
       WHERE q.campaign_id = $1 ORDER BY i.id, q.line`,
      [campaignId],
    )
    const byImport = new Map<number, QuarantineExport>()
    for (const row of found) {
      const importId = toNumber(row[0])
      let entry = byImport.get(importId)
      if (!entry) {
        entry = {
          importId,
          fileName: row[1] as string,
          encoding: row[2] as string,
          delimiter: row[3] as string,
          header: row[4] === null ? [] : (JSON.parse(row[4] as string) as string[]),
          rows: [],
        }
        byImport.set(importId, entry)
      }
      const findings = JSON.parse(row[7] as string) as Finding[]
      entry.rows.push({
        line: toNumber(row[5]),
        raw: JSON.parse(row[6] as string) as string[],
        reasons: findings
          .filter((finding) => finding.severity === 'rejected')
          .map((finding) => finding.message),
      })
    }
    return [...byImport.values()]
  }

  async qualityBySource(campaignId: number): Promise<QualityBySource[]> {
    const imports = await this.listImports(campaignId)
    const reasons = await rows(
      this.sql,
      `SELECT import_id, code, column_name, COUNT(DISTINCT line) FROM finding WHERE campaign_id = $1
       GROUP BY import_id, code, column_name ORDER BY 4 DESC`,
      [campaignId],
    )
    return imports.map((record) => ({
      importId: record.id,
      fileName: record.fileName,
      format: record.format,
      rowsRead: record.rowsRead,
      rowsAccepted: record.rowsAccepted,
      rowsQuarantined: record.rowsQuarantined,
      rowsImputed: record.rowsImputed,
      reasons: reasons
        .filter((row) => toNumber(row[0]) === record.id)
        .map((row) => ({ code: row[1] as string, column: row[2] as string | null, rows: toNumber(row[3]) })),
    }))
  }

  async qualityByOrganisation(campaignId: number): Promise<QualityByOrganisation[]> {
    const fields = ['site', 'serial', 'hostname', 'purchase_day', 'manufacturer', 'model'] as const
    const found = await rows(
      this.sql,
      `SELECT o.path, COUNT(*), COUNT(*) FILTER (WHERE a.imputed <> 0),
              COUNT(a.site_id), COUNT(a.serial), COUNT(a.hostname), COUNT(a.purchase_day), COUNT(m.manufacturer), COUNT(m.model),
              COUNT(*) FILTER (WHERE d.serial IS NOT NULL),
              COUNT(*) FILTER (WHERE a.purchase_day > c.reference_day),
              COUNT(*) FILTER (WHERE c.reference_day - a.purchase_day > 15 * 365.25)
       FROM asset a JOIN organisation o ON o.id = a.organisation_id JOIN model m ON m.id = a.model_id
       JOIN campaign c ON c.id = a.campaign_id
       LEFT JOIN (SELECT serial FROM asset WHERE campaign_id = $1 AND serial IS NOT NULL GROUP BY serial HAVING COUNT(*) > 1) d
         ON d.serial = a.serial
       WHERE a.campaign_id = $1 GROUP BY o.path ORDER BY o.path`,
      [campaignId],
    )
    return found.map((row) => {
      const assets = toNumber(row[1])
      const fieldCompleteness: Record<string, number> = {}
      fields.forEach(
        (field, index) => (fieldCompleteness[field] = assets === 0 ? 0 : toNumber(row[3 + index]) / assets),
      )
      return {
        organisation: row[0] as string,
        assets,
        imputedAssets: toNumber(row[2]),
        quarantinedRows: 0,
        fieldCompleteness,
        duplicateSerialAssets: toNumber(row[9]),
        futurePurchaseAssets: toNumber(row[10]),
        overFifteenYearsAssets: toNumber(row[11]),
      }
    })
  }

  async ageCounts(
    campaignId: number,
    filter: { organisationPath?: string[] } = {},
  ): Promise<{ organisation: string; category: CategoryId; ageYears: number | null; quantity: number }[]> {
    const parameters: unknown[] = [campaignId]
    let where = 'a.campaign_id = $1 AND a.status <> 2 AND a.merged_into IS NULL'
    if (filter.organisationPath && filter.organisationPath.length > 0) {
      const path = filter.organisationPath.join(PATH_SEPARATOR)
      parameters.push(path, `${path}${PATH_SEPARATOR}%`)
      where += ' AND a.organisation_id IN (SELECT id FROM organisation WHERE path = $2 OR path LIKE $3)'
    }
    const found = await rows(
      this.sql,
      `SELECT o.path, m.category,
              CASE WHEN a.purchase_day IS NULL THEN NULL
                   ELSE CAST(FLOOR(GREATEST(c.reference_day - a.purchase_day, 0) / 365.0) AS INTEGER) END AS age,
              SUM(a.quantity)
       FROM asset a JOIN model m ON m.id = a.model_id JOIN campaign c ON c.id = a.campaign_id
       JOIN organisation o ON o.id = a.organisation_id
       WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      parameters,
    )
    return found.map((row) => ({
      organisation: row[0] as string,
      category: row[1] as CategoryId,
      ageYears: row[2] === null ? null : toNumber(row[2]),
      quantity: toNumber(row[3]),
    }))
  }

  async usageBySite(campaignId: number): Promise<UsageBySite[]> {
    const found = await rows(
      this.sql,
      `SELECT o.path, s.name, COUNT(*), AVG(u.powered_hours_per_year), AVG(u.active_hours_per_year),
              AVG(u.powered_hours_per_year - u.active_hours_per_year)
       FROM asset_usage u JOIN organisation o ON o.id = u.organisation_id LEFT JOIN site s ON s.id = u.site_id
       WHERE u.campaign_id = $1 GROUP BY o.path, s.name
       ORDER BY SUM(u.powered_hours_per_year - COALESCE(u.active_hours_per_year, 0)) DESC, o.path, s.name`,
      [campaignId],
    )
    return found.map((row) => ({
      organisation: row[0] as string,
      site: row[1] as string | null,
      devices: toNumber(row[2]),
      poweredHoursPerYear: toNumber(row[3]),
      activeHoursPerYear: row[4] === null ? null : toNumber(row[4]),
      idleHoursPerYear: row[5] === null ? null : toNumber(row[5]),
    }))
  }

  async qualityCells(campaignId: number): Promise<QualityCell[]> {
    return qualityCells(this.sql, campaignId)
  }

  async findingReasons(campaignId: number): Promise<FindingReasonCount[]> {
    return findingReasons(this.sql, campaignId)
  }

  readQualityRows(campaignId: number): AsyncIterable<QualityRowBatch> {
    return readQualityRows(this.sql, campaignId)
  }

  async importTelemetry(meta: NewImport, source: TelemetrySource): Promise<TelemetryImportResult> {
    return importTelemetry(this.sql, meta, source)
  }

  async listMappingRules(): Promise<MappingRule[]> {
    return listMappingRules(this.sql)
  }

  async saveMappingRules(
    rules: readonly NewMappingRule[],
    options: { replaceAll: boolean },
  ): Promise<{ added: number; updated: number; removed: number }> {
    return this.sql.begin((transaction) => saveMappingRules(transaction as unknown as Sql, rules, options))
  }

  async removeMappingRule(patternOrId: string): Promise<boolean> {
    return removeMappingRule(this.sql, patternOrId)
  }

  async campaignModels(campaignId: number, modelIds?: readonly number[]): Promise<CampaignModel[]> {
    return campaignModels(this.sql, campaignId, modelIds)
  }

  async isReconciled(campaignId: number): Promise<boolean> {
    return isReconciled(this.sql, campaignId)
  }

  async reconcile(campaignId: number): Promise<ReconciliationSummary> {
    return reconcileCampaign(this.sql, campaignId)
  }

  async reconciliationOf(campaignId: number, assetId: number): Promise<AssetReconciliation> {
    return reconciliationOf(this.sql, campaignId, assetId)
  }

  async reconciliationConflicts(campaignId: number, limit: number): Promise<ReconciliationConflict[]> {
    return reconciliationConflicts(this.sql, campaignId, { limit })
  }

  /** Electricity factors per organisation or site (a table of this database). */
  electricityOverrideStore(): ElectricityOverrideStore {
    return createPostgresElectricityOverrideStore(this.sql)
  }

  /** Users, sessions, API tokens, login throttling and the audit log (access.ts). */
  accessStore(): AccessStore {
    return createPostgresAccessStore(this.sql)
  }

  /** The campaign workflow: setups, members, reviews, reminders, frozen results, signatures (campaign-store.ts). */
  campaignStore(): CampaignStore {
    return createPostgresCampaignStore(this.sql)
  }

  /** Saved scenarios, actions and tariffs (plans.ts). */
  planStore(): PlanStore {
    return createPostgresPlanStore(this.sql)
  }

  /** IT projects, their estimates and RGESN answers (eco-design.ts). */
  ecoDesignStore(): EcoDesignStore {
    return createPostgresEcoDesignStore(this.sql)
  }

  /** The raw tables, for `empreinte migrate` (workspace-tables.ts). */
  workspaceTables(): WorkspaceTables {
    return createPostgresWorkspaceTables(this.sql)
  }

  /** Imported referential versions and campaign pins (referential-versions.ts). */
  referentialVersionStore(): ReferentialVersionStore {
    return createPostgresReferentialVersionStore(this.sql)
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 })
  }
}

function toCampaign(row: Row): Campaign {
  return { id: toNumber(row[0]), year: toNumber(row[1]), referenceDay: toNumber(row[2]) }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}
