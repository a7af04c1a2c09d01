import { describe, expect, it } from 'vitest'
import { FORMAT_PROFILES, planColumns, type FormatId } from '../formats/format-profiles.js'
import type { NormalisedRow, NormaliseOptions } from './normalise-row.js'
import { createRecordNormaliser, parseMonthYear } from './normalise-records.js'

const OPTIONS: NormaliseOptions = {
  categoryHint: null,
  defaultOrganisationPath: ['CNAM'],
  defaultCountry: 'FR',
  referenceDay: 20088,
}

/** Normalises one row given as `column → cell` under `header` (unnamed cells empty), at line 2. */
function normalise(
  id: FormatId,
  header: string[],
  cells: Record<string, string>,
  options: Partial<NormaliseOptions> = {},
): NormalisedRow {
  const profile = FORMAT_PROFILES.find((candidate) => candidate.id === id)
  if (!profile) throw new Error(`no profile ${id}`)
  const normaliser = createRecordNormaliser(planColumns(header, profile), { ...OPTIONS, ...options })
  return normaliser({ line: 2, values: header.map((column) => cells[column] ?? '') })
}

function rejections(row: NormalisedRow): [string | null, string, string][] {
  return row.findings
    .filter((finding) => finding.severity === 'rejected')
    .map((finding) => [finding.column, finding.code, finding.message])
}

const G4IT_VM_HEADER =
  'nomEquipementVirtuel;nomEquipementPhysique;nomSourceDonneeEquipementPhysique;cleRepartition;vCPU;cluster;consoElecAn;typeEqv;capaciteStockage;nomEntite;nomSourceDonnee;typeInfrastructure;quantite;provider;typeInstance;location;chargeMoy;dureeUtilisationAnnuelle'.split(
    ';',
  )
const NUMECOEVAL_VM_HEADER =
  'nomEquipementVirtuel;nomEquipementPhysique;nomSourceDonneeEquipementPhysique;cleRepartition;vCPU;cluster;consoElecAnnuelle;typeEqv;capaciteStockage;nomEntite;qualite'.split(
    ';',
  )

