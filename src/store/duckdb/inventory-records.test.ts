import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toAssetColumns } from '../../core/inventory/asset-columns.js'
import type {
  Application,
  MessagingVolume,
  VirtualEquipment,
} from '../../core/inventory/inventory-records.js'
import { DuckDbStore } from './duckdb-store.js'

const meta = (campaignId: number, format: string, kind: string, checksum: string) => ({
  campaignId,
  fileName: `${format}.csv`,
  format,
  kind,
  checksum,
  encoding: 'utf-8',
  delimiter: ';',
  organisationPath: null,
})

const COUNTS = { rowsRead: 1, rowsAccepted: 1, rowsQuarantined: 0, rowsImputed: 0 }

const CLOUD_VM: VirtualEquipment = {
  kind: 'virtual-equipment',
  sourceLine: 3,
  organisationPath: ['CNAM', 'Département numérique'],
  name: 'vm-azure-portail',
  physicalEquipment: null,
  physicalEquipmentSource: null,
  infrastructureType: 'CLOUD_SERVICES',
  quantity: 2,
  allocationShare: null,
  vcpu: null,
  cluster: null,
  annualKwh: null,
  type: null,
  storageCapacity: null,
  provider: 'azure',
  instanceType: 'd2ads_v5',
  location: 'France',
  averageLoad: 0.5,
  annualUsageHours: 8760,
  dataSource: 'Azure',
  quality: 'HAUTE',
}

