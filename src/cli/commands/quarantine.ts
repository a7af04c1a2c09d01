import { AppError } from '../../app/errors.js'
import { exportQuarantine } from '../../app/export-quarantine.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte quarantine export DIR`: quarantined rows back in their source format, to correct and re-import. */
export async function quarantineCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  if (positional[0] !== 'export' || positional.length !== 2) {
    throw new AppError('invalid_argument', 'Usage: empreinte quarantine export DIR')
  }
  const result = await exportQuarantine(deps, { campaignYear: options.campaign, directory: positional[1]! })
  const text =
    result.files.length === 0
      ? `No quarantined row in campaign ${result.campaign}.\n`
      : formatTable(
          ['source', 'rows', 'written to'],
          result.files.map((entry) => [entry.source, entry.rows, entry.file]),
        ) + '\nCorrect the rows, then import the files again (empreinte import FILE).\n'
  return { json: result, text }
}
