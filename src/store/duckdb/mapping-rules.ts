/** Mapping rules and the models a campaign uses (store side of core/harmonise). */
import type { DuckDBConnection } from '@duckdb/node-api'
import type { MappingRule, NewMappingRule } from '../../core/harmonise/mapping-rules.js'
import type { CategoryId } from '../../core/inventory/categories.js'
import type { CampaignModel } from '../../app/ports.js'
import { rows, toNumber, type Row } from './sql.js'

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
export async function listMappingRules(connection: DuckDBConnection): Promise<MappingRule[]> {
  return (await rows(connection, `SELECT ${RULE_COLUMNS} FROM mapping_rule ORDER BY id`)).map(toRule)
}

/** Upserts rules by pattern in one transaction; with `replaceAll`, rules not in the list are removed. */
export async function saveMappingRules(
  connection: DuckDBConnection,
  rules: readonly NewMappingRule[],
  options: { replaceAll: boolean },
): Promise<{ added: number; updated: number; removed: number }> {
  const counts = { added: 0, updated: 0, removed: 0 }
  await connection.run('BEGIN TRANSACTION')
  try {
    if (options.replaceAll) {
      const kept = new Set(rules.map((rule) => rule.pattern))
      for (const rule of await listMappingRules(connection)) {
        if (kept.has(rule.pattern)) continue
        await connection.run('DELETE FROM mapping_rule WHERE id = $1', [rule.id])
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
      const existing = await rows(connection, 'SELECT id FROM mapping_rule WHERE pattern = $1', [
        rule.pattern,
      ])
      if (existing.length > 0) {
        await connection.run(
          `UPDATE mapping_rule SET reference_item = $2, category = $3, lifetime_years = $4, annual_kwh = $5,
             utilisation_rate = $6, note = $7, updated_at = current_timestamp WHERE pattern = $1`,
          values,
        )
        counts.updated++
      } else {
        await connection.run(
          `INSERT INTO mapping_rule (${RULE_COLUMNS})
           SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7 FROM mapping_rule`,
          values,
        )
        counts.added++
      }
    }
    await connection.run('COMMIT')
  } catch (error) {
    await connection.run('ROLLBACK')
    throw error
  }
  return counts
}

/** Removes one rule by pattern or id. */
export async function removeMappingRule(connection: DuckDBConnection, patternOrId: string): Promise<boolean> {
  const found = await rows(
    connection,
    'SELECT id FROM mapping_rule WHERE pattern = $1 OR id = TRY_CAST($1 AS INTEGER)',
    [patternOrId],
  )
  if (found.length === 0) return false
  await connection.run('DELETE FROM mapping_rule WHERE id = $1', [toNumber(found[0]![0])])
  return true
}

/** Models used by the campaign's assets as footprints count them (reconciled rows, not the rows merged into them). */
export async function campaignModels(
  connection: DuckDBConnection,
  campaignId: number,
  modelIds?: readonly number[],
): Promise<CampaignModel[]> {
  const filter =
    modelIds === undefined
      ? ''
      : `AND m.id IN (${[-1, ...modelIds].map((id) => Math.trunc(Number(id))).join(', ')})`
  const found = await rows(
    connection,
    `SELECT m.id, m.category, m.manufacturer, m.model, COUNT(*)::INTEGER, SUM(a.quantity)
     FROM asset a JOIN model m ON m.id = a.model_id
     WHERE a.campaign_id = $1 AND a.merged_into IS NULL ${filter}
     GROUP BY m.id, m.category, m.manufacturer, m.model ORDER BY m.id`,
    [campaignId],
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
