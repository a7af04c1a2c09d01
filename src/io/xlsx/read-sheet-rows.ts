import type { RawRow } from '../../app/ports.js'
import { excelSerialToIso, excelSerialToTime, type NumberFormatKind } from './excel-date.js'
import { decodeOoxmlEscapes, readTextElement } from './read-workbook-info.js'
import { XmlScanner } from './xml-scanner.js'

/** What turns raw cell values into text: shared strings, style number formats and the date system. */
export type CellContext = { sharedStrings: string[]; styleKinds: NumberFormatKind[]; is1904: boolean }

// Excel's last column is XFD (16,384 columns).
const maxColumns = 16_384

/**
 * Yields the rows of a worksheet's XML in document order: `line` is the row number Excel shows, cells land in
 * their referenced column (missing cells are ''), trailing empty cells are dropped and rows without any
 * non-empty cell are skipped.
 */
export function* readSheetRows(xml: string, context: CellContext): Generator<RawRow> {
  const scanner = new XmlScanner(xml)
  let line = 0
  let values: string[] = []
  let column = -1
  let problem: RawRow['problem']
  let isInSheetData = false
  while (scanner.next()) {
    const name = scanner.name
    if (name === 'c') {
      if (scanner.isEnd || !isInSheetData) continue
      const reference = scanner.attribute('r')
      const referenced = reference === undefined ? -1 : columnIndex(reference)
      column = referenced >= 0 ? referenced : column + 1
      const type = scanner.attribute('t')
      const style = scanner.attribute('s')
      const text = scanner.isSelfClosing ? '' : readCell(scanner, type, style, context)
      if (column >= maxColumns) {
        problem ??= { code: 'bad_cell_reference', message: `Cell ${reference ?? ''} lies beyond column XFD` }
        continue
      }
      if (typeof text !== 'string') {
        problem ??= text
        continue
      }
      if (text === '') continue
      while (values.length < column) values.push('')
      values[column] = text
    } else if (name === 'row') {
      if (!isInSheetData) continue
      if (!scanner.isEnd) {
        const number = Number(scanner.attribute('r'))
        line = Number.isInteger(number) && number > 0 ? number : line + 1
        values = []
        column = -1
        problem = undefined
      }
      if (scanner.isEnd || scanner.isSelfClosing) {
        if (values.length > 0 || problem) yield problem ? { line, values, problem } : { line, values }
        values = []
        problem = undefined
      }
    } else if (name === 'sheetData') {
      if (scanner.isEnd) return
      if (scanner.isSelfClosing) return
      isInSheetData = true
    }
  }
}

/** Converts a cell reference's column letters (`C7` → 2) to a 0-based index; -1 when it has none. */
export function columnIndex(reference: string): number {
  let index = 0
  let position = 0
  for (; position < reference.length; position++) {
    const code = reference.charCodeAt(position) & ~0x20
    if (code < 0x41 || code > 0x5a) break
    index = index * 26 + (code - 0x40)
    if (index > maxColumns) return maxColumns
  }
  return position === 0 ? -1 : index - 1
}

function readCell(
  scanner: XmlScanner,
  type: string | undefined,
  style: string | undefined,
  context: CellContext,
): string | { code: string; message: string } {
  let raw = ''
  let inline: string | undefined
  let isInPhonetic = false
  while (scanner.next()) {
    const name = scanner.name
    if (name === 'c' && scanner.isEnd) break
    if (scanner.isEnd) {
      if (name === 'rPh') isInPhonetic = false
      continue
    }
    if (name === 'v') raw = scanner.text()
    else if (name === 't') {
      if (!isInPhonetic) inline = (inline ?? '') + readTextElement(scanner)
    } else if (name === 'rPh') isInPhonetic = !scanner.isSelfClosing
    else if (name === 'is') inline = inline ?? ''
    else if (name === 'f') scanner.text()
  }
  switch (type) {
    case 's': {
      const text = context.sharedStrings[Number(raw)]
      if (text !== undefined) return text
      return { code: 'bad_shared_string', message: `Shared string ${raw.trim()} does not exist` }
    }
    case 'inlineStr':
      return inline ?? decodeOoxmlEscapes(raw)
    case 'str':
    case 'e':
      return decodeOoxmlEscapes(raw)
    case 'b':
      return raw.trim() === '1' || raw.trim().toLowerCase() === 'true'
        ? 'TRUE'
        : raw.trim() === ''
          ? ''
          : 'FALSE'
    case 'd':
      return isoDate(raw.trim())
    default: {
      if (inline !== undefined) return inline
      const text = raw.trim()
      const kind = style === undefined ? 'number' : context.styleKinds[Number(style)]
      if (text === '' || kind === undefined || kind === 'number') return text
      const serial = Number(text)
      const converted = kind === 'date' ? excelSerialToIso(serial, context.is1904) : excelSerialToTime(serial)
      return converted ?? text
    }
  }
}

// `t="d"` cells hold ISO 8601 text; keep the date alone at midnight, drop fractions of a second and zones.
function isoDate(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(text)
  if (!match) return text
  const time = match[2] === undefined ? '' : match[2].length === 5 ? `${match[2]}:00` : match[2]
  return time === '' || time === '00:00:00' ? match[1] : `${match[1]}T${time}`
}
