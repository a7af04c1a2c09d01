/**
 * The typed NumEcoEval / G4IT record tables, mapping rules and the models a campaign uses, on PostgreSQL.
 * Same tables and meaning as src/store/duckdb/inventory-records.ts and mapping-rules.ts.
 */
import type { UnitChoices } from '../../core/formats/unit-choices.js'
import type { InventoryRecord, InventoryRecordKind } from '../../core/inventory/inventory-records.js'
import type { MappingRule, NewMappingRule } from '../../core/harmonise/mapping-rules.js'
import type { CategoryId } from '../../core/inventory/categories.js'
import type { CampaignModel } from '../../app/ports.js'
import type { Dictionaries } from '../shared/dictionaries.js'
import { copyRows, PATH_SEPARATOR, rows, run, toNumber, type Row, type Sql } from './sql.js'

type Kind = 'text' | 'number'
/** One typed column: the record field it holds, its column and whether it holds text or a number. */
type RecordColumn = readonly [field: string, column: string, kind: Kind]

const RECORD_TABLES: Record<InventoryRecordKind, { table: string; columns: readonly RecordColumn[] }> = {
  'virtual-equipment': {
    table: 'virtual_equipment',
    columns: [
      ['name', 'name', 'text'],
      ['physicalEquipment', 'physical_equipment', 'text'],
      ['physicalEquipmentSource', 'physical_equipment_source', 'text'],
      ['infrastructureType', 'infrastructure_type', 'text'],
      ['quantity', 'quantity', 'number'],
      ['allocationShare', 'allocation_share', 'number'],
      ['vcpu', 'vcpu', 'number'],
      ['cluster', 'cluster', 'text'],
      ['annualKwh', 'annual_kwh', 'number'],
      ['type', 'type', 'text'],
      ['storageCapacity', 'storage_capacity', 'number'],
      ['provider', 'provider', 'text'],
      ['instanceType', 'instance_type', 'text'],
      ['location', 'location', 'text'],
      ['averageLoad', 'average_load', 'number'],
      ['annualUsageHours', 'annual_usage_hours', 'number'],
      ['dataSource', 'data_source', 'text'],
      ['quality', 'quality', 'text'],
    ],
  },
  application: {
    table: 'application',
    columns: [
      ['name', 'name', 'text'],
      ['environmentType', 'environment_type', 'text'],
      ['virtualEquipment', 'virtual_equipment', 'text'],
      ['virtualEquipmentSource', 'virtual_equipment_source', 'text'],
      ['domain', 'domain', 'text'],
      ['subDomain', 'sub_domain', 'text'],
      ['physicalEquipment', 'physical_equipment', 'text'],
      ['dataSource', 'data_source', 'text'],
      ['quality', 'quality', 'text'],
    ],
  },
  'non-it-operation': {
    table: 'non_it_operation',
    columns: [
      ['name', 'name', 'text'],
      ['quantity', 'quantity', 'number'],
      ['type', 'type', 'text'],
      ['lifetimeYears', 'lifetime_years', 'number'],
      ['location', 'location', 'text'],
      ['datacenter', 'datacenter', 'text'],
      ['description', 'description', 'text'],
      ['annualKwh', 'annual_kwh', 'number'],
      ['dataSource', 'data_source', 'text'],
      ['quality', 'quality', 'text'],
    ],
  },
  messaging: {
    table: 'messaging',
    columns: [
      ['mailsSent', 'mails_sent', 'number'],
      ['mailsSentTimesRecipients', 'mails_sent_times_recipients', 'number'],
      ['totalVolume', 'total_volume', 'number'],
      ['year', 'year', 'number'],
      ['month', 'month', 'number'],
    ],
  },
  entity: {
    table: 'entity',
    columns: [
      ['name', 'name', 'text'],
      ['staffCount', 'staff_count', 'number'],
      ['manager', 'manager', 'text'],
      ['digitalManager', 'digital_manager', 'text'],
    ],
  },
  'cloud-usage': {
    table: 'cloud_usage',
    columns: [
      ['provider', 'provider', 'text'],
      ['service', 'service', 'text'],
      ['instanceType', 'instance_type', 'text'],
      ['region', 'region', 'text'],
      ['usageHours', 'usage_hours', 'number'],
      ['vcpu', 'vcpu', 'number'],
      ['averageLoad', 'average_load', 'number'],
      ['architecture', 'architecture', 'text'],
      ['month', 'month', 'text'],
    ],
  },
  'cloud-emissions': {
    table: 'cloud_emissions',
    columns: [
      ['provider', 'provider', 'text'],
      ['service', 'service', 'text'],
      ['region', 'region', 'text'],
      ['month', 'month', 'text'],
      ['kgCo2e', 'kg_co2e', 'number'],
    ],
  },
}

