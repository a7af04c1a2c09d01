// eslint-disable-next-line no-restricted-imports -- the test reads fixture files; the code under test stays pure
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Asset } from '../inventory/asset.js'
import { createRowNormaliser, type NormalisedRow, type RowToNormalise } from '../inventory/normalise-row.js'
import type { Finding } from '../quality/finding.js'
import { detectFormat, planColumns, type FormatId } from './format-profiles.js'

const FIXTURES = new URL('../../../fixtures/formats/', import.meta.url)

/** Characters of Windows-1252 bytes 0x80–0x9F (Node's small-ICU decoder reads them as Latin-1 controls). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

function decodeWindows1252(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes)
    text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte)
  return text
}

/** One CSV line split on `delimiter`; `"…"` quotes a cell and `""` escapes a quote (no multi-line cells). */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = []
  let cell = ''
  let isQuoted = false
  for (let index = 0; index < line.length; index++) {
    const character = line[index]
    if (isQuoted) {
      if (character !== '"') cell += character
      else if (line[index + 1] === '"') {
        cell += '"'
        index++
      } else isQuoted = false
    } else if (character === '"' && cell === '') isQuoted = true
    else if (character === delimiter) {
      cells.push(cell)
      cell = ''
    } else cell += character
  }
  cells.push(cell)
  return cells
}

/** A fixture's header and rows, lines numbered from 1 (the header) as the reader does. */
function readFixture(
  name: string,
  encoding: 'utf-8' | 'windows-1252',
  delimiter: string,
): { header: string[]; rows: RowToNormalise[] } {
  const bytes = readFileSync(new URL(name, FIXTURES))
  const text =
    encoding === 'utf-8'
      ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
      : decodeWindows1252(bytes)
  const lines = text.split(/\r?\n/)
  const rows = lines
    .slice(1)
    .map((line, index) => ({ line: index + 2, values: splitLine(line, delimiter) }))
    .filter((row) => row.values.length > 1 || row.values[0] !== '')
  return { header: splitLine(lines[0], delimiter), rows }
}

/** 2024-12-31, as in normalise-row.test.ts. */
const REFERENCE_DAY = 20088

function normaliseFixture(
  name: string,
  encoding: 'utf-8' | 'windows-1252',
  delimiter: string,
): { formatId: FormatId | null; unknownColumns: string[]; results: NormalisedRow[] } {
  const { header, rows } = readFixture(name, encoding, delimiter)
  const profile = detectFormat(header)
  if (!profile) return { formatId: null, unknownColumns: [], results: [] }
  const plan = planColumns(header, profile)
  const normalise = createRowNormaliser(plan, {
    categoryHint: null,
    defaultOrganisationPath: null,
    defaultCountry: 'FR',
    referenceDay: REFERENCE_DAY,
  })
  return { formatId: profile.id, unknownColumns: plan.unknownColumns, results: rows.map(normalise) }
}

/** Days since 1970-01-01 of an ISO date, computed independently of the code under test. */
const dayOf = (iso: string): number =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000

const BLANK_ASSET: Omit<Asset, 'sourceLine' | 'organisationPath' | 'category'> = {
  site: null,
  datacenter: null,
  manufacturer: null,
  model: null,
  serial: null,
  hostname: null,
  quantity: 1,
  purchaseDay: null,
  retirementDay: null,
  lifetimeYears: null,
  annualKwh: null,
  utilisationRate: null,
  ownership: null,
  country: 'FR',
  status: 'in-use',
  imputed: [],
}

type AssetCells = Partial<Asset> & Pick<Asset, 'organisationPath' | 'category'>

const accepted = (line: number, cells: AssetCells, findings: Finding[] = []): NormalisedRow => ({
  kind: 'asset',
  asset: { ...BLANK_ASSET, sourceLine: line, ...cells },
  findings,
})

const rejectedRow = (findings: Finding[]): NormalisedRow => ({ kind: 'rejected', findings })

const finding = (
  line: number,
  column: string | null,
  code: Finding['code'],
  severity: Finding['severity'],
  message: string,
  value: string | null = null,
): Finding => ({ line, column, code, severity, message, value })

