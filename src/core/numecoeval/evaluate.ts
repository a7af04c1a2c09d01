/**
 * One NumEcoEval evaluation: physical equipment, then their virtual machines, then the applications on them;
 * and its comparison with a G4IT 3.x export of the same evaluation. Pure.
 */
import {
  applicationComputedRows,
  compareIndicatorRows,
  physicalComputedRows,
  readG4itExpectedRows,
  virtualComputedRows,
  type FileReport,
  type IndicatorKind,
} from './conformance.js'
import type { NeInputs } from './inputs.js'
import { computePhysicalIndicators, type NeEvaluationOptions, type NePhysicalIndicator } from './physical-equipment.js'
import { indexReferential } from './referential-index.js'
import type { CellTable, NeCriterion, NeReferential } from './referential-tables.js'
import {
  computeApplicationIndicators,
  computeVirtualIndicators,
  type NeApplicationIndicator,
  type NeVirtualIndicator,
} from './virtual-equipment.js'

export type NeEvaluation = {
  physical: NePhysicalIndicator[]
  virtual: NeVirtualIndicator[]
  applications: NeApplicationIndicator[]
}

export function evaluateNumEcoEval(
  inputs: NeInputs,
  referential: NeReferential,
  options: NeEvaluationOptions,
): NeEvaluation {
  const index = indexReferential(referential)
  const sipOf = (criterion: NeCriterion): number | null => index.sustainablePackage(criterion)?.value ?? null
  const physical = computePhysicalIndicators(inputs.physicalEquipments, inputs.datacenters, index, options)
  const virtual = computeVirtualIndicators(inputs.virtualEquipments, physical, sipOf)
  const applications = computeApplicationIndicators(inputs.applications, virtual, sipOf)
  return { physical, virtual, applications }
}

/** Compares an evaluation with the expected G4IT indicator exports given (any of the three). */
export function compareWithG4itExports(
  evaluation: NeEvaluation,
  expected: Partial<Record<IndicatorKind, CellTable>>,
  tolerance: number,
): FileReport[] {
  const reports: FileReport[] = []
  const computed = {
    physical: () => physicalComputedRows(evaluation.physical),
    virtual: () => virtualComputedRows(evaluation.virtual),
    application: () => applicationComputedRows(evaluation.applications),
  }
  for (const kind of ['physical', 'virtual', 'application'] as const) {
    const table = expected[kind]
    if (!table) continue
    reports.push(compareIndicatorRows(table.file, kind, readG4itExpectedRows(kind, table), computed[kind](), tolerance))
  }
  return reports
}
