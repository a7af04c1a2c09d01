import { diffCampaigns, parseDiffDimensions, type CampaignDiff } from '../../app/diff-campaigns.js'
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte diff --campaign A --against B [--by category] [--organisation CODE]` */
export async function diffCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  if (options.against === null)
    throw new AppError(
      'invalid_argument',
      'Name the campaign to compare to: --against YEAR (and --campaign YEAR).',
    )
  const diff = await diffCampaigns(deps, {
    campaignYear: options.campaign,
    againstYear: options.against,
    by: parseDiffDimensions(options.by),
    organisation: options.organisation,
  })
  return { json: diff, text: renderDiff(diff) }
}

/** Human rendering: the decomposition per row, then the total. */
export function renderDiff(diff: CampaignDiff): string {
  const lines = [
    `Change ${diff.campaign} → ${diff.against}${diff.organisation ? `, ${diff.organisation}` : ''}, climate change in ${diff.unit}`,
    `  ${diff.formula}`,
    `  factors ${diff.campaign}: ${diff.factors.campaign.referential}, grid year ${diff.factors.campaign.electricityYear}`,
    `  factors ${diff.against}: ${diff.factors.against.referential}, grid year ${diff.factors.against.electricityYear}`,
    '',
  ]
  const header = [
    ...(diff.by.length > 0 ? [diff.by.join(' / ')] : []),
    `units ${diff.campaign}`,
    `units ${diff.against}`,
    `${diff.campaign}`,
    `${diff.against}`,
    'inventory effect',
    'factor effect',
    'change',
  ]
  const cells = (row: CampaignDiff['total'], label: string | null) => [
    ...(label === null ? [] : [label]),
    row.quantityBefore,
    row.quantityAfter,
    row.before,
    row.after,
    row.inventoryEffect,
    row.factorEffect,
    row.change,
  ]
  const rows = diff.by.length > 0 ? diff.rows.map((row) => cells(row, row.key)) : []
  rows.push(cells(diff.total, diff.by.length > 0 ? 'total' : null))
  let text = lines.join('\n') + formatTable(header, rows)
  text += `\nTotal change: ${formatNumber(diff.total.change)} kgCO2e/yr = inventory ${formatNumber(diff.total.inventoryEffect)} + factors ${formatNumber(diff.total.factorEffect)}\n`
  for (const note of diff.notes) text += `Note: ${note}\n`
  return text
}
