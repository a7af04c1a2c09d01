/**
 * Outlier rules of the data-quality report (docs/formats.md#outliers). Each rule flags a value that is
 * possible to store but unlikely to be true, so that a person checks it at the source. An outlier is not an
 * error: the asset stays in the footprint as imported.
 *
 *   power        annualKwh ≤ 0, or annualKwh > 5 × typical, or annualKwh < typical / 5
 *                (typical = the annual kWh of the reference item the asset was matched to)
 *   future date  purchase day > campaign reference day
 *   lifetime     (reference day − purchase day) / 365.25 > 15 years, or declared lifetime > 15 years
 *   quantity     quantity > 1,000 on one line, or a quantity that is not a whole number (devices only)
 */
import type { AssetField, DayNumber } from '../inventory/asset.js'
import type { CategoryId } from '../inventory/categories.js'

/**
 * A declared yearly energy more than 5 times (or less than a fifth of) the reference item's typical value.
 * Within one category real devices differ by about 2–3× between efficient and power-hungry models, and by
 * about 3× between an 8 h/day office profile and 24 h/day use; a factor 5 leaves room for both, while the
 * usual unit mistakes land far outside it (Wh typed as kWh is ×1,000; a power in W typed as kWh/yr is
 * ÷8.76 for a device on all year). It is a screening threshold, not a physical bound.
 */
export const ANNUAL_KWH_OUTLIER_FACTOR = 5
/**
 * Years between purchase and the reference day (or declared lifetime) above which a date is suspect:
 * the referential's default lifetimes run from 3–5 years (phones, laptops) to 6–8 years (servers, network),
 * and the import already warns above 15 years of declared lifetime (src/core/inventory/normalise-row.ts).
 * Past 15 years, a placeholder date (01/01/1900, 1970), a two-digit year read in the wrong century, or a
 * device kept out of service is a likelier explanation than a device in use.
 */
export const MAXIMUM_PLAUSIBLE_AGE_YEARS = 15
/**
 * One inventory line normally counts the units of one model at one site; above 1,000 units a serial number
 * or an order number pasted in the quantity column is likelier than a real bulk line. Quantities ≤ 0 never
 * reach this rule: the import rejects them (`negative_quantity`).
 */
export const MAXIMUM_PLAUSIBLE_QUANTITY = 1000
/** Days per year, the same average year the footprint uses for ages. */
const DAYS_PER_YEAR = 365.25

export type OutlierKind = 'power' | 'future-date' | 'lifetime' | 'quantity'

export type OutlierRuleId =
  | 'annual-kwh-not-positive'
  | 'annual-kwh-above-typical'
  | 'annual-kwh-below-typical'
  | 'purchase-after-reference'
  | 'age-over-15-years'
  | 'declared-lifetime-over-15-years'
  | 'quantity-over-1000'
  | 'quantity-not-whole'

export const OUTLIER_KIND_OF: Readonly<Record<OutlierRuleId, OutlierKind>> = {
  'annual-kwh-not-positive': 'power',
  'annual-kwh-above-typical': 'power',
  'annual-kwh-below-typical': 'power',
  'purchase-after-reference': 'future-date',
  'age-over-15-years': 'lifetime',
  'declared-lifetime-over-15-years': 'lifetime',
  'quantity-over-1000': 'quantity',
  'quantity-not-whole': 'quantity',
}

export const OUTLIER_KINDS: readonly OutlierKind[] = ['power', 'future-date', 'lifetime', 'quantity']

/**
 * One flagged value: which rule, which canonical field, the value and the range it was expected in
 * (null bound = open). Units: kWh/yr for power, day numbers for dates, years for lifetimes, units for quantity.
 */
export type Outlier = {
  rule: OutlierRuleId
  kind: OutlierKind
  field: AssetField
  value: number
  expectedMin: number | null
  expectedMax: number | null
}

/** What the rules look at for one asset; `typicalAnnualKwh` is the matched reference item's (null = unknown). */
export type OutlierInput = {
  category: CategoryId
  quantity: number
  purchaseDay: DayNumber | null
  lifetimeYears: number | null
  annualKwh: number | null
  typicalAnnualKwh: number | null
}

