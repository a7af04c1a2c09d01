import { allocateSeats, buildDemoOrganisations, ROOT_ORGANISATION } from './build-demo-organisations.js'
import { formatIsoDate } from './civil-date.js'
import { createRandom, deriveSeed, type Random } from './create-random.js'
import { createDemoRowFactory, GLPI_HEADER } from './create-demo-row-factory.js'
import {
  ROUTER_MODELS,
  SERVER_MODELS,
  STORAGE_MODELS,
  SWITCH_MODELS,
  type DatacenterModel,
} from './demo-catalogue.js'

/** One file of the demo, ready to be written as a real inventory export. */
export type DemoTable = {
  fileName: string
  format: 'glpi' | 'numecoeval-physical' | 'numecoeval-datacenter'
  encoding: 'windows-1252' | 'utf-8' | 'utf-8-bom'
  delimiter: ';' | ','
  header: string[]
  rows: string[][]
}

/**
 * `referenceYear` is the campaign year (purchase dates fall in the 7 years before its end).
 * Defaults: seed 42, 500 local bodies, 100,000 seats, no faulty row.
 */
export type DemoOptions = {
  referenceYear: number
  seed?: number
  organisations?: number
  workstations?: number
  /** Share (0–1) of GLPI rows given one deliberate fault (impossible date, unknown or empty type). */
  brokenRows?: number
}

export const DEFAULT_DEMO_SEED = 42
export const DEFAULT_DEMO_ORGANISATIONS = 500
export const DEFAULT_DEMO_WORKSTATIONS = 100_000

export const NUMECOEVAL_DATACENTER_HEADER = [
  'nomCourtDatacenter',
  'nomLongDatacenter',
  'pue',
  'localisation',
  'nomEntite',
  'qualite',
]
export const NUMECOEVAL_PHYSICAL_HEADER = [
  'nomEquipementPhysique',
  'modele',
  'quantite',
  'nomCourtDatacenter',
  'dateAchat',
  'dateRetrait',
  'dureeUsageInterne',
  'dureeUsageAmont',
  'dureeUsageAval',
  'type',
  'statut',
  'paysDUtilisation',
  'consoElecAnnuelle',
  'utilisateur',
  'nomSourceDonnee',
  'nomEntite',
  'nbCoeur',
  'modeUtilisation',
  'tauxUtilisation',
  'qualite',
]

/**
 * Servers per seat, sized so that datacenters weigh about 10% of the total (reference case) with the default
 * ADEME factors and the French grid (0.0519 kgCO2e/kWh). Estimate, per seat:
 *   default lifetimes: laptop 0.6 × 185.1/5 + desktop 0.35 × 211.5/6 + thin client 0.05 × ~45/5
 *   + monitors 1.3 × 69.8/6 = 22.2 + 12.3 + 0.5 + 15.1 = 50.1 kg, use ≈ 103 kWh × 0.0519 = 5.3 kg → ≈ 55 kg;
 *   with smartphones 0.1 × 79.5/2.5 = 3.2, desk phones 0.7 × ~25/8 = 2.2 and printers ≈ 0.2 → ≈ 70 kg per seat.
 *   NumEcoEval REEL (lifetime = age at the end of the year, at least 1): with WORKSTATION_AGE_WEIGHTS,
 *   E[1/max(age, 1)] = 0.10 + 0.14 ln 2 + 0.16 ln 3/2 + 0.17 ln 4/3 + 0.16 ln 5/4 + 0.14 ln 6/5 + 0.13 ln 7/6
 *   = 0.39 instead of ≈ 0.18: embodied doubles → ≈ 138 kg per seat (≈ 113 kg for workstations alone).
 * Per server, with its 1.468 switches, 0.286 routers and 1/25 storage array, mean PUE ≈ 1.53:
 *   server 748/5 + 3,504 × 1.53 × 0.0519 = 150 + 278 = 428; switches 1.468 × (367/5 + 1,314 × 1.53 × 0.0519)
 *   = 1.468 × 177 = 260; routers 0.286 × (41.2/5 + 876 × 1.53 × 0.0519) = 13; storage ≈ 30 → ≈ 730 kg;
 *   REEL (E[1/max(age, 1)] = 0.455 for DATACENTER_AGE_WEIGHTS) → ≈ 1,080 kg.
 * Datacenters = 1/9 of the rest: 70 / (9 × 730) = 0.0107 (default lifetimes), 138 / (9 × 1,080) = 0.0142
 * (REEL). 0.013 sits between: 1,300 servers for 100,000 seats, datacenters ≈ 12% (default lifetimes) or
 * ≈ 9% (REEL) of the total, about 960 or 1,400 tCO2e/yr against 7,100 or 13,800 tCO2e/yr for the rest.
 */
export const SERVERS_PER_SEAT = 0.013
/** ADEME's datacenter ratios (APL market average, via publicodes-acv-numerique): per server. */
export const SWITCHES_PER_SERVER = 1.468
export const ROUTERS_PER_SERVER = 0.286
/** One storage array per 25 servers (assumption). */
export const SERVERS_PER_STORAGE_ARRAY = 25

const DATACENTERS = [
  { shortName: 'DC-NORD', longName: 'Datacenter national Nord', pue: '1.6', share: 0.55 },
  { shortName: 'DC-SUD', longName: 'Datacenter national Sud', pue: '1.45', share: 0.45 },
]

