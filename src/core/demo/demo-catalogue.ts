/**
 * Equipment models of the demo fleet. Manufacturer spellings vary on purpose, as in real exports.
 * `ageYears` is the window (years before the end of the reference year) in which the model was bought.
 * In `serialPattern`, '#' is a random digit, '@' a random letter, '*' a random letter or digit.
 */
export type CatalogueModel = {
  manufacturers: readonly string[]
  model: string
  glpiType: string
  serialPattern: string
  ageYears: readonly [number, number]
  weight: number
}

const DELL = ['Dell Inc.', 'DELL', 'Dell']
const HP = ['HP', 'Hewlett-Packard', 'HP Inc.']
const LENOVO = ['LENOVO', 'Lenovo']

const model = (
  manufacturers: readonly string[],
  name: string,
  glpiType: string,
  serialPattern: string,
  ageYears: readonly [number, number],
  weight = 1,
): CatalogueModel => ({ manufacturers, model: name, glpiType, serialPattern, ageYears, weight })

const LAPTOP = 'Ordinateur portable'
const DESKTOP = 'Ordinateur fixe'
const THIN_CLIENT = 'Client léger'

export const LAPTOP_MODELS: readonly CatalogueModel[] = [
  model(DELL, 'Latitude 5400', LAPTOP, '**', [4, 7]),
  model(DELL, 'Latitude 5420', LAPTOP, '**', [2.5, 5], 1.5),
  model(DELL, 'Latitude 5430', LAPTOP, '**', [1.5, 3.5], 1.5),
  model(DELL, 'Latitude 5440', LAPTOP, '**', [0, 2], 1.5),
  model(HP, 'HP EliteBook 840 G6', LAPTOP, '5CG##', [4, 7]),
  model(HP, 'HP EliteBook 840 G8', LAPTOP, '5CG##', [1.5, 4.5]),
  model(LENOVO, 'ThinkPad T14 Gen 2', LAPTOP, 'PF*', [1.5, 4]),
  model(LENOVO, 'ThinkPad T14 Gen 4', LAPTOP, 'PF*', [0, 2]),
]

export const DESKTOP_MODELS: readonly CatalogueModel[] = [
  model(DELL, 'OptiPlex 7070', DESKTOP, '**', [3.5, 7], 1.5),
  model(DELL, 'OptiPlex 7090', DESKTOP, '**', [1.5, 4.5], 1.5),
  model(HP, 'HP ProDesk 400 G7', DESKTOP, 'CZC##', [2, 5]),
  model(HP, 'HP EliteDesk 800 G4', DESKTOP, 'CZC##', [4.5, 7]),
  model(LENOVO, 'ThinkCentre M70q Gen 3', DESKTOP, 'MJ*', [0, 2.5]),
]

export const THIN_CLIENT_MODELS: readonly CatalogueModel[] = [
  model(DELL, 'Wyse 5070', THIN_CLIENT, '**', [1, 7], 2),
  model(HP, 'HP t640 Thin Client', THIN_CLIENT, '8CC##', [0, 4]),
]

export const MONITOR_MODELS: readonly CatalogueModel[] = [
  model(DELL, 'P2419H', 'Écran LCD', 'CN0@##', [2.5, 7], 2),
  model(DELL, 'P2422H', 'Écran LCD', 'CN0@##', [0, 3.5], 2),
  model(HP, 'HP E24 G4', 'Écran LCD', 'CNK##', [0, 4]),
  model(HP, 'HP EliteDisplay E243', 'Écran LCD', 'CNC##', [4, 7]),
  model(['Iiyama', 'IIYAMA'], 'ProLite XUB2492HSU', 'Écran LCD', '11##', [0, 7]),
  model(['Samsung', 'SAMSUNG'], 'S24R650FDU', 'Écran LCD', 'H4ZR#', [1, 6], 0.5),
]

export const SMARTPHONE_MODELS: readonly CatalogueModel[] = [
  model(['Samsung', 'SAMSUNG', 'Samsung Electronics'], 'Galaxy A52', 'Smartphone', 'R58@###', [2, 4]),
  model(['Samsung', 'SAMSUNG', 'Samsung Electronics'], 'Galaxy A53 5G', 'Smartphone', 'R58@###', [1, 3]),
  model(['Samsung', 'SAMSUNG', 'Samsung Electronics'], 'Galaxy A54 5G', 'Smartphone', 'R5C@###', [0, 1.5]),
  model(['Apple', 'Apple Inc.'], 'iPhone 12', 'Smartphone', 'F******', [1.5, 4]),
  model(['Apple', 'Apple Inc.'], 'iPhone SE (2022)', 'Smartphone', 'F******', [0, 3]),
]

export const DESK_PHONE_MODELS: readonly CatalogueModel[] = [
  model(['Cisco', 'Cisco Systems', 'CISCO'], 'CP-8841', 'Téléphone IP', 'FCH###', [0, 7], 1.5),
  model(
    ['Alcatel-Lucent', 'ALE International', 'ALCATEL'],
    '8028 Premium DeskPhone',
    'Téléphone IP',
    'FP@###',
    [0, 7],
  ),
]

export const PRINTER_MODELS: readonly CatalogueModel[] = [
  model(HP, 'HP LaserJet Enterprise M507dn', 'Imprimante laser', 'PHB##', [0, 7], 1.5),
  model(HP, 'HP LaserJet Pro M404dn', 'Imprimante laser', 'PHB##', [1, 7]),
  model(['RICOH', 'Ricoh'], 'IM C3000', 'Multifonction', '3###', [0, 6], 1.5),
  model(['Canon', 'CANON'], 'imageRUNNER ADVANCE C3530i', 'Multifonction', '@@@', [2, 7]),
  model(['Lexmark', 'LEXMARK'], 'MX622adhe', 'Multifonction', '4###', [0, 5], 0.5),
]

/** A datacenter model: NumEcoEval type, annual electricity (kWh) and cores (servers only). */
export type DatacenterModel = {
  model: string
  type: 'Server' | 'Storage' | 'Switch' | 'Router'
  annualKwh: number
  cores: number | null
  weight: number
}

const datacenterModel = (
  name: string,
  type: DatacenterModel['type'],
  annualKwh: number,
  cores: number | null,
  weight = 1,
): DatacenterModel => ({ model: name, type, annualKwh, cores, weight })

// Servers average 3,504 kWh/yr (400 W all year, ADEME's rack server); switches 1,314 kWh/yr (150 W).
export const SERVER_MODELS: readonly DatacenterModel[] = [
  datacenterModel('Dell PowerEdge R650', 'Server', 3504, 48, 2),
  datacenterModel('Dell PowerEdge R750', 'Server', 3942, 64),
  datacenterModel('HPE ProLiant DL380 Gen10', 'Server', 3504, 40, 2),
  datacenterModel('HPE ProLiant DL360 Gen10', 'Server', 3066, 32),
]
export const STORAGE_MODELS: readonly DatacenterModel[] = [
  datacenterModel('Dell PowerStore 1200T', 'Storage', 6132, null),
  datacenterModel('NetApp AFF A400', 'Storage', 7008, null),
]
export const SWITCH_MODELS: readonly DatacenterModel[] = [
  datacenterModel('Cisco Nexus 93180YC-FX', 'Switch', 1314, null, 2),
  datacenterModel('Arista 7050SX3-48YC8', 'Switch', 1314, null),
]
export const ROUTER_MODELS: readonly DatacenterModel[] = [
  datacenterModel('Cisco ASR 1001-X', 'Router', 876, null),
  datacenterModel('Juniper MX204', 'Router', 876, null),
]