function outlier(
  rule: OutlierRuleId,
  field: AssetField,
  value: number,
  expectedMin: number | null,
  expectedMax: number | null,
): Outlier {
  return { rule, kind: OUTLIER_KIND_OF[rule], field, value, expectedMin, expectedMax }
}

/** Power rule: a yearly energy of zero or less, or more than 5× away from the typical value of its item. */
export function annualKwhOutlier(annualKwh: number | null, typicalAnnualKwh: number | null): Outlier | null {
  if (annualKwh === null) return null
  const hasTypical = typicalAnnualKwh !== null && typicalAnnualKwh > 0
  const low = hasTypical ? typicalAnnualKwh / ANNUAL_KWH_OUTLIER_FACTOR : null
  const high = hasTypical ? typicalAnnualKwh * ANNUAL_KWH_OUTLIER_FACTOR : null
  if (annualKwh <= 0) return outlier('annual-kwh-not-positive', 'annualKwh', annualKwh, low ?? 0, high)
  if (high !== null && annualKwh > high)
    return outlier('annual-kwh-above-typical', 'annualKwh', annualKwh, low, high)
  if (low !== null && annualKwh < low)
    return outlier('annual-kwh-below-typical', 'annualKwh', annualKwh, low, high)
  return null
}

/** Future-date rule: a purchase after the campaign's reference day. */
export function futurePurchaseOutlier(
  purchaseDay: DayNumber | null,
  referenceDay: DayNumber,
): Outlier | null {
  if (purchaseDay === null || purchaseDay <= referenceDay) return null
  return outlier('purchase-after-reference', 'purchaseDate', purchaseDay, null, referenceDay)
}

/** Lifetime rule on dates: more than 15 years between purchase and the reference day (value in years). */
export function ageOutlier(purchaseDay: DayNumber | null, referenceDay: DayNumber): Outlier | null {
  if (purchaseDay === null) return null
  const ageYears = (referenceDay - purchaseDay) / DAYS_PER_YEAR
  if (ageYears <= MAXIMUM_PLAUSIBLE_AGE_YEARS) return null
  return outlier('age-over-15-years', 'purchaseDate', ageYears, 0, MAXIMUM_PLAUSIBLE_AGE_YEARS)
}

/** Lifetime rule on the declared lifetime: more than 15 years. */
export function declaredLifetimeOutlier(lifetimeYears: number | null): Outlier | null {
  if (lifetimeYears === null || lifetimeYears <= MAXIMUM_PLAUSIBLE_AGE_YEARS) return null
  return outlier(
    'declared-lifetime-over-15-years',
    'lifetimeYears',
    lifetimeYears,
    0,
    MAXIMUM_PLAUSIBLE_AGE_YEARS,
  )
}

/** Categories counted in whole units; a virtual machine may be a share of a host (0.5 vCPU host…). */
function isCountedInWholeUnits(category: CategoryId): boolean {
  return category !== 'virtual-machine'
}

/** Quantity rule: more than 1,000 units on one line, or a fractional number of devices. */
export function quantityOutlier(quantity: number, category: CategoryId): Outlier | null {
  if (quantity > MAXIMUM_PLAUSIBLE_QUANTITY)
    return outlier('quantity-over-1000', 'quantity', quantity, 1, MAXIMUM_PLAUSIBLE_QUANTITY)
  if (isCountedInWholeUnits(category) && !Number.isInteger(quantity))
    return outlier('quantity-not-whole', 'quantity', quantity, 1, MAXIMUM_PLAUSIBLE_QUANTITY)
  return null
}

/** Every outlier of one asset, in rule order (power, future date, lifetime, quantity). */
export function findOutliers(input: OutlierInput, referenceDay: DayNumber): Outlier[] {
  const found: Outlier[] = []
  for (const candidate of [
    annualKwhOutlier(input.annualKwh, input.typicalAnnualKwh),
    futurePurchaseOutlier(input.purchaseDay, referenceDay),
    ageOutlier(input.purchaseDay, referenceDay),
    declaredLifetimeOutlier(input.lifetimeYears),
    quantityOutlier(input.quantity, input.category),
  ]) {
    if (candidate !== null) found.push(candidate)
  }
  return found
}
