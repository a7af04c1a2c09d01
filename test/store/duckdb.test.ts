import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { reconcileIfNeeded } from '../../src/app/compute-campaign-footprint.js'
import { getFootprint } from '../../src/app/get-footprint.js'
import { importFiles } from '../../src/app/import-files.js'
import { openWorkspace } from '../../src/main.js'
import { describeStoreContract } from './store-contract.js'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'e2e')
const silent = { start: () => undefined, advance: () => undefined, stop: () => undefined }

describeStoreContract('duckdb', () => openWorkspace(':memory:', { create: true, progress: silent }))

describe('telemetry import on duckdb', () => {
  it('keeps a reconciled campaign reconciled (telemetry does not change which rows are the same device)', async () => {
    const workspace = await openWorkspace(':memory:', { create: true, progress: silent })
    const { deps } = workspace
    const fixture = (name: string) => ({ path: join(FIXTURES, name), label: name })
    try {
      await importFiles(deps, {
        files: [fixture('numecoeval-equipements.csv'), fixture('glpi-parc.csv')],
        format: 'auto',
        organisation: null,
        campaignYear: 2025,
        category: null,
        defaultCampaignYear: 2025,
      })
      const campaign = (await deps.store.findCampaign(2025))!
      await reconcileIfNeeded(deps, campaign)
      expect(await deps.store.isReconciled(campaign.id)).toBe(true)
      await getFootprint(deps, {
        campaignYear: 2025,
        by: [],
        organisation: null,
        normalise: null,
        view: null,
      })
      const before = (await deps.store.computationState(campaign.id))!
      expect(before.computedRevision).toBe(before.assetsRevision)
      await importFiles(deps, {
        files: [fixture('telemetrie.csv')],
        format: 'auto',
        organisation: null,
        campaignYear: 2025,
        category: null,
        defaultCampaignYear: 2025,
      })
      // The footprint must be computed again (a new assets revision), the reconciliation pass need not run.
      expect(await deps.store.isReconciled(campaign.id)).toBe(true)
      expect(await reconcileIfNeeded(deps, campaign)).toBeNull()
      expect(await deps.store.computationState(campaign.id)).toEqual({
        ...before,
        assetsRevision: before.assetsRevision + 1,
      })
    } finally {
      await workspace.close()
    }
  })
})
