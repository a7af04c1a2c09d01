import { AppError } from '../../app/errors.js'
import { importFiles, type ImportFilesReport } from '../../app/import-files.js'
import type { Deps } from '../../app/ports.js'
import { isCategoryId } from '../../core/inventory/categories.js'
import { LOAD_UNITS, USAGE_DURATION_UNITS } from '../../core/formats/unit-choices.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** The options of `import` (every one but the files), shared with `watch` so both import the same way. */
export function importOptions(
  options: ParsedOptions,
  defaultYear: number,
): Omit<Parameters<typeof importFiles>[1], 'files'> {
  if (options.category !== null && !isCategoryId(options.category)) {
    throw new AppError('invalid_argument', `Unknown --category "${options.category}".`)
  }
  return {
    format: options.format ?? 'auto',
    organisation: options.organisation,
    campaignYear: options.campaign,
    category: options.category !== null && isCategoryId(options.category) ? options.category : null,
    defaultCampaignYear: defaultYear,
    usageDurationUnit: unitOption('--usage-duration-unit', options.usageDurationUnit, USAGE_DURATION_UNITS),
    loadUnit: unitOption('--load-unit', options.loadUnit, LOAD_UNITS),
    source: options.source,
    append: options.append,
    corrects: options.corrects,
  }
}

/** The value of a unit option, checked against the units it takes. */
function unitOption<Unit extends string>(
  name: string,
  text: string | null,
  units: readonly Unit[],
): Unit | null {
  if (text === null) return null
  const unit = units.find((candidate) => candidate === text.trim().toLowerCase())
  if (unit === undefined)
    throw new AppError('invalid_argument', `${name} takes ${units.join(', ')}, not "${text}".`)
  return unit
}

/** `empreinte import FILE… [--format …] [--organisation CODE] [--campaign YEAR] [--category ID]` */
export async function importCommand(
  deps: Deps,
  options: ParsedOptions,
  files: string[],
  defaultYear: number,
): Promise<{ json: unknown; text: string }> {
  if (files.length === 0)
    throw new AppError('invalid_argument', 'Name at least one file: empreinte import FILE…')
  const report = await importFiles(deps, {
    ...importOptions(options, defaultYear),
    files: files.map((path) => ({ path, label: path })),
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
  text += reconciliationText(report.reconciliation)
  text += proposalsText(report.proposals)
  return { json: report, text }
}

/** The reconciliation summary under an import report. */
export function reconciliationText(summary: ImportFilesReport['reconciliation']): string {
  if (summary === null || summary.devices === 0) return ''
  let text = `\nReconciliation: ${summary.sourceRows} rows from several sources are ${summary.devices} device(s) `
  text += `(${summary.bySerial} by serial number, ${summary.byHostname} by host name)\n`
  if (summary.conflicts.length > 0) {
    text += `  conflicting values (the most trusted source wins; see empreinte reconcile --conflicts): `
    text += summary.conflicts.map((item) => `${item.field} ${item.conflicts}`).join(', ') + '\n'
  }
  return text
}

/** The first proposed mapping rules under an import report. */
export function proposalsText(proposals: ImportFilesReport['proposals']): string {
  if (proposals === null || proposals.proposals.length === 0) return ''
  const percent = (share: number): string => `${(share * 100).toFixed(1)} %`
  let text = `\nModels resolved to a category default or a fuzzy match: ${proposals.unresolvedAssets} of ${proposals.assets} unit(s). `
  text += `The ${proposals.proposals.length} proposed rules below cover ${percent(proposals.listedShare)} of them `
  text +=
    '(review with: empreinte mapping propose --write rules.csv, then empreinte mapping import rules.csv)\n'
  text += formatTable(
    ['pattern', 'category', 'units', 'now', 'suggestion', 'confidence'],
    proposals.proposals.map((proposal) => [
      proposal.pattern,
      proposal.category ?? '',
      proposal.assets,
      proposal.currentMethod,
      proposal.suggestion?.itemId ?? '',
      proposal.suggestion ? proposal.suggestion.confidence.toFixed(2) : '',
    ]),
  )
  return text
}