describe('DuckDbStore typed NumEcoEval records', () => {
  let store: DuckDbStore
  beforeEach(async () => {
    store = await DuckDbStore.open(':memory:')
  })
  afterEach(async () => {
    await store.close()
  })

  it('writes virtual equipment, applications and messaging to their tables and reads them back typed', async () => {
    const campaign = await store.ensureCampaign(2025, 20_453)
    const hostVm: VirtualEquipment = {
      ...CLOUD_VM,
      sourceLine: 2,
      organisationPath: ['DSI'],
      name: 'vm-compta-01',
      physicalEquipment: 'srv-esx-01',
      physicalEquipmentSource: 'CMDB',
      infrastructureType: 'NON_CLOUD_SERVERS',
      quantity: 1,
      allocationShare: 0.25,
      vcpu: 8,
      cluster: 'CL-PROD',
      annualKwh: 120.5,
      type: 'calcul',
      storageCapacity: 1.5,
      provider: null,
      instanceType: null,
      location: null,
      averageLoad: null,
      annualUsageHours: null,
      dataSource: null,
      quality: null,
    }
    const writer = await store.beginImport({
      ...meta(campaign.id, 'g4it-virtual', 'virtual-equipment', 'a'),
      options: { loadUnit: 'fraction' },
    })
    await writer.addRecords([hostVm, CLOUD_VM])
    const record = await writer.commit({ ...COUNTS, rowsRead: 2, rowsAccepted: 2 })
    expect(record.id).toBe(1)

    expect(await store.inventoryRecords(campaign.id, 'virtual-equipment')).toEqual([
      { ...hostVm, importId: 1 },
      { ...CLOUD_VM, importId: 1 },
    ])
    // The organisations the records name are created like those of assets: "CNAM" then its child.
    expect(await store.findOrganisations('Département numérique')).toEqual([
      ['CNAM', 'Département numérique'],
    ])
    expect((await store.listImports(campaign.id)).map((item) => [item.format, item.options])).toEqual([
      ['g4it-virtual', { loadUnit: 'fraction' }],
    ])

    const application: Application = {
      kind: 'application',
      sourceLine: 2,
      organisationPath: ['DSI'],
      name: 'Comptabilité générale',
      environmentType: 'Production',
      virtualEquipment: 'vm-compta-01',
      virtualEquipmentSource: 'vCenter',
      domain: 'Finances',
      subDomain: 'Comptabilité',
      physicalEquipment: 'srv-esx-01',
      dataSource: 'CMDB',
      quality: 'HAUTE',
    }
    const messaging: MessagingVolume = {
      kind: 'messaging',
      sourceLine: 4,
      organisationPath: ['DSI'],
      mailsSent: 182_000,
      mailsSentTimesRecipients: 546_000,
      totalVolume: 9100,
      year: 2024,
      month: 1,
    }
    const second = await store.beginImport(meta(campaign.id, 'numecoeval-application', 'applications', 'b'))
    await second.addRecords([application, messaging])
    await second.commit(COUNTS)
    expect(await store.inventoryRecords(campaign.id, 'application')).toEqual([
      { ...application, importId: 2 },
    ])
    expect(await store.inventoryRecords(campaign.id, 'messaging')).toEqual([{ ...messaging, importId: 2 }])
    expect(await store.inventoryRecords(campaign.id, 'entity')).toEqual([])
  })

  it('writes nothing when the import is rolled back', async () => {
    const campaign = await store.ensureCampaign(2025, 20_453)
    const writer = await store.beginImport(meta(campaign.id, 'g4it-virtual', 'virtual-equipment', 'a'))
    await writer.addRecords([CLOUD_VM])
    await writer.rollback()
    expect(await store.inventoryRecords(campaign.id, 'virtual-equipment')).toEqual([])
    expect(await store.listImports(campaign.id)).toEqual([])
  })

  it('tells which host and VM names the campaign does not hold', async () => {
    const campaign = await store.ensureCampaign(2025, 20_453)
    const assets = await store.beginImport(meta(campaign.id, 'numecoeval-physical', 'assets', 'p'))
    await assets.addAssets(
      toAssetColumns([
        {
          sourceLine: 2,
          organisationPath: ['DSI'],
          site: null,
          datacenter: 'DC-NORD',
          category: 'server',
          manufacturer: null,
          model: 'PowerEdge R650',
          serial: null,
          hostname: 'srv-esx-01',
          quantity: 1,
          purchaseDay: 18_701,
          retirementDay: null,
          lifetimeYears: 5,
          annualKwh: 3200,
          utilisationRate: null,
          ownership: null,
          country: 'FR',
          status: 'in-use',
          imputed: [],
        },
      ]),
    )
    await assets.commit(COUNTS)
    const vms = await store.beginImport(meta(campaign.id, 'g4it-virtual', 'virtual-equipment', 'v'))
    await vms.addRecords([{ ...CLOUD_VM, name: 'vm-compta-01' }])
    await vms.commit(COUNTS)

    expect(
      await store.unknownNames(campaign.id, 'physical-equipment', ['srv-esx-09', 'srv-esx-01', 'SRV-ESX-01']),
    ).toEqual(['srv-esx-09', 'SRV-ESX-01'])
    expect(
      await store.unknownNames(campaign.id, 'virtual-equipment', ['vm-compta-01', 'vm-paie-recette']),
    ).toEqual(['vm-paie-recette'])
    // Another campaign holds nothing.
    const other = await store.ensureCampaign(2024, 20_088)
    expect(await store.unknownNames(other.id, 'physical-equipment', ['srv-esx-01'])).toEqual(['srv-esx-01'])
  })

  it('returns the unit choices recorded by earlier imports of a format, the latest of each winning', async () => {
    const campaign = await store.ensureCampaign(2025, 20_453)
    const format = 'numecoeval-physical'
    expect(await store.latestImportOptions(format)).toEqual({})
    for (const [checksum, options] of [
      ['1', { usageDurationUnit: 'months' }],
      ['2', {}],
      ['3', { usageDurationUnit: 'days', loadUnit: 'percent' }],
    ] as const) {
      const writer = await store.beginImport({ ...meta(campaign.id, format, 'assets', checksum), options })
      await writer.commit(COUNTS)
    }
    const elsewhere = await store.beginImport({
      ...meta(campaign.id, 'g4it-virtual', 'virtual-equipment', '4'),
      options: { loadUnit: 'fraction' },
    })
    await elsewhere.commit(COUNTS)
    expect(await store.latestImportOptions(format)).toEqual({
      usageDurationUnit: 'days',
      loadUnit: 'percent',
    })
    expect(await store.latestImportOptions('g4it-virtual')).toEqual({ loadUnit: 'fraction' })
    expect((await store.listImports(campaign.id)).map((item) => item.options)).toEqual([
      { usageDurationUnit: 'months' },
      {},
      { usageDurationUnit: 'days', loadUnit: 'percent' },
      { loadUnit: 'fraction' },
    ])
  })
})
