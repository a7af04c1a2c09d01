import { describe, expect, it } from 'vitest'
import { civilFromDay, dayFromCivil, formatFrenchDate, formatIsoDate } from './civil-date.js'

describe('civil dates', () => {
  it('counts days from 1970-01-01, leap days included', () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0)
    expect(dayFromCivil(2000, 3, 1)).toBe(11017)
    // 2024 is a leap year: 31 December is its 366th day.
    expect(dayFromCivil(2024, 12, 31) - dayFromCivil(2024, 1, 1)).toBe(365)
    expect(dayFromCivil(1969, 12, 31)).toBe(-1)
  })

  it('round-trips every day of 1999–2030', () => {
    for (let day = dayFromCivil(1999, 1, 1); day <= dayFromCivil(2030, 12, 31); day++) {
      const { year, month, day: dayOfMonth } = civilFromDay(day)
      expect(dayFromCivil(year, month, dayOfMonth)).toBe(day)
    }
  })

  it('formats French and ISO dates', () => {
    expect(formatFrenchDate(dayFromCivil(2021, 2, 9))).toBe('09/02/2021')
    expect(formatIsoDate(dayFromCivil(2025, 12, 31))).toBe('2025-12-31')
  })
})
