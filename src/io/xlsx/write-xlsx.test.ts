import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RawRow } from '../../app/ports.js'
import { readXlsx } from './read-xlsx.js'
import { readZip } from './read-zip.js'
import { buildXlsx, columnName, neutraliseFormula, sanitiseSheetName, writeXlsx } from './write-xlsx.js'

let folder = ''
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'empreinte-xlsx-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function allRows(batches: AsyncIterable<RawRow[]>): Promise<RawRow[]> {
  const rows: RawRow[] = []
  for await (const batch of batches) rows.push(...batch)
  return rows
}

describe('writeXlsx', () => {
  it('round-trips header, text, numbers, empty cells and accents, with formulas neutralised', async () => {
    const file = join(folder, 'parc.xlsx')
    const { bytes } = await writeXlsx(file, [
      {
        name: 'Parc',
        header: ['Nom', 'Modèle', 'Quantité', 'Commentaire'],
        rows: [
          ['PC-001', 'Latitude 5420', 2, '=1+1'],
          ['PC-002', null, 1234.5, ''],
          ['Écran « Ø »', '', -0.25, '+33 1 23'],
          ['', '', 0, '@SUM(A1)'],
          ['  espaces  ', 'a&b<c>"d"', 1e21, '-5'],
        ],
      },
    ])
    const [table] = await readXlsx(file)
    expect(table).toMatchObject({
      file,
      sheet: 'Parc',
      isHidden: false,
      encoding: 'xlsx',
      delimiter: '',
      headerLine: 1,
      header: ['Nom', 'Modèle', 'Quantité', 'Commentaire'],
      bytes,
    })
    expect(table.problem).toBeUndefined()
    expect(await allRows(table.batches)).toEqual([
      { line: 2, values: ['PC-001', 'Latitude 5420', '2', "'=1+1"] },
      { line: 3, values: ['PC-002', '', '1234.5', ''] },
      { line: 4, values: ['Écran « Ø »', '', '-0.25', "'+33 1 23"] },
      { line: 5, values: ['', '', '0', "'@SUM(A1)"] },
      { line: 6, values: ['  espaces  ', 'a&b<c>"d"', '1e+21', "'-5"] },
    ])
  })

  it('keeps control characters, carriage returns and literal _xHHHH_ text through OOXML escapes', async () => {
    const file = join(folder, 'escapes.xlsx')
    await writeXlsx(file, [
      { name: 'A', header: ['a', 'b'], rows: [['x\r\ny\u0001', 'lit _x0041_ \ud800 end']] },
    ])
    const [table] = await readXlsx(file)
    expect(await allRows(table.batches)).toEqual([
      { line: 2, values: ['x\r\ny\u0001', 'lit _x0041_ \ufffd end'] },
    ])
  })

  it('writes numbers as numeric cells, strings as shared strings and never a formula', () => {
    const archive = readZip(buildXlsx([{ name: 'S', header: ['n', 's'], rows: [[42, '=HYPERLINK("x")']] }]), {
      file: 'x.xlsx',
      maxUncompressedBytes: 1 << 20,
    })
    const sheet = archive.read(archive.find('xl/worksheets/sheet1.xml')!).toString('utf8')
    const strings = archive.read(archive.find('xl/sharedStrings.xml')!).toString('utf8')
    expect(sheet).toContain('<row r="2"><c r="A2"><v>42</v></c><c r="B2" t="s"><v>2</v></c></row>')
    expect(sheet).not.toContain('<f>')
    expect(strings).toContain("<si><t>'=HYPERLINK(&quot;x&quot;)</t></si>")
    expect(archive.entries.map((entry) => entry.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/sharedStrings.xml',
    ])
  })

  it('gives every sheet a valid, unique name, and keeps empty sheets', async () => {
    const file = join(folder, 'names.xlsx')
    await writeXlsx(file, [
      { name: 'Parc: 2024/Q1 [brouillon]', header: ['a', 'b'], rows: [] },
      { name: 'parc_ 2024_q1 _brouillon_', header: [], rows: [] },
      { name: "'Un nom bien trop long pour un onglet Excel'", header: ['a', 'b'], rows: [[1, 2]] },
    ])
    const tables = await readXlsx(file)
    expect(tables.map((table) => [table.sheet, table.problem?.code ?? null])).toEqual([
      ['Parc_ 2024_Q1 _brouillon_', null],
      ['parc_ 2024_q1 _brouillon_ (2)', 'empty_sheet'],
      ['Un nom bien trop long pour un o', null],
    ])
  })

  it('replaces the file atomically and leaves no temporary file behind', async () => {
    const file = join(folder, 'out.xlsx')
    await writeXlsx(file, [{ name: 'A', header: ['a', 'b'], rows: [['old', 1]] }])
    await writeXlsx(file, [{ name: 'A', header: ['a', 'b'], rows: [['new', 2]] }])
    expect(await readdir(folder)).toEqual(['out.xlsx'])
    const [table] = await readXlsx(file)
    expect(await allRows(table.batches)).toEqual([{ line: 2, values: ['new', '2'] }])
  })

  it('fails with the file name when the folder does not exist, leaving nothing behind', async () => {
    const file = join(folder, 'missing', 'out.xlsx')
    await expect(writeXlsx(file, [{ name: 'A', header: ['a'], rows: [] }])).rejects.toThrow(
      `Cannot write XLSX file ${file}: ENOENT`,
    )
    expect(await readdir(folder)).toEqual([])
  })

  it('refuses a workbook without sheets', () => {
    expect(() => buildXlsx([])).toThrow('An XLSX workbook needs at least one sheet')
  })
})

describe('sanitiseSheetName', () => {
  it.each([
    ['Parc', 'Parc'],
    ['a[b]c:d*e?f/g\\h', 'a_b_c_d_e_f_g_h'],
    ["'quoted'", 'quoted'],
    ['', 'Sheet'],
    ['History', 'History_'],
    ['tab\there', 'tab_here'],
    ['1234567890123456789012345678901234567890', '1234567890123456789012345678901'],
  ])('turns %j into %j', (name, expected) => {
    expect(sanitiseSheetName(name)).toBe(expected)
  })

  it('makes names unique without passing 31 characters', () => {
    expect(sanitiseSheetName('Parc', new Set(['parc']))).toBe('Parc (2)')
    expect(sanitiseSheetName('Parc', new Set(['parc', 'parc (2)']))).toBe('Parc (3)')
    expect(sanitiseSheetName('x'.repeat(40), new Set(['x'.repeat(31)]))).toBe(`${'x'.repeat(27)} (2)`)
  })
})

describe('neutraliseFormula', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+1', '-1', '@x', '\tx', '\rx', 'a=1', '', "'x"].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      "'\rx",
      'a=1',
      '',
      "'x",
    ])
  })
})

describe('columnName', () => {
  it('names columns like Excel', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ])
  })
})
