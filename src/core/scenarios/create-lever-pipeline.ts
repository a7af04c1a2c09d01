/**
 * Runs one inventory line through the footprint rules and then through each lever in order:
 *   baseline part = the footprint of the line (same formulas as compute-footprint.ts: embodied q × F × u / L,
 *                   use q × kWh × mix × pue × u) + kWh, purchases/yr = q / Lexp, purchase € = purchases × price,
 *                   electricity € = kWh × pue × tariff
 *   lever j       = transforms the parts (a substitution splits a line in two) and reports each change
 * Shared by the scenario evaluator (hot path, no allocation per line) and by `explainScenarioAsset` (with traces).
 * See docs/methodology/levers.md.
 */
import type { CategoryId } from '../inventory/categories.js'
import type { FootprintContext, FootprintInput } from '../footprint/compute-footprint.js'
import { embodiedImpact } from '../footprint/embodied.js'
import { isUsableLifetime, lifetimeYearsOf } from '../footprint/lifetime.js'
import { createItemResolver } from '../footprint/resolve-reference-item.js'
import { lineAnnualKwh, pueOf, resolveElectricityMix, useImpact } from '../footprint/use-phase.js'
import { utilisationRateOf } from '../footprint/utilisation.js'
import { CRITERIA, type CriterionId, type ReferenceItem } from '../referential/referential.js'
import { applyCloudRegion, describeCloudRegion, isCloudRegionTarget } from './cloud-region.js'
import { applyDatacenterPue, describeDatacenterPue, isDatacenterPueTarget } from './datacenter-pue.js'
import {
  applyDeviceSubstitution,
  describeDeviceSubstitution,
  isDeviceSubstitutionTarget,
} from './device-substitution.js'
import type { EconomicAssumptions } from './economic-assumptions.js'
import type { DeviceSubstitutionLever, Lever } from './lever.js'
import {
  copyLeverPart,
  createLeverPart,
  PHASE_OFFSET,
  PHASES_PER_CRITERION,
  tailIndex,
  vectorSize,
  type LeverPart,
} from './lever-part.js'
import {
  applyLifetimeExtension,
  describeLifetimeExtension,
  isLifetimeExtensionTarget,
} from './lifetime-extension.js'
import {
  applyPowerOff,
  currentHoursOf,
  currentHoursOrigin,
  describePowerOff,
  isPowerOffTarget,
  powerOffFactor,
} from './power-off.js'
import {
  applyPrinterConsolidation,
  describePrinterConsolidation,
  isPrinterConsolidationTarget,
} from './printer-consolidation.js'
import {
  applyRefurbishedShare,
  describeRefurbishedShare,
  isRefurbishedShareTarget,
} from './refurbished-share.js'
import {
  applyServerConsolidation,
  describeServerConsolidation,
  isServerConsolidationTarget,
} from './server-consolidation.js'

/** Receives the baseline part of a line and every change a lever makes. */
export type PipelineVisitor = {
  baseline(part: LeverPart): void
  /** `before` holds the part's values before lever `leverIndex` (all zeros for a part the lever created). */
  change(leverIndex: number, part: LeverPart, before: Float64Array): void
  /** Trace line of lever `leverIndex` for one part; only called when `wantsTrace` is true. */
  trace?(leverIndex: number, text: string): void
  wantsTrace: boolean
}

/** Where a power-off lever took the current hours of the quantities it looked at. */
export const POWER_OFF_COUNTERS = [
  'telemetry',
  'reference-profile',
  'lever-parameter',
  'assumed-always-on',
  'no-gain',
] as const
const POWER_OFF_COUNTER_COUNT = POWER_OFF_COUNTERS.length

/** A reference item with what the levers need, and what they did to it. */
export type CompiledItem = {
  item: ReferenceItem
  expectedLifetimeYears: number
  /** Powered hours behind the item's annual kWh profile (kWh × 1000 / W); null without a power figure. */
  profileHoursPerYear: number | null
  /** Per country: [manufacturing, distribution, end of life, electricity factor, has electricity] per criterion. */
  plansByCountry: Map<string, Float64Array>
  /** Per country: bit k set when criterion k has a factor (the footprint reports it). */
  masksByCountry: Map<string, number>
  /** Quantity of this item each lever changed. */
  affectedQuantityByLever: Float64Array
}

