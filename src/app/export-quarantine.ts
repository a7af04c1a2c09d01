import { resolveCampaign } from './campaigns.js'
import { CORRECTION_COLUMN } from './import-corrections.js'
import type { Deps } from './ports.js'

export type QuarantineExportResult = {
  campaign: number
  files: { source: string; file: string; rows: number; lines: number[] }[]
}

/**
 * Writes the quarantined rows of each import back in their source's format (same header, delimiter and
 * encoding) plus an `empreinte_source_line` column, so that a person can correct them and import the file
 * again: the corrected rows then resolve their quarantine (see import-corrections.ts).
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
    // One more column, the row's line in the source file: re-imported, the corrected file resolves these rows.
    const lineColumn = entry.header.findIndex((cell) => cell.trim().toLowerCase() === CORRECTION_COLUMN)
    const header = lineColumn >= 0 ? entry.header : [...entry.header, CORRECTION_COLUMN]
    const at = lineColumn >= 0 ? lineColumn : entry.header.length
    await deps.files.writeTable(file, {
      header,
      rows: entry.rows.map((row) => {
        // Cells beyond the header (a row with too many cells) stay, after the line column, for the person to fix.
        const cells = [...row.raw]
        while (cells.length < entry.header.length) cells.push('')
        cells.splice(at, lineColumn >= 0 ? 1 : 0, String(row.line))
        return cells
      }),
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
