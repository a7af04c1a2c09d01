import type { Datacenter } from './asset.js'
import type { InventoryRecord } from './inventory-records.js'
import { createRecordNormaliser, isRecordKind } from './normalise-records.js'
import { appendAsset, createAssetColumns, type AssetColumns } from './asset-columns.js'
import { createRowNormaliser, type NormaliseOptions, type RowToNormalise } from './normalise-row.js'
import type { ColumnPlan } from '../formats/format-profiles.js'
import type { Finding } from '../quality/finding.js'

/** One batch of rows after normalisation: accepted assets (as columns), datacenters, quarantined rows. */
export type NormalisedBatch = {
  assets: AssetColumns
  datacenters: Datacenter[]
  /** Typed NumEcoEval records (virtual equipment, applications…). */
  records: InventoryRecord[]
  quarantined: { line: number; raw: string[]; findings: Finding[] }[]
  /** Findings of accepted rows (imputed values and warnings). */
  findings: Finding[]
  rowsRead: number
  rowsAccepted: number
  rowsQuarantined: number
  rowsImputed: number
}

/** Builds the normaliser of one file's batches: the same function runs in a worker thread or in-process. */
export function createBatchNormaliser(
  plan: ColumnPlan,
  options: NormaliseOptions,
): (rows: readonly RowToNormalise[]) => NormalisedBatch {
  const normalise = isRecordKind(plan.profile.kind)
    ? createRecordNormaliser(plan, options)
    : createRowNormaliser(plan, options)
  const joinedPaths = new WeakMap<readonly string[], string>()
  return (rows) => {
    const batch: NormalisedBatch = {
      assets: createAssetColumns(rows.length),
      datacenters: [],
      records: [],
      quarantined: [],
      findings: [],
      rowsRead: rows.length,
      rowsAccepted: 0,
      rowsQuarantined: 0,
      rowsImputed: 0,
    }
    for (const row of rows) {
      const result = normalise(row)
      if (result.kind === 'rejected') {
        batch.rowsQuarantined++
        batch.quarantined.push({ line: row.line, raw: row.values, findings: result.findings })
        continue
      }
      batch.rowsAccepted++
      if (result.kind === 'asset') {
        appendAsset(batch.assets, result.asset, joinedPaths)
        if (result.asset.imputed.length > 0) batch.rowsImputed++
      } else if (result.kind === 'datacenter') {
        batch.datacenters.push(result.datacenter)
      } else {
        batch.records.push(result.record)
        if (result.findings.some((finding) => finding.severity === 'imputed')) batch.rowsImputed++
      }
      for (const finding of result.findings) batch.findings.push(finding)
    }
    return batch
  }
}
