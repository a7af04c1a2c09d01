import { listImports } from '../../app/list-imports.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte imports [--campaign YEAR]`: the import history, oldest first, with checksums to recognise a file. */
export async function importsCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const list = await listImports(deps, {
    campaignYear: options.campaign,
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
  })
  const text =
    `Imports, campaign ${list.campaign}: ${list.total}\n` +
    formatTable(
      ['id', 'time', 'file', 'format', 'checksum', 'read', 'accepted', 'quarantined', 'imputed'],
      list.items.map((item) => [
        item.id,
        item.importedAt ?? '',
        item.fileName,
        item.format,
        item.checksum.slice(0, 12),
        item.rowsRead,
        item.rowsAccepted,
        item.rowsQuarantined,
        item.rowsImputed,
      ]),
    ) +
    (list.total > 0 ? '(checksum: first 12 hex digits of the SHA-256; --json gives them whole)\n' : '')
  return { json: list, text }
}
