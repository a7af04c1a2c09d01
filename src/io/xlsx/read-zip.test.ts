import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { readZip } from './read-zip.js'
import { writeZip } from './write-zip.js'
import { XlsxError } from './xlsx-error.js'

const limits = { file: 'book.xlsx', maxUncompressedBytes: 1024 * 1024 }
const text = 'Ligne répétée, ligne répétée.\n'.repeat(200)

function errorOf(work: () => unknown): XlsxError {
  try {
    work()
  } catch (error) {
    if (error instanceof XlsxError) return error
    throw error
  }
  throw new Error('expected an XlsxError')
}

describe('readZip', () => {
  it('reads back deflated and stored entries written by writeZip', () => {
    const bytes = writeZip([
      { name: 'a.txt', data: text },
      { name: 'dossier/é.bin', data: Buffer.from([1, 2, 3]) },
      { name: 'vide', data: '' },
    ])
    const archive = readZip(bytes, limits)
    expect(archive.entries.map((entry) => [entry.name, entry.method, entry.uncompressedSize])).toEqual([
      ['a.txt', 8, 7200],
      ['dossier/é.bin', 0, 3],
      ['vide', 0, 0],
    ])
    expect(archive.read(archive.find('A.TXT')!).toString('utf8')).toBe(text)
    expect([...archive.read(archive.find('/dossier/é.bin')!)]).toEqual([1, 2, 3])
    expect(archive.read(archive.find('vide')!).length).toBe(0)
    expect(archive.find('absent')).toBeUndefined()
  })

  it('finds the end record behind an archive comment', () => {
    const bytes = writeZip([{ name: 'a.txt', data: 'x' }], { comment: 'PK\x05\x06 looks like a signature' })
    expect(readZip(bytes, limits).entries.map((entry) => entry.name)).toEqual(['a.txt'])
  })

  it('rejects ZIP64 archives clearly', () => {
    const bytes = writeZip([{ name: 'a.txt', data: 'x' }])
    bytes.writeUInt16LE(0xffff, bytes.length - 12)
    expect(errorOf(() => readZip(bytes, limits)).message).toBe(
      'book.xlsx is not a valid XLSX workbook: it is a ZIP64 archive, which is not supported',
    )
  })

  it('refuses archives that declare more than the limit once uncompressed', () => {
    const bytes = writeZip([{ name: 'a.txt', data: text }])
    const error = errorOf(() => readZip(bytes, { ...limits, maxUncompressedBytes: 7199 }))
    expect(error.code).toBe('xlsx_too_large')
    expect(error.message).toBe(
      'book.xlsx is refused as a possible zip bomb: its entries declare more than 7199 bytes uncompressed (the limit)',
    )
  })

  it('refuses an entry that expands too many times', () => {
    const bytes = writeZip([{ name: 'zeros.xml', data: Buffer.alloc(100_000) }])
    const error = errorOf(() => readZip(bytes, { ...limits, ratioCheckBytes: 50_000 }))
    expect(error.message).toMatch(
      /^book\.xlsx is refused as a possible zip bomb: entry zeros\.xml expands \d+ times to 100000 bytes \(the limit is 200 times for entries over 50000 bytes\)$/,
    )
  })

  it('refuses an entry that inflates beyond its declared size', () => {
    const bytes = writeZip([{ name: 'a.txt', data: text }])
    const directory = bytes.length - 22 - 46 - 'a.txt'.length
    bytes.writeUInt32LE(100, directory + 24)
    const archive = readZip(bytes, limits)
    expect(errorOf(() => archive.read(archive.entries[0])).message).toBe(
      'book.xlsx is not a valid XLSX workbook: ZIP entry a.txt expands beyond its declared size of 100 bytes',
    )
  })

  it('detects a corrupted entry with its CRC-32', () => {
    const bytes = writeZip([{ name: 'a.txt', data: 'abc' }], { isStoredOnly: true })
    bytes[30 + 'a.txt'.length] = 0x78
    const archive = readZip(bytes, limits)
    expect(errorOf(() => archive.read(archive.entries[0])).message).toBe(
      'book.xlsx is not a valid XLSX workbook: ZIP entry a.txt fails its CRC-32 check',
    )
  })

  it('reports broken deflate data without an obscure crash', () => {
    const body = Buffer.from([0xff, 0xff, 0xff, 0xff])
    const bytes = writeZip([{ name: 'a.txt', data: body }], { isStoredOnly: true })
    bytes.writeUInt16LE(8, 8)
    bytes.writeUInt16LE(8, bytes.length - 22 - 46 - 5 + 10)
    const archive = readZip(bytes, limits)
    expect(errorOf(() => archive.read(archive.entries[0])).message).toMatch(
      /^book\.xlsx is not a valid XLSX workbook: ZIP entry a\.txt cannot be inflated \(.+\)$/,
    )
  })

  it('explains truncated archives, text files and legacy .xls files', () => {
    const bytes = writeZip([{ name: 'a.txt', data: text }])
    expect(errorOf(() => readZip(bytes.subarray(0, 100), limits)).message).toBe(
      'book.xlsx is not a valid XLSX workbook: the ZIP archive has no end of central directory record (the file is truncated)',
    )
    expect(errorOf(() => readZip(Buffer.from('Nom;Modèle\nPC;X1\n'), limits)).message).toBe(
      'book.xlsx is not a valid XLSX workbook: it is not a ZIP archive (it looks like text, maybe a CSV file renamed .xlsx)',
    )
    expect(errorOf(() => readZip(Buffer.alloc(0), limits)).message).toBe(
      'book.xlsx is not a valid XLSX workbook: it is not a ZIP archive',
    )
    const ole = Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex')
    expect(errorOf(() => readZip(ole, limits)).message).toBe(
      'book.xlsx is not a valid XLSX workbook: it is an OLE compound file (a legacy .xls workbook or a password-protected .xlsx), not a ZIP archive',
    )
  })

  it('refuses a central directory that points outside the file', () => {
    const bytes = writeZip([{ name: 'a.txt', data: 'x' }])
    bytes.writeUInt32LE(bytes.length, bytes.length - 6)
    expect(errorOf(() => readZip(bytes, limits)).message).toBe(
      'book.xlsx is not a valid XLSX workbook: the ZIP central directory lies outside the file (truncated or corrupt)',
    )
  })

  it('never loops or crashes on any truncation or single-byte corruption of a workbook', () => {
    const bytes = writeZip([
      { name: 'a.txt', data: text },
      { name: 'b.txt', data: deflateRawSync(Buffer.from(text)) },
    ])
    let failures = 0
    for (let length = 0; length < bytes.length; length += 7) {
      try {
        const archive = readZip(bytes.subarray(0, length), limits)
        for (const entry of archive.entries) archive.read(entry)
      } catch (error) {
        if (!(error instanceof XlsxError)) throw error
        failures++
      }
    }
    for (let position = 0; position < bytes.length; position += 5) {
      const copy = Buffer.from(bytes)
      copy[position] ^= 0x5a
      try {
        const archive = readZip(copy, limits)
        for (const entry of archive.entries) archive.read(entry)
      } catch (error) {
        if (!(error instanceof XlsxError)) throw error
      }
    }
    expect(failures).toBe(Math.ceil(bytes.length / 7))
  })
})
