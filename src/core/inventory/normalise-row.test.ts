// eslint-disable-next-line no-restricted-imports -- the test reads shared sample files; the code under test stays pure
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FORMAT_PROFILES, planColumns, type FormatId } from '../formats/format-profiles.js'
import type { Finding } from '../quality/finding.js'
import { createRowNormaliser, type NormaliseOptions, type RowToNormalise } from './normalise-row.js'

/** 2024-12-31: 2024-01-01 is day 19723 (18262 for 2020-01-01 + 366 + 365 + 365 + 365), plus 365. */
const REFERENCE_DAY = 20088
const OPTIONS: NormaliseOptions = {
  categoryHint: null,
  defaultOrganisationPath: null,
  defaultCountry: 'FR',
  referenceDay: REFERENCE_DAY,
}

function normaliserFor(id: FormatId, header: string[], options: Partial<NormaliseOptions> = {}) {
  const profile = FORMAT_PROFILES.find((candidate) => candidate.id === id)
  if (!profile) throw new Error(`no profile ${id}`)
  return createRowNormaliser(planColumns(header, profile), { ...OPTIONS, ...options })
}

const GLPI_HEADER = [
  'Nom',
  'Entité',
  'Statut',
  'Fabricant',
  'Type',
  'Modèle',
  'Numéro de série',
  'Lieu',
  "Date d'achat",
  'Date de mise en service',
  'Date de réforme',
]

/** A GLPI row from named cells; unnamed cells are empty. */
function glpiRow(line: number, cells: Partial<Record<string, string>>): RowToNormalise {
  return { line, values: GLPI_HEADER.map((column) => cells[column] ?? '') }
}

const LAPTOP_CELLS = {
  Nom: 'PC-0001',
  Entité: 'Entité racine > CNAM > CPAM 75 > Site Paris 11',
  Statut: 'En service',
  Fabricant: 'Dell Inc.',
  Type: 'Portable',
  Modèle: 'Latitude 5420',
  'Numéro de série': 'ABC123',
  Lieu: 'Paris 11',
  "Date d'achat": '15/03/2019',
}

const imputed = (line: number, column: string | null, message: string): Finding => ({
  line,
  column,
  code: 'default_imputed',
  severity: 'imputed',
  message,
  value: null,
})

const rejected = (
  line: number,
  column: string | null,
  code: Finding['code'],
  message: string,
  value: string | null,
): Finding => ({
  line,
  column,
  code,
  severity: 'rejected',
  message,
  value,
})

