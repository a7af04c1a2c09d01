import type { TableEncoder, TableToEncode } from '../app/ports.js'
import { quoteField } from './csv/write-delimited.js'
import { buildXlsx, neutraliseFormula } from './xlsx/write-xlsx.js'

const BYTE_ORDER_MARK = '\uFEFF'

/**
 * Encodes downloads: CSV as UTF-8 with a byte-order mark, `;` between cells and CRLF line endings (what a
 * French-locale spreadsheet opens without an import dialog), or XLSX with numbers kept as numbers. Text that
 * a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading
 * apostrophe in both formats (OWASP CSV-injection advice); numbers are written as numbers and never altered.
 */
export function createTableEncoder(): TableEncoder {
  return {
    encode(table, format) {
      return format === 'xlsx' ? encodeXlsx(table) : encodeCsv(table)
    },
  }
}

/** The CSV text of a table (see `createTableEncoder`). */
export function encodeCsv(table: TableToEncode): Uint8Array {
  const line = (cells: readonly (string | number | null)[]): string =>
    cells
      .map((cell) =>
        cell === null ? '' : typeof cell === 'number' ? String(cell) : quoteField(neutraliseFormula(cell), ';'),
      )
      .join(';')
  const text = [line(table.header), ...table.rows.map(line)].join('\r\n') + '\r\n'
  return new TextEncoder().encode(BYTE_ORDER_MARK + text)
}

function encodeXlsx(table: TableToEncode): Uint8Array {
  // buildXlsx neutralises text cells itself; the header is text too.
  return buildXlsx([{ name: table.name, header: table.header, rows: table.rows }])
}
