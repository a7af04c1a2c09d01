import { dayFromCivil, formatFrenchDate } from './civil-date.js'
import { createRandom, deriveSeed, type Random } from './create-random.js'
import {
  DESKTOP_MODELS,
  DESK_PHONE_MODELS,
  LAPTOP_MODELS,
  MONITOR_MODELS,
  PRINTER_MODELS,
  SMARTPHONE_MODELS,
  THIN_CLIENT_MODELS,
  type CatalogueModel,
} from './demo-catalogue.js'
import { ROOT_ORGANISATION, type DemoBody } from './build-demo-organisations.js'

/** Columns of a French GLPI search-list export, in this order. */
export const GLPI_HEADER = [
  'Nom',
  'Entité',
  'Statut',
  'Fabricant',
  'Modèle',
  'Type',
  'Numéro de série',
  'Lieu',
  "Date d'achat",
  'Date de réforme',
  'Utilisateur',
]
const TYPE_COLUMN = 5
const PURCHASE_COLUMN = 8

export type ComputerKind = 'laptop' | 'desktop' | 'thin-client'
export type GlpiFileKind = 'computers' | 'monitors' | 'phones' | 'printers'

/**
 * Share of devices per year of age (index 0 = bought during the reference year). A fleet renewed on
 * 5–7 year cycles: the latest year is lighter because renewals are spread over the cycle.
 */
export const WORKSTATION_AGE_WEIGHTS = [0.1, 0.14, 0.16, 0.17, 0.16, 0.14, 0.13]
/** Smartphones are kept about 2.5–4 years. */
export const SMARTPHONE_AGE_WEIGHTS = [0.25, 0.3, 0.25, 0.2]
/** Datacenter equipment is renewed on about 6 years. */
export const DATACENTER_AGE_WEIGHTS = [0.14, 0.18, 0.18, 0.18, 0.17, 0.15]

const FIRST_NAMES = ['marie', 'jean', 'nathalie', 'pierre', 'sophie', 'nicolas', 'isabelle', 'philippe']
  .concat(['catherine', 'laurent', 'sandrine', 'christophe', 'valerie', 'olivier', 'celine', 'stephane'])
  .concat(['julie', 'thomas', 'aurelie', 'david', 'emilie', 'sebastien', 'camille', 'julien', 'helene'])
const LAST_NAMES = ['martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand', 'leroy']
  .concat(['moreau', 'simon', 'laurent', 'lefebvre', 'michel', 'garcia', 'bertrand', 'roux', 'vincent'])
  .concat(['fournier', 'morel', 'girard', 'andre', 'lefevre', 'mercier', 'dupont', 'lambert', 'bonnet'])
  .concat(['legrand', 'garnier', 'faure', 'rousseau', 'blanc', 'guerin', 'muller', 'henry', 'perrin'])
const BUILDINGS = ['A', 'A', 'A', 'B', 'B', 'C', 'D']
const DIGITS = '0123456789'
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const ALPHANUMERIC = DIGITS + LETTERS
const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const SERIAL_SPACE = 36 ** 5
const SERIAL_RANGE = 15_000_000

export type DemoRowFactory = {
  /** The last day of the reference year (days since 1970-01-01): ages are counted from it. */
  referenceDay: number
  computer(body: DemoBody, site: string): { kind: ComputerKind; row: string[] }
  monitors(body: DemoBody, site: string, kind: ComputerKind): string[][]
  smartphone(body: DemoBody, site: string): string[] | null
  deskPhone(body: DemoBody, site: string): string[] | null
  printer(body: DemoBody, site: string): string[]
  /** Picks the site of the next seat (the first site of a body is its head office, the largest). */
  seatSite(body: DemoBody): string
  /** With probability `share`, replaces one field by a faulty value; always draws, so other rows never move. */
  maybeBreak(file: GlpiFileKind, row: string[], share: number): string[]
  /** Purchase day of datacenter equipment. */
  datacenterPurchaseDay(): number
}

/**
 * Creates the row generators of the demo GLPI files. Each file has its own random stream derived from the
 * seed, so adding a file, or faulty rows, never changes the rows of another file.
 */
