import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import {
  compareScenarios,
  listScenarios,
  removeScenario,
  saveScenario,
  showScenario,
  type ScenarioComparison,
} from '../../app/saved-scenarios.js'
import { formatNumber, formatShare, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'
import { perimeterOptions } from './perimeter-options.js'
import { renderScenario } from './simulate.js'

export const SCENARIO_USAGE = `Usage:
  empreinte scenario save NAME --lever ID:param=value,… [--lever …] [--organisation CODE]
                               [--categories laptop+desktop] [--sites Lyon+Vienne] [--description TEXT]
                               (or --perimeter "organisation=…;categories=…;sites=…"; saving a name again replaces it)
  empreinte scenario list
  empreinte scenario show NAME [--campaign YEAR] [--depth 2]
  empreinte scenario compare [NAME…] [--campaign YEAR]   side by side, ranked by tCO2e then € saved (all when no name)
  empreinte scenario remove NAME`

/** `empreinte scenario save|list|show|compare|remove`: named scenarios kept in the workspace. */
export async function scenarioCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  const [action, ...names] = positional
  const oneName = (): string => {
    if (names.length !== 1)
      throw new AppError('invalid_argument', `scenario ${action} needs one NAME.\n${SCENARIO_USAGE}`)
    return names[0]!
  }
  switch (action) {
    case 'save': {
      const perimeter = perimeterOptions(options) ?? { organisation: null, categories: [], sites: [] }
      const saved = await saveScenario(deps, {
        name: oneName(),
        description: options.description,
        levers: options.levers,
        ...perimeter,
      })
      return {
        json: saved,
        text:
          `${saved.isReplaced ? 'Replaced' : 'Saved'} scenario "${saved.scenario.name}": ${saved.scenario.levers.join(' ')} ` +
          `on ${saved.scenario.perimeterText}.\n`,
      }
    }
    case 'list': {
      const { scenarios } = await listScenarios(deps)
      return {
        json: { scenarios },
        text:
          scenarios.length === 0
            ? 'No saved scenario yet: empreinte scenario save NAME --lever …\n'
            : formatTable(
                ['name', 'levers', 'perimeter', 'description', 'saved'],
                scenarios.map((scenario) => [
                  scenario.name,
                  scenario.levers.join(' '),
                  scenario.perimeterText,
                  scenario.description ?? '',
                  scenario.updatedAt,
                ]),
              ),
      }
    }
    case 'show': {
      const shown = await showScenario(deps, {
        name: oneName(),
        campaignYear: options.campaign,
        groupDepth: options.depth ?? 2,
      })
      return {
        json: shown,
        text:
          `Scenario "${shown.scenario.name}"${shown.scenario.description ? ` — ${shown.scenario.description}` : ''}\n` +
          `Perimeter: ${shown.scenario.perimeterText} (${shown.report.assets.toLocaleString('en-US')} inventory lines)\n` +
          renderScenario(shown.report),
      }
    }
    case 'compare': {
      const comparison = await compareScenarios(deps, { names, campaignYear: options.campaign })
      if (comparison.scenarios.length === 0) {
        throw new AppError(
          'not_found',
          'No saved scenario to compare: save one with empreinte scenario save NAME --lever …',
        )
      }
      return { json: comparison, text: renderComparison(comparison) }
    }
    case 'remove': {
      const removed = await removeScenario(deps, { name: oneName() })
      return { json: removed, text: `Removed scenario "${removed.removed}".\n` }
    }
    default:
      throw new AppError('invalid_argument', `Unknown scenario action "${action ?? ''}".\n${SCENARIO_USAGE}`)
  }
}

/** Side by side, best first: savings in tCO2e/yr, share, water, MWh/yr and €/yr. */
export function renderComparison(comparison: ScenarioComparison): string {
  const hasWater = comparison.scenarios.some((row) => row.byCriterion['water-use'] !== undefined)
  const header = [
    'rank',
    'scenario',
    'perimeter',
    'baseline tCO2e/yr',
    'tCO2e/yr saved',
    'share',
    ...(hasWater ? ['m³ water/yr saved'] : []),
    'MWh/yr saved',
    '€/yr saved',
    '€ rank',
  ]
  return (
    `Scenarios compared on campaign ${comparison.campaign} (referential ${comparison.referential}), ranked by tCO2e then € saved\n` +
    formatTable(
      header,
      comparison.scenarios.map((row) => [
        row.rank,
        row.name,
        row.perimeter,
        row.baselineClimateKgCo2e / 1000,
        row.climateKgCo2e / 1000,
        formatShare(row.climateShare),
        ...(hasWater ? [(row.byCriterion['water-use']?.total ?? 0) / 1000] : []),
        row.kwh / 1000,
        Math.round(row.euros),
        row.eurosRank,
      ]),
    ) +
    '\nLevers\n' +
    comparison.scenarios.map((row) => `  ${row.name}: ${row.levers.join(' ')}`).join('\n') +
    '\n' +
    `(savings per year once the levers apply in full; ${formatNumber(comparison.scenarios.length)} scenarios)\n`
  )
}
