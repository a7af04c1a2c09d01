import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type postgres from 'postgres'
import type { NewImport, TelemetryImportResult, TelemetrySource } from '../../app/ports.js'
import {
  copyRows,
  copyValue,
  IMPORT_COLUMNS,
  lockWriters,
  rows,
  run,
  toNumber,
  type Row,
  type Sql,
} from './sql.js'

/**
 * Bulk-loads a telemetry file in one transaction and refreshes per-asset usage; same meaning as the DuckDB adapter
 * (src/store/duckdb/telemetry.ts), which reads the file server-side with read_csv. Here one streaming pass in
 * JavaScript parses each line and sends the valid rows with COPY:
 * - a line that cannot be read (wrong number of cells, a day that is no date, hours that are no number) is
 *   quarantined with its file line number (1-based, counting the lines above the header), the column and the
 *   reason, as DuckDB's reject table gives them;
 * - a row read but impossible (no day, no device, powered hours outside 0–24, active hours above powered) is
 *   quarantined as DuckDB does it: line 0, named by device and day, sorted by device (none last) then day.
 * Cells may be quoted ("…", "" for a quote); a quoted cell does not span lines. Empty lines are skipped.
 */
export async function importTelemetry(
  sql: postgres.Sql,
  meta: NewImport,
  source: TelemetrySource,
): Promise<TelemetryImportResult> {
  const connection = await sql.reserve()
  try {
    await run(connection, 'BEGIN')
    try {
      await lockWriters(connection)
      const [[nextImport]] = (await rows(connection, 'SELECT COALESCE(MAX(id), 0) + 1 FROM import')) as [
        [number],
      ]
      const importId = toNumber(nextImport)
      const parsed = new TelemetryParser(source)
      const prefix = `${meta.campaignId}\t${importId}\t`
      async function* copyText(): AsyncGenerator<string> {
        let buffer = ''
        for await (const row of parsed.rows()) {
          buffer += `${prefix}${row[0]}\t${copyValue(row[1])}\t${row[2]}\t${copyValue(row[3])}\n`
          if (buffer.length > 256 * 1024) {
            yield buffer
            buffer = ''
          }
        }
        if (buffer.length > 0) yield buffer
      }
      const stream = await connection
        .unsafe(
          'COPY telemetry (campaign_id, import_id, day, device, powered_hours, active_hours) FROM STDIN',
        )
        .writable()
      await pipeline(Readable.from(copyText()), stream)
      const quarantined: Row[] = [
        ...parsed.rejected.map((reject) => [
          meta.campaignId,
          importId,
          reject.line,
          JSON.stringify([reject.text]),
          JSON.stringify([
            {
              line: reject.line,
              column: reject.column,
              code: 'malformed_row',
              severity: 'rejected',
              message: reject.message,
              value: null,
            },
          ]),
        ]),
        ...parsed.outOfRange().map((row) => [
          meta.campaignId,
          importId,
          0,
          JSON.stringify(row.map((value) => (value === null ? '' : String(value)))),
          JSON.stringify([
            {
              line: 0,
              column: source.columns.poweredHours,
              code: 'out_of_range',
              severity: 'rejected',
              message: `device ${row[1] ?? '(none)'} on ${row[0] ?? '(no date)'}: powered hours ${row[2]} and active hours ${row[3] ?? '—'} must lie within 0–24 h with active ≤ powered`,
              value: String(row[2]),
            },
          ]),
        ]),
      ]
      await copyRows(
        connection,
        'quarantine',
        ['campaign_id', 'import_id', 'line', 'raw', 'reasons'],
        quarantined,
      )
      await copyRows(
        connection,
        'finding',
        ['campaign_id', 'import_id', 'line', 'column_name', 'code', 'severity', 'message', 'value'],
        quarantined.map((row) => {
          const finding = (JSON.parse(row[4] as string) as Record<string, unknown>[])[0]!
          return [
            meta.campaignId,
            importId,
            finding['line'],
            finding['column'],
            finding['code'],
            finding['severity'],
            finding['message'],
            finding['value'],
          ]
        }),
      )
      const accepted = parsed.accepted
      const rowsRead = accepted + quarantined.length
      await run(
        connection,
        `INSERT INTO import (${IMPORT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          importId,
          meta.campaignId,
          meta.fileName,
          meta.format,
          meta.kind,
          meta.checksum,
          meta.encoding,
          meta.delimiter,
          null,
          rowsRead,
          accepted,
          quarantined.length,
          0,
        ],
      )
      const { matched, unmatched } = await refreshUsage(connection, meta.campaignId)
      await run(connection, 'UPDATE campaign SET assets_revision = assets_revision + 1 WHERE id = $1', [
        meta.campaignId,
      ])
      await run(connection, 'COMMIT')
      return {
        ...meta,
        id: importId,
        rowsRead,
        rowsAccepted: accepted,
        rowsQuarantined: quarantined.length,
        rowsImputed: 0,
        devicesMatched: matched,
        devicesUnmatched: unmatched,
      }
    } catch (error) {
      await run(connection, 'ROLLBACK').catch(() => undefined)
      throw error
    }
  } finally {
    connection.release()
  }
}

/** A row read but impossible: day (YYYY-MM-DD) or null, device or null, powered hours, active hours. */
type OutOfRange = [string | null, string | null, number | null, number | null]
type Reject = { line: number; column: string | null; message: string; text: string }

/** The line parser of importTelemetry; valid rows come out of `rows()`, the others are kept for the quarantine. */
class TelemetryParser {
  readonly rejected: Reject[] = []
  private readonly impossible: OutOfRange[] = []
  accepted = 0
  constructor(private readonly source: TelemetrySource) {}

  /** Valid rows as [day, device, powered hours, active hours]. */
  async *rows(): AsyncGenerator<[string, string, number, number | null]> {
    const { source } = this
    const input = createReadStream(source.file, { encoding: 'utf8' })
    const lines = createInterface({ input, crlfDelay: Infinity })
    let lineNumber = 0
    let header: string[] | null = null
    let index = { day: -1, device: -1, powered: -1, active: -1 }
    try {
      for await (const rawLine of lines) {
        lineNumber++
        if (lineNumber < source.headerLine) continue
        const text = lineNumber === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine
        if (header === null) {
          header = splitCells(text, source.delimiter)
          const at = (name: string | null): number => {
            if (name === null) return -1
            const found = header!.indexOf(name)
            if (found < 0) throw new Error(`${source.file}:${lineNumber}: no column "${name}" in the header`)
            return found
          }
          index = {
            day: at(source.columns.day),
            device: at(source.columns.device),
            powered: at(source.columns.poweredHours),
            active: at(source.columns.activeHours),
          }
          continue
        }
        if (text.trim() === '') continue
        const cells = splitCells(text, source.delimiter)
        if (cells.length !== header.length) {
          this.rejected.push({
            line: lineNumber,
            column: cells.length < header.length ? header[cells.length]! : null,
            message: `Expected Number of Columns: ${header.length} Found: ${cells.length}`,
            text,
          })
          continue
        }
        // Cells are converted in file order; the first that fails names the row's reason.
        let day: string | null = null
        let powered: number | null = null
        let active: number | null = null
        let failure: Reject | null = null
        for (const column of [...Object.entries(index)].sort((left, right) => left[1] - right[1])) {
          const [field, at] = column
          if (at < 0 || field === 'device') continue
          const cell = cells[at]!.trim()
          if (cell === '') continue
          if (field === 'day') {
            day = parseDay(cell)
            if (day === null) failure = conversionFailure(lineNumber, header[at]!, cell, 'DATE', text)
          } else {
            const value = parseDouble(cell, source.decimalSeparator)
            if (value === null) failure = conversionFailure(lineNumber, header[at]!, cell, 'DOUBLE', text)
            else if (field === 'powered') powered = value
            else active = value
          }
          if (failure !== null) break
        }
        if (failure !== null) {
          this.rejected.push(failure)
          continue
        }
        const device = cells[index.device]!.trim()
        if (
          day === null ||
          device === '' ||
          powered === null ||
          !(powered >= 0 && powered <= 24) ||
          (active !== null && !(active >= 0 && active <= powered))
        ) {
          this.impossible.push([day, device === '' ? null : device, powered, active])
          continue
        }
        this.accepted++
        yield [day, device, powered, active]
      }
    } finally {
      lines.close()
      input.destroy()
    }
  }

  /** The impossible rows in DuckDB's order: device (none last), then day (none first). */
  outOfRange(): OutOfRange[] {
    const text = (value: string | null, missing: string): string => value ?? missing
    return [...this.impossible].sort((left, right) => {
      const device = compare(text(left[1], '\uffff'), text(right[1], '\uffff'))
      return device !== 0 ? device : compare(text(left[0], ''), text(right[0], ''))
    })
  }
}

const compare = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0)

function conversionFailure(line: number, column: string, cell: string, type: string, text: string): Reject {
  return {
    line,
    column,
    message: `Error when converting column "${column}". Could not convert string "${cell}" to '${type}'`,
    text,
  }
}

/** Cells of one CSV line: `delimiter`-separated, optionally quoted with "…" ("" is a quote inside). */
export function splitCells(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter)
  const cells: string[] = []
  let cell = ''
  let isQuoted = false
  for (let at = 0; at < line.length; at++) {
    const char = line[at]!
    if (isQuoted) {
      if (char === '"' && line[at + 1] === '"') {
        cell += '"'
        at++
      } else if (char === '"') isQuoted = false
      else cell += char
    } else if (char === '"' && cell.trim() === '') {
      isQuoted = true
      cell = ''
    } else if (line.startsWith(delimiter, at)) {
      cells.push(cell)
      cell = ''
      at += delimiter.length - 1
    } else cell += char
  }
  cells.push(cell)
  return cells
}

const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/

/** YYYY-MM-DD (month and day on one or two digits, a real calendar day) as zero-padded text, else null. */
export function parseDay(text: string): string | null {
  const match = DAY.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** A decimal number written with `separator`, else null. */
export function parseDouble(text: string, separator: '.' | ','): number | null {
  const normalised = separator === ',' ? (text.includes('.') ? '' : text.replace(',', '.')) : text
  return DOUBLE.test(normalised) ? Number(normalised) : null
}

/** Recomputes per-asset usage from all the campaign's telemetry: devices matched by host name, then serial. */
export async function refreshUsage(
  connection: Sql,
  campaignId: number,
): Promise<{ matched: number; unmatched: number }> {
  await run(connection, 'DELETE FROM asset_usage WHERE campaign_id = $1', [campaignId])
  const perDevice = `SELECT device, COUNT(DISTINCT day) AS days, SUM(powered_hours) AS powered, SUM(active_hours) AS active
                     FROM telemetry WHERE campaign_id = $1 GROUP BY device`
  const insert = (key: string, extra: string) =>
    run(
      connection,
      `INSERT INTO asset_usage
       SELECT a.campaign_id, a.id, a.organisation_id, a.site_id, d.days,
              d.powered / d.days::DOUBLE PRECISION * 365, d.active / d.days::DOUBLE PRECISION * 365
       FROM (${perDevice}) d JOIN asset a ON a.campaign_id = $1 AND a.merged_into IS NULL AND a.${key} = d.device ${extra}`,
      [campaignId],
    )
  await insert('hostname', '')
  await insert('serial', 'WHERE a.id NOT IN (SELECT asset_id FROM asset_usage WHERE campaign_id = $1)')
  const [[matched, devices]] = (await rows(
    connection,
    `SELECT (SELECT COUNT(*) FROM asset_usage WHERE campaign_id = $1), (SELECT COUNT(DISTINCT device) FROM telemetry WHERE campaign_id = $1)`,
    [campaignId],
  )) as [[number, number]]
  return { matched: toNumber(matched), unmatched: Math.max(0, toNumber(devices) - toNumber(matched)) }
}
