// Streams a large French GLPI computer export (Windows-1252, ';', CRLF) built from the demo fleet's generator.
// Usage: node dist/bench/generate-glpi-file.js OUT.csv [--rows 1000000] [--faulty 0.05] [--seed 42]
//        [--organisations 500] [--year 2025]
import { createWriteStream, type WriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { once } from 'node:events'
import { GLPI_HEADER } from '../src/core/demo/create-demo-row-factory.js'
import { iterateGlpiComputerRows } from '../src/core/demo/iterate-glpi-computer-rows.js'

const LINES_PER_CHUNK = 1_000
/** Windows-1252 bytes of the three non-Latin-1 characters the demo may use. */
const HIGH_BYTES = new Map([
  [0x20ac, 0x80],
  [0x0152, 0x8c],
  [0x0153, 0x9c],
])
const QUESTION_MARK = 0x3f

type Arguments = {
  output: string
  rows: number
  faulty: number
  seed: number
  organisations: number
  year: number
}

/** Reads the command line; numbers must be finite and non-negative. */
function parseArguments(argv: string[]): Arguments {
  const values = new Map<string, string>()
  const positional: string[] = []
  for (let index = 0; index < argv.length; index++) {
    if (argv[index].startsWith('--')) values.set(argv[index].slice(2), argv[++index] ?? '')
    else positional.push(argv[index])
  }
  const number = (name: string, fallback: number): number => {
    const text = values.get(name)
    const value = text === undefined ? fallback : Number(text)
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`--${name} expects a non-negative number, got "${text}"`)
    return value
  }
  if (positional.length !== 1) {
    throw new Error(
      'usage: generate-glpi-file OUT.csv [--rows N] [--faulty SHARE] [--seed N] [--organisations N] [--year YYYY]',
    )
  }
  return {
    output: positional[0],
    rows: Math.floor(number('rows', 1_000_000)),
    faulty: number('faulty', 0),
    seed: Math.floor(number('seed', 42)),
    organisations: Math.max(1, Math.floor(number('organisations', 500))),
    year: Math.floor(number('year', 2025)),
  }
}

/** Encodes text as Windows-1252, byte by byte (Latin-1 plus €, Œ, œ; anything else becomes '?'). */
function encodeWindows1252(text: string, target: Buffer, offset: number): void {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    target[offset + index] =
      code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (HIGH_BYTES.get(code) ?? QUESTION_MARK)
  }
}

const NOT_LATIN1 = /[\u0080-\u009f\u0100-\uffff]/

/** One CSV line; quotes a field only when it holds the delimiter, a quote or a line break. */
function formatLine(fields: readonly string[]): string {
  let isPlain = true
  for (const field of fields) {
    if (field.includes(';') || field.includes('"') || field.includes('\n') || field.includes('\r'))
      isPlain = false
  }
  if (isPlain) return fields.join(';') + '\r\n'
  return (
    fields.map((field) => (/[";\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(';') +
    '\r\n'
  )
}

/**
 * Gathers lines and hands them to the stream as one encoded buffer per chunk, waiting when the stream asks
 * to (backpressure): memory stays flat whatever the row count.
 */
function createChunkWriter(stream: WriteStream) {
  let lines: string[] = []
  const encode = (): Buffer => {
    const text = lines.join('')
    lines = []
    // One Windows-1252 byte per character; the fast Latin-1 path when nothing else occurs.
    if (!NOT_LATIN1.test(text)) return Buffer.from(text, 'latin1')
    const bytes = Buffer.allocUnsafe(text.length)
    encodeWindows1252(text, bytes, 0)
    return bytes
  }
  return {
    /** Adds a line; true when the stream's buffer is full and the caller should wait for 'drain'. */
    add(line: string): boolean {
      lines.push(line)
      return lines.length === LINES_PER_CHUNK ? !stream.write(encode()) : false
    },
    async flush(): Promise<void> {
      if (lines.length > 0 && !stream.write(encode())) await once(stream, 'drain')
    },
  }
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2))
  const started = performance.now()
  const stream = createWriteStream(options.output)
  const writer = createChunkWriter(stream)
  writer.add(formatLine(GLPI_HEADER))
  let written = 0
  for (const row of iterateGlpiComputerRows({
    seed: options.seed,
    referenceYear: options.year,
    organisations: options.organisations,
    rows: options.rows,
    brokenRows: options.faulty,
  })) {
    if (writer.add(formatLine(row))) await once(stream, 'drain')
    written++
  }
  await writer.flush()
  stream.end()
  await once(stream, 'finish')
  const { size } = await stat(options.output)
  const seconds = (performance.now() - started) / 1000
  console.log(
    `${options.output}: ${written} rows, ${size} bytes (${(size / 1048576).toFixed(1)} MiB), ` +
      `faulty share ${options.faulty}, ${seconds.toFixed(2)} s`,
  )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
