/**
 * Conformance with the reference engine: expected indicator rows (exported by G4IT / NumEcoEval) compared with
 * the rows empreinte computes from the same inputs and referential. Every numeric value is compared with a
 * relative error (|computed − expected| / |expected|, or |computed| when expected is 0); an ERREUR row matches
 * when empreinte gives an error with the same NumEcoEval cause. Pure.
 */
import { errorCodeOf, type NeErrorCode, type NePhysicalIndicator } from './physical-equipment.js'
import { toNumEcoEvalStep, type NeStep } from './referential-index.js'
import type { CellTable } from './referential-tables.js'
import { columnKey, parseDecimal } from './referential-tables.js'
import type { NeApplicationIndicator, NeVirtualIndicator } from './virtual-equipment.js'

export type IndicatorKind = 'physical' | 'virtual' | 'application'

/** One row of an expected indicator file, reduced to what is compared. */
export type ExpectedRow = {
  file: string
  line: number
  kind: IndicatorKind
  key: string
  /** Readable key: `physical-eq-1 FABRICATION Climate change`. */
  label: string
  status: 'OK' | 'ERREUR'
  errorCode: NeErrorCode | null
  values: { name: string; expected: number }[]
  /** NumEcoEval formula text to compare verbatim, when the export's trace carries one in the same dialect. */
  formula: string | null
  trace: string
}

/** The figures empreinte computed for one key. */
export type ComputedRow = {
  status: 'OK' | 'ERREUR'
  errorCode: NeErrorCode | null
  values: Record<string, number | null>
  formula: string
}

export type ValueMismatch = {
  line: number
  label: string
  name: string
  expected: number | null
  computed: number | null
  relativeError: number | null
}

/** A mismatch the data itself explains (a defect of the expected rows), with the evidence. */
export type ExplainedMismatch = ValueMismatch & { reason: string }

export type FileReport = {
  file: string
  kind: IndicatorKind
  rows: number
  /** Numeric values compared (indicator, people equivalent, quantity, lifetime, factor, shares…). */
  compared: number
  matched: number
  maxRelativeError: number
  errorRows: number
  errorCausesMatched: number
  formulasCompared: number
  formulasMatched: number
  mismatches: ValueMismatch[]
  /** Rows whose mismatches the data explains, and those mismatches. */
  explainedRows: number
  explained: ExplainedMismatch[]
}

export const indicatorKey = (kind: IndicatorKind, ...parts: string[]): string => [kind, ...parts].join('|')

export function relativeError(computed: number, expected: number): number {
  const difference = Math.abs(computed - expected)
  return expected === 0 ? difference : difference / Math.abs(expected)
}

/**
 * Compares expected rows with computed ones. `explain` may turn a mismatching row into an explained one
 * (for instance an expected row whose inputs were edited after the reference run): it must give evidence.
 */
