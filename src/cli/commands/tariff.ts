import { AppError } from '../../app/errors.js'
import { listTariffs, removeTariff, setTariff } from '../../app/electricity-tariffs.js'
import type { Deps } from '../../app/ports.js'
import { formatTable } from '../format-table.js'
import type { ParsedOptions } from '../parse-options.js'

export const TARIFF_USAGE = `Usage:
  empreinte tariff list
  empreinte tariff set ORGANISATION --price 0.18 [--note SOURCE]   €/kWh excl. VAT, for the organisation's subtree
  empreinte tariff remove ORGANISATION`

/** `empreinte tariff list|set|remove`: electricity tariffs per organisation for the euro figures. */
export async function tariffCommand(
  deps: Deps,
  options: ParsedOptions,
  positional: string[],
): Promise<{ json: unknown; text: string }> {
  const [verb, organisation] = positional
  const needsOrganisation = (): string => {
    if (organisation === undefined || positional.length !== 2)
      throw new AppError('invalid_argument', `tariff ${verb} needs one ORGANISATION.\n${TARIFF_USAGE}`)
    return organisation
  }
  switch (verb) {
    case 'list': {
      const listed = await listTariffs(deps)
      return {
        json: listed,
        text:
          listed.tariffs.length === 0
            ? 'No tariff set: every organisation uses the default 0.20 €/kWh (an assumption).\n'
            : formatTable(
                ['organisation', '€/kWh', 'source'],
                listed.tariffs.map((tariff) => [
                  tariff.organisation,
                  tariff.eurosPerKwh,
                  tariff.source ?? '',
                ]),
              ),
      }
    }
    case 'set': {
      const name = needsOrganisation()
      const price = Number((options.price ?? '').replace(',', '.'))
      if (options.price === null || options.price.trim() === '' || !Number.isFinite(price)) {
        throw new AppError(
          'invalid_argument',
          `tariff set needs --price in €/kWh, e.g. --price 0.18.\n${TARIFF_USAGE}`,
        )
      }
      const tariff = await setTariff(deps, { organisation: name, eurosPerKwh: price, source: options.note })
      return { json: tariff, text: `${tariff.organisation}: ${tariff.eurosPerKwh} €/kWh.\n` }
    }
    case 'remove': {
      const removed = await removeTariff(deps, { organisation: needsOrganisation() })
      return { json: removed, text: `Removed the tariff of ${removed.removed}.\n` }
    }
    default:
      throw new AppError('invalid_argument', `Unknown tariff verb "${verb ?? ''}".\n${TARIFF_USAGE}`)
  }
}
