import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listImports } from '../src/app/list-imports.js'
import { runCli } from './support/run-cli.js'
import { openWorkspace } from '../src/main.js'
import { writeXlsx } from '../src/io/xlsx/write-xlsx.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats', 'numecoeval')
const fixture = (name: string) => join(FIXTURES, name)
const CONFORMANCE = '/work/shared/data/g4it-conformance/eval_nominal'
const HAS_CONFORMANCE = existsSync(CONFORMANCE)

const cli = (argv: string[]) => runCli(argv)

type ImportedFile = {
  file: string
  format: string
  kind: string
  encoding: string
  rowsRead: number
  rowsAccepted: number
  rowsQuarantined: number
  rowsImputed: number
  findings: { line: number; column: string | null; code: string; severity: string; message: string }[]
  assumptions: string[]
  options: Record<string, string>
}

/** `empreinte import FILES… --campaign 2025 --json` into `workspace`, expected to succeed. */
async function importJson(
  workspace: string,
  files: string[],
  options: string[] = [],
): Promise<ImportedFile[]> {
  const result = await cli([
    'import',
    ...files,
    '--campaign',
    '2025',
    '--workspace',
    workspace,
    '--json',
    ...options,
  ])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return (JSON.parse(result.stdout) as { imports: ImportedFile[] }).imports
}

/** Counts of each import as [format, encoding, read, accepted, quarantined]. */
const countsOf = (imports: ImportedFile[]) =>
  imports.map((entry) => [
    entry.format,
    entry.encoding,
    entry.rowsRead,
    entry.rowsAccepted,
    entry.rowsQuarantined,
  ])

/** Non-imputed findings as [line, column, code, severity]. */
const findingsOf = (entry: ImportedFile) =>
  entry.findings.map((finding) => [finding.line, finding.column, finding.code, finding.severity])

/** Opens the workspace with the real store, runs `work`, closes it. */
async function withWorkspace<T>(
  workspace: string,
  work: (deps: Awaited<ReturnType<typeof openWorkspace>>['deps'], campaignId: number) => Promise<T>,
): Promise<T> {
  const opened = await openWorkspace(workspace, {
    create: false,
    progress: { start: () => {}, advance: () => {}, stop: () => {} },
  })
  try {
    const campaign = await opened.deps.store.findCampaign(2025)
    if (!campaign) throw new Error('no campaign 2025')
    return await work(opened.deps, campaign.id)
  } finally {
    await opened.close()
  }
}

