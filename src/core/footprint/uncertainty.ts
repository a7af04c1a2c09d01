/**
 * Interval of a climate-change total (docs/methodology/uncertainty.md). Each factor family carries a relative
 * half-width (a ± range read from the spread between open sources, methodology §4.1/§4.3); defaults assumed
 * for the data widen it. Propagation:
 *   - assets of one category share their factors: within a (category, phase) group errors add linearly;
 *   - groups are independent of one another: their absolute errors add in quadrature;
 *   - every use phase shares the grid factor: its error adds linearly over all use, then in quadrature.
 *   embodied group g:  e_g = v_g × √(r_factor² + (s_g × r_lifetime)²)   s_g = share of units with a default lifetime
 *   use group g:       e_g = v_g × r_kwh
 *   grid:              e_grid = r_grid × Σ use
 *   halfWidth = √(Σ e_g² + e_grid²);  interval = [max(0, total − halfWidth), total + halfWidth]
 */
import type { CategoryId, PhaseId } from '../inventory/categories.js'
import type { Factor, Referential } from '../referential/referential.js'

export const UNCERTAINTY_FORMULA =
  'halfWidth = √(Σ_embodied (v × √(r_factor² + (s_lifetime × r_lifetime)²))² + Σ_use (v × r_kwh)² + (r_grid × Σ use)²)'

const SPREAD_SOURCE =
  'empreinte assumption from the spread of open sources, docs/methodology/uncertainty.md (methodology §4.1, §4.3)'

/** Relative half-widths (± share of the value) of each factor family, with the spread they are read from. */
export const RELATIVE_UNCERTAINTY = {
  embodiedFactor: {
    id: 'uncertainty/embodied-factor',
    value: 0.4,
    unit: 'ratio',
    source: SPREAD_SOURCE,
    note: 'ADEME vs manufacturer PCF medians (Boavizta): laptop 170 vs 236 kg (+39 %), desktop 203 vs 249–261 (+25 %), smartphone 77 vs 53 (−31 %)',
  },
  placeholderFactor: {
    id: 'uncertainty/placeholder-factor',
    value: 1,
    unit: 'ratio',
    source: SPREAD_SOURCE,
    note: 'no open figure (desk phones, enterprise switches, access points): ±100 %',
  },
  defaultLifetime: {
    id: 'uncertainty/default-lifetime',
    value: 0.25,
    unit: 'ratio',
    source: SPREAD_SOURCE,
    note: 'category default lifetime when no purchase date: ADEME 5 y vs Boavizta/PCF 4 y for laptops (25 %)',
  },
  gridFactor: {
    id: 'uncertainty/grid-factor',
    value: 0.15,
    unit: 'ratio',
    source: SPREAD_SOURCE,
    note: 'France: ADEME 0.0519 vs Our World in Data / Ember 0.0553 (2023) and 0.0442 (2024) kgCO2e/kWh (±15 %)',
  },
  annualKwh: {
    id: 'uncertainty/annual-kwh',
    value: 0.5,
    unit: 'ratio',
    source: SPREAD_SOURCE,
    note: 'usage profiles vs measured typical energy: desktop 123 kWh/yr (70 W × 8 h × 220 d) vs TEC 33–57 kWh/yr',
  },
} as const satisfies Record<string, Factor>

/** The climate-change value of one (category, phase) group and what was assumed for it. */
export type UncertaintyGroup = {
  category: CategoryId
  phase: PhaseId
  valueKgCo2e: number
  /** Share of the group's units whose lifetime was a default (no purchase date), 0–1. */
  defaultLifetimeShare: number
  /** True when the category's embodied factor is a placeholder (no open figure). */
  isPlaceholder: boolean
}

export type ClimateInterval = {
  low: number
  high: number
  halfWidth: number
  /** halfWidth / total (0 when the total is 0). */
  relativeHalfWidth: number
  formula: string
  factors: Factor[]
}

/** The interval of the sum of the groups (see the header for the propagation rule). */
export function climateInterval(groups: readonly UncertaintyGroup[]): ClimateInterval {
  const r = RELATIVE_UNCERTAINTY
  let total = 0
  let variance = 0
  let useTotal = 0
  for (const group of groups) {
    const value = group.valueKgCo2e
    total += value
    if (group.phase === 'use') {
      useTotal += value
      variance += (value * r.annualKwh.value) ** 2
      continue
    }
    const factorShare = group.isPlaceholder ? r.placeholderFactor.value : r.embodiedFactor.value
    const lifetimeShare = group.defaultLifetimeShare * r.defaultLifetime.value
    variance += value ** 2 * (factorShare ** 2 + lifetimeShare ** 2)
  }
  variance += (r.gridFactor.value * useTotal) ** 2
  const halfWidth = Math.sqrt(variance)
  return {
    low: Math.max(0, total - halfWidth),
    high: total + halfWidth,
    halfWidth,
    relativeHalfWidth: total === 0 ? 0 : halfWidth / total,
    formula: UNCERTAINTY_FORMULA,
    factors: Object.values(r),
  }
}

/** True when the category's default item has a placeholder climate-change manufacturing factor (no open figure). */
export function isPlaceholderCategory(referential: Referential, category: CategoryId): boolean {
  const item = referential.items.get(referential.defaultItemByCategory[category])
  return item?.embodied['climate-change']?.manufacturing.isPlaceholder === true
}
