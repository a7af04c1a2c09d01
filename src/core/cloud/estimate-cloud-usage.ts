/**
 * Footprint of a cloud usage line with the Cloud Carbon Footprint method (methodology §3.5,
 * docs/methodology/cloud.md):
 *   W per vCPU  = minW + averageLoad × (maxW − minW)                        (architecture of the instance)
 *   kWh         = vCPU-hours × W per vCPU / 1000
 *   use         = kWh × PUE(provider) × grid(region)                         kgCO2e
 *   embodied    = totalEmbodied × hours / (4 years × 8,760 h) × instance vCPU / largest vCPU of the family
 * Memory, storage and network energy are not counted yet.
 */
import type { Factor } from '../referential/referential.js'
import type { TraceInput } from '../footprint/trace.js'
import { CCF_REGION_GRID, CCF_SOURCE, CCF_WATTS_PER_VCPU, type CloudProvider } from './ccf-coefficients.js'

export const CLOUD_USE_FORMULA = 'vCPU-hours × (minW + averageLoad × (maxW − minW)) / 1000 × PUE × grid'
export const CLOUD_EMBODIED_FORMULA =
  'totalEmbodied × hours / (4 × 8760) × instance vCPU / largest vCPU in the family'

const CCF_DOCS = 'Cloud Carbon Footprint methodology, cloudcarbonfootprint.org/docs/methodology (Apache-2.0)'

/** Fleet PUE per provider (CCF methodology). */
export const CLOUD_PUE: Readonly<Record<CloudProvider, Factor>> = {
  aws: { id: 'ccf/pue/aws', value: 1.135, unit: 'ratio', source: CCF_DOCS },
  gcp: { id: 'ccf/pue/gcp', value: 1.1, unit: 'ratio', source: CCF_DOCS },
  azure: { id: 'ccf/pue/azure', value: 1.185, unit: 'ratio', source: CCF_DOCS },
}

/** CCF's default average CPU utilisation when the extract gives none. */
export const DEFAULT_CLOUD_LOAD: Factor = {
  id: 'ccf/average-cpu-utilisation',
  value: 0.5,
  unit: 'ratio',
  source: CCF_DOCS,
}

const HOURS_PER_EMBODIED_LIFETIME = 4 * 8760

export type CloudUsage = {
  provider: CloudProvider
  region: string
  /** Micro-architecture as CCF names it ("Cascade Lake", "Graviton2"…); null = unknown (provider average). */
  architecture: string | null
  vcpuHours: number
  /** Average CPU load, 0–1; null = CCF default 50 %. */
  averageLoad: number | null
  /** The instance's embodied share (CCF `coefficients-*-embodied.csv` total), with what scales it; null = not counted. */
  embodied: { totalKgCo2e: number; hours: number; instanceVcpu: number; largestVcpu: number } | null
}

export type CloudEstimate =
  | {
      isEstimated: true
      kwh: number
      useKgCo2e: number
      embodiedKgCo2e: number
      trace: { formulas: string[]; inputs: TraceInput[]; defaultsAssumed: string[] }
    }
  | { isEstimated: false; code: 'unknown_region'; message: string }

function averageWatts(provider: CloudProvider): { min: number; max: number } {
  const rows = Object.values(CCF_WATTS_PER_VCPU[provider])
  return {
    min: rows.reduce((sum, row) => sum + row.min, 0) / rows.length,
    max: rows.reduce((sum, row) => sum + row.max, 0) / rows.length,
  }
}

