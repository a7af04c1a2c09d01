/**
 * Footprint of the workspace's virtual machines and applications (NumEcoEval virtual-equipment and application
 * records), as views of their hosts' computed footprint (core/footprint/virtual-allocation.ts): `footprint --by
 * application|application-domain|application-sub-domain`, `explain --vm NAME`, `explain --application NAME`.
 * The hosts are computed by the same function and referential as `explain ASSET` (the campaign's pin).
 */
import { explainAssetFootprint } from '../core/footprint/compute-footprint.js'
import { createOverrideResolver } from '../core/footprint/electricity-override.js'
import {
  allocateApplications,
  allocateVirtualMachines,
  totalOf,
  type ApplicationFootprint,
  type HostFootprint,
  type Impacts,
  type VmFootprint,
} from '../core/footprint/virtual-allocation.js'
import { PHASE_IDS } from '../core/inventory/categories.js'
import { CRITERIA, type CriterionId } from '../core/referential/referential.js'
import { isPathVisible } from './access.js'
import { loadCampaignReferential } from './campaign-referential.js'
import { resolveCampaign } from './campaigns.js'
import { computeCampaignFootprint } from './compute-campaign-footprint.js'
import { AppError } from './errors.js'
import type { Deps, StoredAsset } from './ports.js'

export type VirtualFootprint = {
  campaign: number
  referential: string
  hosts: (HostFootprint & { organisationPath: string[]; datacenter: string | null })[]
  vms: VmFootprint[]
  applications: ApplicationFootprint[]
  /** How these figures relate to the campaign's total. */
  note: string
}

export const VIRTUAL_VIEW_NOTE =
  'VM and application figures are shares of their hosts\' footprint, which the campaign total already counts ' +
  '(datacenters domain): they are views of it, never additions.'

/** Every VM and application of the campaign with its share of its host's footprint. */
export async function virtualFootprint(deps: Deps, input: { campaignYear: number | null }): Promise<VirtualFootprint> {
  const campaign = await resolveCampaign(deps.store, input.campaignYear)
  const computed = await computeCampaignFootprint(deps, { campaign })
  const visible = <T extends { organisationPath: string[] }>(records: T[]): T[] =>
    records.filter((record) => isPathVisible(deps, record.organisationPath))
  const vmRecords = visible(await deps.store.inventoryRecords(campaign.id, 'virtual-equipment'))
  const applicationRecords = visible(await deps.store.inventoryRecords(campaign.id, 'application'))
  const hostNames = [...new Set(vmRecords.map((vm) => vm.physicalEquipment).filter((name): name is string => name !== null))]
  const found: { name: string; asset: StoredAsset }[] = []
  for (const name of hostNames) {
    const asset = await deps.store.getAsset(campaign.id, name)
    if (asset !== null && isPathVisible(deps, asset.organisationPath)) found.push({ name, asset })
  }
  const assets = found.map((entry) => entry.asset)
  const { referential } = await loadCampaignReferential(deps, campaign, { modelIds: assets.map((asset) => asset.modelId) })
  const overrideOf = createOverrideResolver(await deps.electricity.list())
  const hosts: VirtualFootprint['hosts'] = []
  for (const { name, asset } of found) {
    const datacenterPue =
      asset.datacenter === null ? undefined : ((await deps.store.datacenterPue(campaign.id, asset.datacenter)) ?? null)
    const { footprint } = explainAssetFootprint(
      {
        category: asset.category,
        manufacturer: asset.manufacturer,
        model: asset.model,
        quantity: asset.quantity,
        purchaseDay: asset.purchaseDay,
        retirementDay: asset.retirementDay,
        lifetimeYears: asset.lifetimeYears,
        annualKwh: asset.annualKwh,
        poweredHoursPerYear: asset.poweredHoursPerYear,
        utilisationRate: asset.utilisationRate,
        ownership: asset.ownership,
        country: asset.country,
        datacenterPue,
        electricityOverride: overrideOf(asset.organisationPath.join(' > '), asset.site),
      },
      { referential, referenceDay: campaign.referenceDay },
    )
    hosts.push({
      name,
      assetId: asset.id,
      referenceItemId: footprint.referenceItemId,
      impacts: footprint.impacts,
      organisationPath: asset.organisationPath,
      datacenter: asset.datacenter,
    })
  }
  const vms = allocateVirtualMachines(vmRecords, new Map(hosts.map((host) => [host.name, host])))
  return {
    campaign: campaign.year,
    referential: computed.referential,
    hosts,
    vms,
    applications: allocateApplications(applicationRecords, vms),
    note: VIRTUAL_VIEW_NOTE,
  }
}

export const APPLICATION_DIMENSIONS = ['application', 'application-domain', 'application-sub-domain'] as const
export type ApplicationDimension = (typeof APPLICATION_DIMENSIONS)[number]

export type ApplicationBreakdown = {
  campaign: number
  referential: string
  by: ApplicationDimension[]
  units: Partial<Record<CriterionId, string>>
  total: { climateKgCo2e: number; byCriterion: Partial<Record<CriterionId, number>> }
  breakdown: {
    keys: Partial<Record<ApplicationDimension, string>>
    applications: number
    climateKgCo2e: number
    byCriterion: Partial<Record<CriterionId, number>>
    byPhase: Record<string, number>
  }[]
  note: string
}

