/**
 * The NumEcoEval / G4IT input lines that are not physical equipment: virtual equipment, applications, non-IT
 * operations, messaging volumes and entities (anchors §D.1–D.3), and cloud usage / emissions lines. They are
 * collected, validated and stored as typed rows; only the cloud lines have a footprint yet (domain `cloud`). Numbers are in the canonical unit named by each field.
 */

/** `NON_CLOUD_SERVERS` (a VM on a known host) or `CLOUD_SERVICES` (a cloud instance, no host). */
export type InfrastructureType = 'NON_CLOUD_SERVERS' | 'CLOUD_SERVICES'
/** NumEcoEval `typeEqv`: allocate the host by vCPU (`calcul`) or by storage capacity (`stockage`). */
export type VirtualEquipmentType = 'calcul' | 'stockage'
/** NumEcoEval `qualite`. */
export type DataQuality = 'BASSE' | 'MOYENNE' | 'HAUTE'

/** Fields every record carries: the source line and the organisation the row belongs to. */
type RecordBase = { sourceLine: number; organisationPath: string[] }

export type VirtualEquipment = RecordBase & {
  kind: 'virtual-equipment'
  name: string
  /** Host (`nomEquipementPhysique`); null for cloud instances. */
  physicalEquipment: string | null
  physicalEquipmentSource: string | null
  infrastructureType: InfrastructureType
  quantity: number
  /** `cleRepartition`, a fraction of the host (0 to 1). */
  allocationShare: number | null
  vcpu: number | null
  cluster: string | null
  annualKwh: number | null
  type: VirtualEquipmentType | null
  /** `capaciteStockage` as written (NumEcoEval says TB, G4IT documents GB): only ratios between VMs matter. */
  storageCapacity: number | null
  provider: string | null
  instanceType: string | null
  /** Cloud region: a country name or `EEE`, as written. */
  location: string | null
  /** `chargeMoy` as a fraction (0 to 1), converted with the import's load unit. */
  averageLoad: number | null
  /** `dureeUtilisationAnnuelle`, hours per year. */
  annualUsageHours: number | null
  dataSource: string | null
  quality: DataQuality | null
}

export type Application = RecordBase & {
  kind: 'application'
  name: string
  environmentType: string
  virtualEquipment: string | null
  virtualEquipmentSource: string | null
  domain: string | null
  subDomain: string | null
  physicalEquipment: string | null
  dataSource: string | null
  quality: DataQuality | null
}

export type NonItOperation = RecordBase & {
  kind: 'non-it-operation'
  name: string
  quantity: number
  type: string
  /** `dureeDeVie`, read as years. */
  lifetimeYears: number | null
  location: string | null
  datacenter: string | null
  description: string | null
  annualKwh: number | null
  dataSource: string | null
  quality: DataQuality | null
}

export type MessagingVolume = RecordBase & {
  kind: 'messaging'
  mailsSent: number
  mailsSentTimesRecipients: number
  /** `volumeTotalMailEmis` as written (the specification states no unit). */
  totalVolume: number
  year: number
  month: number
}

export type Entity = RecordBase & {
  kind: 'entity'
  name: string
  staffCount: number | null
  manager: string | null
  digitalManager: string | null
}

/**
 * One line of a cloud usage or billing extract (`cloud-usage`, docs/formats.md): instance-hours of one instance
 * type in one region. Provider and region are the canonical CCF keys (src/core/cloud/ccf-coefficients.ts).
 */
export type CloudUsageLine = RecordBase & {
  kind: 'cloud-usage'
  provider: 'aws' | 'azure' | 'gcp'
  service: string | null
  /** Instance or machine type as the provider names it (`m5.xlarge`, `Standard_D2s_v3`, `n2-standard-4`). */
  instanceType: string | null
  region: string
  /** Instance-hours of the line. */
  usageHours: number
  /** vCPU of one instance; null = read from the CCF instance catalogue at compute time. */
  vcpu: number | null
  /** Average CPU load as a fraction (0 to 1); null = CCF default 50 %. */
  averageLoad: number | null
  /** Micro-architecture as CCF names it; null = the instance catalogue's, else the provider average. */
  architecture: string | null
  /** Month of the usage, `YYYY-MM`; null when the extract has none. */
  month: string | null
}

/** Emissions a provider reports for one service and month (`cloud-emissions`), counted as-is. */
export type CloudEmissionsLine = RecordBase & {
  kind: 'cloud-emissions'
  provider: 'aws' | 'azure' | 'gcp'
  service: string | null
  region: string | null
  month: string | null
  kgCo2e: number
}

export type InventoryRecord =
  | VirtualEquipment
  | Application
  | NonItOperation
  | MessagingVolume
  | Entity
  | CloudUsageLine
  | CloudEmissionsLine
export type InventoryRecordKind = InventoryRecord['kind']
