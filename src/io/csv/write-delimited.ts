import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { once } from 'node:events'
import { basename, dirname, join } from 'node:path'
import { encodeWindows1252 } from './windows-1252.js'

export type WriteDelimitedOptions = {
  delimiter: string
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252'
  lineEnding?: '\r\n' | '\n'
}

const chunkChars = 1024 * 1024

/** Quotes a field when it holds the delimiter, a quote or a line break, doubling its quotes. */
export function quoteField(value: string, delimiter: string): string {
  if (
    value.indexOf(delimiter) < 0 &&
    value.indexOf('"') < 0 &&
    value.indexOf('\n') < 0 &&
    value.indexOf('\r') < 0
  ) {
    return value
  }
  return `"${value.replaceAll('"', '""')}"`
}

/**
 * Writes a header and rows as delimited text, atomically (a temporary file renamed over `file`), in about
 * 1 MiB chunks that respect backpressure. Returns the number of data rows and of bytes written.
 */
export async function writeDelimited(
  file: string,
  header: string[],
  rows: Iterable<string[]> | AsyncIterable<string[]>,
  options: WriteDelimitedOptions,
): Promise<{ rows: number; bytes: number }> {
  const { delimiter, encoding } = options
  const lineEnding = options.lineEnding ?? '\r\n'
  const temporaryFile = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`)
  const stream = createWriteStream(temporaryFile)
  let streamError: Error | undefined
  stream.on('error', (error) => {
    streamError = error
  })
  const encode = (text: string): Uint8Array =>
    encoding === 'windows-1252' ? encodeWindows1252(text) : Buffer.from(text, 'utf8')
  let bytes = 0
  let rowCount = 0
  let chunk = encoding === 'utf-8-bom' ? '\ufeff' : ''
  const formatLine = (cells: string[]): string => {
    let line = ''
    for (let index = 0; index < cells.length; index++) {
      if (index > 0) line += delimiter
      line += quoteField(cells[index] ?? '', delimiter)
    }
    return line + lineEnding
  }
  const flush = async (): Promise<void> => {
    const encoded = encode(chunk)
    chunk = ''
    bytes += encoded.byteLength
    if (encoded.byteLength > 0 && !stream.write(encoded)) await waitForDrainOrClose(stream)
    if (streamError) throw streamError
  }
  const append = (cells: string[]): boolean => {
    chunk += formatLine(cells)
    rowCount++
    return chunk.length >= chunkChars
  }
  try {
    chunk += formatLine(header)
    if (Symbol.asyncIterator in rows) {
      for await (const cells of rows) if (append(cells)) await flush()
    } else {
      // A plain loop: awaiting every row of a synchronous iterable would cost a microtask each.
      for (const cells of rows) if (append(cells)) await flush()
    }
    await flush()
    stream.end()
    if (!stream.closed) await once(stream, 'close')
    if (streamError) throw streamError
    await rename(temporaryFile, file)
  } catch (error) {
    stream.destroy()
    await rm(temporaryFile, { force: true })
    throw new Error(`Cannot write delimited file ${file}: ${(error as Error).message}`, { cause: error })
  }
  return { rows: rowCount, bytes }
}

/** Resolves when the stream can take more data, or when it closed (after an error, say). */
function waitForDrainOrClose(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
  })
}
