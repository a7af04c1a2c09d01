/**
 * From imported cloud lines to footprints (docs/methodology/cloud.md): provider and region names as the extracts
 * write them, the CCF instance catalogue, and the footprint of a `cloud-usage` line (use: CCF energy × PUE × grid;
 * manufacturing: CCF embodied share) or a `cloud-emissions` line (the provider's kgCO2e, as-is, in the use phase).
 */
import { normaliseHeader, type ColumnPlan } from '../formats/format-profiles.js'
import type { TraceInput } from '../footprint/trace.js'
import type { CloudEmissionsLine, CloudUsageLine } from '../inventory/inventory-records.js'
import { foldText } from '../inventory/fold-text.js'
import { CCF_REGION_GRID, type CloudProvider } from './ccf-coefficients.js'
import { CCF_INSTANCES } from './ccf-instances.js'
import { estimateCloudUsage } from './estimate-cloud-usage.js'

export const CLOUD_PROVIDERS: readonly CloudProvider[] = ['aws', 'azure', 'gcp']

const PROVIDER_NAMES: ReadonlyMap<string, CloudProvider> = new Map(
  (
    [
      ['aws', 'aws'],
      ['amazon', 'aws'],
      ['amazon web services', 'aws'],
      ['amazon web services inc', 'aws'],
      ['azure', 'azure'],
      ['microsoft azure', 'azure'],
      ['microsoft', 'azure'],
      ['gcp', 'gcp'],
      ['google', 'gcp'],
      ['google cloud', 'gcp'],
      ['google cloud platform', 'gcp'],
    ] as const
  ).map(([name, provider]) => [compact(name), provider]),
)

function compact(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '')
}

/** The provider a cell names ("AWS", "Amazon Web Services, Inc.", "Microsoft Azure", "Google Cloud"), or null. */
export function cloudProviderOf(text: string): CloudProvider | null {
  return PROVIDER_NAMES.get(compact(text)) ?? null
}

const REGION_INDEX: ReadonlyMap<CloudProvider, ReadonlyMap<string, string>> = new Map(
  CLOUD_PROVIDERS.map((provider) => [
    provider,
    new Map(Object.keys(CCF_REGION_GRID[provider]).map((region) => [compact(region), region])),
  ]),
)

/** The CCF key of a region ("francecentral" → "France Central"), case, space and dash insensitive; or null. */
export function cloudRegionOf(provider: CloudProvider, text: string): string | null {
  return REGION_INDEX.get(provider)!.get(compact(text)) ?? null
}

/** The providers having a region of that name (to find the provider of a line that does not say it). */
export function providersOfRegion(text: string): CloudProvider[] {
  return CLOUD_PROVIDERS.filter((provider) => cloudRegionOf(provider, text) !== null)
}

export type CcfInstance = {
  type: string
  vcpu: number
  largestVcpu: number
  embodiedKgCo2e: number
  architecture: string | null
}

const INSTANCE_INDEX: ReadonlyMap<CloudProvider, ReadonlyMap<string, string>> = new Map(
  CLOUD_PROVIDERS.map((provider) => [
    provider,
    new Map(Object.keys(CCF_INSTANCES[provider]).map((type) => [instanceKey(provider, type), type])),
  ]),
)

/** Azure writes `Standard_D2s_v3` where CCF says `D2s v3`; the others are matched case-insensitively. */
function instanceKey(provider: CloudProvider, text: string): string {
  const lower = text.trim().toLowerCase()
  if (provider !== 'azure') return lower
  return lower.replace(/^(standard|basic)_/, '').replaceAll('_', ' ')
}

/** The CCF catalogue entry of an instance type, or null when CCF does not list it. */
export function findCcfInstance(provider: CloudProvider, instanceType: string): CcfInstance | null {
  const type = INSTANCE_INDEX.get(provider)!.get(instanceKey(provider, instanceType))
  if (type === undefined) return null
  const [vcpu, largestVcpu, embodiedKgCo2e, architecture] = CCF_INSTANCES[provider][type]!
  return { type, vcpu, largestVcpu, embodiedKgCo2e, architecture }
}

export const CLOUD_EMISSIONS_FORMULA = 'provider-reported kgCO2e, counted as-is in the use phase'

export type CloudLineFootprint = {
  /** kgCO2e of the line (climate change only: CCF and the providers give no other criterion). */
  manufacturing: number
  use: number
  /** IT energy of the line (before PUE), kWh; 0 for provider-reported emissions. */
  kwh: number
  trace: { formulas: string[]; inputs: TraceInput[]; defaultsAssumed: string[] }
}

