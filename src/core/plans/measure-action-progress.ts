/**
 * Measured gain of an action: the perimeter's footprint in the campaign before the start day (0) against the
 * latest campaign (1), decomposed per category c so that what changed for other reasons is set apart:
 *   X_c = footprint of category c (kgCO2e/yr or kWh/yr), Q_c = units, I_c = X_c / Q_c (per-unit intensity)
 *   volume_c    = (Q1_c − Q0_c) × I0_c          fleet size changed      (Q0_c = 0: volume_c = X1_c)
 *   intensity_c = Q1_c × (I1_c − I0_c)          per-unit intensity changed (Q0_c = 0: 0)
 *   X1_c − X0_c = volume_c + intensity_c        exact, no residual
 * The terms are taken apart for the embodied phases (manufacturing, distribution, end of life) and for the use
 * phase. The lever's channel says which terms are its own: intensity levers own the intensity terms of their
 * categories, for the phases they act on (lifetime extension and refurbished share: embodied; power-off and
 * datacenter PUE: use); volume levers (fewer screens, printer and server consolidation) own the volume terms of
 * theirs, every phase; a substitution owns both for its two categories. Every other term is "other reasons".
 * Saved = −change, so the parts add up to X0 − X1.
 * Telemetry before/after the start day (per device-day, ×365): powered = active + idle, so
 *   Δpowered = Δactive (other reasons: more or less work) + Δidle (what a power-off policy acts on)
 * See docs/methodology/action-tracking.md.
 */
import type { CategoryId } from '../inventory/categories.js'
import type { Lever } from '../scenarios/lever.js'

/** One category's annual figures in one campaign, for the perimeter (`useClimateKgCo2e` is part of the climate total). */
export type CategoryFigures = {
  category: CategoryId
  quantity: number
  climateKgCo2e: number
  useClimateKgCo2e: number
  facilityKwh: number
}

/** Telemetry of one period (before or after the start day), for the perimeter's devices. */
export type TelemetryPeriod = {
  devices: number
  deviceDays: number
  poweredHours: number
  /** Null when the files had no active-hours column. */
  activeHours: number | null
}

/** Which terms of the decomposition a lever owns: for which categories, and which phases' intensity. */
export type LeverChannel = {
  categories: CategoryId[]
  ownsVolume: boolean
  ownsIntensity: boolean
  /** The phases whose per-unit intensity the lever changes. */
  phases: 'embodied' | 'use' | 'all'
}

/** Saved per year (positive = less than before), split into the action's part and the other reasons. */
export type MeasuredSplit = {
  /** X0 − X1 over the perimeter. */
  total: number
  /** The terms the lever owns (see LeverChannel). */
  attributed: number
  /** Fleet size changes outside what the lever owns. */
  otherFleetSize: number
  /** Per-unit intensity changes outside what the lever owns (factors, mix, other changes). */
  otherIntensity: number
}

export type CategoryDecomposition = {
  category: CategoryId
  quantityBefore: number
  quantityAfter: number
  climateVolumeKgCo2e: number
  climateIntensityKgCo2e: number
  kwhVolume: number
  kwhIntensity: number
  isOwnedByLever: boolean
}

export type TelemetryComparison = {
  before: TelemetryPeriod & { poweredHoursPerYear: number; activeHoursPerYear: number | null }
  after: TelemetryPeriod & { poweredHoursPerYear: number; activeHoursPerYear: number | null }
  /** Powered hours per device per year, before − after. */
  poweredHoursSavedPerYear: number
  /** Idle (powered but not active) hours per device per year, before − after; null without active hours. */
  idleHoursSavedPerYear: number | null
  /** Active hours per device per year, before − after: other reasons; null without active hours. */
  activeHoursSavedPerYear: number | null
}

export type MeasuredProgress = {
  climateKgCo2e: MeasuredSplit
  facilityKwh: MeasuredSplit
  byCategory: CategoryDecomposition[]
  telemetry: TelemetryComparison | null
  trace: { formula: string[]; assumptions: string[] }
}

const DAYS_PER_YEAR = 365

/** The categories and terms a lever owns in the decomposition. */
export function leverChannel(lever: Lever): LeverChannel {
  switch (lever.id) {
    case 'lifetime-extension':
    case 'refurbished-share':
      return { categories: [...lever.categories], ownsVolume: false, ownsIntensity: true, phases: 'embodied' }
    case 'power-off':
      return { categories: [...lever.categories], ownsVolume: false, ownsIntensity: true, phases: 'use' }
    case 'datacenter-pue':
      return {
        categories: ['server', 'storage', 'network-switch', 'router', 'virtual-machine'],
        ownsVolume: false,
        ownsIntensity: true,
        phases: 'use',
      }
    case 'fewer-screens':
      return { categories: ['monitor'], ownsVolume: true, ownsIntensity: false, phases: 'all' }
    case 'server-consolidation':
      return { categories: ['server'], ownsVolume: true, ownsIntensity: false, phases: 'all' }
    case 'printer-consolidation':
      return { categories: ['printer'], ownsVolume: true, ownsIntensity: false, phases: 'all' }
    case 'device-substitution':
      return { categories: [lever.from, lever.to], ownsVolume: true, ownsIntensity: true, phases: 'all' }
    case 'cloud-region':
      return { categories: [...lever.categories], ownsVolume: false, ownsIntensity: true, phases: 'use' }
  }
}

