import { resolveCampaign } from './campaigns.js'
import type { Deps } from './ports.js'

export type QuarantineExportResult = {
  campaign: number
  files: { source: string; file: string; rows: number; lines: number[] }[]
}

/**
 * Writes the quarantined rows of each import back in their source's format (same header, delimiter and
 * encoding), so that a person can correct them and import the file again.
 */
export async function exportQuarantine(
  deps: Deps,
  input: { campaignYear: number | null; directory: string },
): Promise<QuarantineExportResult> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const exports = await deps.store.quarantineByImport(campaign.id)
  await deps.files.ensureDirectory(input.directory)
  const files: QuarantineExportResult['files'] = []
  for (const entry of exports) {
    const base = entry.fileName.replace(/[#/\\]/g, '-').replace(/\.[^.]*$/, '')
    const file = deps.files.join(input.directory, `${base}-quarantine-${entry.importId}.csv`)
    // XLSX sheets come back as UTF-8 text with ";" (the reader keeps no workbook to rewrite).
    const isText =
      entry.encoding === 'utf-8' || entry.encoding === 'utf-8-bom' || entry.encoding === 'windows-1252'
    await deps.files.writeTable(file, {
      header: entry.header,
      rows: entry.rows.map((row) => row.raw),
      delimiter: entry.delimiter || ';',
      encoding: isText ? (entry.encoding as 'utf-8' | 'utf-8-bom' | 'windows-1252') : 'utf-8',
    })
    files.push({
      source: entry.fileName,
      file,
      rows: entry.rows.length,
      lines: entry.rows.map((row) => row.line),
    })
  }
  return { campaign: campaign.year, files }
}
