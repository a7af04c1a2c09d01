/**
 * Corrected quarantine files: `empreinte quarantine export` writes each import's quarantined rows back in the
 * source's format with one more column, `empreinte_source_line` (the row's line in the original file), and names
 * the file "<source>-quarantine-<import id>.csv". Imported again after a person fixed it, the file corrects that
 * import: its rows keep their original line numbers and organisation, and the quarantined rows they stand for
 * leave the quarantine (docs/formats.md#correcting-quarantined-rows).
 */
import type { NormalisedBatch } from '../core/inventory/normalise-batch.js'
import { AppError } from './errors.js'
import type { ImportInventoryInput } from './import-inventory.js'
import type { Deps, ImportRecord, RawTable } from './ports.js'

/** The column a quarantine export adds: each row's line in the file it came from. */
export const CORRECTION_COLUMN = 'empreinte_source_line'

export type Correction = {
  importId: number
  source: string
  organisationPath: string[] | null
  /** Line in this file → line in the corrected import's file. */
  lines: Map<number, number>
}

const isCorrectionColumn = (cell: string): boolean => cell.trim().toLowerCase() === CORRECTION_COLUMN

/** The correction a file carries (null for an ordinary inventory file). */
export async function correctionOf(
  deps: Deps,
  input: ImportInventoryInput,
  table: RawTable,
  fileName: string,
): Promise<Correction | null> {
  const column = table.header.findIndex(isCorrectionColumn)
  const named = /-quarantine-(\d+)(?:\.[^.]*)?$/i.exec(fileName)?.[1]
  const importId = input.correctsImportId ?? (column >= 0 && named !== undefined ? Number(named) : null)
  if (importId === null) {
    if (column < 0) return null
    throw new AppError(
      'invalid_argument',
      `${fileName}, line ${table.headerLine}: the column "${CORRECTION_COLUMN}" marks a corrected quarantine file, ` +
        'but its name does not say which import it corrects: add --corrects IMPORT_ID (see empreinte imports).',
      { file: input.file, line: table.headerLine },
    )
  }
  if (column < 0) {
    throw new AppError(
      'missing_columns',
      `${fileName}, line ${table.headerLine}: a corrected quarantine file needs its "${CORRECTION_COLUMN}" column ` +
        '(written by empreinte quarantine export) to know which rows it corrects.',
      { file: input.file, line: table.headerLine, missing: [CORRECTION_COLUMN] },
    )
  }
  const original: ImportRecord | undefined = (await deps.store.listImports(input.campaign.id)).find(
    (record) => record.id === importId,
  )
  if (original === undefined) {
    throw new AppError(
      'not_found',
      `${fileName}: import ${importId}, which this file corrects, is not in campaign ${input.campaign.year}.`,
      { file: input.file },
    )
  }
  const reread = await deps.files.readTable(input.file, {
    isHeader: (cells) => cells.some(isCorrectionColumn),
  })
  const lines = new Map<number, number>()
  for await (const batch of reread.batches) {
    for (const row of batch) {
      const line = Number((row.values[column] ?? '').trim())
      if (Number.isInteger(line) && line > 0) lines.set(row.line, line)
    }
  }
  return {
    importId,
    source: original.source ?? original.format,
    organisationPath: original.organisationPath,
    lines,
  }
}

/** Gives the rows of a batch their line in the original file. */
export function relineBatch(batch: NormalisedBatch, lines: ReadonlyMap<number, number>): void {
  const relined = (line: number): number => lines.get(line) ?? line
  const assets = batch.assets
  for (let index = 0; index < assets.length; index++)
    assets.sourceLine[index] = relined(assets.sourceLine[index]!)
  for (const row of batch.quarantined) {
    row.line = relined(row.line)
    for (const finding of row.findings) finding.line = relined(finding.line)
  }
  for (const finding of batch.findings) finding.line = relined(finding.line)
  for (const datacenter of batch.datacenters) datacenter.sourceLine = relined(datacenter.sourceLine)
}

/** Sentences for the import report: what the import replaced or corrected. */
export function describeReplacement(
  record: ImportRecord,
  correction: Correction | null | undefined,
): string[] {
  const sentences: string[] = []
  const replacement = record.replacement
  if (replacement && (replacement.deletedAssets > 0 || replacement.replacedImports.length > 0)) {
    const organisation = record.organisationPath?.join(' > ') ?? ''
    const imports =
      replacement.replacedImports.length > 0
        ? ` (replaces import ${replacement.replacedImports.join(', ')})`
        : ''
    sentences.push(
      `incremental re-import: ${replacement.deletedAssets} earlier row(s) of ${organisation} from source "${record.source ?? record.format}" removed${imports}`,
    )
  }
  if (correction) {
    sentences.push(
      `corrects import ${correction.importId}: ${replacement?.resolvedQuarantine ?? 0} quarantined row(s) resolved; rows keep their original line numbers`,
    )
  }
  return sentences
}
