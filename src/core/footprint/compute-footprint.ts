/**
 * Footprint of one inventory line, per year, per criterion and phase (NumEcoEval rules, methodology §3.1):
 *   embodied(p, c) = quantity × F(p, c) × u / L                         p ∈ manufacturing, distribution, end of life
 *   use(c)         = quantity × kWh × mix(c, country) × pue × u
 * with L from lifetime.ts, u from utilisation.ts, kWh and pue from use-phase.ts.
 * See docs/methodology/footprint.md.
 */
import type { DayNumber, Ownership } from '../inventory/asset.js'
import { PHASE_IDS, type CategoryId, type PhaseId } from '../inventory/categories.js'
import {
  CRITERIA,
  type CriterionId,
  type ElectricityMix,
  type EmbodiedFactors,
  type Factor,
  type ReferenceItem,
  type Referential,
} from '../referential/referential.js'
import { EMBODIED_FORMULA, embodiedImpact } from './embodied.js'
import { describeLifetime, lifetimeYearsOf, resolveLifetime, type LifetimeResolution } from './lifetime.js'
import { createItemResolver, resolveReferenceItem, type MatchedBy } from './resolve-reference-item.js'
import type { AssetTrace, PhaseTrace, TraceInput } from './trace.js'
import { lineAnnualKwh, pueOf, resolveElectricityMix, USE_FORMULA, useImpact } from './use-phase.js'
import { utilisationFactor, utilisationOrigin, utilisationRateOf } from './utilisation.js'

export type FootprintInput = {
  category: CategoryId
  manufacturer: string | null
  model: string | null
  quantity: number
  purchaseDay: DayNumber | null
  retirementDay: DayNumber | null
  lifetimeYears: number | null
  annualKwh: number | null
  /** Measured powered-on hours per year (telemetry); with the item's power it replaces the profile. */
  poweredHoursPerYear?: number | null
  utilisationRate: number | null
  ownership: Ownership | null
  country: string
  /** undefined = not hosted in a datacenter (no PUE); null = in a datacenter whose PUE is unknown (default PUE) */
  datacenterPue: number | null | undefined
  /** A climate-change electricity factor set for the asset's organisation or site (electricity-override.ts). */
  electricityOverride?: Factor | null
}

export type FootprintContext = { referential: Referential; referenceDay: DayNumber }

export type PhaseValues = Record<PhaseId, number>

export type AssetFootprint = {
  referenceItemId: string
  matchedBy: MatchedBy
  lifetimeYears: number
  /** electricity at the plug for the whole line, kWh/yr (quantity × unit kWh × utilisation), before PUE */
  annualKwh: number
  impacts: Partial<Record<CriterionId, PhaseValues>>
}

/** The factors one criterion uses for one item in one country, with their values unpacked for the hot path. */
type CriterionPlan = {
  criterion: CriterionId
  embodied: EmbodiedFactors | undefined
  electricity: Factor | undefined
  manufacturing: number
  distribution: number
  endOfLife: number
  electricityFactor: number
  hasElectricity: boolean
}

const CRITERION_IDS = Object.keys(CRITERIA) as CriterionId[]

/**
 * Criteria with an embodied factor for the item or an electricity factor in the mix, in CRITERIA order; an
 * override replaces the mix's climate-change factor.
 */
function planCriteria(
  item: ReferenceItem,
  mix: ElectricityMix | undefined,
  override: Factor | null = null,
): CriterionPlan[] {
  const plans: CriterionPlan[] = []
  for (const criterion of CRITERION_IDS) {
    const embodied = item.embodied[criterion]
    const electricity =
      criterion === 'climate-change' && override !== null ? override : mix?.factors[criterion]
    if (embodied === undefined && electricity === undefined) continue
    plans.push({
      criterion,
      embodied,
      electricity,
      // A missing embodied factor counts 0 (the trace says "no factor").
      manufacturing: embodied?.manufacturing.value ?? 0,
      distribution: embodied?.distribution.value ?? 0,
      endOfLife: embodied?.['end-of-life'].value ?? 0,
      electricityFactor: electricity?.value ?? 0,
      hasElectricity: electricity !== undefined,
    })
  }
  return plans
}

const WATT_HOURS_PER_KWH = 1000

function isMeasured(input: FootprintInput, item: ReferenceItem): boolean {
  return (
    input.poweredHoursPerYear !== undefined &&
    input.poweredHoursPerYear !== null &&
    item.powerWatts !== undefined
  )
}

/**
 * Electricity of one unit, kWh/yr: the inventory's figure, else the item's power × measured powered hours
 * (telemetry), else the item's annual profile.
 */
