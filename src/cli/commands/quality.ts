import { qualityReport } from '../../app/quality-report.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte quality [--campaign YEAR]` */
export async function qualityCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const report = await qualityReport(deps, { campaignYear: options.campaign, sample: 50 })
  let text = `Data quality, campaign ${report.campaign}: score ${report.score} / 100\n\nPer source\n`
  text += formatTable(
    ['file', 'format', 'read', 'accepted', 'quarantined', 'imputed'],
    report.sources.map((source) => [
      source.fileName,
      source.format,
      source.rowsRead,
      source.rowsAccepted,
      source.rowsQuarantined,
      source.rowsImputed,
    ]),
  )
  const reasons = report.sources.flatMap((source) =>
    source.reasons.map((reason) => [source.fileName, reason.code, reason.column ?? '', reason.rows]),
  )
  if (reasons.length > 0)
    text += '\nFindings by reason\n' + formatTable(['file', 'reason', 'column', 'rows'], reasons)
  if (report.quarantineSample.length > 0) {
    text += '\nQuarantined rows (first ' + report.quarantineSample.length + ')\n'
    for (const row of report.quarantineSample) {
      for (const finding of row.findings.filter((item) => item.severity === 'rejected')) {
        text += `  ${row.fileName}, ${row.line > 0 ? `line ${row.line}` : 'line unknown'}${finding.column ? `, column "${finding.column}"` : ''}: ${finding.message}\n`
      }
    }
  }
  const organisations = report.organisations.slice(0, 30)
  if (organisations.length > 0) {
    text +=
      '\nPer organisation (first 30; score 0–100, counts of assets, share of assets with the field filled)\n'
    text += formatTable(
      [
        'organisation',
        'score',
        'assets',
        'imputed',
        'dup. serial',
        'implausible',
        'serial',
        'purchase date',
        'model',
      ],
      organisations.map((row) => [
        row.organisation,
        row.score,
        row.assets,
        row.imputedAssets,
        row.duplicateSerialAssets,
        row.futurePurchaseAssets + row.overFifteenYearsAssets,
        `${Math.round((row.fieldCompleteness['serial'] ?? 0) * 100)} %`,
        `${Math.round((row.fieldCompleteness['purchase_day'] ?? 0) * 100)} %`,
        `${Math.round((row.fieldCompleteness['model'] ?? 0) * 100)} %`,
      ]),
    )
  }
  return { json: report, text }
}
