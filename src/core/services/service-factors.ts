/**
 * Figures the digital-service estimator needs beyond the default referential: network impact per GB, cloud
 * regions (grid factor, PUE), cloud power and embodied coefficients, the size of the hosts a VM is a share of,
 * and the default prices. Every figure carries its source; see docs/methodology/services.md.
 */
import type { Factor } from '../referential/referential.js'

const ADEME_NETWORK =
  'ADEME publicodes-acv-numerique 2.1.0 (MIT), rule "transmission par défaut . facteur réseau'
const NETWORK_NOTE =
  'Per-GB factor of the ADEME/Arcep study (NegaOctet data published by ADEME): the whole life cycle of the ' +
  'network (equipment manufacturing and electricity) per GB carried, not split by phase; counted under "use".'

export type NetworkKind = 'fixed' | 'mobile'
export type NetworkZone = 'FR' | 'EU'

/** kgCO2e per GB carried, by network kind and zone (methodology §3.10). */
export const NETWORK_KG_CO2E_PER_GB: Readonly<Record<`${NetworkKind}-${NetworkZone}`, Factor>> = {
  'fixed-FR': networkFactor('fixed-FR', 0.00926934695867389, 'fixe FR'),
  'mobile-FR': networkFactor('mobile-FR', 0.0246836791969497, 'mobile FR'),
  'fixed-EU': networkFactor('fixed-EU', 0.0308081869990301, 'fixe EU'),
  'mobile-EU': networkFactor('mobile-EU', 0.0960097311973246, 'mobile EU'),
}

function networkFactor(id: string, kgPerGb: number, ademeZone: string): Factor {
  return {
    id: `network/${id}/climate-change`,
    value: kgPerGb,
    unit: 'kgCO2e/GB',
    source: `${ADEME_NETWORK} ${ademeZone}" (${kgPerGb * 1000} gCO2e/Go)`,
    note: NETWORK_NOTE,
  }
}

const CCF = 'Cloud Carbon Footprint cloud-carbon-coefficients (Apache-2.0), commit dda7621'

export type CloudProvider = 'aws' | 'azure' | 'gcp'
export type CloudRegion = {
  id: string
  provider: CloudProvider
  label: string
  gridFactor: Factor
  pue: Factor
}

const PROVIDER_PUE: Readonly<Record<CloudProvider, number>> = { aws: 1.135, azure: 1.185, gcp: 1.1 }

function region(
  provider: CloudProvider,
  name: string,
  label: string,
  tonnesPerKwh: number,
  file: string,
): CloudRegion {
  const id = `${provider}/${name}`
  return {
    id,
    provider,
    label,
    gridFactor: {
      id: `cloud/${id}/grid`,
      value: tonnesPerKwh * 1000,
      unit: 'kgCO2e/kWh',
      source: `${CCF}, data/${file} (${tonnesPerKwh} tCO2e/kWh)`,
    },
    pue: {
      id: `cloud/${provider}/pue`,
      value: PROVIDER_PUE[provider],
      unit: 'ratio',
      source: `${CCF} methodology, ${provider.toUpperCase()} PUE (methodology §3.5)`,
    },
  }
}

/** The cloud regions a service option may name (`provider/region`). */
export const CLOUD_REGIONS: ReadonlyMap<string, CloudRegion> = new Map(
  [
    region('aws', 'eu-west-3', 'AWS Paris', 0.000052, 'grid-emissions-factors-aws.csv'),
    region('aws', 'eu-central-1', 'AWS Frankfurt', 0.000338, 'grid-emissions-factors-aws.csv'),
    region('aws', 'eu-west-1', 'AWS Ireland', 0.000316, 'grid-emissions-factors-aws.csv'),
    region('azure', 'francecentral', 'Azure France Central', 0.000067, 'grid-emissions-factors-azure.csv'),
    region('azure', 'westeurope', 'Azure West Europe', 0.00039, 'grid-emissions-factors-azure.csv'),
    region('azure', 'northeurope', 'Azure North Europe', 0.000316, 'grid-emissions-factors-azure.csv'),
    region('gcp', 'europe-west1', 'Google Cloud Belgium', 0.000196, 'grid-emissions-factors-gcp.csv'),
    region('gcp', 'europe-west4', 'Google Cloud Netherlands', 0.000474, 'grid-emissions-factors-gcp.csv'),
  ].map((item) => [item.id, item]),
)