export function createDemoRowFactory(seed: number, referenceYear: number): DemoRowFactory {
  const stream = (name: string): Random => createRandom(deriveSeed(seed, name))
  const seats = stream('seats')
  const computers = stream('computers')
  const monitors = stream('monitors')
  const phones = stream('phones')
  const printers = stream('printers')
  const faults: Record<GlpiFileKind, Random> = {
    computers: stream('faults-computers'),
    monitors: stream('faults-monitors'),
    phones: stream('faults-phones'),
    printers: stream('faults-printers'),
  }
  const datacenter = stream('datacenter-dates')
  const referenceDay = dayFromCivil(referenceYear, 12, 31)
  const hostCounters = new Map<string, number>()
  // Each file numbers its serials in its own range of the 36^5 suffixes, so files never share one.
  const serialCounters: Record<GlpiFileKind, number> = {
    computers: 0,
    monitors: SERIAL_RANGE,
    phones: 2 * SERIAL_RANGE,
    printers: 3 * SERIAL_RANGE,
  }

  const hostName = (prefix: string, code: string): string => {
    const key = `${prefix}-${code}`
    const next = (hostCounters.get(key) ?? 0) + 1
    hostCounters.set(key, next)
    return `${key}-${String(next).padStart(6, '0')}`
  }

  // The last five characters are a bijection of a global counter: every serial is unique.
  const serial = (random: Random, pattern: string, file: GlpiFileKind): string => {
    let text = ''
    for (const symbol of pattern) {
      if (symbol === '#') text += character(random, DIGITS)
      else if (symbol === '@') text += character(random, LETTERS)
      else if (symbol === '*') text += character(random, ALPHANUMERIC)
      else text += symbol
    }
    let scrambled = (serialCounters[file]++ * 7777777 + 1234567) % SERIAL_SPACE
    let suffix = ''
    for (let index = 0; index < 5; index++) {
      suffix = BASE36[scrambled % 36] + suffix
      scrambled = Math.floor(scrambled / 36)
    }
    return text + suffix
  }

  const ageYears = (random: Random, weights: readonly number[]): number =>
    random.weightedIndex(weights) + random.next()

  // Models bought at that age, drawn by weight; every model when none fits. No allocation: it runs per row.
  const pickModel = (random: Random, models: readonly CatalogueModel[], age: number): CatalogueModel => {
    let total = 0
    for (const item of models) if (age >= item.ageYears[0] && age <= item.ageYears[1]) total += item.weight
    const isAnyFitting = total > 0
    if (!isAnyFitting) for (const item of models) total += item.weight
    let target = random.next() * total
    for (const item of models) {
      if (isAnyFitting && (age < item.ageYears[0] || age > item.ageYears[1])) continue
      target -= item.weight
      if (target < 0) return item
    }
    return models[models.length - 1]
  }

  const location = (random: Random): string => {
    const floor = random.integer(0, 5)
    const text = `Bâtiment ${random.pick(BUILDINGS)} - ${floor === 0 ? 'Rez-de-chaussée' : `Étage ${floor}`}`
    return random.chance(0.3)
      ? `${text} - Bureau ${floor}${String(random.integer(1, 40)).padStart(2, '0')}`
      : text
  }

  const user = (random: Random): string => {
    const login = `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}`
    return random.chance(0.1) ? `${login}${random.integer(2, 9)}` : login
  }

  const glpiRow = (
    random: Random,
    input: {
      name: string
      body: DemoBody
      site: string
      models: readonly CatalogueModel[]
      ageWeights: number[]
      file: GlpiFileKind
    },
    hasUser: boolean,
  ): string[] => {
    const age = ageYears(random, input.ageWeights)
    const item = pickModel(random, input.models, age)
    const purchaseDay = referenceDay - Math.floor(age * 365)
    const statusDraw = random.next()
    const isRetired = statusDraw < 0.01
    const isStock = !isRetired && statusDraw < 0.03
    let purchase = random.chance(0.03) ? '' : formatFrenchDate(purchaseDay)
    if (purchase !== '' && random.chance(0.1)) {
      purchase += ` ${String(random.integer(8, 18)).padStart(2, '0')}:${String(random.integer(0, 59)).padStart(2, '0')}`
    }
    const retirement = isRetired
      ? formatFrenchDate(purchaseDay + Math.floor((referenceDay - purchaseDay) * (0.5 + random.next() / 2)))
      : ''
    return [
      input.name,
      `${ROOT_ORGANISATION} > ${input.body.name} > ${input.site}`,
      isRetired ? 'Réformé' : isStock ? 'En stock' : 'En service',
      random.pick(item.manufacturers),
      item.model,
      item.glpiType,
      serial(random, item.serialPattern, input.file),
      location(random),
      purchase,
      retirement,
      hasUser && !isStock && !isRetired ? user(random) : '',
    ]
  }

  return {
    referenceDay,
    seatSite(body) {
      const weights = body.sites.map((_, index) => (index === 0 ? 3 : 1))
      return body.sites[seats.weightedIndex(weights)]
    },
    computer(body, site) {
      const draw = computers.next()
      const kind: ComputerKind = draw < 0.6 ? 'laptop' : draw < 0.95 ? 'desktop' : 'thin-client'
      const models =
        kind === 'laptop' ? LAPTOP_MODELS : kind === 'desktop' ? DESKTOP_MODELS : THIN_CLIENT_MODELS
      const name = hostName(kind === 'thin-client' ? 'TC' : 'PC', body.code)
      const row = glpiRow(
        computers,
        { name, body, site, models, ageWeights: WORKSTATION_AGE_WEIGHTS, file: 'computers' },
        true,
      )
      return { kind, row }
    },
    monitors(body, site, kind) {
      // Laptops: 0 (20%), 1 (43%) or 2 (37%) screens; desktops and thin clients: 1 or 2 (50/50).
      // Mean per seat: 0.6 × 1.17 + 0.4 × 1.5 = 1.30.
      const draw = monitors.next()
      const count = kind === 'laptop' ? (draw < 0.2 ? 0 : draw < 0.63 ? 1 : 2) : draw < 0.5 ? 1 : 2
      const rows: string[][] = []
      for (let index = 0; index < count; index++) {
        const name = hostName('ECR', body.code)
        rows.push(
          glpiRow(
            monitors,
            {
              name,
              body,
              site,
              models: MONITOR_MODELS,
              ageWeights: WORKSTATION_AGE_WEIGHTS,
              file: 'monitors',
            },
            true,
          ),
        )
      }
      return rows
    },
    smartphone(body, site) {
      // Work smartphones go to managers and mobile staff (~10% of seats); most desks keep an IP phone.
      if (!phones.chance(0.1)) return null
      const name = hostName('MOB', body.code)
      return glpiRow(
        phones,
        { name, body, site, models: SMARTPHONE_MODELS, ageWeights: SMARTPHONE_AGE_WEIGHTS, file: 'phones' },
        true,
      )
    },
    deskPhone(body, site) {
      if (!phones.chance(0.7)) return null
      const name = hostName('TEL', body.code)
      return glpiRow(
        phones,
        { name, body, site, models: DESK_PHONE_MODELS, ageWeights: WORKSTATION_AGE_WEIGHTS, file: 'phones' },
        true,
      )
    },
    printer(body, site) {
      const name = hostName('IMP', body.code)
      return glpiRow(
        printers,
        { name, body, site, models: PRINTER_MODELS, ageWeights: WORKSTATION_AGE_WEIGHTS, file: 'printers' },
        false,
      )
    },
    maybeBreak(file, row, share) {
      const random = faults[file]
      const isBroken = random.next() < share
      const kind = random.integer(0, 5)
      if (!isBroken) return row
      const broken = [...row]
      const year = referenceYear - random.integer(0, 6)
      if (kind === 0) broken[PURCHASE_COLUMN] = `31/02/${year}`
      else if (kind === 1) broken[PURCHASE_COLUMN] = `45/13/${year}`
      else if (kind === 2) broken[PURCHASE_COLUMN] = 'N/A'
      else if (kind === 3) broken[PURCHASE_COLUMN] = '00/00/0000'
      else if (kind === 4) broken[TYPE_COLUMN] = 'Divers'
      else broken[TYPE_COLUMN] = ''
      return broken
    },
    datacenterPurchaseDay() {
      return referenceDay - Math.floor(ageYears(datacenter, DATACENTER_AGE_WEIGHTS) * 365)
    },
  }
}

function character(random: Random, text: string): string {
  return text[Math.floor(random.next() * text.length)]
}