const KEY_COLUMNS = ['campaign_id', 'import_id', 'organisation_id', 'line']

/** Copies records (any mix of kinds) into their tables, inside the caller's transaction. */
export async function appendInventoryRecords(
  sql: Sql,
  dictionaries: Dictionaries,
  keys: { campaignId: number; importId: number },
  records: readonly InventoryRecord[],
): Promise<void> {
  const byKind = new Map<InventoryRecordKind, Row[]>()
  for (const record of records) {
    const { columns } = RECORD_TABLES[record.kind]
    let tableRows = byKind.get(record.kind)
    if (!tableRows) byKind.set(record.kind, (tableRows = []))
    const fields = record as unknown as Record<string, unknown>
    tableRows.push([
      keys.campaignId,
      keys.importId,
      dictionaries.organisation(record.organisationPath),
      record.sourceLine,
      ...columns.map(([field]) => fields[field] ?? null),
    ])
  }
  for (const [kind, tableRows] of byKind) {
    const { table, columns } = RECORD_TABLES[kind]
    await copyRows(sql, table, [...KEY_COLUMNS, ...columns.map(([, column]) => column)], tableRows)
  }
}

/** The records of one kind in a campaign, with their organisation path, in import and line order. */
export async function readInventoryRecords(
  sql: Sql,
  campaignId: number,
  kind: InventoryRecordKind,
): Promise<(InventoryRecord & { importId: number })[]> {
  const { table, columns } = RECORD_TABLES[kind]
  const found = await rows(
    sql,
    `SELECT r.import_id, r.line, o.path, ${columns.map(([, column]) => `r.${column}`).join(', ')}
     FROM ${table} r JOIN organisation o ON o.id = r.organisation_id
     WHERE r.campaign_id = $1 ORDER BY r.import_id, r.line`,
    [campaignId],
  )
  return found.map((row) => {
    const record: Record<string, unknown> = {
      kind,
      importId: toNumber(row[0]),
      sourceLine: toNumber(row[1]),
      organisationPath: (row[2] as string).split(PATH_SEPARATOR),
    }
    columns.forEach(([field, , type], index) => {
      const value = row[index + 3]
      record[field] = value === null || type === 'text' ? value : toNumber(value)
    })
    return record as unknown as InventoryRecord & { importId: number }
  })
}

/** The names that no physical equipment (asset host name) or VM of the campaign holds, in the given order. */
export async function findUnknownNames(
  sql: Sql,
  campaignId: number,
  target: 'physical-equipment' | 'virtual-equipment',
  names: readonly string[],
): Promise<string[]> {
  if (names.length === 0) return []
  const [table, column] =
    target === 'physical-equipment' ? ['asset', 'hostname'] : ['virtual_equipment', 'name']
  const known = new Set<string>()
  for (const [name] of await rows(
    sql,
    `SELECT DISTINCT ${column} FROM ${table} WHERE campaign_id = $1 AND ${column} = ANY($2::text[])`,
    [campaignId, names],
  ))
    known.add(name as string)
  return names.filter((name) => !known.has(name))
}

/** The unit choices recorded by the imports of `format`, all campaigns, the latest choice of each unit winning. */
export async function readLatestImportOptions(sql: Sql, format: string): Promise<UnitChoices> {
  const choices: Record<string, unknown> = {}
  for (const [options] of await rows(
    sql,
    'SELECT options FROM import WHERE format = $1 AND options IS NOT NULL ORDER BY id',
    [format],
  ))
    Object.assign(choices, JSON.parse(options as string) as object)
  return choices as UnitChoices
}

