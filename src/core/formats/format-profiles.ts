/**
 * Format profiles: which header labels of a known export (GLPI, NumEcoEval, G4IT, OCS Inventory, Intune,
 * SCCM, Snipe-IT, purchase orders, our generic CSV) feed which
 * canonical field. Matching is done on folded header keys, once per file; rows are then read by column index
 * (see `planColumns` and `src/core/inventory/normalise-row.ts`). docs/formats.md describes each format.
 */
import { ASSET_FIELDS } from '../inventory/asset.js'
import { foldText } from '../inventory/fold-text.js'
import type { UnitChoice } from './unit-choices.js'

export type FormatId =
  | 'generic'
  | 'glpi'
  | 'numecoeval-physical'
  | 'numecoeval-datacenter'
  | 'g4it-physical'
  | 'ocs'
  | 'intune'
  | 'sccm'
  | 'snipeit'
  | 'purchases'
  | 'numecoeval-virtual'
  | 'g4it-virtual'
  | 'numecoeval-application'
  | 'g4it-application'
  | 'numecoeval-non-it'
  | 'numecoeval-messaging'
  | 'numecoeval-entity'
  | 'cloud-usage'
  | 'cloud-emissions'
/** What one row of a format becomes: an asset, a datacenter, or one of the typed NumEcoEval records. */
export type RecordKind =
  | 'assets'
  | 'datacenters'
  | 'virtual-equipment'
  | 'applications'
  | 'non-it-operations'
  | 'messaging'
  | 'entities'
  | 'cloud-usage'
  | 'cloud-emissions'

/**
 * How an asset row's category is found (src/core/inventory/normalise-row.ts):
 * - `type-then-model` (default): the type text, else the model text, else the hint;
 * - `chassis` (SCCM, OCS): virtual-machine flag or model, type text, SMBIOS chassis, model text, a server OS, hint;
 * - `operating-system` (Intune): virtual-machine model, type text, then the OS family with the model;
 * - `procurement` (purchase orders): UNSPSC/CPV code, type text, item description, model text, hint.
 */
export type CategoryRule = 'type-then-model' | 'chassis' | 'operating-system' | 'procurement'

/**
 * `columns` maps a canonical field to the header labels that feed it (first label = the one shown in
 * messages). Asset fields are the ASSET_FIELDS names plus a few read-only extras (`startupDate`,
 * `parentOrganisation`…); datacenter fields are `shortName`, `longName`, `pue`, `country`, `organisation`.
 * `required` lists canonical fields; `signature` lists header labels that identify the format.
 */
export type FormatProfile = {
  id: FormatId
  kind: RecordKind
  label: string
  columns: Record<string, readonly string[]>
  required: readonly string[]
  dateOrder: 'dmy' | 'ymd'
  signature: readonly string[]
  /** Separator of organisation paths ("A > B"); absent when the organisation cell is a single name. */
  organisationSeparator?: string
  /** Absent means `type-then-model`. */
  categoryRule?: CategoryRule
  /** Fields whose unit the format does not state, and the choice that names it (see unit-choices.ts). */
  ambiguousUnits?: Partial<Record<string, UnitChoice>>
}

/**
 * Where each canonical field sits in one file. `header` is the file's header as read (used to name
 * columns in findings); `unknownColumns` are the headers no field uses (duplicates included);
 * `missingRequired` names, with their first label, the required fields the header lacks.
 */
export type ColumnPlan = {
  profile: FormatProfile
  header: readonly string[]
  fieldIndex: Partial<Record<string, number>>
  unknownColumns: string[]
  missingRequired: string[]
}

const GENERIC: FormatProfile = {
  id: 'generic',
  kind: 'assets',
  label: 'generic CSV',
  columns: {
    organisation: ['organisation', 'organization'],
    site: ['site'],
    datacenter: ['datacenter'],
    category: ['category'],
    manufacturer: ['manufacturer'],
    model: ['model'],
    serial: ['serial', 'serialNumber'],
    hostname: ['hostname'],
    quantity: ['quantity'],
    purchaseDate: ['purchaseDate'],
    retirementDate: ['retirementDate'],
    lifetimeYears: ['lifetimeYears'],
    annualKwh: ['annualKwh'],
    utilisationRate: ['utilisationRate', 'utilizationRate'],
    ownership: ['ownership'],
    country: ['country'],
    status: ['status'],
  },
  required: [],
  dateOrder: 'ymd',
  organisationSeparator: '>',
  signature: ASSET_FIELDS,
}

