/**
 * A digital service described before it exists: its users and their terminals, the network traffic, the
 * back-end (VMs in an on-premises datacenter or a cloud region) and the stored data. One service has one or
 * more options (architecture variants) estimated side by side. Validated by the app layer (zod); the file
 * format is documented in docs/services.md.
 */
import type { NetworkKind, NetworkZone } from './service-factors.js'

/** Terminal kinds a service's users may use (categories the default referential covers with ADEME figures). */
export const SERVICE_TERMINALS = [
  'laptop',
  'desktop',
  'monitor',
  'smartphone',
  'tablet',
  'thin-client',
] as const
export type ServiceTerminal = (typeof SERVICE_TERMINALS)[number]

export type ServiceUsers = {
  count: number
  /** Hours each user spends on the service per year. */
  hoursPerYear: number
  /** Country of the users' electricity (ISO code). */
  country: string
  terminals: {
    type: ServiceTerminal
    /** Share of the users on this terminal (0 to 1); several terminals may add up to more than 1 (laptop + monitor). */
    share: number
    /** Hours per year the terminal's life is spread over (NumEcoEval: 8760); null = default. */
    deviceHoursPerYear: number | null
  }[]
}

export type ServiceNetwork = { gbPerYear: number; kind: NetworkKind; zone: NetworkZone }

export type ServiceHosting =
  | {
      kind: 'datacenter'
      /** Datacenter PUE; null = hypothesis default (1.75). */
      pue: number | null
      country: string
      /** vCPU of the host server a VM is a share of; null = default. */
      hostVcpu: number | null
      /** Capacity of the storage bay stored data is a share of, GB; null = default. */
      hostStorageGb: number | null
    }
  | { kind: 'cloud'; region: string }

export type ServiceCompute = {
  name: string
  count: number
  vcpu: number
  memoryGb: number
  /** Hours per year the VM runs (8760 = always on). */
  hoursPerYear: number
}

export type ServiceStorage = {
  initialGb: number
  growthGbPerYear: number
  /** Data older than this is deleted: the stored volume levels off at initial + growth × retention. */
  retentionYears: number
  /** Copies kept (replicas, backups), 1 = a single copy. */
  copies: number
}

/** Price overrides; null = the documented default. */
export type ServiceCosts = {
  electricityEurosPerKwh: number | null
  serverEuros: number | null
  storageArrayEuros: number | null
  cloudEurosPerVcpuHour: number | null
  cloudEurosPerGbMonth: number | null
}

export type ServiceOption = {
  name: string
  users: ServiceUsers
  network: ServiceNetwork[]
  hosting: ServiceHosting | null
  compute: ServiceCompute[]
  storage: ServiceStorage | null
  transactionsPerYear: number | null
  costs: ServiceCosts
}

export type ServiceDescription = { service: string; description: string | null; options: ServiceOption[] }
