/**
 * Fleet renewal trajectory, a stock-and-flow model per category, year by year from the campaign year:
 *   w(a, L)        = clamp(L − a, 0, 1)                   share of a cohort still in service at age a (L may be fractional)
 *   survivors      = Σ_a count[a] × w(a + 1, L) / w(a, L)  (0 when w(a, L) = 0: devices already past L retire now)
 *   retirements    = stock at the start of the year − survivors
 *   fleet(t)       = fleet(start) × (1 + growth)^(t − start)
 *   purchases      = max(0, fleet(t) − survivors)           new cohort, age 0 next year
 *   stock          = survivors + purchases
 *   embodied, purchase-year view (GHG Protocol scope 3 cat. 2) = purchases × F
 *   embodied, amortised view (NumEcoEval, PCR)                 = stock × F / L
 *   use            = stock × kWh × kwhFactor × grid(t)     euros = purchases × price + kWh × tariff
 * L = expected lifetime + the scenario's extension from `fromYear`. See docs/methodology/levers.md#trajectory.
 */
import type { CategoryId } from '../inventory/categories.js'

/** One category of the fleet at the start of the campaign year. */
export type TrajectoryCategory = {
  category: CategoryId
  /** Devices in service at the start of the campaign year by age in whole years (index 0 = bought this year). */
  ageCounts: number[]
  expectedLifetimeYears: number
  /** Whole-life embodied impact of one device (manufacturing + distribution + end of life), kgCO2e. */
  embodiedKgCo2ePerUnit: number
  annualKwhPerUnit: number
  unitPriceEuros: number
}

/** What the scenario changes, from `fromYear` on. */
export type TrajectoryScenario = {
  fromYear: number
  /** Extra years of use per category (lifetime-extension). */
  lifetimeExtensionYears?: Partial<Record<CategoryId, number>>
  /** Multiplier of each unit's kWh per category (e.g. power-off 2,860 / 8,760). */
  kwhFactor?: Partial<Record<CategoryId, number>>
}

/** A reduction target: `reductionShare` less than the baseline of the campaign year by `targetYear`. */
export type ReductionTarget = {
  targetYear: number
  reductionShare: number
  /** Which view the target is set in; amortised by default. */
  view?: 'amortised' | 'purchase-year'
}

export type TrajectoryInput = {
  /** Campaign year: the year the age counts describe. */
  startYear: number
  endYear: number
  categories: TrajectoryCategory[]
  /** Yearly change of the fleet size (0 = constant fleet, 0.02 = +2% a year). */
  fleetGrowthRatePerYear?: number
  gridKgCo2ePerKwh: number
  /** Grid factor per year where it changes; other years use `gridKgCo2ePerKwh`. */
  gridKgCo2ePerKwhByYear?: Record<number, number>
  electricityEurosPerKwh: number
  scenario: TrajectoryScenario
  target?: ReductionTarget
}

/** Flows and impacts of one category in one year. */
export type TrajectoryCategoryYear = {
  category: CategoryId
  lifetimeYears: number
  stock: number
  purchases: number
  retirements: number
  embodiedPurchaseYearKgCo2e: number
  embodiedAmortisedKgCo2e: number
  useKgCo2e: number
  kwh: number
  purchaseEuros: number
  electricityEuros: number
}

/** All categories of one year. */
export type TrajectoryYear = {
  year: number
  stock: number
  purchases: number
  retirements: number
  embodiedPurchaseYearKgCo2e: number
  embodiedAmortisedKgCo2e: number
  useKgCo2e: number
  kwh: number
  /** Amortised embodied + use. */
  amortisedKgCo2e: number
  /** Purchase-year embodied + use. */
  purchaseYearKgCo2e: number
  purchaseEuros: number
  electricityEuros: number
  euros: number
  byCategory: TrajectoryCategoryYear[]
}

