import { describe, expect, it } from 'vitest'
import { DelimitedParser, parseDelimitedText, type DelimitedParserLimits } from './delimited-parser.js'
import type { DelimitedRow } from './read-delimited.js'

const smallLimits: DelimitedParserLimits = { maxFieldChars: 20, maxQuotedLines: 3, maxRecordChars: 50 }

/** Parses `text` pushed in pieces of `size` characters. */
function parseInPieces(
  text: string,
  delimiter: string,
  size: number,
  limits?: DelimitedParserLimits,
): DelimitedRow[] {
  const parser = new DelimitedParser(delimiter, 1, limits)
  const rows: DelimitedRow[] = []
  for (let start = 0; start < text.length; start += size) parser.push(text.slice(start, start + size), rows)
  parser.finish(rows)
  return rows
}

describe('parseDelimitedText', () => {
  it('splits LF, CRLF and lone CR lines and skips empty lines', () => {
    // Lines: 1 "a;b" (LF), 2 "c;d" (CRLF), 3 empty, 4 "e;f" (CR), 5 "g" without a break.
    expect(parseDelimitedText('a;b\nc;d\r\n\re;f\rg', ';')).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['c', 'd'] },
      { line: 4, values: ['e', 'f'] },
      { line: 5, values: ['g'] },
    ])
  })

  it('keeps empty cells, including a trailing one', () => {
    expect(parseDelimitedText(';x;\n', ';')).toEqual([{ line: 1, values: ['', 'x', ''] }])
  })

  it('reads quoted fields with delimiters, doubled quotes and line breaks, counting physical lines', () => {
    // The record of line 1 spans lines 1–3 (one LF and one CRLF inside quotes), so the next starts on line 4.
    const text = '"a;b";"say ""hi""";"x\ny\r\nz"\nnext;"";end\n'
    expect(parseDelimitedText(text, ';')).toEqual([
      { line: 1, values: ['a;b', 'say "hi"', 'x\ny\r\nz'] },
      { line: 4, values: ['next', '', 'end'] },
    ])
  })

  it('keeps a stray quote inside an unquoted field and text after a closing quote literally', () => {
    expect(parseDelimitedText('24";ab"c;"q"tail;x\n', ';')).toEqual([
      { line: 1, values: ['24"', 'ab"c', 'qtail', 'x'] },
    ])
  })

  it('starts counting at firstLine', () => {
    expect(parseDelimitedText('\na\n', ';', 10)).toEqual([{ line: 11, values: ['a'] }])
  })

  it('reads an unterminated quote literally up to its line end and resumes on the next line', () => {
    const rows = parseDelimitedText('a;"open;b\nc;d\n', ';')
    expect(rows.map(({ line, values, problem }) => ({ line, values, code: problem?.code }))).toEqual([
      { line: 1, values: ['a', '"open', 'b'], code: 'unterminated_quote' },
      { line: 2, values: ['c', 'd'], code: undefined },
    ])
  })

  it('gives up on a quote that stays open for more than maxQuotedLines line breaks, even if closed later', () => {
    // The quote opened on line 2 would close on line 6, after 4 line breaks: more than 3.
    const text = 'h\n"x\n1\n2\n3\n4"\n'
    const rows = parseDelimitedText(text, ';', 1, smallLimits)
    expect(rows.map((row) => [row.line, row.values, row.problem?.code])).toEqual([
      [1, ['h'], undefined],
      [2, ['"x'], 'unterminated_quote'],
      [3, ['1'], undefined],
      [4, ['2'], undefined],
      [5, ['3'], undefined],
      [6, ['4"'], undefined],
    ])
  })

  it('gives up on a quoted field longer than maxFieldChars', () => {
    // 10 + 1 (LF) + 11 = 22 characters inside the quotes: more than 20, so line 1 is read literally.
    const rows = parseDelimitedText(`"${'q'.repeat(10)}\n${'q'.repeat(11)}";z\nok\n`, ';', 1, smallLimits)
    expect(rows.map((row) => [row.line, row.values, row.problem?.code])).toEqual([
      [1, [`"${'q'.repeat(10)}`], 'unterminated_quote'],
      [2, [`${'q'.repeat(11)}"`, 'z'], undefined],
      [3, ['ok'], undefined],
    ])
  })

  it('cuts a row at a field longer than maxFieldChars and skips the rest of its line', () => {
    const rows = parseDelimitedText(`a;${'x'.repeat(21)};b\nc\n`, ';', 1, smallLimits)
    expect(rows.map((row) => [row.line, row.values, row.problem?.code])).toEqual([
      [1, ['a'], 'field_too_large'],
      [2, ['c'], undefined],
    ])
  })

  it('cuts a record longer than maxRecordChars', () => {
    // Fields of 9 characters + ';' = 10 per field: the field starting at offset 60 (> 50) is not read.
    const line = Array.from({ length: 8 }, (_, index) => `field${index}xyz`.slice(0, 9)).join(';')
    const rows = parseDelimitedText(`${line}\nnext\n`, ';', 1, smallLimits)
    expect(rows[0].values).toHaveLength(6)
    expect(rows[0].problem?.code).toBe('field_too_large')
    expect(rows[1]).toEqual({ line: 2, values: ['next'] })
  })

  it('flags NUL bytes, control characters and U+FFFD as binary content', () => {
    const rows = parseDelimitedText('a\u0000b;c\nok\n\u0007\n"\ufffd"\ntab\tok\n', ';')
    expect(rows.map((row) => [row.line, row.problem?.code])).toEqual([
      [1, 'binary_content'],
      [2, undefined],
      [3, 'binary_content'],
      [4, 'binary_content'],
      [5, undefined],
    ])
  })

  it('supports a multi-character delimiter', () => {
    expect(parseDelimitedText('a||b||"c||d"\n', '||')).toEqual([{ line: 1, values: ['a', 'b', 'c||d'] }])
  })
})

describe('DelimitedParser', () => {
  const tricky =
    'T;itre\r\n\r\n"h1";h2;h3\r\n"a\r\nb";"x""y";\r\n\rlone;cr\r"open;q\n' +
    'row;after\n"x"tail;""""\n' +
    `${'w'.repeat(25)};big\n"${'y'.repeat(22)}";z\nend`

  it('gives the same rows whatever the chunk size, including 1 character', () => {
    const whole = parseDelimitedText(tricky, ';', 1, smallLimits)
    // Line 8's quote closes on line 10 ("x"tail); lines 11 and 12 hold fields longer than 20 characters.
    expect(whole.map((row) => [row.line, row.problem?.code])).toEqual([
      [1, undefined],
      [3, undefined],
      [4, undefined],
      [7, undefined],
      [8, undefined],
      [11, 'field_too_large'],
      [12, 'field_too_large'],
      [13, undefined],
    ])
    expect(whole[4].values).toEqual(['open;q\nrow;after\nx"tail', '"'])
    for (const size of [1, 2, 3, 5, 7, 16, 64])
      expect(parseInPieces(tricky, ';', size, smallLimits)).toEqual(whole)
  })

  it('keeps CRLF as one line break when a chunk ends between CR and LF', () => {
    expect(parseInPieces('a\r\nb\r\n"c\r\nd"\r\ne', ';', 2)).toEqual([
      { line: 1, values: ['a'] },
      { line: 2, values: ['b'] },
      { line: 3, values: ['c\r\nd'] },
      { line: 5, values: ['e'] },
    ])
  })
})
