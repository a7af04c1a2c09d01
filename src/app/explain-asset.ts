import { explainAssetFootprint, type AssetFootprint } from '../core/footprint/compute-footprint.js'
import type { AssetTrace } from '../core/footprint/trace.js'
import { createOverrideResolver } from '../core/footprint/electricity-override.js'
import { resolveCampaign } from './campaigns.js'
import { isPathVisible } from './access.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import { AppError } from './errors.js'
import type { AssetReconciliation, Deps, StoredAsset } from './ports.js'
import { loadCampaignReferential } from './campaign-referential.js'
import type { ResolutionMethod } from '../core/harmonise/resolve-models.js'

export type AssetExplanation = {
  campaign: number
  referenceDay: number
  asset: StoredAsset
  footprint: AssetFootprint
  trace: AssetTrace
  /** How the asset's model was resolved to its reference item (rule, exact key, fuzzy match, category default). */
  modelResolution: { method: ResolutionMethod; confidence: number; ruleId: number | null; key: string } | null
  /** For an asset merged from several sources: the source rows, where each field came from, the conflicts. */
  reconciliation: AssetReconciliation | null
}

/** The trace behind one asset's figures: inputs from its source row, factors with sources, defaults, formulas. */
export async function explainAsset(
  deps: Deps,
  input: { campaignYear: number | null; asset: string },
): Promise<AssetExplanation> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  await computeCampaignFootprint(deps, { campaign })
  const asset = await deps.store.getAsset(campaign.id, input.asset)
  // An asset outside the actor's perimeter is answered as missing, so its existence does not leak.
  if (!asset || !isPathVisible(deps, asset.organisationPath)) {
    throw new AppError(
      'not_found',
      `No asset "${input.asset}" in campaign ${campaign.year} (give its id, serial number or host name).`,
    )
  }
  const datacenterPue =
    asset.datacenter === null
      ? undefined
      : ((await deps.store.datacenterPue(campaign.id, asset.datacenter)) ?? null)
  const { referential, resolutions } = await loadCampaignReferential(deps, campaign, {
    modelIds: [asset.modelId],
  })
  const resolution = resolutions.get(asset.modelId) ?? null
  const reconciliation =
    asset.importId === 0 ? await deps.store.reconciliationOf(campaign.id, asset.id) : null
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
      electricityOverride: createOverrideResolver(await deps.electricity.list())(
        asset.organisationPath.join(' > '),
        asset.site,
      ),
    },
    { referential, referenceDay: campaign.referenceDay },
  )
  return {
    campaign: campaign.year,
    referenceDay: campaign.referenceDay,
    asset,
    footprint,
    trace,
    modelResolution:
      resolution === null
        ? null
        : {
            method: resolution.method,
            confidence: resolution.confidence,
            ruleId: resolution.ruleId,
            key: resolution.key,
          },
    reconciliation,
  }
}
