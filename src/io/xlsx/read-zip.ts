import { crc32, inflateRawSync } from 'node:zlib'
import { invalidWorkbook, workbookTooLarge } from './xlsx-error.js'

/** One file stored in a ZIP archive, as its central directory describes it. */
export type ZipEntry = {
  name: string
  method: number
  flags: number
  crc32: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

/** An opened ZIP archive whose entries are inflated on demand, within the limits given to `readZip`. */
export type ZipArchive = {
  entries: ZipEntry[]
  /** The entry with this name, ignoring case as OPC part names do; undefined when absent. */
  find(name: string): ZipEntry | undefined
  /** The uncompressed bytes of an entry, checked against its CRC-32. */
  read(entry: ZipEntry): Buffer
}

export type ZipLimits = {
  /** File name used in error messages. */
  file: string
  /** Refuse archives whose entries add up to more than this once uncompressed. */
  maxUncompressedBytes: number
  /** Refuse an entry above `ratioCheckBytes` that expands more than this many times. */
  maxCompressionRatio?: number
  ratioCheckBytes?: number
}

const mebibyte = 1024 * 1024
const endOfCentralDirectorySignature = 0x06054b50
const zip64LocatorSignature = 0x07064b50
const centralHeaderSignature = 0x02014b50
const localHeaderSignature = 0x04034b50
const endRecordBytes = 22
const centralHeaderBytes = 46
const localHeaderBytes = 30
const maxCommentBytes = 0xffff

/** Opens a ZIP archive held in memory: central directory, stored and deflated entries, zip-bomb limits. */
export function readZip(bytes: Buffer, limits: ZipLimits): ZipArchive {
  const { file } = limits
  const maxRatio = limits.maxCompressionRatio ?? 200
  const ratioCheckBytes = limits.ratioCheckBytes ?? 10 * mebibyte
  const end = findEndRecord(bytes, file)
  const disk = bytes.readUInt16LE(end + 4)
  const directoryDisk = bytes.readUInt16LE(end + 6)
  const entriesOnDisk = bytes.readUInt16LE(end + 8)
  const entryCount = bytes.readUInt16LE(end + 10)
  const directorySize = bytes.readUInt32LE(end + 12)
  const directoryOffset = bytes.readUInt32LE(end + 16)
  const isZip64 =
    entryCount === 0xffff ||
    directorySize === 0xffffffff ||
    directoryOffset === 0xffffffff ||
    (end >= 20 && bytes.readUInt32LE(end - 20) === zip64LocatorSignature)
  if (isZip64) throw invalidWorkbook(file, 'it is a ZIP64 archive, which is not supported')
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) {
    throw invalidWorkbook(file, 'it is a multi-volume ZIP archive, which is not supported')
  }
  if (directoryOffset + directorySize > end) {
    throw invalidWorkbook(file, 'the ZIP central directory lies outside the file (truncated or corrupt)')
  }

  const entries: ZipEntry[] = []
  let declaredTotal = 0
  let position = directoryOffset
  for (let index = 0; index < entryCount; index++) {
    if (position + centralHeaderBytes > end || bytes.readUInt32LE(position) !== centralHeaderSignature) {
      throw invalidWorkbook(file, `ZIP central directory entry ${index + 1} is corrupt`)
    }
    const nameLength = bytes.readUInt16LE(position + 28)
    const extraLength = bytes.readUInt16LE(position + 30)
    const commentLength = bytes.readUInt16LE(position + 32)
    const entry: ZipEntry = {
      flags: bytes.readUInt16LE(position + 8),
      method: bytes.readUInt16LE(position + 10),
      crc32: bytes.readUInt32LE(position + 16),
      compressedSize: bytes.readUInt32LE(position + 20),
      uncompressedSize: bytes.readUInt32LE(position + 24),
      localHeaderOffset: bytes.readUInt32LE(position + 42),
      name: '',
    }
    const nameEnd = position + centralHeaderBytes + nameLength
    if (nameEnd > end) throw invalidWorkbook(file, `ZIP central directory entry ${index + 1} is corrupt`)
    entry.name = bytes.toString('utf8', position + centralHeaderBytes, nameEnd)
    if (
      entry.compressedSize === 0xffffffff ||
      entry.uncompressedSize === 0xffffffff ||
      entry.localHeaderOffset === 0xffffffff
    ) {
      throw invalidWorkbook(file, 'it is a ZIP64 archive, which is not supported')
    }
    declaredTotal += entry.uncompressedSize
    if (declaredTotal > limits.maxUncompressedBytes) {
      throw workbookTooLarge(
        file,
        `its entries declare more than ${limits.maxUncompressedBytes} bytes uncompressed (the limit)`,
      )
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
    if (entry.uncompressedSize > ratioCheckBytes && ratio > maxRatio) {
      throw workbookTooLarge(
        file,
        `entry ${entry.name} expands ${Math.round(ratio)} times to ${entry.uncompressedSize} bytes ` +
          `(the limit is ${maxRatio} times for entries over ${ratioCheckBytes} bytes)`,
      )
    }
    entries.push(entry)
    position = nameEnd + extraLength + commentLength
  }

  const byName = new Map<string, ZipEntry>()
  for (const entry of entries) byName.set(entry.name.toLowerCase(), entry)
  let inflatedTotal = 0
  return {
    entries,
    find: (name) => byName.get(name.replace(/^\//, '').toLowerCase()),
    read(entry) {
      const data = inflateEntry(bytes, entry, end, file)
      inflatedTotal += data.length
      if (inflatedTotal > limits.maxUncompressedBytes) {
        throw workbookTooLarge(file, `it expands beyond ${limits.maxUncompressedBytes} bytes (the limit)`)
      }
      return data
    },
  }
}

function findEndRecord(bytes: Buffer, file: string): number {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1) {
    throw invalidWorkbook(
      file,
      'it is an OLE compound file (a legacy .xls workbook or a password-protected .xlsx), not a ZIP archive',
    )
  }
  const lowest = Math.max(0, bytes.length - endRecordBytes - maxCommentBytes)
  for (let position = bytes.length - endRecordBytes; position >= lowest; position--) {
    if (bytes.readUInt32LE(position) !== endOfCentralDirectorySignature) continue
    const commentLength = bytes.readUInt16LE(position + 20)
    if (position + endRecordBytes + commentLength <= bytes.length) return position
  }
  const startsLikeZip = bytes.length >= 4 && bytes.readUInt32LE(0) === localHeaderSignature
  throw invalidWorkbook(
    file,
    startsLikeZip
      ? 'the ZIP archive has no end of central directory record (the file is truncated)'
      : `it is not a ZIP archive${looksLikeText(bytes) ? ' (it looks like text, maybe a CSV file renamed .xlsx)' : ''}`,
  )
}

function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 4096)
  if (sample.length === 0) return false
  let control = 0
  for (const byte of sample) if (byte < 9 || (byte > 13 && byte < 32)) control++
  return control === 0
}

