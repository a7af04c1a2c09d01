import { resolveCampaign } from '../../app/campaigns.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'
import { reconciliationText } from './import.js'

/** `empreinte reconcile [--conflicts] [--limit N]`: merges one device's rows across sources, shows conflicts. */
export async function reconcileCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const campaign = await resolveCampaign(deps.store, options.campaign)
  const summary = await deps.store.reconcile(campaign.id)
  const conflicts = options.conflicts
    ? await deps.store.reconciliationConflicts(campaign.id, options.limit ?? 50)
    : []
  let text =
    summary.devices === 0
      ? `Campaign ${campaign.year}: no device found in more than one import (by serial number, then host name).\n`
      : reconciliationText(summary).trimStart()
  if (conflicts.length > 0) {
    text +=
      '\n' +
      formatTable(
        ['asset', 'field', 'kept', 'from', 'other value', 'from'],
        conflicts.map((item) => [
          item.assetId,
          item.field,
          item.chosen ?? '',
          item.chosenFile,
          item.other ?? '',
          item.otherFile,
        ]),
      )
  }
  return { json: { campaign: campaign.year, ...summary, conflictList: conflicts }, text }
}
