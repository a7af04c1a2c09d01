/**
 * Virtual machines and applications of a workspace as views of their hosts' footprint (docs/methodology/numecoeval.md
 * § "VMs and applications in the workspace"). A VM gets a share of its host's footprint, per criterion and phase,
 * by NumEcoEval's rules (core/numecoeval/virtual-equipment.ts `shareOf`): `cleRepartition` given, else vCPU /
 * Σ vCPU of the host's VMs (compute VMs), else capacity / Σ capacity (storage VMs), else an equal split. An
 * application gets its VM's footprint divided by the number of application rows on that VM, summed over its VMs.
 * These are views, never additions: the host's footprint is counted once, in the datacenter total. Pure.
 */
import type { NeVirtualEquipment } from '../numecoeval/inputs.js'
import { shareOf, type NeAllocationRule } from '../numecoeval/virtual-equipment.js'
import type { Application, VirtualEquipment } from '../inventory/inventory-records.js'
import { PHASE_IDS } from '../inventory/categories.js'
import type { CriterionId } from '../referential/referential.js'
import type { PhaseValues } from './compute-footprint.js'

export type Impacts = Partial<Record<CriterionId, PhaseValues>>

/** A host's computed footprint (the physical asset a VM runs on). */
export type HostFootprint = { name: string; assetId: number; referenceItemId: string; impacts: Impacts }

export type VmStatus = 'allocated' | 'unknown-host' | 'cloud'

export type VmFootprint = {
  name: string
  organisationPath: string[]
  sourceLine: number
  host: string | null
  status: VmStatus
  rule: NeAllocationRule | null
  /** Where the share came from, in words: `cleRepartition 0.5 (input)`, `vCPU 8 / 12 on the host`… */
  shareSource: string
  share: number
  /** The host's VMs the share is computed among (their names). */
  siblings: string[]
  impacts: Impacts
}

export type ApplicationShare = { vm: string; host: string | null; applicationsOnVm: number; vmShareOfHost: number; share: number }

export type ApplicationFootprint = {
  name: string
  domain: string | null
  subDomain: string | null
  environments: string[]
  organisationPath: string[]
  vms: ApplicationShare[]
  /** VMs named by the application that the workspace does not hold. */
  unknownVms: string[]
  impacts: Impacts
}

/** Every value through `apply` (NumEcoEval's operation order: host × vCPU / Σ vCPU, VM / number of applications). */
const scale = (impacts: Impacts, apply: (value: number) => number): Impacts => {
  const result: Impacts = {}
  for (const [criterion, phases] of Object.entries(impacts) as [CriterionId, PhaseValues][]) {
    const scaled = {} as PhaseValues
    for (const phase of PHASE_IDS) scaled[phase] = apply(phases[phase])
    result[criterion] = scaled
  }
  return result
}

const add = (into: Impacts, impacts: Impacts): void => {
  for (const [criterion, phases] of Object.entries(impacts) as [CriterionId, PhaseValues][]) {
    const sum = into[criterion] ?? { manufacturing: 0, distribution: 0, use: 0, 'end-of-life': 0 }
    for (const phase of PHASE_IDS) sum[phase] += phases[phase]
    into[criterion] = sum
  }
}

/** Sum over criteria of one phase, or of every phase (undefined). */
export function totalOf(impacts: Impacts, criterion: CriterionId, phase?: keyof PhaseValues): number {
  const phases = impacts[criterion]
  if (phases === undefined) return 0
  return phase === undefined ? PHASE_IDS.reduce((sum, id) => sum + phases[id], 0) : phases[phase]
}

const asNumEcoEval = (vm: VirtualEquipment): NeVirtualEquipment => ({
  line: vm.sourceLine,
  name: vm.name,
  host: vm.physicalEquipment ?? '',
  allocationKey: vm.allocationShare,
  vcpu: vm.vcpu,
  kind: vm.type ?? 'calcul',
  storageGb: vm.storageCapacity,
  quantity: vm.quantity,
  cluster: vm.cluster ?? '',
  entity: '',
})

