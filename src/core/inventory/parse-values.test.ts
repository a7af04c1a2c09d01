import { describe, expect, it } from 'vitest'
import {
  COUNTRIES,
  inferCategory,
  parseCountry,
  parseDate,
  parseNumber,
  parseOwnership,
  parsePercent,
  parseStatus,
} from './parse-values.js'

describe('parseNumber', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['12,5', 12.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234', 1234],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ["1'234", 1234],
    ['+7', 7],
    [' 0,75 ', 0.75],
    ['.5', 0.5],
  ])('reads %j as %d', (text, expected) => {
    expect(parseNumber(text)).toEqual({ ok: true, value: expected })
  })

  it.each(['abc', '12 kWh', '1,2,3.4.5', '1.23.4', '--1', '1-2', '0x10', 'Infinity', '1e3', ',', '12,5,3'])(
    'refuses %j',
    (text) => {
      expect(parseNumber(text)).toEqual({ ok: false, reason: 'not a number' })
    },
  )

  it('returns null for an empty cell', () => {
    expect(parseNumber('   ')).toBeNull()
  })
})

describe('parsePercent', () => {
  it.each([
    ['80 %', 0.8],
    ['80%', 0.8],
    ['80', 0.8],
    ['0.8', 0.8],
    ['0,57', 0.57],
    ['100 %', 1],
    ['1', 1],
    ['0', 0],
  ])('reads %j as %d', (text, expected) => {
    expect(parsePercent(text)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['150 %', 'not between 0 and 100 %'],
    ['-5', 'not between 0 and 100 %'],
    ['beaucoup', 'not a number'],
    ['%', 'not a number'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(parsePercent(text)).toEqual({ ok: false, reason })
  })
})

describe('parseDate', () => {
  it.each([
    ['15/03/2019', 17970],
    ['15-03-2019', 17970],
    ['15.03.2019', 17970],
    ['2019-03-15', 17970],
    ['2019/03/15', 17970],
    ['5/3/2019', 17960],
    ['15/03/2019 14:30', 17970],
    ['15/03/2019 9:05', 17970],
    ['15/03/2019 14:30:59', 17970],
    ['2019-03-15T14:30:00Z', 17970],
    ['2019-03-15T14:30:00.123+01:00', 17970],
    ['2019-03-15 14:30:00', 17970],
    ['29/02/2020', 18321],
    ['43831', 18262],
    ['01/01/1970', 0],
  ])('reads %j as day %i', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['31/02/2020', 'no such day'],
    ['29/02/2019', 'no such day'],
    ['31/04/2021', 'no such day'],
    ['00/01/2020', 'no such day'],
    ['15/13/2019', 'no month 13'],
    ['2019-00-10', 'no month 0'],
    ['01/01/1850', 'year 1850 out of range'],
    ['hier', 'not a date'],
    ['15/03/19', 'not a date'],
    ['15/03-2019', 'not a date'],
    ['2019', 'not a date'],
    ['123456', 'not a date'],
    ['43831.5', 'not a date'],
    ['15/03/2019 25:00', 'not a date'],
    ['15/03/2019 14:3', 'not a date'],
    ['2019-03-15T14:30:00X', 'not a date'],
    ['15/03/2019 et demi', 'not a date'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(parseDate(text)).toEqual({ ok: false, reason })
  })

  it('returns null for an empty cell', () => {
    expect(parseDate('')).toBeNull()
  })
})

describe('parseCountry', () => {
  it.each([
    ['France', 'FR'],
    ['FR', 'FR'],
    ['FRA', 'FR'],
    ['fr', 'FR'],
    ['Allemagne', 'DE'],
    ['Germany', 'DE'],
    ['DEU', 'DE'],
    ['Royaume-Uni', 'GB'],
    ['UK', 'GB'],
    ['États-Unis', 'US'],
    ['Etats Unis', 'US'],
    ['U.S.A.', 'US'],
    ['Pays-Bas', 'NL'],
    ['suisse', 'CH'],
    ['Chine', 'CN'],
    ['La Réunion', 'RE'],
    ["Côte d'Ivoire", 'CI'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseCountry(text)).toEqual({ ok: true, value: expected })
  })

  it('reads every listed code and name back to its own alpha-2 code', () => {
    const wrong = COUNTRIES.flatMap((names) =>
      names.filter((name) => {
        const parsed = parseCountry(name)
        return !(parsed?.ok && parsed.value === names[0])
      }),
    )
    expect(wrong).toEqual([])
  })

  it('covers the EU 27 plus GB, CH, US and CN', () => {
    const codes = new Set(COUNTRIES.map((names) => names[0]))
    const expected =
      'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GB CH US CN'
    expect(expected.split(' ').filter((code) => !codes.has(code))).toEqual([])
  })

  it('refuses an unknown country and ignores an empty cell', () => {
    expect(parseCountry('Atlantis')).toEqual({ ok: false, reason: 'not a known country' })
    expect(parseCountry(' ')).toBeNull()
  })
})

describe('parseStatus', () => {
  it.each([
    ['En service', 'in-use'],
    ['En fonction', 'in-use'],
    ['In use', 'in-use'],
    ['Actif', 'in-use'],
    ['in-use', 'in-use'],
    ['En stock', 'stock'],
    ['Stock', 'stock'],
    ['Not used', 'stock'],
    ['Réformé', 'retired'],
    ['REBUT', 'retired'],
    ['Retired', 'retired'],
    ['Hors service', 'retired'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseStatus(text)).toEqual({ ok: true, value: expected })
  })

  it('refuses an unknown status', () => {
    expect(parseStatus('Quelque part')).toEqual({ ok: false, reason: 'not a known status' })
  })
})

describe('parseOwnership', () => {
  it.each([
    ['COPE', 'company'],
    ['company', 'company'],
    ['BYOD', 'personal'],
    ['Personnel', 'personal'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseOwnership(text)).toEqual({ ok: true, value: expected })
  })

  it('refuses an unknown ownership', () => {
    expect(parseOwnership('LEASE')).toEqual({ ok: false, reason: 'not a known ownership' })
  })
})

describe('inferCategory', () => {
  it.each([
    ['Ordinateur portable', 'laptop'],
    ['Portable', 'laptop'],
    ['Laptop', 'laptop'],
    ['Notebook', 'laptop'],
    ['Portables', 'laptop'],
    ['Ordinateur fixe', 'desktop'],
    ['Unité centrale', 'desktop'],
    ['Desktop', 'desktop'],
    ['Tour', 'desktop'],
    ['Station de travail', 'desktop'],
    ['Station de travail mobile', 'laptop'],
    ['Client léger', 'thin-client'],
    ['Thin client', 'thin-client'],
    ['Écran', 'monitor'],
    ['Moniteur', 'monitor'],
    ['Monitor', 'monitor'],
    ['Screen', 'monitor'],
    ['Smartphone', 'smartphone'],
    ['Téléphone mobile', 'smartphone'],
    ['Téléphone portable', 'smartphone'],
    ['Mobile', 'smartphone'],
    ['Tablette', 'tablet'],
    ['Tablet', 'tablet'],
    ['Téléphone IP', 'desk-phone'],
    ['Téléphone fixe', 'desk-phone'],
    ['Poste téléphonique', 'desk-phone'],
    ['Desk phone', 'desk-phone'],
    ['IP phone', 'desk-phone'],
    ['Imprimante', 'printer'],
    ['Multifonction', 'printer'],
    ['MFP', 'printer'],
    ['Copieur', 'printer'],
    ['Printer', 'printer'],
    ['Imprimante réseau', 'printer'],
    ['Switch', 'network-switch'],
    ['Commutateur', 'network-switch'],
    ['Network', 'network-switch'],
    ['Routeur', 'router'],
    ['Router', 'router'],
    ['Borne wifi', 'wifi-access-point'],
    ["Point d'accès", 'wifi-access-point'],
    ['Access point', 'wifi-access-point'],
    ['Serveur', 'server'],
    ['Serveurs', 'server'],
    ['Server', 'server'],
    ['Dedicated Server', 'server'],
    ['Shared Server', 'server'],
    ['Baie de stockage', 'storage'],
    ['Storage', 'storage'],
    ['NAS', 'storage'],
    ['SAN', 'storage'],
    ['Machine virtuelle', 'virtual-machine'],
    ['VM', 'virtual-machine'],
    ['network-switch', 'network-switch'],
    ['other', 'other'],
  ])('reads type %j as %s', (text, expected) => {
    expect(inferCategory(text, null, null)).toBe(expected)
  })

  it.each([
    [null, 'Latitude 5420', null, 'laptop'],
    [null, 'Physical Server unknown', null, 'server'],
    ['Terminal', 'iPhone 12', null, 'smartphone'],
    ['Terminal', 'Modèle inconnu', 'monitor', 'monitor'],
    [null, null, 'printer', 'printer'],
    ['Périphérique', 'X-200', null, null],
    [null, null, null, null],
  ] as const)('type %j, model %j, hint %j → %s', (typeText, modelText, hint, expected) => {
    expect(inferCategory(typeText, modelText, hint)).toBe(expected)
  })

  it('prefers the type over the hint', () => {
    expect(inferCategory('Écran', null, 'laptop')).toBe('monitor')
  })
})
