import { explainAsset, type AssetExplanation } from '../../app/explain-asset.js'
import { getFootprint } from '../../app/get-footprint.js'
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'
import { renderFootprint } from './footprint.js'

/** `empreinte explain ASSET` or `empreinte explain --organisation CODE` */
export async function explainCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  if (positional.length === 0 && options.organisation) {
    const report = await getFootprint(deps, {
      campaignYear: options.campaign,
      by: ['category', 'phase'],
      organisation: options.organisation,
    })
    return { json: report, text: renderFootprint(report) }
  }
  if (positional.length !== 1)
    throw new AppError(
      'invalid_argument',
      'Name one asset (id, serial or host name), or use --organisation CODE.',
    )
  const explanation = await explainAsset(deps, { campaignYear: options.campaign, asset: positional[0]! })
  return { json: explanation, text: renderExplanation(explanation) }
}

function day(dayNumber: number | null): string {
  if (dayNumber === null) return '—'
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10)
}

/** The trace as a person reads it: the asset, the matched item, the lifetime rule, each phase's formula and factors. */
export function renderExplanation(explanation: AssetExplanation): string {
  const { asset, trace, footprint } = explanation
  const lines: string[] = []
  lines.push(
    `Asset ${asset.id}: ${asset.category} ${[asset.manufacturer, asset.model].filter(Boolean).join(' ')} × ${asset.quantity}`,
  )
  lines.push(`  source: ${asset.fileName}, line ${asset.sourceLine}`)
  lines.push(
    `  organisation: ${asset.organisationPath.join(' > ')}${asset.site ? `, site ${asset.site}` : ''}${asset.datacenter ? `, datacenter ${asset.datacenter}` : ''}`,
  )
  lines.push(
    `  serial ${asset.serial ?? '—'}, host ${asset.hostname ?? '—'}, purchased ${day(asset.purchaseDay)}, retired ${day(asset.retirementDay)}, country ${asset.country}`,
  )
  lines.push(
    `  campaign ${explanation.campaign} (reference date ${day(explanation.referenceDay)}), referential ${trace.referential}`,
  )
  lines.push(`  reference item: ${trace.referenceItemId} (matched by ${trace.matchedBy})`)
  lines.push(
    `  lifetime: ${formatNumber(trace.lifetime.years)} years (${trace.lifetime.method}) — ${trace.lifetime.note}`,
  )
  if (trace.defaultsAssumed.length > 0) lines.push(`  defaults assumed: ${trace.defaultsAssumed.join('; ')}`)
  if (asset.imputed.length > 0) lines.push(`  imputed at import: ${asset.imputed.join(', ')}`)
  lines.push('')
  for (const phase of trace.phases) {
    lines.push(`${phase.criterion} / ${phase.phase}: ${formatNumber(phase.value)} ${phase.unit}`)
    lines.push(`  = ${phase.formula}`)
    for (const input of phase.inputs) {
      const value = typeof input.value === 'number' ? formatNumber(input.value) : String(input.value)
      const factor = input.factor
        ? ` [${input.factor.id}; ${input.factor.source}${input.factor.isPlaceholder ? '; PLACEHOLDER' : ''}]`
        : ''
      lines.push(
        `    ${input.name} = ${value} ${input.unit} (${input.origin})${factor}${input.note ? ` — ${input.note}` : ''}`,
      )
    }
  }
  const climate = footprint.impacts['climate-change']
  if (climate) {
    const total = climate.manufacturing + climate.distribution + climate.use + climate['end-of-life']
    lines.push('')
    lines.push(`Total climate change: ${formatNumber(total)} kgCO2e/yr`)
  }
  return lines.join('\n') + '\n'
}
