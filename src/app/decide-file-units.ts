import type { ColumnPlan } from '../core/formats/format-profiles.js'
import {
  createUnitScanner,
  decideUnits,
  type UnitChoices,
  type UnitDecision,
} from '../core/formats/unit-choices.js'
import { AppError } from './errors.js'
import type { Deps, RawRow } from './ports.js'

/**
 * Decides the units of a file's ambiguous columns (NumEcoEval `dureeUsage*`, G4IT `chargeMoy`) before anything
 * is written: the option given, else the choice an earlier import of the same format recorded, else what the
 * values tell. Scans the rows only when needed. Throws, naming the file, the column, a sample value and the
 * option to pass, when a column holds values whose unit nobody chose.
 */
export async function decideFileUnits(
  deps: Deps,
  input: { plan: ColumnPlan; fileName: string; given: UnitChoices; readRows: () => AsyncIterable<RawRow[]> },
): Promise<UnitDecision> {
  const scanner = createUnitScanner(input.plan)
  if (scanner.columns.length === 0) return { units: {}, recorded: {}, assumptions: [], missing: [] }
  const earlier = await deps.store.latestImportOptions(input.plan.profile.id)
  const isDecided = scanner.columns.every(
    (scan) => input.given[scan.choice] !== undefined || earlier[scan.choice] !== undefined,
  )
  if (!isDecided) for await (const rows of input.readRows()) for (const row of rows) scanner.add(row)
  const decision = decideUnits(scanner.columns, input.given, earlier)
  const [missing] = decision.missing
  if (missing) {
    throw new AppError(
      'invalid_argument',
      `${input.fileName}, line ${missing.sample.line}, column "${missing.column}": the unit of "${missing.sample.text}" is not stated ` +
        `by the ${input.plan.profile.label} format. Name it with ${missing.option} ${missing.values.join('|')}; ` +
        'the choice is recorded and reused by later imports of this format. The file was not imported.',
      { file: input.fileName, line: missing.sample.line, column: missing.column, option: missing.option },
    )
  }
  return decision
}
