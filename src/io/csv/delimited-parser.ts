import type { DelimitedRow } from './read-delimited.js'

/** Bounds that keep one broken record from swallowing the file or the memory. */
export type DelimitedParserLimits = {
  /** Longest field, in UTF-16 code units; a quoted field not closed within it is an unterminated quote. */
  maxFieldChars: number
  /** Most line breaks a quoted field may hold before its quote is deemed unterminated. */
  maxQuotedLines: number
  /** Longest record before the rest of its line is skipped. */
  maxRecordChars: number
}

export const defaultParserLimits: DelimitedParserLimits = {
  maxFieldChars: 1024 * 1024,
  maxQuotedLines: 1000,
  maxRecordChars: 4 * 1024 * 1024,
}

const lineFeed = 10
const carriageReturn = 13
const quote = 34

/** C0 controls other than tab, line feed, vertical tab, form feed and carriage return, plus U+FFFD. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const binaryCharacter = /[\x00-\x08\x0e-\x1f\ufffd]/g

type RecordOutcome = 'complete' | 'incomplete' | 'restart'

/**
 * Streaming parser of delimited text (RFC 4180 quotes, lenient): feed decoded text with `push`, then call
 * `finish`. Rows carry the 1-based physical line where they start; empty lines are skipped.
 */
export class DelimitedParser {
  /** Physical line number where the unparsed remainder starts. */
  line: number
  private pending = ''
  private isSkippingToLineEnd = false
  private readonly delimiter: string
  private readonly limits: DelimitedParserLimits

  // Per-text scanning state, reset by `scan`.
  private text = ''
  private textLength = 0
  private isFinal = false
  private nextLineFeed = -1
  private nextCarriageReturn = -1
  private nextDelimiter = -1
  private nextBinary = -1
  /** Offsets (from the record start) of opening quotes that turned out unterminated: read them literally. */
  private literalQuotes: number[] = []
  private recordValues: string[] = []
  private recordEnd = 0
  private recordLineBreaks = 0
  private recordProblem: DelimitedRow['problem'] = undefined

  constructor(delimiter: string, firstLine = 1, limits: DelimitedParserLimits = defaultParserLimits) {
    if (delimiter.length === 0) throw new Error('The delimiter must not be empty')
    this.delimiter = delimiter
    this.line = firstLine
    this.limits = limits
  }

  /** Parses a piece of decoded text and appends the complete rows it ends to `rows`. */
  push(chunk: string, rows: DelimitedRow[]): void {
    this.scan(this.pending + chunk, false, rows)
  }

  /** Parses whatever is left at end of input and appends those rows to `rows`. */
  finish(rows: DelimitedRow[]): void {
    this.scan(this.pending, true, rows)
    this.pending = ''
  }