describe('createRowNormaliser on a GLPI export', () => {
  const normalise = normaliserFor('glpi', GLPI_HEADER)

  it('turns a complete row into an asset; columns GLPI does not have (quantity, country) are not per-row imputations', () => {
    expect(normalise(glpiRow(2, LAPTOP_CELLS))).toEqual({
      kind: 'asset',
      asset: {
        sourceLine: 2,
        organisationPath: ['CNAM', 'CPAM 75', 'Site Paris 11'],
        site: 'Paris 11',
        datacenter: null,
        category: 'laptop',
        manufacturer: 'Dell Inc.',
        model: 'Latitude 5420',
        serial: 'ABC123',
        hostname: 'PC-0001',
        quantity: 1,
        purchaseDay: 17970,
        retirementDay: null,
        lifetimeYears: null,
        annualKwh: null,
        utilisationRate: null,
        ownership: null,
        country: 'FR',
        status: 'in-use',
        imputed: [],
      },
      findings: [],
    })
  })

  it('trims cells and reads empty ones as missing', () => {
    const result = normalise(
      glpiRow(3, { ...LAPTOP_CELLS, Nom: '  PC-0002 ', 'Numéro de série': '   ', Lieu: '\u00a0Lyon' }),
    )
    expect(
      result.kind === 'asset' && [result.asset.hostname, result.asset.serial, result.asset.site],
    ).toEqual(['PC-0002', null, 'Lyon'])
  })

  it.each([
    [
      'an invalid purchase date',
      { "Date d'achat": '31/02/2020' },
      [
        rejected(
          4,
          "Date d'achat",
          'invalid_date',
          `Date d'achat "31/02/2020" is not a valid date (expected dd/mm/yyyy)`,
          '31/02/2020',
        ),
      ],
    ],
    [
      'an invalid retirement date',
      { 'Date de réforme': 'bientôt' },
      [
        rejected(
          4,
          'Date de réforme',
          'invalid_date',
          'Date de réforme "bientôt" is not a valid date (expected dd/mm/yyyy)',
          'bientôt',
        ),
      ],
    ],
    [
      'an unknown type',
      { Type: 'Périphérique', Modèle: 'X-200' },
      [
        rejected(
          4,
          'Type',
          'unknown_category',
          'Type "Périphérique" is not a known category',
          'Périphérique',
        ),
      ],
    ],
    [
      'no type and an uninformative model',
      { Type: '', Modèle: 'X-200' },
      [
        rejected(
          4,
          'Type',
          'unknown_category',
          'No category: Type is empty and no category hint was given',
          null,
        ),
      ],
    ],
    [
      'several problems at once',
      { Type: 'Périphérique', Modèle: 'X-200', "Date d'achat": '2019-13-01' },
      [
        rejected(
          4,
          'Type',
          'unknown_category',
          'Type "Périphérique" is not a known category',
          'Périphérique',
        ),
        rejected(
          4,
          "Date d'achat",
          'invalid_date',
          `Date d'achat "2019-13-01" is not a valid date (expected dd/mm/yyyy)`,
          '2019-13-01',
        ),
      ],
    ],
  ])('rejects a row with %s', (_, cells, expected) => {
    const result = normalise(glpiRow(4, { ...LAPTOP_CELLS, ...cells }))
    expect(result.kind).toBe('rejected')
    expect(result.findings.filter((finding) => finding.severity === 'rejected')).toEqual(expected)
  })

  it('rejects a row the reader flagged as malformed, with its message', () => {
    const row = {
      ...glpiRow(7, LAPTOP_CELLS),
      problem: { code: 'malformed_row', message: 'Unclosed quote starting on line 7' },
    }
    expect(normalise(row)).toEqual({
      kind: 'rejected',
      findings: [rejected(7, null, 'malformed_row', 'Unclosed quote starting on line 7', null)],
    })
  })

  it.each([
    [['PC-1', 'CNAM', 'En service', 'Dell', 'Portable'], 'The row has 5 cells but the header has 11 columns'],
    [new Array(23).fill('x'), 'The row has 23 cells but the header has 11 columns'],
  ])('rejects a row of %j cells', (values, message) => {
    expect(normalise({ line: 8, values })).toEqual({
      kind: 'rejected',
      findings: [rejected(8, null, 'column_count', message, null)],
    })
  })

  it('accepts a row with half the columns or a few extra cells', () => {
    expect(
      normalise({ line: 9, values: ['PC-1', 'CNAM', 'En service', 'Dell', 'Portable', 'E7470'] }).kind,
    ).toBe('asset')
    expect(normalise({ line: 9, values: [...glpiRow(9, LAPTOP_CELLS).values, '', ''] }).kind).toBe('asset')
  })

  it('rejects a row of empty cells', () => {
    expect(normalise({ line: 10, values: GLPI_HEADER.map(() => ' ') })).toEqual({
      kind: 'rejected',
      findings: [rejected(10, null, 'missing_value', 'The row is empty', null)],
    })
  })

  it('imputes the organisation and the status when the cells are empty', () => {
    const result = normalise(glpiRow(11, { ...LAPTOP_CELLS, Entité: '', Statut: '' }))
    expect(result.kind === 'asset' && result.asset.organisationPath).toEqual(['(unknown)'])
    expect(result.kind === 'asset' && result.asset.status).toBe('in-use')
    expect(result.kind === 'asset' && result.asset.imputed).toEqual(['organisation', 'status'])
    expect(result.findings).toEqual([
      imputed(11, 'Entité', 'Entité is empty: organisation set to "(unknown)"'),
      imputed(11, 'Statut', 'Statut is empty: status set to in-use'),
    ])
  })

  it('uses the default organisation path given for the file, as a copy', () => {
    const defaultOrganisationPath = ['CNAM', 'CPAM 13']
    const withDefault = normaliserFor('glpi', GLPI_HEADER, { defaultOrganisationPath })
    const result = withDefault(glpiRow(12, { ...LAPTOP_CELLS, Entité: '' }))
    expect(result.kind === 'asset' && result.asset.organisationPath).toEqual(['CNAM', 'CPAM 13'])
    expect(result.kind === 'asset' && result.asset.organisationPath).not.toBe(defaultOrganisationPath)
    expect(result.findings[0]).toEqual(
      imputed(12, 'Entité', 'Entité is empty: organisation set to "CNAM > CPAM 13"'),
    )
  })

  it('falls back on the category hint, then on the model', () => {
    const monitors = normaliserFor('glpi', GLPI_HEADER, { categoryHint: 'monitor' })
    const hinted = monitors(glpiRow(13, { ...LAPTOP_CELLS, Type: '', Modèle: 'P2419H' }))
    expect(hinted.kind === 'asset' && hinted.asset.category).toBe('monitor')
    const fromModel = normalise(glpiRow(13, { ...LAPTOP_CELLS, Type: '', Modèle: 'OptiPlex 7010' }))
    expect(fromModel.kind === 'asset' && fromModel.asset.category).toBe('desktop')
  })

  it('uses the startup date when the purchase date is empty', () => {
    const result = normalise(
      glpiRow(14, { ...LAPTOP_CELLS, "Date d'achat": '', 'Date de mise en service': '2019-03-15' }),
    )
    expect(result.kind === 'asset' && [result.asset.purchaseDay, result.asset.imputed]).toEqual([
      17970,
      ['purchaseDate'],
    ])
    expect(result.findings[0]).toEqual({
      line: 14,
      column: 'Date de mise en service',
      code: 'default_imputed',
      severity: 'imputed',
      message: `Date d'achat is empty: purchase date set to Date de mise en service "2019-03-15"`,
      value: '2019-03-15',
    })
  })

  it('warns about a purchase date after the reference day and keeps it', () => {
    const result = normalise(glpiRow(15, { ...LAPTOP_CELLS, "Date d'achat": '02/01/2025' }))
    expect(result.kind === 'asset' && result.asset.purchaseDay).toBe(20090)
    expect(result.findings.filter((finding) => finding.severity === 'warning')).toEqual([
      {
        line: 15,
        column: "Date d'achat",
        code: 'future_date',
        severity: 'warning',
        message: `Date d'achat "02/01/2025" is after the reference date 2024-12-31`,
        value: '02/01/2025',
      },
    ])
  })

  it('drops a retirement date before the purchase date, with a warning', () => {
    const result = normalise(glpiRow(16, { ...LAPTOP_CELLS, 'Date de réforme': '01/01/2018' }))
    expect(result.kind === 'asset' && result.asset.retirementDay).toBeNull()
    expect(result.findings.filter((finding) => finding.severity === 'warning')).toEqual([
      {
        line: 16,
        column: 'Date de réforme',
        code: 'date_order',
        severity: 'warning',
        message: `Date de réforme "01/01/2018" is before Date d'achat "15/03/2019": retirement date ignored`,
        value: '01/01/2018',
      },
    ])
  })

  it('returns a retired asset even when it left before the reference year', () => {
    const result = normalise(
      glpiRow(17, { ...LAPTOP_CELLS, Statut: 'Réformé', 'Date de réforme': '30/06/2021' }),
    )
    expect(result.kind === 'asset' && [result.asset.status, result.asset.retirementDay]).toEqual([
      'retired',
      18808,
    ])
  })

  it('imputes in-use for an unknown status, saying which text it did not know', () => {
    const result = normalise(glpiRow(18, { ...LAPTOP_CELLS, Statut: 'Chez le client' }))
    expect(result.kind === 'asset' && result.asset.status).toBe('in-use')
    expect(result.findings.at(-1)).toEqual({
      line: 18,
      column: 'Statut',
      code: 'unknown_value',
      severity: 'imputed',
      message: 'Statut "Chez le client" is not a known status (in use, stock, retired): status set to in-use',
      value: 'Chez le client',
    })
  })
})

