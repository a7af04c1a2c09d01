import { resolveOrganisation, endOfYearDay } from '../../app/campaigns.js'
import { AppError } from '../../app/errors.js'
import { importFile, type ImportInventoryResult } from '../../app/import-inventory.js'
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
  const year = options.campaign ?? (await deps.store.latestCampaign())?.year ?? defaultYear
  const campaign = await deps.store.ensureCampaign(year, endOfYearDay(year))
  const organisationPath = options.organisation
    ? await resolveOrganisationOrNew(deps, options.organisation)
    : null
  const imports: ImportInventoryResult[] = []
  for (const file of files) {
    imports.push(
      ...(await importFile(deps, {
        file,
        format: options.format ?? 'auto',
        campaign,
        organisationPath,
        categoryHint: options.category !== null && isCategoryId(options.category) ? options.category : null,
        defaultCountry: 'FR',
      })),
    )
  }
  const json = {
    campaign: campaign.year,
    imports: imports.map((record) => ({
      file: record.file,
      format: record.format,
      kind: record.kind,
      encoding: record.encoding,
      delimiter: record.delimiter,
      headerLine: record.headerLine,
      rowsRead: record.rowsRead,
      rowsAccepted: record.rowsAccepted,
      rowsQuarantined: record.rowsQuarantined,
      rowsImputed: record.rowsImputed,
      isAlreadyImported: record.isAlreadyImported,
      unknownColumns: record.unknownColumns,
      findings: record.sampleFindings,
      assumptions: record.assumptions,
    })),
  }
  let text = formatTable(
    ['file', 'format', 'read', 'accepted', 'quarantined', 'imputed', 'note'],
    imports.map((record) => [
      record.fileName,
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
  for (const record of imports) {
    if (record.assumptions.length > 0) text += `  ${record.fileName}: ${record.assumptions.join('; ')}\n`
    for (const finding of record.sampleFindings.slice(0, 5)) {
      text += `  ${record.fileName}, ${finding.line > 0 ? `line ${finding.line}` : 'line unknown'}${finding.column ? `, column "${finding.column}"` : ''}: ${finding.message}\n`
    }
    if (record.rowsQuarantined > 0)
      text += `  → ${record.rowsQuarantined} row(s) quarantined; see: empreinte quality\n`
  }
  return { json, text }
}

async function resolveOrganisationOrNew(deps: Deps, text: string): Promise<string[]> {
  try {
    return await resolveOrganisation(deps.store, text)
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found')
      return text.split('>').map((part) => part.trim())
    throw error
  }
}