/** Baseline minus scenario for one year, and running totals from the campaign year. */
export type TrajectorySavingsYear = {
  year: number
  amortisedKgCo2e: number
  purchaseYearKgCo2e: number
  euros: number
  cumulativeAmortisedTCo2e: number
  cumulativePurchaseYearTCo2e: number
  cumulativeEuros: number
}

/** The target evaluated year by year against a straight path from the campaign year. */
export type TargetCheck = {
  targetYear: number
  reductionShare: number
  view: 'amortised' | 'purchase-year'
  /** Baseline of the campaign year in the target's view, kgCO2e. */
  referenceKgCo2e: number
  years: { year: number; requiredShare: number; achievedShare: number; isOnTrack: boolean }[]
  /** True when every year up to the target year (or the end year) is on the path. */
  isOnTrack: boolean
  /** Achieved share in the target year; null when the target year is outside the trajectory. */
  achievedShareAtTargetYear: number | null
}

export type TrajectoryResult = {
  baseline: TrajectoryYear[]
  scenario: TrajectoryYear[]
  savings: TrajectorySavingsYear[]
  cumulative: { amortisedTCo2e: number; purchaseYearTCo2e: number; euros: number }
  target: TargetCheck | null
}

const KG_PER_TONNE = 1000
const ON_TRACK_TOLERANCE = 1e-12

/** Share of a cohort still in service at age `age` for lifetime `lifetimeYears`. */
export function survivalShare(age: number, lifetimeYears: number): number {
  return Math.min(1, Math.max(0, lifetimeYears - age))
}

function project(input: TrajectoryInput, isScenario: boolean): TrajectoryYear[] {
  const growth = input.fleetGrowthRatePerYear ?? 0
  const states = input.categories.map((category) => ({
    category,
    counts: [...category.ageCounts],
    initialFleet: category.ageCounts.reduce((sum, count) => sum + count, 0),
  }))
  const years: TrajectoryYear[] = []
  for (let year = input.startYear; year <= input.endYear; year += 1) {
    const isActive = isScenario && year >= input.scenario.fromYear
    const grid = input.gridKgCo2ePerKwhByYear?.[year] ?? input.gridKgCo2ePerKwh
    const byCategory: TrajectoryCategoryYear[] = []
    for (const state of states) {
      const category = state.category
      const extension = isActive ? (input.scenario.lifetimeExtensionYears?.[category.category] ?? 0) : 0
      const kwhFactor = isActive ? (input.scenario.kwhFactor?.[category.category] ?? 1) : 1
      const lifetimeYears = category.expectedLifetimeYears + extension
      const startStock = state.counts.reduce((sum, count) => sum + count, 0)
      const next: number[] = [0]
      let survivors = 0
      state.counts.forEach((count, age) => {
        const now = survivalShare(age, lifetimeYears)
        const kept = now > 0 ? (count * survivalShare(age + 1, lifetimeYears)) / now : 0
        next[age + 1] = kept
        survivors += kept
      })
      const fleet = state.initialFleet * (1 + growth) ** (year - input.startYear)
      const purchases = Math.max(0, fleet - survivors)
      next[0] = purchases
      state.counts = next
      const stock = survivors + purchases
      const kwh = stock * category.annualKwhPerUnit * kwhFactor
      byCategory.push({
        category: category.category,
        lifetimeYears,
        stock,
        purchases,
        retirements: startStock - survivors,
        embodiedPurchaseYearKgCo2e: purchases * category.embodiedKgCo2ePerUnit,
        embodiedAmortisedKgCo2e: (stock * category.embodiedKgCo2ePerUnit) / lifetimeYears,
        useKgCo2e: kwh * grid,
        kwh,
        purchaseEuros: purchases * category.unitPriceEuros,
        electricityEuros: kwh * input.electricityEurosPerKwh,
      })
    }
    const sum = (pick: (entry: TrajectoryCategoryYear) => number): number =>
      byCategory.reduce((total, entry) => total + pick(entry), 0)
    const embodiedPurchaseYearKgCo2e = sum((entry) => entry.embodiedPurchaseYearKgCo2e)
    const embodiedAmortisedKgCo2e = sum((entry) => entry.embodiedAmortisedKgCo2e)
    const useKgCo2e = sum((entry) => entry.useKgCo2e)
    const purchaseEuros = sum((entry) => entry.purchaseEuros)
    const electricityEuros = sum((entry) => entry.electricityEuros)
    years.push({
      year,
      stock: sum((entry) => entry.stock),
      purchases: sum((entry) => entry.purchases),
      retirements: sum((entry) => entry.retirements),
      embodiedPurchaseYearKgCo2e,
      embodiedAmortisedKgCo2e,
      useKgCo2e,
      kwh: sum((entry) => entry.kwh),
      amortisedKgCo2e: embodiedAmortisedKgCo2e + useKgCo2e,
      purchaseYearKgCo2e: embodiedPurchaseYearKgCo2e + useKgCo2e,
      purchaseEuros,
      electricityEuros,
      euros: purchaseEuros + electricityEuros,
      byCategory,
    })
  }
  return years
}

