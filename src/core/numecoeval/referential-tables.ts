/**
 * The NumEcoEval / G4IT referential as tables: criteria, lifecycle steps, item types, item impacts (electricity
 * mixes are item impacts of category `electricity-mix`), hypotheses, matching items and the sustainable
 * individual packages (people equivalents). Two file namings exist for the same columns:
 *   - `numecoeval`: the evaluation fixtures of G4IT (`criterion.csv`, `itemImpact.csv`, camelCase columns);
 *   - `g4it`: the referential files G4IT loads (`ref_criterion.csv`, `ref_item_impact.csv`, snake_case columns).
 * Reading recognises a table by its columns, whatever the file name and naming; writing picks one naming.
 * Pure: rows in, records and problems (file, line, column) out.
 */

export type ReferentialFormat = 'numecoeval' | 'g4it'

/** Where a record was read: `itemImpact.csv:3`. */
export type Origin = { file: string; line: number }

export type NeCriterion = { code: string; label: string; description: string; unit: string; origin?: Origin }
export type NeLifecycleStep = { code: string; label: string; origin?: Origin }
export type NeItemType = {
  type: string
  category: string
  comment: string
  defaultLifespanYears: number | null
  isServer: boolean
  source: string
  refDefaultItem: string | null
  subscriber: string
  version: string
  origin?: Origin
}
export type NeItemImpact = {
  criterion: string
  lifecycleStep: string
  name: string
  category: string
  avgElectricityConsumptionKwhPerYear: number | null
  description: string
  location: string
  level: string
  source: string
  tier: string
  unit: string
  value: number
  subscriber: string
  version: string
  origin?: Origin
}
export type NeHypothesis = {
  code: string
  value: string
  source: string
  description: string
  subscriber: string
  version: string
  origin?: Origin
}
export type NeMatchingItem = { itemSource: string; refItemTarget: string; subscriber: string; origin?: Origin }
export type NeSustainablePackage = {
  criterionLabel: string
  planetaryBoundary: number | null
  source: string
  value: number
  origin?: Origin
}

export type NeReferential = {
  criteria: NeCriterion[]
  lifecycleSteps: NeLifecycleStep[]
  itemTypes: NeItemType[]
  itemImpacts: NeItemImpact[]
  hypotheses: NeHypothesis[]
  matchingItems: NeMatchingItem[]
  sustainablePackages: NeSustainablePackage[]
}

export type NeTableKind = keyof NeReferential

export const emptyReferential = (): NeReferential => ({
  criteria: [],
  lifecycleSteps: [],
  itemTypes: [],
  itemImpacts: [],
  hypotheses: [],
  matchingItems: [],
  sustainablePackages: [],
})

/** A delimited file already split into cells: 1-based physical line numbers. */
export type CellTable = { file: string; header: string[]; headerLine: number; rows: { line: number; values: string[] }[] }

/** A problem found while reading a file, as data: file, 1-based line and column, the column's name. */
export type TableProblem = { file: string; line: number; column: number; columnName: string; message: string }

type ColumnType = 'text' | 'number' | 'optional-number' | 'boolean' | 'required-text'
type ColumnSpec = { field: string; numecoeval: string; g4it: string; type: ColumnType }

const column = (field: string, numecoeval: string, g4it: string, type: ColumnType = 'text'): ColumnSpec => ({
  field,
  numecoeval,
  g4it,
  type,
})