  // One long method on purpose: the per-line fast path keeps its search positions in locals.
  private scan(text: string, isFinal: boolean, rows: DelimitedRow[]): void {
    this.text = text
    this.textLength = text.length
    this.isFinal = isFinal
    this.resetSearches()
    this.nextBinary = -1
    let position = 0
    if (this.isSkippingToLineEnd) {
      const lineBreak = this.nextLineBreak(0)
      if (lineBreak === this.textLength) {
        this.pending = ''
        return
      }
      this.isSkippingToLineEnd = false
      position = lineBreak
    }
    const length = this.textLength
    const delimiter = this.delimiter
    const delimiterLength = delimiter.length
    const fastLineChars = Math.min(this.limits.maxFieldChars, this.limits.maxRecordChars)
    // Local copies of the search caches for the fast path; synced with the fields around `parseRecord`.
    let nextLineFeed = -1
    let nextCarriageReturn = -1
    let nextDelimiter = -1
    let nextQuote = -1
    while (position < length) {
      const code = text.charCodeAt(position)
      if (code === lineFeed || code === carriageReturn) {
        const after = this.afterLineBreak(position)
        if (after < 0) break
        this.line++
        position = after
        continue
      }
      // Fast path: a whole line without quotes is split on delimiters with indexOf.
      if (nextLineFeed < position) {
        const found = text.indexOf('\n', position)
        nextLineFeed = found < 0 ? length : found
      }
      if (nextCarriageReturn < position) {
        const found = text.indexOf('\r', position)
        nextCarriageReturn = found < 0 ? length : found
      }
      const lineBreak = nextLineFeed < nextCarriageReturn ? nextLineFeed : nextCarriageReturn
      if (nextQuote < position) {
        const found = text.indexOf('"', position)
        nextQuote = found < 0 ? length : found
      }
      if (
        nextQuote >= lineBreak &&
        (lineBreak < length || isFinal) &&
        lineBreak - position <= fastLineChars &&
        this.literalQuotes.length === 0
      ) {
        const values: string[] = []
        let fieldStart = position
        for (;;) {
          if (nextDelimiter < fieldStart) {
            const found = text.indexOf(delimiter, fieldStart)
            nextDelimiter = found < 0 ? length : found
          }
          if (nextDelimiter >= lineBreak) {
            values.push(text.slice(fieldStart, lineBreak))
            break
          }
          values.push(text.slice(fieldStart, nextDelimiter))
          fieldStart = nextDelimiter + delimiterLength
        }
        const row: DelimitedRow = { line: this.line, values }
        if (this.binaryBefore(position, lineBreak)) {
          row.problem = {
            code: 'binary_content',
            message: `Line ${this.line} contains binary or undecodable bytes`,
          }
        }
        rows.push(row)
        position = lineBreak
        continue
      }
      this.nextLineFeed = nextLineFeed
      this.nextCarriageReturn = nextCarriageReturn
      this.nextDelimiter = nextDelimiter
      const outcome = this.parseRecord(position)
      nextLineFeed = this.nextLineFeed
      nextCarriageReturn = this.nextCarriageReturn
      nextDelimiter = this.nextDelimiter
      if (outcome === 'incomplete') break
      if (outcome === 'restart') {
        this.resetSearches()
        nextLineFeed = -1
        nextCarriageReturn = -1
        nextDelimiter = -1
        continue
      }
      const end = this.recordEnd
      const row: DelimitedRow = { line: this.line, values: this.recordValues }
      if (this.recordProblem) row.problem = this.recordProblem
      else if (this.binaryBefore(position, end)) {
        row.problem = {
          code: 'binary_content',
          message: `Line ${this.line} contains binary or undecodable bytes`,
        }
      }
      rows.push(row)
      this.literalQuotes = []
      this.line += this.recordLineBreaks
      position = end
      if (this.isSkippingToLineEnd) {
        const lineBreak = this.nextLineBreak(position)
        if (lineBreak === length) {
          position = length
          break
        }
        this.isSkippingToLineEnd = false
        position = lineBreak
      }
    }
    this.pending = position < length ? text.slice(position) : ''
    this.text = ''
  }

  /**
   * Parses one record starting at `start` (not on a line break). On 'complete', `recordEnd` is the position of
   * the line break that ends it (or the end of text) and `recordLineBreaks` counts line breaks inside quotes.
   */
  private parseRecord(start: number): RecordOutcome {
    const text = this.text
    const length = this.textLength
    const delimiterLength = this.delimiter.length
    const limits = this.limits
    const values: string[] = []
    this.recordValues = values
    this.recordProblem = this.literalQuotes.length > 0 ? this.unterminatedProblem() : undefined
    let lineBreaks = 0
    let position = start
    for (;;) {
      if (position - start > limits.maxRecordChars) {
        return this.tooLarge(
          position,
          lineBreaks,
          `Line ${this.line} is longer than ${limits.maxRecordChars} characters`,
        )
      }
      let value: string
      if (
        position < length &&
        text.charCodeAt(position) === quote &&
        (this.literalQuotes.length === 0 || !this.literalQuotes.includes(position - start))
      ) {
        // Quoted field: scan quote to quote, keeping slices between doubled quotes.
        const contentStart = position + 1
        let segmentStart = contentStart
        let breakSearch = contentStart
        let fieldLineBreaks = 0
        value = ''
        for (;;) {
          let closing = text.indexOf('"', segmentStart)
          if (closing < 0) closing = length
          let lineBreak = this.nextLineBreak(breakSearch)
          while (lineBreak < closing) {
            fieldLineBreaks++
            breakSearch =
              text.charCodeAt(lineBreak) === carriageReturn && text.charCodeAt(lineBreak + 1) === lineFeed
                ? lineBreak + 2
                : lineBreak + 1
            lineBreak = this.nextLineBreak(breakSearch)
          }
          if (fieldLineBreaks > limits.maxQuotedLines || closing - contentStart > limits.maxFieldChars) {
            return this.unterminated(start, position)
          }
          if (closing === length || (closing === length - 1 && !this.isFinal)) {
            return this.isFinal ? this.unterminated(start, position) : 'incomplete'
          }
          if (text.charCodeAt(closing + 1) === quote) {
            value += text.slice(segmentStart, closing + 1)
            segmentStart = closing + 2
            breakSearch = segmentStart
            continue
          }
          value += text.slice(segmentStart, closing)
          position = closing + 1
          break
        }
        lineBreaks += fieldLineBreaks
        const fieldEnd = this.fieldEnd(position)
        if (fieldEnd > position) {
          // Text after the closing quote ("abc"def): kept literally.
          if (fieldEnd === length && !this.isFinal) return 'incomplete'
          value += text.slice(position, fieldEnd)
          position = fieldEnd
        }
      } else {
        const fieldEnd = this.fieldEnd(position)
        if (fieldEnd - position > limits.maxFieldChars) {
          return this.tooLarge(
            position,
            lineBreaks,
            `Field ${values.length + 1} on line ${this.line} is longer than ${limits.maxFieldChars} characters`,
          )
        }
        if (fieldEnd === length && !this.isFinal) return 'incomplete'
        value = text.slice(position, fieldEnd)
        position = fieldEnd
      }
      values.push(value)
      if (position === length) {
        if (!this.isFinal) return 'incomplete'
        break
      }
      if (this.nextDelimiter === position) {
        position += delimiterLength
        continue
      }
      break // a line break ends the record
    }
    this.recordEnd = position
    this.recordLineBreaks = lineBreaks
    return 'complete'
  }