/**
 * Generates a deterministic synthetic fleet shaped like the reference case (a national health insurer):
 * four GLPI exports (Windows-1252, `;`) for the local bodies and two NumEcoEval files for two datacenters.
 */
export function generateDemoFleet(options: DemoOptions): DemoTable[] {
  const seed = options.seed ?? DEFAULT_DEMO_SEED
  const organisationCount = options.organisations ?? DEFAULT_DEMO_ORGANISATIONS
  const workstations = options.workstations ?? DEFAULT_DEMO_WORKSTATIONS
  const brokenShare = options.brokenRows ?? 0
  const bodies = buildDemoOrganisations(createRandom(deriveSeed(seed, 'organisations')), organisationCount)
  const seats = allocateSeats(bodies, workstations)
  const factory = createDemoRowFactory(seed, options.referenceYear)
  const computers: string[][] = []
  const monitors: string[][] = []
  const phones: string[][] = []
  const printers: string[][] = []
  for (let index = 0; index < bodies.length; index++) {
    const body = bodies[index]
    for (let seat = 0; seat < seats[index]; seat++) {
      const site = factory.seatSite(body)
      const computer = factory.computer(body, site)
      computers.push(factory.maybeBreak('computers', computer.row, brokenShare))
      for (const row of factory.monitors(body, site, computer.kind)) {
        monitors.push(factory.maybeBreak('monitors', row, brokenShare))
      }
      const smartphone = factory.smartphone(body, site)
      if (smartphone !== null) phones.push(factory.maybeBreak('phones', smartphone, brokenShare))
      const deskPhone = factory.deskPhone(body, site)
      if (deskPhone !== null) phones.push(factory.maybeBreak('phones', deskPhone, brokenShare))
    }
    // About one printer per 15 seats, at least one per body that has seats.
    const printerCount = seats[index] === 0 ? 0 : Math.max(1, Math.round(seats[index] / 15))
    for (let printer = 0; printer < printerCount; printer++) {
      const row = factory.printer(body, body.sites[printer % body.sites.length])
      printers.push(factory.maybeBreak('printers', row, brokenShare))
    }
  }
  const glpi = (fileName: string, rows: string[][]): DemoTable => ({
    fileName,
    format: 'glpi',
    encoding: 'windows-1252',
    delimiter: ';',
    header: [...GLPI_HEADER],
    rows,
  })
  return [
    glpi('glpi-ordinateurs.csv', computers),
    glpi('glpi-moniteurs.csv', monitors),
    glpi('glpi-telephones.csv', phones),
    glpi('glpi-imprimantes.csv', printers),
    {
      fileName: 'numecoeval-datacenters.csv',
      format: 'numecoeval-datacenter',
      encoding: 'utf-8',
      delimiter: ';',
      header: [...NUMECOEVAL_DATACENTER_HEADER],
      rows: DATACENTERS.map((datacenter) => [
        datacenter.shortName,
        datacenter.longName,
        datacenter.pue,
        'France',
        ROOT_ORGANISATION,
        'HAUTE',
      ]),
    },
    {
      fileName: 'numecoeval-equipements-physiques.csv',
      format: 'numecoeval-physical',
      encoding: 'utf-8',
      delimiter: ';',
      header: [...NUMECOEVAL_PHYSICAL_HEADER],
      rows: datacenterRows(seed, workstations, factory.datacenterPurchaseDay),
    },
  ]
}

function datacenterRows(seed: number, workstations: number, purchaseDay: () => number): string[][] {
  const random = createRandom(deriveSeed(seed, 'datacenter'))
  const servers = Math.max(2, Math.round(workstations * SERVERS_PER_SEAT))
  const rows: string[][] = []
  let remaining = servers
  DATACENTERS.forEach((datacenter, index) => {
    const hosted = index === DATACENTERS.length - 1 ? remaining : Math.round(servers * datacenter.share)
    remaining -= hosted
    const site = datacenter.shortName.slice(3).toLowerCase()
    const add = (prefix: string, count: number, models: readonly DatacenterModel[]): void => {
      for (let number = 1; number <= count; number++) {
        rows.push(
          datacenterRow(
            random,
            `${prefix}-${site}-${String(number).padStart(4, '0')}`,
            models,
            datacenter.shortName,
            purchaseDay(),
          ),
        )
      }
    }
    add('srv', hosted, SERVER_MODELS)
    add('sto', Math.max(1, Math.round(hosted / SERVERS_PER_STORAGE_ARRAY)), STORAGE_MODELS)
    add('sw', Math.round(hosted * SWITCHES_PER_SERVER), SWITCH_MODELS)
    add('rt', Math.max(1, Math.round(hosted * ROUTERS_PER_SERVER)), ROUTER_MODELS)
  })
  return rows
}

function datacenterRow(
  random: Random,
  name: string,
  models: readonly DatacenterModel[],
  datacenter: string,
  purchaseDay: number,
): string[] {
  const item = models[random.weightedIndex(models.map((model) => model.weight))]
  return [
    name,
    item.model,
    '1',
    datacenter,
    formatIsoDate(purchaseDay),
    '',
    '',
    '',
    '',
    item.type,
    'In use',
    'France',
    String(item.annualKwh),
    '',
    'CMDB DSI',
    ROOT_ORGANISATION,
    item.cores === null ? '' : String(item.cores),
    '',
    '',
    'HAUTE',
  ]
}
