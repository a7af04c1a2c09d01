import { describe, expect, it } from 'vitest'
import { incompleteUtf8TailLength } from './create-chunk-decoder.js'
import { detectEncoding } from './detect-encoding.js'

describe('detectEncoding', () => {
  const euro = [0xe2, 0x82, 0xac]
  it.each([
    ['UTF-16 LE BOM', [0xff, 0xfe, 0x41, 0x00], true, { encoding: 'utf-16le', isAscii: false }],
    ['UTF-16 BE BOM', [0xfe, 0xff, 0x00, 0x41], true, { encoding: 'utf-16be', isAscii: false }],
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x41], true, { encoding: 'utf-8-bom', isAscii: false }],
    ['plain ASCII', [0x41, 0x3b, 0x42], true, { encoding: 'utf-8', isAscii: true }],
    ['valid UTF-8', [0x41, ...euro], true, { encoding: 'utf-8', isAscii: false }],
    [
      'a partial sample cut inside "€"',
      [0x41, ...euro, 0xe2, 0x82],
      false,
      { encoding: 'utf-8', isAscii: false },
    ],
    [
      'a whole file ending inside "€"',
      [0x41, ...euro, 0xe2, 0x82],
      true,
      { encoding: 'windows-1252', isAscii: false },
    ],
    [
      'Latin-1 "é" (0xE9) between letters',
      [0x41, 0xe9, 0x41],
      true,
      { encoding: 'windows-1252', isAscii: false },
    ],
    ['an empty file', [], true, { encoding: 'utf-8', isAscii: true }],
  ])('detects %s', (_, bytes, isWholeFile, expected) => {
    expect(detectEncoding(Uint8Array.from(bytes), isWholeFile)).toEqual(expected)
  })
})

describe('incompleteUtf8TailLength', () => {
  it.each([
    [[0x41], 0],
    [[0x41, 0xe2], 1],
    [[0x41, 0xe2, 0x82], 2],
    [[0x41, 0xe2, 0x82, 0xac], 0],
    [[0xf0, 0x9f, 0x98], 3],
    [[0xc3], 1],
    [[0xc3, 0xa9], 0],
  ])('counts the unfinished sequence at the end of %j as %i bytes', (bytes, expected) => {
    expect(incompleteUtf8TailLength(Uint8Array.from(bytes))).toBe(expected)
  })
})