/** Decomposes the change between two campaigns (and two telemetry periods) for one action. */
export function measureActionProgress(input: {
  channel: LeverChannel
  before: readonly CategoryFigures[]
  after: readonly CategoryFigures[]
  telemetry: { before: TelemetryPeriod; after: TelemetryPeriod } | null
}): MeasuredProgress {
  const owned = new Set(input.channel.categories)
  const categories = [
    ...new Set([...input.before.map((row) => row.category), ...input.after.map((row) => row.category)]),
  ].sort()
  const find = (list: readonly CategoryFigures[], category: CategoryId): CategoryFigures =>
    list.find((row) => row.category === category) ?? {
      category,
      quantity: 0,
      climateKgCo2e: 0,
      useClimateKgCo2e: 0,
      facilityKwh: 0,
    }
  const channel = input.channel
  const climate = emptySplit()
  const kwh = emptySplit()
  const byCategory: CategoryDecomposition[] = categories.map((category) => {
    const before = find(input.before, category)
    const after = find(input.after, category)
    const isOwned = owned.has(category)
    const embodiedTerms = terms(
      before.quantity,
      after.quantity,
      before.climateKgCo2e - before.useClimateKgCo2e,
      after.climateKgCo2e - after.useClimateKgCo2e,
    )
    const useTerms = terms(before.quantity, after.quantity, before.useClimateKgCo2e, after.useClimateKgCo2e)
    const kwhTerms = terms(before.quantity, after.quantity, before.facilityKwh, after.facilityKwh)
    addTerms(
      climate,
      embodiedTerms,
      isOwned,
      channel.ownsVolume,
      channel.ownsIntensity && channel.phases !== 'use',
    )
    addTerms(
      climate,
      useTerms,
      isOwned,
      channel.ownsVolume,
      channel.ownsIntensity && channel.phases !== 'embodied',
    )
    addTerms(
      kwh,
      kwhTerms,
      isOwned,
      channel.ownsVolume,
      channel.ownsIntensity && channel.phases !== 'embodied',
    )
    const climateTerms = {
      volume: embodiedTerms.volume + useTerms.volume,
      intensity: embodiedTerms.intensity + useTerms.intensity,
    }
    return {
      category,
      quantityBefore: before.quantity,
      quantityAfter: after.quantity,
      climateVolumeKgCo2e: climateTerms.volume,
      climateIntensityKgCo2e: climateTerms.intensity,
      kwhVolume: kwhTerms.volume,
      kwhIntensity: kwhTerms.intensity,
      isOwnedByLever: isOwned,
    }
  })
  const owns = [
    channel.ownsVolume ? 'fleet-size' : '',
    channel.ownsIntensity
      ? `per-unit intensity (${channel.phases === 'all' ? 'every phase' : `${channel.phases} phases`})`
      : '',
  ].filter((text) => text !== '')
  const assumptions = [
    `The lever owns the ${owns.join(' and ')} changes of ${channel.categories.join(', ')}; every other change is ` +
      'set apart as other reasons.',
    'Both campaigns are computed with their own referential: a factor update shows up as an intensity change.',
  ]
  let telemetry: TelemetryComparison | null = null
  if (input.telemetry !== null) {
    const before = annualise(input.telemetry.before)
    const after = annualise(input.telemetry.after)
    const hasActive = before.activeHoursPerYear !== null && after.activeHoursPerYear !== null
    const activeSaved = hasActive ? before.activeHoursPerYear! - after.activeHoursPerYear! : null
    const poweredSaved = before.poweredHoursPerYear - after.poweredHoursPerYear
    telemetry = {
      before,
      after,
      poweredHoursSavedPerYear: poweredSaved,
      idleHoursSavedPerYear: activeSaved === null ? null : poweredSaved - activeSaved,
      activeHoursSavedPerYear: activeSaved,
    }
    assumptions.push(
      'Telemetry: hours per device per year = hours of the period ÷ device-days × 365, devices of the perimeter ' +
        'matched by host name or serial number.',
    )
  }
  return {
    climateKgCo2e: climate,
    facilityKwh: kwh,
    byCategory,
    telemetry,
    trace: {
      formula: [
        'volume_c = (Q1_c − Q0_c) × X0_c / Q0_c; intensity_c = Q1_c × (X1_c / Q1_c − X0_c / Q0_c); X1_c − X0_c = volume_c + intensity_c',
        'saved = X0 − X1 = attributed + otherFleetSize + otherIntensity (each = − the sum of its terms)',
        'telemetry: Δpowered h/yr = Δactive (other reasons) + Δidle (power-off)',
      ],
      assumptions,
    },
  }
}

function emptySplit(): MeasuredSplit {
  return { total: 0, attributed: 0, otherFleetSize: 0, otherIntensity: 0 }
}

function terms(
  quantityBefore: number,
  quantityAfter: number,
  valueBefore: number,
  valueAfter: number,
): { volume: number; intensity: number } {
  if (quantityBefore === 0) return { volume: valueAfter - valueBefore, intensity: 0 }
  const intensityBefore = valueBefore / quantityBefore
  const volume = (quantityAfter - quantityBefore) * intensityBefore
  return { volume, intensity: valueAfter - valueBefore - volume }
}

function addTerms(
  split: MeasuredSplit,
  { volume, intensity }: { volume: number; intensity: number },
  isOwned: boolean,
  ownsVolume: boolean,
  ownsIntensity: boolean,
): void {
  split.total -= volume + intensity
  if (isOwned && ownsVolume) split.attributed -= volume
  else split.otherFleetSize -= volume
  if (isOwned && ownsIntensity) split.attributed -= intensity
  else split.otherIntensity -= intensity
}

function annualise(
  period: TelemetryPeriod,
): TelemetryPeriod & { poweredHoursPerYear: number; activeHoursPerYear: number | null } {
  const perDay = (hours: number): number =>
    period.deviceDays === 0 ? 0 : (hours / period.deviceDays) * DAYS_PER_YEAR
  return {
    ...period,
    poweredHoursPerYear: perDay(period.poweredHours),
    activeHoursPerYear: period.activeHours === null ? null : perDay(period.activeHours),
  }
}
