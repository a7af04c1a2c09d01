import { open, type FileHandle } from 'node:fs/promises'
import { createChunkDecoder } from './create-chunk-decoder.js'
import { DelimitedParser } from './delimited-parser.js'
import { detectDelimiter, findHeader, sampleRows } from './detect-dialect.js'
import { detectEncoding } from './detect-encoding.js'

export type DelimitedEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be'

export type DelimitedRow = {
  line: number
  values: string[]
  problem?: { code: 'unterminated_quote' | 'field_too_large' | 'binary_content'; message: string }
}

export type DelimitedTable = {
  file: string
  /**
   * Detected from the first 64 KiB. When they are plain ASCII, 'utf-8' is a guess: if a later chunk is not
   * UTF-8, the rest is read as Windows-1252 and this field turns to 'windows-1252' during iteration.
   */
  encoding: DelimitedEncoding
  delimiter: string
  /** 1-based physical line of the header, 0 when no header was found. */
  headerLine: number
  /** Trimmed header cells, [] when there is no header. */
  header: string[]
  /** File size in bytes. */
  bytes: number
  problem?: { code: 'empty_file' | 'no_header'; message: string }
  /** Rows after the header (every row when there is none), in batches; iterate once. */
  batches: AsyncIterable<DelimitedRow[]>
}

export type ReadDelimitedOptions = {
  isHeader?: (cells: string[]) => boolean
  batchSize?: number
  encoding?: DelimitedTable['encoding']
  delimiter?: string
}

const sampleBytes = 64 * 1024
const chunkBytes = 1024 * 1024
const defaultBatchSize = 5000

/** Opens a delimited text file, detects encoding, delimiter and header, and streams its rows in batches. */
export async function readDelimited(
  file: string,
  options: ReadDelimitedOptions = {},
): Promise<DelimitedTable> {
  const { bytes, sample } = await readSample(file)
  const isWholeFile = sample.length >= bytes
  const detected = options.encoding
    ? { encoding: options.encoding, isAscii: false }
    : detectEncoding(sample, isWholeFile)
  const sampleText = createChunkDecoder(detected.encoding).decode(sample, isWholeFile)
  const delimiter = options.delimiter ?? detectDelimiter(sampleText, isWholeFile)
  const rows = sampleRows(sampleText, delimiter, isWholeFile, 50)
  const header = findHeader(rows, options.isHeader)
  const table: DelimitedTable = {
    file,
    encoding: detected.encoding,
    delimiter,
    headerLine: header?.line ?? 0,
    header: header ? header.values.map((cell) => cell.trim()) : [],
    bytes,
    batches: noBatches(),
  }
  if (rows.length === 0 && isWholeFile) {
    table.problem = { code: 'empty_file', message: `${file} holds no data` }
    return table
  }
  if (!header) {
    table.problem = { code: 'no_header', message: `No header row found in the first 20 rows of ${file}` }
  }
  table.batches = streamBatches(table, detected.isAscii, Math.max(1, options.batchSize ?? defaultBatchSize))
  return table
}

async function* noBatches(): AsyncGenerator<DelimitedRow[]> {}

async function openFile(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r')
  } catch (error) {
    throw new Error(`Cannot read delimited file ${file}: ${(error as Error).message}`, { cause: error })
  }
}

async function readSample(file: string): Promise<{ bytes: number; sample: Uint8Array }> {
  const handle = await openFile(file)
  try {
    const bytes = (await handle.stat()).size
    const sample = new Uint8Array(Math.min(bytes, sampleBytes))
    let filled = 0
    while (filled < sample.length) {
      const { bytesRead } = await handle.read(sample, filled, sample.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { bytes, sample: sample.subarray(0, filled) }
  } catch (error) {
    throw new Error(`Cannot read delimited file ${file}: ${(error as Error).message}`, { cause: error })
  } finally {
    await handle.close()
  }
}

async function* streamBatches(
  table: DelimitedTable,
  mayFallBack: boolean,
  batchSize: number,
): AsyncGenerator<DelimitedRow[]> {
  const handle = await openFile(table.file)
  try {
    const decoder = createChunkDecoder(table.encoding, mayFallBack)
    const parser = new DelimitedParser(table.delimiter)
    const buffer = new Uint8Array(chunkBytes)
    let rows: DelimitedRow[] = []
    let isPastHeader = table.headerLine === 0
    for (;;) {
      const { bytesRead } = await readChunk(handle, buffer, table.file)
      const isLast = bytesRead === 0
      const text = decoder.decode(buffer.subarray(0, bytesRead), isLast)
      parser.push(text, rows)
      if (isLast) parser.finish(rows)
      table.encoding = decoder.encoding
      if (!isPastHeader) {
        rows = rows.filter((row) => row.line > table.headerLine)
        isPastHeader = parser.line > table.headerLine
      }
      let start = 0
      for (; rows.length - start >= batchSize; start += batchSize) yield rows.slice(start, start + batchSize)
      if (start > 0) rows = rows.slice(start)
      if (isLast) break
    }
    if (rows.length > 0) yield rows
  } finally {
    await handle.close()
  }
}

async function readChunk(
  handle: FileHandle,
  buffer: Uint8Array,
  file: string,
): Promise<{ bytesRead: number }> {
  try {
    return await handle.read(buffer, 0, buffer.length, null)
  } catch (error) {
    throw new Error(`Cannot read delimited file ${file}: ${(error as Error).message}`, { cause: error })
  }
}
