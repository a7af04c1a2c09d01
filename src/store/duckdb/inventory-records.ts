/**
 * The typed tables of the NumEcoEval / G4IT records (migration 5): virtual equipment, applications, non-IT
 * operations, messaging and entities. Each row carries campaign, import, organisation and source line, then
 * its typed columns; `RECORD_TABLES` maps each record field to its column in both directions.
 */
import { DOUBLE, INTEGER, VARCHAR, listValue, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api'
import type { UnitChoices } from '../../core/formats/unit-choices.js'
import type { InventoryRecord, InventoryRecordKind } from '../../core/inventory/inventory-records.js'
import type { Dictionaries } from '../shared/dictionaries.js'
import { appendRows, PATH_SEPARATOR, rows, toNumber, type Row } from './sql.js'

/** One typed column: the record field it holds and its DuckDB type. */
type RecordColumn = readonly [field: string, column: string, type: DuckDBType]

const RECORD_TABLES: Record<InventoryRecordKind, { table: string; columns: readonly RecordColumn[] }> = {
  'virtual-equipment': {
    table: 'virtual_equipment',
    columns: [
      ['name', 'name', VARCHAR],
      ['physicalEquipment', 'physical_equipment', VARCHAR],
      ['physicalEquipmentSource', 'physical_equipment_source', VARCHAR],
      ['infrastructureType', 'infrastructure_type', VARCHAR],
      ['quantity', 'quantity', DOUBLE],
      ['allocationShare', 'allocation_share', DOUBLE],
      ['vcpu', 'vcpu', DOUBLE],
      ['cluster', 'cluster', VARCHAR],
      ['annualKwh', 'annual_kwh', DOUBLE],
      ['type', 'type', VARCHAR],
      ['storageCapacity', 'storage_capacity', DOUBLE],
      ['provider', 'provider', VARCHAR],
      ['instanceType', 'instance_type', VARCHAR],
      ['location', 'location', VARCHAR],
      ['averageLoad', 'average_load', DOUBLE],
      ['annualUsageHours', 'annual_usage_hours', DOUBLE],
      ['dataSource', 'data_source', VARCHAR],
      ['quality', 'quality', VARCHAR],
    ],
  },
  application: {
    table: 'application',
    columns: [
      ['name', 'name', VARCHAR],
      ['environmentType', 'environment_type', VARCHAR],
      ['virtualEquipment', 'virtual_equipment', VARCHAR],
      ['virtualEquipmentSource', 'virtual_equipment_source', VARCHAR],
      ['domain', 'domain', VARCHAR],
      ['subDomain', 'sub_domain', VARCHAR],
      ['physicalEquipment', 'physical_equipment', VARCHAR],
      ['dataSource', 'data_source', VARCHAR],
      ['quality', 'quality', VARCHAR],
    ],
  },
  'non-it-operation': {
    table: 'non_it_operation',
    columns: [
      ['name', 'name', VARCHAR],
      ['quantity', 'quantity', DOUBLE],
      ['type', 'type', VARCHAR],
      ['lifetimeYears', 'lifetime_years', DOUBLE],
      ['location', 'location', VARCHAR],
      ['datacenter', 'datacenter', VARCHAR],
      ['description', 'description', VARCHAR],
      ['annualKwh', 'annual_kwh', DOUBLE],
      ['dataSource', 'data_source', VARCHAR],
      ['quality', 'quality', VARCHAR],
    ],
  },
  messaging: {
    table: 'messaging',
    columns: [
      ['mailsSent', 'mails_sent', DOUBLE],
      ['mailsSentTimesRecipients', 'mails_sent_times_recipients', DOUBLE],
      ['totalVolume', 'total_volume', DOUBLE],
      ['year', 'year', INTEGER],
      ['month', 'month', INTEGER],
    ],
  },
  entity: {
    table: 'entity',
    columns: [
      ['name', 'name', VARCHAR],
      ['staffCount', 'staff_count', DOUBLE],
      ['manager', 'manager', VARCHAR],
      ['digitalManager', 'digital_manager', VARCHAR],
    ],
  },
  'cloud-usage': {
    table: 'cloud_usage',
    columns: [
      ['provider', 'provider', VARCHAR],
      ['service', 'service', VARCHAR],
      ['instanceType', 'instance_type', VARCHAR],
      ['region', 'region', VARCHAR],
      ['usageHours', 'usage_hours', DOUBLE],
      ['vcpu', 'vcpu', DOUBLE],
      ['averageLoad', 'average_load', DOUBLE],
      ['architecture', 'architecture', VARCHAR],
      ['month', 'month', VARCHAR],
    ],
  },
  'cloud-emissions': {
    table: 'cloud_emissions',
    columns: [
      ['provider', 'provider', VARCHAR],
      ['service', 'service', VARCHAR],
      ['region', 'region', VARCHAR],
      ['month', 'month', VARCHAR],
      ['kgCo2e', 'kg_co2e', DOUBLE],
    ],
  },
}

const KEY_TYPES: readonly DuckDBType[] = [INTEGER, INTEGER, INTEGER, INTEGER]

/** Appends records (any mix of kinds) to their tables, inside the caller's transaction. */
export async function appendInventoryRecords(
  connection: DuckDBConnection,
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
    await appendRows(connection, table, [...KEY_TYPES, ...columns.map(([, , type]) => type)], tableRows)
  }
}

/** The records of one kind in a campaign, with their organisation path, in import and line order. */
export async function readInventoryRecords(
  connection: DuckDBConnection,
  campaignId: number,
  kind: InventoryRecordKind,
): Promise<(InventoryRecord & { importId: number })[]> {
  const { table, columns } = RECORD_TABLES[kind]
  const found = await rows(
    connection,
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
      record[field] = value === null || type === VARCHAR ? value : toNumber(value)
    })
    return record as unknown as InventoryRecord & { importId: number }
  })
}

/** The names that no physical equipment (asset host name) or VM of the campaign holds, in the given order. */
export async function findUnknownNames(
  connection: DuckDBConnection,
  campaignId: number,
  target: 'physical-equipment' | 'virtual-equipment',
  names: readonly string[],
): Promise<string[]> {
  if (names.length === 0) return []
  const [table, column] =
    target === 'physical-equipment' ? ['asset', 'hostname'] : ['virtual_equipment', 'name']
  const known = new Set<string>()
  for (const [name] of await rows(
    connection,
    `SELECT DISTINCT ${column} FROM ${table} WHERE campaign_id = $1 AND list_contains($2::VARCHAR[], ${column})`,
    [campaignId, listValue(names)],
  ))
    known.add(name as string)
  return names.filter((name) => !known.has(name))
}

/** The unit choices recorded by the imports of `format`, all campaigns, the latest choice of each unit winning. */
export async function readLatestImportOptions(
  connection: DuckDBConnection,
  format: string,
): Promise<UnitChoices> {
  const choices: Record<string, unknown> = {}
  for (const [options] of await rows(
    connection,
    'SELECT options FROM import WHERE format = $1 AND options IS NOT NULL ORDER BY id',
    [format],
  ))
    Object.assign(choices, JSON.parse(options as string) as object)
  return choices as UnitChoices
}
