/**
 * Use case: reconcile the campaign's sources now (the same device in several imports, by serial number then
 * host name, becomes one asset; docs/methodology/reconciliation.md) and list the first conflicts found.
 */
import { resolveCampaign } from './campaigns.js'
import { recordAudit, requirePermission, requireWholeTree } from './access.js'
import type { Deps, ReconciliationConflict, ReconciliationSummary } from './ports.js'

export type ReconcileSourcesInput = {
  campaignYear: number | null
  /** How many conflicts to list (by asset, then field); 0 lists none, the counts are always given. */
  conflictLimit: number
}

export type ReconcileSourcesResult = ReconciliationSummary & {
  campaign: number
  conflictList: ReconciliationConflict[]
}

/** Runs the reconciliation pass of a campaign and answers its summary and first conflicts. */
export async function reconcileSources(deps: Deps, input: ReconcileSourcesInput): Promise<ReconcileSourcesResult> {
  requirePermission(deps, 'write')
  requireWholeTree(deps, 'Reconciling the sources')
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const summary = await deps.store.reconcile(campaign.id)
  await recordAudit(deps, {
    action: 'reconciliation.run',
    target: String(campaign.year),
    organisation: null,
    details: { devices: summary.devices, sourceRows: summary.sourceRows },
  })
  const conflictList =
    input.conflictLimit > 0 ? await deps.store.reconciliationConflicts(campaign.id, input.conflictLimit) : []
  return { campaign: campaign.year, ...summary, conflictList }
}
