import { readFile } from 'node:fs/promises'
import type { RawRow, RawTable } from '../../app/ports.js'
import { readSheetRows, type CellContext } from './read-sheet-rows.js'
import { readPart, readWorkbookInfo, type WorkbookSheet } from './read-workbook-info.js'
import { readZip, type ZipArchive } from './read-zip.js'
import { invalidWorkbook, XlsxError } from './xlsx-error.js'

/** One worksheet of a workbook, read like a delimited file (`encoding` 'xlsx', `delimiter` ''). */
export type XlsxSheetTable = RawTable & { sheet: string; isHidden: boolean }

export type ReadXlsxOptions = {
  /** Recognises the header row; by default the first row with at least two non-empty cells. */
  isHeader?: (cells: string[]) => boolean
  batchSize?: number
  /** Refuse workbooks that expand beyond this many bytes (zip-bomb protection); 512 MiB by default. */
  maxUncompressedBytes?: number
}

const defaultBatchSize = 5000
const defaultMaxUncompressedBytes = 512 * 1024 * 1024
const headerSearchRows = 20

/**
 * Opens an XLSX workbook and returns one table per worksheet, in workbook order (hidden sheets included).
 * Rows stream in batches; `line` is the row number Excel shows. Throws an `XlsxError` naming the file when it
 * is not a valid workbook or would expand beyond `maxUncompressedBytes`.
 */
export async function readXlsx(file: string, options: ReadXlsxOptions = {}): Promise<XlsxSheetTable[]> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    throw new Error(`Cannot read XLSX file ${file}: ${(error as Error).message}`, { cause: error })
  }
  return guard(file, () => {
    const archive = readZip(bytes, {
      file,
      maxUncompressedBytes: options.maxUncompressedBytes ?? defaultMaxUncompressedBytes,
    })
    const workbook = readWorkbookInfo(archive, file)
    const context: CellContext = workbook
    return workbook.sheets.map((sheet) => openSheet(archive, sheet, context, bytes.length, file, options))
  })
}

function openSheet(
  archive: ZipArchive,
  sheet: WorkbookSheet,
  context: CellContext,
  bytes: number,
  file: string,
  options: ReadXlsxOptions,
): XlsxSheetTable {
  const load = () => readPart(archive, sheet.part) ?? ''
  const sample: RawRow[] = []
  for (const row of readSheetRows(load(), context)) {
    sample.push(row)
    if (sample.length >= headerSearchRows) break
  }
  const table: XlsxSheetTable = {
    file,
    sheet: sheet.name,
    isHidden: sheet.isHidden,
    encoding: 'xlsx',
    delimiter: '',
    headerLine: 0,
    header: [],
    bytes,
    batches: noBatches(),
  }
  if (sample.length === 0) {
    table.problem = { code: 'empty_sheet', message: `Sheet "${sheet.name}" of ${file} holds no data` }
    return table
  }
  const widest = Math.max(...sample.map((row) => row.values.length))
  const isHeader =
    options.isHeader ??
    ((cells: string[]) => cells.filter((cell) => cell.trim() !== '').length >= Math.min(2, widest))
  const header = sample.find((row) => !row.problem && isHeader(row.values))
  if (header) {
    table.headerLine = header.line
    table.header = header.values.map((cell) => cell.trim())
  } else {
    table.problem = {
      code: 'no_header',
      message: `No header row found in the first ${headerSearchRows} rows of sheet "${sheet.name}" of ${file}`,
    }
  }
  const batchSize = Math.max(1, options.batchSize ?? defaultBatchSize)
  table.batches = streamRows(file, load, context, table.headerLine, table.header.length, batchSize)
  return table
}

async function* noBatches(): AsyncGenerator<RawRow[]> {}

async function* streamRows(
  file: string,
  load: () => string,
  context: CellContext,
  headerLine: number,
  width: number,
  batchSize: number,
): AsyncGenerator<RawRow[]> {
  const rows = guard(file, () => readSheetRows(load(), context))
  let isPastHeader = headerLine === 0
  let batch: RawRow[] = []
  for (;;) {
    const next = guard(file, () => rows.next())
    if (next.done) break
    const row = next.value
    if (!isPastHeader) {
      isPastHeader = row.line === headerLine
      continue
    }
    while (row.values.length < width) row.values.push('')
    batch.push(row)
    if (batch.length >= batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

// Anything unexpected while decoding becomes the same clear error as a corrupt file, never an obscure crash.
function guard<T>(file: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof XlsxError) throw error
    const reason = `its content cannot be decoded (${(error as Error).message})`
    throw Object.assign(invalidWorkbook(file, reason), { cause: error })
  }
}