const NUMECOEVAL_HEADER = [
  'nomEquipementPhysique',
  'modele',
  'quantite',
  'type',
  'statut',
  'paysDUtilisation',
  'consoElecAnnuelle',
  'dureeUsageInterne',
  'nomEntite',
  'modeUtilisation',
  'tauxUtilisation',
]

describe('createRowNormaliser on NumEcoEval physical equipment', () => {
  const normalise = normaliserFor('numecoeval-physical', NUMECOEVAL_HEADER)
  const row = (line: number, values: string[]) => ({ line, values })
  const good = [
    'pc-1',
    'Latitude 5420',
    '3',
    'Laptop',
    'In use',
    'Germany',
    '45,5',
    '5',
    'CPAM 75 > Paris',
    'BYOD',
    '57',
  ]

  it('reads quantities, energy, lifetime, ownership and utilisation, and keeps the entity as one name', () => {
    const result = normalise(row(2, good))
    expect(result).toMatchObject({
      kind: 'asset',
      asset: {
        hostname: 'pc-1',
        category: 'laptop',
        quantity: 3,
        country: 'DE',
        annualKwh: 45.5,
        lifetimeYears: 5,
        organisationPath: ['CPAM 75 > Paris'],
        ownership: 'personal',
        utilisationRate: 0.57,
        imputed: [],
      },
      findings: [],
    })
  })

  it.each([
    [2, '0', 'negative_quantity', 'quantite "0" must be a positive number'],
    [2, '-2', 'negative_quantity', 'quantite "-2" must be a positive number'],
    [2, 'deux', 'invalid_number', 'quantite "deux" is not a valid number'],
    [6, '12 kWh', 'invalid_number', 'consoElecAnnuelle "12 kWh" is not a valid number'],
    [7, 'cinq', 'invalid_number', 'dureeUsageInterne "cinq" is not a valid number'],
    [
      10,
      '150 %',
      'invalid_number',
      'tauxUtilisation "150 %" is not a valid rate (expected 0 to 1 or 0 to 100 %)',
    ],
  ] as const)('rejects column %i = %j', (index, value, code, message) => {
    const values = good.slice()
    values[index] = value
    expect(normalise(row(5, values))).toEqual({
      kind: 'rejected',
      findings: [rejected(5, NUMECOEVAL_HEADER[index], code, message, value)],
    })
  })

  it.each([
    [7, '20', 'dureeUsageInterne "20" is more than 15 years', 20],
    [7, '0', 'dureeUsageInterne "0" is not a positive number of years: ignored', null],
    [6, '50000', 'consoElecAnnuelle "50000" kWh per year means more than 5,000 W on average', 50000],
    [6, '-1', 'consoElecAnnuelle "-1" is a negative energy: ignored', null],
  ] as const)('accepts column %i = %j with an out_of_range warning', (index, value, message, kept) => {
    const values = good.slice()
    values[index] = value
    const result = normalise(row(6, values))
    expect(
      result.kind === 'asset' && (index === 7 ? result.asset.lifetimeYears : result.asset.annualKwh),
    ).toBe(kept)
    expect(result.findings).toEqual([
      {
        line: 6,
        column: NUMECOEVAL_HEADER[index],
        code: 'out_of_range',
        severity: 'warning',
        message,
        value,
      },
    ])
  })

  it('imputes the default country for an unknown one and ignores an unknown ownership', () => {
    const values = good.slice()
    values[5] = 'Atlantis'
    values[9] = 'LEASE'
    const result = normalise(row(7, values))
    expect(
      result.kind === 'asset' && [result.asset.country, result.asset.ownership, result.asset.imputed],
    ).toEqual(['FR', null, ['country']])
    expect(result.findings.map((finding) => [finding.code, finding.severity, finding.message])).toEqual([
      [
        'unknown_value',
        'warning',
        'modeUtilisation "LEASE" is not a known ownership (COPE, BYOD, company, personal): ignored',
      ],
      ['unknown_value', 'imputed', 'paysDUtilisation "Atlantis" is not a known country: country set to FR'],
    ])
  })

  it('imputes quantity 1 and the default country when the cells are empty', () => {
    const values = good.slice()
    values[2] = ''
    values[5] = ''
    const result = normalise(row(8, values))
    expect(
      result.kind === 'asset' && [result.asset.quantity, result.asset.country, result.asset.imputed],
    ).toEqual([1, 'FR', ['quantity', 'country']])
    expect(result.findings).toEqual([
      imputed(8, 'quantite', 'quantite is empty: quantity set to 1'),
      imputed(8, 'paysDUtilisation', 'paysDUtilisation is empty: country set to FR'),
    ])
  })

  it('puts the entity under the G4IT organisation when the file names one', () => {
    const withOrganisation = normaliserFor('numecoeval-physical', [...NUMECOEVAL_HEADER, 'nomOrganisation'])
    const result = withOrganisation(row(9, [...good, 'CNAM']))
    expect(result.kind === 'asset' && result.asset.organisationPath).toEqual(['CNAM', 'CPAM 75 > Paris'])
  })

  it('normalises every row of the G4IT sample file', () => {
    const lines = readFileSync(
      '/work/shared/data/g4it-numecoeval-referential/samples/2-physicalEquipments.csv',
      'utf8',
    )
      .split(/\r?\n/)
      .filter((line) => line !== '')
    const header = lines[0].split(';')
    const sample = normaliserFor('numecoeval-physical', header)
    const results = lines.slice(1).map((line, index) => sample({ line: index + 2, values: line.split(';') }))
    expect(results.map((result) => result.kind)).toEqual([
      'asset',
      'asset',
      'asset',
      'asset',
      'asset',
      'asset',
    ])
    expect(results.map((result) => result.findings)).toEqual([[], [], [], [], [], []])
    // 2020-07-08: 18262 (2020-01-01) + 31 + 29 + 31 + 30 + 31 + 30 + 7 = 18451; 2023-06-16 = 19358 + 151 + 15 = 19524
    expect(results[4]).toEqual({
      kind: 'asset',
      asset: {
        sourceLine: 6,
        organisationPath: ['Entity 3'],
        site: null,
        datacenter: null,
        category: 'server',
        manufacturer: null,
        model: 'Physical Server unknown',
        serial: null,
        hostname: 'physical-eq-5',
        quantity: 2,
        purchaseDay: 18451,
        retirementDay: 19524,
        lifetimeYears: null,
        annualKwh: null,
        utilisationRate: null,
        ownership: null,
        country: 'FR',
        status: 'stock',
        imputed: [],
      },
      findings: [],
    })
  })
})