/** Counters the evaluator turns into assumption sentences. */
export type PipelineCounters = {
  affectedQuantityByLever: Float64Array
  /** POWER_OFF_COUNTERS per lever (quantities), used for power-off levers only. */
  powerOffQuantities: Float64Array
  categoriesWithoutPrice: Set<CategoryId>
  compiledItems: Map<string, CompiledItem>
}

/** A reusable line evaluator for one context and one ordered lever list. */
export type LeverPipeline = {
  criteria: readonly CriterionId[]
  vectorSize: number
  counters: PipelineCounters
  /** Bits of the criteria some line reported (bit k = criteria[k]). */
  seenCriteriaMask(): number
  /** `tariffEurosPerKwh` overrides the prices' tariff for this line (e.g. the organisation's own tariff). */
  run(
    input: FootprintInput,
    poweredHoursPerYear: number | null | undefined,
    visitor: PipelineVisitor,
    tariffEurosPerKwh?: number,
  ): void
}

const PLAN_STRIDE = 5
const WATT_HOURS_PER_KWH = 1000

/**
 * Criteria with an embodied factor on at least one item (climate change and water in the default referential),
 * in CRITERIA order. Criteria the electricity mixes alone carry (particulate matter, ionising radiation…) are
 * left to the footprint: each criterion costs one more vector per line, and the levers are stated in kgCO2e.
 */
export function criteriaOfReferential(context: FootprintContext): CriterionId[] {
  const present = new Set<CriterionId>(['climate-change'])
  for (const item of context.referential.items.values()) {
    for (const criterion of Object.keys(item.embodied) as CriterionId[]) present.add(criterion)
  }
  return (Object.keys(CRITERIA) as CriterionId[]).filter((criterion) => present.has(criterion))
}

