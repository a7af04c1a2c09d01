import { randomUUID } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { writeZip, type ZipInput } from './write-zip.js'

/** One worksheet to write: a bold, frozen header row, then the rows (null or '' leaves a cell empty). */
export type XlsxSheetToWrite = {
  name: string
  header: string[]
  rows: Iterable<(string | number | null)[]>
}

const maxRows = 1_048_576
const maxColumns = 16_384
const maxCellCharacters = 32_767
const chunkCharacters = 1 << 20
const mainNamespace = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const relationshipNamespace = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const packageRelationshipNamespace = 'http://schemas.openxmlformats.org/package/2006/relationships'
const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const contentTypePrefix = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

/**
 * Writes an XLSX workbook atomically (temporary file, then rename): numbers as numbers, strings as shared
 * strings neutralised against formula injection, sheet names made valid and unique. Returns the file size.
 */
export async function writeXlsx(
  file: string,
  sheets: readonly XlsxSheetToWrite[],
): Promise<{ bytes: number }> {
  const archive = buildXlsx(sheets)
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomUUID()}.tmp`)
  try {
    await writeFile(temporary, archive)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw new Error(`Cannot write XLSX file ${file}: ${(error as Error).message}`, { cause: error })
  }
  return { bytes: archive.length }
}

/** Builds the bytes of an XLSX workbook in memory (see `writeXlsx`). */
export function buildXlsx(sheets: readonly XlsxSheetToWrite[]): Buffer {
  return writeZip(xlsxParts(sheets))
}

/** The parts (ZIP entries) of an XLSX workbook holding these sheets. */
export function xlsxParts(sheets: readonly XlsxSheetToWrite[]): ZipInput[] {
  if (sheets.length === 0) throw new Error('An XLSX workbook needs at least one sheet')
  const sharedStrings = new SharedStrings()
  const taken = new Set<string>()
  const names = sheets.map((sheet) => {
    const name = sanitiseSheetName(sheet.name, taken)
    taken.add(name.toLowerCase())
    return name
  })
  const worksheets = sheets.map((sheet, index) => buildWorksheet(sheet, names[index], sharedStrings))
  const sheetCount = sheets.length
  return [
    { name: '[Content_Types].xml', data: contentTypes(sheetCount) },
    {
      name: '_rels/.rels',
      data: relationships([[`${relationshipNamespace}/officeDocument`, 'xl/workbook.xml']]),
    },
    { name: 'xl/workbook.xml', data: workbook(names) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: relationships([
        ...names.map((_name, index): [string, string] => [
          `${relationshipNamespace}/worksheet`,
          `worksheets/sheet${index + 1}.xml`,
        ]),
        [`${relationshipNamespace}/styles`, 'styles.xml'],
        [`${relationshipNamespace}/sharedStrings`, 'sharedStrings.xml'],
      ]),
    },
    { name: 'xl/styles.xml', data: styles },
    ...worksheets.map((data, index) => ({ name: `xl/worksheets/sheet${index + 1}.xml`, data })),
    { name: 'xl/sharedStrings.xml', data: sharedStrings.toXml() },
  ]
}

/**
 * Makes a valid, unique sheet name: no `[]:*?/\` or control characters, no leading or trailing apostrophe,
 * at most 31 characters, not 'History', not empty, and not in `taken` (lower-case names) — ' (2)' is added.
 */
export function sanitiseSheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  let clean = name
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .replace(/^'+|'+$/g, '')
    .trim()
  if (clean === '' || clean.toLowerCase() === 'history') clean = clean === '' ? 'Sheet' : `${clean}_`
  clean = truncate(clean, 31)
  if (!taken.has(clean.toLowerCase())) return clean
  for (let copy = 2; ; copy++) {
    const suffix = ` (${copy})`
    const candidate = `${truncate(clean, 31 - suffix.length)}${suffix}`
    if (!taken.has(candidate.toLowerCase())) return candidate
  }
}

/**
 * Neutralises spreadsheet formula injection (OWASP CSV-injection advice): text starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return gets a leading apostrophe, so it shows and stays as text.
 */
export function neutraliseFormula(text: string): string {
  const first = text.charCodeAt(0)
  const isRisky =
    first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d
  return isRisky ? `'${text}` : text
}

