import { describe, expect, it } from 'vitest'
import type { Asset } from '../core/inventory/asset.js'
import { assetAt, toAssetColumns } from '../core/inventory/asset-columns.js'
import { createAssetColumnsPacker, createAssetColumnsUnpacker } from './asset-columns-transfer.js'

function asset(line: number, overrides: Partial<Asset> = {}): Asset {
  return {
    sourceLine: line,
    organisationPath: ['CNAM', 'CPAM Rhône'],
    site: 'Lyon 3',
    datacenter: null,
    category: 'laptop',
    manufacturer: 'Dell',
    model: 'Latitude 5420',
    serial: `SN${line}`,
    hostname: `PC-${line}`,
    quantity: 1,
    purchaseDay: 18_000 + line,
    retirementDay: null,
    lifetimeYears: line === 3 ? 6 : null,
    annualKwh: null,
    utilisationRate: null,
    ownership: null,
    country: 'FR',
    status: 'in-use',
    imputed: [],
    ...overrides,
  }
}

const firstBatch = [
  asset(2),
  asset(3, { site: null, manufacturer: null, model: null, serial: null }),
  asset(4, { organisationPath: ['CNAM', 'CPAM Paris'], site: 'Paris 11', country: 'BE' }),
]
const secondBatch = [
  asset(5, { organisationPath: ['CNAM', 'CPAM Paris'], site: 'Paris 11', country: 'BE' }),
  asset(6, { site: 'Lyon 7', datacenter: 'DC Lyon', category: 'server' }),
]

describe('asset columns in transit', () => {
  it('rebuilds the same assets from codes, sending each distinct text once per file', () => {
    const pack = createAssetColumnsPacker()
    const unpack = createAssetColumnsUnpacker()
    const packed = [pack(toAssetColumns(firstBatch)), pack(toAssetColumns(secondBatch))]
    const received = packed.map((batch) => unpack(batch))
    expect(
      received.map((columns) =>
        Array.from({ length: columns.length }, (_, index) => assetAt(columns, index)),
      ),
    ).toEqual([firstBatch, secondBatch])
    // Batch 1 introduces both organisations, both sites, FR and BE; batch 2 adds only the new site and datacenter.
    const added = (batch: (typeof packed)[number], field: keyof (typeof packed)[number]['packed']) => {
      const texts = batch.packed[field]
      return 'added' in texts ? texts.added : texts.values
    }
    expect(added(packed[0]!, 'organisation')).toEqual(['CNAM > CPAM Rhône', 'CNAM > CPAM Paris'])
    expect(added(packed[0]!, 'site')).toEqual(['Lyon 3', 'Paris 11'])
    expect(added(packed[0]!, 'country')).toEqual(['FR', 'BE'])
    expect(added(packed[0]!, 'datacenter')).toEqual([])
    expect(added(packed[1]!, 'organisation')).toEqual([])
    expect(added(packed[1]!, 'site')).toEqual(['Lyon 7'])
    expect(added(packed[1]!, 'datacenter')).toEqual(['DC Lyon'])
    expect(added(packed[1]!, 'country')).toEqual([])
  })

  it('falls back to plain texts once a column holds too many distinct values, and still rebuilds them', () => {
    const pack = createAssetColumnsPacker(2)
    const unpack = createAssetColumnsUnpacker()
    const batches = [firstBatch, secondBatch, [asset(7, { site: 'Lyon 3' }), asset(8, { site: 'Vienne' })]]
    const packed = batches.map((batch) => pack(toAssetColumns(batch)))
    // Sites: "Lyon 3" and "Paris 11" fill the table of 2 in batch 1, so batches 2 and 3 travel as plain texts.
    expect(packed.map((batch) => 'values' in batch.packed.site)).toEqual([false, true, true])
    const received = packed.map((batch) => unpack(batch))
    expect(
      received.map((columns) =>
        Array.from({ length: columns.length }, (_, index) => assetAt(columns, index)),
      ),
    ).toEqual(batches)
  })
})
