import {
  DOUBLE,
  INTEGER,
  SMALLINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBInstance,
} from '@duckdb/node-api'
import type { DayNumber } from '../../core/inventory/asset.js'
import { PHASE_IDS, type CategoryId } from '../../core/inventory/categories.js'
import type { Finding } from '../../core/quality/finding.js'
import type { CriterionId } from '../../core/referential/referential.js'
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
  ResultGroup,
  ResultWriter,
  TelemetryImportResult,
  TelemetrySource,
  UsageBySite,
  StoredAsset,
  WorkspaceStore,
} from '../../app/ports.js'
import { ColumnAppender } from './column-appender.js'
import { domainCode, domainOfCode, imputedFields, OWNERSHIP_CODES, STATUS_CODES } from './codes.js'
import { openDatabase } from './open-database.js'
import {
  PATH_SEPARATOR,
  KEY_SEPARATOR,
  type Row,
  rows,
  toNumber,
  toImportRecord,
  IMPORT_SELECT,
  appendRows,
} from './sql.js'
import { Dictionaries } from '../shared/dictionaries.js'
import { DuckComputeBatch, NULL_INTEGER } from './compute-batch.js'
import { DuckDbImportWriter } from './import-writer.js'
import { findUnknownNames, readInventoryRecords, readLatestImportOptions } from './inventory-records.js'
import type { InventoryRecord, InventoryRecordKind } from '../../core/inventory/inventory-records.js'
import type { UnitChoices } from '../../core/formats/unit-choices.js'
import { importTelemetry } from './telemetry.js'
import { campaignModels, listMappingRules, removeMappingRule, saveMappingRules } from './mapping-rules.js'
import { isReconciled, reconcileCampaign, reconciliationConflicts, reconciliationOf } from './reconcile.js'
import type { MappingRule, NewMappingRule } from '../../core/harmonise/mapping-rules.js'
import type { ResolutionMethod } from '../../core/harmonise/resolve-models.js'
import { findingReasons, qualityCells, readQualityRows } from './quality-queries.js'
import { createDuckDbAccessStore } from './users.js'
import { createDuckDbCampaignStore, idList } from './campaigns.js'
import type { CampaignStore } from '../../app/campaign-ports.js'
import type { AccessStore } from '../../app/ports.js'
import type { PlanStore } from '../../app/ports.js'
import { createDuckDbPlanStore } from './plans.js'
import { createDuckDbBackup } from './backup.js'
import type { WorkspaceBackup } from '../../app/ports.js'
import { createDuckDbElectricityOverrideStore } from './electricity-overrides.js'
import { createDuckDbEcoDesignStore } from './eco-design.js'
import { createDuckDbWorkspaceTables } from './workspace-tables.js'
import type { WorkspaceTables } from '../../app/ports.js'
import { createDuckDbReferentialVersionStore } from './referential-versions.js'
import type { EcoDesignStore } from '../../app/eco-design-ports.js'
import type { ReferentialVersionStore } from '../../app/ports.js'
import type { ElectricityOverrideStore } from '../../app/ports.js'

/** The embedded workspace store: one DuckDB file per workspace. */
export class DuckDbStore implements WorkspaceStore {
  readonly engine = 'duckdb'

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens the database at `path` (':memory:' for tests) and migrates it. */
  static async open(path: string): Promise<DuckDbStore> {
    const { instance, connection } = await openDatabase(path)
    return new DuckDbStore(instance, connection)
  }