/** Estimates one usage line; an unknown region is returned as data (the line is not estimated). */
export function estimateCloudUsage(usage: CloudUsage): CloudEstimate {
  const grid = CCF_REGION_GRID[usage.provider][usage.region]
  if (grid === undefined)
    return {
      isEstimated: false,
      code: 'unknown_region',
      message: `No grid factor for ${usage.provider} region "${usage.region}" in the CCF coefficients.`,
    }
  const defaultsAssumed: string[] = []
  const known =
    usage.architecture === null ? undefined : CCF_WATTS_PER_VCPU[usage.provider][usage.architecture]
  if (known === undefined)
    defaultsAssumed.push(
      `architecture ${usage.architecture === null ? 'not given' : `"${usage.architecture}" unknown`}: average of the ${usage.provider} architectures`,
    )
  const watts = known ?? averageWatts(usage.provider)
  const load = usage.averageLoad ?? DEFAULT_CLOUD_LOAD.value
  if (usage.averageLoad === null) defaultsAssumed.push('average CPU load: CCF default 50 %')
  const wattsPerVcpu = watts.min + load * (watts.max - watts.min)
  const kwh = (usage.vcpuHours * wattsPerVcpu) / 1000
  const pue = CLOUD_PUE[usage.provider]
  const useKgCo2e = kwh * pue.value * grid.kgCo2ePerKwh
  const embodied = usage.embodied
  const embodiedKgCo2e =
    embodied === null
      ? 0
      : ((embodied.totalKgCo2e * embodied.hours) / HOURS_PER_EMBODIED_LIFETIME) *
        (embodied.instanceVcpu / embodied.largestVcpu)
  if (embodied === null) defaultsAssumed.push('embodied: no instance type coefficient given, not counted')
  const architectureId = usage.architecture ?? 'average'
  const inputs: TraceInput[] = [
    { name: 'vcpuHours', value: usage.vcpuHours, unit: 'vCPU-h', origin: 'inventory' },
    {
      name: 'averageLoad',
      value: load,
      unit: 'ratio',
      origin: usage.averageLoad === null ? 'default' : 'inventory',
      ...(usage.averageLoad === null ? { factor: DEFAULT_CLOUD_LOAD } : {}),
    },
    {
      name: 'minWattsPerVcpu',
      value: watts.min,
      unit: 'W/vCPU',
      origin: known === undefined ? 'default' : 'referential',
      factor: {
        id: `ccf/${usage.provider}/${architectureId}/min-watts`,
        value: watts.min,
        unit: 'W/vCPU',
        source: CCF_SOURCE,
      },
    },
    {
      name: 'maxWattsPerVcpu',
      value: watts.max,
      unit: 'W/vCPU',
      origin: known === undefined ? 'default' : 'referential',
      factor: {
        id: `ccf/${usage.provider}/${architectureId}/max-watts`,
        value: watts.max,
        unit: 'W/vCPU',
        source: CCF_SOURCE,
      },
    },
    { name: 'pue', value: pue.value, unit: 'ratio', origin: 'referential', factor: pue },
    {
      name: 'gridFactor',
      value: grid.kgCo2ePerKwh,
      unit: 'kgCO2e/kWh',
      origin: 'referential',
      factor: {
        id: `ccf/${usage.provider}/grid/${usage.region}`,
        value: grid.kgCo2ePerKwh,
        unit: 'kgCO2e/kWh',
        source: `${CCF_SOURCE}; upstream ${grid.source}`,
      },
    },
  ]
  if (embodied !== null)
    inputs.push(
      { name: 'totalEmbodied', value: embodied.totalKgCo2e, unit: 'kgCO2e', origin: 'inventory' },
      { name: 'hours', value: embodied.hours, unit: 'h', origin: 'inventory' },
      { name: 'instanceVcpu', value: embodied.instanceVcpu, unit: 'vCPU', origin: 'inventory' },
      { name: 'largestVcpu', value: embodied.largestVcpu, unit: 'vCPU', origin: 'inventory' },
    )
  return {
    isEstimated: true,
    kwh,
    useKgCo2e,
    embodiedKgCo2e,
    trace: { formulas: [CLOUD_USE_FORMULA, CLOUD_EMBODIED_FORMULA], inputs, defaultsAssumed },
  }
}