function checkTarget(
  target: ReductionTarget,
  input: TrajectoryInput,
  baseline: TrajectoryYear[],
  scenario: TrajectoryYear[],
): TargetCheck {
  const view = target.view ?? 'amortised'
  const pick = (year: TrajectoryYear): number =>
    view === 'amortised' ? year.amortisedKgCo2e : year.purchaseYearKgCo2e
  const referenceKgCo2e = baseline.length > 0 ? pick(baseline[0]!) : 0
  const span = target.targetYear - input.startYear
  const years = scenario
    .filter((year) => year.year <= target.targetYear)
    .map((year) => {
      const elapsed = year.year - input.startYear
      const requiredShare = span <= 0 ? target.reductionShare : (target.reductionShare * elapsed) / span
      const achievedShare = referenceKgCo2e === 0 ? 0 : 1 - pick(year) / referenceKgCo2e
      return {
        year: year.year,
        requiredShare,
        achievedShare,
        isOnTrack: achievedShare >= requiredShare - ON_TRACK_TOLERANCE,
      }
    })
  const atTarget = years.find((year) => year.year === target.targetYear)
  return {
    targetYear: target.targetYear,
    reductionShare: target.reductionShare,
    view,
    referenceKgCo2e,
    years,
    isOnTrack: years.every((year) => year.isOnTrack),
    achievedShareAtTargetYear: atTarget?.achievedShare ?? null,
  }
}

/** Projects baseline and scenario fleets year by year, with savings and the target check. */
export function projectTrajectory(input: TrajectoryInput): TrajectoryResult {
  const baseline = project(input, false)
  const scenario = project(input, true)
  let amortised = 0
  let purchaseYear = 0
  let euros = 0
  const savings = baseline.map((base, index) => {
    const changed = scenario[index]!
    const amortisedKgCo2e = base.amortisedKgCo2e - changed.amortisedKgCo2e
    const purchaseYearKgCo2e = base.purchaseYearKgCo2e - changed.purchaseYearKgCo2e
    const savedEuros = base.euros - changed.euros
    amortised += amortisedKgCo2e
    purchaseYear += purchaseYearKgCo2e
    euros += savedEuros
    return {
      year: base.year,
      amortisedKgCo2e,
      purchaseYearKgCo2e,
      euros: savedEuros,
      cumulativeAmortisedTCo2e: amortised / KG_PER_TONNE,
      cumulativePurchaseYearTCo2e: purchaseYear / KG_PER_TONNE,
      cumulativeEuros: euros,
    }
  })
  return {
    baseline,
    scenario,
    savings,
    cumulative: {
      amortisedTCo2e: amortised / KG_PER_TONNE,
      purchaseYearTCo2e: purchaseYear / KG_PER_TONNE,
      euros,
    },
    target: input.target === undefined ? null : checkTarget(input.target, input, baseline, scenario),
  }
}