const GLPI: FormatProfile = {
  id: 'glpi',
  kind: 'assets',
  label: 'GLPI',
  columns: {
    hostname: ['Nom', 'Name'],
    organisation: ['Entité', 'Entity'],
    status: ['Statut', 'Status'],
    manufacturer: ['Fabricant', 'Manufacturer'],
    model: [
      'Modèle',
      'Model',
      "Modèle d'ordinateur",
      'Modèle de moniteur',
      "Modèle d'écran",
      "Modèle d'imprimante",
      'Modèle de téléphone',
      'Modèle de matériel réseau',
      'Modèle de périphérique',
      'Computer model',
      'Monitor model',
      'Printer model',
      'Phone model',
      'Network device model',
      'Device model',
    ],
    category: [
      'Type',
      "Type d'ordinateur",
      'Type de moniteur',
      "Type d'écran",
      "Type d'imprimante",
      'Type de téléphone',
      'Type de matériel réseau',
      'Type de périphérique',
      'Computer type',
      'Monitor type',
      'Printer type',
      'Phone type',
      'Network device type',
      'Device type',
    ],
    serial: ['Numéro de série', 'Serial number'],
    inventoryNumber: ["Numéro d'inventaire", 'Inventory number'],
    site: ['Lieu', 'Location'],
    datacenter: ['Centre de données', 'Data center'],
    purchaseDate: ["Date d'achat", 'Date of purchase'],
    startupDate: ['Date de mise en service', 'Startup date'],
    retirementDate: ['Date de réforme', 'Decommission date'],
    user: ['Utilisateur', 'User'],
    purchaseValue: ['Valeur', 'Value'],
  },
  required: [],
  dateOrder: 'dmy',
  organisationSeparator: '>',
  signature: [
    'Nom',
    'Entité',
    'Statut',
    'Fabricant',
    'Modèle',
    'Type',
    'Numéro de série',
    "Numéro d'inventaire",
    'Lieu',
    "Date d'achat",
    'Name',
    'Entity',
    'Status',
    'Manufacturer',
    'Model',
    'Serial number',
    'Inventory number',
    'Location',
    'Date of purchase',
  ],
}

/** The NumEcoEval physical-equipment columns, which G4IT reads too (G4IT adds `fabricant`…, see below). */
const PHYSICAL_EQUIPMENT_COLUMNS: Record<string, readonly string[]> = {
  hostname: ['nomEquipementPhysique'],
  model: ['modele'],
  quantity: ['quantite'],
  datacenter: ['nomCourtDatacenter'],
  purchaseDate: ['dateAchat'],
  retirementDate: ['dateRetrait'],
  lifetimeYears: ['dureeUsageInterne'],
  category: ['type'],
  status: ['statut'],
  country: ['paysDUtilisation'],
  annualKwh: ['consoElecAnnuelle'],
  organisation: ['nomEntite'],
  parentOrganisation: ['nomOrganisation'],
  ownership: ['modeUtilisation'],
  utilisationRate: ['tauxUtilisation'],
  manufacturer: ['fabricant'],
  user: ['utilisateur'],
  dataSource: ['nomSourceDonnee', 'sourceDonnee'],
  coreCount: ['nbCoeur'],
  upstreamLifetimeYears: ['dureeUsageAmont'],
  downstreamLifetimeYears: ['dureeUsageAval'],
  quality: ['qualite'],
  daysUsedPerYear: ['nbJourUtiliseAn'],
  downloadedGigabytes: ['goTelecharge'],
  inventoryId: ['idInventaire'],
  diskSizeGigabytes: ['tailleDuDisque'],
  memorySizeGigabytes: ['tailleMemoire'],
  processorType: ['typeDeProcesseur'],
  usageDuration: ['dureeUtilisation'],
  userCount: ['nombreUtilisateur'],
}

/** NumEcoEval's usage durations: years, months or days, the specification does not say (anchors §D.1). */
const USAGE_DURATION_UNITS: Partial<Record<string, UnitChoice>> = {
  lifetimeYears: 'usageDurationUnit',
  upstreamLifetimeYears: 'usageDurationUnit',
  downstreamLifetimeYears: 'usageDurationUnit',
}

const NUMECOEVAL_PHYSICAL_SIGNATURE = [
  'nomEquipementPhysique',
  'modele',
  'type',
  'statut',
  'paysDUtilisation',
]

const NUMECOEVAL_PHYSICAL: FormatProfile = {
  id: 'numecoeval-physical',
  kind: 'assets',
  label: 'NumEcoEval / G4IT physical equipment',
  columns: PHYSICAL_EQUIPMENT_COLUMNS,
  required: ['hostname', 'category'],
  dateOrder: 'ymd',
  signature: NUMECOEVAL_PHYSICAL_SIGNATURE,
  ambiguousUnits: USAGE_DURATION_UNITS,
}

/**
 * G4IT's `equipementPhysique` inventory file (anchors §D.2): the NumEcoEval columns plus the ones only G4IT
 * has. Those extra columns are its signature, so a NumEcoEval file (a tie) stays `numecoeval-physical`.
 */
