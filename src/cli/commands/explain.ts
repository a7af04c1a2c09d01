import { explainAsset, type AssetExplanation } from '../../app/explain-asset.js'
import { getFootprint } from '../../app/get-footprint.js'
import { explainBreakdown, parsePhase, type BreakdownExplanation } from '../../app/explain-breakdown.js'
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'
import { renderFootprint } from './footprint.js'
import { explainVirtualCommand } from './virtual-footprint.js'

/** `empreinte explain ASSET` or `empreinte explain --organisation CODE [--category ID] [--phase PHASE]` */
export async function explainCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  if (options.vm !== null || options.application !== null) return explainVirtualCommand(deps, options)
  if (positional.length === 0 && options.organisation) {
    const explanation = await explainBreakdown(deps, {
      campaignYear: options.campaign,
      organisation: options.organisation,
      category: options.category,
      phase: parsePhase(options.phase),
    })
    // A breakdown row: its trace alone; the organisation's total: its table by category and phase, then the trace.
    if (options.category !== null || options.phase !== null)
      return { json: explanation, text: renderBreakdownExplanation(explanation) }
    const report = await getFootprint(deps, {
      campaignYear: options.campaign,
      by: ['category', 'phase'],
      organisation: options.organisation,
    })
    return {
      json: { ...report, explanation },
      text: renderFootprint(report) + '\n' + renderBreakdownExplanation(explanation),
    }
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

/** A breakdown row's trace: the figure, its formulas, the reference items, factors, inputs and defaults with counts. */
export function renderBreakdownExplanation(explanation: BreakdownExplanation): string {
  const row = [
    explanation.organisation,
    explanation.category ?? 'every category',
    explanation.phase ?? 'every phase',
  ].join(' / ')
  const lines = [
    `Climate change of ${row}, campaign ${explanation.campaign} (referential ${explanation.referential})`,
    `  ${formatNumber(explanation.recomputedKgCo2e)} kgCO2e/yr recomputed from ${explanation.assets.toLocaleString('en-US')} assets ` +
      `(${explanation.units.toLocaleString('en-US')} units); stored results: ${formatNumber(explanation.storedKgCo2e)} kgCO2e/yr`,
    '',
    'Phases and formulas:',
  ]
  for (const phase of explanation.phases)
    lines.push(`  ${phase.phase}: ${formatNumber(phase.kgCo2e)} kgCO2e/yr = ${phase.formulas.join(' | ')}`)
  lines.push('', 'Reference items:')
  for (const item of explanation.referenceItems)
    lines.push(`  ${item.id} (${item.matchedBy}): ${item.assets} assets, ${item.units} units`)
  lines.push('', 'Factors (id = value unit; source; referential version; assets):')
  for (const factor of explanation.factors)
    lines.push(
      `  ${factor.id} = ${formatNumber(factor.value)} ${factor.unit} (${factor.name}); ${factor.source}` +
        `${factor.isPlaceholder ? '; PLACEHOLDER' : ''}; ${factor.version}; ${factor.assets} assets, ${factor.units} units`,
    )
  lines.push('', 'Inputs (name, unit, origin: assets):')
  for (const input of explanation.inputs)
    lines.push(`  ${input.name} [${input.unit}] ${input.origin}: ${input.assets} assets`)
  if (explanation.defaultsAssumed.length > 0) {
    lines.push('', 'Defaults assumed (assets):')
    for (const assumed of explanation.defaultsAssumed) lines.push(`  ${assumed.assets} × ${assumed.text}`)
  }
  return lines.join('\n') + '\n'
}
