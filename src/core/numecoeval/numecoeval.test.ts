import { describe, expect, it } from 'vitest'
import { evaluateNumEcoEval } from './evaluate.js'
import type { NeInputs, NePhysicalEquipment, NeVirtualEquipment } from './inputs.js'
import { parseNumEcoEvalDate, parsePhysicalEquipments } from './inputs.js'
import { parseLegacyTrace, valueOfLegacyFormula } from './legacy-1x.js'
import { G4IT_3_PROFILE, NUMECOEVAL_1_PROFILE } from './physical-equipment.js'
import {
  addReferentialTable,
  emptyReferential,
  recogniseReferentialTable,
  referentialTableToCells,
  REFERENTIAL_TABLE_KINDS,
  type CellTable,
  type NeReferential,
} from './referential-tables.js'

const table = (file: string, lines: string[]): CellTable => {
  const [header = '', ...rows] = lines
  return {
    file,
    header: header.split(';'),
    headerLine: 1,
    rows: rows.map((row, index) => ({ line: index + 2, values: row.split(';') })),
  }
}

function referential(): NeReferential {
  const result = emptyReferential()
  const add = (file: string, lines: string[]): void => {
    const parsed = table(file, lines)
    const kind = recogniseReferentialTable(parsed.header)
    if (kind === null) throw new Error(`not recognised: ${file}`)
    expect(addReferentialTable(result, kind, parsed)).toEqual([])
  }
  add('ref_criterion.csv', ['code;label;description;unit', 'CLIMATE_CHANGE;Climate change;;kg CO2 eq'])
  add('ref_lifecycle_step.csv', ['code;label', 'MANUFACTURING;Manufacturing', 'USING;Using'])
  add('ref_hypothesis.csv', ['code;source;value;description;subscriber;version', 'PUEParDefaut;SSG;1.5;;NULL;NULL', 'dureeVieParDefaut;SSG;2.0;;NULL;NULL'])
  add('ref_item_type.csv', [
    'type;category;comment;default_lifespan;is_server;source;ref_default_item;subscriber;version',
    'Server;EquipementPhysique;;5;true;;server-1;NULL;NULL',
    'Laptop;EquipementPhysique;;NULL;false;;laptop-1;NULL;NULL',
  ])
  add('ref_item_impact.csv', [
    'criterion;lifecycle_step;name;category;avg_electricity_consumption;description;location;level;source;tier;unit;value;subscriber;version',
    'CLIMATE_CHANGE;MANUFACTURING;server-1;IT;1000;;;;test;;;1500;NULL;NULL',
    'CLIMATE_CHANGE;USING;server-1;IT;1000;;;;test;;;99;NULL;NULL',
    'CLIMATE_CHANGE;MANUFACTURING;laptop-1;IT;20;;;;test;;;300;NULL;NULL',
    'CLIMATE_CHANGE;MANUFACTURING;laptop-pro;IT;25;;;;test;;;400;NULL;NULL',
    'CLIMATE_CHANGE;MANUFACTURING;Electricity Mix FR;electricity-mix;NULL;;France;;Base IMPACTS;;;0,1;NULL;NULL',
  ])
  add('ref_matching_item.csv', ['item_source;ref_item_target;subscriber', 'Laptop Pro 14;laptop-pro;'])
  add('ref_sustainable_individual_package.csv', [
    'criteria;planetary_boundary;source;individual_sustainable_package',
    'Climate change;6810000000000;JRC 2019;851.25',
  ])
  return result
}

const equipment = (overrides: Partial<NePhysicalEquipment>): NePhysicalEquipment => ({
  line: 2,
  name: 'eq',
  model: '',
  quantity: 1,
  datacenter: null,
  purchaseDate: null,
  retirementDate: null,
  type: 'Server',
  status: 'In use',
  countryOfUse: 'France',
  annualKwh: null,
  entity: '',
  isServer: null,
  defaultLifetimeYears: null,
  refItemTarget: null,
  refItemDefault: null,
  ...overrides,
})

