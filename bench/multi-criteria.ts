/**
 * Multi-criteria footprint of N assets in the core calculator (no database): every criterion of the default
 * referential × 4 phases, folded per category × phase × criterion, plus the purchase-year view and the interval
 * of the total. Measures the engine's share of the issue-4 target (1,000,000 assets + 100,000 VMs + 5,000
 * applications in < 5 s, < 2 GB); the VM and application allocation is not part of this bench (see bench/README.md).
 *
 *   npx tsx bench/multi-criteria.ts [--assets 1000000]
 */
import { createDefaultReferentialSource } from '../src/io/ademe-referential.js'
import {
  createFootprintCalculator,
  type FootprintInput,
  type PhaseValues,
} from '../src/core/footprint/compute-footprint.js'
import { toPurchaseYear } from '../src/core/footprint/accounting-views.js'
import {
  climateInterval,
  isPlaceholderCategory,
  type UncertaintyGroup,
} from '../src/core/footprint/uncertainty.js'
import { CATEGORY_IDS, PHASE_IDS, type CategoryId } from '../src/core/inventory/categories.js'
import { selectElectricityYear } from '../src/core/referential/electricity-year.js'
import type { CriterionId } from '../src/core/referential/referential.js'

const argIndex = process.argv.indexOf('--assets')
const ASSETS = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 1_000_000
const YEAR = 2025
const REFERENCE_DAY = Date.UTC(YEAR, 11, 31) / 86_400_000
const COUNTRIES = ['FR', 'FR', 'FR', 'FR', 'DE', 'ES', 'IT', 'BE', 'PL', 'US']
const CATEGORIES: CategoryId[] = [
  'laptop',
  'laptop',
  'desktop',
  'monitor',
  'monitor',
  'smartphone',
  'printer',
  'server',
]

let peakRss = 0
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}

const referential = selectElectricityYear(await createDefaultReferentialSource().load(), YEAR)
const calculate = createFootprintCalculator({ referential, referenceDay: REFERENCE_DAY })
const input: FootprintInput = {
  category: 'laptop',
  manufacturer: null,
  model: null,
  quantity: 1,
  purchaseDay: null,
  retirementDay: null,
  lifetimeYears: null,
  annualKwh: null,
  utilisationRate: null,
  ownership: null,
  country: 'FR',
  datacenterPue: undefined,
}

const started = performance.now()
// Sums per category × phase × criterion in flat arrays (no string keys on the hot path).
const CRITERION_INDEX = new Map<string, number>()
const criterionIndexOf = (criterion: string): number => {
  let found = CRITERION_INDEX.get(criterion)
  if (found === undefined) {
    found = CRITERION_INDEX.size
    CRITERION_INDEX.set(criterion, found)
  }
  return found
}
const SLOTS = CATEGORY_IDS.length * PHASE_IDS.length * 16
const annualised = new Float64Array(SLOTS)
const purchaseYear = new Float64Array(SLOTS)
const climate = new Map<CategoryId, PhaseValues>()
const undated = new Map<CategoryId, { units: number; undated: number }>()
const categoryIndex = new Map<CategoryId, number>(CATEGORY_IDS.map((category, index) => [category, index]))
let values = 0
for (let index = 0; index < ASSETS; index++) {
  const category = CATEGORIES[index % CATEGORIES.length]!
  input.category = category
  input.country = COUNTRIES[index % COUNTRIES.length]!
  // one asset in five undated; the others bought over the last 8 years
  input.purchaseDay = index % 5 === 0 ? null : REFERENCE_DAY - 30 - (index % 2900)
  input.datacenterPue = category === 'server' ? (index % 3 === 0 ? null : 1.4) : undefined
  input.ownership = index % 7 === 0 ? 'personal' : 'company'
  const footprint = calculate(input)
  const converted = toPurchaseYear(footprint, input.purchaseDay, YEAR)
  const categoryBase = categoryIndex.get(category)! * PHASE_IDS.length * 16
  for (const criterion in footprint.impacts) {
    const phases = footprint.impacts[criterion as CriterionId]!
    const bought = converted.impacts[criterion as CriterionId]!
    const criterionSlot = criterionIndexOf(criterion)
    for (let phaseIndex = 0; phaseIndex < PHASE_IDS.length; phaseIndex++) {
      const phase = PHASE_IDS[phaseIndex]!
      const slot = categoryBase + phaseIndex * 16 + criterionSlot
      annualised[slot]! += phases[phase]
      purchaseYear[slot]! += bought[phase]
      values++
    }
  }
  const climatePhases = footprint.impacts['climate-change']!
  const sums = climate.get(category) ?? { manufacturing: 0, distribution: 0, use: 0, 'end-of-life': 0 }
  for (const phase of PHASE_IDS) sums[phase] += climatePhases[phase]
  climate.set(category, sums)
  const count = undated.get(category) ?? { units: 0, undated: 0 }
  count.units++
  if (input.purchaseDay === null) count.undated++
  undated.set(category, count)
  if ((index & 0xffff) === 0) sampleRss()
}
const groups: UncertaintyGroup[] = []
for (const category of CATEGORY_IDS) {
  const sums = climate.get(category)
  if (sums === undefined) continue
  const count = undated.get(category)!
  for (const phase of PHASE_IDS)
    groups.push({
      category,
      phase,
      valueKgCo2e: sums[phase],
      defaultLifetimeShare: count.undated / count.units,
      isPlaceholder: isPlaceholderCategory(referential, category),
    })
}
const interval = climateInterval(groups)
const seconds = (performance.now() - started) / 1000
sampleRss()
console.log(
  JSON.stringify(
    {
      assets: ASSETS,
      criteria: CRITERION_INDEX.size,
      phaseCriterionValues: values,
      seconds: Number(seconds.toFixed(2)),
      assetsPerSecond: Math.round(ASSETS / seconds),
      climateKgCo2e: Math.round(interval.high - interval.halfWidth),
      purchaseYearClimateKgCo2e: Math.round(purchaseYearClimate()),
      interval: [Math.round(interval.low), Math.round(interval.high)],
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
    },
    null,
    2,
  ),
)

function purchaseYearClimate(): number {
  const slot = CRITERION_INDEX.get('climate-change')!
  let total = 0
  for (let base = slot; base < SLOTS; base += 16) total += purchaseYear[base]!
  return total
}
