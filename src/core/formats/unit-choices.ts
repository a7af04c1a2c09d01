/**
 * Units a file does not state. NumEcoEval's `dureeUsageInterne/Amont/Aval` may be years, months or days (the
 * specification is silent: third-party tools document months, traces show years), and G4IT's `chargeMoy` is
 * a percentage in the documentation template (25) and a fraction in load-test data (0.5) (anchors §D.1–D.2).
 * The importer asks for the unit through an option, records the choice on the import and reuses it for later
 * imports of the same format. Values are converted to the canonical unit (years; fraction of 1) at import.
 */
import type { ColumnPlan } from './format-profiles.js'
import { parseNumber } from '../inventory/parse-values.js'

export const USAGE_DURATION_UNITS = ['years', 'months', 'days'] as const
export const LOAD_UNITS = ['percent', 'fraction'] as const
export type UsageDurationUnit = (typeof USAGE_DURATION_UNITS)[number]
export type LoadUnit = (typeof LOAD_UNITS)[number]

/** The unit choices of one import (absent = not chosen). Stored as JSON on the import (`import.options`). */
export type UnitChoices = { usageDurationUnit?: UsageDurationUnit; loadUnit?: LoadUnit }
export type UnitChoice = keyof UnitChoices

/** The command-line option that names each choice, and the values it takes. */
export const UNIT_OPTIONS: Record<UnitChoice, { option: string; values: readonly string[] }> = {
  usageDurationUnit: { option: '--usage-duration-unit', values: USAGE_DURATION_UNITS },
  loadUnit: { option: '--load-unit', values: LOAD_UNITS },
}

/** How assumptions name each unit: "read in months", "read as a fraction". */
const UNIT_PHRASES: Record<UsageDurationUnit | LoadUnit, string> = {
  years: 'in years',
  months: 'in months',
  days: 'in days',
  percent: 'as a percentage',
  fraction: 'as a fraction',
}

/** NumEcoEval's lifetimes divide whole days by a fixed 365 (g4it-conformance README, rule R5). */
const DAYS_PER_YEAR = 365
const MONTHS_PER_YEAR = 12

/** A duration in `unit` as years: 36 months → 3, 730 days → 2. */
export function yearsOf(value: number, unit: UsageDurationUnit): number {
  if (unit === 'months') return value / MONTHS_PER_YEAR
  if (unit === 'days') return value / DAYS_PER_YEAR
  return value
}

/** A load as a fraction of 1: 25 percent → 0.25; a value written with `%` is a percentage whatever the unit. */
export function fractionOf(value: number, unit: LoadUnit, hasPercentSign: boolean): number {
  return hasPercentSign || unit === 'percent' ? value / 100 : value
}

/** One column of a file whose unit is ambiguous, with what a scan of its values found. */
export type UnitColumnScan = {
  choice: UnitChoice
  column: string
  index: number
  /** Rows with a numeric value. */
  valueCount: number
  /** The first numeric value, to show in messages. */
  sample: { text: string; line: number } | null
  /** Load columns: the first value that could be a fraction (above 0, at most 1, no `%` sign). */
  fractionLike: { text: string; line: number } | null
  /** Load columns: values above 1 (and at most 100, or written with `%`): only a percentage reads them. */
  percentOnlyCount: number
}

/** Scans the values of a file's ambiguous-unit columns, row by row (pure: the caller streams the rows). */
export function createUnitScanner(plan: ColumnPlan): {
  columns: UnitColumnScan[]
  add(row: { line: number; values: readonly string[] }): void
} {
  const columns: UnitColumnScan[] = []
  for (const [field, choice] of Object.entries(plan.profile.ambiguousUnits ?? {})) {
    const index = plan.fieldIndex[field]
    if (index === undefined || choice === undefined) continue
    columns.push({
      choice,
      column: plan.header[index] ?? field,
      index,
      valueCount: 0,
      sample: null,
      fractionLike: null,
      percentOnlyCount: 0,
    })
  }
  return {
    columns,
    add(row) {
      for (const scan of columns) {
        const text = (row.values[scan.index] ?? '').trim()
        if (text === '') continue
        const hasPercentSign = text.endsWith('%')
        const parsed = parseNumber(hasPercentSign ? text.slice(0, -1) : text)
        if (parsed === null || !parsed.ok) continue
        scan.valueCount++
        scan.sample ??= { text, line: row.line }
        if (scan.choice !== 'loadUnit') continue
        const value = parsed.value
        if (hasPercentSign || (value > 1 && value <= 100)) scan.percentOnlyCount++
        else if (value > 0 && value <= 1) scan.fractionLike ??= { text, line: row.line }
      }
    },
  }
}

/** A unit the user must name before the file can be imported. */
export type MissingUnit = {
  choice: UnitChoice
  column: string
  sample: { text: string; line: number }
  option: string
  values: readonly string[]
}

export type UnitDecision = {
  /** Units to convert with. */
  units: UnitChoices
  /** Choices to record on the import (named by the user or reused): inferred units are not recorded. */
  recorded: UnitChoices
  assumptions: string[]
  missing: MissingUnit[]
}

/**
 * Decides the unit of each ambiguous column of a file: the option given, else the choice an earlier import
 * of the same format recorded, else (loads only) a percentage when every value is above 1 and at most 100;
 * otherwise the unit is missing when the column holds values.
 */
export function decideUnits(
  scans: readonly UnitColumnScan[],
  given: UnitChoices,
  earlier: UnitChoices,
): UnitDecision {
  const decision: UnitDecision = { units: {}, recorded: {}, assumptions: [], missing: [] }
  for (const choice of Object.keys(UNIT_OPTIONS) as UnitChoice[]) {
    const columns = scans.filter((scan) => scan.choice === choice)
    if (columns.length === 0) continue
    const names = columns.map((scan) => scan.column).join(', ')
    const { option } = UNIT_OPTIONS[choice]
    const givenUnit = given[choice]
    const earlierUnit = earlier[choice]
    if (givenUnit !== undefined) {
      setUnit(decision, choice, givenUnit, true)
      decision.assumptions.push(`${names} read ${UNIT_PHRASES[givenUnit]} (${option} ${givenUnit})`)
      continue
    }
    if (earlierUnit !== undefined) {
      setUnit(decision, choice, earlierUnit, true)
      decision.assumptions.push(
        `${names} read ${UNIT_PHRASES[earlierUnit]}, the unit recorded by an earlier import of this format (${option} changes it)`,
      )
      continue
    }
    for (const scan of columns) {
      if (scan.sample === null) continue
      if (scan.choice === 'loadUnit' && scan.fractionLike === null && scan.percentOnlyCount > 0) {
        setUnit(decision, choice, 'percent', false)
        decision.assumptions.push(
          `${scan.column} read as a percentage: every value is above 1 and at most 100 (e.g. "${scan.sample.text}", line ${scan.sample.line})`,
        )
        continue
      }
      if (scan.choice === 'loadUnit' && scan.fractionLike === null) continue
      const sample = scan.fractionLike ?? scan.sample
      decision.missing.push({
        choice,
        column: scan.column,
        sample,
        option,
        values: UNIT_OPTIONS[choice].values,
      })
    }
  }
  return decision
}

function setUnit(decision: UnitDecision, choice: UnitChoice, unit: string, isRecorded: boolean): void {
  const target = decision.units as Record<UnitChoice, string>
  target[choice] = unit
  if (isRecorded) (decision.recorded as Record<UnitChoice, string>)[choice] = unit
}
