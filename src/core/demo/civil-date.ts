import { dayNumberOf } from '../inventory/day-number.js'

/** A calendar date in the proleptic Gregorian calendar. */
export type CivilDate = { year: number; month: number; day: number }

/** Days since 1970-01-01 of a calendar date (the inventory's own day arithmetic). */
export const dayFromCivil = dayNumberOf

/** The calendar date of a day number (days since 1970-01-01). */
export function civilFromDay(dayNumber: number): CivilDate {
  const shifted = dayNumber + 719468
  const era = Math.floor(shifted / 146097)
  const dayOfEra = shifted - era * 146097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

/** `dd/mm/yyyy`, the French GLPI display format. */
export function formatFrenchDate(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber)
  return `${twoDigits(day)}/${twoDigits(month)}/${year}`
}

/** `yyyy-mm-dd`, the ISO format NumEcoEval expects. */
export function formatIsoDate(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber)
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}
