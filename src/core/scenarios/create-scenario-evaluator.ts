/**
 * Scenario evaluation over many inventory lines:
 *   baseline = Σ lines' footprint (per criterion and phase, kWh, purchases and euros per year)
 *   scenario = baseline after each lever in the given order
 *   effect(lever j) = state after j − state after j − 1, so the effects add up to scenario − baseline
 * Per-line levers run in `add`; the fleet-level lever (fewer-screens) is finished in `result()`: monitor and seat
 * values are accumulated per group and stage, and every later change to monitors is scaled by the same factor
 * (all levers are linear in quantity). See docs/methodology/levers.md#sequential-attribution.
 */
import type { FootprintContext, FootprintInput, PhaseValues } from '../footprint/compute-footprint.js'
import { PHASE_IDS } from '../inventory/categories.js'
import type { CriterionId } from '../referential/referential.js'
import { createLeverPipeline, POWER_OFF_COUNTERS, type PipelineVisitor } from './create-lever-pipeline.js'
import type { EconomicAssumptions } from './economic-assumptions.js'
import { fewerScreensFactor, SEAT_CATEGORIES } from './fewer-screens.js'
import { formatLever, type Lever } from './lever.js'
import { leverSpecOf } from './lever-catalogue.js'
import { formatNumber, PHASE_OFFSET, PHASES_PER_CRITERION, tailIndex, type LeverPart } from './lever-part.js'
import { lifetimeExtensionFactor } from './lifetime-extension.js'

/** Footprint rules and prices a scenario is evaluated with. */
export type ScenarioContext = { footprint: FootprintContext; prices: EconomicAssumptions }

/** One criterion: total and per phase, per year. */
export type CriterionTotals = { total: number; phases: PhaseValues }

/** Annual totals of a perimeter (or, in `byLever[].change`, the signed change a lever makes). */
export type ScenarioTotals = {
  climateKgCo2e: number
  criteria: Partial<Record<CriterionId, CriterionTotals>>
  /** Electricity at the plug, kWh/yr (IT load, before PUE). */
  annualKwh: number
  /** Electricity metered by the facility, kWh/yr (plug kWh × PUE). */
  facilityKwh: number
  quantity: number
  purchasesPerYear: number
  purchaseEurosPerYear: number
  electricityEurosPerYear: number
  eurosPerYear: number
}

/** What a scenario or a lever saves per year (positive = less than before). */
export type ScenarioSavings = {
  climateKgCo2e: number
  /** Saved share of the baseline climate total (0 when the baseline is 0). */
  climateShare: number
  /** Facility kWh saved per year. */
  kwh: number
  euros: number
  purchaseEuros: number
  electricityEuros: number
  /** Saved per criterion (its unit per year), total and per phase; criteria the referential reports only. */
  byCriterion: Partial<Record<CriterionId, CriterionTotals>>
}

/** The effect of one lever, applied after the previous ones. */
export type LeverEffect = {
  lever: Lever
  text: string
  label: { fr: string; en: string }
  change: ScenarioTotals
  savings: ScenarioSavings
  /** Quantity of devices the lever changed. */
  affectedQuantity: number
  assumptions: string[]
}

/** Totals of one group (organisation path), with each lever's savings. */
export type GroupScenarioResult = {
  group: string
  baseline: ScenarioTotals
  scenario: ScenarioTotals
  savings: ScenarioSavings
  byLever: { text: string; savings: ScenarioSavings }[]
}

export type ScenarioResult = {
  baseline: ScenarioTotals
  scenario: ScenarioTotals
  savings: ScenarioSavings
  byLever: LeverEffect[]
  byGroup: GroupScenarioResult[]
  /** General assumptions (prices, missing prices). */
  assumptions: string[]
}

/** Accumulates lines one by one and evaluates the scenario. */
export type ScenarioEvaluator = {
  /**
   * Adds one line of `group` (e.g. organisation path); `poweredHoursPerYear` = telemetry, when measured;
   * `tariffEurosPerKwh` = the line's electricity tariff when it differs from the prices' default.
   */
  add(
    input: FootprintInput,
    group: string,
    poweredHoursPerYear?: number | null,
    tariffEurosPerKwh?: number,
  ): void
  result(): ScenarioResult
}

