import type { CategoryId } from '../core/inventory/categories.js'
import { DEFAULT_ECONOMIC_ASSUMPTIONS } from '../core/scenarios/economic-assumptions.js'
import { parseLevers } from '../core/scenarios/parse-levers.js'
import {
  projectTrajectory,
  type TrajectoryCategory,
  type TrajectoryResult,
  type TrajectoryScenario,
} from '../core/scenarios/project-trajectory.js'
import { resolveCampaign, resolveOrganisation } from './campaigns.js'
import { AppError } from './errors.js'
import type { Deps } from './ports.js'

export type FleetTrajectoryReport = TrajectoryResult & {
  campaign: number
  referential: string
  organisation: string | null
  levers: string[]
  assumptions: string[]
}

/** Categories the renewal model follows: devices bought and renewed (virtual machines are not). */
const FLEET_CATEGORIES: readonly CategoryId[] = [
  'laptop',
  'desktop',
  'thin-client',
  'monitor',
  'smartphone',
  'tablet',
  'desk-phone',
  'printer',
  'network-switch',
  'router',
  'wifi-access-point',
  'server',
  'storage',
]

/**
 * Year-by-year fleet renewal from the campaign to `endYear`: the inventory's age distribution per category,
 * the referential's lifetimes and factors, baseline against the levers (lifetime extension; power-off as a
 * kWh factor), with cumulative tCO2e and euros and an optional reduction target.
 * @example await projectFleetTrajectory(deps, { campaignYear: 2025, levers: ['lifetime-extension:years=2,categories=laptop'], organisation: null, endYear: 2030, target: { targetYear: 2030, reductionShare: 0.3 } })
 */
export async function projectFleetTrajectory(
  deps: Deps,
  input: {
    campaignYear: number | null
    levers: string[]
    organisation: string | null
    endYear: number
    target: { targetYear: number; reductionShare: number } | null
  },
): Promise<FleetTrajectoryReport> {
  const parsed = parseLevers(input.levers)
  if (parsed.errors.length > 0) throw new AppError('invalid_argument', parsed.errors.join('\n'))
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  if (input.endYear <= campaign.year) {
    throw new AppError('invalid_argument', `--to must be after the campaign year ${campaign.year}.`)
  }
  const organisationPath = input.organisation
    ? await resolveOrganisation(deps.store, input.organisation)
    : null
  const referential = await deps.referential.load()
  const counts = await deps.store.ageCounts(campaign.id, organisationPath ? { organisationPath } : {})
  const assumptions: string[] = [
    'Constant fleet: every retired device is replaced by a new one of the same category.',
    'Devices without a purchase date are spread evenly over the ages 0 to lifetime − 1.',
    `Grid factor held at the ${referential.hypotheses.defaultCountry} value of the referential every year.`,
    'Renewal view: amortised = stock × embodied ÷ expected lifetime + stock × profile kWh × grid factor (no PUE, ' +
      "no telemetry); it differs from the campaign measure, which follows NumEcoEval and uses each asset's age.",
  ]
  const categories: TrajectoryCategory[] = []
  for (const category of FLEET_CATEGORIES) {
    const rows = counts.filter((row) => row.category === category)
    if (rows.length === 0) continue
    const item = referential.items.get(referential.defaultItemByCategory[category])!
    const lifetimeYears = item.lifetimeYears.value
    const ageCounts: number[] = []
    const add = (age: number, quantity: number): void => {
      while (ageCounts.length <= age) ageCounts.push(0)
      ageCounts[age]! += quantity
    }
    for (const row of rows) {
      if (row.ageYears !== null) add(row.ageYears, row.quantity)
      else
        for (let age = 0; age < Math.ceil(lifetimeYears); age++)
          add(age, row.quantity / Math.ceil(lifetimeYears))
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
      unitPriceEuros: DEFAULT_ECONOMIC_ASSUMPTIONS.unitPriceEurosByCategory[category] ?? 0,
    })
  }
  const scenario: TrajectoryScenario = {
    fromYear: campaign.year + 1,
    lifetimeExtensionYears: {},
    kwhFactor: {},
  }
  for (const lever of parsed.levers) {
    if (lever.id === 'lifetime-extension') {
      for (const category of lever.categories) scenario.lifetimeExtensionYears![category] = lever.years
    } else if (lever.id === 'power-off') {
      // Without per-device telemetry in the renewal model, power-off scales the assumed always-on hours.
      const factor = Math.min(1, lever.targetHours / (lever.currentHours ?? 8760))
      for (const category of lever.categories) scenario.kwhFactor![category] = factor
      assumptions.push(
        `power-off in the trajectory: kWh × ${factor.toFixed(4)} for ${lever.categories.join(', ')} (from ${lever.currentHours ?? 8760} to ${lever.targetHours} powered hours a year)`,
      )
    } else {
      throw new AppError(
        'invalid_argument',
        `The trajectory models lifetime-extension and power-off; use empreinte simulate for ${lever.id}.`,
      )
    }
  }
  const gridFactor =
    referential.electricity.get(referential.hypotheses.defaultCountry)?.factors['climate-change']?.value ?? 0
  const result = projectTrajectory({
    startYear: campaign.year,
    endYear: input.endYear,
    categories,
    gridKgCo2ePerKwh: gridFactor,
    electricityEurosPerKwh: DEFAULT_ECONOMIC_ASSUMPTIONS.electricityEurosPerKwh,
    scenario,
    ...(input.target ? { target: input.target } : {}),
  })
  return {
    ...result,
    campaign: campaign.year,
    referential: `${referential.id}@${referential.version}`,
    organisation: organisationPath?.join(' > ') ?? null,
    levers: input.levers,
    assumptions,
  }
}
