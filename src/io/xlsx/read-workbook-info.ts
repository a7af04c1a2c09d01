import { numberFormatKind, type NumberFormatKind } from './excel-date.js'
import type { ZipArchive } from './read-zip.js'
import { invalidWorkbook } from './xlsx-error.js'
import { XmlScanner } from './xml-scanner.js'

/** A worksheet listed in the workbook, with the ZIP part that holds its cells. */
export type WorkbookSheet = { name: string; part: string; isHidden: boolean }

/** What every sheet needs to turn its cells into text. */
export type WorkbookInfo = {
  /** Worksheets in workbook order (chart sheets and dialog sheets left out). */
  sheets: WorkbookSheet[]
  /** Dates count from 1904-01-01 instead of 1900-01-00. */
  is1904: boolean
  /** Number format kind of each cell style (`s` attribute), from `cellXfs`. */
  styleKinds: NumberFormatKind[]
  sharedStrings: string[]
}

type Relationship = { id: string; type: string; target: string }

/** Reads the workbook, its relationships, styles and shared strings from an opened XLSX archive. */
export function readWorkbookInfo(archive: ZipArchive, file: string): WorkbookInfo {
  const rootRelationships = readRelationships(archive, '_rels/.rels', '')
  const officeDocument = rootRelationships.find((relationship) =>
    relationship.type.endsWith('/officeDocument'),
  )
  const workbookPart = officeDocument?.target ?? 'xl/workbook.xml'
  if (workbookPart.toLowerCase().endsWith('.bin')) {
    throw invalidWorkbook(file, 'it is a binary workbook (.xlsb), which is not supported; save it as .xlsx')
  }
  const workbookXml = readPart(archive, workbookPart)
  if (workbookXml === undefined) {
    const kind = archive.find('word/document.xml')
      ? 'a Word document'
      : archive.find('ppt/presentation.xml')
        ? 'a PowerPoint presentation'
        : ''
    throw invalidWorkbook(
      file,
      `the ZIP archive holds no workbook part (${workbookPart})${kind ? `; it is ${kind}` : ''}`,
    )
  }
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1)
  const relationships = readRelationships(
    archive,
    `${folder}_rels/${workbookPart.slice(folder.length)}.rels`,
    folder,
  )
  const byId = new Map(relationships.map((relationship) => [relationship.id, relationship]))
  const targetOf = (type: string, fallback: string) =>
    relationships.find((relationship) => relationship.type.endsWith(type))?.target ?? fallback

  const sheets: WorkbookSheet[] = []
  let is1904 = false
  const scanner = new XmlScanner(workbookXml)
  while (scanner.next()) {
    if (scanner.isEnd) continue
    if (scanner.name === 'workbookPr') {
      const value = scanner.attribute('date1904')
      is1904 = value === '1' || value === 'true'
    } else if (scanner.name === 'sheet') {
      const name = scanner.attribute('name') ?? ''
      const relationship = byId.get(scanner.attribute('id') ?? '')
      if (relationship && !relationship.type.endsWith('/worksheet')) continue
      if (!relationship || !archive.find(relationship.target)) {
        throw invalidWorkbook(file, `sheet "${name}" points to no worksheet part in the archive`)
      }
      const state = scanner.attribute('state')
      sheets.push({ name, part: relationship.target, isHidden: state === 'hidden' || state === 'veryHidden' })
    }
  }
  const stylesXml = readPart(archive, targetOf('/styles', `${folder}styles.xml`))
  const sharedStringsXml = readPart(archive, targetOf('/sharedStrings', `${folder}sharedStrings.xml`))
  return {
    sheets,
    is1904,
    styleKinds: stylesXml === undefined ? [] : readStyleKinds(stylesXml),
    sharedStrings: sharedStringsXml === undefined ? [] : readSharedStrings(sharedStringsXml),
  }
}

/** The text of a ZIP part (UTF-8, or UTF-16 with a byte-order mark); undefined when the part is absent. */
export function readPart(archive: ZipArchive, name: string): string | undefined {
  const entry = archive.find(name)
  if (!entry) return undefined
  const bytes = archive.read(entry)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2)
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
  return bytes.toString('utf8', bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0)
}

/** Decodes OOXML's `_xHHHH_` escapes (`_x000D_` is a carriage return; `_x005F_` escapes the underscore). */
export function decodeOoxmlEscapes(text: string): string {
  if (text.indexOf('_x') === -1) return text
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hexadecimal: string) =>
    String.fromCharCode(Number.parseInt(hexadecimal, 16)),
  )
}

/** Reads the text of a `<t>` element: OOXML escapes decoded, trimmed unless `xml:space="preserve"`. */
export function readTextElement(scanner: XmlScanner): string {
  const isPreserved = scanner.attribute('space') === 'preserve'
  const text = decodeOoxmlEscapes(scanner.text())
  return isPreserved ? text : text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '')
}

function readRelationships(archive: ZipArchive, part: string, folder: string): Relationship[] {
  const xml = readPart(archive, part)
  if (xml === undefined) return []
  const relationships: Relationship[] = []
  const scanner = new XmlScanner(xml)
  while (scanner.next()) {
    if (scanner.isEnd || scanner.name !== 'Relationship') continue
    if (scanner.attribute('TargetMode') === 'External') continue
    const target = scanner.attribute('Target') ?? ''
    relationships.push({
      id: scanner.attribute('Id') ?? '',
      type: scanner.attribute('Type') ?? '',
      target: resolvePartName(folder, target),
    })
  }
  return relationships
}

function resolvePartName(folder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : folder + target
  const parts: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '..') parts.pop()
    else if (segment !== '.' && segment !== '') parts.push(segment)
  }
  return parts.join('/')
}

function readStyleKinds(xml: string): NumberFormatKind[] {
  const codes = new Map<number, string>()
  const kinds: NumberFormatKind[] = []
  let isInCellFormats = false
  const scanner = new XmlScanner(xml)
  while (scanner.next()) {
    if (scanner.name === 'numFmt' && !scanner.isEnd) {
      codes.set(Number(scanner.attribute('numFmtId')), scanner.attribute('formatCode') ?? '')
    } else if (scanner.name === 'cellXfs') {
      isInCellFormats = !scanner.isEnd && !scanner.isSelfClosing
    } else if (scanner.name === 'xf' && isInCellFormats && !scanner.isEnd) {
      const id = Number(scanner.attribute('numFmtId') ?? '0')
      kinds.push(numberFormatKind(id, codes.get(id)))
    }
  }
  return kinds
}

function readSharedStrings(xml: string): string[] {
  const strings: string[] = []
  let current = ''
  let isInPhonetic = false
  const scanner = new XmlScanner(xml)
  while (scanner.next()) {
    const name = scanner.name
    if (name === 't') {
      if (!scanner.isEnd && !isInPhonetic) current += readTextElement(scanner)
    } else if (name === 'si') {
      if (scanner.isSelfClosing) strings.push('')
      else if (scanner.isEnd) strings.push(current)
      else current = ''
    } else if (name === 'rPh') {
      isInPhonetic = !scanner.isEnd && !scanner.isSelfClosing
    }
  }
  return strings
}