/** Column layouts in file order, with both namings (`numecoeval` first, `g4it` second). */
const TABLES: Record<NeTableKind, { files: Record<ReferentialFormat, string>; columns: ColumnSpec[] }> = {
  criteria: {
    files: { numecoeval: 'criterion.csv', g4it: 'ref_criterion.csv' },
    columns: [
      column('code', 'code', 'code', 'required-text'),
      column('label', 'label', 'label', 'required-text'),
      column('description', 'description', 'description'),
      column('unit', 'unit', 'unit'),
    ],
  },
  lifecycleSteps: {
    files: { numecoeval: 'lifecycleStep.csv', g4it: 'ref_lifecycle_step.csv' },
    columns: [column('code', 'code', 'code', 'required-text'), column('label', 'label', 'label')],
  },
  itemTypes: {
    files: { numecoeval: 'itemType.csv', g4it: 'ref_item_type.csv' },
    columns: [
      column('type', 'type', 'type', 'required-text'),
      column('category', 'category', 'category'),
      column('comment', 'comment', 'comment'),
      column('defaultLifespanYears', 'defaultLifespan', 'default_lifespan', 'optional-number'),
      column('isServer', 'isServer', 'is_server', 'boolean'),
      column('source', 'source', 'source'),
      column('refDefaultItem', 'refDefaultItem', 'ref_default_item'),
      column('subscriber', 'subscriber', 'subscriber'),
      column('version', 'version', 'version'),
    ],
  },
  itemImpacts: {
    files: { numecoeval: 'itemImpact.csv', g4it: 'ref_item_impact.csv' },
    columns: [
      column('criterion', 'criterion', 'criterion', 'required-text'),
      column('lifecycleStep', 'lifecycleStep', 'lifecycle_step'),
      column('name', 'name', 'name', 'required-text'),
      column('category', 'category', 'category'),
      column(
        'avgElectricityConsumptionKwhPerYear',
        'avgElectricityConsumption',
        'avg_electricity_consumption',
        'optional-number',
      ),
      column('description', 'description', 'description'),
      column('location', 'location', 'location'),
      column('level', 'level', 'level'),
      column('source', 'source', 'source'),
      column('tier', 'tier', 'tier'),
      column('unit', 'unit', 'unit'),
      column('value', 'value', 'value', 'number'),
      column('subscriber', 'subscriber', 'subscriber'),
      column('version', 'version', 'version'),
    ],
  },
  hypotheses: {
    files: { numecoeval: 'hypothesis.csv', g4it: 'ref_hypothesis.csv' },
    columns: [
      column('code', 'code', 'code', 'required-text'),
      column('value', 'value', 'value', 'required-text'),
      column('source', 'source', 'source'),
      column('description', 'description', 'description'),
      column('subscriber', 'subscriber', 'subscriber'),
      column('version', 'version', 'version'),
    ],
  },
  matchingItems: {
    files: { numecoeval: 'matchingItem.csv', g4it: 'ref_matching_item.csv' },
    columns: [
      column('itemSource', 'itemSource', 'item_source', 'required-text'),
      column('refItemTarget', 'refItemTarget', 'ref_item_target', 'required-text'),
      column('subscriber', 'subscriber', 'subscriber'),
    ],
  },
  sustainablePackages: {
    files: { numecoeval: 'sustainable_individual_package.csv', g4it: 'ref_sustainable_individual_package.csv' },
    columns: [
      column('criterionLabel', 'criteria', 'criteria', 'required-text'),
      column('planetaryBoundary', 'planetary_boundary', 'planetary_boundary', 'optional-number'),
      column('source', 'source', 'source'),
      column('value', 'individual_sustainable_package', 'individual_sustainable_package', 'number'),
    ],
  },
}

/** The file name of a table in a naming: `itemImpacts` → `itemImpact.csv` or `ref_item_impact.csv`. */
export function referentialFileName(kind: NeTableKind, format: ReferentialFormat): string {
  return TABLES[kind].files[format]
}

export const REFERENTIAL_TABLE_KINDS = Object.keys(TABLES) as NeTableKind[]

/** Header cell → comparable key: `avg_electricity_consumption` and `avgElectricityConsumption` are one column. */
export function columnKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/** Recognises a referential table by its header (file names vary): null when the header fits none. */
export function recogniseReferentialTable(header: string[]): NeTableKind | null {
  const keys = new Set(header.map(columnKey))
  const has = (...names: string[]): boolean => names.every((name) => keys.has(name))
  if (has('individualsustainablepackage')) return 'sustainablePackages'
  if (has('itemsource', 'reftargetitem') || has('itemsource', 'refitemtarget')) return 'matchingItems'
  if (has('criterion', 'lifecyclestep', 'name', 'value')) return 'itemImpacts'
  if (has('type', 'refdefaultitem')) return 'itemTypes'
  if (has('code', 'label', 'unit')) return 'criteria'
  if (has('code', 'value')) return 'hypotheses'
  if (has('code', 'label') && keys.size === 2) return 'lifecycleSteps'
  return null
}