describe('createRecordNormaliser, virtual equipment', () => {
  it('reads a NumEcoEval VM on its host with every typed column', () => {
    const row = normalise('numecoeval-virtual', NUMECOEVAL_VM_HEADER, {
      nomEquipementVirtuel: 'vm-compta-01',
      nomEquipementPhysique: 'srv-esx-01',
      nomSourceDonneeEquipementPhysique: 'GLPI',
      cleRepartition: '0,25',
      vCPU: '4',
      cluster: 'Cluster A',
      consoElecAnnuelle: '120,5',
      typeEqv: 'Calcul',
      capaciteStockage: '1,5',
      nomEntite: 'CPAM 13',
      qualite: 'haute',
    })
    expect(row).toEqual({
      kind: 'record',
      findings: [],
      record: {
        kind: 'virtual-equipment',
        sourceLine: 2,
        organisationPath: ['CPAM 13'],
        name: 'vm-compta-01',
        physicalEquipment: 'srv-esx-01',
        physicalEquipmentSource: 'GLPI',
        infrastructureType: 'NON_CLOUD_SERVERS',
        quantity: 1,
        allocationShare: 0.25,
        vcpu: 4,
        cluster: 'Cluster A',
        annualKwh: 120.5,
        type: 'calcul',
        storageCapacity: 1.5,
        provider: null,
        instanceType: null,
        location: null,
        averageLoad: null,
        annualUsageHours: null,
        dataSource: null,
        quality: 'HAUTE',
      },
    })
  })

  it.each([
    // chargeMoy 25 in percent → 25 / 100 = 0.25; 0.5 as a fraction stays 0.5; "40 %" is a percentage whatever the unit.
    ['25', 'percent', 0.25],
    ['0,5', 'fraction', 0.5],
    ['40 %', 'fraction', 0.4],
    // no unit: the import found no fraction-like value, so 60 > 1 is read as a percentage → 0.6
    ['60', undefined, 0.6],
  ] as const)('reads a cloud instance with chargeMoy %j in %s as %j', (load, unit, expected) => {
    const row = normalise(
      'g4it-virtual',
      G4IT_VM_HEADER,
      {
        nomEquipementVirtuel: 'vm-cloud-1',
        typeInfrastructure: 'CLOUD_SERVICES',
        quantite: '2',
        provider: 'aws',
        typeInstance: 'a1.medium',
        location: 'EEE',
        chargeMoy: load,
        dureeUtilisationAnnuelle: '8760',
      },
      unit === undefined ? {} : { units: { loadUnit: unit } },
    )
    expect(row.kind).toBe('record')
    if (row.kind !== 'record' || row.record.kind !== 'virtual-equipment') return
    expect([
      row.record.infrastructureType,
      row.record.quantity,
      row.record.averageLoad,
      row.record.annualUsageHours,
      row.record.organisationPath,
    ]).toEqual(['CLOUD_SERVICES', 2, expected, 8760, ['CNAM']])
    // nomEntite is empty: the organisation comes from --organisation, an imputed value
    expect(row.findings.map((finding) => [finding.code, finding.severity, finding.message])).toEqual([
      ['default_imputed', 'imputed', 'nomEntite is empty: organisation set to "CNAM"'],
    ])
  })

  it.each([
    [
      { nomEquipementVirtuel: '' },
      'nomEquipementVirtuel',
      'missing_value',
      'nomEquipementVirtuel is empty: a virtual equipment needs a name',
    ],
    [{ vCPU: 'quatre' }, 'vCPU', 'invalid_number', 'vCPU "quatre" is not a valid number'],
    [{ vCPU: '-2' }, 'vCPU', 'out_of_range', 'vCPU "-2" must not be negative'],
    [
      { cleRepartition: '25' },
      'cleRepartition',
      'out_of_range',
      'cleRepartition "25" is not a share between 0 and 1',
    ],
    [{ typeEqv: 'reseau' }, 'typeEqv', 'unknown_value', 'typeEqv "reseau" is not one of calcul, stockage'],
    [
      { typeInfrastructure: 'CLOUD' },
      'typeInfrastructure',
      'unknown_value',
      'typeInfrastructure "CLOUD" is not one of NON_CLOUD_SERVERS, CLOUD_SERVICES',
    ],
    [
      { chargeMoy: '50' },
      'chargeMoy',
      'out_of_range',
      'chargeMoy "50" is not a valid load (expected 0 to 1 (--load-unit fraction))',
    ],
    [{ quantite: '0' }, 'quantite', 'negative_quantity', 'quantite "0" must be a positive number'],
  ])('rejects %j: %s %s', (cells, column, code, message) => {
    const row = normalise(
      'g4it-virtual',
      G4IT_VM_HEADER,
      { nomEquipementVirtuel: 'vm-1', nomEquipementPhysique: 'srv-1', nomEntite: 'DSI', ...cells },
      { units: { loadUnit: 'fraction' } },
    )
    expect(row.kind).toBe('rejected')
    expect(rejections(row)).toEqual([[column, code, message]])
  })

  it('rejects a cloud instance without its cloud columns, one finding per column', () => {
    const row = normalise('g4it-virtual', G4IT_VM_HEADER, {
      nomEquipementVirtuel: 'vm-cloud-2',
      typeInfrastructure: 'CLOUD_SERVICES',
      provider: 'azure',
      nomEntite: 'DSI',
    })
    expect(rejections(row)).toEqual([
      ['typeInstance', 'missing_value', 'typeInstance is empty: a CLOUD_SERVICES instance needs it'],
      ['location', 'missing_value', 'location is empty: a CLOUD_SERVICES instance needs it'],
      ['chargeMoy', 'missing_value', 'chargeMoy is empty: a CLOUD_SERVICES instance needs it'],
      [
        'dureeUtilisationAnnuelle',
        'missing_value',
        'dureeUtilisationAnnuelle is empty: a CLOUD_SERVICES instance needs it',
      ],
    ])
  })

  it('accepts a non-cloud VM without a host, with a warning', () => {
    const row = normalise('numecoeval-virtual', NUMECOEVAL_VM_HEADER, {
      nomEquipementVirtuel: 'vm-orphan',
      nomEntite: 'DSI',
    })
    expect(row.kind).toBe('record')
    expect(row.findings.map((finding) => [finding.column, finding.severity, finding.message])).toEqual([
      [
        'nomEquipementPhysique',
        'warning',
        'nomEquipementPhysique is empty: the virtual equipment "vm-orphan" has no host to take its share from',
      ],
    ])
  })
})

