import { describe, expect, it } from 'vitest'
import type { Asset } from './asset.js'
import { assetAt, createAssetColumns, appendAsset, toAssetColumns } from './asset-columns.js'

const laptop: Asset = {
  sourceLine: 7,
  organisationPath: ['CNAM', 'CPAM Rhône'],
  site: 'Lyon 3',
  datacenter: null,
  category: 'laptop',
  manufacturer: 'Dell',
  model: 'Latitude 5420',
  serial: 'SN1',
  hostname: null,
  quantity: 2,
  purchaseDay: 18_000,
  retirementDay: null,
  lifetimeYears: null,
  annualKwh: 12.5,
  utilisationRate: null,
  ownership: 'personal',
  country: 'FR',
  status: 'stock',
  imputed: ['organisation', 'status'],
}

describe('AssetColumns', () => {
  it('gives back exactly the asset that went in, nulls included', () => {
    const server: Asset = {
      ...laptop,
      category: 'server',
      datacenter: 'DC-NORD',
      ownership: null,
      status: 'in-use',
      imputed: [],
      purchaseDay: null,
      retirementDay: 19_000,
      lifetimeYears: 0.5,
      utilisationRate: 0.8,
    }
    const columns = toAssetColumns([laptop, server])
    expect(columns.length).toBe(2)
    expect(assetAt(columns, 0)).toEqual(laptop)
    expect(assetAt(columns, 1)).toEqual(server)
  })

  it('refuses an asset beyond its capacity', () => {
    const columns = createAssetColumns(1)
    const joined = new WeakMap<readonly string[], string>()
    expect(appendAsset(columns, laptop, joined)).toBe(true)
    expect(appendAsset(columns, laptop, joined)).toBe(false)
    expect(columns.length).toBe(1)
  })
})