/** Converts a 0-based column index to its letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = ''
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(0x41 + ((rest - 1) % 26)) + name
  }
  return name
}

class SharedStrings {
  private readonly indexes = new Map<string, number>()
  private readonly items: string[] = []
  private references = 0

  indexOf(text: string): number {
    this.references++
    let index = this.indexes.get(text)
    if (index === undefined) {
      index = this.items.length
      this.indexes.set(text, index)
      this.items.push(`<si>${textElement(text)}</si>`)
    }
    return index
  }

  toXml(): string {
    return (
      `${declaration}<sst xmlns="${mainNamespace}" count="${this.references}" uniqueCount="${this.items.length}">` +
      `${this.items.join('')}</sst>`
    )
  }
}

// Rows are encoded to UTF-8 about every MiB: a single 40 MB string of row strings costs seconds of GC.
function buildWorksheet(sheet: XlsxSheetToWrite, name: string, sharedStrings: SharedStrings): Buffer {
  const chunks: Buffer[] = []
  let pending = ''
  let width = sheet.header.length
  let rowNumber = 0
  const addRow = (cells: readonly (string | number | null)[], style: string) => {
    rowNumber++
    if (rowNumber > maxRows) throw new Error(`Sheet "${name}" has more than ${maxRows} rows, the XLSX limit`)
    if (cells.length > maxColumns) {
      throw new Error(
        `Row ${rowNumber} of sheet "${name}" has more than ${maxColumns} columns, the XLSX limit`,
      )
    }
    width = Math.max(width, cells.length)
    let xml = `<row r="${rowNumber}">`
    for (let index = 0; index < cells.length; index++) {
      const value = cells[index]
      if (value === null || value === undefined || value === '') continue
      const reference = `${columnName(index)}${rowNumber}`
      if (typeof value === 'number' && Number.isFinite(value)) {
        xml += `<c r="${reference}"${style}><v>${value}</v></c>`
      } else {
        const text = neutraliseFormula(String(value))
        xml += `<c r="${reference}"${style} t="s"><v>${sharedStrings.indexOf(text)}</v></c>`
      }
    }
    pending += `${xml}</row>`
    if (pending.length >= chunkCharacters) {
      chunks.push(Buffer.from(pending, 'utf8'))
      pending = ''
    }
  }
  const hasHeader = sheet.header.length > 0
  if (hasHeader) addRow(sheet.header, ' s="1"')
  for (const row of sheet.rows) addRow(row, '')
  const dimension = rowNumber === 0 ? 'A1' : `A1:${columnName(Math.max(0, width - 1))}${rowNumber}`
  const pane = hasHeader ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' : ''
  const start =
    `${declaration}<worksheet xmlns="${mainNamespace}" xmlns:r="${relationshipNamespace}">` +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
  return Buffer.concat([
    Buffer.from(start, 'utf8'),
    ...chunks,
    Buffer.from(`${pending}</sheetData></worksheet>`, 'utf8'),
  ])
}

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_unused, index) =>
      `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="${contentTypePrefix}.worksheet+xml"/>`,
  ).join('')
  return (
    `${declaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${contentTypePrefix}.sheet.main+xml"/>` +
    sheets +
    `<Override PartName="/xl/styles.xml" ContentType="${contentTypePrefix}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${contentTypePrefix}.sharedStrings+xml"/>` +
    '</Types>'
  )
}

function relationships(targets: readonly [type: string, target: string][]): string {
  const items = targets
    .map(([type, target], index) => `<Relationship Id="rId${index + 1}" Type="${type}" Target="${target}"/>`)
    .join('')
  return `${declaration}<Relationships xmlns="${packageRelationshipNamespace}">${items}</Relationships>`
}

function workbook(names: readonly string[]): string {
  const sheets = names
    .map((name, index) => `<sheet name="${escapeXml(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`)
    .join('')
  return (
    `${declaration}<workbook xmlns="${mainNamespace}" xmlns:r="${relationshipNamespace}">` +
    `<bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`
  )
}

const styles =
  `${declaration}<styleSheet xmlns="${mainNamespace}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

const needsEscapePattern = /[&<>"\p{Cc}\ud800-\udfff\ufffe\uffff]|_x[0-9a-f]{4}_/iu

// Text as a `<t>` element: XML-escaped, characters XML cannot hold as `_xHHHH_`, whitespace preserved.
function textElement(text: string): string {
  const clipped = truncate(text, maxCellCharacters)
  const escaped = needsEscapePattern.test(clipped) ? escapeCellText(clipped) : clipped
  const isPadded = /^[ \t\n]|[ \t\n]$/.test(escaped)
  return isPadded ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`
}

function escapeCellText(text: string): string {
  return escapeXml(
    text
      .replace(/_(x[0-9a-f]{4}_)/gi, '_x005F_$1')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/[\p{Cc}\ufffe\uffff]/gu, (character) =>
        // Tab and line feed are valid XML; a carriage return would be read back as a line feed.
        character === '\t' || character === '\n' || (character >= '\x7f' && character <= '\x9f')
          ? character
          : `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
      ),
  )
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (character) =>
    character === '&' ? '&amp;' : character === '<' ? '&lt;' : character === '>' ? '&gt;' : '&quot;',
  )
}

// Cuts at a code-point boundary, never inside a surrogate pair.
function truncate(text: string, length: number): string {
  if (text.length <= length) return text
  const code = text.charCodeAt(length - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length)
}
