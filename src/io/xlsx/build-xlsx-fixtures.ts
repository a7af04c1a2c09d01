/**
 * Builds the workbooks of `fixtures/xlsx/` (see its README). Run it again after a change:
 *   npx tsx -e "import('./src/io/xlsx/build-xlsx-fixtures.ts').then((m) => m.writeXlsxFixtures('fixtures/xlsx'))"
 * The hand-made workbooks are written part by part, with what `buildXlsx` never produces: rich text, custom
 * date formats, sparse rows, prefixed elements, a cover sheet, hidden sheets, the 1904 date system.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildXlsx, xlsxParts } from './write-xlsx.js'
import { writeZip } from './write-zip.js'

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const relationshipBase = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const packageRelationships = 'http://schemas.openxmlformats.org/package/2006/relationships'
const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
const mebibyte = 1024 * 1024

/** Every fixture by file name, built in memory. */
export function buildXlsxFixtures(): Map<string, Buffer> {
  const written = writtenInventory()
  return new Map([
    ['written-by-empreinte.xlsx', written],
    ['hand-made-glpi.xlsx', handMadeGlpi()],
    ['date-1904.xlsx', date1904()],
    ['zip-comment.xlsx', withComment()],
    ['not-a-zip.xlsx', Buffer.from('Nom;Fabricant;Modèle\r\nPC-001;Dell;Latitude 5420\r\n', 'utf8')],
    ['truncated.xlsx', written.subarray(0, Math.floor(written.length / 2))],
    ['zip-bomb.xlsx', zipBomb()],
  ])
}

/** Writes every fixture into `folder`. */
export async function writeXlsxFixtures(folder: string): Promise<void> {
  for (const [name, bytes] of buildXlsxFixtures()) await writeFile(join(folder, name), bytes)
}

function writtenInventory(): Buffer {
  return buildXlsx([
    {
      name: 'Parc informatique',
      header: ['Nom', 'Catégorie', 'Fabricant', 'Modèle', 'Année', 'Poids (kg)', 'Commentaire'],
      rows: [
        ['PC-0001', 'Portable', 'Dell', 'Latitude 5420', 2021, 1.36, null],
        ['PC-0002', 'Écran', 'Iiyama', 'ProLite XU2493HS', 2019, 3.4, 'Salle réunion « Étoile »'],
        ['PC-0003', 'Fixe', '', 'OptiPlex 7090', null, 5, '=1+1'],
        ['SRV-01', 'Serveur', 'HPE', 'ProLiant DL380 Gen10', 2018, 18.9, '-20 % de conso'],
        ['TEL-0001', 'Smartphone', 'Apple', 'iPhone 12', 2020, 0.164, '@admin tab\tand\r\nnew line'],
      ],
    },
    {
      name: 'Notes: 2024/Q1',
      header: ['Clé', 'Valeur'],
      rows: [
        ['exporté par', 'empreinte'],
        ['lignes', 5],
      ],
    },
  ])
}

function part(name: string, xml: string): { name: string; data: string } {
  return { name, data: declaration + xml }
}

function contentTypes(sheets: string[], hasSharedStrings: boolean): string {
  const spreadsheet = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
  return (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${spreadsheet}.sheet.main+xml"/>` +
    sheets
      .map((sheet) => `<Override PartName="/${sheet}" ContentType="${spreadsheet}.worksheet+xml"/>`)
      .join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${spreadsheet}.styles+xml"/>` +
    (hasSharedStrings
      ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${spreadsheet}.sharedStrings+xml"/>`
      : '') +
    '</Types>'
  )
}

