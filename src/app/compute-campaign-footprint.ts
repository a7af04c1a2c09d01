import { createFootprintCalculator } from '../core/footprint/compute-footprint.js'
import type { Campaign, Deps } from './ports.js'

export type ComputeResult = { campaignYear: number; referential: string; assets: number; isUpToDate: boolean }

const BATCH_ROWS = 8192

/** Computes (or reuses) the per-asset footprint of a campaign: stream assets → core calculator → results table. */
export async function computeCampaignFootprint(
  deps: Deps,
  input: { campaign: Campaign; force?: boolean },
): Promise<ComputeResult> {
  const { store } = deps
  const referential = await deps.referential.load()
  const referentialId = `${referential.id}@${referential.version}`
  const state = await store.computationState(input.campaign.id)
  if (
    !input.force &&
    state !== null &&
    state.referential === referentialId &&
    state.computedRevision === state.assetsRevision
  ) {
    return { campaignYear: input.campaign.year, referential: referentialId, assets: 0, isUpToDate: true }
  }
  const calculate = createFootprintCalculator({ referential, referenceDay: input.campaign.referenceDay })
  const writer = await store.beginResults(input.campaign.id, referentialId)
  let assets = 0
  deps.progress.start('compute footprint', 0)
  try {
    for await (const batch of store.readComputeRows(input.campaign.id, BATCH_ROWS)) {
      for (const row of batch) writer.add(row, calculate(row.input))
      assets += batch.length
      await writer.flush()
      deps.progress.advance(assets)
    }
    await writer.commit()
  } catch (error) {
    await writer.rollback()
    throw error
  } finally {
    deps.progress.stop()
  }
  return { campaignYear: input.campaign.year, referential: referentialId, assets, isUpToDate: false }
}
