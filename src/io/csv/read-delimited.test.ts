import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  readDelimited,
  type DelimitedRow,
  type DelimitedTable,
  type ReadDelimitedOptions,
} from './read-delimited.js'

const fixtures = fileURLToPath(new URL('../../../fixtures/csv/', import.meta.url))
const glpiHeader = [
  'Nom',
  'Entité',
  'Statut',
  'Fabricant',
  'Modèle',
  'Type',
  'Numéro de série',
  'Lieu',
  "Date d'achat",
  'Date de réforme',
]

async function readAll(
  file: string,
  options?: ReadDelimitedOptions,
): Promise<{ table: DelimitedTable; rows: DelimitedRow[] }> {
  const table = await readDelimited(file, options)
  const rows: DelimitedRow[] = []
  for await (const batch of table.batches) rows.push(...batch)
  return { table, rows }
}

function summary(table: DelimitedTable): Omit<DelimitedTable, 'batches' | 'file'> {
  const { encoding, delimiter, headerLine, header, bytes, problem } = table
  return problem
    ? { encoding, delimiter, headerLine, header, bytes, problem }
    : { encoding, delimiter, headerLine, header, bytes }
}

let directory = ''
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'empreinte-csv-'))
})
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
})

describe('readDelimited on fixtures', () => {
  it('reads a Windows-1252 GLPI export with a title line, a blank line and CRLF', async () => {
    const { table, rows } = await readAll(join(fixtures, 'glpi-cp1252.csv'))
    expect(summary(table)).toEqual({
      encoding: 'windows-1252',
      delimiter: ';',
      headerLine: 3,
      header: glpiHeader,
      bytes: 761,
    })
    expect(rows.map((row) => row.line)).toEqual([4, 5, 6, 7, 8])
    expect(rows.every((row) => row.values.length === 10 && !row.problem)).toBe(true)
    expect(rows[0].values).toEqual([
      'PC-COMPTA-01',
      'Siège > Comptabilité',
      'En service',
      'Dell Inc.',
      'Latitude 5420',
      'Portable',
      '5CG1234XYZ',
      'Bâtiment A – 2e étage',
      '15/01/2021 14:32',
      '',
    ])
    // 0x9C → œ, 0x92 → ’, 0x80 → €, 0xE7 → ç; the stray quote of `24"` stays.
    expect(rows[1].values[7]).toBe('Cœur de réseau')
    expect(rows[2].values.slice(1, 8)).toEqual([
      'Agence de Besançon',
      'En stock',
      'Iiyama',
      'ProLite XU2492HSU 24"',
      'Moniteur',
      '1148211A',
      'Salle d’attente',
    ])
    expect(rows[3].values[4]).toBe('iPhone 13 – forfait 45 €/mois')
    expect(rows[4].values.slice(7)).toEqual(['Façade nord', '', '12/12/2023'])
  })

  it('reads a UTF-8 file with BOM, quoted delimiters, an embedded CRLF and doubled quotes', async () => {
    const { table, rows } = await readAll(join(fixtures, 'glpi-utf8-bom.csv'))
    expect(summary(table)).toEqual({
      encoding: 'utf-8-bom',
      delimiter: ';',
      headerLine: 1,
      header: glpiHeader,
      bytes: 374,
    })
    expect(rows).toEqual([
      {
        line: 2,
        values: [
          'PC-001',
          'Siège',
          'En service',
          'Lenovo',
          'ThinkPad T14; Gen 2',
          'Portable',
          'PF2ABC12',
          'Bâtiment B\r\nBureau 204',
          '2021-03-15',
          '',
        ],
      },
      {
        line: 4,
        values: [
          'PC-002',
          'Siège',
          'En service',
          'HP',
          'EliteBook 840 "G8"',
          'Portable',
          '5CD1122XY',
          'Open space',
          '2021-04-01',
          '',
        ],
      },
      {
        line: 5,
        values: [
          '  PC-003 ',
          'Agence Lyon',
          'En stock',
          'Dell',
          'OptiPlex 7090',
          'Fixe',
          '7XK9J3',
          '',
          '',
          '',
        ],
      },
    ])
  })

  it('detects a comma delimiter in a LF file without a final newline', async () => {
    const { table, rows } = await readAll(join(fixtures, 'comma-utf8.csv'))
    expect(summary(table)).toEqual({
      encoding: 'utf-8',
      delimiter: ',',
      headerLine: 1,
      header: [
        'name',
        'entity',
        'status',
        'manufacturer',
        'model',
        'type',
        'serial',
        'location',
        'purchase_date',
      ],
      bytes: 314,
    })
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4])
    expect(rows[0].values[4]).toBe('Latitude 7420, 14"')
    expect(rows[0].values[7]).toBe('Hôtel de ville')
    expect(rows[1].values[7]).toBe('Salle A;B')
    expect(rows[2].values).toEqual([
      'srv-103',
      'DSI',
      'retired',
      'Dell',
      'PowerEdge R740',
      'server',
      'ABC103',
      'Datacenter',
      '2019-01-20',
    ])
  })

  it('returns broken rows as data: unterminated quote, short row, NUL byte, trailing blank lines', async () => {
    const { table, rows } = await readAll(join(fixtures, 'broken.csv'))
    expect(summary(table)).toEqual({
      encoding: 'utf-8',
      delimiter: ';',
      headerLine: 1,
      header: ['Nom', 'Statut', 'Modèle', 'Lieu'],
      bytes: 221,
    })
    expect(rows.map(({ line, values, problem }) => ({ line, values, code: problem?.code }))).toEqual([
      { line: 2, values: ['PC-1', 'En service', 'Surface "Pro" 8', 'Lille'], code: undefined },
      { line: 3, values: ['PC-2', 'En service', 'Latitude 14"', 'Paris'], code: undefined },
      { line: 4, values: ['PC-3', 'En stock', '"OptiPlex 7090', 'Lyon'], code: 'unterminated_quote' },
      { line: 5, values: ['PC-4', 'En service'], code: undefined },
      { line: 6, values: ['PC-5', 'En ser\u0000vice', 'Precision', 'Nantes'], code: 'binary_content' },
      { line: 7, values: ['PC-6', 'Hors service', 'ThinkPad', 'Rennes'], code: undefined },
    ])
    expect(rows[2].problem?.message).toContain('line 4')
  })

  it('reports an empty file as a table problem with no rows', async () => {
    const { table, rows } = await readAll(join(fixtures, 'empty.csv'))
    expect(summary(table)).toEqual({
      encoding: 'utf-8',
      delimiter: ';',
      headerLine: 0,
      header: [],
      bytes: 0,
      problem: { code: 'empty_file', message: `${join(fixtures, 'empty.csv')} holds no data` },
    })
    expect(rows).toEqual([])
  })

  it('reads a header-only file as zero rows without a problem', async () => {
    const { table, rows } = await readAll(join(fixtures, 'header-only.csv'))
    expect(summary(table)).toEqual({
      encoding: 'utf-8',
      delimiter: ';',
      headerLine: 1,
      header: ['Nom', 'Entité', 'Statut'],
      bytes: 20,
    })
    expect(rows).toEqual([])
  })

  it('reads an Excel "Unicode text" export (UTF-16 LE, tabs)', async () => {
    const { table, rows } = await readAll(join(fixtures, 'excel-unicode-utf16le.txt'))
    expect(summary(table)).toEqual({
      encoding: 'utf-16le',
      delimiter: '\t',
      headerLine: 1,
      header: ['Nom', 'Fabricant', 'Modèle', 'Lieu'],
      bytes: 236,
    })
    expect(rows).toEqual([
      { line: 2, values: ['PC-010', 'Dell', 'Latitude 5430', 'Saint-Étienne'] },
      { line: 3, values: ['PC-011', 'Lenovo', 'ThinkPad X1 – Gen 9', 'Cœur de ville'] },
    ])
  })
})

