import { getFootprint, parseDimensions, type FootprintReport } from '../../app/get-footprint.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber, formatShare, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte footprint [--campaign YEAR] [--by …] [--organisation CODE]` */
export async function footprintCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const report = await getFootprint(deps, {
    campaignYear: options.campaign,
    by: parseDimensions(options.by),
    organisation: options.organisation,
  })
  return { json: report, text: renderFootprint(report) }
}

/** Human rendering: totals with units, then the breakdown table. */
export function renderFootprint(report: FootprintReport): string {
  const lines = [
    `Footprint, campaign ${report.campaign}${report.organisation ? `, ${report.organisation}` : ''} (referential ${report.referential})`,
    `  climate change: ${formatNumber(report.total.climateKgCo2e / 1000)} tCO2e/yr (${formatNumber(report.total.climateKgCo2e)} kgCO2e/yr)`,
  ]
  if (report.total.waterLitres !== null)
    lines.push(
      `  water use:      ${formatNumber(report.total.waterLitres / 1000)} m3/yr (embodied phases only)`,
    )
  lines.push(`  electricity:    ${formatNumber(report.annualKwh / 1000)} MWh/yr at the plug`)
  lines.push(
    `  assets:         ${report.assets.toLocaleString('en-US')} lines, ${report.quantity.toLocaleString('en-US')} units`,
  )
  let text = lines.join('\n') + '\n'
  if (report.by.length > 0) {
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
  text +=
    '\nExplain a figure: empreinte explain ASSET (id, serial or host name) or empreinte explain --organisation CODE\n'
  return text
}