const vm = (name: string, overrides: Partial<NeVirtualEquipment>): NeVirtualEquipment => ({
  line: 2,
  name,
  host: 'host',
  allocationKey: null,
  vcpu: null,
  kind: 'calcul',
  storageGb: null,
  quantity: 1,
  cluster: '',
  entity: '',
  ...overrides,
})

const inputs = (overrides: Partial<NeInputs>): NeInputs => ({
  datacenters: [],
  physicalEquipments: [],
  virtualEquipments: [],
  applications: [],
  ...overrides,
})

describe('NumEcoEval referential tables', () => {
  it('reads both namings and writes them back unchanged (round trip through the other naming)', () => {
    const original = referential()
    for (const kind of REFERENTIAL_TABLE_KINDS) {
      const numecoeval = referentialTableToCells(original, kind, 'numecoeval')
      const reread = emptyReferential()
      const cells: CellTable = {
        file: numecoeval.fileName,
        header: numecoeval.header,
        headerLine: 1,
        rows: numecoeval.rows.map((values, index) => ({ line: index + 2, values })),
      }
      expect(recogniseReferentialTable(cells.header)).toBe(kind)
      expect(addReferentialTable(reread, kind, cells)).toEqual([])
      const g4it = referentialTableToCells(reread, kind, 'g4it')
      expect(g4it.fileName.startsWith('ref_')).toBe(true)
      expect(g4it.rows).toEqual(referentialTableToCells(original, kind, 'g4it').rows)
    }
    // `0,1` (decimal comma) reads as 0.1; NULL reads as empty.
    expect(original.itemImpacts.find((row) => row.category === 'electricity-mix')?.value).toBe(0.1)
    expect(original.itemTypes[1]?.defaultLifespanYears).toBeNull()
  })

  it('names file, line and column of a bad cell', () => {
    const result = emptyReferential()
    const problems = addReferentialTable(
      result,
      'itemImpacts',
      table('itemImpact.csv', ['criterion;lifecycleStep;name;value', 'CLIMATE_CHANGE;MANUFACTURING;x;12kg']),
    )
    expect(problems).toEqual([
      { file: 'itemImpact.csv', line: 2, column: 4, columnName: 'value', message: '"12kg" is not a number' },
    ])
  })
})

describe('NumEcoEval inputs', () => {
  it('accepts the three date formats and rejects impossible dates with their line and column', () => {
    expect(parseNumEcoEvalDate('2020-07-08')).toBe('2020-07-08')
    expect(parseNumEcoEvalDate('20200708')).toBe('2020-07-08')
    expect(parseNumEcoEvalDate('01/01/2023')).toBe('2023-01-01')
    expect(parseNumEcoEvalDate('2023-02-30')).toBeNull()
    const parsed = parsePhysicalEquipments(
      table('EQUIPEMENT_PHYSIQUE.csv', ['nomEquipementPhysique;type;dateAchat;quantite', 'a;Server;31/02/2020;', 'b;Server;2020-01-01;2,5']),
    )
    expect(parsed.problems).toEqual([
      {
        file: 'EQUIPEMENT_PHYSIQUE.csv',
        line: 2,
        column: 3,
        columnName: 'dateAchat',
        message: '"31/02/2020" is not a date (yyyy-MM-dd, yyyyMMdd or dd/MM/yyyy)',
      },
    ])
    expect(parsed.records.map((record) => record.quantity)).toEqual([2.5])
  })
})

