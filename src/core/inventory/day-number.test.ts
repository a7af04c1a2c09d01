import { describe, expect, it } from 'vitest'
import { dayNumberOf, daysInMonth, isoDateOf } from './day-number.js'

describe('dayNumberOf', () => {
  it.each([
    [1970, 1, 1, 0],
    [2019, 3, 15, 17970],
    [2020, 1, 1, 18262],
    [2020, 2, 29, 18321],
    [1900, 3, 1, -25508],
    [2199, 12, 31, 84005],
  ])('%i-%i-%i is day %i', (year, month, day, expected) => {
    expect(dayNumberOf(year, month, day)).toBe(expected)
  })

  it('agrees with Date.UTC on every day from 1900 to 2199', () => {
    let mismatches = 0
    for (let year = 1900; year <= 2199; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= daysInMonth(year, month); day++) {
          if (dayNumberOf(year, month, day) !== Date.UTC(year, month - 1, day) / 86_400_000) mismatches++
        }
      }
    }
    expect(mismatches).toBe(0)
  })
})

describe('daysInMonth', () => {
  it.each([
    [2020, 2, 29],
    [2019, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2021, 4, 30],
    [2021, 12, 31],
  ])('%i-%i has %i days', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected)
  })
})

describe('isoDateOf', () => {
  it.each([
    [0, '1970-01-01'],
    [17970, '2019-03-15'],
    [18321, '2020-02-29'],
    [-25508, '1900-03-01'],
  ])('day %i is %s', (day, expected) => {
    expect(isoDateOf(day)).toBe(expected)
  })
})
