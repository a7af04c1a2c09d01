import type { Deps } from '../../app/ports.js'
import { reconcileSources } from '../../app/reconcile-sources.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'
import { reconciliationText } from './import.js'

/** `empreinte reconcile [--conflicts] [--limit N]`: merges one device's rows across sources, shows conflicts. */
export async function reconcileCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const result = await reconcileSources(deps, {
    campaignYear: options.campaign,
    conflictLimit: options.conflicts ? (options.limit ?? 50) : 0,
  })
  const { conflictList: conflicts, ...summary } = result
  let text =
    summary.devices === 0
      ? `Campaign ${result.campaign}: no device found in more than one import (by serial number, then host name).\n`
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
  return { json: result, text }
}