describe('empreinte import, NumEcoEval and G4IT files', () => {
  let workspace: string
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'empreinte-numecoeval-'))
  })
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true })
  })

  it('stops before writing anything when dureeUsageInterne has values and no unit was chosen', async () => {
    const result = await cli(['import', fixture('equipements-physiques.csv'), '--workspace', workspace])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'empreinte: equipements-physiques.csv, line 2, column "dureeUsageInterne": the unit of "60" is not stated by the ' +
        'NumEcoEval / G4IT physical equipment format. Name it with --usage-duration-unit years|months|days; the choice ' +
        'is recorded and reused by later imports of this format. The file was not imported.\n',
    )
    const imports = await withWorkspace(workspace, (deps) =>
      listImports(deps, { campaignYear: 2025, limit: 10, offset: 0 }),
    )
    expect(imports.items).toEqual([])
  })

  it('converts months to years with --usage-duration-unit, records the choice and reuses it for the format', async () => {
    const [physical] = await importJson(
      workspace,
      [fixture('equipements-physiques.csv')],
      ['--usage-duration-unit', 'months'],
    )
    expect(countsOf([physical])).toEqual([['numecoeval-physical', 'utf-8', 5, 4, 1]])
    // line 6: dureeUsageInterne "soixante"; nbJourUtiliseAn and goTelecharge are recognised columns
    expect(findingsOf(physical)).toEqual([[6, 'dureeUsageInterne', 'invalid_number', 'rejected']])
    expect(physical.options).toEqual({ usageDurationUnit: 'months' })
    expect(physical.assumptions).toEqual([
      'dureeUsageInterne, dureeUsageAmont, dureeUsageAval read in months (--usage-duration-unit months)',
    ])
    // 60 months / 12 = 5 years; 48 months / 12 = 4 years
    const lifetimes = await withWorkspace(workspace, async (deps, campaignId) => [
      (await deps.store.getAsset(campaignId, 'srv-esx-01'))?.lifetimeYears,
      (await deps.store.getAsset(campaignId, 'pc-compta-01'))?.lifetimeYears,
    ])
    expect(lifetimes).toEqual([5, 4])

    // A later file of the same format, without the option: the recorded unit applies, and is recorded again.
    const later = join(workspace, 'equipements-2.csv')
    const text = await readFile(fixture('equipements-physiques.csv'), 'utf8')
    await writeFile(
      later,
      text.replaceAll('srv-esx-0', 'srv-vdi-0').split('\n').slice(0, 3).join('\n') + '\n',
    )
    const [reused] = await importJson(workspace, [later])
    expect([reused.rowsAccepted, reused.options, reused.assumptions]).toEqual([
      2,
      { usageDurationUnit: 'months' },
      [
        'dureeUsageInterne, dureeUsageAmont, dureeUsageAval read in months, the unit recorded by an earlier import of this format (--usage-duration-unit changes it)',
      ],
    ])
    const listed = await withWorkspace(workspace, (deps) =>
      listImports(deps, { campaignYear: 2025, limit: 10, offset: 0 }),
    )
    expect(listed.items.map((item) => [item.fileName, item.options])).toEqual([
      ['equipements-physiques.csv', { usageDurationUnit: 'months' }],
      ['equipements-2.csv', { usageDurationUnit: 'months' }],
    ])
  })

  it('gives the same footprint for durations in months and the same durations in years', async () => {
    // dureeUsageInterne is the lifetime only without a purchase date (NumEcoEval method REEL uses the dates
    // first, src/core/footprint/lifetime.ts): the purchase dates are blanked out here.
    const text = (await readFile(fixture('equipements-physiques.csv'), 'utf8')).replace(
      /;\d{4}-\d{2}-\d{2};/g,
      ';;',
    )
    const inMonths = join(workspace, 'in-months.csv')
    await writeFile(inMonths, text)
    // 60 months = 5 years, 48 months = 4 years, 12 months = 1 year
    const inYears = join(workspace, 'in-years.csv')
    await writeFile(inYears, text.replaceAll(';60;;;', ';5;;;').replace(';48;12;;', ';4;1;;'))
    const footprintOf = async (file: string, unit: string, folder: string) => {
      await importJson(folder, [file], ['--usage-duration-unit', unit])
      const result = await cli(['footprint', '--workspace', folder, '--json'])
      expect(result.code).toBe(0)
      return (JSON.parse(result.stdout) as { total: { climateKgCo2e: number } }).total.climateKgCo2e
    }
    const months = await footprintOf(inMonths, 'months', join(workspace, 'a'))
    const years = await footprintOf(inYears, 'years', join(workspace, 'b'))
    const monthsReadAsYears = await footprintOf(inMonths, 'years', join(workspace, 'c'))
    expect(months).toBeGreaterThan(0)
    expect(years).toBeCloseTo(months, 9)
    // Read as 60 and 48 years, the manufacturing is spread over 12 times more years: a smaller footprint.
    expect(monthsReadAsYears).toBeLessThan(months)
  })

  it('imports virtual equipment, applications, non-IT operations, messaging and entities, with exact quarantines', async () => {
    await importJson(workspace, [fixture('equipements-physiques.csv')], ['--usage-duration-unit', 'months'])
    const imports = await importJson(
      workspace,
      [
        fixture('equipements-virtuels.csv'),
        fixture('g4it-equipements-virtuels-cloud-cp1252.csv'),
        fixture('applications-cp1252.csv'),
        fixture('operations-non-it.csv'),
        fixture('messagerie.csv'),
        fixture('entites-cp1252.csv'),
      ],
      ['--load-unit', 'fraction'],
    )
    expect(countsOf(imports)).toEqual([
      // 6: vCPU "huit"; 7: no name; 8: cleRepartition 1,5
      ['numecoeval-virtual', 'utf-8', 7, 4, 3],
      // 5: a CLOUD_SERVICES instance without location
      ['g4it-virtual', 'windows-1252', 4, 3, 1],
      // 5: no typeEnvironnement
      ['numecoeval-application', 'windows-1252', 4, 3, 1],
      // 4: consoElecAnnuelle "1,5k"
      ['numecoeval-non-it', 'utf-8', 3, 2, 1],
      // 4: MoisAnnee 132024 (month 13)
      ['numecoeval-messaging', 'utf-8', 3, 2, 1],
      // 4: no nomEntite
      ['numecoeval-entity', 'windows-1252', 3, 2, 1],
    ])
    expect(imports.map((entry) => entry.kind)).toEqual([
      'virtual-equipment',
      'virtual-equipment',
      'applications',
      'non-it-operations',
      'messaging',
      'entities',
    ])
    expect(imports.map(findingsOf)).toEqual([
      [
        [6, 'vCPU', 'invalid_number', 'rejected'],
        [7, 'nomEquipementVirtuel', 'missing_value', 'rejected'],
        [8, 'cleRepartition', 'out_of_range', 'rejected'],
        // srv-esx-09 is in no physical file of the campaign: a warning, the row is kept
        [5, 'nomEquipementPhysique', 'unknown_reference', 'warning'],
      ],
      [[5, 'location', 'missing_value', 'rejected']],
      [
        [5, 'typeEnvironnement', 'missing_value', 'rejected'],
        [4, 'nomEquipementVirtuel', 'unknown_reference', 'warning'],
      ],
      [[4, 'consoElecAnnuelle', 'invalid_number', 'rejected']],
      [[4, 'MoisAnnee', 'invalid_date', 'rejected']],
      [[4, 'nomEntite', 'missing_value', 'rejected']],
    ])
    expect(imports[0]?.findings[3]?.message).toBe(
      'nomEquipementPhysique "srv-esx-09" names no physical equipment of the campaign (not imported yet, or misspelt)',
    )
    expect(imports[2]?.findings[1]?.message).toBe(
      'nomEquipementVirtuel "vm-paie-recette" names no virtual equipment of the campaign (not imported yet, or misspelt)',
    )
    expect(imports.map((entry) => entry.options)).toEqual([{}, { loadUnit: 'fraction' }, {}, {}, {}, {}])

    const stored = await withWorkspace(workspace, async (deps, campaignId) => ({
      vms: await deps.store.inventoryRecords(campaignId, 'virtual-equipment'),
      applications: await deps.store.inventoryRecords(campaignId, 'application'),
      operations: await deps.store.inventoryRecords(campaignId, 'non-it-operation'),
      messaging: await deps.store.inventoryRecords(campaignId, 'messaging'),
      entities: await deps.store.inventoryRecords(campaignId, 'entity'),
    }))
    expect(
      stored.vms.map((vm) => [
        vm.sourceLine,
        vm.name,
        vm.physicalEquipment,
        vm.infrastructureType,
        vm.vcpu,
        vm.allocationShare,
        vm.averageLoad,
        vm.quantity,
        vm.organisationPath,
      ]),
    ).toEqual([
      [2, 'vm-compta-01', 'srv-esx-01', 'NON_CLOUD_SERVERS', 8, null, null, 1, ['DSI']],
      [3, 'vm-paie-01', 'srv-esx-01', 'NON_CLOUD_SERVERS', 4, null, null, 1, ['DSI']],
      [4, 'vm-stock-01', 'srv-esx-02', 'NON_CLOUD_SERVERS', null, 0.5, null, 1, ['DSI']],
      [5, 'vm-test-01', 'srv-esx-09', 'NON_CLOUD_SERVERS', 2, null, null, 1, ['DSI']],
      // Windows-1252 "Département numérique"; chargeMoy 0,5 and 0,35 as fractions (--load-unit fraction)
      [2, 'vm-azure-portail', null, 'CLOUD_SERVICES', null, null, 0.5, 2, ['Département numérique']],
      [3, 'vm-aws-batch', null, 'CLOUD_SERVICES', null, null, 0.35, 1, ['Département numérique']],
      [4, 'vm-onprem-01', 'srv-esx-02', 'NON_CLOUD_SERVERS', 4, null, null, 1, ['Département numérique']],
    ])
    expect(stored.vms[5]).toMatchObject({
      provider: 'aws',
      instanceType: 'a1.medium',
      location: 'EEE',
      annualUsageHours: 4380,
    })
    expect(stored.vms[6]).toMatchObject({ annualKwh: 150, type: 'calcul', dataSource: 'vCenter' })
    expect(
      stored.applications.map((application) => [
        application.name,
        application.environmentType,
        application.virtualEquipment,
        application.subDomain,
      ]),
    ).toEqual([
      ['Comptabilité générale', 'Production', 'vm-compta-01', 'Comptabilité'],
      ['Paie', 'Production', 'vm-paie-01', 'Paie et congés'],
      ['Paie', 'Recette', 'vm-paie-recette', 'Paie et congés'],
    ])
    // "12 500" with a space as thousands separator is 12500 kWh
    expect(
      stored.operations.map((operation) => [
        operation.name,
        operation.quantity,
        operation.lifetimeYears,
        operation.annualKwh,
      ]),
    ).toEqual([
      ['Climatisation salle B', 2, 12, 45000],
      ['Onduleur principal', 1, 8, 12500],
    ])
    // MoisAnnee 012024 → January 2024; 22024 (the leading zero lost) → February 2024
    expect(
      stored.messaging.map((volume) => [volume.year, volume.month, volume.mailsSent, volume.totalVolume]),
    ).toEqual([
      [2024, 1, 182000, 9100],
      [2024, 2, 175500, 8800],
    ])
    expect(
      stored.entities.map((entity) => [
        entity.name,
        entity.staffCount,
        entity.manager,
        entity.digitalManager,
      ]),
    ).toEqual([
      ['DSI', 320, 'Hélène Lefèvre', 'Jérôme Dupré'],
      ['CPAM 13', 1250, 'François Nguyen', 'Zoé Bérard'],
    ])

    // empreinte quality lists every source with its counts.
    const quality = JSON.parse((await cli(['quality', '--workspace', workspace, '--json'])).stdout) as {
      sources: { fileName: string; format: string; rowsRead: number; rowsQuarantined: number }[]
    }
    expect(
      quality.sources.map((source) => [
        source.fileName,
        source.format,
        source.rowsRead,
        source.rowsQuarantined,
      ]),
    ).toEqual([
      ['equipements-physiques.csv', 'numecoeval-physical', 5, 1],
      ['equipements-virtuels.csv', 'numecoeval-virtual', 7, 3],
      ['g4it-equipements-virtuels-cloud-cp1252.csv', 'g4it-virtual', 4, 1],
      ['applications-cp1252.csv', 'numecoeval-application', 4, 1],
      ['operations-non-it.csv', 'numecoeval-non-it', 3, 1],
      ['messagerie.csv', 'numecoeval-messaging', 3, 1],
      ['entites-cp1252.csv', 'numecoeval-entity', 3, 1],
    ])
  })

  it("replaces an organisation's earlier virtual equipment from the same source on re-import", async () => {
    const first = await importJson(workspace, [fixture('equipements-virtuels.csv')], ['--organisation', 'DSI'])
    expect(countsOf(first)).toEqual([['numecoeval-virtual', 'utf-8', 7, 4, 3]])
    // The next version of the file no longer lists vm-test-01 (line 5): 3 VMs accepted, 3 rows quarantined.
    const lines = (await readFile(fixture('equipements-virtuels.csv'), 'utf8')).split('\n')
    const next = join(workspace, 'equipements-virtuels-v2.csv')
    await writeFile(next, lines.filter((_, index) => index !== 4).join('\n'))
    const second = await importJson(workspace, [next], ['--organisation', 'DSI'])
    expect(countsOf(second)).toEqual([['numecoeval-virtual', 'utf-8', 6, 3, 3]])
    const names = await withWorkspace(workspace, async (deps, campaignId) =>
      (await deps.store.inventoryRecords(campaignId, 'virtual-equipment')).map((vm) => vm.name),
    )
    // Only the second file's 3 VMs remain (not 4 + 3).
    expect(names).toEqual(['vm-compta-01', 'vm-paie-01', 'vm-stock-01'])
  })

  it('asks for the chargeMoy unit when a value could be a fraction, and reads 25 and 60 as percentages', async () => {
    const refused = await cli([
      'import',
      fixture('g4it-equipements-virtuels-cloud-cp1252.csv'),
      '--workspace',
      workspace,
    ])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      'empreinte: g4it-equipements-virtuels-cloud-cp1252.csv, line 2, column "chargeMoy": the unit of "0,5" is not ' +
        'stated by the G4IT virtual equipment format. Name it with --load-unit percent|fraction; the choice is ' +
        'recorded and reused by later imports of this format. The file was not imported.\n',
    )
    const [cloud] = await importJson(workspace, [fixture('ds_virtual_equipment_cloud.csv')])
    expect([cloud.format, cloud.rowsAccepted, cloud.options, cloud.assumptions]).toEqual([
      'g4it-virtual',
      2,
      {},
      ['chargeMoy read as a percentage: every value is above 1 and at most 100 (e.g. "25", line 2)'],
    ])
    // 25 % → 0.25, 60 % → 0.6
    const loads = await withWorkspace(workspace, async (deps, campaignId) =>
      (await deps.store.inventoryRecords(campaignId, 'virtual-equipment')).map((vm) => vm.averageLoad),
    )
    expect(loads).toEqual([0.25, 0.6])
  })

  it('honours --format and names the columns a wrong format needs', async () => {
    const [messaging] = await importJson(
      workspace,
      [fixture('messagerie.csv')],
      ['--format', 'numecoeval-messaging'],
    )
    expect([messaging.format, messaging.rowsAccepted]).toEqual(['numecoeval-messaging', 2])
    const wrong = await cli([
      'import',
      fixture('equipements-virtuels.csv'),
      '--format',
      'numecoeval-messaging',
      '--workspace',
      workspace,
    ])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain(
      'equipements-virtuels.csv, line 1: the NumEcoEval messaging format needs the column(s) nombreMailEmis, ' +
        'nombreMailEmisXDestinataires, volumeTotalMailEmis, MoisAnnee; found: nomEquipementVirtuel,',
    )
  })

  it('imports the physical-equipment variants: older G4IT exports, G4IT extras and digital-service templates', async () => {
    const imports = await importJson(workspace, [
      fixture('g4it-physique-ancien-export.csv'),
      fixture('ds_physical_equipment_terminal.csv'),
      join(import.meta.dirname, '..', 'fixtures', 'formats', 'g4it-physical.csv'),
    ])
    expect(countsOf(imports)).toEqual([
      // 4: quantite -1
      ['g4it-physical', 'utf-8', 3, 2, 1],
      // 3: dateAchat 31/02/2023
      ['g4it-physical', 'utf-8', 2, 1, 1],
      // 7: bare "Terminal" with an unknown model; 8: 2021-13-01
      ['g4it-physical', 'utf-8', 7, 5, 2],
    ])
    expect(
      imports.map((entry) =>
        entry.findings
          .filter((finding) => finding.severity === 'rejected')
          .map((finding) => [finding.line, finding.column]),
      ),
    ).toEqual([
      [[4, 'quantite']],
      [[3, 'dateAchat']],
      [
        [7, 'type'],
        [8, 'dateAchat'],
      ],
    ])
    expect(imports.map((entry) => entry.options)).toEqual([{}, {}, {}])
    const phones = await withWorkspace(workspace, (deps, campaignId) =>
      deps.store.getAsset(campaignId, 'phone-pool-dsi'),
    )
    // nomOrganisation above nomEntite; 40 units of the G4IT type "Smartphone"
    expect([phones?.organisationPath, phones?.quantity, phones?.category]).toEqual([
      ['CNAM', 'DSI'],
      40,
      'smartphone',
    ])
  })

  it('imports the sheets of a workbook, asking for the load unit of a sheet first', async () => {
    const file = join(workspace, 'inventaire-g4it.xlsx')
    await writeXlsx(file, [
      {
        name: 'equipementVirtuel',
        header: [
          'nomEquipementVirtuel',
          'typeInfrastructure',
          'quantite',
          'provider',
          'typeInstance',
          'location',
          'chargeMoy',
          'dureeUtilisationAnnuelle',
        ],
        rows: [
          ['vm-a', 'CLOUD_SERVICES', '1', 'aws', 'm5.large', 'France', '0.4', '8760'],
          ['vm-b', 'CLOUD_SERVICES', '3', 'azure', 'd2ads_v5', 'EEE', '0.9', '8760'],
        ],
      },
      {
        name: 'Messagerie',
        header: ['nombreMailEmis', 'nombreMailEmisXDestinataires', 'volumeTotalMailEmis', 'MoisAnnee'],
        rows: [['100', '250', '12', '112024']],
      },
    ])
    const refused = await cli(['import', file, '--workspace', workspace, '--campaign', '2025'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      'inventaire-g4it.xlsx#equipementVirtuel, line 2, column "chargeMoy": the unit of "0.4"',
    )
    const imports = await importJson(workspace, [file], ['--load-unit', 'fraction'])
    expect(
      imports.map((entry) => [
        entry.file.slice(entry.file.indexOf('#')),
        entry.format,
        entry.rowsAccepted,
        entry.rowsQuarantined,
      ]),
    ).toEqual([
      ['#equipementVirtuel', 'g4it-virtual', 2, 0],
      ['#Messagerie', 'numecoeval-messaging', 1, 0],
    ])
    const stored = await withWorkspace(workspace, async (deps, campaignId) => [
      (await deps.store.inventoryRecords(campaignId, 'virtual-equipment')).map((vm) => vm.averageLoad),
      (await deps.store.inventoryRecords(campaignId, 'messaging')).map((volume) => [
        volume.year,
        volume.month,
      ]),
    ])
    expect(stored).toEqual([[0.4, 0.9], [[2024, 11]]])
  })
})

