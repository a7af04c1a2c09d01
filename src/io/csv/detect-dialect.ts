import type { DelimitedRow } from './read-delimited.js'
import { DelimitedParser } from './delimited-parser.js'

export const candidateDelimiters = [';', ',', '\t', '|']
/** Delimiter assumed when no candidate splits the sample consistently (French exports favour ';'). */
export const defaultDelimiter = ';'

/** Parses up to `maxRows` rows from the start of a sample; a row cut by the end of a partial sample is left out. */
export function sampleRows(
  text: string,
  delimiter: string,
  isWholeText: boolean,
  maxRows: number,
): DelimitedRow[] {
  const parser = new DelimitedParser(delimiter)
  const rows: DelimitedRow[] = []
  parser.push(text, rows)
  if (isWholeText) parser.finish(rows)
  return rows.slice(0, maxRows)
}

/** Most frequent cell count among rows, the larger one on a tie; 0 when there are no rows. */
export function dominantCellCount(rows: DelimitedRow[], minimum = 1): number {
  const frequencies = new Map<number, number>()
  for (const row of rows) {
    const count = row.values.length
    if (count >= minimum) frequencies.set(count, (frequencies.get(count) ?? 0) + 1)
  }
  let best = 0
  let bestFrequency = 0
  for (const [count, frequency] of frequencies) {
    if (frequency > bestFrequency || (frequency === bestFrequency && count > best)) {
      best = count
      bestFrequency = frequency
    }
  }
  return best
}

/**
 * Picks the candidate delimiter whose quote-aware parse of the first 50 rows gives the most rows sharing one
 * cell count of at least 2 (a larger count wins a tie, then the candidate order).
 */
export function detectDelimiter(text: string, isWholeText: boolean): string {
  let best = defaultDelimiter
  let bestFrequency = 0
  let bestCount = 0
  for (const delimiter of candidateDelimiters) {
    const rows = sampleRows(text, delimiter, isWholeText, 50)
    const count = dominantCellCount(rows, 2)
    const frequency = rows.filter((row) => row.values.length === count).length
    if (count >= 2 && (frequency > bestFrequency || (frequency === bestFrequency && count > bestCount))) {
      best = delimiter
      bestFrequency = frequency
      bestCount = count
    }
  }
  return best
}

/** Default header test: as many cells as most rows, with at least two non-empty (one in a one-column file). */
export function isLikelyHeader(cells: string[], dominantCount: number): boolean {
  if (cells.length !== dominantCount) return false
  const filled = cells.filter((cell) => cell.trim() !== '').length
  return filled >= Math.min(2, dominantCount)
}

/** Finds the header among the first 20 rows, with the caller's test or the default one. */
export function findHeader(
  rows: DelimitedRow[],
  isHeader?: (cells: string[]) => boolean,
): DelimitedRow | undefined {
  const dominantCount = dominantCellCount(rows)
  const test = isHeader ?? ((cells: string[]) => isLikelyHeader(cells, dominantCount))
  return rows.slice(0, 20).find((row) => !row.problem && test(row.values))
}
