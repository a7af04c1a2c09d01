/**
 * Builds the renewal model's input from an inventory's age counts, the referential and levers
 * (docs/methodology/levers.md#trajectory). Devices without a purchase date are spread evenly over the ages
 * 0 to lifetime − 1; lifetime-extension lengthens the category's cycle; power-off scales the kWh of its
 * categories from `currentHours` (8,760 h, always on, when not given) to the target.
 */
import { CATEGORY_IDS, type CategoryId } from '../inventory/categories.js'
import type { Referential } from '../referential/referential.js'
import type { EconomicAssumptions } from './economic-assumptions.js'
import type { Lever } from './lever.js'
import type { TrajectoryCategory, TrajectoryInput, TrajectoryScenario } from './project-trajectory.js'

/** Categories the renewal model follows: devices that are bought and renewed. */
export const FLEET_CATEGORIES: readonly CategoryId[] = CATEGORY_IDS.filter(
  (category) => category !== 'virtual-machine' && category !== 'other',
)

const ALWAYS_ON_HOURS_PER_YEAR = 8760

export type AgeCount = { category: CategoryId; ageYears: number | null; quantity: number }

/** The trajectory input, or the lever that the renewal model cannot take. */
export function buildTrajectoryInput(input: {
  counts: readonly AgeCount[]
  referential: Referential
  levers: readonly Lever[]
  prices: EconomicAssumptions
  startYear: number
  endYear: number
  target: TrajectoryInput['target']
}): { trajectory: TrajectoryInput; assumptions: string[] } | { unsupportedLever: Lever } {
  const { referential } = input
  const assumptions: string[] = [
    'Constant fleet: every retired device is replaced by a new one of the same category.',
    'Devices without a purchase date are spread evenly over the ages 0 to lifetime − 1.',
    `Grid factor held at the ${referential.hypotheses.defaultCountry} value of the referential every year.`,
    'Renewal view: amortised = stock × embodied ÷ expected lifetime + stock × profile kWh × grid factor (no PUE, ' +
      "no telemetry); it differs from the campaign measure, which follows NumEcoEval and uses each asset's age.",
  ]
  const categories: TrajectoryCategory[] = []
  for (const category of FLEET_CATEGORIES) {
    const rows = input.counts.filter((row) => row.category === category)
    if (rows.length === 0) continue
    const item = referential.items.get(referential.defaultItemByCategory[category])!
    const lifetimeYears = item.lifetimeYears.value
    const spreadYears = Math.max(1, Math.ceil(lifetimeYears))
    const ageCounts: number[] = []
    const add = (age: number, quantity: number): void => {
      while (ageCounts.length <= age) ageCounts.push(0)
      ageCounts[age]! += quantity
    }
    for (const row of rows) {
      if (row.ageYears !== null) add(row.ageYears, row.quantity)
      else for (let age = 0; age < spreadYears; age++) add(age, row.quantity / spreadYears)
    }
    const climate = item.embodied['climate-change']
    categories.push({
      category,
      ageCounts,
      expectedLifetimeYears: lifetimeYears,
      embodiedKgCo2ePerUnit: climate
        ? climate.manufacturing.value + climate.distribution.value + climate['end-of-life'].value
        : 0,
      annualKwhPerUnit: item.annualKwh.value,
      unitPriceEuros: input.prices.unitPriceEurosByCategory[category] ?? 0,
    })
  }
  const scenario: TrajectoryScenario = {
    fromYear: input.startYear + 1,
    lifetimeExtensionYears: {},
    kwhFactor: {},
  }
  for (const lever of input.levers) {
    if (lever.id === 'lifetime-extension') {
      for (const category of lever.categories) scenario.lifetimeExtensionYears![category] = lever.years
    } else if (lever.id === 'power-off') {
      const currentHours = lever.currentHours ?? ALWAYS_ON_HOURS_PER_YEAR
      const factor = Math.min(1, lever.targetHours / currentHours)
      for (const category of lever.categories) scenario.kwhFactor![category] = factor
      assumptions.push(
        `power-off in the trajectory: kWh × ${factor.toFixed(4)} for ${lever.categories.join(', ')} ` +
          `(from ${currentHours} to ${lever.targetHours} powered hours a year)`,
      )
    } else {
      return { unsupportedLever: lever }
    }
  }
  const gridFactor =
    referential.electricity.get(referential.hypotheses.defaultCountry)?.factors['climate-change']?.value ?? 0
  return {
    trajectory: {
      startYear: input.startYear,
      endYear: input.endYear,
      categories,
      gridKgCo2ePerKwh: gridFactor,
      electricityEurosPerKwh: input.prices.electricityEurosPerKwh,
      scenario,
      ...(input.target ? { target: input.target } : {}),
    },
    assumptions,
  }
}
