/**
 * Cross-file consistency of NumEcoEval records: a VM names its host (a physical equipment) and an application
 * names its VM. Files may arrive in any order, so a name the campaign does not hold yet is a warning, never a
 * rejection. The import checks against what the campaign holds when the file is imported.
 */
import type { ColumnPlan } from '../formats/format-profiles.js'
import type { Finding } from '../quality/finding.js'
import type { InventoryRecord } from './inventory-records.js'

export type ReferenceTarget = 'physical-equipment' | 'virtual-equipment'

/** The names one file's records refer to, with the lines that name them. */
export type RecordReferences = {
  target: ReferenceTarget
  column: string
  linesByName: Map<string, number[]>
}

/** An empty collector for the records of a file, or null when its records name nothing to check. */
export function createReferenceCollector(plan: ColumnPlan): RecordReferences | null {
  const field =
    plan.profile.kind === 'virtual-equipment'
      ? 'physicalEquipment'
      : plan.profile.kind === 'applications'
        ? 'virtualEquipment'
        : null
  const index = field === null ? undefined : plan.fieldIndex[field]
  if (field === null || index === undefined) return null
  const target: ReferenceTarget = field === 'physicalEquipment' ? 'physical-equipment' : 'virtual-equipment'
  return { target, column: plan.header[index] ?? field, linesByName: new Map() }
}

/** Adds the names a batch of records refers to. Cloud instances have no host and refer to nothing. */
export function collectReferences(references: RecordReferences, records: readonly InventoryRecord[]): void {
  for (const record of records) {
    let name: string | null = null
    if (record.kind === 'virtual-equipment' && record.infrastructureType !== 'CLOUD_SERVICES')
      name = record.physicalEquipment
    else if (record.kind === 'application') name = record.virtualEquipment
    if (name === null) continue
    const lines = references.linesByName.get(name)
    if (lines) lines.push(record.sourceLine)
    else references.linesByName.set(name, [record.sourceLine])
  }
}

/** One warning per row that names something the campaign does not hold, in line order. */
export function unknownReferenceFindings(
  references: RecordReferences,
  unknownNames: readonly string[],
): Finding[] {
  const what = references.target === 'physical-equipment' ? 'physical equipment' : 'virtual equipment'
  const findings: Finding[] = []
  for (const name of unknownNames) {
    const message = `${references.column} "${name}" names no ${what} of the campaign (not imported yet, or misspelt)`
    for (const line of references.linesByName.get(name) ?? [])
      findings.push({
        line,
        column: references.column,
        code: 'unknown_reference',
        severity: 'warning',
        message,
        value: name,
      })
  }
  return findings.sort((left, right) => left.line - right.line)
}
