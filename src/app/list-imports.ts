import { resolveCampaign } from './campaigns.js'
import { actorScope, isPathVisible } from './access.js'
import type { Deps, ImportRecord } from './ports.js'
import type { UnitChoices } from '../core/formats/unit-choices.js'

/** One import as the API lists it. */
export type ImportSummary = {
  id: number
  fileName: string
  format: string
  kind: string
  encoding: string
  delimiter: string
  checksum: string
  organisation: string | null
  rowsRead: number
  rowsAccepted: number
  rowsQuarantined: number
  rowsImputed: number
  /** When the import was committed ("2025-03-01 14:02:07", workspace local time). */
  importedAt: string | null
  /** Unit choices the import used and recorded, e.g. { usageDurationUnit: 'months' }; {} when none. */
  options: UnitChoices
}

export type ImportList = {
  campaign: number
  items: ImportSummary[]
  total: number
  limit: number
  offset: number
}

/** The imports of a campaign, oldest first, one page at a time. */
export async function listImports(
  deps: Deps,
  input: { campaignYear: number | null; limit: number; offset: number },
): Promise<ImportList> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  // An actor limited to a subtree sees the imports into it (not those spanning several organisations).
  const records = (await deps.store.listImports(campaign.id)).filter(
    (record) =>
      actorScope(deps) === null || (record.organisationPath !== null && isPathVisible(deps, record.organisationPath)),
  )
  return {
    campaign: campaign.year,
    items: records.slice(input.offset, input.offset + input.limit).map(toImportSummary),
    total: records.length,
    limit: input.limit,
    offset: input.offset,
  }
}

function toImportSummary(record: ImportRecord): ImportSummary {
  return {
    id: record.id,
    fileName: record.fileName,
    format: record.format,
    kind: record.kind,
    encoding: record.encoding,
    delimiter: record.delimiter,
    checksum: record.checksum,
    organisation: record.organisationPath === null ? null : record.organisationPath.join(' > '),
    rowsRead: record.rowsRead,
    rowsAccepted: record.rowsAccepted,
    rowsQuarantined: record.rowsQuarantined,
    rowsImputed: record.rowsImputed,
    importedAt: record.importedAt ?? null,
    options: record.options ?? {},
  }
}