/** Builds the pipeline: caches items per category and model, and factor plans per item and country. */
export function createLeverPipeline(
  context: FootprintContext,
  prices: EconomicAssumptions,
  levers: readonly Lever[],
): LeverPipeline {
  const { referential, referenceDay } = context
  const hypotheses = referential.hypotheses
  const defaultPue = hypotheses.defaultPue.value
  const hasMatching = referential.matching.size > 0
  const criteria = criteriaOfReferential(context)
  const criterionCount = criteria.length
  const size = vectorSize(criterionCount)
  const leverCount = levers.length
  const defaultTariff = prices.electricityEurosPerKwh
  let tariff = defaultTariff
  const plugIndex = tailIndex(criterionCount, 'plugKwh')
  const facilityIndex = tailIndex(criterionCount, 'facilityKwh')
  const quantityIndex = tailIndex(criterionCount, 'quantity')
  const purchasesIndex = tailIndex(criterionCount, 'purchasesPerYear')
  const purchaseEurosIndex = tailIndex(criterionCount, 'purchaseEuros')
  const electricityEurosIndex = tailIndex(criterionCount, 'electricityEuros')

  const counters: PipelineCounters = {
    affectedQuantityByLever: new Float64Array(leverCount),
    powerOffQuantities: new Float64Array(leverCount * POWER_OFF_COUNTER_COUNT),
    categoriesWithoutPrice: new Set(),
    compiledItems: new Map(),
  }
  let seenMask = 0

  const compile = (item: ReferenceItem): CompiledItem => {
    let compiled = counters.compiledItems.get(item.id)
    if (compiled === undefined) {
      const power = item.powerWatts?.value
      compiled = {
        item,
        expectedLifetimeYears: isUsableLifetime(item.lifetimeYears.value)
          ? item.lifetimeYears.value
          : hypotheses.defaultLifetimeYears.value,
        profileHoursPerYear:
          power !== undefined && power > 0 ? (item.annualKwh.value * WATT_HOURS_PER_KWH) / power : null,
        plansByCountry: new Map(),
        masksByCountry: new Map(),
        affectedQuantityByLever: new Float64Array(leverCount),
      }
      counters.compiledItems.set(item.id, compiled)
    }
    return compiled
  }

  const planOf = (compiled: CompiledItem, country: string): Float64Array => {
    let plan = compiled.plansByCountry.get(country)
    if (plan === undefined) {
      const mix = resolveElectricityMix(referential, country).mix
      const values = new Float64Array(criterionCount * PLAN_STRIDE)
      let mask = 0
      criteria.forEach((criterion, index) => {
        const embodied = compiled.item.embodied[criterion]
        const electricity = mix?.factors[criterion]
        if (embodied === undefined && electricity === undefined) return
        mask |= 1 << index
        values[index * PLAN_STRIDE] = embodied?.manufacturing.value ?? 0
        values[index * PLAN_STRIDE + 1] = embodied?.distribution.value ?? 0
        values[index * PLAN_STRIDE + 2] = embodied?.['end-of-life'].value ?? 0
        values[index * PLAN_STRIDE + 3] = electricity?.value ?? 0
        values[index * PLAN_STRIDE + 4] = electricity === undefined ? 0 : 1
      })
      plan = values
      compiled.plansByCountry.set(country, plan)
      compiled.masksByCountry.set(country, mask)
    }
    return plan
  }

  const resolver = createItemResolver(referential, compile)
  const categoryItem = resolver.byCategory
  const matched = resolver.byModel

  let lastCompiled: CompiledItem | null = null
  let lastCountry = ''
  let lastPlan: Float64Array = new Float64Array(0)
  /** Writes the footprint of `quantity` units of `compiled` into `part` (compute-footprint.ts formulas). */
  const fill = (
    part: LeverPart,
    compiled: CompiledItem,
    category: CategoryId,
    input: FootprintInput,
    quantity: number,
    lifetimeYears: number,
    measuredHours: number | null,
  ): void => {
    const item = compiled.item
    if (compiled !== lastCompiled || input.country !== lastCountry) {
      lastPlan = planOf(compiled, input.country)
      seenMask |= compiled.masksByCountry.get(input.country)!
      lastCompiled = compiled
      lastCountry = input.country
    }
    const plan = lastPlan
    const utilisationRate = utilisationRateOf(input.utilisationRate, input.ownership, hypotheses)
    const isMeasured = measuredHours !== null && item.powerWatts !== undefined
    const unitKwh =
      input.annualKwh !== null
        ? input.annualKwh
        : isMeasured
          ? (item.powerWatts!.value * measuredHours) / WATT_HOURS_PER_KWH
          : item.annualKwh.value
    const pue = pueOf(input.datacenterPue, defaultPue)
    const values = part.values
    for (let index = 0; index < criterionCount; index += 1) {
      const planBase = index * PLAN_STRIDE
      const base = index * PHASES_PER_CRITERION
      values[base + PHASE_OFFSET.manufacturing] = embodiedImpact(
        quantity,
        plan[planBase]!,
        utilisationRate,
        lifetimeYears,
      )
      values[base + PHASE_OFFSET.distribution] = embodiedImpact(
        quantity,
        plan[planBase + 1]!,
        utilisationRate,
        lifetimeYears,
      )
      values[base + PHASE_OFFSET['end-of-life']] = embodiedImpact(
        quantity,
        plan[planBase + 2]!,
        utilisationRate,
        lifetimeYears,
      )
      values[base + PHASE_OFFSET.use] =
        plan[planBase + 4] === 1 ? useImpact(quantity, unitKwh, plan[planBase + 3]!, pue, utilisationRate) : 0
    }
    const plugKwh = lineAnnualKwh(quantity, unitKwh, utilisationRate)
    const purchasesPerYear = quantity / compiled.expectedLifetimeYears
    const price = prices.unitPriceEurosByCategory[category]
    if (price === undefined) counters.categoriesWithoutPrice.add(category)
    values[plugIndex] = plugKwh
    values[facilityIndex] = plugKwh * pue
    values[quantityIndex] = quantity
    values[purchasesIndex] = purchasesPerYear
    values[purchaseEurosIndex] = input.ownership === 'personal' ? 0 : purchasesPerYear * (price ?? 0)
    values[electricityEurosIndex] = plugKwh * pue * tariff
    part.category = category
    part.referenceItemId = item.id
    part.expectedLifetimeYears = compiled.expectedLifetimeYears
    part.isInDatacenter = input.datacenterPue !== undefined
    part.pue = pue
    part.country = input.country
    if (measuredHours !== null && (input.annualKwh !== null || isMeasured)) {
      part.hoursOrigin = 'telemetry'
      part.knownHoursPerYear = measuredHours
    } else if (input.annualKwh === null && compiled.profileHoursPerYear !== null) {
      part.hoursOrigin = 'reference-profile'
      part.knownHoursPerYear = compiled.profileHoursPerYear
    } else {
      part.hoursOrigin = 'unknown'
      part.knownHoursPerYear = null
    }
  }

  const parts: LeverPart[] = [createLeverPart(criterionCount)]
  const partAt = (index: number): LeverPart => {
    while (parts.length <= index) parts.push(createLeverPart(criterionCount))
    return parts[index]!
  }
  const compiledOfPart: CompiledItem[] = []
  const before = new Float64Array(size)
  const zeros = new Float64Array(size)

  /** One lever compiled for the hot path: a cheap target test, then the in-place change. */
  type Step = {
    isTarget(part: LeverPart): boolean
    apply(part: LeverPart): void
    describe(part: LeverPart): string
  }
  const stepOf = (lever: Lever, leverIndex: number): Step | null => {
    switch (lever.id) {
      case 'lifetime-extension':
        return {
          isTarget: (part) => isLifetimeExtensionTarget(part, lever),
          apply: (part) => applyLifetimeExtension(part, lever),
          describe: (part) => describeLifetimeExtension(part, lever),
        }
      case 'power-off': {
        const counterBase = leverIndex * POWER_OFF_COUNTER_COUNT
        return {
          isTarget: (part) => {
            if (!isPowerOffTarget(part, lever)) return false
            // Count where the current hours come from for every concerned quantity, gain or not.
            const quantity = part.values[quantityIndex]!
            const origin = currentHoursOrigin(part, lever)
            counters.powerOffQuantities[counterBase + POWER_OFF_COUNTERS.indexOf(origin)]! += quantity
            if (powerOffFactor(currentHoursOf(part, lever), lever.targetHours) === 1) {
              counters.powerOffQuantities[counterBase + POWER_OFF_COUNTER_COUNT - 1]! += quantity
              return false
            }
            return true
          },
          apply: (part) => applyPowerOff(part, lever),
          describe: (part) => describePowerOff(part, lever),
        }
      }
      case 'refurbished-share':
        return {
          isTarget: (part) => isRefurbishedShareTarget(part, lever) && lever.share > 0,
          apply: (part) => applyRefurbishedShare(part, lever),
          describe: (part) => describeRefurbishedShare(part, lever),
        }
      case 'datacenter-pue':
        return {
          isTarget: (part) => isDatacenterPueTarget(part, lever),
          apply: (part) => applyDatacenterPue(part, lever),
          describe: (part) => describeDatacenterPue(part, lever),
        }
      case 'server-consolidation':
        return {
          isTarget: (part) => isServerConsolidationTarget(part, lever),
          apply: (part) => applyServerConsolidation(part, lever),
          describe: (part) => describeServerConsolidation(part, lever),
        }
      case 'printer-consolidation':
        return {
          isTarget: (part) => isPrinterConsolidationTarget(part, lever),
          apply: (part) => applyPrinterConsolidation(part, lever),
          describe: (part) => describePrinterConsolidation(part, lever),
        }
      case 'cloud-region': {
        const ratiosByCountry = new Map<string, Float64Array>()
        const ratiosOf = (country: string): Float64Array => {
          let ratios = ratiosByCountry.get(country)
          if (ratios === undefined) {
            const current = resolveElectricityMix(referential, country).mix
            const target = resolveElectricityMix(referential, lever.country).mix
            ratios = new Float64Array(criterionCount).fill(1)
            criteria.forEach((criterion, index) => {
              const from = current?.factors[criterion]?.value
              const to = target?.factors[criterion]?.value
              if (from !== undefined && to !== undefined && from > 0) ratios![index] = to / from
            })
            ratiosByCountry.set(country, ratios)
          }
          return ratios
        }
        const climateIndex = criteria.indexOf('climate-change')
        return {
          isTarget: (part) => isCloudRegionTarget(part, lever),
          apply: (part) => applyCloudRegion(part, lever, ratiosOf(part.country)),
          describe: (part) =>
            describeCloudRegion(part, lever, climateIndex < 0 ? 1 : ratiosOf(part.country)[climateIndex]!),
        }
      }
      case 'fewer-screens':
      case 'device-substitution':
        // fewer-screens is finished per group by the evaluator; substitution splits parts (see `run`).
        return null
    }
  }
  const steps = levers.map(stepOf)

  const substitute = (
    part: LeverPart,
    partIndex: number,
    partCount: number,
    lever: DeviceSubstitutionLever,
    leverIndex: number,
    input: FootprintInput,
    measuredHours: number | null,
    visitor: PipelineVisitor,
  ): void => {
    const quantity = part.values[quantityIndex]!
    const target = categoryItem(lever.to)
    if (visitor.wantsTrace)
      visitor.trace?.(leverIndex, describeDeviceSubstitution(part, lever, target.item.id))
    const created = partAt(partCount)
    // A new device: no dates and no inventory lifetime, so it is annualised over its expected lifetime.
    fill(
      created,
      target,
      lever.to,
      substituteInput(input),
      quantity,
      target.expectedLifetimeYears,
      measuredHours,
    )
    compiledOfPart[partCount] = target
    before.set(part.values)
    applyDeviceSubstitution(part, created, lever)
    visitor.change(leverIndex, part, before)
    visitor.change(leverIndex, created, zeros)
    counters.affectedQuantityByLever[leverIndex]! += quantity
    compiledOfPart[partIndex]!.affectedQuantityByLever[leverIndex]! += quantity
  }

  const run = (
    input: FootprintInput,
    poweredHoursPerYear: number | null | undefined,
    visitor: PipelineVisitor,
    tariffEurosPerKwh?: number,
  ): void => {
    tariff = tariffEurosPerKwh ?? defaultTariff
    const measuredHours = poweredHoursPerYear ?? input.poweredHoursPerYear ?? null
    let compiled: CompiledItem | null = null
    if (hasMatching && (input.manufacturer !== null || input.model !== null)) {
      compiled = matched(input.manufacturer, input.model)
    }
    if (compiled === null) compiled = categoryItem(input.category)
    const lifetimeYears = lifetimeYearsOf(input, compiled.item.lifetimeYears.value, hypotheses, referenceDay)
    const first = parts[0]!
    fill(first, compiled, input.category, input, input.quantity, lifetimeYears, measuredHours)
    compiledOfPart[0] = compiled
    let partCount = 1
    visitor.baseline(first)

    for (let leverIndex = 0; leverIndex < leverCount; leverIndex += 1) {
      const step = steps[leverIndex]!
      const lever = levers[leverIndex]!
      const count = partCount
      for (let partIndex = 0; partIndex < count; partIndex += 1) {
        const part = parts[partIndex]!
        if (step === null) {
          if (lever.id === 'device-substitution') {
            if (isDeviceSubstitutionTarget(part, lever)) {
              substitute(part, partIndex, partCount, lever, leverIndex, input, measuredHours, visitor)
              partCount += 1
            } else if (visitor.wantsTrace) {
              visitor.trace?.(leverIndex, describeDeviceSubstitution(part, lever, ''))
            }
          } else if (visitor.wantsTrace && part.category === 'monitor') {
            visitor.trace?.(
              leverIndex,
              'fewer-screens: fleet-level lever, applied per group once all lines are in',
            )
          }
          continue
        }
        if (visitor.wantsTrace) visitor.trace?.(leverIndex, step.describe(part))
        if (!step.isTarget(part)) continue
        const quantity = part.values[quantityIndex]!
        before.set(part.values)
        step.apply(part)
        visitor.change(leverIndex, part, before)
        counters.affectedQuantityByLever[leverIndex]! += quantity
        compiledOfPart[partIndex]!.affectedQuantityByLever[leverIndex]! += quantity
      }
    }
  }

  const scratch: FootprintInput = {
    category: 'other',
    manufacturer: null,
    model: null,
    quantity: 0,
    purchaseDay: null,
    retirementDay: null,
    lifetimeYears: null,
    annualKwh: null,
    poweredHoursPerYear: null,
    utilisationRate: null,
    ownership: null,
    country: '',
    datacenterPue: undefined,
  }
  /** The usage fields of `input` without its device-specific fields (dates, model, inventory kWh). */
  const substituteInput = (input: FootprintInput): FootprintInput => {
    scratch.utilisationRate = input.utilisationRate
    scratch.ownership = input.ownership
    scratch.country = input.country
    scratch.datacenterPue = input.datacenterPue
    return scratch
  }

  return {
    criteria,
    vectorSize: size,
    counters,
    seenCriteriaMask: () => seenMask,
    run,
  }
}

/** Copies a part (for callers that keep parts beyond one `run`). */
export function cloneLeverPart(part: LeverPart): LeverPart {
  const copy = createLeverPart(part.criterionCount)
  copyLeverPart(copy, part)
  return copy
}
