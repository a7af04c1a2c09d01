import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Asset } from '../../core/inventory/asset.js'
import { emptyFootprintInput } from '../../app/compute-campaign-footprint.js'
import { toAssetColumns } from '../../core/inventory/asset-columns.js'
import { DuckDbStore } from './duckdb-store.js'

function asset(overrides: Partial<Asset>): Asset {
  return {
    sourceLine: 2,
    organisationPath: ['CNAM', 'CPAM Rhône'],
    site: 'Lyon 3',
    datacenter: null,
    category: 'laptop',
    manufacturer: 'Dell',
    model: 'Latitude 5420',
    serial: 'SN1',
    hostname: 'PC-1',
    quantity: 1,
    purchaseDay: 18_000,
    retirementDay: null,
    lifetimeYears: null,
    annualKwh: null,
    utilisationRate: null,
    ownership: null,
    country: 'FR',
    status: 'in-use',
    imputed: [],
    ...overrides,
  }
}

const meta = (campaignId: number, checksum: string) => ({
  campaignId,
  fileName: 'glpi.csv',
  format: 'glpi',
  kind: 'assets',
  checksum,
  encoding: 'windows-1252',
  delimiter: ';',
  organisationPath: null,
})

describe('DuckDbStore', () => {
  let store: DuckDbStore
  beforeEach(async () => {
    store = await DuckDbStore.open(':memory:')
  })
  afterEach(async () => {
    await store.close()
  })

  it('creates a campaign once and finds it again', async () => {
    const first = await store.ensureCampaign(2025, 20_453)
    const again = await store.ensureCampaign(2025, 20_453)
    expect(again).toEqual(first)
    expect(await store.latestCampaign()).toEqual({ id: 1, year: 2025, referenceDay: 20_453 })
  })

  it('lands an import whole on commit, with its organisation tree, sites and models', async () => {
    const campaign = await store.ensureCampaign(2025, 20_453)
    const writer = await store.beginImport(meta(campaign.id, 'abc'))
    await writer.addAssets(
      toAssetColumns([
        asset({ serial: 'SN1' }),
        asset({
          serial: 'SN2',
          sourceLine: 3,
          organisationPath: ['CNAM', 'CPAM Nord'],
          category: 'monitor',
          model: 'P2419H',
        }),
      ]),
    )
    await writer.addQuarantine([
      {
        line: 4,
        raw: ['x'],
        findings: [
          {
            line: 4,
            column: 'Date d’achat',
            code: 'invalid_date',
            severity: 'rejected',
            message: 'bad date',
            value: '31/02/2020',
          },
        ],
      },
    ])
    const record = await writer.commit({ rowsRead: 3, rowsAccepted: 2, rowsQuarantined: 1, rowsImputed: 0 })
    expect(record.id).toBe(1)
    expect(await store.findImportByChecksum(campaign.id, 'abc')).toMatchObject({
      rowsRead: 3,
      rowsAccepted: 2,
      rowsQuarantined: 1,
    })
    // 'CNAM', 'CNAM > CPAM Rhône', 'CNAM > CPAM Nord': the parent is created with its children.
    expect(await store.findOrganisations('cpam rhône')).toEqual([['CNAM', 'CPAM Rhône']])
    expect(await store.findOrganisations('CNAM')).toEqual([['CNAM']])
    const stored = await store.getAsset(campaign.id, 'SN2')
    expect(stored).toMatchObject({
      id: 2,
      category: 'monitor',
      model: 'P2419H',
      sourceLine: 3,
      domain: 'workstations',
      fileName: 'glpi.csv',
    })
    const quarantine = await store.quarantine(campaign.id, 10)
    expect(quarantine).toEqual([expect.objectContaining({ line: 4, raw: ['x'], fileName: 'glpi.csv' })])
    expect((await store.qualityBySource(campaign.id))[0]!.reasons).toEqual([
      { code: 'invalid_date', column: 'Date d’achat', rows: 1 },
    ])
  })

  it('keeps status, ownership and imputed fields through the stored codes', async () => {
    const campaign = await store.ensureCampaign(2025, 20_453)
    const writer = await store.beginImport(meta(campaign.id, 'codes'))
    await writer.addAssets(
      toAssetColumns([
        asset({ serial: 'P', ownership: 'personal', status: 'stock', imputed: ['organisation', 'status'] }),
        asset({ serial: 'C', ownership: 'company', status: 'retired' }),
      ]),
    )
    await writer.commit({ rowsRead: 2, rowsAccepted: 2, rowsQuarantined: 0, rowsImputed: 1 })
    expect(await store.getAsset(campaign.id, 'P')).toMatchObject({
      ownership: 'personal',
      status: 'stock',
      imputed: ['organisation', 'status'],
    })
    expect(await store.getAsset(campaign.id, 'C')).toMatchObject({
      ownership: 'company',
      status: 'retired',
      imputed: [],
    })
    const input = emptyFootprintInput()
    const ownerships: (string | null)[] = []
    for await (const batch of store.readComputeRows(campaign.id)) {
      for (let index = 0; index < batch.length; index++) {
        batch.fill(index, input)
        ownerships.push(input.ownership)
      }
    }
    expect(ownerships.sort()).toEqual(['company', 'personal'])
  })

  it('leaves no trace of an import that is rolled back', async () => {
    const campaign = await store.ensureCampaign(2025, 20_453)
    const writer = await store.beginImport(meta(campaign.id, 'abc'))
    await writer.addAssets(
      toAssetColumns(
        Array.from({ length: 5000 }, (_, index) =>
          asset({ serial: `SN${index}`, organisationPath: ['X', `O${index % 7}`] }),
        ),
      ),
    )
    await writer.rollback()
    expect(await store.findImportByChecksum(campaign.id, 'abc')).toBeNull()
    expect(await store.findOrganisations('X')).toEqual([])
    expect(await store.getAsset(campaign.id, 'SN1')).toBeNull()
    // A later import starts from clean ids.
    const next = await store.beginImport(meta(campaign.id, 'def'))
    await next.addAssets(toAssetColumns([asset({ serial: 'SN9' })]))
    await next.commit({ rowsRead: 1, rowsAccepted: 1, rowsQuarantined: 0, rowsImputed: 0 })
    expect(await store.getAsset(campaign.id, 'SN9')).toMatchObject({ id: 1 })
  })

  it('streams compute rows with the datacenter PUE resolved', async () => {
    const campaign = await store.ensureCampaign(2025, 20_453)
    const writer = await store.beginImport(meta(campaign.id, 'dc'))
    await writer.addDatacenters([
      {
        sourceLine: 2,
        shortName: 'DC-NORD',
        longName: null,
        pue: 1.6,
        country: 'FR',
        organisationPath: ['CNAM'],
      },
      {
        sourceLine: 3,
        shortName: 'DC-X',
        longName: null,
        pue: null,
        country: 'FR',
        organisationPath: ['CNAM'],
      },
    ])
    await writer.addAssets(
      toAssetColumns([
        asset({ serial: 'A', category: 'server', datacenter: 'DC-NORD' }),
        asset({ serial: 'B', category: 'server', datacenter: 'DC-X' }),
        asset({ serial: 'C', category: 'server', datacenter: 'DC-UNKNOWN' }),
        asset({ serial: 'D' }),
      ]),
    )
    await writer.commit({ rowsRead: 6, rowsAccepted: 6, rowsQuarantined: 0, rowsImputed: 0 })
    const pues: (number | null | undefined)[] = []
    const input = emptyFootprintInput()
    for await (const batch of store.readComputeRows(campaign.id)) {
      for (let index = 0; index < batch.length; index++) {
        batch.fill(index, input)
        pues.push(input.datacenterPue)
      }
    }
    // known PUE, unknown PUE (null → default), datacenter not declared (null → default), not hosted (undefined)
    expect(pues).toEqual([1.6, null, null, undefined])
  })
})
