import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildXlsxFixtures } from './build-xlsx-fixtures.js'
import { readZip } from './read-zip.js'

const fixtures = join(import.meta.dirname, '../../../fixtures/xlsx')

// Names, CRC-32 and sizes of the uncompressed entries: stable even if another zlib deflates differently.
function contents(bytes: Buffer): string[] {
  const archive = readZip(bytes, {
    file: 'fixture',
    maxUncompressedBytes: 2 ** 31,
    maxCompressionRatio: Infinity,
  })
  return archive.entries.map((entry) => `${entry.name} ${entry.crc32} ${entry.uncompressedSize}`)
}

describe('buildXlsxFixtures', () => {
  it('builds exactly the committed fixtures, each under 100 KiB', async () => {
    const built = buildXlsxFixtures()
    expect([...built.keys()].sort()).toEqual([
      'date-1904.xlsx',
      'hand-made-glpi.xlsx',
      'not-a-zip.xlsx',
      'truncated.xlsx',
      'written-by-empreinte.xlsx',
      'zip-bomb.xlsx',
      'zip-comment.xlsx',
    ])
    for (const [name, bytes] of built) {
      const committed = await readFile(join(fixtures, name))
      expect(committed.length, name).toBeLessThan(100 * 1024)
      if (name === 'not-a-zip.xlsx') {
        expect(committed.equals(bytes), name).toBe(true)
      } else if (name === 'truncated.xlsx') {
        const written = await readFile(join(fixtures, 'written-by-empreinte.xlsx'))
        expect(committed.equals(written.subarray(0, Math.floor(written.length / 2))), name).toBe(true)
      } else {
        expect(contents(committed), name).toEqual(contents(bytes))
      }
    }
  })
})