export function unitKwhOf(input: FootprintInput, item: ReferenceItem): number {
  if (input.annualKwh !== null) return input.annualKwh
  if (isMeasured(input, item))
    return (item.powerWatts!.value * input.poweredHoursPerYear!) / WATT_HOURS_PER_KWH
  return item.annualKwh.value
}

/** The four phase values of one criterion; the single place both compute and explain take numbers from. */
function phaseValues(
  plan: CriterionPlan,
  quantity: number,
  utilisationRate: number,
  lifetimeYears: number,
  unitAnnualKwh: number,
  pue: number,
): PhaseValues {
  return {
    manufacturing: embodiedImpact(quantity, plan.manufacturing, utilisationRate, lifetimeYears),
    distribution: embodiedImpact(quantity, plan.distribution, utilisationRate, lifetimeYears),
    use: plan.hasElectricity
      ? useImpact(quantity, unitAnnualKwh, plan.electricityFactor, pue, utilisationRate)
      : 0,
    'end-of-life': embodiedImpact(quantity, plan.endOfLife, utilisationRate, lifetimeYears),
  }
}

type CompiledItem = {
  item: ReferenceItem
  plansByCountry: Map<string, CriterionPlan[]>
}

/**
 * A reusable, allocation-light calculator for many lines under one context: caches the resolved item per
 * category and per (manufacturer, model), and the criterion plans per (item, country).
 */
export function createFootprintCalculator(
  context: FootprintContext,
): (input: FootprintInput) => AssetFootprint {
  const { referential, referenceDay } = context
  const hypotheses = referential.hypotheses
  const defaultPue = hypotheses.defaultPue.value
  const hasMatching = referential.matching.size > 0
  const resolver = createItemResolver<CompiledItem>(referential, (item) => ({
    item,
    plansByCountry: new Map(),
  }))
  const matched = resolver.byModel
  const categoryItem = resolver.byCategory

  const plansFor = (compiled: CompiledItem, country: string, override: Factor | null): CriterionPlan[] => {
    const key = override === null ? country : `${country}\u0000${override.id}`
    let plans = compiled.plansByCountry.get(key)
    if (plans === undefined) {
      plans = planCriteria(compiled.item, resolveElectricityMix(referential, country).mix, override)
      compiled.plansByCountry.set(key, plans)
    }
    return plans
  }

  return (input) => {
    let matchedBy: MatchedBy = 'category-default'
    let compiled: CompiledItem | null = null
    if (hasMatching && (input.manufacturer !== null || input.model !== null)) {
      compiled = matched(input.manufacturer, input.model)
      if (compiled !== null) matchedBy = 'model'
    }
    if (compiled === null) compiled = categoryItem(input.category)
    const item = compiled.item
    const lifetimeYears = lifetimeYearsOf(input, item.lifetimeYears.value, hypotheses, referenceDay)
    const utilisationRate = utilisationRateOf(input.utilisationRate, input.ownership, hypotheses)
    const unitAnnualKwh = unitKwhOf(input, item)
    const pue = pueOf(input.datacenterPue, defaultPue)
    const quantity = input.quantity
    const impacts: Partial<Record<CriterionId, PhaseValues>> = {}
    for (const plan of plansFor(compiled, input.country, input.electricityOverride ?? null)) {
      impacts[plan.criterion] = phaseValues(
        plan,
        quantity,
        utilisationRate,
        lifetimeYears,
        unitAnnualKwh,
        pue,
      )
    }
    return {
      referenceItemId: item.id,
      matchedBy,
      lifetimeYears,
      annualKwh: lineAnnualKwh(quantity, unitAnnualKwh, utilisationRate),
      impacts,
    }
  }
}

/** Annual footprint of one inventory line (for many lines, reuse `createFootprintCalculator`). */
export function computeAssetFootprint(input: FootprintInput, context: FootprintContext): AssetFootprint {
  return createFootprintCalculator(context)(input)
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(6)))
}

function lifetimeInput(
  lifetime: LifetimeResolution,
  item: ReferenceItem,
  context: FootprintContext,
  note: string,
): TraceInput {
  const base = { name: 'lifetimeYears', value: lifetime.years, unit: 'years', note }
  switch (lifetime.method) {
    case 'dates':
      return { ...base, origin: 'computed' }
    case 'inventory':
      return { ...base, origin: 'inventory' }
    case 'category-default':
      return { ...base, origin: 'referential', factor: item.lifetimeYears }
    case 'global-default':
      return { ...base, origin: 'default', factor: context.referential.hypotheses.defaultLifetimeYears }
  }
}