/**
 * The footprint of one usage line: vCPU-hours = hours × vCPU (the line's, else the catalogue's); embodied from the
 * catalogue's total, scaled by hours and the instance's share of the platform. Null when the region has no CCF
 * grid factor or the vCPU count is unknown (the import rejects such lines; kept for stale rows).
 */
export function cloudUsageFootprint(line: CloudUsageLine): CloudLineFootprint | null {
  const instance = line.instanceType === null ? null : findCcfInstance(line.provider, line.instanceType)
  const vcpu = line.vcpu ?? instance?.vcpu ?? null
  if (vcpu === null) return null
  const estimate = estimateCloudUsage({
    provider: line.provider,
    region: line.region,
    architecture: line.architecture ?? instance?.architecture ?? null,
    vcpuHours: line.usageHours * vcpu,
    averageLoad: line.averageLoad,
    embodied:
      instance === null
        ? null
        : {
            totalKgCo2e: instance.embodiedKgCo2e,
            hours: line.usageHours,
            instanceVcpu: vcpu,
            largestVcpu: instance.largestVcpu,
          },
  })
  if (!estimate.isEstimated) return null
  const inputs: TraceInput[] = [
    { name: 'usageHours', value: line.usageHours, unit: 'h', origin: 'inventory' },
    { name: 'vcpu', value: vcpu, unit: 'vCPU', origin: line.vcpu === null ? 'referential' : 'inventory' },
    ...estimate.trace.inputs.map((input) =>
      instance !== null &&
      (input.name === 'totalEmbodied' ||
        input.name === 'largestVcpu' ||
        (input.name === 'instanceVcpu' && line.vcpu === null))
        ? {
            ...input,
            origin: 'referential' as const,
            factor: {
              id: `ccf/${line.provider}/instance/${instance.type}/${input.name}`,
              value: Number(input.value),
              unit: input.unit,
              source:
                'Cloud Carbon Footprint instance catalogue and embodied coefficients (Apache-2.0) @ dda7621f',
            },
          }
        : input,
    ),
  ]
  const defaultsAssumed = [...estimate.trace.defaultsAssumed]
  if (line.instanceType !== null && instance === null)
    defaultsAssumed.push(
      `instance type "${line.instanceType}" not in the CCF catalogue: embodied not counted`,
    )
  return {
    manufacturing: estimate.embodiedKgCo2e,
    use: estimate.useKgCo2e,
    kwh: estimate.kwh,
    trace: {
      formulas: ['vCPU-hours = usageHours × vcpu', ...estimate.trace.formulas],
      inputs,
      defaultsAssumed,
    },
  }
}

/** A provider-reported line: its kgCO2e in the use phase, as-is. */
export function cloudEmissionsFootprint(line: CloudEmissionsLine): CloudLineFootprint {
  return {
    manufacturing: 0,
    use: line.kgCo2e,
    kwh: 0,
    trace: {
      formulas: [CLOUD_EMISSIONS_FORMULA],
      inputs: [{ name: 'reportedKgCo2e', value: line.kgCo2e, unit: 'kgCO2e', origin: 'inventory' }],
      defaultsAssumed: [],
    },
  }
}

/** The header label of each provider's own export, for the measure column of a cloud file. */
const EXPORT_LABELS: readonly (readonly [CloudProvider, string])[] = [
  ['aws', 'lineItem/UsageAmount'],
  ['azure', 'Quantity'],
  ['azure', 'UsageQuantity'],
  ['gcp', 'usage.amount_in_pricing_units'],
  ['gcp', 'carbon_footprint_total_kgCO2e.location_based'],
  ['aws', 'total_mbm_emissions_value'],
  ['azure', 'Emissions (mtCO2e)'],
]

/**
 * The provider whose own export a cloud file is (read from the label of its measure column), or null for our own
 * header: an AWS export and an Azure export of the same organisation are then two sources, and re-importing one
 * replaces only its own earlier lines.
 */
export function cloudExportOf(plan: ColumnPlan): CloudProvider | null {
  for (const field of ['usageHours', 'kgCo2e', 'tonnesCo2e']) {
    const index = plan.fieldIndex[field]
    if (index === undefined) continue
    const key = normaliseHeader(plan.header[index] ?? '')
    const found = EXPORT_LABELS.find(([, label]) => normaliseHeader(label) === key)
    if (found) return found[0]
  }
  return null
}