describe('readDelimited options and errors', () => {
  it('throws an error naming a missing file', async () => {
    const missing = join(directory, 'missing.csv')
    await expect(readDelimited(missing)).rejects.toThrow(`Cannot read delimited file ${missing}`)
  })

  it('uses the caller header test, forced delimiter and encoding, and batch size', async () => {
    const file = join(fixtures, 'glpi-cp1252.csv')
    const table = await readDelimited(file, {
      isHeader: (cells) => cells[0] === 'PC-COMPTA-01',
      delimiter: ';',
      encoding: 'windows-1252',
      batchSize: 2,
    })
    expect(table.headerLine).toBe(4)
    const batches: number[][] = []
    for await (const batch of table.batches) batches.push(batch.map((row) => row.line))
    expect(batches).toEqual([
      [5, 6],
      [7, 8],
    ])
  })

  it('reports no_header and returns every row when no row looks like a header', async () => {
    const file = join(directory, 'no-header.csv')
    await writeFile(file, 'a;b\nc;d\n')
    const { table, rows } = await readAll(file, { isHeader: () => false })
    expect(table.headerLine).toBe(0)
    expect(table.problem?.code).toBe('no_header')
    expect(rows.map((row) => row.line)).toEqual([1, 2])
  })

  it('switches to Windows-1252 when bytes after a plain ASCII first 64 KiB are not UTF-8', async () => {
    // 1,000 ASCII rows of 70 bytes (70,000 bytes > 64 KiB), then "é" as the single byte 0xE9.
    const head =
      'Nom;Lieu\n' +
      Array.from(
        { length: 1000 },
        (_, index) => `PC-${String(index).padStart(4, '0')};${'x'.repeat(61)}\n`,
      ).join('')
    const file = join(directory, 'late-cp1252.csv')
    await writeFile(file, Buffer.concat([Buffer.from(head), Buffer.from([0x50, 0x43, 0x3b, 0xe9, 0x0a])]))
    const { table, rows } = await readAll(file)
    expect(rows).toHaveLength(1001)
    expect(rows[1000]).toEqual({ line: 1002, values: ['PC', 'é'] })
    expect(table.encoding).toBe('windows-1252')
  })
})