const SEAT_CLASS = 0
const MONITOR_CLASS = 1
const OTHER_CLASS = 2
const CLASS_COUNT = 3

function classOf(part: LeverPart): number {
  if (part.category === 'monitor') return MONITOR_CLASS
  return SEAT_CATEGORIES.includes(part.category) ? SEAT_CLASS : OTHER_CLASS
}

/** Creates an evaluator for an ordered list of levers. */
export function createScenarioEvaluator(context: ScenarioContext, levers: Lever[]): ScenarioEvaluator {
  const pipeline = createLeverPipeline(context.footprint, context.prices, levers)
  const { criteria, vectorSize: size } = pipeline
  const criterionCount = criteria.length
  const leverCount = levers.length
  const stageCount = leverCount + 1
  const blockSize = CLASS_COUNT * size
  const quantityIndex = tailIndex(criterionCount, 'quantity')
  const groups = new Map<string, Float64Array>()
  let current: Float64Array = new Float64Array(0)
  let currentGroup: string | null = null

  const visitor: PipelineVisitor = {
    wantsTrace: false,
    baseline(part) {
      const offset = classOf(part) * size
      const values = part.values
      for (let index = 0; index < size; index += 1) current[offset + index]! += values[index]!
    },
    change(leverIndex, part, before) {
      const offset = (leverIndex + 1) * blockSize + classOf(part) * size
      const values = part.values
      for (let index = 0; index < size; index += 1)
        current[offset + index]! += values[index]! - before[index]!
    },
  }

  const add = (
    input: FootprintInput,
    group: string,
    poweredHoursPerYear?: number | null,
    tariffEurosPerKwh?: number,
  ): void => {
    if (group !== currentGroup) {
      let accumulator = groups.get(group)
      if (accumulator === undefined) {
        accumulator = new Float64Array(stageCount * blockSize)
        groups.set(group, accumulator)
      }
      current = accumulator
      currentGroup = group
    }
    pipeline.run(input, poweredHoursPerYear, visitor, tariffEurosPerKwh)
  }

  const result = (): ScenarioResult => {
    const seenMask = pipeline.seenCriteriaMask()
    const totalBaseline = new Float64Array(size)
    const totalScenario = new Float64Array(size)
    const totalChanges = Array.from({ length: leverCount }, () => new Float64Array(size))
    const monitorsRemovedByLever = new Float64Array(leverCount)
    const byGroup: GroupScenarioResult[] = []
    for (const group of [...groups.keys()].sort()) {
      const accumulator = groups.get(group)!
      const state = accumulator.slice(0, blockSize)
      const baseline = sumClasses(state, size)
      const changes: Float64Array[] = []
      let monitorScale = 1
      for (let leverIndex = 0; leverIndex < leverCount; leverIndex += 1) {
        const lever = levers[leverIndex]!
        const change = new Float64Array(size)
        if (lever.id === 'fewer-screens') {
          const seats = state[SEAT_CLASS * size + quantityIndex]!
          const monitors = state[MONITOR_CLASS * size + quantityIndex]!
          const factor = fewerScreensFactor(monitors, seats, lever.perSeat)
          monitorsRemovedByLever[leverIndex]! += monitors * (1 - factor)
          for (let index = 0; index < size; index += 1) {
            const monitorValue = state[MONITOR_CLASS * size + index]!
            change[index] = monitorValue * (factor - 1)
            state[MONITOR_CLASS * size + index] = monitorValue * factor
          }
          monitorScale *= factor
        } else {
          const offset = (leverIndex + 1) * blockSize
          for (let classIndex = 0; classIndex < CLASS_COUNT; classIndex += 1) {
            const scale = classIndex === MONITOR_CLASS ? monitorScale : 1
            for (let index = 0; index < size; index += 1) {
              const delta = accumulator[offset + classIndex * size + index]! * scale
              state[classIndex * size + index]! += delta
              change[index]! += delta
            }
          }
        }
        changes.push(change)
        addInto(totalChanges[leverIndex]!, change)
      }
      const scenario = sumClasses(state, size)
      addInto(totalBaseline, baseline)
      addInto(totalScenario, scenario)
      const baselineTotals = toTotals(baseline, criteria, seenMask)
      byGroup.push({
        group,
        baseline: baselineTotals,
        scenario: toTotals(scenario, criteria, seenMask),
        savings: savingsOf(baseline, scenario, criteria, seenMask),
        byLever: changes.map((change, leverIndex) => ({
          text: formatLever(levers[leverIndex]!),
          savings: savingsOfChange(change, baselineTotals.climateKgCo2e, criteria, seenMask),
        })),
      })
    }
    const baselineTotals = toTotals(totalBaseline, criteria, seenMask)
    const byLever: LeverEffect[] = levers.map((lever, leverIndex) => {
      const spec = leverSpecOf(lever.id)
      const change = totalChanges[leverIndex]!
      const isFewerScreens = lever.id === 'fewer-screens'
      return {
        lever,
        text: formatLever(lever),
        label: spec.label,
        change: toTotals(change, criteria, seenMask),
        savings: savingsOfChange(change, baselineTotals.climateKgCo2e, criteria, seenMask),
        affectedQuantity: isFewerScreens
          ? monitorsRemovedByLever[leverIndex]!
          : pipeline.counters.affectedQuantityByLever[leverIndex]!,
        assumptions: [...spec.assumptions, ...leverAssumptions(lever, leverIndex, monitorsRemovedByLever)],
      }
    })
    const assumptions = [context.prices.source]
    const missing = [...pipeline.counters.categoriesWithoutPrice].sort()
    if (missing.length > 0) {
      assumptions.push(
        `No unit price for ${missing.join(', ')}: their purchases count 0 € in the euro figures.`,
      )
    }
    assumptions.push(
      'Purchases per year = quantity / expected lifetime of the reference item; personal devices (BYOD) cost 0 €.',
    )
    return {
      baseline: baselineTotals,
      scenario: toTotals(totalScenario, criteria, seenMask),
      savings: savingsOf(totalBaseline, totalScenario, criteria, seenMask),
      byLever,
      byGroup,
      assumptions,
    }
  }

  const leverAssumptions = (lever: Lever, leverIndex: number, monitorsRemoved: Float64Array): string[] => {
    const counters = pipeline.counters
    switch (lever.id) {
      case 'lifetime-extension': {
        const lines: string[] = []
        for (const compiled of [...counters.compiledItems.values()].sort((a, b) =>
          a.item.id.localeCompare(b.item.id),
        )) {
          const quantity = compiled.affectedQuantityByLever[leverIndex]!
          if (quantity === 0) continue
          const expected = compiled.expectedLifetimeYears
          lines.push(
            `${formatNumber(quantity)} × "${compiled.item.id}" (${compiled.item.category}): expected lifetime ` +
              `${formatNumber(expected)} → ${formatNumber(expected + lever.years)} years, embodied and purchases × ` +
              `${formatNumber(lifetimeExtensionFactor(expected, lever.years))} (lifetime source: ` +
              `${compiled.item.lifetimeYears.source}).`,
          )
        }
        return lines
      }
      case 'power-off': {
        const base = leverIndex * POWER_OFF_COUNTERS.length
        const quantity = (name: (typeof POWER_OFF_COUNTERS)[number]): number =>
          counters.powerOffQuantities[base + POWER_OFF_COUNTERS.indexOf(name)]!
        const lines: string[] = []
        if (quantity('telemetry') > 0) {
          lines.push(
            `${formatNumber(quantity('telemetry'))} units: current powered hours measured by telemetry.`,
          )
        }
        if (quantity('reference-profile') > 0) {
          lines.push(
            `${formatNumber(quantity('reference-profile'))} units without telemetry: current hours taken from ` +
              "the reference item's usage profile (assumption).",
          )
        }
        if (quantity('lever-parameter') > 0) {
          lines.push(
            `${formatNumber(quantity('lever-parameter'))} units with inventory kWh and no telemetry: current hours ` +
              `${formatNumber(lever.currentHours ?? 0)} h/yr from the lever parameter.`,
          )
        }
        if (quantity('assumed-always-on') > 0) {
          lines.push(
            `${formatNumber(quantity('assumed-always-on'))} units with no telemetry and no usage profile: ` +
              'assumed always on, 8,760 h/yr (assumption; measure to confirm).',
          )
        }
        if (quantity('no-gain') > 0) {
          lines.push(
            `${formatNumber(quantity('no-gain'))} units already powered no more than ` +
              `${formatNumber(lever.targetHours)} h/yr: no gain counted.`,
          )
        }
        return lines
      }
      case 'fewer-screens':
        return [`${formatNumber(monitorsRemoved[leverIndex]!)} monitors removed over all groups.`]
      case 'device-substitution':
        return [
          `${formatNumber(counters.affectedQuantityByLever[leverIndex]!)} ${lever.from} units concerned; ` +
            `${formatNumber(lever.share)} of them computed as the ${lever.to} category's default item.`,
        ]
      default:
        return [`${formatNumber(counters.affectedQuantityByLever[leverIndex]!)} units changed.`]
    }
  }

  return { add, result }
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let index = 0; index < target.length; index += 1) target[index]! += source[index]!
}

