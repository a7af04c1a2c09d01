import { describe, expect, it } from 'vitest'
import {
  categoryOfModelText,
  categoryOfProcurementCode,
  COUNTRIES,
  inferCategory,
  isTabletModel,
  isTrueFlag,
  isVirtualMachineModel,
  operatingSystemFamilyOf,
  parseChassisType,
  parseCountry,
  parseDate,
  parseMonths,
  parseNumber,
  parseOwnership,
  parsePercent,
  parseStatus,
  readItemDescription,
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
    // yyyymmdd (NumEcoEval / G4IT): 2019-03-15 is day 17970 as above; 2020-07-08 = 18262 (2020-01-01) + 189
    ['20190315', 17970],
    ['20200708', 18451],
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
    // ddmmyyyy is not read as yyyymmdd: "15032019" would be year 1503
    ['15032019', 'not a date'],
    ['20191315', 'not a date'],
    ['20190230', 'no such day'],
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
    ['Ready to Deploy', 'stock'],
    ['Archived', 'retired'],
    ['Broken - Not Fixable', 'retired'],
    ['Lost/Stolen', 'retired'],
    ['Out for Repair', 'in-use'],
    ['Ready to Deploy (deployed)', 'in-use'],
    ['Ready to Deploy (deployable)', 'stock'],
    ['Broken - Not Fixable (undeployable)', 'retired'],
    ['Out for Diagnostics (undeployable)', 'in-use'],
    ['Magasin central (deployable)', 'stock'],
    ['Mis au rebut (archived)', 'retired'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseStatus(text)).toEqual({ ok: true, value: expected })
  })

  it('refuses a Snipe-IT status whose label and meta both say nothing', () => {
    expect(parseStatus('Quarantaine (undeployable)')).toEqual({ ok: false, reason: 'not a known status' })
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

describe('model lines added for device-management exports', () => {
  it.each([
    ['VMware Virtual Platform', 'virtual-machine'],
    ['VirtualBox', 'virtual-machine'],
    ['Cloud PC Enterprise 2vCPU/8GB/128GB', 'virtual-machine'],
    ['Surface Pro 7', 'laptop'],
    ['Surface Laptop 5', 'laptop'],
    ['Surface Studio 2+', 'desktop'],
    ['Mac mini (M2, 2023)', 'desktop'],
    ['MacBook Pro (14-inch, 2023)', 'laptop'],
    ['ThinkBook 14 G4', 'laptop'],
    ['ThinkStation P360 Tower', 'desktop'],
    ['Precision 3660 Tower', 'desktop'],
    ['PowerEdge T440 Tower Server', 'server'],
    ['21HD003NFR', null],
  ])('reads model %j as %s', (text, expected) => {
    expect(categoryOfModelText(text)).toBe(expected)
  })
})

describe('parseChassisType', () => {
  it.each([
    ['10', { category: 'laptop', name: 'Notebook' }],
    ['{10}', { category: 'laptop', name: 'Notebook' }],
    ['{8,10}', { category: 'laptop', name: 'Portable' }],
    ['{12,9}', { category: 'laptop', name: 'Laptop' }],
    ['{3}', { category: 'desktop', name: 'Desktop' }],
    ['6', { category: 'desktop', name: 'Mini Tower' }],
    ['13', { category: 'desktop', name: 'All in One' }],
    ['35', { category: 'desktop', name: 'Mini PC' }],
    ['11', { category: 'tablet', name: 'Hand Held' }],
    ['30', { category: 'tablet', name: 'Tablet' }],
    ['31', { category: 'laptop', name: 'Convertible' }],
    ['32', { category: 'laptop', name: 'Detachable' }],
    ['17', { category: 'server', name: 'Main System Chassis' }],
    ['{23}', { category: 'server', name: 'Rack Mount Chassis' }],
    ['{2}', { category: null, name: 'Unknown' }],
    ['1', { category: null, name: 'Other' }],
    ['{12}', { category: null, name: 'Docking Station' }],
    ['28', { category: null, name: 'Blade' }],
    ['{99}', { category: null, name: null }],
    ['Notebook', { category: 'laptop', name: 'Notebook' }],
    ['Mini Tower', { category: 'desktop', name: 'Mini Tower' }],
    ['Low Profile Desktop', { category: 'desktop', name: 'Low Profile Desktop' }],
    ['Rack Mount Chassis', { category: 'server', name: 'Rack Mount Chassis' }],
    ['Main Server Chassis', { category: 'server', name: 'Main System Chassis' }],
    ['Space-Saving', { category: 'desktop', name: 'Space-saving' }],
    ['Unknown', { category: null, name: 'Unknown' }],
    ['Portable', { category: 'laptop', name: 'Portable' }],
    ['Ordinateur portable', { category: 'laptop', name: null }],
    ['Boîtier', { category: null, name: null }],
  ] as const)('reads %j', (text, expected) => {
    expect(parseChassisType(text)).toEqual(expected)
  })

  it('reads an empty cell as nothing', () => {
    expect(parseChassisType('  ')).toBeNull()
  })
})

describe('isVirtualMachineModel', () => {
  it.each([
    ['Virtual Machine', true],
    ['VMware Virtual Platform', true],
    ['VMware7,1', true],
    ['VMware20,1', true],
    ['VirtualBox', true],
    ['KVM', true],
    ['Standard PC (Q35 + ICH9, 2009) QEMU', true],
    ['HVM domU', true],
    ['Cloud PC Enterprise 2vCPU/8GB/128GB', true],
    ['Latitude 5420', false],
    ['Virtualisation-ready workstation', false],
  ])('%j → %s', (text, expected) => {
    expect(isVirtualMachineModel(text)).toBe(expected)
  })
})

describe('isTrueFlag', () => {
  it.each([
    ['1', true],
    ['True', true],
    [' yes ', true],
    ['Oui', true],
    ['0', false],
    ['False', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isTrueFlag(text)).toBe(expected)
  })
})

describe('operatingSystemFamilyOf', () => {
  it.each([
    ['Windows', 'computer'],
    ['Microsoft Windows 11 Enterprise', 'computer'],
    ['Microsoft Windows NT Workstation 10.0', 'computer'],
    ['macOS', 'computer'],
    ['Mac OS X', 'computer'],
    ['Linux', 'computer'],
    ['Ubuntu 22.04.3 LTS', 'computer'],
    ['ChromeOS', 'computer'],
    ['iOS', 'phone'],
    ['iOS/iPadOS', 'tablet'],
    ['iPadOS', 'tablet'],
    ['Android', 'phone'],
    ['Android (personally-owned work profile)', 'phone'],
    ['AndroidEnterprise', 'phone'],
    ['Windows Mobile', 'phone'],
    ['Microsoft Windows NT Server 10.0', 'server'],
    ['Microsoft Windows Server 2019 Standard', 'server'],
    ['Windows Holographic', null],
    ['tvOS', null],
    ['', null],
  ])('%j → %s', (text, expected) => {
    expect(operatingSystemFamilyOf(text)).toBe(expected)
  })
})

describe('isTabletModel', () => {
  it.each([
    ['iPad (9th generation)', true],
    ['iPad13,1', true],
    ['Galaxy Tab S9', true],
    ['Lenovo Tab M10', true],
    ['Lenovo TB-X606F', true],
    ['SM-T500', true],
    ['SM-X200', true],
    ['Tablette durcie', true],
    ['iPhone 14', false],
    ['SM-A546B', false],
    ['SM-G991B', false],
    ['Pixel 8', false],
  ])('%j → %s', (text, expected) => {
    expect(isTabletModel(text)).toBe(expected)
  })
})

describe('categoryOfProcurementCode', () => {
  it.each([
    ['43211503', 'unspsc', 'laptop'],
    ['43.21.15.03', 'unspsc', 'laptop'],
    ['43211507 - Desktop computers', 'unspsc', 'desktop'],
    ['43211506', 'unspsc', 'thin-client'],
    ['43211509', 'unspsc', 'tablet'],
    ['43211501', 'unspsc', 'server'],
    ['43211902', 'unspsc', 'monitor'],
    ['43211903', 'unspsc', 'monitor'],
    ['43191501', 'unspsc', 'smartphone'],
    ['43222612', 'unspsc', 'network-switch'],
    ['43222609', 'unspsc', 'router'],
    ['43212105', 'unspsc', 'printer'],
    ['43212110', 'unspsc', 'printer'],
    ['30213100-6', 'cpv', 'laptop'],
    ['30213100', 'cpv', 'laptop'],
    ['CPV 30213300-8 Ordinateurs de bureau', 'cpv', 'desktop'],
    ['30213200-7', 'cpv', 'tablet'],
    ['30231310-3', 'cpv', 'monitor'],
    ['30232110-8', 'cpv', 'printer'],
    ['32250000-0', 'cpv', 'smartphone'],
    ['32552100-8', 'cpv', 'desk-phone'],
    ['32413100-2', 'cpv', 'router'],
    ['48820000-2', 'cpv', 'server'],
    ['30213100-6', 'any', 'laptop'],
    ['43211503', 'any', 'laptop'],
    ['30213100-6', 'unspsc', null],
    ['43211503', 'cpv', null],
    ['43211599', 'unspsc', null],
    ['4321', 'unspsc', null],
    ['n/a', 'any', null],
  ] as const)('%j read as %s → %s', (text, kind, expected) => {
    expect(categoryOfProcurementCode(text, kind)).toBe(expected)
  })
})

describe('readItemDescription', () => {
  it.each([
    [
      'Ordinateur portable Lenovo ThinkPad T14 Gen 4 14 pouces i5 16 Go',
      { kind: 'device', category: 'laptop' },
    ],
    ['Ordinateur portable HP ProBook 450 G10 clavier AZERTY', { kind: 'device', category: 'laptop' }],
    ['PC fixe HP Pro Mini 400 G9', { kind: 'device', category: 'desktop' }],
    ['Écran Dell P2422H 24 pouces + câble HDMI', { kind: 'device', category: 'monitor' }],
    ['Serveur Dell PowerEdge R660', { kind: 'device', category: 'server' }],
    ['Dell Latitude 5440 laptop with docking station', { kind: 'device', category: 'laptop' }],
    ['Tablette Samsung Galaxy Tab S9 avec clavier', { kind: 'device', category: 'tablet' }],
    ['Téléphone portable Samsung Galaxy A54', { kind: 'device', category: 'smartphone' }],
    ['Sacoche pour ordinateur portable 15,6 pouces', { kind: 'accessory', word: 'sacoche' }],
    ['Station d’accueil HP USB-C G5', { kind: 'accessory', word: 'station d accueil' }],
    ['Extension de garantie 3 ans pour ordinateur portable', { kind: 'accessory', word: 'garantie' }],
    ['Laptop bag 15.6 inch', { kind: 'accessory', word: 'bag' }],
    ['Monitor cable DisplayPort 2 m', { kind: 'accessory', word: 'cable' }],
    ['USB-C dock for laptops', { kind: 'accessory', word: 'dock' }],
    ['Clavier et souris sans fil', { kind: 'accessory', word: 'clavier' }],
    ["Prestation d'installation et de configuration", { kind: 'unknown' }],
  ] as const)('%j', (text, expected) => {
    expect(readItemDescription(text)).toEqual(expected)
  })
})

describe('parseMonths', () => {
  it.each([
    ['36', 36],
    ['36 months', 36],
    ['48 mois', 48],
    ['1 month', 1],
    ['2027-03-15', null],
    ['-12', null],
    ['trois ans', null],
  ])('%j → %s', (text, expected) => {
    expect(parseMonths(text)).toBe(expected)
  })
})