function shareSourceOf(rule: NeAllocationRule, vm: NeVirtualEquipment, siblings: readonly NeVirtualEquipment[]): string {
  if (rule === 'allocation-key') return `cleRepartition ${vm.allocationKey} (input line ${vm.line})`
  if (rule === 'vcpu')
    return `vCPU ${vm.vcpu} / ${siblings.reduce((sum, sibling) => sum + (sibling.vcpu ?? 0), 0)} vCPU of the host's ${siblings.length} VM(s)`
  if (rule === 'storage')
    return `capacity ${vm.storageGb} / ${siblings.reduce((sum, sibling) => sum + (sibling.storageGb ?? 0), 0)} of the host's ${siblings.length} storage VM(s)`
  return `equal split among the host's ${siblings.length} VM(s) (no key, and not every VM has a vCPU count or capacity)`
}

/** Allocates each host's footprint to its VMs; VMs without a known host or in the cloud get none here. */
export function allocateVirtualMachines(
  vms: readonly VirtualEquipment[],
  hosts: ReadonlyMap<string, HostFootprint>,
): VmFootprint[] {
  const byHost = new Map<string, NeVirtualEquipment[]>()
  for (const vm of vms) {
    if (vm.physicalEquipment === null) continue
    byHost.set(vm.physicalEquipment, [...(byHost.get(vm.physicalEquipment) ?? []), asNumEcoEval(vm)])
  }
  return vms.map((vm) => {
    const base = { name: vm.name, organisationPath: vm.organisationPath, sourceLine: vm.sourceLine, host: vm.physicalEquipment }
    if (vm.physicalEquipment === null)
      return { ...base, status: 'cloud', rule: null, shareSource: 'cloud instance: no host in the workspace', share: 0, siblings: [], impacts: {} }
    const host = hosts.get(vm.physicalEquipment)
    const siblings = byHost.get(vm.physicalEquipment) ?? []
    if (host === undefined)
      return {
        ...base,
        status: 'unknown-host',
        rule: null,
        shareSource: `host "${vm.physicalEquipment}" is no asset of the campaign`,
        share: 0,
        siblings: siblings.map((sibling) => sibling.name),
        impacts: {},
      }
    const own = asNumEcoEval(vm)
    const { rule, share, formula } = shareOf(own, siblings)
    return {
      ...base,
      status: 'allocated',
      rule,
      shareSource: shareSourceOf(rule, own, siblings),
      share,
      siblings: siblings.map((sibling) => sibling.name),
      impacts: scale(host.impacts, (value) => formula(value).value),
    }
  })
}

/** Each application's footprint: Σ over its VMs of VM footprint / number of application rows on that VM. */
export function allocateApplications(
  applications: readonly Application[],
  vms: readonly VmFootprint[],
): ApplicationFootprint[] {
  const vmByName = new Map(vms.map((vm) => [vm.name, vm]))
  const rowsOnVm = new Map<string, number>()
  for (const application of applications)
    if (application.virtualEquipment !== null)
      rowsOnVm.set(application.virtualEquipment, (rowsOnVm.get(application.virtualEquipment) ?? 0) + 1)
  const byName = new Map<string, ApplicationFootprint>()
  for (const application of applications) {
    const entry = byName.get(application.name) ?? {
      name: application.name,
      domain: application.domain,
      subDomain: application.subDomain,
      environments: [],
      organisationPath: application.organisationPath,
      vms: [],
      unknownVms: [],
      impacts: {},
    }
    byName.set(application.name, entry)
    if (!entry.environments.includes(application.environmentType)) entry.environments.push(application.environmentType)
    const vm = application.virtualEquipment === null ? undefined : vmByName.get(application.virtualEquipment)
    if (vm === undefined) {
      if (application.virtualEquipment !== null) entry.unknownVms.push(application.virtualEquipment)
      continue
    }
    const count = rowsOnVm.get(vm.name) ?? 1
    entry.vms.push({ vm: vm.name, host: vm.host, applicationsOnVm: count, vmShareOfHost: vm.share, share: vm.share / count })
    add(entry.impacts, scale(vm.impacts, (value) => value / count))
  }
  return [...byName.values()]
}