function sumClasses(state: Float64Array, size: number): Float64Array {
  const sum = new Float64Array(size)
  for (let classIndex = 0; classIndex < CLASS_COUNT; classIndex += 1) {
    for (let index = 0; index < size; index += 1) sum[index]! += state[classIndex * size + index]!
  }
  return sum
}

function toTotals(values: Float64Array, criteria: readonly CriterionId[], seenMask: number): ScenarioTotals {
  const criterionTotals: Partial<Record<CriterionId, CriterionTotals>> = {}
  criteria.forEach((criterion, index) => {
    if ((seenMask & (1 << index)) === 0) return
    const base = index * PHASES_PER_CRITERION
    const phases = {} as PhaseValues
    let total = 0
    for (const phase of PHASE_IDS) {
      const value = values[base + PHASE_OFFSET[phase]]!
      phases[phase] = value
      total += value
    }
    criterionTotals[criterion] = { total, phases }
  })
  const count = criteria.length
  const purchaseEuros = values[tailIndex(count, 'purchaseEuros')]!
  const electricityEuros = values[tailIndex(count, 'electricityEuros')]!
  return {
    climateKgCo2e: criterionTotals['climate-change']?.total ?? 0,
    criteria: criterionTotals,
    annualKwh: values[tailIndex(count, 'plugKwh')]!,
    facilityKwh: values[tailIndex(count, 'facilityKwh')]!,
    quantity: values[tailIndex(count, 'quantity')]!,
    purchasesPerYear: values[tailIndex(count, 'purchasesPerYear')]!,
    purchaseEurosPerYear: purchaseEuros,
    electricityEurosPerYear: electricityEuros,
    eurosPerYear: purchaseEuros + electricityEuros,
  }
}