const RULE_COLUMNS =
  'id, pattern, reference_item, category, lifetime_years, annual_kwh, utilisation_rate, note'

function toRule(row: Row): MappingRule {
  const number = (value: unknown): number | null => (value === null ? null : toNumber(value))
  return {
    id: toNumber(row[0]),
    pattern: row[1] as string,
    referenceItem: row[2] as string | null,
    category: row[3] as CategoryId | null,
    lifetimeYears: number(row[4]),
    annualKwh: number(row[5]),
    utilisationRate: number(row[6]),
    note: row[7] as string | null,
  }
}

/** Every rule, oldest first. */
export async function listMappingRules(sql: Sql): Promise<MappingRule[]> {
  return (await rows(sql, `SELECT ${RULE_COLUMNS} FROM mapping_rule ORDER BY id`)).map(toRule)
}

/** Upserts rules by pattern (caller's transaction); with `replaceAll`, rules not in the list are removed. */
export async function saveMappingRules(
  sql: Sql,
  rules: readonly NewMappingRule[],
  options: { replaceAll: boolean },
): Promise<{ added: number; updated: number; removed: number }> {
  const counts = { added: 0, updated: 0, removed: 0 }
  if (options.replaceAll) {
    const kept = new Set(rules.map((rule) => rule.pattern))
    for (const rule of await listMappingRules(sql)) {
      if (kept.has(rule.pattern)) continue
      await run(sql, 'DELETE FROM mapping_rule WHERE id = $1', [rule.id])
      counts.removed++
    }
  }
  for (const rule of rules) {
    const values = [
      rule.pattern,
      rule.referenceItem,
      rule.category,
      rule.lifetimeYears,
      rule.annualKwh,
      rule.utilisationRate,
      rule.note,
    ]
    const changed = await run(
      sql,
      `UPDATE mapping_rule SET reference_item = $2, category = $3, lifetime_years = $4, annual_kwh = $5,
         utilisation_rate = $6, note = $7, updated_at = LOCALTIMESTAMP(0) WHERE pattern = $1`,
      values,
    )
    if (changed > 0) counts.updated++
    else {
      await run(
        sql,
        `INSERT INTO mapping_rule (${RULE_COLUMNS})
         SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7 FROM mapping_rule`,
        values,
      )
      counts.added++
    }
  }
  return counts
}

/** Removes one rule by pattern or id. */
export async function removeMappingRule(sql: Sql, patternOrId: string): Promise<boolean> {
  return (await run(sql, 'DELETE FROM mapping_rule WHERE pattern = $1 OR id::text = $1', [patternOrId])) > 0
}

/** Models used by the campaign's assets as footprints count them (reconciled rows, not the rows merged into them). */
export async function campaignModels(
  sql: Sql,
  campaignId: number,
  modelIds?: readonly number[],
): Promise<CampaignModel[]> {
  const parameters: unknown[] = [campaignId]
  let filter = ''
  if (modelIds !== undefined) {
    parameters.push(modelIds.map((id) => Math.trunc(Number(id))))
    filter = 'AND m.id = ANY($2::integer[])'
  }
  const found = await rows(
    sql,
    `SELECT m.id, m.category, m.manufacturer, m.model, COUNT(*)::INTEGER, SUM(a.quantity)
     FROM asset a JOIN model m ON m.id = a.model_id
     WHERE a.campaign_id = $1 AND a.merged_into IS NULL ${filter}
     GROUP BY m.id, m.category, m.manufacturer, m.model ORDER BY m.id`,
    parameters,
  )
  return found.map((row) => ({
    id: toNumber(row[0]),
    category: row[1] as CategoryId,
    manufacturer: row[2] as string | null,
    model: row[3] as string | null,
    assets: toNumber(row[4]),
    quantity: toNumber(row[5]),
  }))
}