describe('NumEcoEval physical equipment', () => {
  const options = { calculationDate: '2024-01-01', criteria: ['CLIMATE_CHANGE'], profile: G4IT_3_PROFILE }

  it('uses the type default lifespan without a purchase date, the matched model, and the hypothesis fallback', () => {
    const result = evaluateNumEcoEval(
      inputs({
        physicalEquipments: [
          equipment({ name: 'server' }),
          equipment({ name: 'pro', type: 'Laptop', model: 'Laptop Pro 14' }),
          equipment({ name: 'laptop', type: 'Laptop' }),
        ],
      }),
      referential(),
      { ...options, steps: ['FABRICATION'] },
    )
    // server: 1 × 1500 × 1.0 / 5 (type Server) = 300; pro: 400 / 2 (dureeVieParDefaut) = 200, matched (MODELE);
    // laptop: 300 / 2 = 150 (TYPE).
    expect(result.physical.map((row) => [row.equipmentName, row.impact, row.impactSource, row.lifetimeYears])).toEqual([
      ['server', 300, 'TYPE', 5],
      ['pro', 200, 'MODELE', 2],
      ['laptop', 150, 'TYPE', 2],
    ])
    // 300 / 851.25 people equivalent
    expect(result.physical[0]?.sipImpact).toBe(300 / 851.25)
  })

  it('brings a lifetime under one year to 1 in the G4IT 3 profile, not in the 1.x one', () => {
    const row = equipment({ purchaseDate: '2023-07-01', retirementDate: '2024-01-01' })
    const g4it = evaluateNumEcoEval(inputs({ physicalEquipments: [row] }), referential(), { ...options, steps: ['FABRICATION'] })
    const legacy = evaluateNumEcoEval(inputs({ physicalEquipments: [row] }), referential(), {
      ...options,
      steps: ['FABRICATION'],
      profile: NUMECOEVAL_1_PROFILE,
    })
    // 184 days / 365 = 0.5041… years: G4IT 3 uses 1 → 1500; 1.x uses 0.5041… → 1500 / (184 / 365) = 2975.543…
    expect(g4it.physical[0]?.impact).toBe(1500)
    expect(legacy.physical[0]?.impact).toBe(1500 / (184 / 365))
  })

  it('applies the datacenter PUE (or PUEParDefaut) to servers only in the use phase, and reports errors as data', () => {
    const result = evaluateNumEcoEval(
      inputs({
        datacenters: [
          { name: 'dc', label: '', pue: null, location: 'France', entity: '' },
          { name: 'dc2', label: '', pue: 1.2, location: 'France', entity: '' },
        ],
        physicalEquipments: [
          equipment({ name: 'in-dc', datacenter: 'dc', quantity: 2 }),
          equipment({ name: 'in-dc2', datacenter: 'dc2', annualKwh: 500 }),
          equipment({ name: 'laptop', type: 'Laptop', datacenter: 'dc' }),
          equipment({ name: 'abroad', type: 'Laptop', countryOfUse: 'Spain' }),
          equipment({ name: 'bad-dates', purchaseDate: '2024-02-01', retirementDate: '2023-01-01' }),
        ],
      }),
      referential(),
      { ...options, steps: ['FABRICATION', 'UTILISATION'] },
    )
    const use = (name: string) => result.physical.find((row) => row.equipmentName === name && row.step === 'UTILISATION')
    // 2 × 1000 kWh × (0.1 × PUEParDefaut 1.5) = 300 kg CO2 eq/yr; averagePowerConsumption 2 × 1000 = 2000 kWh/yr
    expect(use('in-dc')?.impact).toBe(2 * 1000 * (0.1 * 1.5))
    expect(use('in-dc')?.averagePowerConsumptionKwhPerYear).toBe(2000)
    // 1 × 500 kWh (declared) × (0.1 × 1.2) = 60
    expect(use('in-dc2')?.impact).toBe(1 * 500 * (0.1 * 1.2))
    // laptop in a datacenter: no PUE, 20 kWh × 0.1 = 2
    expect(use('laptop')?.impact).toBe(20 * 0.1)
    expect(use('abroad')?.error?.code).toBe('missing_electricity_mix')
    const badDates = result.physical.filter((row) => row.equipmentName === 'bad-dates')
    expect(badDates.map((row) => [row.step, row.indicatorStatus, row.error?.code ?? null])).toEqual([
      ['FABRICATION', 'ERREUR', 'lifetime_undetermined'],
      ['UTILISATION', 'OK', null],
    ])
  })
})

