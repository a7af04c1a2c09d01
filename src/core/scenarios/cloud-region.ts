/**
 * Greener cloud region: hosted workloads (servers, storage, virtual machines in a datacenter or a cloud region)
 * move to a region whose grid emits less.
 *   use(criterion) × grid(target country, criterion) / grid(current country, criterion)
 *   kWh, PUE and electricity € unchanged (the provider's tariff is not modelled); embodied unchanged
 * Grid factors are the referential's electricity mixes per country (the same as the use phase).
 * See docs/methodology/levers.md#cloud-region.
 */
import type { CloudRegionLever } from './lever.js'
import { formatNumber, PHASE_OFFSET, PHASES_PER_CRITERION, type LeverPart } from './lever-part.js'

/** True when the part is a hosted workload of one of the lever's categories, in another country. */
export function isCloudRegionTarget(part: LeverPart, lever: CloudRegionLever): boolean {
  return (
    (part.isInDatacenter || part.category === 'virtual-machine') &&
    lever.categories.includes(part.category) &&
    part.country.toUpperCase() !== lever.country
  )
}

/** Scales the use phase of every criterion by its grid ratio (target / current); the part moves country. */
export function applyCloudRegion(part: LeverPart, lever: CloudRegionLever, ratios: Float64Array): void {
  const values = part.values
  for (let index = 0; index < part.criterionCount; index += 1) {
    values[index * PHASES_PER_CRITERION + PHASE_OFFSET.use]! *= ratios[index]!
  }
  part.country = lever.country
}

/** Trace line of the lever for one part (computed before `applyCloudRegion`); `climateRatio` = target / current. */
export function describeCloudRegion(part: LeverPart, lever: CloudRegionLever, climateRatio: number): string {
  if (!(part.isInDatacenter || part.category === 'virtual-machine')) {
    return 'cloud-region: not hosted in a datacenter or a cloud region, unchanged'
  }
  if (!lever.categories.includes(part.category))
    return `cloud-region: ${part.category} not in the lever's categories`
  if (part.country.toUpperCase() === lever.country)
    return `cloud-region: already in ${lever.country}, unchanged`
  return (
    `cloud-region: use phase × grid ${lever.country} / grid ${part.country} = ${formatNumber(climateRatio)} ` +
    '(climate change; each criterion with its own factors)'
  )
}