const rootRelationships =
  `<Relationships xmlns="${packageRelationships}">` +
  `<Relationship Id="rId1" Type="${relationshipBase}/officeDocument" Target="/xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${relationshipBase}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>'

// A GLPI-like export saved by a spreadsheet program: cover sheet first, inventory second, hidden lists third.
function handMadeGlpi(): Buffer {
  const workbook =
    `<workbook xmlns="${main}" xmlns:r="${relationshipBase}"><workbookPr defaultThemeVersion="164011"/>` +
    '<bookViews><workbookView activeTab="1"/></bookViews><sheets>' +
    '<sheet name="Couverture" sheetId="3" r:id="rId7"/>' +
    '<sheet name="Parc &amp; matériel" sheetId="1" r:id="rId2"/>' +
    '<sheet name="Listes" sheetId="2" state="hidden" r:id="rId5"/>' +
    '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">' +
    "'Parc &amp; matériel'!$A$3:$H$10</definedName></definedNames></workbook>"
  const workbookRelationships =
    `<Relationships xmlns="${packageRelationships}">` +
    `<Relationship Id="rId2" Type="${relationshipBase}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId3" Type="${relationshipBase}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId4" Type="${relationshipBase}/styles" Target="./styles.xml"/>` +
    `<Relationship Id="rId5" Type="${relationshipBase}/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
    `<Relationship Id="rId7" Type="${relationshipBase}/worksheet" Target="worksheets/../worksheets/cover.xml"/>` +
    `<Relationship Id="rId9" Type="${relationshipBase}/hyperlink" Target="https://glpi.example.org" TargetMode="External"/>` +
    '</Relationships>'
  const styles =
    `<styleSheet xmlns="${main}"><numFmts count="4">` +
    '<numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/>' +
    '<numFmt numFmtId="165" formatCode="[$-40C]d\\ mmmm\\ yyyy\\ h:mm"/>' +
    '<numFmt numFmtId="166" formatCode="0.00&quot; kg&quot;"/>' +
    '<numFmt numFmtId="167" formatCode="[h]:mm"/></numFmts>' +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border/></borders>' +
    '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
    '</styleSheet>'
  const strings = [
    '<si><t>Nom</t></si>',
    '<si><t>Fabricant</t></si>',
    '<si><t>Modèle</t></si>',
    "<si><t>Date d'achat</t></si>",
    '<si><t>Poids</t></si>',
    '<si><t>Actif</t></si>',
    '<si><t>Statut</t></si>',
    '<si><t>Commentaire</t></si>',
    '<si><t>PC-001</t></si>',
    '<si><r><rPr><b/><sz val="11"/></rPr><t>Dell</t></r><r><rPr><sz val="11"/></rPr><t xml:space="preserve"> Latitude </t></r><r><t>5420</t></r></si>',
    '<si><t>Salle &amp; bureau &lt;2&gt; &quot;A&quot; &apos;B&apos; &#x4E2D;&#10;ligne 2</t></si>',
    '<si><t>PC-002</t></si>',
    '<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
    '<si><t xml:space="preserve">  espacé  </t></si>',
    '<si><t>retour_x000D_\nchariot</t></si>',
    '<si/>',
  ]
  const sharedStrings = `<sst xmlns="${main}" count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</sst>`
  const cover =
    `<x:worksheet xmlns:x="${main}"><x:sheetData>` +
    '<x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>Export GLPI — parc informatique</x:t></x:is></x:c></x:row>' +
    '<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>Exporté le</x:t></x:is></x:c><x:c r="C3" s="1"><x:v>45322</x:v></x:c></x:row>' +
    '</x:sheetData></x:worksheet>'
  const inventory =
    `<worksheet xmlns="${main}" xmlns:r="${relationshipBase}"><dimension ref="A1:H10"/><sheetData>` +
    '<row r="1" spans="1:8"><c r="A1" t="inlineStr"><is><t>Inventaire au 31/12/2023</t></is></c></row>' +
    '<row r="3" spans="1:8">' +
    [0, 1, 2, 3, 4, 5, 6, 7]
      .map((index) => `<c r="${'ABCDEFGH'[index]}3" t="s"><v>${index}</v></c>`)
      .join('') +
    '</row>' +
    '<row r="4" spans="1:8"><c r="A4" t="s"><v>8</v></c><c r="B4" t="s"><v>9</v></c>' +
    '<c r="C4" t="inlineStr"><is><r><t>Lat</t></r><r><t>itude</t></r></is></c>' +
    '<c r="D4" s="1"><v>43831</v></c><c r="E4" s="3"><v>1.36</v></c><c r="F4" t="b"><v>1</v></c>' +
    '<c r="G4" t="e"><v>#N/A</v></c><c r="H4" t="s"><v>10</v></c></row>' +
    '<row r="7"><c r="A7" t="s"><v>11</v></c><c r="D7" s="4"><v>44927.5</v></c><c r="F7" t="b"><v>0</v></c>' +
    '<c r="H7" t="s"><v>12</v></c></row>' +
    '<row r="8"><c r="A8" t="str"><f>A4&amp;"-BIS"</f><v>PC-001-BIS</v></c><c r="B8" t="s"><v>13</v></c>' +
    '<c r="D8" s="2"><v>60</v></c><c r="E8" s="2"><v>61</v></c><c r="F8" s="5"><v>0.75</v></c>' +
    '<c r="G8"><f>1/0</f><v>1234.5</v></c><c r="H8" t="s"><v>14</v></c></row>' +
    '<row r="9"><c r="A9" s="1"/><c r="B9" t="s"><v>15</v></c></row>' +
    '<row r="10"><c t="inlineStr"><is><t>PC-003</t></is></c><c t="inlineStr"><is><t>HP</t></is></c><c/>' +
    '<c s="1"><v>45000.25</v></c></row>' +
    '</sheetData><autoFilter ref="A3:H10"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  const lists =
    `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Statut</t></is></c>` +
    '<c r="B1" t="inlineStr"><is><t>Code</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>En service</t></is></c><c r="B2"><v>1</v></c></row></sheetData></worksheet>'
  return writeZip([
    part(
      '[Content_Types].xml',
      contentTypes(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/cover.xml'], true),
    ),
    part('_rels/.rels', rootRelationships),
    part(
      'docProps/app.xml',
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>',
    ),
    part('xl/workbook.xml', workbook),
    part('xl/_rels/workbook.xml.rels', workbookRelationships),
    part('xl/styles.xml', styles),
    part('xl/sharedStrings.xml', sharedStrings),
    part('xl/worksheets/cover.xml', cover),
    part('xl/worksheets/sheet1.xml', inventory),
    part('xl/worksheets/sheet2.xml', lists),
  ])
}