const G4IT_PHYSICAL: FormatProfile = {
  id: 'g4it-physical',
  kind: 'assets',
  label: 'G4IT physical equipment',
  columns: PHYSICAL_EQUIPMENT_COLUMNS,
  required: ['hostname', 'category'],
  dateOrder: 'ymd',
  signature: [
    ...NUMECOEVAL_PHYSICAL_SIGNATURE,
    'fabricant',
    'tailleDuDisque',
    'tailleMemoire',
    'typeDeProcesseur',
    'dureeUtilisation',
    'nombreUtilisateur',
    'nomOrganisation',
    'idInventaire',
  ],
  ambiguousUnits: USAGE_DURATION_UNITS,
}

const NUMECOEVAL_DATACENTER: FormatProfile = {
  id: 'numecoeval-datacenter',
  kind: 'datacenters',
  label: 'NumEcoEval / G4IT datacenter',
  columns: {
    shortName: ['nomCourtDatacenter'],
    longName: ['nomLongDatacenter'],
    pue: ['pue'],
    country: ['localisation'],
    organisation: ['nomEntite'],
    dataSource: ['nomSourceDonnee'],
    quality: ['qualite'],
  },
  required: ['shortName'],
  dateOrder: 'ymd',
  signature: ['nomCourtDatacenter', 'nomLongDatacenter', 'pue'],
}

/**
 * Virtual equipment: NumEcoEval `EquipementVirtuel` and G4IT `equipementVirtuel`, including the digital-service
 * templates `ds_virtual_equipment_cloud` / `_non_cloud` (anchors §D.1–D.3). G4IT names the VM's electricity
 * `consoElecAn`, NumEcoEval `consoElecAnnuelle`; the cloud columns are G4IT's.
 */
const VIRTUAL_EQUIPMENT_COLUMNS: Record<string, readonly string[]> = {
  name: ['nomEquipementVirtuel'],
  physicalEquipment: ['nomEquipementPhysique'],
  physicalEquipmentSource: ['nomSourceDonneeEquipementPhysique'],
  allocationShare: ['cleRepartition'],
  vcpu: ['vCPU'],
  cluster: ['cluster'],
  annualKwh: ['consoElecAnnuelle', 'consoElecAn'],
  type: ['typeEqv'],
  storageCapacity: ['capaciteStockage'],
  organisation: ['nomEntite'],
  dataSource: ['nomSourceDonnee'],
  quality: ['qualite'],
  infrastructureType: ['typeInfrastructure'],
  quantity: ['quantite'],
  provider: ['provider'],
  instanceType: ['typeInstance'],
  location: ['location'],
  averageLoad: ['chargeMoy'],
  annualUsageHours: ['dureeUtilisationAnnuelle'],
}

const NUMECOEVAL_VIRTUAL_SIGNATURE = [
  'nomEquipementVirtuel',
  'nomSourceDonneeEquipementPhysique',
  'cleRepartition',
  'vCPU',
  'cluster',
  'typeEqv',
  'capaciteStockage',
]

const NUMECOEVAL_VIRTUAL: FormatProfile = {
  id: 'numecoeval-virtual',
  kind: 'virtual-equipment',
  label: 'NumEcoEval virtual equipment',
  columns: VIRTUAL_EQUIPMENT_COLUMNS,
  required: ['name'],
  dateOrder: 'ymd',
  signature: NUMECOEVAL_VIRTUAL_SIGNATURE,
  ambiguousUnits: { averageLoad: 'loadUnit' },
}

/** G4IT's columns (`consoElecAn`, the cloud ones) are its signature: a NumEcoEval file (a tie) stays NumEcoEval. */
const G4IT_VIRTUAL: FormatProfile = {
  id: 'g4it-virtual',
  kind: 'virtual-equipment',
  label: 'G4IT virtual equipment',
  columns: VIRTUAL_EQUIPMENT_COLUMNS,
  required: ['name'],
  dateOrder: 'ymd',
  signature: [
    ...NUMECOEVAL_VIRTUAL_SIGNATURE,
    'consoElecAn',
    'typeInfrastructure',
    'provider',
    'typeInstance',
    'chargeMoy',
    'dureeUtilisationAnnuelle',
  ],
  ambiguousUnits: { averageLoad: 'loadUnit' },
}

/** Applications: the CSV says `nomSourceEquipementVirtuel`, the JSON and G4IT `nomSourceDonneeEquipementVirtuel`. */
const APPLICATION_COLUMNS: Record<string, readonly string[]> = {
  name: ['nomApplication'],
  environmentType: ['typeEnvironnement'],
  virtualEquipment: ['nomEquipementVirtuel'],
  virtualEquipmentSource: ['nomSourceEquipementVirtuel', 'nomSourceDonneeEquipementVirtuel'],
  domain: ['domaine'],
  subDomain: ['sousDomaine'],
  organisation: ['nomEntite'],
  physicalEquipment: ['nomEquipementPhysique'],
  dataSource: ['nomSourceDonnee'],
  quality: ['qualite'],
  cloudAssociated: ['associeAvecUnEquipmentCloud'],
}

const NUMECOEVAL_APPLICATION_SIGNATURE = [
  'nomApplication',
  'typeEnvironnement',
  'domaine',
  'sousDomaine',
  'nomSourceEquipementVirtuel',
]

