/**
 * The numbers a lever works on: one asset line (or the share of it a substitution split off) as a flat vector
 *   [criterion 0: manufacturing, distribution, use, end of life, criterion 1: …, plug kWh, facility kWh,
 *    quantity, purchases/yr, purchase €/yr, electricity €/yr]
 * Levers scale parts of this vector, so the scenario evaluator can run a million lines without allocating.
 * See docs/methodology/levers.md.
 */
import type { CategoryId } from '../inventory/categories.js'

/** Offsets of a phase inside one criterion's block of four values. */
export const PHASE_OFFSET = { manufacturing: 0, distribution: 1, use: 2, 'end-of-life': 3 } as const
export const PHASES_PER_CRITERION = 4

/** Offsets of the non-impact values, after the criterion blocks. */
export const TAIL_OFFSET = {
  plugKwh: 0,
  facilityKwh: 1,
  quantity: 2,
  purchasesPerYear: 3,
  purchaseEuros: 4,
  electricityEuros: 5,
} as const
export const TAIL_SIZE = 6

/** Where the powered hours behind a part's kWh are known from: telemetry, the reference item's profile, or not at all. */
export type HoursOrigin = 'telemetry' | 'reference-profile' | 'unknown'

/** One asset line (or part of it) under evaluation. */
export type LeverPart = {
  category: CategoryId
  referenceItemId: string
  /** Expected lifetime of the reference item, years: the renewal cycle. */
  expectedLifetimeYears: number
  /** Where `knownHoursPerYear` comes from. */
  hoursOrigin: HoursOrigin
  /** Powered hours per year the kWh stand for: measured, or the reference profile's; null when unknown. */
  knownHoursPerYear: number | null
  /** True when hosted in a datacenter (PUE applies). */
  isInDatacenter: boolean
  /** PUE applied to the use phase (1 outside a datacenter). */
  pue: number
  /** Country whose grid factors the use phase was computed with. */
  country: string
  /** Number of criterion blocks; the tail starts at `criterionCount × 4`. */
  criterionCount: number
  values: Float64Array
}

/** Vector length for `criterionCount` criteria. */
export function vectorSize(criterionCount: number): number {
  return criterionCount * PHASES_PER_CRITERION + TAIL_SIZE
}

/** Index of a tail value in a part's vector. */
export function tailIndex(criterionCount: number, name: keyof typeof TAIL_OFFSET): number {
  return criterionCount * PHASES_PER_CRITERION + TAIL_OFFSET[name]
}

/** An empty part for `criterionCount` criteria. */
export function createLeverPart(criterionCount: number): LeverPart {
  return {
    category: 'other',
    referenceItemId: '',
    expectedLifetimeYears: 1,
    hoursOrigin: 'unknown',
    knownHoursPerYear: null,
    isInDatacenter: false,
    pue: 1,
    country: '',
    criterionCount,
    values: new Float64Array(vectorSize(criterionCount)),
  }
}

/** Copies every field of `source` into `target` (same criterion count). */
export function copyLeverPart(target: LeverPart, source: LeverPart): void {
  target.category = source.category
  target.referenceItemId = source.referenceItemId
  target.expectedLifetimeYears = source.expectedLifetimeYears
  target.hoursOrigin = source.hoursOrigin
  target.knownHoursPerYear = source.knownHoursPerYear
  target.isInDatacenter = source.isInDatacenter
  target.pue = source.pue
  target.country = source.country
  target.values.set(source.values)
}

/** Multiplies the manufacturing, distribution and end-of-life values of every criterion by `factor`. */
export function scaleEmbodied(part: LeverPart, factor: number): void {
  const values = part.values
  for (let base = 0; base < part.criterionCount * PHASES_PER_CRITERION; base += PHASES_PER_CRITERION) {
    values[base + PHASE_OFFSET.manufacturing] *= factor
    values[base + PHASE_OFFSET.distribution] *= factor
    values[base + PHASE_OFFSET['end-of-life']] *= factor
  }
}

/** Multiplies the manufacturing value of every criterion by `factor`. */
export function scaleManufacturing(part: LeverPart, factor: number): void {
  const values = part.values
  for (let base = 0; base < part.criterionCount * PHASES_PER_CRITERION; base += PHASES_PER_CRITERION) {
    values[base + PHASE_OFFSET.manufacturing] *= factor
  }
}

/** Multiplies the use-phase value of every criterion by `factor`. */
export function scaleUse(part: LeverPart, factor: number): void {
  const values = part.values
  for (let base = 0; base < part.criterionCount * PHASES_PER_CRITERION; base += PHASES_PER_CRITERION) {
    values[base + PHASE_OFFSET.use] *= factor
  }
}

/** Multiplies one tail value (`offset` from TAIL_OFFSET) by `factor`. */
export function scaleTail(part: LeverPart, offset: number, factor: number): void {
  part.values[part.criterionCount * PHASES_PER_CRITERION + offset] *= factor
}

/** Reads one tail value. */
export function tailValue(part: LeverPart, name: keyof typeof TAIL_OFFSET): number {
  return part.values[tailIndex(part.criterionCount, name)]
}

/** Multiplies every value (impacts, kWh, quantity, purchases, euros) by `factor`: fewer devices. */
export function scaleQuantity(part: LeverPart, factor: number): void {
  const values = part.values
  for (let index = 0; index < values.length; index += 1) values[index] *= factor
}

/** Sum of one phase over the criterion whose block index is `criterionIndex`. */
export function phaseValue(
  part: LeverPart,
  criterionIndex: number,
  phase: keyof typeof PHASE_OFFSET,
): number {
  return part.values[criterionIndex * PHASES_PER_CRITERION + PHASE_OFFSET[phase]]
}

/** Short text for traces: "1,234.5" style is left to the UI; numbers keep 6 decimals at most. */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(6)))
}