/** True when the cell stands for "no value": empty or the SQL dump's `NULL`. */
const isBlank = (cell: string | undefined): boolean => {
  const text = (cell ?? '').trim()
  return text === '' || text === 'NULL' || text === 'null'
}

/** Parses a decimal written with `.` or `,`, in plain or scientific notation; NaN when it is not a number. */
export function parseDecimal(cell: string): number {
  const text = cell.trim().replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number.NaN
  return Number(text)
}

/** Reads one referential table into records, with a problem per bad cell (the row is then left out). */
export function parseReferentialTable(
  kind: NeTableKind,
  table: CellTable,
): { records: Record<string, unknown>[]; problems: TableProblem[] } {
  const keys = table.header.map(columnKey)
  const problems: TableProblem[] = []
  const specs = TABLES[kind].columns.map((spec) => {
    const index = keys.findIndex((key) => key === columnKey(spec.numecoeval) || key === columnKey(spec.g4it))
    return { spec, index }
  })
  for (const { spec, index } of specs) {
    if (index < 0 && (spec.type === 'required-text' || spec.type === 'number')) {
      problems.push({
        file: table.file,
        line: table.headerLine,
        column: 0,
        columnName: spec.numecoeval,
        message: `missing column "${spec.numecoeval}" (or "${spec.g4it}") in the header`,
      })
    }
  }
  if (problems.length > 0) return { records: [], problems }
  const records: Record<string, unknown>[] = []
  for (const row of table.rows) {
    if (row.values.every((cell) => cell.trim() === '')) continue
    const record: Record<string, unknown> = { origin: { file: table.file, line: row.line } }
    let isValid = true
    for (const { spec, index } of specs) {
      const cell = index < 0 ? undefined : row.values[index]
      const problem = (message: string): void => {
        isValid = false
        problems.push({
          file: table.file,
          line: row.line,
          column: index + 1,
          columnName: table.header[index] ?? spec.numecoeval,
          message,
        })
      }
      if (spec.type === 'text') record[spec.field] = isBlank(cell) ? '' : (cell ?? '').trim()
      else if (spec.type === 'required-text') {
        if (isBlank(cell)) problem('a value is required')
        else record[spec.field] = (cell ?? '').trim()
      } else if (spec.type === 'boolean') {
        const text = (cell ?? '').trim().toLowerCase()
        if (isBlank(cell) || text === 'false' || text === '0') record[spec.field] = false
        else if (text === 'true' || text === '1') record[spec.field] = true
        else problem(`"${cell ?? ''}" is not true or false`)
      } else if (isBlank(cell)) {
        if (spec.type === 'number') problem('a number is required')
        else record[spec.field] = null
      } else {
        const value = parseDecimal(cell ?? '')
        if (Number.isNaN(value)) problem(`"${cell ?? ''}" is not a number`)
        else record[spec.field] = value
      }
    }
    if (kind === 'itemTypes' && record['refDefaultItem'] === '') record['refDefaultItem'] = null
    if (isValid) records.push(record)
  }
  return { records, problems }
}

/** Adds one parsed table to a referential (rows are appended; later files may add rows to a table). */
export function addReferentialTable(
  referential: NeReferential,
  kind: NeTableKind,
  table: CellTable,
): TableProblem[] {
  const { records, problems } = parseReferentialTable(kind, table)
  ;(referential[kind] as unknown[]).push(...records)
  return problems
}

/** One referential table as a header and text rows in a naming, ready to write as `;`-separated CSV. */
export function referentialTableToCells(
  referential: NeReferential,
  kind: NeTableKind,
  format: ReferentialFormat,
): { fileName: string; header: string[]; rows: string[][] } {
  const specs = TABLES[kind].columns
  const rows = (referential[kind] as unknown as Record<string, unknown>[]).map((record) =>
    specs.map(({ field }) => {
      const value = record[field]
      if (value === null || value === undefined) return ''
      if (typeof value === 'number') return String(value)
      if (typeof value === 'boolean') return value ? 'true' : 'false'
      return String(value)
    }),
  )
  return { fileName: TABLES[kind].files[format], header: specs.map((spec) => spec[format]), rows }
}