const NO_ORGANISATION = 'No organisation column: organisation set to "(unknown)"'
const noOrganisation = (line: number): Finding =>
  finding(line, null, 'default_imputed', 'imputed', NO_ORGANISATION)

/** The imputation of a purchase date from a device-management date. */
const proxyPurchase = (line: number, column: string, text: string, meaning: string): Finding =>
  finding(
    line,
    column,
    'default_imputed',
    'imputed',
    `No purchase date: purchase date set to ${column} "${text}", ${meaning} (a proxy: the device may be older)`,
    text,
  )

describe('the OCS Inventory fixture (GUI export in French, ";", Windows-1252)', () => {
  const { formatId, unknownColumns, results } = normaliseFixture('ocs-cp1252.csv', 'windows-1252', ';')
  const agency = ['Agence Lyon']

  it('is detected as ocs, every column recognised', () => {
    expect([formatId, unknownColumns]).toEqual(['ocs', []])
  })

  it('reads the chassis type text, recognises a VM by its model and rejects an unknown chassis', () => {
    expect(results).toEqual([
      accepted(2, {
        organisationPath: ['Siège'],
        category: 'laptop',
        manufacturer: 'Dell Inc.',
        model: 'Latitude 5440',
        serial: '7XK2Q34',
        hostname: 'PC-SIEGE-001',
      }),
      accepted(3, {
        organisationPath: ['Siège'],
        category: 'desktop',
        manufacturer: 'HP',
        model: 'HP ProDesk 400 G7 Microtower PC',
        serial: 'CZC1234ABC',
        hostname: 'PC-SIEGE-002',
      }),
      accepted(4, {
        organisationPath: agency,
        category: 'server',
        manufacturer: 'Dell Inc.',
        model: 'PowerEdge R440',
        serial: '9HJK2L3',
        hostname: 'SRV-LYON-01',
      }),
      accepted(5, {
        organisationPath: agency,
        category: 'virtual-machine',
        manufacturer: 'VMware, Inc.',
        model: 'VMware Virtual Platform',
        serial: 'VMware-42 1a 2b 3c',
        hostname: 'VM-LYON-APP',
      }),
      accepted(6, {
        organisationPath: agency,
        category: 'laptop',
        manufacturer: 'LENOVO',
        model: '21AH00BFFR',
        serial: 'PF3XYZ12',
        hostname: 'PC-LYON-017',
      }),
      rejectedRow([
        finding(
          7,
          'Type',
          'unknown_category',
          'rejected',
          'Type "Unknown" (Unknown) does not tell the device category, nor does Modèle "To Be Filled By O.E.M."',
          'Unknown',
        ),
      ]),
      accepted(
        8,
        {
          organisationPath: ['(unknown)'],
          category: 'desktop',
          manufacturer: 'Dell Inc.',
          model: 'OptiPlex 3080',
          serial: '5DFG7H2',
          hostname: 'PC-ATELIER-3',
          imputed: ['organisation'],
        },
        [finding(8, 'TAG', 'default_imputed', 'imputed', 'TAG is empty: organisation set to "(unknown)"')],
      ),
    ])
  })
})

