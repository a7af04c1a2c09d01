/**
 * Format profiles: which header labels of a known export (GLPI, NumEcoEval, our generic CSV) feed which
 * canonical field. Matching is done on folded header keys, once per file; rows are then read by column index
 * (see `planColumns` and `src/core/inventory/normalise-row.ts`). docs/formats.md describes each format.
 */
import { foldText } from '../inventory/fold-text.js'

export type FormatId = 'generic' | 'glpi' | 'numecoeval-physical' | 'numecoeval-datacenter'
export type RecordKind = 'assets' | 'datacenters'

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
  signature: [
    'organisation',
    'site',
    'datacenter',
    'category',
    'manufacturer',
    'model',
    'serial',
    'hostname',
    'quantity',
    'purchaseDate',
    'retirementDate',
    'lifetimeYears',
    'annualKwh',
    'utilisationRate',
    'ownership',
    'country',
    'status',
  ],
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

const NUMECOEVAL_PHYSICAL: FormatProfile = {
  id: 'numecoeval-physical',
  kind: 'assets',
  label: 'NumEcoEval / G4IT physical equipment',
  columns: {
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
  },
  required: ['hostname', 'category'],
  dateOrder: 'ymd',
  signature: ['nomEquipementPhysique', 'modele', 'type', 'statut', 'paysDUtilisation'],
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

/** Known formats. On equal detection scores the earlier profile wins. */
export const FORMAT_PROFILES: readonly FormatProfile[] = [
  GENERIC,
  GLPI,
  NUMECOEVAL_PHYSICAL,
  NUMECOEVAL_DATACENTER,
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