describe('createRowNormaliser on the generic format', () => {
  const header = [
    'organisation',
    'category',
    'model',
    'quantity',
    'purchase_date',
    'retirementDate',
    'utilisationRate',
    'ownership',
    'country',
    'status',
  ]
  const normalise = normaliserFor('generic', header)

  it('reads canonical ids, ISO and French dates, percentages and country names', () => {
    const result = normalise({
      line: 2,
      values: [
        'CNAM > CPAM 75',
        'thin-client',
        'Wyse 5070',
        '12',
        '2019-03-15',
        '15/03/2025',
        '80 %',
        'COPE',
        'Allemagne',
        'stock',
      ],
    })
    expect(result).toMatchObject({
      kind: 'asset',
      asset: {
        organisationPath: ['CNAM', 'CPAM 75'],
        category: 'thin-client',
        quantity: 12,
        purchaseDay: 17970,
        retirementDay: 20162,
        utilisationRate: 0.8,
        ownership: 'company',
        country: 'DE',
        status: 'stock',
        imputed: [],
      },
      findings: [],
    })
  })

  it('names the ISO format in date messages', () => {
    const result = normalise({
      line: 3,
      values: ['A', 'laptop', '', '1', '2019-02-30', '', '', '', 'FR', ''],
    })
    expect(result.findings[0]).toEqual(
      rejected(
        3,
        'purchase_date',
        'invalid_date',
        'purchase_date "2019-02-30" is not a valid date (expected yyyy-mm-dd)',
        '2019-02-30',
      ),
    )
  })
})

