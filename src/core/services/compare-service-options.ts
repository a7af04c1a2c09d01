/**
 * Compares the options of a service side by side: each option's deltas against the first option (the
 * reference as written) and against the best, and the best option (lowest climate change per user) with a
 * sentence saying which tier makes the difference. See docs/methodology/services.md#comparison.
 */
import type { Referential } from '../referential/referential.js'
import type { ServiceDescription } from './service-description.js'
import {
  estimateServiceOption,
  SERVICE_TIERS,
  type OptionEstimate,
  type ServiceTier,
} from './estimate-service.js'

export type OptionDelta = {
  climateKgCo2e: number
  climateTCo2e: number
  climateKgCo2ePerUser: number
  euros: number
}

export type ComparedOption = OptionEstimate & {
  isBest: boolean
  deltaVsFirst: OptionDelta
  deltaVsBest: OptionDelta
}

export type ServiceComparison = {
  service: string
  description: string | null
  referential: string
  options: ComparedOption[]
  best: { name: string; why: string }
}

function delta(option: OptionEstimate, reference: OptionEstimate): OptionDelta {
  const climate = option.climateKgCo2e - reference.climateKgCo2e
  return {
    climateKgCo2e: climate,
    climateTCo2e: climate / 1000,
    climateKgCo2ePerUser: option.climateKgCo2ePerUser - reference.climateKgCo2ePerUser,
    euros: option.euros.totalEuros - reference.euros.totalEuros,
  }
}

const formatKg = (value: number): string => `${Number(value.toPrecision(3)).toLocaleString('en-US')} kgCO2e`

/** Why `best` wins: against the runner-up, by how much per user, and the tier with the largest gap. */
export function explainBest(best: OptionEstimate, others: readonly OptionEstimate[]): string {
  const perUser = (value: number): string => `${formatKg(value)} per user per year`
  if (others.length === 0) {
    return `"${best.name}" is the only option: ${perUser(best.climateKgCo2ePerUser)}.`
  }
  const runnerUp = [...others].sort((a, b) => a.climateKgCo2ePerUser - b.climateKgCo2ePerUser)[0]!
  const gap = runnerUp.climateKgCo2ePerUser - best.climateKgCo2ePerUser
  if (gap === 0) {
    return `"${best.name}" and "${runnerUp.name}" are level at ${perUser(best.climateKgCo2ePerUser)}; "${best.name}" is listed first.`
  }
  let tier: ServiceTier = SERVICE_TIERS[0]
  let tierGap = -Infinity
  for (const candidate of SERVICE_TIERS) {
    const difference =
      runnerUp.byTier[candidate].climateKgCo2e / Math.max(runnerUp.users, 1) -
      best.byTier[candidate].climateKgCo2e / Math.max(best.users, 1)
    if (difference > tierGap) {
      tier = candidate
      tierGap = difference
    }
  }
  const percent = Math.round((gap / runnerUp.climateKgCo2ePerUser) * 100)
  return (
    `"${best.name}" has the lowest climate change per user: ${perUser(best.climateKgCo2ePerUser)}, ` +
    `${formatKg(gap)} (${percent} %) less than "${runnerUp.name}"; ` +
    `the ${tier} tier makes most of the difference (${formatKg(tierGap)} per user less).`
  )
}

/** Estimates every option of a service and compares them (pure). */
export function compareServiceOptions(
  description: ServiceDescription,
  referential: Referential,
): ServiceComparison {
  if (description.options.length === 0) throw new Error(`Service "${description.service}" has no option`)
  const estimates = description.options.map((option) => estimateServiceOption(option, referential))
  let best = estimates[0]!
  for (const estimate of estimates) {
    if (estimate.climateKgCo2ePerUser < best.climateKgCo2ePerUser) best = estimate
  }
  const first = estimates[0]!
  return {
    service: description.service,
    description: description.description,
    referential: `${referential.id}@${referential.version}`,
    options: estimates.map((estimate) => ({
      ...estimate,
      isBest: estimate === best,
      deltaVsFirst: delta(estimate, first),
      deltaVsBest: delta(estimate, best),
    })),
    best: {
      name: best.name,
      why: explainBest(
        best,
        estimates.filter((estimate) => estimate !== best),
      ),
    },
  }
}
