import { AppError } from '../../app/errors.js'
import { importFiles } from '../../app/import-files.js'
import type { Deps } from '../../app/ports.js'
import { isCategoryId } from '../../core/inventory/categories.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte import FILE… [--format …] [--organisation CODE] [--campaign YEAR] [--category ID]` */
export async function importCommand(
  deps: Deps,
  options: ParsedOptions,
  files: string[],
  defaultYear: number,
): Promise<{ json: unknown; text: string }> {
  if (files.length === 0)
    throw new AppError('invalid_argument', 'Name at least one file: empreinte import FILE…')
  if (options.category !== null && !isCategoryId(options.category)) {
    throw new AppError('invalid_argument', `Unknown --category "${options.category}".`)
  }
  const report = await importFiles(deps, {
    files: files.map((path) => ({ path, label: path })),
    format: options.format ?? 'auto',
    organisation: options.organisation,
    campaignYear: options.campaign,
    category: options.category !== null && isCategoryId(options.category) ? options.category : null,
    defaultCampaignYear: defaultYear,
  })
  let text = formatTable(
    ['file', 'format', 'read', 'accepted', 'quarantined', 'imputed', 'note'],
    report.imports.map((record) => [
      record.file,
      record.format,
      record.rowsRead,
      record.rowsAccepted,
      record.rowsQuarantined,
      record.rowsImputed,
      record.isAlreadyImported
        ? 'already imported (same checksum): skipped'
        : `${record.encoding}, "${record.delimiter}"`,
    ]),
  )
  for (const record of report.imports) {
    if (record.assumptions.length > 0) text += `  ${record.file}: ${record.assumptions.join('; ')}\n`
    for (const finding of record.findings.slice(0, 5)) {
      const line = finding.line > 0 ? `line ${finding.line}` : 'line unknown'
      text += `  ${record.file}, ${line}${finding.column ? `, column "${finding.column}"` : ''}: ${finding.message}\n`
    }
    if (record.rowsQuarantined > 0)
      text += `  → ${record.rowsQuarantined} row(s) quarantined; see: empreinte quality\n`
  }
  return { json: report, text }
}
