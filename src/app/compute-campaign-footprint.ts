import { createFootprintCalculator, type FootprintInput } from '../core/footprint/compute-footprint.js'
import { createOverrideResolver } from '../core/footprint/electricity-override.js'
import { campaignReferentialId, loadCampaignReferential } from './campaign-referential.js'
import type { Campaign, Deps, ReconciliationSummary } from './ports.js'
import { cloudResultGroups } from './cloud-results.js'

export type ComputeResult = {
  campaignYear: number
  referential: string
  assets: number
  isUpToDate: boolean
  /** How many organisations an incremental pass recomputed; absent after a full pass (docs/campaigns.md). */
  recomputedOrganisations?: number
}

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
  const state = await store.computationState(input.campaign.id)
  // A closed campaign keeps the results it was frozen with, whatever the referential loaded now.
  const frozen = input.force ? null : await frozenReferentialOf(deps, input.campaign)
  if (frozen !== null && state !== null)
    return { campaignYear: input.campaign.year, referential: frozen, assets: 0, isUpToDate: true }
  await reconcileIfNeeded(deps, input.campaign)
  const referentialId = await campaignReferentialId(deps, input.campaign)
  if (
    !input.force &&
    state !== null &&
    state.referential === referentialId &&
    state.computedRevision === state.assetsRevision
  ) {
    return { campaignYear: input.campaign.year, referential: referentialId, assets: 0, isUpToDate: true }
  }
  const overrides = await deps.electricity.list()
  const signatures = await deps.campaigns.organisationSignatures(input.campaign.id)
  signatures.set(OVERRIDES_SIGNATURE, JSON.stringify(overrides))
  const cloud = await cloudResultGroups(deps, input.campaign)
  signatures.set(CLOUD_SIGNATURE, cloud.signature)
  const organisationIds =
    input.force || state === null || state.referential !== referentialId
      ? undefined
      : changedOrganisations(await deps.campaigns.computedSignatures(input.campaign.id), signatures)
  const modelIds =
    organisationIds === undefined
      ? undefined
      : [-1, ...(await deps.campaigns.modelIdsOf(input.campaign.id, organisationIds))]
  const { referential, resolutions } = await loadCampaignReferential(
    deps,
    input.campaign,
    modelIds === undefined ? {} : { modelIds },
  )
  const calculate = createFootprintCalculator({ referential, referenceDay: input.campaign.referenceDay })
  const overrideOf = overrides.length > 0 ? createOverrideResolver(overrides) : null
  const writer = await store.beginResults(input.campaign.id, referentialId, resolutions, organisationIds)
  let assets = 0
  deps.progress.start('compute footprint', 0)
  try {
    const row = emptyFootprintInput()
    let sinceFlush = 0
    for await (const batch of store.readComputeRows(input.campaign.id, organisationIds)) {
      for (let index = 0; index < batch.length; index++) {
        batch.fill(index, row)
        if (overrideOf !== null)
          row.electricityOverride = overrideOf(batch.organisation(index), batch.site?.(index) ?? null)
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
    // Cloud lines (domain cloud) are not assets: their groups join the results of their organisation.
    if (writer.addGroup) for (const group of cloud.groups) writer.addGroup(group)
    await writer.commit()
  } catch (error) {
    await writer.rollback()
    throw error
  } finally {
    deps.progress.stop()
  }
  // The board's per-organisation counts, refreshed for the same organisations (docs/campaigns.md#performance).
  await deps.campaigns.refreshOrganisationEvidence?.(input.campaign.id, organisationIds, state)
  // Saved after the results commit: a crash in between only makes the next pass recompute more.
  await deps.campaigns.saveComputedSignatures(input.campaign.id, signatures)
  return {
    campaignYear: input.campaign.year,
    referential: referentialId,
    assets,
    isUpToDate: false,
    ...(organisationIds === undefined ? {} : { recomputedOrganisations: organisationIds.length }),
  }
}

/** Signature keys that are not organisations: the datacenters (store), the electricity overrides, the cloud lines. */
const DATACENTERS_SIGNATURE = -1
const OVERRIDES_SIGNATURE = -2
const CLOUD_SIGNATURE = -3

/**
 * The organisations whose footprint inputs changed since the last computation, or undefined when the whole
 * campaign must be recomputed (no earlier fingerprints, or datacenters or electricity overrides changed).
 */
export function changedOrganisations(
  computed: ReadonlyMap<number, string>,
  current: ReadonlyMap<number, string>,
): number[] | undefined {
  if (computed.size === 0) return undefined
  for (const key of [DATACENTERS_SIGNATURE, OVERRIDES_SIGNATURE, CLOUD_SIGNATURE])
    if (computed.get(key) !== current.get(key)) return undefined
  const changed = new Set<number>()
  for (const [organisationId, signature] of current)
    if (organisationId >= 0 && computed.get(organisationId) !== signature) changed.add(organisationId)
  for (const organisationId of computed.keys())
    if (organisationId >= 0 && !current.has(organisationId)) changed.add(organisationId)
  return [...changed].sort((left, right) => left - right)
}

/** The referential a closed campaign's results were frozen with, or null when it is open (or never opened). */
async function frozenReferentialOf(deps: Deps, campaign: Campaign): Promise<string | null> {
  const setups = await deps.campaigns.setups(campaign.id)
  const latest = setups[setups.length - 1]
  return latest?.state === 'closed' ? latest.frozenReferential : null
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
