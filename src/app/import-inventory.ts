import type { CategoryId } from '../core/inventory/categories.js'
import type { Finding } from '../core/quality/finding.js'
import {
  detectFormat,
  FORMAT_PROFILES,
  looksLikeKnownHeader,
  planColumns,
  type ColumnPlan,
  type FormatProfile,
} from '../core/formats/format-profiles.js'
import { planTelemetryColumns, type TelemetryColumnPlan } from '../core/formats/telemetry-profile.js'
import { AppError } from './errors.js'
import type { Campaign, Deps, ImportRecord, RawRow, RawTable } from './ports.js'
import { createBatchNormaliser, type NormalisedBatch } from '../core/inventory/normalise-batch.js'
import type { UnitChoices, UnitDecision } from '../core/formats/unit-choices.js'
import {
  collectReferences,
  createReferenceCollector,
  unknownReferenceFindings,
} from '../core/inventory/record-references.js'
import { decideFileUnits } from './decide-file-units.js'
import {
  applyRulesToColumns,
  createRuleLookup,
  type RuleApplications,
} from '../core/harmonise/mapping-rules.js'
import {
  CORRECTION_COLUMN,
  correctionOf,
  describeReplacement,
  relineBatch,
  type Correction,
} from './import-corrections.js'
import { defaultSource, describeRules } from './import-sources.js'
import { cloudExportOf } from '../core/cloud/cloud-lines.js'
import { actorScope, isJoinedPathVisible, isPathVisible } from './access.js'

export type ImportInventoryInput = {
  file: string
  format: string
  campaign: Campaign
  organisationPath: string[] | null
  categoryHint: CategoryId | null
  defaultCountry: string
  /** Units named by the user for columns whose unit the format does not state (`--usage-duration-unit`…). */
  units?: UnitChoices
  /** The source the rows belong to; default: the format, plus the category a file name hints ("glpi:monitor"). */
  source?: string | null
  /** Keep earlier rows of the organisation from the same source (default: an import with an organisation replaces them). */
  append?: boolean
  /** The import whose quarantined rows this corrected file resolves (default: read from the file name). */
  correctsImportId?: number | null
}

export type ImportInventoryResult = ImportRecord & {
  file: string
  isAlreadyImported: boolean
  unknownColumns: string[]
  headerLine: number
  sampleFindings: Finding[]
  /** File-level conventions, e.g. a format without a quantity column counts one unit per row. */
  assumptions: string[]
}

const BATCH_FINDINGS_SAMPLE = 20

/**
 * Imports one inventory file into a campaign: read → detect format → plan columns → normalise each row
 * → save accepted rows and quarantine the others, in one transaction (whole or nothing). A file already
 * imported into the campaign (same checksum) is recognised and not imported twice.
 * @example await importInventory(deps, { file: 'glpi.csv', format: 'auto', campaign, organisationPath: null, categoryHint: null, defaultCountry: 'FR' })
 */
export async function importInventory(
  deps: Deps,
  input: ImportInventoryInput,
): Promise<ImportInventoryResult> {
  const { store, files } = deps
  const checksum = await files.checksum(input.file)
  const fileName = files.baseName(input.file)
  const previous = await store.findImportByChecksum(input.campaign.id, checksum)
  if (previous) {
    return alreadyImported(previous, input.file)
  }
  let table = await files.readTable(input.file, { isHeader: (cells) => looksLikeKnownHeader(cells) })
  if (table.header.length === 0 && table.problem?.code !== 'empty_file') {
    // No known header in the first lines: read it plainly so the error can show what the file holds.
    table = await files.readTable(input.file)
  }
  if (table.problem?.code === 'empty_file') {
    throw new AppError('empty_file', `${fileName}: the file is empty, nothing to import.`, {
      file: input.file,
    })
  }
  const telemetryPlan =
    input.format === 'auto' || input.format === 'telemetry' ? planTelemetryColumns(table.header) : null
  if (telemetryPlan !== null) {
    // Telemetry rows are matched to devices of every organisation by name: whole-tree actors only.
    const scope = actorScope(deps)
    if (scope !== null) {
      throw new AppError(
        'forbidden',
        `${fileName}: telemetry concerns the whole workspace; your access is limited to ${scope.join(' > ')}.`,
      )
    }
    return importTelemetryFile(deps, input, table, telemetryPlan, checksum, fileName)
  }
  if (input.format === 'telemetry') {
    throw new AppError(
      'missing_columns',
      `${fileName}, line ${table.headerLine}: a telemetry file needs a date, a device (host name or serial) and a powered-on hours column; found: ${table.header.join(', ')}.`,
    )
  }
  const profile = chooseProfile(table, input.format, fileName)
  const plan = checkedPlan(table, profile, fileName)
  const correction = await correctionOf(deps, input, table, fileName)
  if (correction && !isPathVisible(deps, correction.organisationPath ?? [])) {
    throw new AppError('forbidden', `${fileName}: the import it corrects is outside your perimeter.`)
  }
  // The corrected rows join the organisation their import was made for.
  if (correction && input.organisationPath === null)
    input = { ...input, organisationPath: correction.organisationPath }
  const units = await decideFileUnits(deps, {
    plan,
    fileName,
    given: input.units ?? {},
    readRows: () => table.batches,
  })
  const options = { ...normaliseOptions(input, fileName), units: units.units }
  return importBatches(deps, input, {
    table,
    profile,
    plan,
    checksum,
    fileName,
    units,
    correction,
    batches: files.normaliseRows(input.file, { formatId: profile.id, options, bytes: table.bytes }),
  })
}

