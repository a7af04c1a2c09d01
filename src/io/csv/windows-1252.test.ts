import { describe, expect, it } from 'vitest'
import { decodeWindows1252, encodeWindows1252 } from './windows-1252.js'

describe('encodeWindows1252', () => {
  it('maps the 0x80–0x9F letters, Latin-1 and ASCII, and unmappable characters to ?', () => {
    // € 0x80, œ 0x9C, ’ 0x92, – 0x96, é 0xE9, ÿ 0xFF; "Ω" and the emoji (one surrogate pair) have no byte.
    expect([...encodeWindows1252('€œ’–éÿaΩ😀!')]).toEqual([
      0x80, 0x9c, 0x92, 0x96, 0xe9, 0xff, 0x61, 0x3f, 0x3f, 0x21,
    ])
  })
})

describe('decodeWindows1252', () => {
  it('decodes every byte, including 0x80–0x9F, and round-trips with the encoder', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index)
    const text = decodeWindows1252(bytes)
    expect(text.length).toBe(256)
    expect(text.slice(0x80, 0x8d)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ')
    expect(text.slice(0x91, 0xa0)).toBe('‘’“”•–—˜™š›œ\u009džŸ')
    expect(text.slice(0xe8, 0xea)).toBe('èé')
    expect([...encodeWindows1252(text)]).toEqual([...bytes])
  })
})

describe('decodeWindows1252 on unaligned pieces', () => {
  it('finds 0x80–0x9F bytes before, inside and after the aligned words of any slice', () => {
    // "€" (0x80) at the very start, "œ" (0x9C) among the words, "’" (0x92) as the last byte, "é" (0xE9) kept.
    const text = '€ab cdé efgh ijkl mnœ opqr stu’'
    const bytes = encodeWindows1252(`xyz${text}`)
    for (let offset = 0; offset < 4; offset++) {
      const slice = encodeWindows1252('-'.repeat(offset) + text).subarray(offset)
      expect(decodeWindows1252(slice)).toBe(text)
    }
    expect(decodeWindows1252(bytes.subarray(3))).toBe(text)
    expect(decodeWindows1252(bytes.subarray(3, 6))).toBe('€ab')
  })
})