export function compareIndicatorRows(
  file: string,
  kind: IndicatorKind,
  expected: readonly ExpectedRow[],
  computed: ReadonlyMap<string, ComputedRow>,
  tolerance: number,
  explain: (row: ExpectedRow, mismatches: ValueMismatch[]) => string | null = () => null,
): FileReport {
  const report: FileReport = {
    file,
    kind,
    rows: expected.length,
    compared: 0,
    matched: 0,
    maxRelativeError: 0,
    errorRows: 0,
    errorCausesMatched: 0,
    formulasCompared: 0,
    formulasMatched: 0,
    mismatches: [],
    explainedRows: 0,
    explained: [],
  }
  for (const row of expected) {
    const actual = computed.get(row.key)
    const rowMismatches: ValueMismatch[] = []
    if (row.status === 'ERREUR') {
      report.errorRows += 1
      if (actual?.status === 'ERREUR' && actual.errorCode === row.errorCode) report.errorCausesMatched += 1
      else {
        rowMismatches.push({
          line: row.line,
          label: row.label,
          name: `error cause (${row.errorCode ?? 'unknown'})`,
          expected: null,
          computed: null,
          relativeError: null,
        })
      }
    }
    for (const { name, expected: expectedValue } of row.values) {
      report.compared += 1
      const value = actual?.values[name] ?? null
      const error = value === null ? null : relativeError(value, expectedValue)
      if (error !== null && error < tolerance) {
        report.matched += 1
        report.maxRelativeError = Math.max(report.maxRelativeError, error)
      } else {
        rowMismatches.push({ line: row.line, label: row.label, name, expected: expectedValue, computed: value, relativeError: error })
      }
    }
    if (row.formula !== null) {
      report.formulasCompared += 1
      if (actual?.formula === row.formula) report.formulasMatched += 1
      else {
        rowMismatches.push({ line: row.line, label: row.label, name: 'formula', expected: null, computed: null, relativeError: null })
      }
    }
    if (rowMismatches.length === 0) continue
    const reason = explain(row, rowMismatches)
    if (reason === null) report.mismatches.push(...rowMismatches)
    else {
      report.explainedRows += 1
      report.explained.push(...rowMismatches.map((mismatch) => ({ ...mismatch, reason })))
    }
  }
  return report
}

/** True when every compared value matched or was explained, and every error row had the same cause. */
export const isConformant = (report: FileReport): boolean => report.mismatches.length === 0

// ---------------------------------------------------------------------------------------------------------
// G4IT 3.x exports (ind_physical_equipment.csv, ind_virtual_equipment.csv, ind_application.csv)

function cellReader(table: CellTable): (values: string[], name: string) => string {
  const keys = table.header.map(columnKey)
  return (values, name) => {
    const index = keys.indexOf(columnKey(name))
    return index < 0 ? '' : (values[index] ?? '').trim()
  }
}

function jsonTrace(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

const numberAt = (object: unknown, ...path: string[]): number | null => {
  let current: unknown = object
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return null
    current = (current as Record<string, unknown>)[part]
  }
  return typeof current === 'number' ? current : null
}

/** Reads a G4IT 3.x indicator export into expected rows (criterion as its label, as the export writes it). */
export function readG4itExpectedRows(kind: IndicatorKind, table: CellTable): ExpectedRow[] {
  const cell = cellReader(table)
  const rows: ExpectedRow[] = []
  for (const { line, values } of table.rows) {
    if (values.every((value) => value.trim() === '')) continue
    const step = toNumEcoEvalStep(cell(values, 'acvStep'))
    const criterion = cell(values, 'criteria')
    const status = cell(values, 'indicatorStatus') === 'OK' ? 'OK' : 'ERREUR'
    const traceText = cell(values, 'trace')
    const trace = jsonTrace(traceText)
    const numeric: { name: string; expected: number }[] = []
    const add = (name: string, value: number | null): void => {
      if (value !== null && Number.isFinite(value)) numeric.push({ name, expected: value })
    }
    const fromCell = (name: string): number | null => {
      const text = cell(values, name)
      return text === '' ? null : parseDecimal(text)
    }
    if (status === 'OK') {
      add('unitImpact', fromCell('unitImpact'))
      add('sipImpact', fromCell('sipImpact'))
      add('averagePowerConsumption', fromCell('averagePowerConsumption'))
    }
    let keyParts: string[]
    let label: string
    if (kind === 'physical') {
      const equipment = cell(values, 'equipmentName')
      keyParts = [equipment]
      label = equipment
      add('quantity', fromCell('quantity'))
      add('lifetime', numberAt(trace, 'dureeDeVie', 'valeurRetenue'))
      add('factor', numberAt(trace, 'ReferentielFacteurCaracterisation', 'valeur'))
    } else if (kind === 'virtual') {
      const vm = cell(values, 'virtualEquipmentName')
      keyParts = [cell(values, 'equipmentName'), vm]
      label = vm
      add('nbEquipementsVirtuels', numberAt(trace, 'nbEquipementsVirtuels'))
      add('nbTotalVCPU', numberAt(trace, 'nbTotalVCPU'))
    } else {
      const application = cell(values, 'applicationName')
      keyParts = [application, cell(values, 'physicalEquipmentName'), cell(values, 'virtualEquipmentName')]
      label = `${application} on ${cell(values, 'virtualEquipmentName')}`
      add('nbApplications', numberAt(trace, 'nbApplications'))
    }
    const formula = typeof trace['formule'] === 'string' ? trace['formule'] : null
    rows.push({
      file: table.file,
      line,
      kind,
      key: indicatorKey(kind, ...keyParts, step ?? '', criterion.toLowerCase()),
      label: `${label} ${step ?? '?'} ${criterion}`,
      status,
      errorCode: status === 'ERREUR' ? errorCodeOf(traceText) : null,
      values: numeric,
      formula,
      trace: traceText,
    })
  }
  return rows
}