/**
 * Imports a file that may hold several tables: every worksheet of an XLSX workbook with a recognised header
 * (each sheet is its own import, named "file.xlsx#Sheet"), or the one table of a delimited text file.
 */
export async function importFile(deps: Deps, input: ImportInventoryInput): Promise<ImportInventoryResult[]> {
  if (!/\.xlsx$/i.test(input.file)) return [await importInventory(deps, input)]
  const { store, files } = deps
  const checksum = await files.checksum(input.file)
  const fileName = files.baseName(input.file)
  const sheets = await files.readWorkbook(input.file, { isHeader: (cells) => looksLikeKnownHeader(cells) })
  const results: ImportInventoryResult[] = []
  for (const sheet of sheets) {
    if (sheet.header.length === 0) continue
    const sheetName = `${fileName}#${sheet.sheet}`
    const sheetChecksum = `${checksum}#${sheet.sheet}`
    const previous = await store.findImportByChecksum(input.campaign.id, sheetChecksum)
    if (previous) {
      results.push(alreadyImported(previous, input.file))
      continue
    }
    const profile =
      input.format === 'auto' ? detectFormat(sheet.header) : chooseProfile(sheet, input.format, sheetName)
    if (!profile) continue
    const plan = checkedPlan(sheet, profile, sheetName)
    const units = await decideFileUnits(deps, {
      plan,
      fileName: sheetName,
      given: input.units ?? {},
      readRows: () => rereadSheet(deps, input.file, sheet.sheet),
    })
    const normaliseBatch = createBatchNormaliser(plan, {
      ...normaliseOptions(input, sheetName),
      units: units.units,
    })
    results.push(
      await importBatches(deps, input, {
        table: sheet,
        profile,
        plan,
        checksum: sheetChecksum,
        fileName: sheetName,
        units,
        batches: mapBatches(sheet.batches, normaliseBatch),
      }),
    )
  }
  if (results.length === 0) {
    throw new AppError(
      'unknown_format',
      `${fileName}: no worksheet has a recognised inventory header (sheets: ${sheets.map((sheet) => sheet.sheet).join(', ')}).`,
      { file: input.file },
    )
  }
  return results
}

function alreadyImported(previous: ImportRecord, file: string): ImportInventoryResult {
  return {
    ...previous,
    file,
    isAlreadyImported: true,
    unknownColumns: [],
    headerLine: 0,
    sampleFindings: [],
    assumptions: [],
  }
}

/** The rows of one worksheet, read again (the first reading feeds the import; this one the unit scan). */
async function* rereadSheet(deps: Deps, file: string, sheetName: string): AsyncIterable<RawRow[]> {
  const sheets = await deps.files.readWorkbook(file, { isHeader: (cells) => looksLikeKnownHeader(cells) })
  const sheet = sheets.find((candidate) => candidate.sheet === sheetName)
  if (sheet) yield* sheet.batches
}

async function* mapBatches(
  batches: AsyncIterable<RawTable['batches'] extends AsyncIterable<infer Batch> ? Batch : never>,
  normaliseBatch: (rows: RawRow[]) => NormalisedBatch,
): AsyncIterable<NormalisedBatch> {
  for await (const rows of batches) yield normaliseBatch(rows)
}

function checkedPlan(table: RawTable, profile: FormatProfile, fileName: string): ColumnPlan {
  const plan = planColumns(table.header, profile)
  if (plan.missingRequired.length > 0) {
    throw new AppError(
      'missing_columns',
      `${fileName}, line ${table.headerLine}: the ${profile.label} format needs the column(s) ${plan.missingRequired.join(', ')}; ` +
        `found: ${table.header.join(', ')}.`,
      { file: table.file, line: table.headerLine, missing: plan.missingRequired },
    )
  }
  return plan
}

