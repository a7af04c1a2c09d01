import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RawRow } from '../../app/ports.js'
import { readXlsx, type XlsxSheetTable } from './read-xlsx.js'
import { buildXlsx } from './write-xlsx.js'
import { writeZip } from './write-zip.js'

const fixtures = join(import.meta.dirname, '../../../fixtures/xlsx')
const fixture = (name: string) => join(fixtures, name)
let folder = ''
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'empreinte-read-xlsx-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function allRows(table: XlsxSheetTable): Promise<RawRow[]> {
  const rows: RawRow[] = []
  for await (const batch of table.batches) rows.push(...batch)
  return rows
}

function summary(table: XlsxSheetTable) {
  const { batches: _batches, file: _file, bytes: _bytes, ...rest } = table
  return rest
}

describe('readXlsx on fixtures/xlsx', () => {
  it('reads hand-made-glpi.xlsx: cover sheet, inventory with rich text, dates, sparse rows, hidden list', async () => {
    const tables = await readXlsx(fixture('hand-made-glpi.xlsx'))
    expect(tables.map(summary)).toEqual([
      {
        sheet: 'Couverture',
        isHidden: false,
        encoding: 'xlsx',
        delimiter: '',
        headerLine: 3,
        header: ['', 'Exporté le', '2024-01-31'],
      },
      {
        sheet: 'Parc & matériel',
        isHidden: false,
        encoding: 'xlsx',
        delimiter: '',
        headerLine: 3,
        header: ['Nom', 'Fabricant', 'Modèle', "Date d'achat", 'Poids', 'Actif', 'Statut', 'Commentaire'],
      },
      {
        sheet: 'Listes',
        isHidden: true,
        encoding: 'xlsx',
        delimiter: '',
        headerLine: 1,
        header: ['Statut', 'Code'],
      },
    ])
    expect(tables[0].bytes).toBe(4390)
    expect(await allRows(tables[0])).toEqual([])
    expect(await allRows(tables[1])).toEqual([
      {
        line: 4,
        values: [
          'PC-001',
          'Dell Latitude 5420',
          'Latitude',
          '2020-01-01',
          '1.36',
          'TRUE',
          '#N/A',
          'Salle & bureau <2> "A" \'B\' 中\nligne 2',
        ],
      },
      { line: 7, values: ['PC-002', '', '', '2023-01-01T12:00:00', '', 'FALSE', '', '東京'] },
      {
        line: 8,
        values: [
          'PC-001-BIS',
          '  espacé  ',
          '',
          '1900-02-29',
          '1900-03-01',
          '18:00:00',
          '1234.5',
          'retour\r\nchariot',
        ],
      },
      { line: 10, values: ['PC-003', 'HP', '', '2023-03-15T06:00:00', '', '', '', ''] },
    ])
    expect(await allRows(tables[2])).toEqual([{ line: 2, values: ['En service', '1'] }])
  })

  it('lets the caller recognise the header, leaving the cover sheet without one', async () => {
    const tables = await readXlsx(fixture('hand-made-glpi.xlsx'), {
      isHeader: (cells) => cells.includes('Nom'),
    })
    expect(tables.map((table) => [table.headerLine, table.problem ?? null])).toEqual([
      [
        0,
        {
          code: 'no_header',
          message: `No header row found in the first 20 rows of sheet "Couverture" of ${fixture('hand-made-glpi.xlsx')}`,
        },
      ],
      [3, null],
      [0, { code: 'no_header', message: expect.stringContaining('sheet "Listes"') }],
    ])
    expect(await allRows(tables[0])).toEqual([
      { line: 1, values: ['', 'Export GLPI — parc informatique'] },
      { line: 3, values: ['', 'Exporté le', '2024-01-31'] },
    ])
  })

  it('reads date-1904.xlsx in the 1904 date system', async () => {
    const [table] = await readXlsx(fixture('date-1904.xlsx'))
    expect(table.header).toEqual(['Équipement', 'Achat'])
    expect(await allRows(table)).toEqual([
      { line: 2, values: ['Origine', '1904-01-01'] },
      { line: 3, values: ['PC-001', '2024-01-02'] },
      { line: 4, values: ['PC-002', '2020-01-01T18:00:00'] },
    ])
  })

  it('reads written-by-empreinte.xlsx', async () => {
    const tables = await readXlsx(fixture('written-by-empreinte.xlsx'))
    expect(tables.map((table) => [table.sheet, table.header])).toEqual([
      [
        'Parc informatique',
        ['Nom', 'Catégorie', 'Fabricant', 'Modèle', 'Année', 'Poids (kg)', 'Commentaire'],
      ],
      ['Notes_ 2024_Q1', ['Clé', 'Valeur']],
    ])
    expect(await allRows(tables[0])).toEqual([
      { line: 2, values: ['PC-0001', 'Portable', 'Dell', 'Latitude 5420', '2021', '1.36', ''] },
      {
        line: 3,
        values: ['PC-0002', 'Écran', 'Iiyama', 'ProLite XU2493HS', '2019', '3.4', 'Salle réunion « Étoile »'],
      },
      { line: 4, values: ['PC-0003', 'Fixe', '', 'OptiPlex 7090', '', '5', "'=1+1"] },
      {
        line: 5,
        values: ['SRV-01', 'Serveur', 'HPE', 'ProLiant DL380 Gen10', '2018', '18.9', "'-20 % de conso"],
      },
      {
        line: 6,
        values: [
          'TEL-0001',
          'Smartphone',
          'Apple',
          'iPhone 12',
          '2020',
          '0.164',
          "'@admin tab\tand\r\nnew line",
        ],
      },
    ])
    expect(await allRows(tables[1])).toEqual([
      { line: 2, values: ['exporté par', 'empreinte'] },
      { line: 3, values: ['lignes', '5'] },
    ])
  })

  it('reads zip-comment.xlsx, stored entries followed by an archive comment', async () => {
    const [table] = await readXlsx(fixture('zip-comment.xlsx'))
    expect(table.header).toEqual(['Nom', 'Quantité'])
    expect(await allRows(table)).toEqual([{ line: 2, values: ['Souris', '12'] }])
  })

  it('refuses not-a-zip.xlsx, a CSV file renamed .xlsx', async () => {
    const file = fixture('not-a-zip.xlsx')
    await expect(readXlsx(file)).rejects.toThrow(
      `${file} is not a valid XLSX workbook: it is not a ZIP archive (it looks like text, maybe a CSV file renamed .xlsx)`,
    )
  })

  it('refuses truncated.xlsx', async () => {
    const file = fixture('truncated.xlsx')
    await expect(readXlsx(file)).rejects.toThrow(
      `${file} is not a valid XLSX workbook: the ZIP archive has no end of central directory record (the file is truncated)`,
    )
  })

  it('refuses zip-bomb.xlsx by its compression ratio, and by its size under a small limit', async () => {
    const file = fixture('zip-bomb.xlsx')
    await expect(readXlsx(file)).rejects.toMatchObject({
      code: 'xlsx_too_large',
      message:
        `${file} is refused as a possible zip bomb: entry xl/worksheets/sheet1.xml expands 1029 times to ` +
        '41943040 bytes (the limit is 200 times for entries over 10485760 bytes)',
    })
    await expect(readXlsx(file, { maxUncompressedBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: 'xlsx_too_large',
      message: `${file} is refused as a possible zip bomb: its entries declare more than 1048576 bytes uncompressed (the limit)`,
    })
  })
})

describe('readXlsx', () => {
  it('streams rows in batches and pads short rows to the header width', async () => {
    const file = join(folder, 'batches.xlsx')
    const rows = Array.from({ length: 5 }, (_unused, index) =>
      index === 2 ? [`r${index}`] : [`r${index}`, index],
    )
    await writeFile(file, buildXlsx([{ name: 'A', header: ['nom', 'n', 'extra'], rows }]))
    const [table] = await readXlsx(file, { batchSize: 2 })
    const sizes: number[] = []
    for await (const batch of table.batches) sizes.push(batch.length)
    expect(sizes).toEqual([2, 2, 1])
    const [again] = await readXlsx(file)
    expect((await allRows(again)).map((row) => row.values)).toEqual([
      ['r0', '0', ''],
      ['r1', '1', ''],
      ['r2', '', ''],
      ['r3', '3', ''],
      ['r4', '4', ''],
    ])
  })

  it('takes the first row of a one-column sheet as its header', async () => {
    const file = join(folder, 'one-column.xlsx')
    await writeFile(file, buildXlsx([{ name: 'A', header: ['Numéro de série'], rows: [['SN1'], ['SN2']] }]))
    const [table] = await readXlsx(file)
    expect([table.headerLine, table.header]).toEqual([1, ['Numéro de série']])
    expect(await allRows(table)).toEqual([
      { line: 2, values: ['SN1'] },
      { line: 3, values: ['SN2'] },
    ])
  })

  it('reports the first bad cell of a row (missing shared string, column beyond XFD) as its problem', async () => {
    const file = join(folder, 'bad-cells.xlsx')
    await writeFile(
      file,
      workbookWithSheet(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>' +
          '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="ZZZZ2"><v>1</v></c><c r="B2"><v>2</v></c></row>' +
          '<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c><c r="ZZZZ3"><v>1</v></c><c r="B3"><v>3</v></c></row>',
      ),
    )
    const [table] = await readXlsx(file)
    expect(await allRows(table)).toEqual([
      {
        line: 2,
        values: ['', '2'],
        problem: { code: 'bad_shared_string', message: 'Shared string 7 does not exist' },
      },
      {
        line: 3,
        values: ['x', '3'],
        problem: { code: 'bad_cell_reference', message: 'Cell ZZZZ3 lies beyond column XFD' },
      },
    ])
  })

  it('explains a ZIP archive that is another Office document', async () => {
    const file = join(folder, 'letter.xlsx')
    await writeFile(file, writeZip([{ name: 'word/document.xml', data: '<w:document/>' }]))
    await expect(readXlsx(file)).rejects.toThrow(
      `${file} is not a valid XLSX workbook: the ZIP archive holds no workbook part (xl/workbook.xml); it is a Word document`,
    )
  })

  it('explains a workbook whose sheet part is missing', async () => {
    const file = join(folder, 'missing-sheet.xlsx')
    await writeFile(
      file,
      writeZip([
        {
          name: 'xl/workbook.xml',
          data: '<workbook><sheets><sheet name="Parc" r:id="rId1"/></sheets></workbook>',
        },
      ]),
    )
    await expect(readXlsx(file)).rejects.toThrow(
      `${file} is not a valid XLSX workbook: sheet "Parc" points to no worksheet part in the archive`,
    )
  })

  it('says which file it cannot open', async () => {
    const file = join(folder, 'absent.xlsx')
    await expect(readXlsx(file)).rejects.toThrow(`Cannot read XLSX file ${file}: ENOENT`)
  })
})

function workbookWithSheet(rows: string): Buffer {
  const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  return writeZip([
    {
      name: 'xl/workbook.xml',
      data: `<workbook xmlns:r="${relationships}"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships><Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/s.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/s.xml', data: `<worksheet><sheetData>${rows}</sheetData></worksheet>` },
  ])
}