const NUMECOEVAL_APPLICATION: FormatProfile = {
  id: 'numecoeval-application',
  kind: 'applications',
  label: 'NumEcoEval application',
  columns: APPLICATION_COLUMNS,
  required: ['name'],
  dateOrder: 'ymd',
  signature: NUMECOEVAL_APPLICATION_SIGNATURE,
}

const G4IT_APPLICATION: FormatProfile = {
  id: 'g4it-application',
  kind: 'applications',
  label: 'G4IT application',
  columns: APPLICATION_COLUMNS,
  required: ['name'],
  dateOrder: 'ymd',
  signature: [
    ...NUMECOEVAL_APPLICATION_SIGNATURE,
    'nomSourceDonneeEquipementVirtuel',
    'associeAvecUnEquipmentCloud',
  ],
}

const NUMECOEVAL_NON_IT: FormatProfile = {
  id: 'numecoeval-non-it',
  kind: 'non-it-operations',
  label: 'NumEcoEval non-IT operations',
  columns: {
    name: ['nomItemNonIT'],
    quantity: ['quantite'],
    type: ['type'],
    lifetimeYears: ['dureeDeVie'],
    location: ['localisation'],
    organisation: ['nomEntite'],
    dataSource: ['nomSourceDonnee'],
    datacenter: ['nomCourtDatacenter'],
    description: ['description'],
    annualKwh: ['consoElecAnnuelle'],
    quality: ['qualite'],
  },
  required: ['name'],
  dateOrder: 'ymd',
  signature: ['nomItemNonIT', 'dureeDeVie', 'description'],
}

const NUMECOEVAL_MESSAGING: FormatProfile = {
  id: 'numecoeval-messaging',
  kind: 'messaging',
  label: 'NumEcoEval messaging',
  columns: {
    mailsSent: ['nombreMailEmis'],
    mailsSentTimesRecipients: ['nombreMailEmisXDestinataires'],
    totalVolume: ['volumeTotalMailEmis'],
    monthYear: ['MoisAnnee'],
    organisation: ['nomEntite'],
  },
  required: ['mailsSent', 'mailsSentTimesRecipients', 'totalVolume', 'monthYear'],
  dateOrder: 'ymd',
  signature: ['nombreMailEmis', 'nombreMailEmisXDestinataires', 'volumeTotalMailEmis', 'MoisAnnee'],
}

/** Entities: the CSV says `responsableNumeriqueResponsable`, the JSON `responsableNumeriqueDurable`. */
const NUMECOEVAL_ENTITY: FormatProfile = {
  id: 'numecoeval-entity',
  kind: 'entities',
  label: 'NumEcoEval entity',
  columns: {
    name: ['nomEntite'],
    staffCount: ['nbCollaborateurs'],
    manager: ['responsableEntite'],
    digitalManager: ['responsableNumeriqueResponsable', 'responsableNumeriqueDurable'],
  },
  required: ['name'],
  dateOrder: 'ymd',
  signature: [
    'nbCollaborateurs',
    'responsableEntite',
    'responsableNumeriqueResponsable',
    'responsableNumeriqueDurable',
  ],
}

/**
 * OCS Inventory NG: a GUI export of the computer list (English or French labels) or a query on the
 * `hardware`, `bios` and `accountinfo` tables (column names). `TYPE` is the BIOS chassis type text.
 */
const OCS: FormatProfile = {
  id: 'ocs',
  kind: 'assets',
  label: 'OCS Inventory',
  columns: {
    hostname: ['NAME', 'Computer', 'Machine', 'Computer name', 'Nom machine', 'Nom'],
    organisation: ['TAG'],
    site: ['Site', 'Location', 'Localisation', 'Lieu'],
    operatingSystem: [
      'OSNAME',
      'Operating system',
      'Système',
      "Système d'exploitation",
      'OS',
      'OS Name',
      'Nom du système',
    ],
    manufacturer: ['SMANUFACTURER', 'Manufacturer', 'Fabricant', 'Constructeur'],
    model: ['SMODEL', 'Model', 'Modèle'],
    serial: ['SSN', 'Serial number', 'Numéro de série'],
    chassisType: ['TYPE', 'Type', 'Chassis type', 'Type de châssis'],
    lastSeenDate: ['LASTDATE', 'Last inventory', 'Dernier inventaire'],
    user: ['USERID', 'User', 'Utilisateur'],
    domain: ['WORKGROUP', 'Domain', 'Domaine'],
    osVersion: ['OSVERSION', 'OS Version', 'Version du système'],
    memoryMegabytes: ['MEMORY', 'RAM (MB)'],
    processorMegahertz: ['PROCESSORS', 'CPU (MHz)'],
    inventoryId: ['DEVICEID'],
    assetTag: ['ASSETTAG'],
  },
  required: [],
  dateOrder: 'ymd',
  categoryRule: 'chassis',
  signature: [
    'TAG',
    'OSNAME',
    'SMANUFACTURER',
    'SMODEL',
    'SSN',
    'LASTDATE',
    'DEVICEID',
    'USERID',
    'WORKGROUP',
    'Last inventory',
    'Dernier inventaire',
    'Computer',
    'Machine',
    'Operating system',
    'Système',
    'RAM (MB)',
    'CPU (MHz)',
    'Manufacturer',
    'Fabricant',
    'Model',
    'Modèle',
    'Serial number',
    'Numéro de série',
  ],
}

