import { explainAssetFootprint, type AssetFootprint } from '../core/footprint/compute-footprint.js'
import type { AssetTrace } from '../core/footprint/trace.js'
import { resolveCampaign } from './campaigns.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import { AppError } from './errors.js'
import type { Deps, StoredAsset } from './ports.js'

export type AssetExplanation = {
  campaign: number
  referenceDay: number
  asset: StoredAsset
  footprint: AssetFootprint
  trace: AssetTrace
}

/** The trace behind one asset's figures: inputs from its source row, factors with sources, defaults, formulas. */
export async function explainAsset(
  deps: Deps,
  input: { campaignYear: number | null; asset: string },
): Promise<AssetExplanation> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  await computeCampaignFootprint(deps, { campaign })
  const asset = await deps.store.getAsset(campaign.id, input.asset)
  if (!asset) {
    throw new AppError(
      'not_found',
      `No asset "${input.asset}" in campaign ${campaign.year} (give its id, serial number or host name).`,
    )
  }
  const datacenterPue =
    asset.datacenter === null
      ? undefined
      : ((await deps.store.datacenterPue(campaign.id, asset.datacenter)) ?? null)
  const referential = await deps.referential.load()
  const { footprint, trace } = explainAssetFootprint(
    {
      category: asset.category,
      manufacturer: asset.manufacturer,
      model: asset.model,
      quantity: asset.quantity,
      purchaseDay: asset.purchaseDay,
      retirementDay: asset.retirementDay,
      lifetimeYears: asset.lifetimeYears,
      annualKwh: asset.annualKwh,
      poweredHoursPerYear: asset.poweredHoursPerYear,
      utilisationRate: asset.utilisationRate,
      ownership: asset.ownership,
      country: asset.country,
      datacenterPue,
    },
    { referential, referenceDay: campaign.referenceDay },
  )
  return { campaign: campaign.year, referenceDay: campaign.referenceDay, asset, footprint, trace }
}
