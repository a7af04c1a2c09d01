import {
  listElectricityOverrides,
  removeElectricityOverride,
  setElectricityOverride,
} from '../../app/electricity-overrides.js'
import { AppError } from '../../app/errors.js'
import type { Deps } from '../../app/ports.js'
import type { ElectricityOverride } from '../../core/footprint/electricity-override.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

function scopeOf(override: ElectricityOverride): string {
  const organisation = override.organisationPath.join(' > ')
  if (override.site === null) return `organisation ${organisation}`
  return `site ${override.site}${organisation === '' ? '' : ` in ${organisation}`}`
}

/**
 * `empreinte electricity list | set (--organisation CODE | --site NAME) --kgco2e-per-kwh X [--source TEXT] | remove ID`
 */
export async function electricityCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  const [action, argument] = positional
  if (action === 'set') {
    const text = options.kgco2ePerKwh
    const value = text === null ? Number.NaN : Number(text.replace(',', '.'))
    if (text === null || !Number.isFinite(value))
      throw new AppError(
        'invalid_argument',
        `electricity set needs --kgco2e-per-kwh NUMBER${text === null ? '' : `, not "${text}"`}.`,
      )
    const override = await setElectricityOverride(deps, {
      organisation: options.organisation,
      site: options.site,
      kgCo2ePerKwh: value,
      source: options.source,
    })
    return {
      json: override,
      text:
        `Electricity override ${override.id}: ${override.kgCo2ePerKwh} kgCO2e/kWh for ${scopeOf(override)} ` +
        `(source: ${override.source}). The next footprint is recomputed with it.\n`,
    }
  }
  if (action === 'remove') {
    if (argument === undefined || !/^\d+$/.test(argument))
      throw new AppError(
        'invalid_argument',
        'electricity remove takes the id of an override (see empreinte electricity list).',
      )
    const result = await removeElectricityOverride(deps, { id: Number(argument) })
    return { json: result, text: `Electricity override ${result.removed} removed.\n` }
  }
  if (action === undefined || action === 'list') {
    const { overrides } = await listElectricityOverrides(deps)
    const text =
      overrides.length === 0
        ? 'No electricity override: every asset uses its country grid factor for the campaign year.\n'
        : formatTable(
            ['id', 'applies to', 'kgCO2e/kWh', 'source'],
            overrides.map((override) => [
              override.id,
              scopeOf(override),
              override.kgCo2ePerKwh,
              override.source,
            ]),
          )
    return { json: { overrides }, text }
  }
  throw new AppError('invalid_argument', `Unknown electricity action "${action}". Use: list, set, remove.`)
}