describe('createRecordNormaliser, applications', () => {
  const header =
    'nomApplication;typeEnvironnement;nomEquipementVirtuel;nomSourceEquipementVirtuel;domaine;sousDomaine;nomEntite;nomEquipementPhysique;nomSourceDonnee;qualite'.split(
      ';',
    )

  it('reads the NumEcoEval CSV spelling nomSourceEquipementVirtuel', () => {
    const row = normalise('numecoeval-application', header, {
      nomApplication: 'Paie',
      typeEnvironnement: 'Production',
      nomEquipementVirtuel: 'vm-paie-01',
      nomSourceEquipementVirtuel: 'vCenter',
      domaine: 'RH',
      sousDomaine: 'Paie',
      nomEntite: 'DSI',
      nomEquipementPhysique: 'srv-esx-01',
      nomSourceDonnee: 'CMDB',
      qualite: 'MOYENNE',
    })
    expect(row).toEqual({
      kind: 'record',
      findings: [],
      record: {
        kind: 'application',
        sourceLine: 2,
        organisationPath: ['DSI'],
        name: 'Paie',
        environmentType: 'Production',
        virtualEquipment: 'vm-paie-01',
        virtualEquipmentSource: 'vCenter',
        domain: 'RH',
        subDomain: 'Paie',
        physicalEquipment: 'srv-esx-01',
        dataSource: 'CMDB',
        quality: 'MOYENNE',
      },
    })
  })

  it('reads the JSON and G4IT spelling nomSourceDonneeEquipementVirtuel into the same field', () => {
    const g4itHeader = header.map((column) =>
      column === 'nomSourceEquipementVirtuel' ? 'nomSourceDonneeEquipementVirtuel' : column,
    )
    const row = normalise('g4it-application', g4itHeader, {
      nomApplication: 'Paie',
      typeEnvironnement: 'Test',
      nomSourceDonneeEquipementVirtuel: 'vCenter',
      nomEntite: 'DSI',
    })
    expect(
      row.kind === 'record' && row.record.kind === 'application' && row.record.virtualEquipmentSource,
    ).toBe('vCenter')
  })

  it('rejects an application without an environment type; an unknown quality is only a warning', () => {
    const row = normalise('numecoeval-application', header, {
      nomApplication: 'Paie',
      nomEntite: 'DSI',
      qualite: 'excellente',
    })
    expect(row.findings.map((finding) => [finding.column, finding.severity, finding.message])).toEqual([
      [
        'typeEnvironnement',
        'rejected',
        'typeEnvironnement is empty: an application needs an environment type',
      ],
      ['qualite', 'warning', 'qualite "excellente" is not a known quality (BASSE, MOYENNE, HAUTE): ignored'],
    ])
  })
})

