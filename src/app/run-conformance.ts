/**
 * `conformance DIR`: replays reference results of G4IT / NumEcoEval (docs/conformance.md). DIR is one set
 * (subfolders inputs/, referential/, expected/) or holds sets in subfolders `eval_nominal` and
 * `legacy-indicatorview-2023` (the layout of the G4IT conformance fixtures). Every CSV is recognised by its
 * header, whatever its name.
 */
import {
  isConformant,
  type FileReport,
  type IndicatorKind,
} from '../core/numecoeval/conformance.js'
import { compareWithG4itExports, evaluateNumEcoEval } from '../core/numecoeval/evaluate.js'
import {
  parseApplications,
  parseDatacenters,
  parsePhysicalEquipments,
  parseVirtualEquipments,
  type NeInputs,
} from '../core/numecoeval/inputs.js'
import { replayLegacyIndicators } from '../core/numecoeval/legacy-1x.js'
import { G4IT_3_PROFILE } from '../core/numecoeval/physical-equipment.js'
import {
  addReferentialTable,
  columnKey,
  emptyReferential,
  recogniseReferentialTable,
  type CellTable,
  type TableProblem,
} from '../core/numecoeval/referential-tables.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'

export const DEFAULT_CONFORMANCE_TOLERANCE = 1e-6
export const KNOWN_CONFORMANCE_SETS = ['eval_nominal', 'legacy-indicatorview-2023']

export type ConformanceSetReport = {
  directory: string
  /** `g4it-3` (NumEcoEval 2.x exports) or `numecoeval-1` (2023 indicator rows). */
  profile: 'g4it-3' | 'numecoeval-1'
  calculationDate: string
  files: FileReport[]
  notes: string[]
  isConformant: boolean
}

export type ConformanceReport = { directory: string; tolerance: number; sets: ConformanceSetReport[]; isConformant: boolean }

const HEADER_WORDS = new Set(
  [
    'code', 'type', 'criterion', 'criteria', 'itemSource', 'item_source', 'nomEquipementPhysique', 'nomApplication',
    'nomEquipementVirtuel', 'nomCourtDatacenter', 'nom', 'id', 'date_calcul', 'inventoryName', 'nom_equipement',
  ].map(columnKey),
)
const isHeader = (cells: string[]): boolean => cells.some((cell) => HEADER_WORDS.has(columnKey(cell)))

export async function readCells(deps: Deps, path: string): Promise<CellTable> {
  const table = await deps.files.readTable(path, { isHeader })
  const rows: CellTable['rows'] = []
  for await (const batch of table.batches) {
    for (const row of batch) {
      if (row.problem) {
        throw new AppError('unknown_format', `${path}, line ${row.line}: ${row.problem.message}`, { file: path, line: row.line })
      }
      rows.push({ line: row.line, values: row.values })
    }
  }
  return { file: path, header: table.header, headerLine: table.headerLine, rows }
}

export async function csvFilesIn(deps: Deps, directory: string): Promise<string[] | null> {
  const entries = await deps.folders.list(directory)
  if (entries === null) return null
  return entries
    .map((entry) => entry.name)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort()
    .map((name) => deps.files.join(directory, name))
}

/** Raises one error naming file, line and column for the first problems found. */
export function throwTableProblems(problems: readonly TableProblem[]): void {
  if (problems.length === 0) return
  const lines = problems
    .slice(0, 5)
    .map((problem) =>
      problem.column > 0
        ? `${problem.file}, line ${problem.line}, column ${problem.column} (${problem.columnName}): ${problem.message}`
        : `${problem.file}, line ${problem.line}: ${problem.message}`,
    )
  const more = problems.length > 5 ? `\n… and ${problems.length - 5} more` : ''
  const first = problems[0]
  throw new AppError('unknown_format', `${lines.join('\n')}${more}`, {
    file: first?.file,
    line: first?.line,
    column: first?.column,
  })
}

const has = (table: CellTable, ...names: string[]): boolean => {
  const keys = new Set(table.header.map(columnKey))
  return names.every((name) => keys.has(columnKey(name)))
}