function climateOf(values: Float64Array, criteria: readonly CriterionId[]): number {
  const index = criteria.indexOf('climate-change')
  if (index < 0) return 0
  const base = index * PHASES_PER_CRITERION
  return values[base]! + values[base + 1]! + values[base + 2]! + values[base + 3]!
}

function savingsOfChange(
  change: Float64Array,
  baselineClimate: number,
  criteria: readonly CriterionId[],
  seenMask: number,
): ScenarioSavings {
  const count = criteria.length
  const saved = new Float64Array(change.length)
  for (let index = 0; index < change.length; index += 1) saved[index] = 0 - change[index]!
  const byCriterion = toTotals(saved, criteria, seenMask).criteria
  const climate = 0 - climateOf(change, criteria)
  const purchaseEuros = 0 - change[tailIndex(count, 'purchaseEuros')]!
  const electricityEuros = 0 - change[tailIndex(count, 'electricityEuros')]!
  return {
    climateKgCo2e: climate,
    climateShare: baselineClimate === 0 ? 0 : climate / baselineClimate,
    kwh: 0 - change[tailIndex(count, 'facilityKwh')]!,
    euros: purchaseEuros + electricityEuros,
    purchaseEuros,
    electricityEuros,
    byCriterion,
  }
}

function savingsOf(
  baseline: Float64Array,
  scenario: Float64Array,
  criteria: readonly CriterionId[],
  seenMask: number,
): ScenarioSavings {
  const change = new Float64Array(baseline.length)
  for (let index = 0; index < change.length; index += 1) change[index] = scenario[index]! - baseline[index]!
  return savingsOfChange(change, climateOf(baseline, criteria), criteria, seenMask)
}