/** Cloud compute and storage coefficients (CCF method, methodology §3.5). */
export const CLOUD_COEFFICIENTS = {
  minWattsPerVcpu: {
    id: 'cloud/min-watts-per-vcpu',
    value: 0.6389493581523519,
    unit: 'W/vCPU',
    source: `${CCF}, output/coefficients-aws-use.csv, "Cascade Lake" Min Watts`,
    note: 'Cascade Lake stands for a recent Intel server CPU present in the three providers’ fleets.',
  },
  maxWattsPerVcpu: {
    id: 'cloud/max-watts-per-vcpu',
    value: 3.9673047343937564,
    unit: 'W/vCPU',
    source: `${CCF}, output/coefficients-aws-use.csv, "Cascade Lake" Max Watts`,
  },
  averageCpuUtilisation: {
    id: 'cloud/average-cpu-utilisation',
    value: 0.5,
    unit: 'ratio',
    source: `${CCF} methodology: average CPU utilisation when unknown (50 %)`,
  },
  memoryKwhPerGbHour: {
    id: 'cloud/memory-kwh-per-gb-hour',
    value: 0.000392,
    unit: 'kWh/GB-h',
    source: `${CCF} methodology: memory 0.000392 kWh per GB-hour`,
  },
  ssdWhPerTbHour: {
    id: 'cloud/ssd-wh-per-tb-hour',
    value: 1.2,
    unit: 'Wh/TB-h',
    source: `${CCF} methodology: SSD storage 1.2 Wh per TB-hour`,
  },
  hostEmbodiedKgCo2e: {
    id: 'cloud/host-embodied',
    value: 1610.79,
    unit: 'kgCO2e',
    source: `${CCF}, output/coefficients-aws-embodied.csv, family m5 "total" (1,000 kg base host + memory + CPU)`,
    note: 'A general-purpose host; its embodied emissions are shared by vCPU over the host lifetime.',
  },
  hostVcpu: {
    id: 'cloud/host-vcpu',
    value: 96,
    unit: 'vCPU',
    source: `${CCF}, data/aws-instances.csv, m5 "Platform Total Number of vCPU"`,
  },
  hostLifetimeYears: {
    id: 'cloud/host-lifetime',
    value: 4,
    unit: 'years',
    source: `${CCF} methodology: embodied emissions spread over 4 years`,
  },
} satisfies Record<string, Factor>

const NUMECOEVAL_HOST = 'NumEcoEval / G4IT referential ref_server_host.csv (Apache-2.0)'

/** Host sizes for a VM's share of an on-premises server and storage bay (NumEcoEval digital-service rule). */
export const DATACENTER_HOSTS = {
  hostVcpu: {
    id: 'datacenter/host-vcpu',
    value: 32,
    unit: 'vCPU',
    source: `${NUMECOEVAL_HOST}, "Server Compute S" nb_of_vcpu`,
    note: 'A VM takes vCPU / host vCPU of the host server (methodology §3.2, digital-service variant).',
  },
  hostStorageGb: {
    id: 'datacenter/host-storage-gb',
    value: 6144,
    unit: 'GB',
    source: `${NUMECOEVAL_HOST}, "Server Storage S" total_disk`,
    note: 'Stored data takes GB / bay capacity of the storage bay.',
  },
} satisfies Record<string, Factor>

const COST_ASSUMPTION =
  'empreinte default cost assumption (indicative order of magnitude, not a quote): replace it with your prices'

/** Default prices, overridable per option in the service file (`costs:`). */
export const SERVICE_COSTS = {
  storageArrayEuros: {
    id: 'cost/storage-array',
    value: 20000,
    unit: '€',
    source: COST_ASSUMPTION,
    isPlaceholder: true,
    note: 'Purchase price of the storage bay a service takes a share of.',
  },
  cloudEurosPerVcpuHour: {
    id: 'cost/cloud-vcpu-hour',
    value: 0.05,
    unit: '€/vCPU-h',
    source: COST_ASSUMPTION,
    isPlaceholder: true,
    note: 'On-demand general-purpose instances in European regions, electricity and hosting included.',
  },
  cloudEurosPerGbMonth: {
    id: 'cost/cloud-gb-month',
    value: 0.1,
    unit: '€/GB-month',
    source: COST_ASSUMPTION,
    isPlaceholder: true,
    note: 'Block storage (SSD) in European regions.',
  },
} satisfies Record<string, Factor>

export const HOURS_PER_YEAR = 8760
