import { runScenario, type ScenarioReport } from '../../app/run-scenario.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber, formatShare, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte simulate --lever NAME:param=value,… [--lever …] [--organisation CODE] [--depth 2]` */
export async function simulateCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  const report = await runScenario(deps, {
    campaignYear: options.campaign,
    levers: options.levers,
    organisation: options.organisation,
    groupDepth: options.depth ?? 2,
  })
  return { json: report, text: renderScenario(report) }
}

const tonnes = (kg: number): string => `${formatNumber(kg / 1000)} tCO2e`
const euros = (value: number): string => `${Math.round(value).toLocaleString('en-US')} €`

/** Baseline → scenario, then each lever's share of the saving, then the organisations that gain most. */
export function renderScenario(report: ScenarioReport): string {
  let text =
    `Scenario, campaign ${report.campaign}${report.organisation ? `, ${report.organisation}` : ''} (referential ${report.referential})\n` +
    `  baseline: ${tonnes(report.baseline.climateKgCo2e)}/yr, ${formatNumber(report.baseline.annualKwh / 1000)} MWh/yr, ${euros(report.baseline.eurosPerYear)}/yr\n` +
    `  scenario: ${tonnes(report.scenario.climateKgCo2e)}/yr, ${formatNumber(report.scenario.annualKwh / 1000)} MWh/yr, ${euros(report.scenario.eurosPerYear)}/yr\n` +
    `  saving:   ${tonnes(report.savings.climateKgCo2e)}/yr (${formatShare(report.savings.climateShare)}), ` +
    `${formatNumber(report.savings.kwh / 1000)} MWh/yr, ${euros(report.savings.euros)}/yr\n\n`
  text += formatTable(
    ['lever', 'devices', 'tCO2e/yr saved', 'share', 'MWh/yr saved', '€/yr saved'],
    report.byLever.map((effect) => [
      effect.text,
      effect.affectedQuantity,
      effect.savings.climateKgCo2e / 1000,
      formatShare(effect.savings.climateShare),
      effect.savings.kwh / 1000,
      Math.round(effect.savings.euros),
    ]),
  )
  const groups = [...report.byGroup].sort(
    (left, right) => right.savings.climateKgCo2e - left.savings.climateKgCo2e,
  )
  if (groups.length > 1) {
    text += `\nOrganisations (depth ${report.groupDepth}), largest saving first (first 20 of ${groups.length})\n`
    text += formatTable(
      ['organisation', 'baseline tCO2e/yr', 'saved tCO2e/yr', 'share', '€/yr saved'],
      groups
        .slice(0, 20)
        .map((group) => [
          group.group,
          group.baseline.climateKgCo2e / 1000,
          group.savings.climateKgCo2e / 1000,
          formatShare(group.savings.climateShare),
          Math.round(group.savings.euros),
        ]),
    )
  }
  const assumptions = [...report.assumptions, ...report.byLever.flatMap((effect) => effect.assumptions)]
  if (assumptions.length > 0)
    text += '\nAssumptions\n' + [...new Set(assumptions)].map((line) => `  - ${line}`).join('\n') + '\n'
  return text
}
