/**
 * The quarantined lines of one import (`GET /api/imports/{id}/quarantine`): what a contributor has to fix in
 * the file they uploaded. The upload's own answer gives the counts and only the first findings; this lists
 * every quarantined line with its cells as read and its reasons, one page at a time.
 */
import { actorScope, isPathVisible } from './access.js'
import { resolveCampaign } from './campaigns.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'

export type ImportQuarantine = {
  campaign: number
  import: {
    id: number
    fileName: string
    organisation: string | null
    rowsRead: number
    rowsAccepted: number
    rowsQuarantined: number
  }
  /** The file's header as read: the cells of each line below are in its order. */
  header: string[]
  items: { line: number; cells: string[]; reasons: string[] }[]
  total: number
  limit: number
  offset: number
}

/**
 * The quarantined lines of import `importId` of the campaign. An actor limited to a subtree reads only the
 * imports made for an organisation of it (as `GET /api/imports` lists them); any other is answered "not found".
 * @example await importQuarantine(deps, { campaignYear: 2025, importId: 12, limit: 100, offset: 0 })
 */
export async function importQuarantine(
  deps: Deps,
  input: { campaignYear: number | null; importId: number; limit: number; offset: number },
): Promise<ImportQuarantine> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const record = (await deps.store.listImports(campaign.id)).find(
    (candidate) => candidate.id === input.importId,
  )
  const isVisible =
    record !== undefined &&
    (actorScope(deps) === null ||
      (record.organisationPath !== null && isPathVisible(deps, record.organisationPath)))
  if (!isVisible)
    throw new AppError(
      'not_found',
      `No import ${input.importId} in campaign ${campaign.year} that you may read; GET /api/imports?campaign=${campaign.year} lists yours.`,
    )
  const quarantined = (await deps.store.quarantineByImport(campaign.id)).find(
    (entry) => entry.importId === record.id,
  )
  const rows = quarantined?.rows ?? []
  return {
    campaign: campaign.year,
    import: {
      id: record.id,
      fileName: record.fileName,
      organisation: record.organisationPath === null ? null : record.organisationPath.join(' > '),
      rowsRead: record.rowsRead,
      rowsAccepted: record.rowsAccepted,
      rowsQuarantined: record.rowsQuarantined,
    },
    header: quarantined?.header ?? [],
    items: rows
      .slice(input.offset, input.offset + input.limit)
      .map((row) => ({ line: row.line, cells: row.raw, reasons: row.reasons })),
    total: rows.length,
    limit: input.limit,
    offset: input.offset,
  }
}
