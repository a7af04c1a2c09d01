import { crc32, deflateRawSync } from 'node:zlib'

/** One file to store in a ZIP archive. */
export type ZipInput = { name: string; data: Buffer | string }

export type WriteZipOptions = {
  /** Archive comment written after the end of central directory record. */
  comment?: string
  /** Store every entry uncompressed (method 0) instead of deflating it. */
  isStoredOnly?: boolean
}

// 1980-01-01 00:00 in MS-DOS format: a fixed stamp keeps archives reproducible.
const dosTime = 0
const dosDate = (1 << 5) | 1
const utf8NameFlag = 0x0800
const maxEntries = 0xffff
const maxBytes = 0xfffffffe

/** Builds a ZIP archive in memory (deflate, or stored when deflating does not help); no ZIP64. */
export function writeZip(inputs: readonly ZipInput[], options: WriteZipOptions = {}): Buffer {
  if (inputs.length > maxEntries)
    throw new Error(`A ZIP archive without ZIP64 holds at most ${maxEntries} entries`)
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const input of inputs) {
    const name = Buffer.from(input.name, 'utf8')
    const data = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : input.data
    const deflated = options.isStoredOnly ? data : deflateRawSync(data, { level: 6 })
    const isDeflated = !options.isStoredOnly && deflated.length < data.length
    const body = isDeflated ? deflated : data
    const checksum = crc32(data)
    if (data.length > maxBytes || offset > maxBytes) {
      throw new Error(`ZIP entry ${input.name} is too large for an archive without ZIP64`)
    }
    const flags = /[^\x20-\x7e]/.test(input.name) ? utf8NameFlag : 0
    const method = isDeflated ? 8 : 0

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(dosTime, 10)
    local.writeUInt16LE(dosDate, 12)
    local.writeUInt32LE(checksum, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)

    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(20, 6)
    header.writeUInt16LE(flags, 8)
    header.writeUInt16LE(method, 10)
    header.writeUInt16LE(dosTime, 12)
    header.writeUInt16LE(dosDate, 14)
    header.writeUInt32LE(checksum, 16)
    header.writeUInt32LE(body.length, 20)
    header.writeUInt32LE(data.length, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt32LE(offset, 42)

    parts.push(local, name, body)
    central.push(header, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(central)
  const comment = Buffer.from(options.comment ?? '', 'utf8')
  if (comment.length > 0xffff) throw new Error('A ZIP comment holds at most 65,535 bytes')
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(inputs.length, 8)
  end.writeUInt16LE(inputs.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  end.writeUInt16LE(comment.length, 20)
  return Buffer.concat([...parts, directory, end, comment])
}
