import { describe, expect, it } from 'vitest'
import { excelSerialToIso, excelSerialToTime, formatCodeKind, numberFormatKind } from './excel-date.js'

describe('excelSerialToIso', () => {
  it.each([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, '1900-02-29'], // Excel's fictitious leap day, kept as Excel shows it
    [61, false, '1900-03-01'],
    [43831, false, '2020-01-01'],
    [45322, false, '2024-01-31'],
    [2958465, false, '9999-12-31'],
    [43831.5, false, '2020-01-01T12:00:00'],
    [44927.999994, false, '2023-01-01T23:59:59'], // 86399.48 s rounds to 86399 s
    [44927.999999, false, '2023-01-02'], // 86399.91 s rounds to the next midnight
    [0, true, '1904-01-01'],
    [43831, true, '2024-01-02'], // 1900-system 43831 + 1462 days
    [2957003, true, '9999-12-31'],
  ])('converts serial %d (1904 system: %s) to %s', (serial, is1904, expected) => {
    expect(excelSerialToIso(serial, is1904)).toBe(expected)
  })

  it('leaves negative, non-finite and post-9999 serials unconverted', () => {
    expect(excelSerialToIso(-1, false)).toBeUndefined()
    expect(excelSerialToIso(Number.NaN, false)).toBeUndefined()
    expect(excelSerialToIso(2958466, false)).toBeUndefined()
    expect(excelSerialToIso(2957004, true)).toBeUndefined()
  })
})

describe('excelSerialToTime', () => {
  it('converts a fraction of a day and refuses whole days', () => {
    expect(excelSerialToTime(0.75)).toBe('18:00:00')
    expect(excelSerialToTime(0)).toBe('00:00:00')
    expect(excelSerialToTime(0.5 + 1 / 86400)).toBe('12:00:01')
    expect(excelSerialToTime(1.25)).toBeUndefined()
  })
})

describe('numberFormatKind', () => {
  it('knows the built-in date and time ids', () => {
    expect(
      [0, 1, 2, 14, 15, 16, 17, 18, 21, 22, 45, 47, 49].map((id) => numberFormatKind(id, undefined)),
    ).toEqual([
      'number',
      'number',
      'number',
      'date',
      'date',
      'date',
      'date',
      'time',
      'time',
      'date',
      'time',
      'time',
      'number',
    ])
  })

  it('reads custom format codes', () => {
    expect(formatCodeKind('dd/mm/yyyy;@')).toBe('date')
    expect(formatCodeKind('[$-40C]d\\ mmmm\\ yyyy\\ h:mm')).toBe('date')
    expect(formatCodeKind('mmm-yy')).toBe('date')
    expect(formatCodeKind('h:mm AM/PM')).toBe('time')
    expect(formatCodeKind('[h]:mm:ss')).toBe('time')
    expect(formatCodeKind('mm:ss')).toBe('time')
    expect(formatCodeKind('0.00" kg"')).toBe('number')
    expect(formatCodeKind('#,##0.00 "days";[Red]-#,##0.00')).toBe('number')
    expect(formatCodeKind('[Red]0.0')).toBe('number')
    expect(formatCodeKind('General')).toBe('number')
    expect(formatCodeKind('0.00E+00')).toBe('number')
  })

  it('lets a custom code override a built-in id', () => {
    expect(numberFormatKind(14, '0.00')).toBe('number')
  })
})
