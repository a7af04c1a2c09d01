import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { assetAt } from '../core/inventory/asset-columns.js'
import type { NormalisedBatch } from '../core/inventory/normalise-batch.js'
import { normaliseInProcess, normaliseInWorker, type NormaliseJob } from './normalise-rows.js'

const job: NormaliseJob = {
  file: join(import.meta.dirname, '..', '..', 'fixtures', 'e2e', 'glpi-parc.csv'),
  formatId: 'glpi',
  options: { categoryHint: null, defaultOrganisationPath: null, defaultCountry: 'FR', referenceDay: 20_453 },
  batchSize: 4,
}

async function collect(batches: AsyncIterable<NormalisedBatch>) {
  const out = []
  for await (const batch of batches) {
    out.push({
      assets: Array.from({ length: batch.assets.length }, (_, index) => assetAt(batch.assets, index)),
      quarantined: batch.quarantined,
      counts: [batch.rowsRead, batch.rowsAccepted, batch.rowsQuarantined, batch.rowsImputed],
    })
  }
  return out
}

describe('normaliseRows', () => {
  it('gives the same batches in a worker thread as in the calling thread', async () => {
    const inProcess = await collect(normaliseInProcess(job))
    const inWorker = await collect(normaliseInWorker(job))
    expect(inWorker).toEqual(inProcess)
    // 9 data rows (lines 4–12) in batches of 4 → lines 4–7, 8–11, 12; lines 6 (bad date) and 7 (unknown
    // type) are both in the first batch.
    expect(inProcess.map((batch) => batch.counts)).toEqual([
      [4, 2, 2, 0],
      [4, 4, 0, 0],
      [1, 1, 0, 0],
    ])
    expect(inProcess.flatMap((batch) => batch.quarantined.map((row) => row.line))).toEqual([6, 7])
  })

  it('reports a worker failure as an error of the import', async () => {
    await expect(
      collect(normaliseInWorker({ ...job, formatId: 'nope' as NormaliseJob['formatId'] })),
    ).rejects.toThrow('Unknown format nope')
  })
})
