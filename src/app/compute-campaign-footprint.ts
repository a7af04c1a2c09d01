import { createFootprintCalculator, type FootprintInput } from '../core/footprint/compute-footprint.js'
import { campaignReferentialId, loadCampaignReferential } from './campaign-referential.js'
import type { Campaign, Deps, ReconciliationSummary } from './ports.js'

export type ComputeResult = { campaignYear: number; referential: string; assets: number; isUpToDate: boolean }

const FLUSH_ROWS = 32_768

/** A reusable input object, overwritten row after row (the calculator keeps no reference to it). */
export function emptyFootprintInput(): FootprintInput {
  return {
    category: 'other',
    manufacturer: null,
    model: null,
    quantity: 1,
    purchaseDay: null,
    retirementDay: null,
    lifetimeYears: null,
    annualKwh: null,
    utilisationRate: null,
    ownership: null,
    country: 'FR',
    datacenterPue: undefined,
  }
}

/** Computes (or reuses) the per-asset footprint of a campaign: stream assets → core calculator → results table. */
export async function computeCampaignFootprint(
  deps: Deps,
  input: { campaign: Campaign; force?: boolean },
): Promise<ComputeResult> {
  const { store } = deps
  await reconcileIfNeeded(deps, input.campaign)
  const referentialId = await campaignReferentialId(deps)
  const state = await store.computationState(input.campaign.id)
  if (
    !input.force &&
    state !== null &&
    state.referential === referentialId &&
    state.computedRevision === state.assetsRevision
  ) {
    return { campaignYear: input.campaign.year, referential: referentialId, assets: 0, isUpToDate: true }
  }
  const { referential, resolutions } = await loadCampaignReferential(deps, input.campaign)
  const calculate = createFootprintCalculator({ referential, referenceDay: input.campaign.referenceDay })
  const writer = await store.beginResults(input.campaign.id, referentialId, resolutions)
  let assets = 0
  deps.progress.start('compute footprint', 0)
  try {
    const row = emptyFootprintInput()
    let sinceFlush = 0
    for await (const batch of store.readComputeRows(input.campaign.id)) {
      for (let index = 0; index < batch.length; index++) {
        batch.fill(index, row)
        writer.add(batch, index, calculate(row))
      }
      assets += batch.length
      sinceFlush += batch.length
      if (sinceFlush >= FLUSH_ROWS) {
        sinceFlush = 0
        await writer.flush()
        deps.progress.advance(assets)
      }
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

/**
 * Merges the rows of the same device found in several imports when an import changed the campaign since the
 * last pass (store.reconcile); returns what it found, or null when nothing had to be done.
 */
export async function reconcileIfNeeded(
  deps: Deps,
  campaign: Campaign,
): Promise<ReconciliationSummary | null> {
  if (await deps.store.isReconciled(campaign.id)) return null
  return deps.store.reconcile(campaign.id)
}