describe('createRecordNormaliser, non-IT operations, messaging and entities', () => {
  it('reads a non-IT item (quantity 1 when empty, imputed)', () => {
    const header =
      'nomItemNonIT;quantite;type;dureeDeVie;localisation;nomEntite;nomSourceDonnee;nomCourtDatacenter;description;consoElecAnnuelle;qualite'.split(
        ';',
      )
    const row = normalise('numecoeval-non-it', header, {
      nomItemNonIT: 'Climatisation salle B',
      type: 'CLIMATISATION',
      dureeDeVie: '12',
      localisation: 'France',
      nomEntite: 'DSI',
      nomCourtDatacenter: 'DC-NORD',
      description: 'Groupe froid',
      consoElecAnnuelle: '45 000',
      qualite: 'BASSE',
    })
    expect(row.kind === 'record' && row.record).toEqual({
      kind: 'non-it-operation',
      sourceLine: 2,
      organisationPath: ['DSI'],
      name: 'Climatisation salle B',
      quantity: 1,
      type: 'CLIMATISATION',
      lifetimeYears: 12,
      location: 'France',
      datacenter: 'DC-NORD',
      description: 'Groupe froid',
      annualKwh: 45000,
      dataSource: null,
      quality: 'BASSE',
    })
    expect(row.findings.map((finding) => [finding.column, finding.severity, finding.message])).toEqual([
      ['quantite', 'imputed', 'quantite is empty: quantity set to 1'],
    ])
  })

  const messagingHeader = [
    'nombreMailEmis',
    'nombreMailEmisXDestinataires',
    'volumeTotalMailEmis',
    'MoisAnnee',
    'nomEntite',
  ]

  it.each([
    // MMAAAA: 032024 → month 03, year 2024; written as a number the zero goes: 32024 → 3, 2024
    ['032024', 2024, 3],
    ['32024', 2024, 3],
    ['122023', 2023, 12],
  ])('reads MoisAnnee %j as year %d, month %d', (text, year, month) => {
    const row = normalise('numecoeval-messaging', messagingHeader, {
      nombreMailEmis: '1200',
      nombreMailEmisXDestinataires: '3600',
      volumeTotalMailEmis: '540,5',
      MoisAnnee: text,
      nomEntite: 'DSI',
    })
    expect(row.kind === 'record' && row.record).toEqual({
      kind: 'messaging',
      sourceLine: 2,
      organisationPath: ['DSI'],
      mailsSent: 1200,
      mailsSentTimesRecipients: 3600,
      totalVolume: 540.5,
      year,
      month,
    })
  })

  it.each([
    [
      'MoisAnnee',
      '132024',
      'invalid_date',
      'MoisAnnee "132024" is not a month written MMAAAA (e.g. 032024 for March 2024)',
    ],
    [
      'MoisAnnee',
      '2024-03',
      'invalid_date',
      'MoisAnnee "2024-03" is not a month written MMAAAA (e.g. 032024 for March 2024)',
    ],
    ['MoisAnnee', '', 'missing_value', 'MoisAnnee is empty: a messaging line needs its month (MMAAAA)'],
    ['nombreMailEmis', '', 'missing_value', 'nombreMailEmis is empty: the messaging volumes are mandatory'],
    [
      'volumeTotalMailEmis',
      'beaucoup',
      'invalid_number',
      'volumeTotalMailEmis "beaucoup" is not a valid number',
    ],
  ])('rejects %s %j (%s)', (column, text, code, message) => {
    const cells: Record<string, string> = {
      nombreMailEmis: '10',
      nombreMailEmisXDestinataires: '20',
      volumeTotalMailEmis: '3',
      MoisAnnee: '012025',
      [column]: text,
    }
    const row = normalise('numecoeval-messaging', messagingHeader, cells)
    expect(row.kind).toBe('rejected')
    expect(rejections(row)).toEqual([[column, code, message]])
  })

  it.each([['responsableNumeriqueResponsable'], ['responsableNumeriqueDurable']])(
    'reads an entity whose digital manager is in %s; the entity is its own organisation',
    (managerColumn) => {
      const row = normalise(
        'numecoeval-entity',
        ['nomEntite', 'nbCollaborateurs', 'responsableEntite', managerColumn],
        {
          nomEntite: 'CPAM 13',
          nbCollaborateurs: '1 250',
          responsableEntite: 'A. Martin',
          [managerColumn]: 'B. Durand',
        },
      )
      expect(row).toEqual({
        kind: 'record',
        findings: [],
        record: {
          kind: 'entity',
          sourceLine: 2,
          organisationPath: ['CPAM 13'],
          name: 'CPAM 13',
          staffCount: 1250,
          manager: 'A. Martin',
          digitalManager: 'B. Durand',
        },
      })
    },
  )
})

describe('parseMonthYear', () => {
  it.each([
    ['012024', { year: 2024, month: 1 }],
    ['92025', { year: 2025, month: 9 }],
    ['002024', null],
    ['131999', null],
    ['011850', null],
    ['1234567', null],
    ['03-2024', null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseMonthYear(text)).toEqual(expected)
  })
})