function normaliseOptions(input: ImportInventoryInput, fileName: string) {
  return {
    categoryHint: input.categoryHint ?? categoryHintFromFileName(fileName),
    defaultOrganisationPath: input.organisationPath,
    defaultCountry: input.defaultCountry,
    referenceDay: input.campaign.referenceDay,
  }
}

type ImportSource = {
  table: RawTable
  profile: FormatProfile
  plan: ColumnPlan
  checksum: string
  fileName: string
  units: UnitDecision
  /** A corrected quarantine file: which import it corrects, and each file line's line in the original file. */
  correction?: Correction | null
  batches: AsyncIterable<NormalisedBatch>
}

/**
 * An actor limited to an organisation subtree may import only rows of that subtree: a row naming another
 * organisation fails the whole import (rolled back), with its line.
 */
function refuseRowsOutsidePerimeter(deps: Deps, batch: NormalisedBatch, fileName: string): void {
  const scope = actorScope(deps)
  if (scope === null) return
  const refuse = (line: number, organisation: string): never => {
    throw new AppError(
      'forbidden',
      `${fileName}, line ${line}: organisation "${organisation}" is outside your perimeter (${scope.join(' > ')}); nothing was imported.`,
    )
  }
  const { assets } = batch
  for (let index = 0; index < assets.length; index++) {
    if (!isJoinedPathVisible(deps, assets.organisation[index]!)) {
      refuse(assets.sourceLine[index]!, assets.organisation[index]!)
    }
  }
  for (const item of [...batch.datacenters, ...batch.records]) {
    if (!isPathVisible(deps, item.organisationPath)) refuse(item.sourceLine, item.organisationPath.join(' > '))
  }
}

/** Saves normalised batches as one import, in one transaction: whole on commit, nothing on failure. */
async function importBatches(
  deps: Deps,
  input: ImportInventoryInput,
  source: ImportSource,
): Promise<ImportInventoryResult> {
  const { store, progress } = deps
  const { table, profile, plan, checksum, fileName, correction } = source
  const writer = await store.beginImport({
    campaignId: input.campaign.id,
    fileName,
    format: profile.id,
    kind: profile.kind,
    checksum,
    encoding: table.encoding,
    delimiter: table.delimiter,
    organisationPath: input.organisationPath,
    header: table.header,
    options: source.units.recorded,
    source:
      correction?.source ??
      input.source ??
      defaultSource(profile.id, normaliseOptions(input, fileName).categoryHint, cloudExportOf(plan)),
    replaceOrganisationRows: input.organisationPath !== null && input.append !== true && !correction,
    ...(correction
      ? { corrects: { importId: correction.importId, lines: [...correction.lines.values()] } }
      : {}),
  })
  const rules = createRuleLookup(
    (await store.listMappingRules()).filter(
      (rule) =>
        rule.category !== null ||
        rule.lifetimeYears !== null ||
        rule.annualKwh !== null ||
        rule.utilisationRate !== null,
    ),
  )
  const ruleApplications: RuleApplications = new Map()
  const counts = { rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, rowsImputed: 0 }
  const sampleFindings: Finding[] = []
  const references = createReferenceCollector(plan)
  progress.start(`import ${fileName}`, 0)
  try {
    for await (const batch of source.batches) {
      counts.rowsRead += batch.rowsRead
      counts.rowsAccepted += batch.rowsAccepted
      counts.rowsQuarantined += batch.rowsQuarantined
      counts.rowsImputed += batch.rowsImputed
      if (correction) relineBatch(batch, correction.lines)
      refuseRowsOutsidePerimeter(deps, batch, fileName)
      if (batch.assets.length > 0) {
        applyRulesToColumns(batch.assets, rules, ruleApplications)
        await writer.addAssets(batch.assets)
      }
      if (batch.datacenters.length > 0) await writer.addDatacenters(batch.datacenters)
      if (batch.records.length > 0) await writer.addRecords(batch.records)
      if (references) collectReferences(references, batch.records)
      if (batch.quarantined.length > 0) await writer.addQuarantine(batch.quarantined)
      if (batch.findings.length > 0) await writer.addFindings(batch.findings)
      for (const finding of [...batch.quarantined.flatMap((row) => row.findings), ...batch.findings]) {
        if (sampleFindings.length >= BATCH_FINDINGS_SAMPLE) break
        if (finding.severity !== 'imputed') sampleFindings.push(finding)
      }
      progress.advance(counts.rowsRead)
    }
    if (references) {
      const names = [...references.linesByName.keys()]
      const unknown = await store.unknownNames(input.campaign.id, references.target, names)
      const warnings = unknownReferenceFindings(references, unknown)
      if (warnings.length > 0) await writer.addFindings(warnings)
      sampleFindings.push(...warnings.slice(0, Math.max(0, BATCH_FINDINGS_SAMPLE - sampleFindings.length)))
    }
    const record = await writer.commit(counts)
    return {
      ...record,
      file: input.file,
      isAlreadyImported: false,
      unknownColumns: plan.unknownColumns.filter((column) => column !== CORRECTION_COLUMN),
      headerLine: table.headerLine,
      sampleFindings,
      assumptions: [
        ...(profile.kind === 'assets' ? fileAssumptions(plan.fieldIndex, input.defaultCountry) : []),
        ...source.units.assumptions,
        ...(await describeRules(store, ruleApplications)),
        ...describeReplacement(record, correction),
      ],
    }
  } catch (error) {
    await writer.rollback()
    throw error
  } finally {
    progress.stop()
  }
}

