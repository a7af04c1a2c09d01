import { qualityReport, type PerimeterQuality, type QualityReport } from '../../app/quality-report.js'
import type { Deps } from '../../app/ports.js'
import { ASSET_FIELDS } from '../../core/inventory/asset.js'
import { formatShare, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** Outliers listed by `--outliers` when no `--limit` is given. */
const DEFAULT_OUTLIER_LIMIT = 100
const ORGANISATION_ROWS = 50

/** `empreinte quality [--campaign YEAR] [--organisation CODE] [--depth N] [--outliers [--limit N]]` */
export async function qualityCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const report = await qualityReport(deps, {
    campaignYear: options.campaign,
    sample: options.outliers ? 0 : 50,
    organisation: options.organisation,
    depth: options.depth,
    outlierLimit: options.outliers ? (options.limit ?? DEFAULT_OUTLIER_LIMIT) : 0,
  })
  return { json: report, text: options.outliers ? renderOutliers(report) : renderQuality(report) }
}

const percent = (share: number): string => formatShare(share)

function title(report: QualityReport): string {
  return `Data quality, campaign ${report.campaign}${report.organisation ? `, ${report.organisation}` : ''}`
}

function outlierSummary(perimeter: PerimeterQuality): string {
  const { outliers } = perimeter
  return (
    `${outliers.assets} assets (power ${outliers.power}, purchase after the reference date ${outliers['future-date']}, ` +
    `over 15 years ${outliers.lifetime}, quantity ${outliers.quantity})`
  )
}

function renderSummary(report: QualityReport): string {
  const { total } = report
  return [
    `${title(report)}: score ${report.score} / 100 (referential ${report.referential})`,
    `  assets:            ${total.assets.toLocaleString('en-US')} lines, ${total.imputedAssets.toLocaleString('en-US')} with an imputed value`,
    `  reference item:    ${percent(total.matched.modelShare)} matched to a specific model ` +
      `(${total.matched.byModel} assets), ${total.matched.byCategoryDefault} on their category's default`,
    `  duplicates:        serial ${total.duplicates.serial} assets (${total.duplicates.serialWithinSource} within ` +
      `one source, ${total.duplicates.serialAcrossSources} across sources), host name ${total.duplicates.hostname}`,
    `  outliers:          ${outlierSummary(total)}`,
    `  rows:              ${report.totals.rowsRead} read, ${report.totals.rowsAccepted} accepted, ` +
      `${report.totals.rowsQuarantined} quarantined`,
  ].join('\n')
}

function renderSources(report: QualityReport): string {
  let text = '\nPer source (score 0–100; model match = share of assets matched to a specific model)\n'
  text += formatTable(
    [
      '#',
      'file',
      'format',
      'read',
      'accepted',
      'quarantined',
      'imputed',
      'outliers',
      'dup. serial',
      'model match',
      'score',
    ],
    report.sources.map((source, index) => [
      String(index + 1),
      source.fileName,
      source.format,
      source.rowsRead,
      source.rowsAccepted,
      source.rowsQuarantined,
      source.imputedAssets,
      source.outliers.assets,
      source.duplicates.serial,
      percent(source.matched.modelShare),
      source.score,
    ]),
  )
  return text
}

/** One row per canonical field: the perimeter's completeness, then each source's (imputed counts in brackets). */
function renderFields(report: QualityReport): string {
  const sources = report.sources.filter((source) => source.assets > 0)
  const cell = (perimeter: PerimeterQuality, field: (typeof ASSET_FIELDS)[number]): string =>
    `${percent(perimeter.completeness[field])}${perimeter.imputed[field] > 0 ? ` (${perimeter.imputed[field]} imp.)` : ''}`
  let text =
    '\nCompleteness per field (share of assets where the source gave the value; imputed values in brackets)\n'
  text += formatTable(
    ['field', 'all', ...sources.map((source) => `#${report.sources.indexOf(source) + 1}`)],
    ASSET_FIELDS.map((field) => [
      field,
      cell(report.total, field),
      ...sources.map((source) => cell(source, field)),
    ]),
  )
  return text
}

function renderReasons(report: QualityReport): string {
  const reasons = report.sources.flatMap((source) =>
    source.quarantinedByReason.map((reason) => [
      source.fileName,
      reason.code,
      reason.column ?? '',
      reason.rows,
    ]),
  )
  if (reasons.length === 0) return ''
  return '\nQuarantined rows by reason\n' + formatTable(['file', 'reason', 'column', 'rows'], reasons)
}

function renderQuarantineSample(report: QualityReport): string {
  if (report.quarantineSample.length === 0) return ''
  let text = `\nQuarantined rows (first ${report.quarantineSample.length})\n`
  for (const row of report.quarantineSample) {
    for (const finding of row.findings.filter((item) => item.severity === 'rejected')) {
      text += `  ${row.fileName}, ${row.line > 0 ? `line ${row.line}` : 'line unknown'}${finding.column ? `, column "${finding.column}"` : ''}: ${finding.message}\n`
    }
  }
  return text
}

function renderOrganisations(report: QualityReport): string {
  const organisations = report.organisations.slice(0, ORGANISATION_ROWS)
  if (organisations.length === 0) return ''
  const scope = report.depth === null ? '' : `, rolled up to depth ${report.depth}`
  let text =
    `\nPer organisation (first ${organisations.length} of ${report.organisations.length}${scope}; ` +
    'counts of assets, completeness = share of assets with the field from the source)\n'
  text += formatTable(
    [
      'organisation',
      'score',
      'assets',
      'imputed',
      'dup. serial',
      'dup. host',
      'outliers',
      'model match',
      'serial',
      'purchase date',
      'model',
      'annual kWh',
    ],
    organisations.map((row) => [
      row.organisation,
      row.score,
      row.assets,
      row.imputedAssets,
      row.duplicates.serial,
      row.duplicates.hostname,
      row.outliers.assets,
      percent(row.matched.modelShare),
      percent(row.completeness.serial),
      percent(row.completeness.purchaseDate),
      percent(row.completeness.model),
      percent(row.completeness.annualKwh),
    ]),
  )
  return text
}

function renderRules(report: QualityReport): string {
  const rules = Object.entries(report.outliers.byRule)
  if (rules.length === 0) return ''
  return (
    '\nOutliers by rule (list them: empreinte quality --outliers [--limit N])\n' +
    formatTable(
      ['rule', 'values'],
      rules.map(([rule, count]) => [rule, count]),
    )
  )
}

/** The whole report: summary, sources, fields, reasons, organisations, outlier rules. */
export function renderQuality(report: QualityReport): string {
  return (
    [
      renderSummary(report) + '\n',
      renderSources(report),
      renderFields(report),
      renderReasons(report),
      renderQuarantineSample(report),
      renderOrganisations(report),
      renderRules(report),
    ].join('') + `\nScore formula: docs/formats.md#quality-score\n`
  )
}

/** `--outliers`: the flagged values with where to fix them. */
export function renderOutliers(report: QualityReport): string {
  const { items, total } = report.outliers
  let text = `${title(report)}: ${total} outlier values on ${report.total.outliers.assets} assets`
  text += items.length < total ? ` (first ${items.length}; --limit N for more)\n\n` : '\n\n'
  if (items.length === 0) return text
  text += formatTable(
    ['asset', 'file', 'line', 'organisation', 'field', 'value', 'expected', 'rule'],
    items.map((item) => [
      String(item.assetId),
      item.fileName,
      String(item.line),
      item.organisation,
      item.field,
      item.valueText,
      item.expectedText,
      item.rule,
    ]),
  )
  return text
}