// A workbook in the 1904 date system (old Mac Excel), with inline strings only and no shared strings part.
function date1904(): Buffer {
  const workbook =
    `<workbook xmlns="${main}" xmlns:r="${relationshipBase}"><workbookPr date1904="1"/>` +
    '<sheets><sheet name="Achats" sheetId="1" r:id="rId1"/></sheets></workbook>'
  const workbookRelationships =
    `<Relationships xmlns="${packageRelationships}">` +
    `<Relationship Id="rId1" Type="${relationshipBase}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${relationshipBase}/styles" Target="styles.xml"/></Relationships>`
  const styles = `<styleSheet xmlns="${main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`
  const sheet =
    `<worksheet xmlns="${main}"><sheetData>` +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Équipement</t></is></c><c r="B1" t="inlineStr"><is><t>Achat</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Origine</t></is></c><c r="B2" s="1"><v>0</v></c></row>' +
    '<row r="3"><c r="A3" t="inlineStr"><is><t>PC-001</t></is></c><c r="B3" s="1"><v>43831</v></c></row>' +
    '<row r="4"><c r="A4" t="inlineStr"><is><t>PC-002</t></is></c><c r="B4" s="1"><v>42369.75</v></c></row>' +
    '</sheetData></worksheet>'
  return writeZip([
    part('[Content_Types].xml', contentTypes(['xl/worksheets/sheet1.xml'], false)),
    part('_rels/.rels', rootRelationships),
    part('xl/workbook.xml', workbook),
    part('xl/_rels/workbook.xml.rels', workbookRelationships),
    part('xl/styles.xml', styles),
    part('xl/worksheets/sheet1.xml', sheet),
  ])
}

// A small workbook, every entry stored uncompressed, with an archive comment after the end record.
function withComment(): Buffer {
  const parts = xlsxParts([{ name: 'Feuil1', header: ['Nom', 'Quantité'], rows: [['Souris', 12]] }])
  return writeZip(parts, {
    comment: 'Généré pour les tests — commentaire ZIP après la fin du répertoire central.',
    isStoredOnly: true,
  })
}

// 40 MiB of '0' characters inside the first worksheet deflate to about 40 KiB: a ratio near 1000:1.
function zipBomb(): Buffer {
  const workbook =
    `<workbook xmlns="${main}" xmlns:r="${relationshipBase}">` +
    '<sheets><sheet name="Bombe" sheetId="1" r:id="rId1"/></sheets></workbook>'
  const workbookRelationships =
    `<Relationships xmlns="${packageRelationships}">` +
    `<Relationship Id="rId1" Type="${relationshipBase}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
  return writeZip([
    part('[Content_Types].xml', contentTypes(['xl/worksheets/sheet1.xml'], false)),
    part('_rels/.rels', rootRelationships),
    part('xl/workbook.xml', workbook),
    part('xl/_rels/workbook.xml.rels', workbookRelationships),
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * mebibyte, 0x30) },
  ])
}