/** Microsoft Intune, Devices → All devices → Export (or the Graph `managedDevice` property names). */
const INTUNE: FormatProfile = {
  id: 'intune',
  kind: 'assets',
  label: 'Microsoft Intune',
  columns: {
    hostname: ['Device name', 'deviceName'],
    serial: ['Serial number', 'serialNumber'],
    manufacturer: ['Manufacturer'],
    model: ['Model'],
    operatingSystem: ['OS', 'operatingSystem'],
    osVersion: ['OS version'],
    ownership: ['Ownership', 'managedDeviceOwnerType'],
    enrollmentDate: ['Enrollment date', 'enrolledDateTime'],
    category: ['Category', 'deviceCategoryDisplayName'],
    user: ['Primary user UPN', 'userPrincipalName'],
    lastSeenDate: ['Last check-in', 'lastSyncDateTime'],
    inventoryId: ['Device ID', 'id'],
  },
  required: ['operatingSystem'],
  dateOrder: 'ymd',
  categoryRule: 'operating-system',
  signature: [
    'Device ID',
    'Device name',
    'Enrollment date',
    'Last check-in',
    'Azure AD Device ID',
    'OS version',
    'Serial number',
    'Manufacturer',
    'Model',
    'OS',
    'Ownership',
    'Category',
    'Primary user UPN',
    'Primary user email address',
    'Compliance',
    'Managed by',
    'Management name',
    'Device state',
    'Supervised',
    'Encrypted',
    'JoinType',
    'SkuFamily',
    'IMEI',
    'Total storage',
    'Free storage',
    'deviceName',
    'operatingSystem',
    'enrolledDateTime',
    'managedDeviceOwnerType',
    'lastSyncDateTime',
    'userPrincipalName',
  ],
}

/** Microsoft Configuration Manager (SCCM) hardware-inventory extract: SQL view column names. */
const SCCM: FormatProfile = {
  id: 'sccm',
  kind: 'assets',
  label: 'Microsoft Configuration Manager (SCCM)',
  columns: {
    hostname: ['Name0', 'Netbios_Name0', 'Computer Name'],
    manufacturer: ['Manufacturer0', 'Manufacturer'],
    model: ['Model0', 'Model'],
    serial: ['SerialNumber0', 'IdentifyingNumber0', 'Serial Number'],
    chassisType: ['ChassisTypes0', 'Chassis Types', 'Chassis Type'],
    virtualMachine: ['Is_Virtual_Machine0', 'Is Virtual Machine'],
    site: ['AD_Site_Name0', 'AD Site Name'],
    firstSeenDate: ['Creation_Date0', 'Creation Date'],
    systemInstallDate: ['InstallDate0', 'Install Date'],
    operatingSystem: ['Operating_System_Name_and0', 'Caption0', 'Operating System'],
    user: ['User_Name0', 'UserName0', 'TopConsoleUser0'],
    inventoryId: ['ResourceID'],
    assetTag: ['SMBIOSAssetTag0'],
  },
  required: ['chassisType'],
  dateOrder: 'ymd',
  categoryRule: 'chassis',
  signature: [
    'Name0',
    'Netbios_Name0',
    'Manufacturer0',
    'Model0',
    'SerialNumber0',
    'IdentifyingNumber0',
    'ChassisTypes0',
    'Is_Virtual_Machine0',
    'AD_Site_Name0',
    'Creation_Date0',
    'InstallDate0',
    'Operating_System_Name_and0',
    'Caption0',
    'User_Name0',
    'ResourceID',
    'SMBIOSAssetTag0',
  ],
}

/** Snipe-IT: the asset import CSV, the custom asset report and the asset-list export. */
const SNIPE_IT: FormatProfile = {
  id: 'snipeit',
  kind: 'assets',
  label: 'Snipe-IT',
  columns: {
    organisation: ['Company'],
    hostname: ['Asset Name', 'Name'],
    inventoryNumber: ['Asset Tag'],
    category: ['Category'],
    manufacturer: ['Manufacturer'],
    model: ['Model', 'Model Name'],
    modelNumber: ['Model No.', 'Model Number'],
    serial: ['Serial', 'Serial Number'],
    site: ['Location', 'Default Location'],
    country: ['Country'],
    purchaseDate: ['Purchase Date'],
    purchaseCost: ['Purchase Cost'],
    status: ['Status'],
    endOfLife: ['EOL'],
    user: ['Checked Out To', 'Username'],
    supplier: ['Supplier'],
    orderNumber: ['Order Number'],
    inventoryId: ['ID'],
  },
  required: [],
  dateOrder: 'ymd',
  signature: [
    'Company',
    'Asset Name',
    'Name',
    'Asset Tag',
    'Category',
    'Manufacturer',
    'Model',
    'Model No.',
    'Model Number',
    'Serial',
    'Location',
    'Purchase Date',
    'Purchase Cost',
    'Status',
    'EOL',
    'Supplier',
    'Order Number',
    'Checked Out To',
    'Warranty',
    'Warranty Months',
    'Current Value',
  ],
}

