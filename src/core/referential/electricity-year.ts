/**
 * Picks the campaign year's climate factor of each electricity mix (docs/methodology/electricity.md):
 *   factor(country, campaign year) = byYear(country, y*) with y* = the campaign year if published, else the
 *   nearest published year (the latest for a recent campaign, the earliest for an old one).
 */
import type { ElectricityMix, Factor, Referential } from './referential.js'

/** The year of `years` used for `year`: itself, else the nearest one. */
export function nearestYear(years: readonly number[], year: number): number {
  let best = years[0]!
  for (const candidate of years) {
    if (Math.abs(candidate - year) < Math.abs(best - year)) best = candidate
    else if (Math.abs(candidate - year) === Math.abs(best - year) && candidate > best) best = candidate
  }
  return best
}

/** The referential with each country's climate-change electricity factor taken from `year` (pure). */
export function selectElectricityYear(referential: Referential, year: number): Referential {
  const byYear = referential.climateElectricityByYear
  if (byYear === undefined || byYear.size === 0) return referential
  const electricity = new Map<string, ElectricityMix>(referential.electricity)
  for (const [country, factors] of byYear) {
    const years = [...factors.keys()]
    if (years.length === 0) continue
    const chosen = nearestYear(years, year)
    const published = factors.get(chosen)!
    const picked: Factor =
      chosen === year
        ? published
        : {
            ...published,
            note: `${published.note ?? ''} Campaign ${year}: no figure, nearest year ${chosen} used.`.trim(),
          }
    const mix = electricity.get(country)
    electricity.set(country, {
      country,
      factors: { ...(mix?.factors ?? {}), 'climate-change': picked },
    })
  }
  return { ...referential, electricity }
}