function inflateEntry(bytes: Buffer, entry: ZipEntry, limit: number, file: string): Buffer {
  const header = entry.localHeaderOffset
  if (header + localHeaderBytes > limit || bytes.readUInt32LE(header) !== localHeaderSignature) {
    throw invalidWorkbook(file, `the local header of ZIP entry ${entry.name} is missing or corrupt`)
  }
  if ((entry.flags & 1) !== 0) throw invalidWorkbook(file, `ZIP entry ${entry.name} is encrypted`)
  const start = header + localHeaderBytes + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28)
  const stop = start + entry.compressedSize
  if (stop > limit) throw invalidWorkbook(file, `ZIP entry ${entry.name} runs past the end of the file`)
  const compressed = bytes.subarray(start, stop)
  let data: Buffer
  if (entry.method === 0 || (entry.method === 8 && compressed.length === 0 && entry.uncompressedSize === 0)) {
    data = compressed
  } else if (entry.method === 8) {
    try {
      // One output chunk of the declared size (already checked against the limits) avoids a final copy.
      const size = Math.max(64, entry.uncompressedSize)
      data = inflateRawSync(compressed, { maxOutputLength: size, chunkSize: size })
    } catch (error) {
      const code = (error as { code?: string }).code
      const reason =
        code === 'ERR_BUFFER_TOO_LARGE'
          ? `ZIP entry ${entry.name} expands beyond its declared size of ${entry.uncompressedSize} bytes`
          : `ZIP entry ${entry.name} cannot be inflated (${(error as Error).message})`
      throw invalidWorkbook(file, reason)
    }
  } else {
    throw invalidWorkbook(
      file,
      `ZIP entry ${entry.name} uses compression method ${entry.method}, not stored or deflate`,
    )
  }
  if (data.length !== entry.uncompressedSize) {
    throw invalidWorkbook(
      file,
      `ZIP entry ${entry.name} holds ${data.length} bytes instead of the declared ${entry.uncompressedSize}`,
    )
  }
  if (crc32(data) !== entry.crc32)
    throw invalidWorkbook(file, `ZIP entry ${entry.name} fails its CRC-32 check`)
  return data
}
