import {
  actionProgress,
  addAction,
  listActions,
  updateAction,
  type ActionProgress,
} from '../../app/action-plans.js'
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import { formatNumber, formatShare, formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'
import { perimeterOptions } from './perimeter-options.js'

export const ACTION_USAGE = `Usage:
  empreinte action add --lever ID:param=value,… --owner NAME --start YYYY-MM-DD
                       [--perimeter "organisation=…;categories=…;sites=…" | --organisation CODE --categories … --sites …]
                       [--status planned|in-progress|done|cancelled] [--note TEXT]
  empreinte action list
  empreinte action update ID [--status …] [--owner …] [--start …] [--lever …] [--note …] [perimeter options]
  empreinte action progress [ID]   expected gain (scenario engine) and measured gain (campaigns and telemetry
                                   before/after the start date), other reasons set apart`

/** `empreinte action add|list|update|progress`: action plans and their measured effect. */
export async function actionCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  const [verb, argument] = positional
  const idOf = (text: string | undefined, isRequired: boolean): number | null => {
    if (text === undefined) {
      if (isRequired) throw new AppError('invalid_argument', `action ${verb} needs an ID.\n${ACTION_USAGE}`)
      return null
    }
    if (!/^\d+$/.test(text))
      throw new AppError('invalid_argument', `Action ID must be a whole number, not "${text}".`)
    return Number(text)
  }
  switch (verb) {
    case 'add': {
      if (options.levers.length !== 1) {
        throw new AppError('invalid_argument', `An action takes exactly one --lever.\n${ACTION_USAGE}`)
      }
      if (options.owner === null || options.start === null) {
        throw new AppError('invalid_argument', `action add needs --owner and --start.\n${ACTION_USAGE}`)
      }
      const action = await addAction(deps, {
        lever: options.levers[0]!,
        ...(perimeterOptions(options) ?? { organisation: null, categories: [], sites: [] }),
        owner: options.owner,
        start: options.start,
        status: options.status ?? 'planned',
        note: options.note,
      })
      return {
        json: action,
        text: `Action ${action.id}: ${action.lever} on ${action.perimeterText}, ${action.owner}, from ${action.start} (${action.status}).\n`,
      }
    }
    case 'list': {
      const { actions } = await listActions(deps)
      return {
        json: { actions },
        text:
          actions.length === 0
            ? 'No action yet: empreinte action add --lever … --owner … --start YYYY-MM-DD\n'
            : formatTable(
                ['id', 'lever', 'perimeter', 'owner', 'start', 'status', 'note'],
                actions.map((action) => [
                  action.id,
                  action.lever,
                  action.perimeterText,
                  action.owner,
                  action.start,
                  action.status,
                  action.note ?? '',
                ]),
              ),
      }
    }
    case 'update': {
      if (options.levers.length > 1)
        throw new AppError('invalid_argument', 'An action takes exactly one --lever.')
      const action = await updateAction(deps, {
        id: idOf(argument, true)!,
        status: options.status,
        owner: options.owner,
        start: options.start,
        lever: options.levers[0] ?? null,
        note: options.note,
        perimeter: perimeterOptions(options),
      })
      return {
        json: action,
        text: `Action ${action.id}: ${action.lever} on ${action.perimeterText}, ${action.owner}, from ${action.start} (${action.status}).\n`,
      }
    }
    case 'progress': {
      const progress = await actionProgress(deps, { id: idOf(argument, false) })
      return { json: progress, text: progress.actions.map(renderProgress).join('\n') || 'No action yet.\n' }
    }
    default:
      throw new AppError('invalid_argument', `Unknown action verb "${verb ?? ''}".\n${ACTION_USAGE}`)
  }
}

/** Rounding noise (−1e-14) shown as 0, not "-0.000". */
const clean = (value: number): number => (Math.abs(value) < 1e-9 ? 0 : value)
const tonnes = (kg: number): string => `${formatNumber(clean(kg) / 1000)} tCO2e/yr`
const megawattHours = (kwh: number): string => `${formatNumber(kwh / 1000)} MWh/yr`

/** One action: expected, then measured with the other reasons set apart, then telemetry hours. */
export function renderProgress(progress: ActionProgress): string {
  const { action, expected, measured } = progress
  let text = `Action ${action.id}: ${action.lever} on ${action.perimeterText} — ${action.owner}, from ${action.start}, ${action.status}\n`
  if (expected) {
    text +=
      `  expected (scenario engine, campaign ${expected.campaign}): ${tonnes(expected.savings.climateKgCo2e)} ` +
      `(${formatShare(expected.savings.climateShare)}), ${megawattHours(expected.savings.kwh)}, ${Math.round(expected.savings.euros).toLocaleString('en-US')} €/yr\n`
  }
  if (measured && measured.campaignBefore !== null) {
    const climate = measured.climateKgCo2e
    text +=
      `  measured, campaign ${measured.campaignBefore} → ${measured.campaignAfter}: saved ${tonnes(climate.total)} in all\n` +
      `    attributed to the action:        ${tonnes(climate.attributed)}` +
      (progress.achievedShareOfExpected === null
        ? ''
        : ` (${formatShare(clean(progress.achievedShareOfExpected))} of expected)`) +
      '\n' +
      `    other reasons, fleet size:       ${tonnes(climate.otherFleetSize)}\n` +
      `    other reasons, per-unit changes: ${tonnes(climate.otherIntensity)}\n`
  }
  if (measured?.telemetry) {
    const telemetry = measured.telemetry
    text +=
      `  telemetry before/after ${action.start}: powered ${formatNumber(telemetry.before.poweredHoursPerYear)} → ` +
      `${formatNumber(telemetry.after.poweredHoursPerYear)} h/yr per device (${telemetry.before.devices} → ${telemetry.after.devices} devices)` +
      (telemetry.idleHoursSavedPerYear === null
        ? '\n'
        : `; idle hours saved ${formatNumber(telemetry.idleHoursSavedPerYear)} h/yr, active hours changed by ` +
          `${formatNumber(-telemetry.activeHoursSavedPerYear!)} h/yr (other reasons)\n`)
  }
  for (const note of progress.notes) text += `  note: ${note}\n`
  return text
}