/** Purchase-order lines from an ERP or a buying platform (SAP, Oracle, Coupa, UGAP, Chorus Pro), FR or EN. */
const PURCHASES: FormatProfile = {
  id: 'purchases',
  kind: 'assets',
  label: 'purchase orders',
  columns: {
    purchaseDate: ['Date de commande', 'Order date', 'Date commande', 'PO date'],
    startupDate: ['Date de livraison', 'Delivery date'],
    manufacturer: ['Fabricant', 'Manufacturer', 'Marque', 'Brand'],
    model: ['Référence fabricant', 'Manufacturer part number', 'MPN', 'Réf. fabricant'],
    description: ['Désignation', 'Item description', 'Description', 'Libellé'],
    quantity: ['Quantité', 'Quantity', 'Qté', 'Qty'],
    purchaseCost: ['Prix unitaire', 'Unit price', 'Prix unitaire HT', 'Unit price excl. VAT'],
    cpvCode: ['Code CPV', 'CPV'],
    unspscCode: ['UNSPSC', 'Code UNSPSC'],
    categoryCode: ['Code catégorie', 'Category code'],
    organisation: ['Entité', 'Cost center', 'Centre de coût', 'Centre de coûts', 'Cost centre'],
    site: ['Site de livraison', 'Delivery site', 'Adresse de livraison', 'Delivery address'],
    supplier: ['Fournisseur', 'Supplier'],
    orderNumber: ['N° de commande', 'Numéro de commande', 'PO number', 'Order number'],
    orderLine: ['Ligne de commande', 'PO line'],
    currency: ['Devise', 'Currency'],
    totalAmount: ['Montant HT', 'Total amount', 'Total amount excl. VAT'],
  },
  required: [],
  dateOrder: 'dmy',
  categoryRule: 'procurement',
  signature: [
    'Date de commande',
    'Order date',
    'Référence fabricant',
    'Manufacturer part number',
    'MPN',
    'Désignation',
    'Item description',
    'Quantité',
    'Quantity',
    'Prix unitaire',
    'Unit price',
    'Code CPV',
    'CPV',
    'UNSPSC',
    'Centre de coût',
    'Cost center',
    'Site de livraison',
    'Delivery site',
    'N° de commande',
    'PO number',
    'Fournisseur',
    'Supplier',
    'Montant HT',
    'Devise',
    'Currency',
  ],
}

/**
 * Cloud usage or billing extracts, one line per instance type, region and month: our own header, AWS Cost and
 * Usage Report (`lineItem/UsageAmount`, `product/instanceType`…; the `line_item_usage_amount` spelling of CUR 2.0
 * folds to the same key), Azure cost exports (`Quantity`, `ArmSkuName`, `ResourceLocation`…) and GCP billing
 * exports to BigQuery (`usage.amount_in_pricing_units`, `location.region`…). Only compute lines belong here.
 */
const CLOUD_USAGE: FormatProfile = {
  id: 'cloud-usage',
  kind: 'cloud-usage',
  label: 'cloud usage',
  columns: {
    provider: ['provider', 'cloudProvider', 'fournisseur', 'bill/BillingEntity'],
    service: [
      'service',
      'lineItem/ProductCode',
      'ServiceName',
      'MeterCategory',
      'ConsumedService',
      'service.description',
    ],
    instanceType: ['instanceType', 'machineType', 'typeInstance', 'product/instanceType', 'ArmSkuName'],
    region: ['region', 'product/region', 'ResourceLocation', 'location.region', 'location'],
    usageHours: [
      'usageHours',
      'heures',
      'lineItem/UsageAmount',
      'Quantity',
      'UsageQuantity',
      'usage.amount_in_pricing_units',
    ],
    vcpu: ['vcpu', 'vCPUs', 'product/vcpu', 'cores'],
    averageLoad: ['averageCpuLoad', 'averageLoad', 'cpuUtilisation', 'cpuUtilization', 'chargeMoyenne'],
    architecture: ['architecture', 'microarchitecture'],
    month: [
      'month',
      'mois',
      'lineItem/UsageStartDate',
      'bill/BillingPeriodStartDate',
      'UsageDate',
      'Date',
      'usage_start_time',
      'invoice.month',
    ],
    organisation: ['organisation', 'organization'],
  },
  required: ['region', 'usageHours'],
  dateOrder: 'ymd',
  organisationSeparator: '>',
  signature: [
    'usageHours',
    'vcpu',
    'averageCpuLoad',
    'instanceType',
    'machineType',
    'lineItem/UsageAmount',
    'lineItem/UsageStartDate',
    'lineItem/ProductCode',
    'product/instanceType',
    'product/region',
    'product/vcpu',
    'ArmSkuName',
    'ResourceLocation',
    'MeterCategory',
    'usage.amount_in_pricing_units',
    'usage.pricing_unit',
    'usage_start_time',
    'usage_end_time',
    'sku.description',
    'location.region',
    'service.description',
  ],
  ambiguousUnits: { averageLoad: 'loadUnit' },
}

