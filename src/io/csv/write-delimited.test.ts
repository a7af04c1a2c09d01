import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDelimited, type DelimitedRow } from './read-delimited.js'
import { quoteField, writeDelimited } from './write-delimited.js'

let directory = ''
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'empreinte-csv-write-'))
})
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
})

const header = ['Nom', 'Modèle', 'Lieu', 'Note']
const rows = [
  ['PC-1', 'ThinkPad T14; Gen 2', 'Cœur de réseau', 'forfait 45 €/mois'],
  ['PC-2', 'EliteBook 840 "G8"', 'Bâtiment B\r\nBureau 204', ''],
  ['PC-3', 'Salle d’attente', 'a,b', '  espaces  '],
]

describe('quoteField', () => {
  it.each([
    ['plain', 'plain'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['x\ny', '"x\ny"'],
    ['x\ry', '"x\ry"'],
    ['a,b', 'a,b'],
  ])('writes %j as %j with ;', (value, expected) => {
    expect(quoteField(value, ';')).toBe(expected)
  })
})

describe('writeDelimited', () => {
  it.each([
    ['utf-8', ';', '\n'],
    ['utf-8-bom', ',', '\r\n'],
    ['windows-1252', '\t', '\r\n'],
  ] as const)('round-trips through readDelimited in %s with %j', async (encoding, delimiter, lineEnding) => {
    const file = join(directory, `round-trip-${encoding}.csv`)
    const written = await writeDelimited(file, header, rows, { delimiter, encoding, lineEnding })
    expect(written.rows).toBe(3)
    expect(written.bytes).toBe((await stat(file)).size)
    const table = await readDelimited(file)
    expect([table.encoding, table.delimiter, table.headerLine, table.header]).toEqual([
      encoding,
      delimiter,
      1,
      header,
    ])
    const read: DelimitedRow[] = []
    for await (const batch of table.batches) read.push(...batch)
    // PC-2's location holds a CRLF, so PC-3 starts on line 5.
    expect(read).toEqual([
      { line: 2, values: rows[0] },
      { line: 3, values: rows[1] },
      { line: 5, values: rows[2] },
    ])
  })

  it('writes exact Windows-1252 bytes with CRLF by default and ? for unmappable characters', async () => {
    const file = join(directory, 'bytes.csv')
    await writeDelimited(file, ['é'], [['€Ω']], { delimiter: ';', encoding: 'windows-1252' })
    expect([...(await readFile(file))]).toEqual([0xe9, 0x0d, 0x0a, 0x80, 0x3f, 0x0d, 0x0a])
  })

  it('writes a UTF-8 BOM and accepts an async iterable of rows larger than one chunk', async () => {
    const file = join(directory, 'async.csv')
    async function* generate(): AsyncGenerator<string[]> {
      for (let index = 0; index < 100_000; index++) yield [`PC-${index}`, 'x'.repeat(20)]
    }
    const written = await writeDelimited(file, ['Nom', 'Note'], generate(), {
      delimiter: ';',
      encoding: 'utf-8-bom',
      lineEnding: '\n',
    })
    // BOM 3 bytes + "Nom;Note\n" 9 + Σ("PC-" + digits + ";" + 20 + "\n"): 100,000 × 25 + Σdigits (488,890).
    expect(written).toEqual({ rows: 100_000, bytes: 3 + 9 + 2_500_000 + 488_890 })
    const bytes = await readFile(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.length).toBe(written.bytes)
  })

  it('replaces the target atomically and leaves no temporary file', async () => {
    const file = join(directory, 'atomic.csv')
    await writeDelimited(file, ['a'], [['1']], { delimiter: ';', encoding: 'utf-8' })
    await writeDelimited(file, ['a'], [['2']], { delimiter: ';', encoding: 'utf-8', lineEnding: '\n' })
    expect(await readFile(file, 'utf8')).toBe('a\n2\n')
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('fails with an error naming the file when its folder does not exist', async () => {
    const file = join(directory, 'missing-folder', 'out.csv')
    await expect(writeDelimited(file, ['a'], [['1']], { delimiter: ';', encoding: 'utf-8' })).rejects.toThrow(
      `Cannot write delimited file ${file}`,
    )
  })
})