describe('createRowNormaliser on NumEcoEval datacenters', () => {
  const lines = readFileSync('/work/shared/data/g4it-numecoeval-referential/samples/1-datacenter.csv', 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '')
  const header = lines[0].split(';')
  const normalise = normaliserFor('numecoeval-datacenter', header)

  it('normalises the G4IT sample datacenters, imputing the missing entity', () => {
    const results = lines
      .slice(1)
      .map((line, index) => normalise({ line: index + 2, values: line.split(';') }))
    expect(results.map((result) => (result.kind === 'datacenter' ? result.datacenter : null))).toEqual([
      {
        sourceLine: 2,
        shortName: 'default',
        longName: 'Default',
        pue: 1.75,
        country: 'FR',
        organisationPath: ['(unknown)'],
      },
      {
        sourceLine: 3,
        shortName: 'B1',
        longName: 'B1',
        pue: 1.32,
        country: 'FR',
        organisationPath: ['(unknown)'],
      },
      {
        sourceLine: 4,
        shortName: 'F1',
        longName: 'F1',
        pue: 1.43,
        country: 'FR',
        organisationPath: ['(unknown)'],
      },
      {
        sourceLine: 5,
        shortName: 'Y1',
        longName: 'Y1',
        pue: 1.41,
        country: 'DE',
        organisationPath: ['(unknown)'],
      },
    ])
    expect(results[0].findings).toEqual([
      imputed(2, 'nomEntite', 'nomEntite is empty: organisation set to "(unknown)"'),
    ])
  })

  it.each([
    [
      ['', 'Sans nom', '1.5', 'France', 'CNAM', ''],
      rejected(
        6,
        'nomCourtDatacenter',
        'missing_value',
        'nomCourtDatacenter is empty: a datacenter needs a short name',
        null,
      ),
    ],
    [
      ['DC1', 'DC 1', 'un virgule cinq', 'France', 'CNAM', ''],
      rejected(6, 'pue', 'invalid_number', 'pue "un virgule cinq" is not a valid number', 'un virgule cinq'),
    ],
  ])('rejects %j', (values, expected) => {
    expect(normalise({ line: 6, values })).toEqual({ kind: 'rejected', findings: [expected] })
  })

  it('ignores an impossible PUE with a warning', () => {
    const result = normalise({ line: 7, values: ['DC1', 'DC 1', '0,9', 'FR', 'CNAM', ''] })
    expect(result.kind === 'datacenter' && result.datacenter.pue).toBeNull()
    expect(result.findings).toEqual([
      {
        line: 7,
        column: 'pue',
        code: 'out_of_range',
        severity: 'warning',
        message: 'pue "0,9" is outside 1 to 5: ignored',
        value: '0,9',
      },
    ])
  })
})