/** Footprint of one line together with its trace: item, lifetime rule, defaults assumed, one formula per figure. */
export function explainAssetFootprint(
  input: FootprintInput,
  context: FootprintContext,
): { footprint: AssetFootprint; trace: AssetTrace } {
  const { referential, referenceDay } = context
  const hypotheses = referential.hypotheses
  const defaultsAssumed: string[] = []
  const placeholderIds = new Set<string>()
  const notePlaceholder = (factor: Factor | undefined): void => {
    if (factor?.isPlaceholder === true) placeholderIds.add(factor.id)
  }

  const { item, matchedBy } = resolveReferenceItem(
    referential,
    input.category,
    input.manufacturer,
    input.model,
  )
  if (matchedBy === 'category-default') {
    const modelText = [input.manufacturer, input.model].filter((text) => text !== null).join(' ')
    const reason = modelText === '' ? 'no model given' : `model "${modelText}" not matched`
    defaultsAssumed.push(`reference item: category default "${item.id}" for ${input.category} (${reason})`)
  }

  const lifetime = resolveLifetime(input, item.lifetimeYears.value, hypotheses, referenceDay)
  const lifetimeNote = describeLifetime(input, lifetime, referenceDay, item.id)
  if (lifetime.method === 'category-default') {
    notePlaceholder(item.lifetimeYears)
    defaultsAssumed.push(
      `lifetime: category default ${formatNumber(lifetime.rawYears)} years (no purchase date)`,
    )
  } else if (lifetime.method === 'global-default') {
    defaultsAssumed.push(
      `lifetime: global default ${formatNumber(lifetime.rawYears)} years (no purchase date, no item lifetime)`,
    )
  }
  if (lifetime.isClamped) {
    defaultsAssumed.push(
      `lifetime: ${formatNumber(lifetime.rawYears)} years raised to the minimum of ${formatNumber(lifetime.years)} year(s)`,
    )
  }

  const utilisationRate = utilisationRateOf(input.utilisationRate, input.ownership, hypotheses)
  const utilisationSource = utilisationOrigin(input.utilisationRate, input.ownership)
  const utilisationHypothesis = utilisationFactor(utilisationSource, hypotheses)
  let utilisationNote: string
  switch (utilisationSource) {
    case 'inventory':
      utilisationNote = 'utilisation rate given in the inventory'
      break
    case 'company':
      utilisationNote = 'company-owned equipment: NumEcoEval COPE rate'
      break
    case 'personal':
      utilisationNote = 'personal equipment: NumEcoEval BYOD rate'
      break
    case 'none':
      utilisationNote = 'no utilisation rate and no ownership: full use'
      break
  }
  if (utilisationSource !== 'inventory') {
    defaultsAssumed.push(`utilisation rate: ${formatNumber(utilisationRate)} (${utilisationNote})`)
  }
  const utilisationInput: TraceInput = {
    name: 'utilisationRate',
    value: utilisationRate,
    unit: 'ratio',
    origin: utilisationSource === 'inventory' ? 'inventory' : 'default',
    note: utilisationNote,
    ...(utilisationHypothesis === undefined ? {} : { factor: utilisationHypothesis }),
  }

  const isInventoryKwh = input.annualKwh !== null
  const unitAnnualKwh = unitKwhOf(input, item)
  const isMeasuredHours = input.annualKwh === null && isMeasured(input, item)
  const pue = pueOf(input.datacenterPue, hypotheses.defaultPue.value)
  if (input.datacenterPue === null) {
    defaultsAssumed.push(`PUE: default ${formatNumber(pue)} (datacenter PUE unknown)`)
  }
  const { mix, isWorldFallback } = resolveElectricityMix(referential, input.country)
  if (isWorldFallback) {
    defaultsAssumed.push(
      mix === undefined
        ? `electricity mix: none for country "${input.country}" and no world mix in the referential`
        : `electricity mix: world average "${mix.country}" (no mix for country "${input.country}")`,
    )
  }

  const override = input.electricityOverride ?? null
  const plans = planCriteria(item, mix, override)
  const usesElectricity = plans.some((plan) => plan.electricity !== undefined)
  if (!isInventoryKwh && isMeasuredHours && usesElectricity) {
    defaultsAssumed.push(
      `annual electricity: reference power ${formatNumber(item.powerWatts!.value)} W × measured ${formatNumber(input.poweredHoursPerYear!)} powered hours/yr`,
    )
  } else if (!isInventoryKwh && usesElectricity) {
    notePlaceholder(item.annualKwh)
    defaultsAssumed.push(
      `annual electricity: reference item default ${formatNumber(unitAnnualKwh)} kWh/yr per unit (none in the inventory)`,
    )
  }

  const quantityInput: TraceInput = {
    name: 'quantity',
    value: input.quantity,
    unit: 'units',
    origin: 'inventory',
  }
  const lifetimeTraceInput = lifetimeInput(lifetime, item, context, lifetimeNote)
  const kwhInput: TraceInput = isInventoryKwh
    ? { name: 'annualKwh', value: unitAnnualKwh, unit: 'kWh/yr', origin: 'inventory' }
    : isMeasuredHours
      ? {
          name: 'annualKwh',
          value: unitAnnualKwh,
          unit: 'kWh/yr',
          origin: 'computed',
          factor: item.powerWatts!,
          note: `${formatNumber(item.powerWatts!.value)} W × ${formatNumber(input.poweredHoursPerYear!)} h/yr measured by telemetry`,
        }
      : {
          name: 'annualKwh',
          value: unitAnnualKwh,
          unit: 'kWh/yr',
          origin: 'referential',
          factor: item.annualKwh,
        }
  const pueInput: TraceInput =
    input.datacenterPue === undefined
      ? {
          name: 'pue',
          value: pue,
          unit: 'ratio',
          origin: 'computed',
          note: 'not hosted in a datacenter: no PUE',
        }
      : input.datacenterPue === null
        ? { name: 'pue', value: pue, unit: 'ratio', origin: 'default', factor: hypotheses.defaultPue }
        : {
            name: 'pue',
            value: pue,
            unit: 'ratio',
            origin: 'inventory',
            note: 'PUE of the hosting datacenter',
          }

  const impacts: Partial<Record<CriterionId, PhaseValues>> = {}
  const phases: PhaseTrace[] = []
  for (const plan of plans) {
    const values = phaseValues(plan, input.quantity, utilisationRate, lifetime.years, unitAnnualKwh, pue)
    impacts[plan.criterion] = values
    const unit = `${CRITERIA[plan.criterion].unit}/yr`
    for (const phase of PHASE_IDS) {
      const value = values[phase]
      if (phase === 'use') {
        const electricity = plan.electricity
        if (electricity === undefined) {
          phases.push({
            phase,
            criterion: plan.criterion,
            formula: `no factor: the referential has no ${plan.criterion} electricity factor for "${input.country}"`,
            inputs: [],
            value,
            unit,
          })
          continue
        }
        const isOverride = override !== null && electricity === override
        phases.push({
          phase,
          criterion: plan.criterion,
          formula: USE_FORMULA,
          inputs: [
            quantityInput,
            kwhInput,
            {
              name: 'electricityFactor',
              value: electricity.value,
              unit: electricity.unit,
              origin: isOverride ? 'override' : isWorldFallback ? 'default' : 'referential',
              factor: electricity,
              note: isOverride
                ? `override for this organisation or site (country "${input.country}")`
                : isWorldFallback
                  ? `world fallback for country "${input.country}"`
                  : `country "${input.country}"`,
            },
            pueInput,
            utilisationInput,
          ],
          value,
          unit,
        })
        continue
      }
      const factor = plan.embodied?.[phase]
      if (factor === undefined) {
        phases.push({
          phase,
          criterion: plan.criterion,
          formula: `no factor: reference item "${item.id}" has no ${plan.criterion} ${phase} factor`,
          inputs: [],
          value,
          unit,
        })
        continue
      }
      notePlaceholder(factor)
      phases.push({
        phase,
        criterion: plan.criterion,
        formula: EMBODIED_FORMULA,
        inputs: [
          quantityInput,
          { name: 'factor', value: factor.value, unit: factor.unit, origin: 'referential', factor },
          utilisationInput,
          lifetimeTraceInput,
        ],
        value,
        unit,
      })
    }
  }
  if (placeholderIds.size > 0) {
    defaultsAssumed.push(`placeholder factors (no open figure): ${[...placeholderIds].join(', ')}`)
  }

  const footprint: AssetFootprint = {
    referenceItemId: item.id,
    matchedBy,
    lifetimeYears: lifetime.years,
    annualKwh: lineAnnualKwh(input.quantity, unitAnnualKwh, utilisationRate),
    impacts,
  }
  const trace: AssetTrace = {
    referential: `${referential.id}@${referential.version}`,
    referenceItemId: item.id,
    matchedBy,
    lifetime: { years: lifetime.years, method: lifetime.method, note: lifetimeNote },
    defaultsAssumed,
    phases,
  }
  return { footprint, trace }
}