  async ensureCampaign(year: number, referenceDay: DayNumber): Promise<Campaign> {
    const existing = await this.findCampaign(year)
    if (existing) return existing
    const [[next]] = (await rows(this.connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM campaign')) as [
      [number],
    ]
    await this.connection.run('INSERT INTO campaign (id, year, reference_day) VALUES ($1, $2, $3)', [
      toNumber(next),
      year,
      referenceDay,
    ])
    return { id: toNumber(next), year, referenceDay }
  }

  async findCampaign(year: number): Promise<Campaign | null> {
    const found = await rows(
      this.connection,
      'SELECT id, year, reference_day FROM campaign WHERE year = $1',
      [year],
    )
    return found.length === 0 ? null : toCampaign(found[0]!)
  }

  async latestCampaign(): Promise<Campaign | null> {
    const found = await rows(
      this.connection,
      'SELECT id, year, reference_day FROM campaign ORDER BY year DESC LIMIT 1',
    )
    return found.length === 0 ? null : toCampaign(found[0]!)
  }

  async findImportByChecksum(campaignId: number, checksum: string): Promise<ImportRecord | null> {
    const found = await rows(
      this.connection,
      `SELECT ${IMPORT_SELECT} FROM import WHERE campaign_id = $1 AND checksum = $2 AND replaced_by IS NULL`,
      [campaignId, checksum],
    )
    return found.length === 0 ? null : toImportRecord(found[0]!)
  }

  async listImports(campaignId: number): Promise<ImportRecord[]> {
    return (
      await rows(this.connection, `SELECT ${IMPORT_SELECT} FROM import WHERE campaign_id = $1 ORDER BY id`, [
        campaignId,
      ])
    ).map(toImportRecord)
  }

  async latestImportOptions(format: string): Promise<UnitChoices> {
    return readLatestImportOptions(this.connection, format)
  }

  async unknownNames(
    campaignId: number,
    target: 'physical-equipment' | 'virtual-equipment',
    names: readonly string[],
  ): Promise<string[]> {
    return findUnknownNames(this.connection, campaignId, target, names)
  }

  async inventoryRecords<Kind extends InventoryRecordKind>(
    campaignId: number,
    kind: Kind,
  ): Promise<(Extract<InventoryRecord, { kind: Kind }> & { importId: number })[]> {
    return (await readInventoryRecords(this.connection, campaignId, kind)) as (Extract<
      InventoryRecord,
      { kind: Kind }
    > & { importId: number })[]
  }

  async beginImport(meta: NewImport): Promise<ImportWriter> {
    const connection = this.connection
    await connection.run('BEGIN TRANSACTION')
    try {
      const dictionaries = await Dictionaries.load((text) => rows(connection, text))
      const [[importId]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM import')) as [
        [number],
      ]
      const [[firstAssetId]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM asset')) as [
        [number],
      ]
      return new DuckDbImportWriter(
        connection,
        dictionaries,
        meta,
        toNumber(importId),
        toNumber(firstAssetId),
      )
    } catch (error) {
      await connection.run('ROLLBACK')
      throw error
    }
  }

  async computationState(campaignId: number): Promise<ComputationState | null> {
    const found = await rows(
      this.connection,
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

  async assetsRevision(campaignId: number): Promise<number | null> {
    const found = await rows(this.connection, 'SELECT assets_revision FROM campaign WHERE id = $1', [campaignId])
    return found.length === 0 ? null : toNumber(found[0]![0])
  }

  async *readComputeRows(campaignId: number, organisationIds?: readonly number[]): AsyncIterable<ComputeBatch> {
    const models: { category: CategoryId; manufacturer: string | null; model: string | null }[] = []
    for (const [id, category, manufacturer, model] of await rows(
      this.connection,
      'SELECT id, category, manufacturer, model FROM model',
    )) {
      models[toNumber(id)] = {
        category: category as CategoryId,
        manufacturer: manufacturer as string | null,
        model: model as string | null,
      }
    }
    const countries: string[] = []
    for (const [id, code] of await rows(this.connection, 'SELECT id, code FROM country'))
      countries[toNumber(id)] = code as string
    const organisations: string[] = []
    for (const [id, path] of await rows(this.connection, 'SELECT id, path FROM organisation')) {
      organisations[toNumber(id)] = path as string
    }
    const sites: string[] = []
    for (const [id, name] of await rows(this.connection, 'SELECT id, name FROM site')) sites[toNumber(id)] = name as string
    // Numbers only: DuckDB hands numeric vectors to JavaScript several times faster than text.
    // datacenter PUE: -1 = not hosted, 0 = hosted in a datacenter whose PUE is unknown, else the PUE.
    // No NULL crosses over: the client tests each cell of a vector with a NULL mask using BigInt arithmetic
    // (2.5 M BigInt operations for the demo), so NULL travels as NULL_INTEGER or NaN (see compute-batch.ts).
    const result = await this.connection.stream(
      `SELECT a.id, a.model_id, a.quantity, COALESCE(a.purchase_day, ${NULL_INTEGER}),
              COALESCE(a.retirement_day, ${NULL_INTEGER}), COALESCE(a.lifetime_years, 'NaN'::DOUBLE),
              COALESCE(a.annual_kwh, 'NaN'::DOUBLE), COALESCE(a.utilisation_rate, 'NaN'::DOUBLE),
              COALESCE(a.ownership, ${NULL_INTEGER}), a.country_id,
              CASE WHEN a.datacenter IS NULL THEN -1 ELSE COALESCE(d.pue, 0) END,
              a.organisation_id, COALESCE(a.site_id, ${NULL_INTEGER}), a.domain,
              COALESCE(u.powered_hours_per_year, 'NaN'::DOUBLE)
       FROM asset a
       LEFT JOIN (SELECT short_name, MAX(pue) AS pue FROM datacenter WHERE campaign_id = $1 GROUP BY short_name) d
         ON d.short_name = a.datacenter
       LEFT JOIN asset_usage u ON u.campaign_id = a.campaign_id AND u.asset_id = a.id
       WHERE a.campaign_id = $1 AND a.merged_into IS NULL${
         organisationIds === undefined ? '' : ` AND a.organisation_id IN (${idList(organisationIds)})`
       }`,
      [campaignId],
    )
    for (;;) {
      const chunk = await result.fetchChunk()
      if (!chunk || chunk.rowCount === 0) break
      yield new DuckComputeBatch(chunk, models, countries, organisations, sites)
    }
  }

  async beginResults(
    campaignId: number,
    referential: string,
    resolutions: ReadonlyMap<number, { method: ResolutionMethod; confidence: number }> = new Map(),
    organisationIds?: readonly number[],
  ): Promise<ResultWriter> {
    const connection = await this.instance.connect()
    await connection.run('BEGIN TRANSACTION')
    // With organisations: an incremental pass replaces only their results (docs/campaigns.md#incremental).
    const onlyThese = organisationIds === undefined ? '' : ` AND organisation_id IN (${idList(organisationIds)})`
    for (const table of ['result_group', 'result_impact']) {
      await connection.run(`DELETE FROM ${table} WHERE campaign_id = $1${onlyThese}`, [campaignId])
    }
    if (organisationIds === undefined)
      await connection.run('DELETE FROM model_result WHERE campaign_id = $1', [campaignId])
    const criteria = new Map<string, number>()
    for (const [id, code] of await rows(connection, 'SELECT id, code FROM criterion'))
      criteria.set(code as string, toNumber(id))
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
    // Groups (organisation × site × model × domain) live in flat arrays: a million assets may fold into
    // hundreds of thousands of groups, and one object per group would keep the garbage collector busy.
    const groupKeys: number[] = [] // 4 per group: organisation, site (0 = none), model, domain
    const groupSums: number[] = [] // 4 per group: assets, quantity, annual kWh, sum of lifetimes
    const phaseSums: number[][] = [] // per criterion id: 4 per group (manufacturing, distribution, use, end of life)
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
    const extraGroups: ResultGroup[] = []
    /** Folds the groups that no asset produced (cloud lines) into the same sums, with their models. */
    const addExtraGroups = async (): Promise<void> => {
      if (extraGroups.length === 0) return
      const dictionaries = await Dictionaries.load((text) => rows(connection, text))
      const only = organisationIds === undefined ? null : new Set(organisationIds)
      for (const extra of extraGroups) {
        const organisationId = dictionaries.organisations.get(extra.organisationPath.join(PATH_SEPARATOR))
        if (organisationId === undefined || (only !== null && !only.has(organisationId))) continue
        const modelId = dictionaries.model(extra.category, extra.manufacturer, extra.model)
        const at = groupOf(organisationId, 0, modelId, domainCode(extra.domain)) * 4
        groupSums[at]! += extra.assets
        groupSums[at + 1]! += extra.quantity
        groupSums[at + 2]! += extra.annualKwh
        addImpacts(at, extra.impacts)
      }
      await appendRows(connection, 'model', [INTEGER, VARCHAR, VARCHAR, VARCHAR], dictionaries.newModels)
    }
    const addImpacts = (at: number, impacts: ResultGroup['impacts']): void => {
      for (const criterion in impacts) {
        const values = impacts[criterion as CriterionId]!
        const id = criterionId(criterion)
        let sums = phaseSums[id]
        if (!sums) phaseSums[id] = sums = []
        if (sums.length < at + 4) {
          // Groups created before this criterion was first seen start from zero.
          while (sums.length < at) sums.push(0)
          sums.push(0, 0, 0, 0)
        }
        sums[at]! += values.manufacturing
        sums[at + 1]! += values.distribution
        sums[at + 2]! += values.use
        sums[at + 3]! += values['end-of-life']
      }
    }
    const finish = async (isCommit: boolean): Promise<void> => {
      try {
        if (isCommit) {
          await addExtraGroups()
          const groupAppender = await ColumnAppender.open(connection, 'result_group', [
            INTEGER,
            INTEGER,
            INTEGER,
            INTEGER,
            SMALLINT,
            INTEGER,
            DOUBLE,
            DOUBLE,
            DOUBLE,
          ])
          for (let group = 0; group < groupCount; group++) {
            const at = group * 4
            groupAppender.push([
              campaignId,
              groupKeys[at],
              groupKeys[at + 1] || null,
              groupKeys[at + 2],
              groupKeys[at + 3],
              groupSums[at],
              groupSums[at + 1],
              groupSums[at + 2],
              groupSums[at + 3],
            ])
            if (group % 8192 === 0) await groupAppender.pause()
          }
          groupAppender.close()
          const impactAppender = await ColumnAppender.open(connection, 'result_impact', [
            INTEGER,
            INTEGER,
            INTEGER,
            INTEGER,
            SMALLINT,
            INTEGER,
            DOUBLE,
            DOUBLE,
            DOUBLE,
            DOUBLE,
          ])
          for (let criterion = 0; criterion < phaseSums.length; criterion++) {
            const sums = phaseSums[criterion]
            if (!sums) continue
            for (let group = 0; group < groupCount; group++) {
              const at = group * 4
              if (sums[at] === undefined) continue
              impactAppender.push([
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
              ])
              if (group % 8192 === 0) await impactAppender.pause()
            }
          }
          impactAppender.close()
          await appendRows(connection, 'criterion', [INTEGER, VARCHAR], newCriteria)
          if (organisationIds !== undefined && modelResults.size > 0)
            await connection.run(
              `DELETE FROM model_result WHERE campaign_id = $1 AND model_id IN (${idList([...modelResults.keys()])})`,
              [campaignId],
            )
          await appendRows(
            connection,
            'model_result',
            [INTEGER, INTEGER, VARCHAR, VARCHAR, DOUBLE],
            [...modelResults.values()],
          )
          await connection.run('DELETE FROM computation WHERE campaign_id = $1', [campaignId])
          await connection.run(
            'INSERT INTO computation (campaign_id, referential, revision) SELECT id, $2, assets_revision FROM campaign WHERE id = $1',
            [campaignId, referential],
          )
          await connection.run('COMMIT')
        } else {
          await connection.run('ROLLBACK')
        }
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        connection.closeSync()
      }
    }
    return {
      add(computeBatch, row, footprint) {
        const batch = computeBatch as DuckComputeBatch
        const modelId = batch.modelId(row)
        const group = groupOf(batch.organisationId(row), batch.siteId(row) ?? 0, modelId, batch.domain(row))
        const at = group * 4
        groupSums[at]! += 1
        groupSums[at + 1]! += batch.quantity(row)
        groupSums[at + 2]! += footprint.annualKwh
        groupSums[at + 3]! += footprint.lifetimeYears
        if (!modelResults.has(modelId)) {
          // The referential folds rule and fuzzy matches into its matching table: the resolution says which it was.
          const resolution = resolutions.get(modelId)
          modelResults.set(modelId, [
            campaignId,
            modelId,
            footprint.referenceItemId,
            resolution?.method ?? footprint.matchedBy,
            resolution?.confidence ?? (footprint.matchedBy === 'model' ? 1 : 0),
          ])
        }
        addImpacts(at, footprint.impacts)
      },
      addGroup(group) {
        extraGroups.push(group)
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
      rows(this.connection, impactSql, parameters),
      rows(this.connection, countSql, parameters),
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
      this.connection,
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
         WHERE b.campaign_id = $1 AND (b.id = TRY_CAST($2 AS INTEGER) OR b.serial = $2 OR b.hostname = $2)
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
      this.connection,
      'SELECT MAX(pue) FROM datacenter WHERE campaign_id = $1 AND short_name = $2 HAVING COUNT(*) > 0',
      [campaignId, shortName],
    )
    return found.length === 0 ? undefined : (found[0]![0] as number | null)
  }

  async findOrganisations(text: string): Promise<string[][]> {
    const found = await rows(
      this.connection,
      'SELECT path FROM organisation WHERE lower(path) = lower($1) OR lower(name) = lower($1) ORDER BY path',
      [text.trim()],
    )
    return found.map((row) => (row[0] as string).split(PATH_SEPARATOR))
  }

  async quarantine(campaignId: number, limit: number): Promise<(QuarantinedRow & { fileName: string })[]> {
    const found = await rows(
      this.connection,
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
      this.connection,
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
      this.connection,
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
      this.connection,
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

  async qualityCells(campaignId: number): Promise<QualityCell[]> {
    return qualityCells(this.connection, campaignId)
  }

  async findingReasons(campaignId: number): Promise<FindingReasonCount[]> {
    return findingReasons(this.connection, campaignId)
  }

  readQualityRows(campaignId: number): AsyncIterable<QualityRowBatch> {
    return readQualityRows(this.connection, campaignId)
  }

  async importTelemetry(meta: NewImport, source: TelemetrySource): Promise<TelemetryImportResult> {
    return importTelemetry(this.connection, meta, source)
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
      this.connection,
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
      this.connection,
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

  async listMappingRules(): Promise<MappingRule[]> {
    return listMappingRules(this.connection)
  }

  async saveMappingRules(
    rules: readonly NewMappingRule[],
    options: { replaceAll: boolean },
  ): Promise<{ added: number; updated: number; removed: number }> {
    return saveMappingRules(this.connection, rules, options)
  }

  async removeMappingRule(patternOrId: string): Promise<boolean> {
    return removeMappingRule(this.connection, patternOrId)
  }

  async campaignModels(campaignId: number, modelIds?: readonly number[]): Promise<CampaignModel[]> {
    return campaignModels(this.connection, campaignId, modelIds)
  }

  async isReconciled(campaignId: number): Promise<boolean> {
    return isReconciled(this.connection, campaignId)
  }

  async reconcile(campaignId: number): Promise<ReconciliationSummary> {
    return reconcileCampaign(this.connection, campaignId)
  }

  async reconciliationOf(campaignId: number, assetId: number): Promise<AssetReconciliation> {
    return reconciliationOf(this.connection, campaignId, assetId)
  }

  async reconciliationConflicts(campaignId: number, limit: number): Promise<ReconciliationConflict[]> {
    return reconciliationConflicts(this.connection, campaignId, { limit })
  }

  /** The collection-campaign workflow's tables (src/store/duckdb/campaigns.ts). */
  campaignStore(): CampaignStore {
    return createDuckDbCampaignStore(this.connection)
  }

  /** Users, sessions, tokens and the audit log of this workspace (src/store/duckdb/users.ts). */
  /** Backup and restore through this connection (docs/backup.md). */
  workspaceBackup(): WorkspaceBackup {
    return createDuckDbBackup(this.connection)
  }

  accessStore(): AccessStore {
    return createDuckDbAccessStore(this.connection)
  }

  /** Saved scenarios, action plans and tariffs of this workspace (src/store/duckdb/plans.ts). */
  planStore(): PlanStore {
    return createDuckDbPlanStore(this.connection)
  }

  /** Electricity factors set per organisation or site (src/store/duckdb/electricity-overrides.ts). */
  electricityOverrideStore(): ElectricityOverrideStore {
    return createDuckDbElectricityOverrideStore(this.connection)
  }

  /** IT projects, their estimates and RGESN answers (src/store/duckdb/eco-design.ts). */
  ecoDesignStore(): EcoDesignStore {
    return createDuckDbEcoDesignStore(this.connection)
  }

  /** The raw tables, for `empreinte migrate` (workspace-tables.ts). */
  workspaceTables(): WorkspaceTables {
    return createDuckDbWorkspaceTables(this.connection)
  }

  /** Imported referential versions and campaign pins (src/store/duckdb/referential-versions.ts). */
  referentialVersionStore(): ReferentialVersionStore {
    return createDuckDbReferentialVersionStore(this.connection)
  }

  async close(): Promise<void> {
    this.connection.closeSync()
    this.instance.closeSync()
  }
}

function toCampaign(row: Row): Campaign {
  return { id: toNumber(row[0]), year: toNumber(row[1]), referenceDay: toNumber(row[2]) }
}