describe('the Intune fixture (All devices export, ",", UTF-8 with BOM)', () => {
  const { formatId, unknownColumns, results } = normaliseFixture('intune-utf8-bom.csv', 'utf-8', ',')
  const unknown = ['(unknown)']
  const enrolled = (line: number, text: string) =>
    proxyPurchase(line, 'Enrollment date', text, 'the enrollment in device management')

  it('is detected as intune; columns without a canonical field are listed', () => {
    expect(formatId).toBe('intune')
    expect(unknownColumns).toEqual([
      'Azure AD Device ID',
      'IMEI',
      'Total storage',
      'Free storage',
      'Compliance',
      'Managed by',
      'Device state',
      'Supervised',
      'Encrypted',
      'JoinType',
    ])
  })

  it('takes the category from the OS and the model, the purchase date from the enrollment date', () => {
    expect(results).toEqual([
      accepted(
        2,
        {
          organisationPath: unknown,
          category: 'laptop',
          manufacturer: 'Dell Inc.',
          model: 'Latitude 7440',
          serial: '7XK2Q34',
          hostname: 'PAR-LT-0001',
          purchaseDay: dayOf('2023-03-14'),
          ownership: 'company',
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(2), enrolled(2, '2023-03-14 09:22:41.0000000')],
      ),
      accepted(
        3,
        {
          organisationPath: unknown,
          category: 'desktop',
          manufacturer: 'Dell Inc.',
          model: 'OptiPlex 7010',
          serial: '5DFG7H2',
          hostname: 'PAR-DT-0002',
          purchaseDay: dayOf('2021-06-01'),
          ownership: 'company',
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(3), enrolled(3, '2021-06-01 14:05:09.0000000')],
      ),
      accepted(
        4,
        {
          organisationPath: unknown,
          category: 'laptop',
          manufacturer: 'LENOVO',
          model: '21HD003NFR',
          serial: 'PF4ABCD1',
          hostname: 'PAR-LT-0003',
          purchaseDay: dayOf('2022-09-19'),
          ownership: 'company',
          imputed: ['organisation', 'category', 'purchaseDate'],
        },
        [
          noOrganisation(4),
          finding(
            4,
            'OS',
            'default_imputed',
            'imputed',
            'Model "21HD003NFR" does not tell a laptop from a desktop: the Windows device is counted as a laptop',
            'Windows',
          ),
          enrolled(4, '2022-09-19 10:40:00.0000000'),
        ],
      ),
      accepted(
        5,
        {
          organisationPath: unknown,
          category: 'smartphone',
          manufacturer: 'Apple',
          model: 'iPhone 14',
          serial: 'F2LXK9QWN7',
          hostname: 'iPhone de Diane',
          purchaseDay: dayOf('2023-01-09'),
          ownership: 'company',
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(5), enrolled(5, '2023-01-09 08:15:22.0000000')],
      ),
      accepted(
        6,
        {
          organisationPath: unknown,
          category: 'tablet',
          manufacturer: 'Apple',
          model: 'iPad (9th generation)',
          serial: 'DMPX12ABQ1GC',
          hostname: 'iPad accueil',
          purchaseDay: dayOf('2022-05-02'),
          ownership: 'company',
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(6), enrolled(6, '2022-05-02 11:00:00.0000000')],
      ),
      accepted(
        7,
        {
          organisationPath: unknown,
          category: 'smartphone',
          manufacturer: 'samsung',
          model: 'SM-A546B',
          serial: 'R58T90ABCDE',
          hostname: 'Galaxy A54 Eric',
          purchaseDay: dayOf('2023-07-21'),
          ownership: 'personal',
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(7), enrolled(7, '2023-07-21 16:30:45.0000000')],
      ),
      accepted(
        8,
        {
          organisationPath: unknown,
          category: 'tablet',
          manufacturer: 'samsung',
          model: 'SM-X200',
          serial: 'R52W10FGHIJ',
          hostname: 'TAB-ATELIER-1',
          purchaseDay: dayOf('2023-02-13'),
          ownership: 'company',
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(8), enrolled(8, '2023-02-13 09:45:00.0000000')],
      ),
      accepted(
        9,
        {
          organisationPath: unknown,
          category: 'virtual-machine',
          manufacturer: 'Microsoft Corporation',
          model: 'Virtual Machine',
          serial: '0000-0011-2233-4455-6677-8899-00',
          hostname: 'VM-TEST-01',
          purchaseDay: dayOf('2024-02-05'),
          ownership: 'company',
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(9), enrolled(9, '2024-02-05 13:20:00.0000000')],
      ),
      rejectedRow([
        noOrganisation(10),
        finding(
          10,
          'OS',
          'unknown_category',
          'rejected',
          'OS "Windows Holographic" does not tell the device category, nor does Model "HoloLens 2"',
          'Windows Holographic',
        ),
        enrolled(10, '2024-04-22 10:10:10.0000000'),
      ]),
      accepted(
        11,
        {
          organisationPath: unknown,
          category: 'laptop',
          manufacturer: 'Dell Inc.',
          model: 'Latitude 5440',
          serial: 'HXK2Q99',
          hostname: 'PAR-LT-0010',
          ownership: 'company',
          imputed: ['organisation'],
        },
        [
          noOrganisation(11),
          finding(
            11,
            'Enrollment date',
            'invalid_date',
            'warning',
            'Enrollment date "12/31/2023 10:00:00" is not a valid date (expected yyyy-mm-dd): ignored',
            '12/31/2023 10:00:00',
          ),
        ],
      ),
    ])
  })
})

