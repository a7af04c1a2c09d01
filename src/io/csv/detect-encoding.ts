import type { DelimitedEncoding } from './read-delimited.js'

export type DetectedEncoding = {
  encoding: DelimitedEncoding
  /** True when the sample holds only ASCII bytes, so 'utf-8' is a guess the rest of the file may refute. */
  isAscii: boolean
}

/**
 * Detects the encoding from the first bytes: a UTF-16 or UTF-8 byte order mark, else UTF-8 when the sample
 * decodes as UTF-8 (a sequence cut by the end of a partial sample is allowed), else Windows-1252.
 */
export function detectEncoding(sample: Uint8Array, isWholeFile: boolean): DetectedEncoding {
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', isAscii: false }
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', isAscii: false }
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf-8-bom', isAscii: false }
  if (sample.every((byte) => byte < 0x80)) return { encoding: 'utf-8', isAscii: true }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !isWholeFile })
    return { encoding: 'utf-8', isAscii: false }
  } catch {
    return { encoding: 'windows-1252', isAscii: false }
  }
}