describe.skipIf(!HAS_CONFORMANCE)(
  `G4IT conformance inputs (${HAS_CONFORMANCE ? CONFORMANCE : 'skipped: /work/shared/data/g4it-conformance is absent'})`,
  () => {
    let workspace: string
    beforeEach(async () => {
      workspace = await mkdtemp(join(tmpdir(), 'empreinte-conformance-'))
    })
    afterEach(async () => {
      await rm(workspace, { recursive: true, force: true })
    })

    it('imports the eval_nominal inputs with no quarantined row and no unknown reference', async () => {
      const inputs = [
        'DATACENTER_nominal.csv',
        'EQUIPEMENT_PHYSIQUE_nominal.csv',
        'EQUIPEMENT_VIRTUEL_nominal.csv',
        'APPLICATION_nominal.csv',
      ]
      const imports = await importJson(
        workspace,
        inputs.map((name) => join(CONFORMANCE, 'inputs', name)),
      )
      expect(countsOf(imports)).toEqual([
        ['numecoeval-datacenter', 'utf-8', 2, 2, 0],
        // physical-eq-2's dates are written 20200708 and 01/01/2023 on purpose (README §2.1)
        ['numecoeval-physical', 'utf-8', 2, 2, 0],
        ['g4it-virtual', 'utf-8', 2, 2, 0],
        ['g4it-application', 'utf-8', 2, 2, 0],
      ])
      expect(imports.flatMap((entry) => entry.findings)).toEqual([])
      const stored = await withWorkspace(workspace, async (deps, campaignId) => ({
        host: await deps.store.getAsset(campaignId, 'physical-eq-2'),
        vms: await deps.store.inventoryRecords(campaignId, 'virtual-equipment'),
        applications: await deps.store.inventoryRecords(campaignId, 'application'),
      }))
      // 2020-07-08 is day 18451 and 2023-01-01 day 19358 (907 days later, the README's lifetime 907 / 365)
      expect([stored.host?.quantity, stored.host?.purchaseDay, stored.host?.retirementDay]).toEqual([
        2, 18451, 19358,
      ])
      expect(stored.vms.map((vm) => [vm.name, vm.physicalEquipment, vm.vcpu, vm.type, vm.cluster])).toEqual([
        ['virtual-eq-1-1', 'physical-eq-1', 4, 'calcul', 'Cluster 1'],
        ['virtual-eq-2-1', 'physical-eq-2', 2, 'calcul', 'Cluster 2'],
      ])
      expect(
        stored.applications.map((application) => [
          application.name,
          application.virtualEquipment,
          application.subDomain,
        ]),
      ).toEqual([
        ['application-1', 'virtual-eq-1-1', 'Sub Domain 1'],
        ['application-2', 'virtual-eq-2-1', 'Sub Domain 2'],
      ])
    })

    it("imports G4IT's echo of the loaded inputs (its own file formats) with no quarantined row", async () => {
      const echoes = ['datacenter.csv', 'physical_equipment.csv', 'virtual_equipment.csv', 'application.csv']
      const imports = await importJson(
        workspace,
        echoes.map((name) => join(CONFORMANCE, 'expected', name)),
      )
      expect(countsOf(imports)).toEqual([
        ['numecoeval-datacenter', 'utf-8', 2, 2, 0],
        ['g4it-physical', 'utf-8', 2, 2, 0],
        ['g4it-virtual', 'utf-8', 2, 2, 0],
        ['g4it-application', 'utf-8', 2, 2, 0],
      ])
      expect(imports.flatMap((entry) => entry.findings)).toEqual([])
    })
  },
)