describe('readDelimited at chunk boundaries', () => {
  it('decodes a multi-byte UTF-8 character cut by the 64 KiB sample and 1 MiB chunk boundaries', async () => {
    // An 11-byte header, then rows of 40 three-byte "€" + ";x\n" = 123 bytes. Byte 65,536 is byte
    // 65,525 = 532 × 123 + 89 of the body and byte 1,048,576 is 1,048,565 = 8,524 × 123 + 113: offsets 89 and
    // 113 in a row are not multiples of 3, so both boundaries cut a "€" after its second byte.
    const body = `${'€'.repeat(40)};x\n`.repeat(10_000)
    const file = join(directory, 'euro.csv')
    await writeFile(file, `Prix;Codes\n${body}`)
    const { table, rows } = await readAll(file)
    expect(table.encoding).toBe('utf-8')
    expect(table.delimiter).toBe(';')
    expect(rows).toHaveLength(10_000)
    expect(
      rows.every((row) => row.values[0] === '€'.repeat(40) && row.values[1] === 'x' && !row.problem),
    ).toBe(true)
    expect(rows[9999].line).toBe(10_001)
  })

  it('parses a quoted multi-line field that straddles the 64 KiB and 1 MiB boundaries', async () => {
    // 9 + 5,000 × 12 + 4 bytes put the opening quote at byte 60,013; the ~1 MB quoted field spans both boundaries.
    const before = Array.from(
      { length: 5000 },
      (_, index) => `PC-${String(index).padStart(5, '0')};ok\n`,
    ).join('')
    const note = `${'n'.repeat(999)}\n`.repeat(1000) // 1,000,000 characters, 1,000 line breaks
    const quoted = `"${note.slice(0, 500_000)}""${note.slice(500_000, 999_000)}"`
    const file = join(directory, 'straddle.csv')
    await writeFile(file, `Nom;Note\n${before}BIG;${quoted}\nLAST;ok\n`)
    const { rows } = await readAll(file)
    expect(rows).toHaveLength(5002)
    // 999 line breaks in the quoted note: BIG starts on line 5,002 and LAST on 5,002 + 999 + 1.
    expect(rows[5000].line).toBe(5002)
    expect(rows[5000].values[1]).toBe(`${note.slice(0, 500_000)}"${note.slice(500_000, 999_000)}`)
    expect(rows[5000].problem).toBeUndefined()
    expect(rows[5001]).toEqual({ line: 6002, values: ['LAST', 'ok'] })
  })

  it('recovers from an unterminated quote after 1,000 lines and resumes on the next line', async () => {
    const after = Array.from({ length: 3000 }, (_, index) => `R${index};v\n`).join('')
    const file = join(directory, 'unterminated.csv')
    await writeFile(file, `Nom;Valeur\nA;"open\n${after}`)
    const { rows } = await readAll(file)
    expect(rows[0]).toMatchObject({
      line: 2,
      values: ['A', '"open'],
      problem: { code: 'unterminated_quote' },
    })
    expect(rows).toHaveLength(3001)
    expect(rows[3000]).toEqual({ line: 3002, values: ['R2999', 'v'] })
  })

  it('cuts a 2 MiB field and keeps reading the next lines', async () => {
    const file = join(directory, 'huge-field.csv')
    await writeFile(file, `Nom;Note\nA;${'z'.repeat(2 * 1024 * 1024)};tail\nB;ok\n`)
    const { rows } = await readAll(file)
    expect(rows.map((row) => [row.line, row.values, row.problem?.code])).toEqual([
      [2, ['A'], 'field_too_large'],
      [3, ['B', 'ok'], undefined],
    ])
  })
})