const errorCodeOfIndicator = (indicator: { error?: { code: NeErrorCode } }): NeErrorCode | null =>
  indicator.error?.code ?? null

/** Computed physical indicators by key, with the values an export row is compared on. */
export function physicalComputedRows(indicators: readonly NePhysicalIndicator[]): Map<string, ComputedRow> {
  const rows = new Map<string, ComputedRow>()
  for (const indicator of indicators) {
    const factor = indicator.trace.inputs.find(
      (input) => input.name === 'referentielFacteurCaracterisation' || input.name === 'MixElectrique',
    )
    rows.set(indicatorKey('physical', indicator.equipmentName, indicator.step, indicator.criterion.label.toLowerCase()), {
      status: indicator.indicatorStatus,
      errorCode: errorCodeOfIndicator(indicator),
      formula: indicator.trace.formula,
      values: {
        unitImpact: indicator.impact,
        sipImpact: indicator.sipImpact,
        averagePowerConsumption: indicator.averagePowerConsumptionKwhPerYear,
        quantity: indicator.quantity,
        lifetime: indicator.lifetimeYears,
        factor: typeof factor?.value === 'number' ? factor.value : null,
      },
    })
  }
  return rows
}

export function virtualComputedRows(indicators: readonly NeVirtualIndicator[]): Map<string, ComputedRow> {
  const rows = new Map<string, ComputedRow>()
  for (const indicator of indicators) {
    const input = (name: string): number | null => {
      const value = indicator.trace.inputs.find((item) => item.name === name)?.value
      return typeof value === 'number' ? value : null
    }
    rows.set(
      indicatorKey('virtual', indicator.host, indicator.virtualEquipmentName, indicator.step, indicator.criterion.label.toLowerCase()),
      {
        status: indicator.indicatorStatus,
        errorCode: errorCodeOfIndicator(indicator),
        formula: indicator.trace.formula,
        values: {
          unitImpact: indicator.impact,
          sipImpact: indicator.sipImpact,
          averagePowerConsumption: indicator.averagePowerConsumptionKwhPerYear,
          nbEquipementsVirtuels: input('nbEquipementsVirtuels'),
          nbTotalVCPU: input('nbTotalVCPU'),
        },
      },
    )
  }
  return rows
}

export function applicationComputedRows(indicators: readonly NeApplicationIndicator[]): Map<string, ComputedRow> {
  const rows = new Map<string, ComputedRow>()
  for (const indicator of indicators) {
    rows.set(
      indicatorKey(
        'application',
        indicator.applicationName,
        indicator.host,
        indicator.virtualEquipmentName,
        indicator.step,
        indicator.criterion.label.toLowerCase(),
      ),
      {
        status: indicator.indicatorStatus,
        errorCode: errorCodeOfIndicator(indicator),
        formula: indicator.trace.formula,
        values: {
          unitImpact: indicator.impact,
          sipImpact: indicator.sipImpact,
          averagePowerConsumption: indicator.averagePowerConsumptionKwhPerYear,
          nbApplications: indicator.applicationCount,
        },
      },
    )
  }
  return rows
}

export type { NeStep }
