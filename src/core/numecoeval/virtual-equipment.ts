/**
 * NumEcoEval virtual-equipment and application indicators, allocated from their host's physical indicators.
 * VM share, in order of priority (G4IT conformance README, rule R16):
 *   (a) cleRepartition given                        → host impact × cleRepartition
 *   (b) compute VM and every VM of the host has vCPU → host impact × vCPU / Σ vCPU of the host's VMs
 *   (c) storage VM and every VM has a capacity       → host impact × capacity / Σ capacity
 *   (d) otherwise                                    → host impact / number of VMs on the host
 * The host's quantity is already inside its impact; the VM's quantity does not multiply it.
 * Application: VM impact / number of application rows on the same VM (an application on several VMs has one
 * indicator per VM; its total is their sum). A source indicator in error gives an error. Pure.
 */
import type { NeApplication, NeVirtualEquipment } from './inputs.js'
import { formatJavaDouble as j } from './java-double.js'
import {
  NE_ERROR_MESSAGES,
  type NeIndicatorStatus,
  type NePhysicalIndicator,
  type NeTrace,
} from './physical-equipment.js'
import type { NeStep } from './referential-index.js'
import type { NeCriterion } from './referential-tables.js'

export type NeAllocationRule = 'allocation-key' | 'vcpu' | 'storage' | 'equal-split'

type Allocated = {
  step: NeStep
  criterion: NeCriterion
  indicatorStatus: NeIndicatorStatus
  impact: number | null
  sipImpact: number | null
  averagePowerConsumptionKwhPerYear: number | null
  error?: { code: 'source_indicator_error'; message: string }
  trace: NeTrace
}

export type NeVirtualIndicator = Allocated & {
  virtualEquipmentName: string
  host: string
  cluster: string
  kind: string
  quantity: number
  rule: NeAllocationRule | null
  /** The share of the host given to this VM (in [0,1] when the inputs are consistent). */
  share: number | null
  location: string | null
}

export type NeApplicationIndicator = Allocated & {
  applicationName: string
  environment: string
  virtualEquipmentName: string
  host: string
  domain: string
  subDomain: string
  applicationCount: number
}

const key = (...parts: string[]): string => parts.join('\u0000')
const isCompute = (kind: string): boolean => kind.trim().toLowerCase() !== 'stockage'

export type Share = { rule: NeAllocationRule; share: number; formula: (hostImpact: number) => { value: number; text: string } }

/** The share of its host a VM gets, with the rule that gave it (exported for the workspace views, core/footprint/virtual-allocation.ts). */
export function shareOf(vm: NeVirtualEquipment, siblings: readonly NeVirtualEquipment[]): Share {
  if (vm.allocationKey !== null) {
    const share = vm.allocationKey
    return {
      rule: 'allocation-key',
      share,
      formula: (host) => ({
        value: host * share,
        text: `valeurImpactEquipementPhysique(${j(host)}) * equipementVirtuel.cleRepartition(${j(share)})`,
      }),
    }
  }
  const everyVcpu = siblings.every((sibling) => sibling.vcpu !== null && sibling.vcpu > 0)
  if (isCompute(vm.kind) && everyVcpu && vm.vcpu !== null) {
    const vcpu = vm.vcpu
    const total = siblings.reduce((sum, sibling) => sum + (sibling.vcpu ?? 0), 0)
    return {
      rule: 'vcpu',
      share: vcpu / total,
      formula: (host) => ({
        value: (host * vcpu) / total,
        text: `valeurImpactEquipementPhysique(${j(host)}) * equipementVirtuel.vCPU(${j(vcpu)}) / nbvCPU(${j(total)})`,
      }),
    }
  }
  const everyStorage = siblings.every((sibling) => sibling.storageGb !== null && sibling.storageGb > 0)
  if (!isCompute(vm.kind) && everyStorage && vm.storageGb !== null) {
    const capacity = vm.storageGb
    const total = siblings.reduce((sum, sibling) => sum + (sibling.storageGb ?? 0), 0)
    return {
      rule: 'storage',
      share: capacity / total,
      formula: (host) => ({
        value: (host * capacity) / total,
        text:
          `valeurImpactEquipementPhysique(${j(host)}) * equipementVirtuel.capaciteStockage(${j(capacity)})` +
          ` / stockageTotal(${j(total)})`,
      }),
    }
  }
  const count = siblings.length
  return {
    rule: 'equal-split',
    share: 1 / count,
    formula: (host) => ({
      value: host / count,
      text: `valeurImpactEquipementPhysique(${j(host)}) / nbEquipementsVirtuels(${count})`,
    }),
  }
}