/** True when `--by` asks for an application view (its dimensions cannot mix with the asset dimensions). */
export function isApplicationBreakdown(by: string | null): boolean {
  return (by ?? '').split(',').some((part) => (APPLICATION_DIMENSIONS as readonly string[]).includes(part.trim()))
}

export function parseApplicationDimensions(by: string): ApplicationDimension[] {
  const parts = by.split(',').map((part) => part.trim()).filter((part) => part !== '')
  for (const part of parts)
    if (!(APPLICATION_DIMENSIONS as readonly string[]).includes(part))
      throw new AppError(
        'invalid_argument',
        `--by ${part} cannot be combined with the application views; use ${APPLICATION_DIMENSIONS.join(', ')}`,
      )
  return parts as ApplicationDimension[]
}

/** `footprint --by application[,application-domain,application-sub-domain]`. */
export async function footprintByApplication(
  deps: Deps,
  input: { campaignYear: number | null; by: ApplicationDimension[] },
): Promise<ApplicationBreakdown> {
  const view = await virtualFootprint(deps, input)
  const rows = new Map<string, ApplicationBreakdown['breakdown'][number]>()
  const criteria = new Set<CriterionId>()
  const total: Partial<Record<CriterionId, number>> = {}
  for (const application of view.applications) {
    const keys: Partial<Record<ApplicationDimension, string>> = {}
    for (const dimension of input.by)
      keys[dimension] =
        dimension === 'application'
          ? application.name
          : dimension === 'application-domain'
            ? (application.domain ?? '(none)')
            : (application.subDomain ?? '(none)')
    const key = input.by.map((dimension) => keys[dimension]).join('\u0000')
    const row = rows.get(key) ?? { keys, applications: 0, climateKgCo2e: 0, byCriterion: {}, byPhase: {} }
    row.applications += 1
    for (const criterion of Object.keys(application.impacts) as CriterionId[]) {
      criteria.add(criterion)
      const value = totalOf(application.impacts, criterion)
      row.byCriterion[criterion] = (row.byCriterion[criterion] ?? 0) + value
      total[criterion] = (total[criterion] ?? 0) + value
    }
    for (const phase of PHASE_IDS)
      row.byPhase[phase] = (row.byPhase[phase] ?? 0) + totalOf(application.impacts, 'climate-change', phase)
    row.climateKgCo2e = row.byCriterion['climate-change'] ?? 0
    rows.set(key, row)
  }
  return {
    campaign: view.campaign,
    referential: view.referential,
    by: input.by,
    units: Object.fromEntries([...criteria].map((criterion) => [criterion, CRITERIA[criterion].unit])),
    total: { climateKgCo2e: total['climate-change'] ?? 0, byCriterion: total },
    breakdown: [...rows.values()].sort((left, right) => right.climateKgCo2e - left.climateKgCo2e),
    note: VIRTUAL_VIEW_NOTE,
  }
}

export type VirtualExplanation = {
  campaign: number
  referential: string
  kind: 'vm' | 'application'
  name: string
  vm?: VmFootprint
  host?: VirtualFootprint['hosts'][number]
  application?: ApplicationFootprint
  vms?: { vm: VmFootprint; host: VirtualFootprint['hosts'][number] | null }[]
  note: string
}

/** `explain --vm NAME`: the host, the allocation rule and its source, the share, the figures per criterion and phase. */
export async function explainVirtualMachine(
  deps: Deps,
  input: { campaignYear: number | null; name: string },
): Promise<VirtualExplanation> {
  const view = await virtualFootprint(deps, input)
  const vm = view.vms.find((entry) => entry.name === input.name) ??
    view.vms.find((entry) => entry.name.toLowerCase() === input.name.toLowerCase())
  if (vm === undefined)
    throw new AppError('not_found', `No virtual machine "${input.name}" in campaign ${view.campaign} (import NumEcoEval virtual equipment first).`)
  const host = view.hosts.find((entry) => entry.name === vm.host)
  return {
    campaign: view.campaign,
    referential: view.referential,
    kind: 'vm',
    name: vm.name,
    vm,
    ...(host ? { host } : {}),
    note: view.note,
  }
}

/** `explain --application NAME`: each VM it runs on, the VM's share of its host, the split among applications. */
export async function explainApplication(
  deps: Deps,
  input: { campaignYear: number | null; name: string },
): Promise<VirtualExplanation> {
  const view = await virtualFootprint(deps, input)
  const application = view.applications.find((entry) => entry.name === input.name) ??
    view.applications.find((entry) => entry.name.toLowerCase() === input.name.toLowerCase())
  if (application === undefined)
    throw new AppError('not_found', `No application "${input.name}" in campaign ${view.campaign} (import NumEcoEval applications first).`)
  return {
    campaign: view.campaign,
    referential: view.referential,
    kind: 'application',
    name: application.name,
    application,
    vms: application.vms.map((share) => {
      const vm = view.vms.find((entry) => entry.name === share.vm)!
      return { vm, host: view.hosts.find((entry) => entry.name === vm.host) ?? null }
    }),
    note: view.note,
  }
}

/** The phases of one criterion as "manufacturing 1.2, distribution 0.1, …". */
export function phasesText(impacts: Impacts, criterion: CriterionId): string {
  return PHASE_IDS.map((phase) => `${phase} ${impacts[criterion]?.[phase] ?? 0}`).join(', ')
}