function chooseProfile(table: RawTable, format: string, fileName: string): FormatProfile {
  if (format !== 'auto') {
    const profile = FORMAT_PROFILES.find((candidate) => candidate.id === format)
    if (!profile) {
      throw new AppError(
        'unknown_format',
        `Unknown format "${format}". Known formats: auto, ${FORMAT_PROFILES.map((candidate) => candidate.id).join(', ')}.`,
      )
    }
    return profile
  }
  if (table.header.length === 0) {
    throw new AppError(
      'unknown_format',
      `${fileName}: no header line found in the first lines of the file.`,
      {
        file: table.file,
      },
    )
  }
  const detected = detectFormat(table.header)
  if (!detected) {
    throw new AppError(
      'unknown_format',
      `${fileName}, line ${table.headerLine}: cannot recognise the format from the header (${table.header.slice(0, 8).join(', ')}…). ` +
        `Name it with --format (${FORMAT_PROFILES.map((candidate) => candidate.id).join(', ')}).`,
      { file: table.file, line: table.headerLine },
    )
  }
  return detected
}

async function importTelemetryFile(
  deps: Deps,
  input: ImportInventoryInput,
  table: RawTable,
  plan: TelemetryColumnPlan,
  checksum: string,
  fileName: string,
): Promise<ImportInventoryResult> {
  // Decimal comma when the powered-hours cells of the first rows use one (French exports with ";").
  let decimalSeparator: '.' | ',' = '.'
  const poweredIndex = table.header.indexOf(plan.poweredHours)
  for await (const batch of table.batches) {
    if (batch.some((row) => (row.values[poweredIndex] ?? '').includes(','))) decimalSeparator = ','
    break
  }
  if (decimalSeparator === ',' && table.delimiter === ',') decimalSeparator = '.'
  deps.progress.start(`import ${fileName}`, 0)
  try {
    const record = await deps.store.importTelemetry(
      {
        campaignId: input.campaign.id,
        fileName,
        format: 'telemetry',
        kind: 'telemetry',
        checksum,
        encoding: table.encoding,
        delimiter: table.delimiter,
        organisationPath: null,
      },
      {
        file: input.file,
        headerLine: table.headerLine,
        delimiter: table.delimiter,
        decimalSeparator,
        columns: plan,
      },
    )
    return {
      ...record,
      file: input.file,
      isAlreadyImported: false,
      unknownColumns: [],
      headerLine: table.headerLine,
      sampleFindings: [],
      assumptions: [
        `${record.devicesMatched} device(s) matched to assets by host name or serial number, ${record.devicesUnmatched} not matched`,
        'measured hours are extrapolated to a year: hours per observed day × 365',
      ],
    }
  } finally {
    deps.progress.stop()
  }
}

function fileAssumptions(fieldIndex: Partial<Record<string, number>>, defaultCountry: string): string[] {
  const assumptions: string[] = []
  if (fieldIndex['quantity'] === undefined) assumptions.push('no quantity column: each row counts 1 unit')
  if (fieldIndex['country'] === undefined)
    assumptions.push(`no country column: every row is used in ${defaultCountry}`)
  if (fieldIndex['status'] === undefined) assumptions.push('no status column: every row is in use')
  return assumptions
}

const FILE_NAME_HINTS: [RegExp, CategoryId][] = [
  [/moniteur|monitor|ecran|écran|screen/i, 'monitor'],
  [/imprimante|printer/i, 'printer'],
  [/smartphone|mobile/i, 'smartphone'],
  [/serveur|server/i, 'server'],
]

/** A file named after one kind of device (GLPI exports one itemtype per file) hints the category. */
export function categoryHintFromFileName(fileName: string): CategoryId | null {
  for (const [pattern, category] of FILE_NAME_HINTS) if (pattern.test(fileName)) return category
  return null
}