  /** End of an unquoted stretch: the next delimiter or line break at or after `position`, or the end of text. */
  private fieldEnd(position: number): number {
    if (this.nextDelimiter < position) {
      const found = this.text.indexOf(this.delimiter, position)
      this.nextDelimiter = found < 0 ? this.textLength : found
    }
    const lineBreak = this.nextLineBreak(position)
    return this.nextDelimiter < lineBreak ? this.nextDelimiter : lineBreak
  }

  private nextLineBreak(position: number): number {
    if (this.nextLineFeed < position) {
      const found = this.text.indexOf('\n', position)
      this.nextLineFeed = found < 0 ? this.textLength : found
    }
    if (this.nextCarriageReturn < position) {
      const found = this.text.indexOf('\r', position)
      this.nextCarriageReturn = found < 0 ? this.textLength : found
    }
    return this.nextLineFeed < this.nextCarriageReturn ? this.nextLineFeed : this.nextCarriageReturn
  }

  /** Position after the line break at `position`, or -1 when a final carriage return may precede a line feed. */
  private afterLineBreak(position: number): number {
    if (this.text.charCodeAt(position) === lineFeed) return position + 1
    if (position + 1 < this.textLength) {
      return this.text.charCodeAt(position + 1) === lineFeed ? position + 2 : position + 1
    }
    return this.isFinal ? position + 1 : -1
  }

  private binaryBefore(start: number, end: number): boolean {
    if (this.nextBinary < start) {
      binaryCharacter.lastIndex = start
      const match = binaryCharacter.exec(this.text)
      this.nextBinary = match ? match.index : this.textLength
    }
    return this.nextBinary < end
  }

  private resetSearches(): void {
    this.nextLineFeed = -1
    this.nextCarriageReturn = -1
    this.nextDelimiter = -1
  }

  private unterminatedProblem(): DelimitedRow['problem'] {
    return {
      code: 'unterminated_quote',
      message:
        `A quote in the record starting on line ${this.line} is not closed within ${this.limits.maxQuotedLines} lines, ` +
        `${this.limits.maxFieldChars} characters or before the end of the file; it was read literally`,
    }
  }

  /** Marks the opening quote at `quotePosition` as literal so the record is parsed again without it. */
  private unterminated(start: number, quotePosition: number): RecordOutcome {
    this.literalQuotes.push(quotePosition - start)
    return 'restart'
  }

  /** Ends the record before `position` and skips the rest of its line. */
  private tooLarge(position: number, lineBreaks: number, message: string): RecordOutcome {
    this.recordProblem = { code: 'field_too_large', message: `${message}; the rest of the line was skipped` }
    this.recordEnd = position
    this.recordLineBreaks = lineBreaks
    this.isSkippingToLineEnd = true
    return 'complete'
  }
}

/** Parses a whole delimited text at once; `firstLine` is the physical line number of its first character. */
export function parseDelimitedText(
  text: string,
  delimiter: string,
  firstLine = 1,
  limits: DelimitedParserLimits = defaultParserLimits,
): DelimitedRow[] {
  const parser = new DelimitedParser(delimiter, firstLine, limits)
  const rows: DelimitedRow[] = []
  parser.push(text, rows)
  parser.finish(rows)
  return rows
}
