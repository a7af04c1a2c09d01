import {
  getFootprint,
  parseDimensions,
  parseNormalisation,
  parseView,
  type FootprintReport,
} from '../../app/get-footprint.js'
import { CRITERIA, type CriterionId } from '../../core/referential/referential.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber, formatShare, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'
import { applicationFootprintCommand } from './virtual-footprint.js'
import { isApplicationBreakdown } from '../../app/virtual-footprint.js'

/** `empreinte footprint [--campaign YEAR] [--by …] [--organisation CODE]` */
export async function footprintCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  if (isApplicationBreakdown(options.by)) return applicationFootprintCommand(deps, options)
  const report = await getFootprint(deps, {
    campaignYear: options.campaign,
    by: parseDimensions(options.by),
    organisation: options.organisation,
    normalise: parseNormalisation(options.normalise),
    view: parseView(options.view),
  })
  return { json: report, text: renderFootprint(report) }
}

/** Human rendering: totals with units, then the breakdown table. */
export function renderFootprint(report: FootprintReport): string {
  const lines = [
    `Footprint, campaign ${report.campaign}${report.organisation ? `, ${report.organisation}` : ''} (referential ${report.referential}, ${report.view} view)`,
    `  climate change: ${formatNumber(report.total.climateKgCo2e / 1000)} tCO2e/yr (${formatNumber(report.total.climateKgCo2e)} kgCO2e/yr)`,
    `                  interval [${formatNumber(report.total.climateKgCo2eInterval.low / 1000)}, ${formatNumber(report.total.climateKgCo2eInterval.high / 1000)}] tCO2e/yr (±${formatShare(report.uncertainty.relativeHalfWidth)}, docs/methodology/uncertainty.md)`,
  ]
  if (report.purchaseYear !== undefined)
    lines.push(
      `  purchase-year view: embodied impact of the ${report.purchaseYear.unitsBoughtInYear.toLocaleString('en-US')} units bought in ${report.campaign} in full, none for older ones` +
        (report.purchaseYear.unitsWithoutPurchaseDate > 0
          ? ` (${report.purchaseYear.unitsWithoutPurchaseDate.toLocaleString('en-US')} units without a purchase date counted as older)`
          : ''),
    )
  if (report.total.waterLitres !== null)
    lines.push(
      `  water use:      ${formatNumber(report.total.waterLitres / 1000)} m3/yr (embodied phases only)`,
    )
  const others = (Object.keys(CRITERIA) as CriterionId[]).filter(
    (criterion) =>
      criterion !== 'climate-change' &&
      criterion !== 'water-use' &&
      report.total.byCriterion[criterion] !== undefined,
  )
  if (others.length > 0) {
    lines.push(
      '  other criteria (use phase from the electricity mix; embodied where the referential has figures):',
    )
    for (const criterion of others)
      lines.push(
        `    ${CRITERIA[criterion].label}: ${formatNumber(report.total.byCriterion[criterion]!)} ${report.units[criterion]}/yr`,
      )
  }
  if (report.personEquivalents !== undefined) {
    lines.push('  person-equivalents (impact / JRC individual sustainable package per year):')
    for (const entry of report.personEquivalents)
      lines.push(
        `    ${CRITERIA[entry.criterion].label}: ${formatNumber(entry.personEquivalents)} person-eq ` +
          `(${formatNumber(entry.impact)} ${entry.unit} / ${formatNumber(entry.package.value)} ${entry.package.unit})`,
      )
  }
  lines.push(`  electricity:    ${formatNumber(report.annualKwh / 1000)} MWh/yr at the plug`)
  lines.push(
    `  assets:         ${report.assets.toLocaleString('en-US')} lines, ${report.quantity.toLocaleString('en-US')} units`,
  )
  let text = lines.join('\n') + '\n'
  if (report.by.includes('criterion')) {
    // One criterion per row: its value in its own unit (climate-change rows also in the share of the total).
    const rows = report.breakdown.slice(0, 200).map((row) => {
      const criterion = row.criterion as CriterionId
      return [
        ...report.by.map((dimension) => row[dimension] ?? ''),
        row.quantity,
        row.byCriterion[criterion] ?? 0,
        `${report.units[criterion]}/yr`,
      ]
    })
    text += '\n' + formatTable([...report.by, 'units', 'value', 'unit'], rows)
    if (report.breakdown.length > 200)
      text += `… ${report.breakdown.length - 200} more rows (use --json for all)\n`
  } else if (report.by.length > 0) {
    const rows = report.breakdown
      .slice(0, 200)
      .map((row) => [
        ...report.by.map((dimension) => row[dimension] ?? ''),
        row.quantity,
        row.climateKgCo2e,
        formatShare(row.shareOfClimate),
      ])
    text += '\n' + formatTable([...report.by, 'units', 'kgCO2e/yr', 'share'], rows)
    if (report.breakdown.length > 200)
      text += `… ${report.breakdown.length - 200} more rows (use --json for all)\n`
  }
  if (report.ghgPosts !== undefined) {
    text += '\nGHG posts (docs/methodology/accounting-views.md):\n'
    for (const post of report.ghgPosts)
      text += `  ${post.id}: ${post.ghgProtocol}; ISO 14064-1 ${post.iso14064}; ${post.bilanCarbone}\n`
  }
  text +=
    '\nExplain a figure: empreinte explain ASSET (id, serial or host name) or empreinte explain --organisation CODE\n'
  return text
}
