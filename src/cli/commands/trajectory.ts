import { AppError } from '../../app/errors.js'
import { projectFleetTrajectory, type FleetTrajectoryReport } from '../../app/project-fleet-trajectory.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

/** `empreinte trajectory --lever … --to 2030 [--target 30%] [--organisation CODE]` */
export async function trajectoryCommand(
  deps: Deps,
  options: ParsedOptions,
): Promise<{ json: unknown; text: string }> {
  if (options.to === null)
    throw new AppError('invalid_argument', 'Give the last year of the trajectory: --to 2030.')
  const report = await projectFleetTrajectory(deps, {
    campaignYear: options.campaign,
    levers: options.levers,
    organisation: options.organisation,
    endYear: options.to,
    target: options.target === null ? null : { targetYear: options.to, reductionShare: options.target },
    groupDepth: options.depth,
  })
  return { json: report, text: renderTrajectory(report) }
}

/** Year by year: baseline and scenario (amortised view), purchases, savings, cumulative, target check. */
export function renderTrajectory(report: FleetTrajectoryReport): string {
  const rows = report.baseline.map((baseline, index) => {
    const scenario = report.scenario[index]!
    const savings = report.savings[index]!
    const check = report.target?.years.find((year) => year.year === baseline.year)
    return [
      String(baseline.year),
      Math.round(baseline.amortisedKgCo2e / 1000),
      Math.round(scenario.amortisedKgCo2e / 1000),
      Math.round(baseline.purchases),
      Math.round(scenario.purchases),
      Math.round(savings.cumulativeAmortisedTCo2e),
      Math.round(savings.cumulativeEuros),
      check
        ? `${(check.achievedShare * 100).toFixed(1)} % / ${(check.requiredShare * 100).toFixed(1)} %${check.isOnTrack ? '' : ' ✗'}`
        : '',
    ]
  })
  let text =
    `Fleet trajectory, campaign ${report.campaign}${report.organisation ? `, ${report.organisation}` : ''}: ${report.levers.join(' ') || 'baseline only'}\n\n` +
    formatTable(
      [
        'year',
        'baseline tCO2e',
        'scenario tCO2e',
        'purchases (base)',
        'purchases (scen.)',
        'cumul. tCO2e saved',
        'cumul. € saved',
        'achieved / required',
      ],
      rows,
    )
  if (report.target) {
    text += `\nTarget −${(report.target.reductionShare * 100).toFixed(0)} % by ${report.target.targetYear}: ${report.target.isOnTrack ? 'on track' : 'not on track'}\n`
  }
  if (report.byOrganisation.length > 0) {
    const ranked = [...report.byOrganisation].sort(
      (left, right) => right.result.cumulative.amortisedTCo2e - left.result.cumulative.amortisedTCo2e,
    )
    text += `\nOrganisations, largest cumulative saving first (first 20 of ${ranked.length})\n`
    text += formatTable(
      ['organisation', 'cumul. tCO2e saved', 'cumul. € saved', 'target'],
      ranked
        .slice(0, 20)
        .map(({ organisation, result }) => [
          organisation,
          Math.round(result.cumulative.amortisedTCo2e),
          Math.round(result.cumulative.euros),
          result.target === null ? '' : result.target.isOnTrack ? 'on track' : 'not on track',
        ]),
    )
  }
  text += '\nAssumptions\n' + report.assumptions.map((line) => `  - ${line}`).join('\n') + '\n'
  return text
}
