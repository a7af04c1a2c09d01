/** Characters of Windows-1252 bytes 0x80–0x9F (undefined bytes keep their C1 control code, as WHATWG does). */
const highControlCharacters =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

const encodeTable = new Map<number, number>()
for (let index = 0; index < 32; index++)
  encodeTable.set(highControlCharacters.charCodeAt(index), 0x80 + index)

const questionMark = 0x3f

/**
 * Decodes Windows-1252 bytes. Node 20's `TextDecoder('windows-1252')` decodes 0x80–0x9F as Latin-1 unless it
 * streams, so this decodes Latin-1 with `Buffer` (fast) and then replaces each 0x80–0x9F byte value present.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let presentHighBytes = highControlBytesIn(bytes)
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  for (let offset = 0; presentHighBytes !== 0; offset++, presentHighBytes >>>= 1) {
    if ((presentHighBytes & 1) === 0) continue
    const character = highControlCharacters[offset]
    if (character.charCodeAt(0) !== 0x80 + offset)
      text = text.replaceAll(String.fromCharCode(0x80 + offset), character)
  }
  return text
}

/** Bit `n` set when byte 0x80 + n occurs in `bytes`. */
function highControlBytesIn(bytes: Uint8Array): number {
  let present = 0
  // Four bytes at a time on aligned words: a word without a byte 100x xxxx (most of them) is skipped whole.
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3)
  const wordCount = (bytes.length - head) >>> 2
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, wordCount)
  for (let index = 0; index < head; index++) present |= highControlBit(bytes[index])
  for (let word = 0; word < wordCount; word++) {
    // Zero in a byte of `marks` where that byte is 100x xxxx; the sum below finds any zero byte exactly.
    const marks = (words[word] & 0xe0e0e0e0) ^ 0x80808080
    if (((marks - 0x01010101) & ~marks & 0x80808080) === 0) continue
    const first = head + word * 4
    for (let index = first; index < first + 4; index++) present |= highControlBit(bytes[index])
  }
  for (let index = head + wordCount * 4; index < bytes.length; index++)
    present |= highControlBit(bytes[index])
  return present
}

function highControlBit(byte: number): number {
  return (byte & 0xe0) === 0x80 ? 1 << (byte - 0x80) : 0
}

/** Encodes text as Windows-1252; a character that has no Windows-1252 byte becomes '?'. */
export function encodeWindows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[index] = code
    else bytes[index] = encodeTable.get(code) ?? questionMark
  }
  // A surrogate pair is one character: it became two '?' above, keep one.
  return /[\ud800-\udbff][\udc00-\udfff]/.test(text) ? dropPairedSurrogates(text, bytes) : bytes
}

function dropPairedSurrogates(text: string, bytes: Uint8Array): Uint8Array {
  const kept: number[] = []
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    const isHighSurrogate = code >= 0xd800 && code <= 0xdbff
    const next = text.charCodeAt(index + 1)
    kept.push(bytes[index])
    if (isHighSurrogate && next >= 0xdc00 && next <= 0xdfff) index++
  }
  return Uint8Array.from(kept)
}
