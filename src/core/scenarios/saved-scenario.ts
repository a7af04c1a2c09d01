/**
 * Saved scenarios and their side-by-side comparison:
 *   rank = sort by tCO2e saved per year (descending), then by € saved per year (descending), then by name
 * See docs/scenarios.md.
 */
import type { Perimeter } from './perimeter.js'

/** A named set of levers applied to a perimeter, kept in the workspace. */
export type SavedScenario = {
  id: number
  name: string
  description: string | null
  /** Canonical lever texts (`formatLever`), in the order they apply. */
  levers: string[]
  perimeter: Perimeter
  /** When it was saved or last replaced, as the store read it back ("2026-11-28 14:02:07"). */
  updatedAt: string
}

export type NewScenario = Omit<SavedScenario, 'id' | 'updatedAt'>

/** A scenario name: 1–80 characters, letters, digits, `-`, `_`, `.` and spaces, not only spaces. */
export function scenarioNameProblem(name: string): string | null {
  if (name.trim() === '') return 'A scenario needs a name (e.g. "lifetime-2y").'
  if (name.length > 80) return `Scenario name "${name.slice(0, 20)}…" is longer than 80 characters.`
  if (!/^[\p{L}\p{N}_.\- ]+$/u.test(name)) {
    return `Scenario name "${name}" may only hold letters, digits, spaces, "-", "_" and ".".`
  }
  return null
}

/** What a comparison row needs to be ranked. */
export type RankedSavings = { name: string; climateKgCo2e: number; euros: number }

/** Ranks scenarios by kgCO2e saved per year, then by euros saved per year, then by name; returns rank 1…n. */
export function rankScenarios<Row extends RankedSavings>(rows: readonly Row[]): (Row & { rank: number })[] {
  return [...rows]
    .sort(
      (left, right) =>
        right.climateKgCo2e - left.climateKgCo2e ||
        right.euros - left.euros ||
        left.name.localeCompare(right.name),
    )
    .map((row, index) => ({ ...row, rank: index + 1 }))
}
