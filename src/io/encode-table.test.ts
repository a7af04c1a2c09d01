import { describe, expect, it } from 'vitest'
import { readZip } from './xlsx/read-zip.js'
import { createTableEncoder, encodeCsv } from './encode-table.js'

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

describe('encodeCsv', () => {
  it('writes a BOM, ";" between cells, CRLF, numbers as they are and quotes only where needed', () => {
    const bytes = encodeCsv({
      name: 't',
      header: ['organisation', 'climate (kgCO2e/yr)'],
      rows: [
        ['CNAM > CPAM; Rhône', 1234.5],
        ['Site "A"', -12],
        [null, 0],
      ],
    })
    expect(decode(bytes)).toBe(
      '\uFEFForganisation;climate (kgCO2e/yr)\r\n' +
        '"CNAM > CPAM; Rhône";1234.5\r\n' +
        '"Site ""A""";-12\r\n' +
        ';0\r\n',
    )
  })

  it('neutralises text a spreadsheet would run as a formula, and leaves negative numbers alone', () => {
    const bytes = encodeCsv({
      name: 't',
      header: ['text', 'number'],
      rows: [
        ['=HYPERLINK("http://x","y")', -3],
        ['+1+1', 1],
        ['-2+3', 2],
        ['@SUM(A1)', 3],
        ['\tcmd', 4],
        ['plain = text', 5],
      ],
    })
    expect(decode(bytes).split('\r\n').slice(1, 7)).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")";-3`,
      `'+1+1;1`,
      `'-2+3;2`,
      `'@SUM(A1);3`,
      `'\tcmd;4`,
      `plain = text;5`,
    ])
  })
})

describe('createTableEncoder', () => {
  it('writes XLSX whose shared strings hold the neutralised text and whose numbers stay numbers', () => {
    const bytes = createTableEncoder().encode(
      { name: 'quarantine', header: ['file', 'line'], rows: [['=cmd|" /C calc"!A0', 7]] },
      'xlsx',
    )
    const archive = readZip(Buffer.from(bytes), { file: 'export.xlsx', maxUncompressedBytes: 10_000_000 })
    const part = (name: string): string => archive.read(archive.find(name)!).toString('utf8')
    const sharedStrings = part('xl/sharedStrings.xml')
    expect(sharedStrings).toContain(`<t>'=cmd|&quot; /C calc&quot;!A0</t>`)
    const sheet = part('xl/worksheets/sheet1.xml')
    expect(sheet).toContain('<v>7</v>')
  })
})
