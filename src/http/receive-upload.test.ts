import { describe, expect, it } from 'vitest'
import { sanitiseFileName } from './receive-upload.js'

describe('sanitiseFileName', () => {
  it.each([
    ['glpi-parc.csv', 'glpi-parc.csv'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\evil.csv', 'evil.csv'],
    ['C:\\exports\\parc 2026.csv', 'parc 2026.csv'],
    ['..', 'upload'],
    ['/', 'upload'],
    ['.hidden.csv', 'hidden.csv'],
    ['a\u0000b\nc.csv', 'a_b_c.csv'],
    ['what?<>:"|*.csv', 'what_______.csv'],
    ['Équipements été.xlsx', 'Équipements été.xlsx'],
    [`${'x'.repeat(300)}.csv`, `${'x'.repeat(196)}.csv`],
  ])('cleans %j into %j', (name, expected) => {
    expect(sanitiseFileName(name)).toBe(expected)
  })
})
