/**
 * Electricity tariff of an organisation: its own tariff, else its closest ancestor's, else the default.
 *   tariff(path) = tariff of the longest organisation path p with path = p or path starts with "p > "
 * See docs/scenarios.md#electricity-tariffs.
 */
const PATH_SEPARATOR = ' > '

export type TariffEntry = { organisation: string; eurosPerKwh: number }

/** Returns a cached look-up path → €/kWh, and the number of organisations it found a tariff for. */
export function createTariffResolver(
  tariffs: readonly TariffEntry[],
  defaultEurosPerKwh: number,
): { tariffOf(path: string): number; hasTariffs: boolean } {
  const byPath = new Map(tariffs.map((entry) => [entry.organisation, entry.eurosPerKwh]))
  const cache = new Map<string, number>()
  const tariffOf = (path: string): number => {
    let tariff = cache.get(path)
    if (tariff === undefined) {
      tariff = defaultEurosPerKwh
      const parts = path.split(PATH_SEPARATOR)
      for (let length = parts.length; length > 0; length -= 1) {
        const own = byPath.get(parts.slice(0, length).join(PATH_SEPARATOR))
        if (own !== undefined) {
          tariff = own
          break
        }
      }
      cache.set(path, tariff)
    }
    return tariff
  }
  return { tariffOf, hasTariffs: byPath.size > 0 }
}