describe('NumEcoEval virtual equipment and applications', () => {
  const options = { calculationDate: '2024-01-01', steps: ['FABRICATION' as const], profile: G4IT_3_PROFILE }
  const host = equipment({ name: 'host' }) // 1500 / 5 = 300 kg CO2 eq/yr

  it('allocates by explicit key first, then vCPU, then storage, else equally', () => {
    const evaluate = (vms: NeVirtualEquipment[]) =>
      evaluateNumEcoEval(inputs({ physicalEquipments: [host], virtualEquipments: vms }), referential(), options).virtual.map(
        (row) => [row.virtualEquipmentName, row.rule, row.impact],
      )
    expect(evaluate([vm('a', { allocationKey: 0.25, vcpu: 1 }), vm('b', { vcpu: 3 })])).toEqual([
      ['a', 'allocation-key', 300 * 0.25],
      ['b', 'vcpu', (300 * 3) / 4],
    ])
    expect(evaluate([vm('a', { kind: 'stockage', storageGb: 100 }), vm('b', { kind: 'stockage', storageGb: 300 })])).toEqual([
      ['a', 'storage', (300 * 100) / 400],
      ['b', 'storage', (300 * 300) / 400],
    ])
    // One VM without vCPU switches the whole host to the equal split: 300 / 3.
    expect(evaluate([vm('a', { vcpu: 2 }), vm('b', { vcpu: 2 }), vm('c', {})])).toEqual([
      ['a', 'equal-split', 100],
      ['b', 'equal-split', 100],
      ['c', 'equal-split', 100],
    ])
  })

  it('splits a VM across its applications and sums an application over its VMs', () => {
    const result = evaluateNumEcoEval(
      inputs({
        physicalEquipments: [host],
        virtualEquipments: [vm('a', { vcpu: 1 }), vm('b', { vcpu: 1 })],
        applications: [
          { line: 2, name: 'crm', environment: 'Production', virtualEquipment: 'a', host: 'host', domain: 'Sales', subDomain: 'CRM', entity: '' },
          { line: 3, name: 'wiki', environment: 'Production', virtualEquipment: 'a', host: 'host', domain: 'IT', subDomain: '', entity: '' },
          { line: 4, name: 'crm', environment: 'Production', virtualEquipment: 'b', host: 'host', domain: 'Sales', subDomain: 'CRM', entity: '' },
        ],
      }),
      referential(),
      options,
    )
    // VM a = 300 × 1 / 2 = 150, shared by crm and wiki → 75 each; VM b = 150 → crm; crm total 225.
    expect(result.applications.map((row) => [row.applicationName, row.virtualEquipmentName, row.impact])).toEqual([
      ['crm', 'a', 75],
      ['wiki', 'a', 75],
      ['crm', 'b', 150],
    ])
    expect(result.applications[0]?.trace.formula).toBe('ImpactApplication = ImpactEquipementVirtuel(150.0) / nbApplications(2)')
  })
})

describe('NumEcoEval 1.x traces', () => {
  it('reads the unquoted trace and recomputes its formula without the cosmetic / 365', () => {
    const trace = parseLegacyTrace(
      '{formule:ImpactEquipementPhysique = (Quantité(1.0) * ConsoElecAnMoyenne(3504.0) * MixElectrique(0.92689734)) / 365,' +
        'mixElectrique:{valeur:0.92689734,dataCenterPue:1.41,serveur:true}}',
    )
    expect(trace['mixElectrique']).toEqual({ valeur: '0.92689734', dataCenterPue: '1.41', serveur: 'true' })
    // 1 × 3504 × 0.92689734 = 3247.84827936 (the stored 1.x value)
    expect(valueOfLegacyFormula(String(trace['formule']))).toBe(3247.84827936)
  })
})