describe('the SCCM fixture (hardware extract, ",", UTF-8)', () => {
  const { formatId, unknownColumns, results } = normaliseFixture('sccm.csv', 'utf-8', ',')
  const unknown = ['(unknown)']
  const created = (line: number, text: string) =>
    proxyPurchase(line, 'Creation_Date0', text, 'the creation of the device record')
  const installed = (line: number, text: string) =>
    proxyPurchase(line, 'InstallDate0', text, 'the installation of the operating system')

  it('is detected as sccm, every column recognised', () => {
    expect([formatId, unknownColumns]).toEqual(['sccm', []])
  })

  it('maps SMBIOS chassis codes, flags VMs, takes the earliest record date, rejects unknown chassis and short rows', () => {
    expect(results).toEqual([
      accepted(
        2,
        {
          organisationPath: unknown,
          site: 'Paris-Siege',
          category: 'laptop',
          manufacturer: 'Dell Inc.',
          model: 'Latitude 5420',
          serial: '4KQ8JM3',
          hostname: 'PC-PAR-0001',
          purchaseDay: dayOf('2021-09-14'),
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(2), created(2, '2021-09-14 08:12:03.000')],
      ),
      accepted(
        3,
        {
          organisationPath: unknown,
          site: 'Paris-Siege',
          category: 'desktop',
          manufacturer: 'HP',
          model: 'HP EliteDesk 800 G6 Small Form Factor PC',
          serial: 'CZC0123XYZ',
          hostname: 'PC-PAR-0002',
          purchaseDay: dayOf('2020-06-01'),
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(3), installed(3, '2020-06-01 16:20:00.000')],
      ),
      accepted(
        4,
        {
          organisationPath: unknown,
          site: 'Paris-DC',
          category: 'server',
          manufacturer: 'HPE',
          model: 'ProLiant DL380 Gen10',
          serial: 'CZJ9876543',
          hostname: 'SRV-PAR-DB01',
          purchaseDay: dayOf('2019-02-08'),
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(4), installed(4, '2019-02-08 11:45:00.000')],
      ),
      accepted(
        5,
        {
          organisationPath: unknown,
          site: 'Paris-DC',
          category: 'virtual-machine',
          manufacturer: 'Microsoft Corporation',
          model: 'Virtual Machine',
          serial: '0000-0012-3456-7890',
          hostname: 'SRV-PAR-APP02',
          purchaseDay: dayOf('2022-04-04'),
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(5), created(5, '2022-04-04 12:00:00.000')],
      ),
      accepted(
        6,
        {
          organisationPath: unknown,
          site: 'Lyon',
          category: 'laptop',
          manufacturer: 'Microsoft Corporation',
          model: 'Surface Pro 7',
          serial: '012345678901',
          hostname: 'TAB-LYO-0003',
          purchaseDay: dayOf('2020-11-23'),
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(6), created(6, '2020-11-23 08:00:00.000')],
      ),
      accepted(
        7,
        {
          organisationPath: unknown,
          site: 'Lyon',
          category: 'laptop',
          manufacturer: 'LENOVO',
          model: '20XW004GFR',
          serial: 'PF2ABCDE',
          hostname: 'PC-LYO-0004',
          purchaseDay: dayOf('2022-01-17'),
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(7), created(7, '2022-01-17 09:30:00.000')],
      ),
      accepted(
        8,
        {
          organisationPath: unknown,
          site: 'Lyon',
          category: 'desktop',
          manufacturer: 'Dell Inc.',
          model: 'OptiPlex 7410 All-in-One',
          serial: '8MNB3T4',
          hostname: 'PC-LYO-0005',
          purchaseDay: dayOf('2023-08-25'),
          imputed: ['organisation', 'purchaseDate'],
        },
        [noOrganisation(8), installed(8, '2023-08-25 09:00:00.000')],
      ),
      rejectedRow([
        noOrganisation(9),
        finding(
          9,
          'ChassisTypes0',
          'unknown_category',
          'rejected',
          'ChassisTypes0 "{2}" (Unknown) does not tell the device category, nor does Model0 "To Be Filled By O.E.M."',
          '{2}',
        ),
        installed(9, '2018-03-02 17:00:00.000'),
      ]),
      rejectedRow([
        finding(10, null, 'column_count', 'rejected', 'The row has 3 cells but the header has 10 columns'),
      ]),
    ])
  })
})

