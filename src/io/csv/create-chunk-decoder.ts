import type { DelimitedEncoding } from './read-delimited.js'
import { decodeWindows1252 } from './windows-1252.js'

/** Decodes a byte stream chunk by chunk; `encoding` may turn from 'utf-8' to 'windows-1252' on the way. */
export type ChunkDecoder = {
  readonly encoding: DelimitedEncoding
  decode(bytes: Uint8Array, isLast: boolean): string
}

/**
 * Creates a streaming decoder. With `mayFallBack` (the sample was plain ASCII, so UTF-8 was a guess), the first
 * byte sequence that is not UTF-8 switches the rest of the stream to Windows-1252.
 */
export function createChunkDecoder(encoding: DelimitedEncoding, mayFallBack = false): ChunkDecoder {
  if (encoding === 'windows-1252') return { encoding, decode: (bytes) => decodeWindows1252(bytes) }
  if (encoding === 'utf-16le' || encoding === 'utf-16be')
    return textDecoderChunks(encoding, new TextDecoder(encoding))
  if (!mayFallBack) return textDecoderChunks(encoding, new TextDecoder('utf-8'))
  return fallingBackChunks()
}

function textDecoderChunks(encoding: DelimitedEncoding, decoder: TextDecoder): ChunkDecoder {
  return { encoding, decode: (bytes, isLast) => decoder.decode(bytes, { stream: !isLast }) }
}

function fallingBackChunks(): ChunkDecoder {
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  let isWindows1252 = false
  let heldBytes = new Uint8Array(0)
  return {
    get encoding(): DelimitedEncoding {
      return isWindows1252 ? 'windows-1252' : 'utf-8'
    },
    decode(bytes, isLast) {
      if (isWindows1252) return decodeWindows1252(bytes)
      try {
        const text = utf8.decode(bytes, { stream: !isLast })
        heldBytes = bytes.slice(bytes.length - incompleteUtf8TailLength(bytes))
        return text
      } catch {
        isWindows1252 = true
        const joined = new Uint8Array(heldBytes.length + bytes.length)
        joined.set(heldBytes)
        joined.set(bytes, heldBytes.length)
        return decodeWindows1252(joined)
      }
    },
  }
}

/** Number of trailing bytes that start a UTF-8 sequence the chunk does not finish (0 to 3). */
export function incompleteUtf8TailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back]
    if (byte < 0x80) return 0
    if (byte >= 0xc0) {
      const sequenceLength = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
      return sequenceLength > back ? back : 0
    }
  }
  return 0
}