/**
 * Emissions reported by the provider per service and month, counted as-is: our own header (`kgCO2e`), the GCP
 * Carbon Footprint export (`carbon_footprint_total_kgCO2e.location_based`), the AWS Customer Carbon Footprint
 * Tool and Azure Emissions Impact Dashboard exports (metric tonnes: `total_mbm_emissions_value`, `Emissions (mtCO2e)`).
 */
const CLOUD_EMISSIONS: FormatProfile = {
  id: 'cloud-emissions',
  kind: 'cloud-emissions',
  label: 'cloud emissions',
  columns: {
    provider: ['provider', 'cloudProvider', 'fournisseur'],
    service: ['service', 'service.description', 'product_code', 'Service name'],
    region: ['region', 'location.region', 'region_code'],
    month: ['month', 'mois', 'usage_month', 'usage_period_start', 'Date'],
    kgCo2e: ['kgCO2e', 'emissionsKgCo2e', 'carbon_footprint_total_kgCO2e.location_based'],
    tonnesCo2e: ['tCO2e', 'total_mbm_emissions_value', 'Emissions (mtCO2e)'],
    organisation: ['organisation', 'organization'],
  },
  required: [],
  dateOrder: 'ymd',
  organisationSeparator: '>',
  signature: [
    'kgCO2e',
    'emissionsKgCo2e',
    'tCO2e',
    'carbon_footprint_total_kgCO2e.location_based',
    'usage_month',
    'total_mbm_emissions_value',
    'usage_period_start',
    'product_code',
    'region_code',
    'Emissions (mtCO2e)',
    'service.description',
    'location.region',
  ],
}

/** Known formats. On equal detection scores the earlier profile wins. */
export const FORMAT_PROFILES: readonly FormatProfile[] = [
  GENERIC,
  GLPI,
  NUMECOEVAL_PHYSICAL,
  NUMECOEVAL_DATACENTER,
  G4IT_PHYSICAL,
  OCS,
  INTUNE,
  SCCM,
  SNIPE_IT,
  PURCHASES,
  NUMECOEVAL_VIRTUAL,
  G4IT_VIRTUAL,
  NUMECOEVAL_APPLICATION,
  G4IT_APPLICATION,
  NUMECOEVAL_NON_IT,
  NUMECOEVAL_MESSAGING,
  NUMECOEVAL_ENTITY,
  CLOUD_USAGE,
  CLOUD_EMISSIONS,
]

/** Group prefixes GLPI puts before a label ("Ordinateur - Nom"), as compact and lossy keys. */
const GROUP_PREFIXES: ReadonlySet<string> = new Set(
  [
    'Informations financières et administratives',
    'Financial and administrative information',
    'Financial and administrative informations',
    'Ordinateur',
    'Ordinateurs',
    'Computer',
    'Computers',
    'Moniteur',
    'Moniteurs',
    'Écran',
    'Écrans',
    'Monitor',
    'Monitors',
    'Imprimante',
    'Imprimantes',
    'Printer',
    'Printers',
    'Téléphone',
    'Téléphones',
    'Phone',
    'Phones',
    'Matériel réseau',
    'Matériels réseau',
    'Network device',
    'Network devices',
    'Network equipment',
    'Périphérique',
    'Périphériques',
    'Device',
    'Devices',
  ].flatMap((prefix) => [compactKey(prefix), lossyKey(prefix)]),
)

/** UTF-8 text wrongly decoded as Windows-1252 or Latin-1 ("EntitÃ©"): the French letters GLPI uses. */
const MOJIBAKE: readonly (readonly [string, string])[] = [
  ['Ã©', 'é'],
  ['Ã¨', 'è'],
  ['Ãª', 'ê'],
  ['Ã«', 'ë'],
  ['Ã\u00a0', 'à'],
  ['Ã¢', 'â'],
  ['Ã§', 'ç'],
  ['Ã´', 'ô'],
  ['Ã®', 'î'],
  ['Ã¯', 'ï'],
  ['Ã¹', 'ù'],
  ['Ã»', 'û'],
  ['Ã‰', 'É'],
  ['Ã\u0089', 'É'],
]

/**
 * Header matching key: case-, accent-, space- and punctuation-insensitive; GLPI group prefixes like
 * "Informations financières et administratives - Date d'achat" or "Ordinateur - Nom" are stripped.
 * `"Numéro de série"` → `"numerodeserie"`, `"purchase_date"` and `"purchaseDate"` → `"purchasedate"`.
 */