describe('the Snipe-IT fixture (custom asset report, ",", UTF-8)', () => {
  const { formatId, unknownColumns, results } = normaliseFixture('snipeit.csv', 'utf-8', ',')

  it('is detected as snipeit, every column recognised', () => {
    expect([formatId, unknownColumns]).toEqual(['snipeit', []])
  })

  it('reads "Label (meta)" statuses, turns the EOL date into a lifetime and rejects a US date and a dock', () => {
    expect(results).toEqual([
      accepted(2, {
        organisationPath: ['CPAM 75'],
        site: 'Paris 11',
        category: 'laptop',
        manufacturer: 'Dell',
        model: 'Latitude 5440',
        serial: '7XK2Q34',
        hostname: 'PAR-LT-0001',
        purchaseDay: dayOf('2023-03-15'),
        lifetimeYears: 4,
      }),
      accepted(3, {
        organisationPath: ['CPAM 75'],
        site: 'Paris 11',
        category: 'monitor',
        manufacturer: 'Dell',
        model: 'P2422H',
        serial: 'CN0ABC12',
        hostname: 'PAR-MON-0042',
        purchaseDay: dayOf('2022-11-02'),
        lifetimeYears: 6,
        status: 'stock',
      }),
      accepted(4, {
        organisationPath: ['CPAM 13'],
        site: 'Marseille',
        category: 'smartphone',
        manufacturer: 'Apple',
        model: 'iPhone 13',
        serial: 'F2LXYZ123ABC',
        hostname: 'MRS-PH-0007',
        purchaseDay: dayOf('2022-01-10'),
        lifetimeYears: 3,
        status: 'retired',
      }),
      accepted(5, {
        organisationPath: ['CPAM 13'],
        site: 'Marseille DC',
        category: 'server',
        manufacturer: 'Dell',
        model: 'PowerEdge R650',
        serial: '9HJK2L3',
        hostname: 'MRS-SRV-01',
        purchaseDay: dayOf('2021-06-30'),
        lifetimeYears: 7,
      }),
      rejectedRow([
        finding(
          6,
          'Purchase Date',
          'invalid_date',
          'rejected',
          'Purchase Date "03/15/2023" is not a valid date (expected yyyy-mm-dd)',
          '03/15/2023',
        ),
      ]),
      rejectedRow([
        finding(
          7,
          'Category',
          'unknown_category',
          'rejected',
          'Category "Docking Stations" is not a known category',
          'Docking Stations',
        ),
      ]),
    ])
  })
})