/** Replays one set folder. */
async function replaySet(
  deps: Deps,
  directory: string,
  tolerance: number,
  referenceDate: string | null,
): Promise<ConformanceSetReport | null> {
  const expectedFiles = await csvFilesIn(deps, deps.files.join(directory, 'expected'))
  if (expectedFiles === null) return null
  const problems: TableProblem[] = []
  const inputs: NeInputs = { datacenters: [], physicalEquipments: [], virtualEquipments: [], applications: [] }
  for (const file of (await csvFilesIn(deps, deps.files.join(directory, 'inputs'))) ?? []) {
    const table = await readCells(deps, file)
    const collect = <T>(result: { records: T[]; problems: TableProblem[] }, into: T[]): void => {
      into.push(...result.records)
      problems.push(...result.problems)
    }
    if (has(table, 'nomApplication')) collect(parseApplications(table), inputs.applications)
    else if (has(table, 'nomEquipementVirtuel')) collect(parseVirtualEquipments(table), inputs.virtualEquipments)
    else if (has(table, 'nomEquipementPhysique')) collect(parsePhysicalEquipments(table), inputs.physicalEquipments)
    else if (has(table, 'nomCourtDatacenter', 'pue')) collect(parseDatacenters(table), inputs.datacenters)
  }
  const referential = emptyReferential()
  let legacyFactors: CellTable | undefined
  for (const file of (await csvFilesIn(deps, deps.files.join(directory, 'referential'))) ?? []) {
    const table = await readCells(deps, file)
    const kind = recogniseReferentialTable(table.header)
    if (kind !== null) problems.push(...addReferentialTable(referential, kind, table))
    else if (has(table, 'nom', 'etapeacv', 'valeur')) legacyFactors = table
  }
  const expected: Partial<Record<IndicatorKind, CellTable>> = {}
  let legacyExpected: CellTable | undefined
  for (const file of expectedFiles) {
    const table = await readCells(deps, file)
    if (has(table, 'impact_unitaire')) legacyExpected = table
    else if (has(table, 'unitImpact', 'applicationName')) expected.application = table
    else if (has(table, 'unitImpact', 'virtualEquipmentName')) expected.virtual = table
    else if (has(table, 'unitImpact', 'equipmentName')) expected.physical = table
  }
  throwTableProblems(problems)

  if (legacyExpected) {
    const replay = replayLegacyIndicators({
      expected: legacyExpected,
      equipments: inputs.physicalEquipments,
      datacenters: inputs.datacenters,
      ...(legacyFactors ? { factorTable: legacyFactors } : {}),
      tolerance,
    })
    const notes = [
      `NumEcoEval 1.x rows replayed with the run's calculation date ${replay.calculationDate} (date_calcul), ` +
        'lifetimes under one year kept, retirement dates after the calculation date capped',
      `${replay.factorsFromTraces} factors rebuilt from the traces; ${replay.factorRowsOverridden} rows of the factor ` +
        'table hold other values than the run used and were overridden by the traces; ' +
        `${replay.itemsOnlyInTraces} input rows name no item: their factors come from their traces`,
      `${replay.duplicateInputRows} duplicate input rows (same equipment name); ` +
        `${replay.computedWithoutExpectedRow} computed indicators have no expected row (the dump was trimmed)`,
      ...replay.traceConflicts.map((conflict) => `two traces disagree: ${conflict}`),
    ]
    return {
      directory,
      profile: 'numecoeval-1',
      calculationDate: replay.calculationDate,
      files: [replay.report],
      notes,
      isConformant: isConformant(replay.report),
    }
  }
  // The export's calculationDate column is the task's timestamp, not the engine's "today" (README R6); it is
  // the best default when the caller gives none.
  const firstExpected = expected.physical ?? expected.virtual ?? expected.application
  const dateColumn = firstExpected?.header.map(columnKey).indexOf('calculationdate') ?? -1
  const exportDate = dateColumn < 0 ? '' : (firstExpected?.rows[0]?.values[dateColumn] ?? '').slice(0, 10)
  const calculationDate = referenceDate ?? (/^\d{4}-\d{2}-\d{2}$/.test(exportDate) ? exportDate : '')
  if (calculationDate === '') {
    throw new AppError('invalid_argument', `${directory}: no calculation date in the export; give --reference-date YYYY-MM-DD`)
  }
  const evaluation = evaluateNumEcoEval(inputs, referential, { calculationDate, profile: G4IT_3_PROFILE })
  const files = compareWithG4itExports(evaluation, expected, tolerance)
  return {
    directory,
    profile: 'g4it-3',
    calculationDate,
    files,
    notes: [
      `G4IT 3.x evaluation (NumEcoEval 2.x) with calculation date ${calculationDate}` +
        (referenceDate ? ' (--reference-date)' : ' (the export\'s calculationDate)'),
      `${inputs.physicalEquipments.length} physical equipment, ${inputs.virtualEquipments.length} virtual, ` +
        `${inputs.applications.length} application rows; ${referential.itemImpacts.length} item impacts`,
    ],
    isConformant: files.every(isConformant),
  }
}

export async function runConformance(
  deps: Deps,
  input: { directory: string; tolerance?: number | null; referenceDate?: string | null },
): Promise<ConformanceReport> {
  const tolerance = input.tolerance ?? DEFAULT_CONFORMANCE_TOLERANCE
  if (!(tolerance >= 0)) throw new AppError('invalid_argument', `the tolerance must be a number ≥ 0, not ${tolerance}`)
  const referenceDate = input.referenceDate ?? null
  if (referenceDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) {
    throw new AppError('invalid_argument', `--reference-date takes YYYY-MM-DD, not "${referenceDate}"`)
  }
  if ((await deps.folders.list(input.directory)) === null) {
    throw new AppError('file_not_found', `${input.directory}: no such folder`, { file: input.directory })
  }
  const sets: ConformanceSetReport[] = []
  const single = await replaySet(deps, input.directory, tolerance, referenceDate)
  if (single) sets.push(single)
  else {
    for (const name of KNOWN_CONFORMANCE_SETS) {
      const set = await replaySet(deps, deps.files.join(input.directory, name), tolerance, referenceDate)
      if (set) sets.push(set)
    }
  }
  if (sets.length === 0) {
    throw new AppError(
      'not_found',
      `${input.directory}: no conformance set (a folder with expected/, inputs/ and referential/, or subfolders ` +
        `${KNOWN_CONFORMANCE_SETS.join(', ')})`,
    )
  }
  return { directory: input.directory, tolerance, sets, isConformant: sets.every((set) => set.isConformant) }
}
