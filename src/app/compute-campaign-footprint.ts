import { createFootprintCalculator, type FootprintInput } from '../core/footprint/compute-footprint.js'
import type { Campaign, Deps } from './ports.js'

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