describe('the purchase-order fixture (French headers, ";", Windows-1252, decimal commas)', () => {
  const { formatId, unknownColumns, results } = normaliseFixture('purchases-cp1252.csv', 'windows-1252', ';')
  const paris = { organisationPath: ['CPAM 75'], site: 'Paris 11' }
  const marseille = { organisationPath: ['CPAM 13'], site: 'Marseille' }

  it('is detected as purchases, every column recognised', () => {
    expect([formatId, unknownColumns]).toEqual(['purchases', []])
  })

  it('takes the category from the CPV code, else the description; checks prices; rejects a dock and a bad date', () => {
    expect(results).toEqual([
      accepted(2, {
        ...paris,
        category: 'laptop',
        manufacturer: 'Lenovo',
        model: '21HD003NFR',
        quantity: 25,
        purchaseDay: dayOf('2024-03-15'),
      }),
      accepted(3, {
        ...paris,
        category: 'monitor',
        manufacturer: 'Dell',
        model: '210-BBBF',
        quantity: 25,
        purchaseDay: dayOf('2024-03-15'),
      }),
      rejectedRow([
        finding(
          4,
          'Désignation',
          'unknown_category',
          'rejected',
          'Désignation "Station d’accueil HP USB-C G5" names an accessory or a service ("station d accueil"), not a device',
          'Station d’accueil HP USB-C G5',
        ),
      ]),
      accepted(5, {
        ...marseille,
        category: 'smartphone',
        manufacturer: 'Apple',
        model: 'MPUF3ZD/A',
        quantity: 40,
        purchaseDay: dayOf('2024-04-22'),
      }),
      accepted(6, {
        ...marseille,
        category: 'desktop',
        manufacturer: 'HP',
        model: '9F9N0EA',
        quantity: 10,
        purchaseDay: dayOf('2024-04-23'),
      }),
      accepted(
        7,
        {
          organisationPath: ['DSI'],
          site: 'Datacenter Nord',
          category: 'server',
          manufacturer: 'Dell',
          model: 'Serveur Dell PowerEdge R660',
          quantity: 2,
          purchaseDay: dayOf('2024-05-06'),
        },
        [
          finding(
            7,
            'Prix unitaire',
            'invalid_number',
            'warning',
            'Prix unitaire "sur devis" is not a valid number: ignored',
            'sur devis',
          ),
        ],
      ),
      rejectedRow([
        finding(
          8,
          'Date de commande',
          'invalid_date',
          'rejected',
          'Date de commande "31/04/2024" is not a valid date (expected dd/mm/yyyy)',
          '31/04/2024',
        ),
      ]),
    ])
  })
})

describe('the G4IT physical-equipment fixture (inventory header, ";", UTF-8)', () => {
  const { formatId, unknownColumns, results } = normaliseFixture('g4it-physical.csv', 'utf-8', ';')

  it('is detected as g4it-physical, every column recognised', () => {
    expect([formatId, unknownColumns]).toEqual(['g4it-physical', []])
  })

  it('puts entities under nomOrganisation, reads English country names, rejects a bare Terminal and a bad date', () => {
    expect(results).toEqual([
      accepted(2, {
        organisationPath: ['CNAM', 'DSI'],
        category: 'laptop',
        manufacturer: 'Dell',
        model: 'Latitude 5440',
        hostname: 'laptop-pool-dsi',
        quantity: 120,
        purchaseDay: dayOf('2023-03-15'),
      }),
      accepted(3, {
        organisationPath: ['CNAM', 'DSI'],
        datacenter: 'DC-NORD',
        category: 'server',
        manufacturer: 'Dell',
        model: 'PowerEdge R650',
        hostname: 'srv-db-01',
        purchaseDay: dayOf('2021-06-30'),
        annualKwh: 2800,
      }),
      accepted(4, {
        organisationPath: ['CNAM', 'CPAM 13'],
        category: 'smartphone',
        manufacturer: 'Apple',
        model: 'iPhone 13',
        hostname: 'phones-cpam13',
        quantity: 40,
        purchaseDay: dayOf('2022-01-10'),
      }),
      accepted(5, {
        organisationPath: ['CNAM', 'DSI'],
        datacenter: 'DC-FRA',
        category: 'network-switch',
        manufacturer: 'Cisco',
        model: 'Catalyst 9300',
        hostname: 'switch-core-fra',
        quantity: 2,
        purchaseDay: dayOf('2020-09-01'),
        country: 'DE',
      }),
      accepted(6, {
        organisationPath: ['CNAM', 'CPAM 75'],
        category: 'laptop',
        manufacturer: 'Dell',
        model: 'Latitude 5440',
        hostname: 'term-accueil',
        quantity: 10,
        purchaseDay: dayOf('2023-03-15'),
      }),
      rejectedRow([
        finding(
          7,
          'type',
          'unknown_category',
          'rejected',
          'type "Terminal" is not a known category',
          'Terminal',
        ),
      ]),
      rejectedRow([
        finding(
          8,
          'dateAchat',
          'invalid_date',
          'rejected',
          'dateAchat "2021-13-01" is not a valid date (expected yyyy-mm-dd)',
          '2021-13-01',
        ),
      ]),
    ])
  })
})