export function normaliseHeader(text: string): string {
  return splitHeader(text).key
}

function splitHeader(text: string): { key: string; isPrefixed: boolean } {
  let rest = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (rest.includes('Ã')) for (const [wrong, right] of MOJIBAKE) rest = rest.replaceAll(wrong, right)
  let isPrefixed = false
  for (;;) {
    const dashAt = findGroupDash(rest)
    if (dashAt < 0 || !GROUP_PREFIXES.has(compactKey(rest.slice(0, dashAt)))) break
    rest = rest.slice(dashAt + 3)
    isPrefixed = true
  }
  return { key: compactKey(rest), isPrefixed }
}

/** Index of the first " - " (or " – ") in a header, or -1. */
function findGroupDash(text: string): number {
  const hyphenAt = text.indexOf(' - ')
  const enDashAt = text.indexOf(' – ')
  if (hyphenAt < 0) return enDashAt
  return enDashAt < 0 ? hyphenAt : Math.min(hyphenAt, enDashAt)
}

function compactKey(text: string): string {
  return foldText(text).replaceAll(' ', '')
}

/**
 * Key of a label whose accented letters were lost: a Windows-1252 file read as UTF-8 turns "Entité"
 * into "Entit\uFFFD", whose key is "entit"; the label's lossy key drops the letter the same way.
 */
function lossyKey(text: string): string {
  let ascii = ''
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) < 128) ascii += text[index]
  return compactKey(ascii)
}

type LabelIndex = { exact: Map<string, string>; lossy: Map<string, string> }

/** Maps each label key (exact, then lossy) to a value; the first label listed wins a shared key. */
function indexLabels(entries: readonly (readonly [string, string])[]): LabelIndex {
  const exact = new Map<string, string>()
  const lossy = new Map<string, string>()
  for (const [label, value] of entries) {
    const key = compactKey(label)
    if (!exact.has(key)) exact.set(key, value)
    const lossyLabelKey = lossyKey(label)
    if (!lossy.has(lossyLabelKey)) lossy.set(lossyLabelKey, value)
  }
  return { exact, lossy }
}

function lookUp(index: LabelIndex, key: string): string | undefined {
  return index.exact.get(key) ?? index.lossy.get(key)
}

function columnEntries(profile: FormatProfile): [string, string][] {
  return Object.entries(profile.columns).flatMap(([field, labels]) =>
    labels.map((label): [string, string] => [label, field]),
  )
}

/** Number of signature labels present in the header keys. */
function signatureScore(profile: FormatProfile, headerKeys: readonly string[]): number {
  const signature = indexLabels(profile.signature.map((label) => [label, label]))
  const found = new Set<string>()
  for (const key of headerKeys) {
    const label = lookUp(signature, key)
    if (label !== undefined) found.add(label)
  }
  return found.size
}

/**
 * Picks the profile whose signature best matches the header, or null. A profile needs at least two
 * signature labels (all of them if it has fewer); ties go to the earlier profile in FORMAT_PROFILES.
 */
export function detectFormat(header: readonly string[]): FormatProfile | null {
  const headerKeys = header.map((text) => normaliseHeader(text)).filter((key) => key !== '')
  let best: FormatProfile | null = null
  let bestScore = 0
  for (const profile of FORMAT_PROFILES) {
    const score = signatureScore(profile, headerKeys)
    if (score < Math.min(2, profile.signature.length)) continue
    if (score > bestScore) {
      best = profile
      bestScore = score
    }
  }
  return best
}

/** True when a line of cells looks like the header of a known format (for junk-line skipping). */
export function looksLikeKnownHeader(cells: readonly string[]): boolean {
  return detectFormat(cells) !== null
}

/**
 * Maps each canonical field of the profile to its column index in this header, once per file. Labels
 * without a group prefix win over prefixed ones, then the leftmost column wins; empty headers are ignored.
 */
export function planColumns(header: readonly string[], profile: FormatProfile): ColumnPlan {
  const labels = indexLabels(columnEntries(profile))
  const parts = header.map((text) => splitHeader(text))
  const fieldIndex: Partial<Record<string, number>> = {}
  const isUsed: boolean[] = header.map(() => false)
  for (const isPrefixedPass of [false, true]) {
    parts.forEach((part, index) => {
      if (part.isPrefixed !== isPrefixedPass || part.key === '') return
      const field = lookUp(labels, part.key)
      if (field === undefined || fieldIndex[field] !== undefined) return
      fieldIndex[field] = index
      isUsed[index] = true
    })
  }
  const unknownColumns = header.filter((_, index) => !isUsed[index] && parts[index].key !== '')
  const missingRequired = profile.required
    .filter((field) => fieldIndex[field] === undefined)
    .map((field) => profile.columns[field]?.[0] ?? field)
  return { profile, header, fieldIndex, unknownColumns, missingRequired }
}
