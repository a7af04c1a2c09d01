/** How a number format shows a numeric cell: as a plain number, a calendar date (maybe with time), or a time of day. */
export type NumberFormatKind = 'number' | 'date' | 'time'

const secondsPerDay = 86_400
const millisecondsPerDay = secondsPerDay * 1000
// The last day Excel can show: 9999-12-31 is serial 2958465 in the 1900 system.
const maxSerial = 2_958_466

/**
 * Classifies a number format from its id and, for custom ids (164 and up) or overridden ones, its format code.
 * Built-in 14–17 and 22 are dates, 18–21 and 45–47 times of day; a code is a date when it uses d, y or a month
 * m (an m without h or s), and a time when it only uses h, m, s.
 */
export function numberFormatKind(id: number, code: string | undefined): NumberFormatKind {
  if (code !== undefined) return formatCodeKind(code)
  if ((id >= 14 && id <= 17) || id === 22) return 'date'
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return 'time'
  return 'number'
}

/** Classifies a number format code such as `dd/mm/yyyy`, `[$-40C]d mmmm yyyy`, `h:mm AM/PM` or `#,##0.00`. */
export function formatCodeKind(code: string): NumberFormatKind {
  let letters = ''
  const section = code.toLowerCase().replace(/am\/pm|a\/p/g, '')
  for (let index = 0; index < section.length; index++) {
    const character = section[index]
    if (character === ';') break
    if (character === '"') {
      const close = section.indexOf('"', index + 1)
      index = close === -1 ? section.length : close
    } else if (character === '\\' || character === '_' || character === '*') {
      index++
    } else if (character === '[') {
      const close = section.indexOf(']', index + 1)
      const inside = section.slice(index + 1, close === -1 ? section.length : close)
      if (/^(h+|m+|s+)$/.test(inside)) letters += inside[0]
      index = close === -1 ? section.length : close
    } else {
      letters += character
    }
  }
  const hasTime = letters.includes('h') || letters.includes('s')
  if (letters.includes('d') || letters.includes('y') || (letters.includes('m') && !hasTime)) return 'date'
  return hasTime ? 'time' : 'number'
}

/**
 * Converts an Excel date serial to ISO 8601: `yyyy-mm-dd`, or `yyyy-mm-ddTHH:MM:SS` when it has a time part
 * (rounded to the second). In the 1900 system serial 60 is Excel's fictitious 1900-02-29 and serial 61 is
 * 1900-03-01; in the 1904 system serial 0 is 1904-01-01. Undefined for negative, non-finite or post-9999 serials.
 */
export function excelSerialToIso(serial: number, is1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0) return undefined
  const totalSeconds = Math.round(serial * secondsPerDay)
  const days = Math.floor(totalSeconds / secondsPerDay)
  const seconds = totalSeconds - days * secondsPerDay
  if (days >= maxSerial - (is1904 ? 1462 : 0)) return undefined
  let date: string
  if (!is1904 && days === 60) {
    date = '1900-02-29'
  } else {
    const epoch = is1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
    date = new Date(epoch + days * millisecondsPerDay).toISOString().slice(0, 10)
  }
  return seconds === 0 ? date : `${date}T${clock(seconds)}`
}

/** Converts a fraction of a day (0 ≤ serial < 1) to `HH:MM:SS`; undefined for other values. */
export function excelSerialToTime(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 0) return undefined
  const seconds = Math.round(serial * secondsPerDay)
  return seconds < secondsPerDay ? clock(seconds) : undefined
}

function clock(seconds: number): string {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds % 60)}`
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}