/** SCCM and Intune exports have no organisation column: every row gets the default, flagged. */
const noOrganisation = (line: number): Finding =>
  imputed(line, null, 'No organisation column: organisation set to "CNAM"')

describe('createRowNormaliser on SCCM extracts (chassis rule)', () => {
  const header = ['Name0', 'Model0', 'ChassisTypes0', 'Is_Virtual_Machine0', 'Operating_System_Name_and0']
  const normalise = normaliserFor('sccm', header, { defaultOrganisationPath: ['CNAM'] })
  const categoryOf = (values: string[], options: Partial<NormaliseOptions> = {}) => {
    const result = normaliserFor('sccm', header, { defaultOrganisationPath: ['CNAM'], ...options })({
      line: 2,
      values,
    })
    return result.kind === 'asset' ? result.asset.category : null
  }

  it.each([
    [
      'the virtual-machine flag before the chassis',
      ['SRV-1', 'PowerEdge R650', '{23}', 'True', ''],
      'virtual-machine',
    ],
    ['a hypervisor model before the chassis', ['SRV-2', 'VMware7,1', '{1}', '0', ''], 'virtual-machine'],
    ['the chassis before the model', ['PC-1', 'OptiPlex 7090', '{10}', '0', ''], 'laptop'],
    ['the model when the chassis says nothing', ['PC-2', 'Latitude 5420', '{2}', '0', ''], 'laptop'],
    [
      'a server OS when neither chassis nor model tells',
      ['SRV-3', 'Custom build', '{1}', '0', 'Microsoft Windows NT Server 10.0'],
      'server',
    ],
  ])('uses %s', (_, values, expected) => {
    expect(categoryOf(values)).toBe(expected)
  })

  it('falls back on the category hint last', () => {
    expect(categoryOf(['PC-3', 'Custom build', '{2}', '0', ''], { categoryHint: 'desktop' })).toBe('desktop')
  })

  it.each([
    [['PC-4', '', '', '0', ''], 'ChassisTypes0 and Model0 are empty: no device category', null],
    [
      ['PC-5', 'Custom build', '', '0', ''],
      'ChassisTypes0 is empty, and Model0 "Custom build" does not tell the device category',
      null,
    ],
    [
      ['PC-6', '', '{12}', '0', ''],
      'ChassisTypes0 "{12}" (Docking Station) does not tell the device category, and Model0 is empty',
      '{12}',
    ],
    [
      ['PC-7', 'Custom build', '{99}', '0', ''],
      'ChassisTypes0 "{99}" does not tell the device category, nor does Model0 "Custom build"',
      '{99}',
    ],
  ])('rejects %j, saying why', (values, message, value) => {
    expect(normalise({ line: 3, values })).toEqual({
      kind: 'rejected',
      findings: [noOrganisation(3), rejected(3, 'ChassisTypes0', 'unknown_category', message, value)],
    })
  })
})