describe('readDelimited on random corruptions', () => {
  /** Mulberry32: a small seeded PRNG so failures reproduce. */
  function random(seed: number): () => number {
    let state = seed >>> 0
    return () => {
      state = (state + 0x6d2b79f5) >>> 0
      let value = Math.imul(state ^ (state >>> 15), 1 | state)
      value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
      return ((value ^ (value >>> 14)) >>> 0) / 4294967296
    }
  }

  function corrupt(bytes: Buffer, next: () => number): Buffer {
    const copy = Buffer.from(bytes)
    const kind = Math.floor(next() * 4)
    if (kind === 0) return copy.subarray(0, Math.floor(next() * copy.length))
    const edits = 1 + Math.floor(next() * 8)
    for (let edit = 0; edit < edits; edit++) {
      const at = Math.floor(next() * copy.length)
      if (kind === 1) copy[at] = Math.floor(next() * 256)
      else if (kind === 2) copy[at] = 0x22
      else copy[at] = [0x0d, 0x0a, 0x3b, 0x2c, 0x00, 0x22][Math.floor(next() * 6)]
    }
    return copy
  }

  /** Physical lines as the parser counts them: LF, CRLF and lone CR each end one. */
  function lineCount(text: string): number {
    return text.split(/\r\n|\r|\n/).length
  }

  it('never throws and keeps every row line number within the file', async () => {
    const next = random(20240312)
    const sources = ['glpi-cp1252.csv', 'glpi-utf8-bom.csv', 'broken.csv', 'comma-utf8.csv'].map((name) =>
      readFileSync(join(fixtures, name)),
    )
    const file = join(directory, 'corrupt.csv')
    let rowCount = 0
    for (let round = 0; round < 300; round++) {
      const bytes = corrupt(sources[round % sources.length], next)
      await writeFile(file, bytes)
      const { table, rows } = await readAll(file)
      const lines = lineCount(bytes.toString('latin1'))
      for (const row of rows) {
        expect(row.line).toBeGreaterThan(table.headerLine)
        expect(row.line).toBeLessThanOrEqual(lines)
      }
      expect(rows.map((row) => row.line)).toEqual([...rows.map((row) => row.line)].sort((a, b) => a - b))
      rowCount += rows.length
    }
    expect(rowCount).toBeGreaterThan(300)
  })
})
