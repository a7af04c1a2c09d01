import { describe, expect, it } from 'vitest'
import { parseDelimitedText } from './delimited-parser.js'
import { detectDelimiter, dominantCellCount, findHeader } from './detect-dialect.js'

describe('detectDelimiter', () => {
  it.each([
    ['semicolons with decimal commas', 'a;b;c\n1,5;2;3\n4;5,5;6\n', ';'],
    ['commas with a quoted semicolon', 'a,b,c\n"x;y",2,3\n4,5,6\n', ','],
    ['tabs', 'a\tb\n1\t2\n', '\t'],
    ['pipes after a title line', 'Export du 12/03/2024\na|b|c\n1|2|3\n', '|'],
    ['no delimiter at all (defaults to ;)', 'one\ntwo\n', ';'],
    ['commas inside a quoted multi-line field', 'a;b\n"1,2\n3,4";5\n6;7\n', ';'],
  ])('finds %s', (_, text, expected) => {
    expect(detectDelimiter(text, true)).toBe(expected)
  })
})

describe('findHeader', () => {
  it('skips a title and a sparse line to take the first row of the dominant width with two filled cells', () => {
    const rows = parseDelimitedText('Export GLPI\n;;x\nNom;Lieu;Date\na;b;c\nd;e;f\n', ';')
    // Cell counts 1, 3, 3, 3, 3 → dominant 3; line 2 has a single filled cell.
    expect(dominantCellCount(rows)).toBe(3)
    expect(findHeader(rows)).toEqual({ line: 3, values: ['Nom', 'Lieu', 'Date'] })
  })

  it('accepts one filled cell in a one-column file, and honours a caller test', () => {
    const rows = parseDelimitedText('\nNom\nPC-1\n', ';')
    expect(findHeader(rows)?.line).toBe(2)
    expect(findHeader(rows, (cells) => cells[0].startsWith('PC'))?.line).toBe(3)
  })

  it('only looks at the first 20 rows', () => {
    const rows = parseDelimitedText(`${'x\n'.repeat(20)}a;b\n`, ';')
    expect(findHeader(rows, (cells) => cells.length === 2)).toBeUndefined()
  })
})