describe('createRowNormaliser on Intune exports (operating-system rule)', () => {
  const header = ['Device name', 'Model', 'OS', 'Category', 'Ownership']
  const normalise = normaliserFor('intune', header, { defaultOrganisationPath: ['CNAM'] })

  it.each([
    ['a Mac laptop', ['MAC-1', 'MacBook Air (M2, 2022)', 'macOS', '', ''], 'laptop'],
    ['a Mac desktop', ['MAC-2', 'Mac mini (M2, 2023)', 'macOS', '', ''], 'desktop'],
    ['a Cloud PC', ['CPC-1', 'Cloud PC Enterprise 2vCPU/8GB/128GB', 'Windows', '', ''], 'virtual-machine'],
    ['the device category before the OS', ['TAB-1', 'Surface Go 3', 'Windows', 'Tablettes', ''], 'tablet'],
    ['an iPad enrolled as iOS', ['IPAD-1', 'iPad Air (5th generation)', 'iOS', '', ''], 'tablet'],
    ['the model when the OS is empty', ['PH-1', 'iPhone 12', '', '', ''], 'smartphone'],
  ])('reads %s', (_, values, expected) => {
    const result = normalise({ line: 2, values })
    expect(result.kind === 'asset' && [result.asset.category, result.asset.imputed]).toEqual([
      expected,
      ['organisation'],
    ])
  })

  it('counts a Windows device whose model is empty as a laptop, flagged as imputed', () => {
    const result = normalise({ line: 4, values: ['PC-9', '', 'Windows', '', 'Corporate'] })
    expect(result.kind === 'asset' && [result.asset.category, result.asset.imputed]).toEqual([
      'laptop',
      ['organisation', 'category'],
    ])
    expect(result.findings).toEqual([
      noOrganisation(4),
      {
        line: 4,
        column: 'OS',
        code: 'default_imputed',
        severity: 'imputed',
        message: 'Model is empty: the Windows device is counted as a laptop',
        value: 'Windows',
      },
    ])
  })

  it('warns about an ownership Intune could not tell and keeps the device', () => {
    const result = normalise({ line: 5, values: ['PC-10', 'Latitude 5440', 'Windows', '', 'Unknown'] })
    expect(result.kind === 'asset' && result.asset.ownership).toBeNull()
    expect(result.findings.map((finding) => [finding.code, finding.severity, finding.column])).toEqual([
      ['default_imputed', 'imputed', null],
      ['unknown_value', 'warning', 'Ownership'],
    ])
  })

  it('rejects a device with neither OS nor model', () => {
    expect(normalise({ line: 6, values: ['X', '', '', '', ''] })).toEqual({
      kind: 'rejected',
      findings: [
        noOrganisation(6),
        rejected(6, 'OS', 'unknown_category', 'OS and Model are empty: no device category', null),
      ],
    })
  })
})

describe('createRowNormaliser on purchase orders (procurement rule)', () => {
  const header = ['Order date', 'MPN', 'Item description', 'UNSPSC', 'Quantity', 'Unit price', 'Cost center']
  const normalise = normaliserFor('purchases', header, { defaultOrganisationPath: ['CNAM'] })

  it.each([
    [
      'the code before an accessory word',
      ['2024-01-10', '', 'Laptop + bag bundle', '43211503', '5', '899.00', 'DSI'],
      'laptop',
    ],
    [
      'the description without a code',
      ['2024-01-10', '', 'Dell 24 Monitor P2425H', '', '5', '189.00', 'DSI'],
      'monitor',
    ],
    [
      'the part number when there is no description',
      ['2024-01-10', 'Latitude 5440', '', '', '5', '', 'DSI'],
      'laptop',
    ],
  ])('uses %s', (_, values, expected) => {
    const result = normalise({ line: 2, values })
    expect(result.kind === 'asset' && result.asset.category).toBe(expected)
  })

  it('names the unknown code and the description when neither tells a device', () => {
    expect(
      normalise({
        line: 3,
        values: ['2024-01-10', 'SVC-01', 'Onsite installation', '81111811', '1', '450', 'DSI'],
      }),
    ).toEqual({
      kind: 'rejected',
      findings: [
        rejected(
          3,
          'Item description',
          'unknown_category',
          'No category: UNSPSC "81111811" is not a known IT equipment code, and Item description "Onsite installation" does not name a device',
          'Onsite installation',
        ),
      ],
    })
  })

  it('reads the quantity as given and a price with thousands separators', () => {
    const result = normalise({
      line: 4,
      values: ['2024-01-10', '', 'Notebook HP EliteBook', '', '12', '1,234.56', 'DSI'],
    })
    expect(result.kind === 'asset' && [result.asset.quantity, result.asset.purchaseDay]).toEqual([12, 19732])
    expect(result.findings).toEqual([])
  })
})