/** Allocates every host indicator to the host's VMs (VMs whose host has no indicator get none). */
export function computeVirtualIndicators(
  virtualEquipments: readonly NeVirtualEquipment[],
  physicalIndicators: readonly NePhysicalIndicator[],
  sipOfCriterion: (criterion: NeCriterion) => number | null,
): NeVirtualIndicator[] {
  const vmsByHost = new Map<string, NeVirtualEquipment[]>()
  for (const vm of virtualEquipments) vmsByHost.set(vm.host, [...(vmsByHost.get(vm.host) ?? []), vm])
  const hostIndicators = new Map<string, NePhysicalIndicator[]>()
  for (const indicator of physicalIndicators) {
    hostIndicators.set(indicator.equipmentName, [...(hostIndicators.get(indicator.equipmentName) ?? []), indicator])
  }
  const result: NeVirtualIndicator[] = []
  for (const vm of virtualEquipments) {
    const siblings = vmsByHost.get(vm.host) ?? [vm]
    const share = shareOf(vm, siblings)
    const totalVcpu = siblings.every((sibling) => sibling.vcpu !== null)
      ? siblings.reduce((sum, sibling) => sum + (sibling.vcpu ?? 0), 0)
      : null
    for (const host of hostIndicators.get(vm.host) ?? []) {
      const base = {
        virtualEquipmentName: vm.name,
        host: vm.host,
        cluster: vm.cluster,
        kind: vm.kind,
        quantity: vm.quantity,
        step: host.step,
        criterion: host.criterion,
        location: host.location,
      }
      if (host.indicatorStatus !== 'OK' || host.impact === null) {
        result.push({
          ...base,
          rule: null,
          share: null,
          indicatorStatus: 'ERREUR',
          impact: null,
          sipImpact: null,
          averagePowerConsumptionKwhPerYear: null,
          error: { code: 'source_indicator_error', message: NE_ERROR_MESSAGES.source_indicator_error },
          trace: { formula: `ErrCalcFonc : ${NE_ERROR_MESSAGES.source_indicator_error}`, inputs: [], defaultsAssumed: [] },
        })
        continue
      }
      const { value, text } = share.formula(host.impact)
      const sip = sipOfCriterion(host.criterion)
      result.push({
        ...base,
        rule: share.rule,
        share: share.share,
        indicatorStatus: 'OK',
        impact: value,
        sipImpact: sip === null ? null : value / sip,
        averagePowerConsumptionKwhPerYear:
          host.averagePowerConsumptionKwhPerYear === null
            ? null
            : host.averagePowerConsumptionKwhPerYear * share.share * vm.quantity,
        trace: {
          formula: `valeurImpactUnitaire = ${text}`,
          inputs: [
            { name: 'valeurImpactEquipementPhysique', value: host.impact, unit: host.criterion.unit, origin: 'computed' },
            { name: 'nbEquipementsVirtuels', value: siblings.length, unit: 'VM', origin: 'computed' },
            { name: 'nbTotalVCPU', value: totalVcpu, unit: 'vCPU', origin: 'computed' },
            { name: 'share', value: share.share, unit: '', origin: 'computed' },
          ],
          defaultsAssumed:
            share.rule === 'equal-split'
              ? ['no allocation key and not every VM of the host has a vCPU count or capacity: equal split']
              : [],
        },
      })
    }
  }
  return result
}

/** Splits every VM indicator across the applications that run on that VM. */
export function computeApplicationIndicators(
  applications: readonly NeApplication[],
  virtualIndicators: readonly NeVirtualIndicator[],
  sipOfCriterion: (criterion: NeCriterion) => number | null,
): NeApplicationIndicator[] {
  const countByVm = new Map<string, number>()
  for (const application of applications) {
    const vmKey = key(application.host, application.virtualEquipment)
    countByVm.set(vmKey, (countByVm.get(vmKey) ?? 0) + 1)
  }
  const indicatorsByVm = new Map<string, NeVirtualIndicator[]>()
  for (const indicator of virtualIndicators) {
    for (const vmKey of [key(indicator.host, indicator.virtualEquipmentName), key('', indicator.virtualEquipmentName)]) {
      indicatorsByVm.set(vmKey, [...(indicatorsByVm.get(vmKey) ?? []), indicator])
    }
  }
  const result: NeApplicationIndicator[] = []
  for (const application of applications) {
    const count = countByVm.get(key(application.host, application.virtualEquipment)) ?? 1
    for (const vm of indicatorsByVm.get(key(application.host, application.virtualEquipment)) ?? []) {
      const base = {
        applicationName: application.name,
        environment: application.environment,
        virtualEquipmentName: vm.virtualEquipmentName,
        host: vm.host,
        domain: application.domain,
        subDomain: application.subDomain,
        applicationCount: count,
        step: vm.step,
        criterion: vm.criterion,
      }
      if (vm.indicatorStatus !== 'OK' || vm.impact === null) {
        result.push({
          ...base,
          indicatorStatus: 'ERREUR',
          impact: null,
          sipImpact: null,
          averagePowerConsumptionKwhPerYear: null,
          error: { code: 'source_indicator_error', message: NE_ERROR_MESSAGES.source_indicator_error },
          trace: { formula: `ErrCalcFonc : ${NE_ERROR_MESSAGES.source_indicator_error}`, inputs: [], defaultsAssumed: [] },
        })
        continue
      }
      const impact = vm.impact / count
      const sip = sipOfCriterion(vm.criterion)
      result.push({
        ...base,
        indicatorStatus: 'OK',
        impact,
        sipImpact: sip === null ? null : impact / sip,
        averagePowerConsumptionKwhPerYear:
          vm.averagePowerConsumptionKwhPerYear === null ? null : vm.averagePowerConsumptionKwhPerYear / count,
        trace: {
          formula: `ImpactApplication = ImpactEquipementVirtuel(${j(vm.impact)}) / nbApplications(${count})`,
          inputs: [
            { name: 'ImpactEquipementVirtuel', value: vm.impact, unit: vm.criterion.unit, origin: 'computed' },
            { name: 'nbApplications', value: count, unit: 'application', origin: 'computed' },
          ],
          defaultsAssumed: [],
        },
      })
    }
  }
  return result
}