describe('createRowNormaliser on Snipe-IT EOL values', () => {
  const header = ['Asset Name', 'Category', 'Purchase Date', 'EOL', 'Company']
  const normalise = normaliserFor('snipeit', header, { defaultOrganisationPath: ['CNAM'] })
  const warning = (code: Finding['code'], message: string, value: string): Finding => ({
    line: 2,
    column: 'EOL',
    code,
    severity: 'warning',
    message,
    value,
  })

  it.each([
    ['36', '2023-01-01', 3, []],
    ['42 months', '2023-01-01', 3.5, []],
    ['2026-01-01', '2023-01-01', 3, []],
    [
      '2026-01-01',
      '',
      null,
      [
        warning(
          'unknown_value',
          'EOL "2026-01-01" gives no lifetime without a purchase date: ignored',
          '2026-01-01',
        ),
      ],
    ],
    [
      '2022-01-01',
      '2023-01-01',
      null,
      [
        warning(
          'out_of_range',
          'EOL "2022-01-01" is not after Purchase Date "2023-01-01": ignored',
          '2022-01-01',
        ),
      ],
    ],
    [
      '0',
      '2023-01-01',
      null,
      [warning('out_of_range', 'EOL "0" is not a positive number of months: ignored', '0')],
    ],
    ['240', '2023-01-01', 20, [warning('out_of_range', 'EOL "240" means more than 15 years', '240')]],
    [
      'soon',
      '2023-01-01',
      null,
      [warning('unknown_value', 'EOL "soon" is neither a date nor a number of months: ignored', 'soon')],
    ],
  ] as const)(
    'reads EOL %j with purchase date %j as a lifetime of %s years',
    (eol, purchase, years, findings) => {
      const result = normalise({ line: 2, values: ['LT-1', 'Laptops', purchase, eol, 'CPAM 75'] })
      expect(result.kind === 'asset' && result.asset.lifetimeYears).toBe(years)
      expect(result.findings).toEqual(findings)
    },
  )
})

describe('purchase-date proxies', () => {
  const header = ['Name0', 'ChassisTypes0', 'Creation_Date0', 'InstallDate0']
  const normalise = normaliserFor('sccm', header, { defaultOrganisationPath: ['CNAM'] })

  it('ignores unreadable proxy dates with a warning and leaves the purchase date empty', () => {
    const result = normalise({ line: 2, values: ['PC-1', '10', '5/2/2019 10:14:03 AM', 'inconnue'] })
    expect(result.kind === 'asset' && [result.asset.purchaseDay, result.asset.imputed]).toEqual([
      null,
      ['organisation'],
    ])
    expect(result.findings.map((finding) => [finding.column, finding.code, finding.severity])).toEqual([
      [null, 'default_imputed', 'imputed'],
      ['Creation_Date0', 'invalid_date', 'warning'],
      ['InstallDate0', 'invalid_date', 'warning'],
    ])
  })

  it('flags a proxy date after the reference day under its own column', () => {
    const result = normalise({ line: 3, values: ['PC-2', '10', '2025-02-01 08:00:00', ''] })
    expect(result.findings.at(-1)).toEqual({
      line: 3,
      column: 'Creation_Date0',
      code: 'future_date',
      severity: 'warning',
      message: 'Creation_Date0 "2025-02-01 08:00:00" is after the reference date 2024-12-31',
      value: '2025-02-01 08:00:00',
    })
  })
})
