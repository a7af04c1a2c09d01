/**
 * Benchmark: match free-text model names to reference items (src/core/harmonise/model-matcher.ts).
 *   npm run build && node dist/bench/match-models.js [--items 5000] [--texts 50000] [--seed 42]
 * Builds a deterministic synthetic referential (realistic manufacturers, families and model numbers across
 * laptop, desktop, monitor, smartphone, tablet, server, printer, switch, desk phone) and messy inventory texts
 * derived from it (case, manufacturer aliases, extra words, processor and memory hints, reordering, typos in
 * words but never in numbers, Lenovo machine-type prefixes), about 10 % of them models absent from the
 * referential. Prints one JSON document: build time, total match time, precision and recall at the threshold.
 * Target (issue "model matching"): 50,000 texts matched in < 2 s on the 2-core workplace machine.
 */
import type { CategoryId } from '../src/core/inventory/categories.js'
import { analyseModelText } from '../src/core/harmonise/model-tokens.js'
import {
  DEFAULT_MATCH_THRESHOLD,
  createModelMatcher,
  type MatcherCandidate,
  type ModelMatch,
} from '../src/core/harmonise/model-matcher.js'
import { proposeMappingRules, type UnmatchedModel } from '../src/core/harmonise/propose-mapping-rules.js'

type Random = () => number

/** Small seeded generator (mulberry32) so every run sees the same data. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]
const digits = (random: Random, count: number): string =>
  String(Math.floor(random() * 9 * 10 ** (count - 1)) + 10 ** (count - 1))
const between = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1))

/** A model is a list of parts; a part may hold a space ("Gen 3") and reordering moves whole parts. */
type Family = {
  category: CategoryId
  manufacturer: string
  parts: (random: Random) => string[]
}

const FAMILIES: Family[] = [
  {
    category: 'laptop',
    manufacturer: 'Dell',
    parts: (r) => [pick(r, ['Latitude', 'Precision', 'Vostro', 'Inspiron']), digits(r, 4)],
  },
  {
    category: 'laptop',
    manufacturer: 'Dell',
    parts: (r) => ['XPS', String(between(r, 13, 17)), digits(r, 4)],
  },
  {
    category: 'laptop',
    manufacturer: 'HP',
    parts: (r) => [pick(r, ['EliteBook', 'ProBook', 'ZBook Firefly']), digits(r, 3), `G${between(r, 1, 11)}`],
  },
  {
    category: 'laptop',
    manufacturer: 'Lenovo',
    parts: (r) => [
      'ThinkPad',
      `${pick(r, ['T', 'L', 'E', 'P'])}${between(r, 10, 16)}${pick(r, ['', 's'])}`,
      `Gen ${between(r, 1, 5)}`,
    ],
  },
  {
    category: 'laptop',
    manufacturer: 'Lenovo',
    parts: (r) => ['ThinkPad', 'X1', pick(r, ['Carbon', 'Yoga', 'Nano']), `Gen ${between(r, 1, 12)}`],
  },
  {
    category: 'laptop',
    manufacturer: 'Lenovo',
    parts: (r) => [
      'IdeaPad',
      pick(r, ['Slim', 'Flex', 'Gaming']),
      String(between(r, 3, 7)),
      `${between(r, 14, 17)}${pick(r, ['IAU', 'ALC', 'ITL', 'ABA'])}${between(r, 5, 9)}`,
    ],
  },
  {
    category: 'laptop',
    manufacturer: 'Apple',
    parts: (r) => [
      'MacBook',
      pick(r, ['Air', 'Pro']),
      `${pick(r, ['13', '14', '15', '16'])}`,
      `M${between(r, 1, 4)}`,
      String(between(r, 2018, 2025)),
    ],
  },
  {
    category: 'laptop',
    manufacturer: 'ASUS',
    parts: (r) => [
      pick(r, ['ZenBook', 'ExpertBook', 'VivoBook']),
      `${pick(r, ['UX', 'B', 'X'])}${digits(r, 3)}${pick(r, ['', 'EA', 'FA'])}`,
    ],
  },
  {
    category: 'laptop',
    manufacturer: 'Acer',
    parts: (r) => [
      pick(r, ['TravelMate', 'Aspire', 'Swift']),
      `${pick(r, ['P', 'A', 'SF'])}${digits(r, 3)}-${between(r, 10, 59)}`,
    ],
  },
  {
    category: 'laptop',
    manufacturer: 'Fujitsu',
    parts: (r) => ['LifeBook', `${pick(r, ['U', 'E', 'A'])}${digits(r, 4)}`],
  },
  {
    category: 'laptop',
    manufacturer: 'Microsoft',
    parts: (r) => ['Surface', pick(r, ['Laptop', 'Book', 'Pro']), String(between(r, 2, 11))],
  },
  {
    category: 'laptop',
    manufacturer: 'Toshiba',
    parts: (r) => [
      pick(r, ['Portege', 'Tecra', 'Satellite Pro']),
      `${pick(r, ['X', 'A', 'C'])}${between(r, 20, 59)}-${pick(r, ['J', 'K', 'L', 'G'])}`,
    ],
  },
  {
    category: 'laptop',
    manufacturer: 'Panasonic',
    parts: (r) => ['Toughbook', `CF-${between(r, 19, 99)}`, `Mk${between(r, 1, 9)}`],
  },
  {
    category: 'laptop',
    manufacturer: 'Getac',
    parts: (r) => [`${pick(r, ['B', 'S', 'V', 'X'])}${digits(r, 3)}`, pick(r, ['', 'Pro'])],
  },
  {
    category: 'desktop',
    manufacturer: 'Dell',
    parts: (r) => ['OptiPlex', digits(r, 4), pick(r, ['Micro', 'SFF', 'Tower', 'AIO'])],
  },
  {
    category: 'desktop',
    manufacturer: 'HP',
    parts: (r) => [
      pick(r, ['EliteDesk', 'ProDesk']),
      digits(r, 3),
      `G${between(r, 1, 9)}`,
      pick(r, ['Mini', 'SFF', 'Tower']),
    ],
  },
  {
    category: 'desktop',
    manufacturer: 'Lenovo',
    parts: (r) => [
      'ThinkCentre',
      `M${between(r, 70, 95)}${pick(r, ['q', 's', 't'])}`,
      `Gen ${between(r, 1, 5)}`,
    ],
  },
  {
    category: 'desktop',
    manufacturer: 'Fujitsu',
    parts: (r) => ['Esprimo', `${pick(r, ['P', 'D', 'Q', 'K'])}${digits(r, 3)}`],
  },
  {
    category: 'desktop',
    manufacturer: 'Apple',
    parts: (r) => [
      pick(r, ['iMac', 'Mac mini', 'Mac Studio']),
      `M${between(r, 1, 4)}`,
      String(between(r, 2019, 2025)),
    ],
  },
  { category: 'thin-client', manufacturer: 'HP', parts: (r) => [`t${digits(r, 3)}`, 'Thin Client'] },
  {
    category: 'monitor',
    manufacturer: 'Dell',
    parts: (r) => [
      `${pick(r, ['P', 'U', 'E', 'S'])}${between(r, 19, 34)}${between(r, 10, 24)}${pick(r, ['H', 'Q', 'HE', 'DE'])}`,
    ],
  },
  {
    category: 'monitor',
    manufacturer: 'HP',
    parts: (r) => [
      `${pick(r, ['E', 'Z', 'P', 'M'])}${between(r, 19, 34)}${pick(r, ['', 'i', 'm', 'q'])}`,
      `G${between(r, 1, 5)}`,
    ],
  },
  {
    category: 'monitor',
    manufacturer: 'Lenovo',
    parts: (r) => [
      'ThinkVision',
      `${pick(r, ['T', 'E', 'P'])}${between(r, 22, 34)}${pick(r, ['i', 'q', 'h'])}-${between(r, 10, 30)}`,
    ],
  },
  {
    category: 'monitor',
    manufacturer: 'Iiyama',
    parts: (r) => [
      'ProLite',
      `${pick(r, ['XU', 'XB', 'B', 'T'])}${digits(r, 4)}${pick(r, ['HSU', 'MHS', 'QSU'])}`,
    ],
  },
  {
    category: 'monitor',
    manufacturer: 'Philips',
    parts: (r) => [`${between(r, 221, 346)}${pick(r, ['B', 'P', 'E', 'V'])}${between(r, 1, 9)}`],
  },
  {
    category: 'monitor',
    manufacturer: 'ViewSonic',
    parts: (r) => [`${pick(r, ['VG', 'VA', 'VX'])}${digits(r, 4)}`],
  },
  {
    category: 'monitor',
    manufacturer: 'Eizo',
    parts: (r) => ['FlexScan', `${pick(r, ['EV', 'S'])}${digits(r, 4)}`],
  },
  {
    category: 'monitor',
    manufacturer: 'AOC',
    parts: (r) => [
      `${between(r, 22, 34)}${pick(r, ['E', 'P', 'V', 'B'])}${between(r, 1, 3)}${pick(r, ['', 'X', 'U'])}`,
    ],
  },
  {
    category: 'monitor',
    manufacturer: 'LG',
    parts: (r) => [`${between(r, 22, 34)}${pick(r, ['MK', 'BN', 'UK', 'BL'])}${digits(r, 3)}`],
  },
  {
    category: 'monitor',
    manufacturer: 'BenQ',
    parts: (r) => [`${pick(r, ['GW', 'BL', 'PD'])}${digits(r, 4)}`],
  },
  {
    category: 'monitor',
    manufacturer: 'Samsung',
    parts: (r) => [`S${between(r, 22, 34)}${pick(r, ['A', 'B', 'C', 'R'])}${digits(r, 3)}`],
  },
  {
    category: 'smartphone',
    manufacturer: 'Apple',
    parts: (r) => ['iPhone', String(between(r, 6, 16)), pick(r, ['', 'Pro', 'Pro Max', 'mini', 'Plus'])],
  },
  {
    category: 'smartphone',
    manufacturer: 'Samsung',
    parts: (r) => [
      'Galaxy',
      `${pick(r, ['A', 'S', 'M', 'XCover'])}${between(r, 5, 56)}`,
      pick(r, ['', '5G', 'Ultra', 'FE']),
    ],
  },
  {
    category: 'smartphone',
    manufacturer: 'Xiaomi',
    parts: (r) => ['Redmi', 'Note', String(between(r, 7, 14)), pick(r, ['', 'Pro', '5G'])],
  },
  {
    category: 'smartphone',
    manufacturer: 'Google',
    parts: (r) => ['Pixel', `${between(r, 3, 9)}${pick(r, ['', 'a'])}`],
  },
  {
    category: 'smartphone',
    manufacturer: 'Motorola',
    parts: (r) => ['Moto', `${pick(r, ['g', 'e'])}${between(r, 10, 85)}`],
  },
  {
    category: 'smartphone',
    manufacturer: 'Nokia',
    parts: (r) => [`${pick(r, ['G', 'C', 'X'])}${between(r, 10, 60)}`],
  },
  {
    category: 'smartphone',
    manufacturer: 'OnePlus',
    parts: (r) => ['Nord', `${pick(r, ['CE', 'N'])}${between(r, 2, 4)}`, pick(r, ['', 'Lite'])],
  },
  {
    category: 'smartphone',
    manufacturer: 'Crosscall',
    parts: (r) => [pick(r, ['Core', 'Action', 'Trekker']), `${pick(r, ['X', 'M', 'Z'])}${between(r, 3, 6)}`],
  },
  {
    category: 'smartphone',
    manufacturer: 'Fairphone',
    parts: (r) => ['Fairphone', String(between(r, 2, 6))],
  },
  {
    category: 'tablet',
    manufacturer: 'Apple',
    parts: (r) => [
      'iPad',
      pick(r, ['', 'Air', 'Pro', 'mini']),
      `${pick(r, ['', '11', '12.9'])}`,
      `Gen ${between(r, 4, 10)}`,
    ],
  },
  {
    category: 'tablet',
    manufacturer: 'Samsung',
    parts: (r) => ['Galaxy', 'Tab', `${pick(r, ['S', 'A', 'Active'])}${between(r, 3, 10)}`],
  },
  {
    category: 'tablet',
    manufacturer: 'Zebra',
    parts: (r) => [`${pick(r, ['TC', 'MC', 'ET'])}${between(r, 20, 99)}`],
  },
  {
    category: 'tablet',
    manufacturer: 'Honeywell',
    parts: (r) => [`${pick(r, ['CT', 'CK', 'EDA'])}${between(r, 30, 70)}`],
  },
  {
    category: 'server',
    manufacturer: 'HPE',
    parts: (r) => ['ProLiant', `${pick(r, ['DL', 'ML'])}${between(r, 20, 580)}`, `Gen${between(r, 8, 11)}`],
  },
  {
    category: 'server',
    manufacturer: 'Dell',
    parts: (r) => ['PowerEdge', `${pick(r, ['R', 'T', 'C'])}${digits(r, 3)}`],
  },
  {
    category: 'server',
    manufacturer: 'Lenovo',
    parts: (r) => ['ThinkSystem', `${pick(r, ['SR', 'ST', 'SD'])}${digits(r, 3)}`, pick(r, ['', 'V2', 'V3'])],
  },
  {
    category: 'server',
    manufacturer: 'Supermicro',
    parts: (r) => [
      'SuperServer',
      `${digits(r, 4)}${pick(r, ['U', 'R', 'TP'])}-${pick(r, ['TNR', 'WTR', 'E1CR'])}`,
    ],
  },
  {
    category: 'server',
    manufacturer: 'Fujitsu',
    parts: (r) => ['Primergy', `${pick(r, ['RX', 'TX'])}${digits(r, 4)}`, `M${between(r, 1, 7)}`],
  },
  {
    category: 'server',
    manufacturer: 'Cisco',
    parts: (r) => ['UCS', `${pick(r, ['C', 'B'])}${digits(r, 3)}`, `M${between(r, 3, 7)}`],
  },
  {
    category: 'storage',
    manufacturer: 'NetApp',
    parts: (r) => [pick(r, ['AFF', 'FAS']), `${pick(r, ['A', 'C', ''])}${digits(r, 3)}`],
  },
  {
    category: 'printer',
    manufacturer: 'HP',
    parts: (r) => [
      'LaserJet',
      pick(r, ['Pro', 'Enterprise', 'Managed']),
      `${pick(r, ['M', 'E'])}${digits(r, 3)}${pick(r, ['dn', 'dw', 'fdw', 'n'])}`,
    ],
  },
  {
    category: 'printer',
    manufacturer: 'Brother',
    parts: (r) => [`${pick(r, ['HL', 'MFC', 'DCP'])}-L${digits(r, 4)}${pick(r, ['DW', 'CDW', 'DN'])}`],
  },
  {
    category: 'printer',
    manufacturer: 'Canon',
    parts: (r) => [
      pick(r, ['i-SENSYS', 'imageRUNNER']),
      `${pick(r, ['MF', 'LBP', 'C'])}${digits(r, 3)}${pick(r, ['i', 'dw', 'Cdw', ''])}`,
    ],
  },
  {
    category: 'printer',
    manufacturer: 'Epson',
    parts: (r) => [pick(r, ['WorkForce', 'EcoTank']), `${pick(r, ['WF-C', 'WF-M', 'ET-'])}${digits(r, 4)}`],
  },
  {
    category: 'printer',
    manufacturer: 'Kyocera',
    parts: (r) => ['ECOSYS', `${pick(r, ['P', 'M', 'MA'])}${digits(r, 4)}${pick(r, ['dn', 'cdn', 'idn'])}`],
  },
  {
    category: 'printer',
    manufacturer: 'Ricoh',
    parts: (r) => [pick(r, ['IM', 'MP', 'SP']), `C${digits(r, 4)}`],
  },
  {
    category: 'printer',
    manufacturer: 'Xerox',
    parts: (r) => [
      pick(r, ['VersaLink', 'AltaLink', 'WorkCentre']),
      `${pick(r, ['C', 'B'])}${digits(r, 3)}${pick(r, ['', 'V', 'DN'])}`,
    ],
  },
  {
    category: 'printer',
    manufacturer: 'Lexmark',
    parts: (r) => [`${pick(r, ['MS', 'MX', 'CX', 'CS'])}${digits(r, 3)}${pick(r, ['dn', 'adwe', 'de'])}`],
  },
  {
    category: 'printer',
    manufacturer: 'Konica Minolta',
    parts: (r) => ['bizhub', `${pick(r, ['C', ''])}${digits(r, 3)}${pick(r, ['i', 'e', ''])}`],
  },
  {
    category: 'printer',
    manufacturer: 'Sharp',
    parts: (r) => [`MX-${digits(r, 4)}${pick(r, ['N', 'EU', ''])}`],
  },
  {
    category: 'network-switch',
    manufacturer: 'Cisco',
    parts: (r) => [
      'Catalyst',
      `${pick(r, ['2960', '3850', '9200', '9300'])}${pick(r, ['X', 'L', 'CX', ''])}-${pick(r, ['24', '48'])}${pick(r, ['P', 'T', 'FP', 'PS'])}`,
    ],
  },
  {
    category: 'network-switch',
    manufacturer: 'Juniper',
    parts: (r) => [`EX${digits(r, 4)}-${pick(r, ['24', '48'])}${pick(r, ['P', 'T', 'MP'])}`],
  },
  {
    category: 'network-switch',
    manufacturer: 'Aruba',
    parts: (r) => [
      `${digits(r, 4)}${pick(r, ['F', 'M', ''])}`,
      `${pick(r, ['24', '48'])}G`,
      pick(r, ['PoE+', 'Class4', '']),
    ],
  },
  {
    category: 'network-switch',
    manufacturer: 'Fortinet',
    parts: (r) => ['FortiSwitch', `${digits(r, 3)}${pick(r, ['E', 'F', 'D'])}`, pick(r, ['', 'POE', 'FPOE'])],
  },
  {
    category: 'desk-phone',
    manufacturer: 'Yealink',
    parts: (r) => [`SIP-T${between(r, 19, 58)}${pick(r, ['G', 'W', 'U', 'A'])}`],
  },
  {
    category: 'desk-phone',
    manufacturer: 'Poly',
    parts: (r) => [pick(r, ['VVX', 'CCX', 'Edge E']), String(between(r, 100, 699))],
  },
  {
    category: 'desk-phone',
    manufacturer: 'Alcatel-Lucent',
    parts: (r) => [`${between(r, 8008, 8088)}`, pick(r, ['DeskPhone', 'Premium DeskPhone', 'Cloud Edition'])],
  },
  {
    category: 'desk-phone',
    manufacturer: 'Avaya',
    parts: (r) => [`${pick(r, ['J', 'K'])}${between(r, 100, 189)}`, pick(r, ['', 'IP Phone'])],
  },
]

/** How inventories spell each manufacturer (DMI strings, legal names): facts, see normalise-model-key.ts. */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Dell: ['Dell Inc.', 'DELL INC.', 'dell', 'Dell Technologies'],
  HP: ['Hewlett-Packard', 'HP Inc.', 'HEWLETT-PACKARD', 'hp'],
  HPE: ['Hewlett Packard Enterprise', 'HPE'],
  Lenovo: ['LENOVO', 'lenovo'],
  Apple: ['Apple Inc.', 'APPLE'],
  ASUS: ['ASUSTeK COMPUTER INC.', 'Asus'],
  Acer: ['Acer Inc.', 'ACER'],
  Fujitsu: ['FUJITSU', 'Fujitsu Technology Solutions'],
  Microsoft: ['Microsoft Corporation'],
  Toshiba: ['TOSHIBA', 'Dynabook Inc.'],
  Samsung: ['Samsung Electronics Co., Ltd.', 'SAMSUNG'],
  Philips: ['MMD', 'PHILIPS'],
  'Konica Minolta': ['KONICA MINOLTA', 'Konica-Minolta'],
  Poly: ['Polycom', 'POLY'],
  Epson: ['SEIKO EPSON CORPORATION', 'EPSON'],
  Cisco: ['Cisco Systems, Inc.', 'CISCO'],
}

type Item = MatcherCandidate & { parts: string[] }
type Text = { manufacturer: string | null; model: string; category: CategoryId | null; truth: string | null }

function buildItems(random: Random, count: number): Item[] {
  const items: Item[] = []
  const seen = new Set<string>()
  while (items.length < count) {
    const family = pick(random, FAMILIES)
    const parts = family.parts(random).filter((part) => part !== '')
    const analysed = analyseModelText(family.manufacturer, parts.join(' '))
    // two texts with the same token set are one item: keeps the ground truth unambiguous
    const key = `${analysed.manufacturer}|${[...analysed.tokens].sort().join(' ')}`
    if (seen.has(key)) continue
    seen.add(key)
    const itemId = `item-${String(items.length).padStart(5, '0')}`
    items.push({
      itemId,
      manufacturer: family.manufacturer,
      model: parts.join(' '),
      category: family.category,
      parts,
    })
  }
  return items
}

const EXTRA_WORDS = ['Notebook PC', 'Series', '(R)', 'Laptop', 'Touch', 'Rugged', 'Business', 'FR']
const CPU_HINTS = [
  '(i5)',
  '(i7)',
  'Core i5-1145G7',
  'Intel Core i7-8650U',
  '(Ryzen 5 PRO)',
  '16GB',
  '8 Go',
  '512 Go SSD',
]

function typo(random: Random, word: string): string {
  const position = between(random, 1, word.length - 2)
  switch (between(random, 0, 3)) {
    case 0:
      return word.slice(0, position) + word.slice(position + 1)
    case 1:
      return word.slice(0, position) + word[position + 1] + word[position] + word.slice(position + 2)
    case 2:
      return word.slice(0, position) + 'x' + word.slice(position + 1)
    default:
      return word.slice(0, position) + word[position] + word.slice(position)
  }
}

function messyParts(random: Random, parts: readonly string[]): string[] {
  let messy = [...parts]
  if (random() < 0.15) {
    const index = messy.findIndex((part) => /^[A-Za-z]{5,}$/.test(part))
    if (index >= 0) messy[index] = typo(random, messy[index])
  }
  if (random() < 0.2 && messy.length > 1) messy = [...messy.slice(1), messy[0]]
  if (random() < 0.3) messy.push(pick(random, CPU_HINTS))
  if (random() < 0.3) messy.push(pick(random, EXTRA_WORDS))
  return messy
}

function messyText(random: Random, item: Item, parts: readonly string[], truth: string | null): Text {
  const displayed = item.manufacturer ?? ''
  const spelling =
    random() < 0.5 ? pick(random, SPELLINGS[displayed] ?? [displayed.toUpperCase()]) : displayed
  let manufacturer: string | null = spelling
  let model = messyParts(random, parts).join(' ')
  const where = random()
  if (where < 0.1) manufacturer = null
  else if (where < 0.25) {
    manufacturer = null
    model = `${spelling} ${model}`
  } else if (where < 0.35) model = `${spelling} ${model}`
  if (item.manufacturer === 'Lenovo' && random() < 0.3)
    model = `${digits(random, 2)}${pick(random, ['XW', 'UD', 'HF'])}-S0${digits(random, 4)} ${model}`
  const casing = random()
  if (casing < 0.2) model = model.toUpperCase()
  else if (casing < 0.4) model = model.toLowerCase()
  const categoryDraw = random()
  const category = categoryDraw < 0.7 ? item.category : categoryDraw < 0.95 ? null : 'other'
  return { manufacturer, model, category, truth }
}

/** Same family, one model number changed so that no item has it: a text with no true match. */
function absentParts(
  random: Random,
  item: Item,
  isKnown: (manufacturer: string, parts: string[]) => boolean,
): string[] | null {
  for (let attempt = 0; attempt < 10; attempt++) {
    const parts = item.parts.map((part) =>
      /\d/.test(part) && random() < 0.7
        ? part.replace(/\d/, (digit) => String((Number(digit) + between(random, 1, 8)) % 10))
        : part,
    )
    if (!isKnown(item.manufacturer ?? '', parts)) return parts
  }
  return null
}

function buildTexts(random: Random, items: readonly Item[], count: number): Text[] {
  const itemKeys = new Set(items.map((item) => tokenKey(item.manufacturer, item.parts)))
  const isKnown = (manufacturer: string, parts: string[]): boolean =>
    itemKeys.has(tokenKey(manufacturer, parts))
  const texts: Text[] = []
  const seen = new Set<string>()
  while (texts.length < count) {
    const item = pick(random, items)
    const isAbsent = random() < 0.1
    const parts = isAbsent ? absentParts(random, item, isKnown) : item.parts
    if (parts === null) continue
    const text = messyText(random, item, parts, isAbsent ? null : item.itemId)
    const key = `${text.manufacturer}\u0000${text.model}`
    if (seen.has(key)) continue
    seen.add(key)
    texts.push(text)
  }
  return texts
}

function tokenKey(manufacturer: string | null, parts: readonly string[]): string {
  const analysed = analyseModelText(manufacturer, parts.join(' '))
  return `${analysed.manufacturer}|${[...analysed.tokens].sort().join(' ')}`
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name)
  return index < 0 ? fallback : Number(process.argv[index + 1])
}

const round = (value: number, places = 3): number => Math.round(value * 10 ** places) / 10 ** places

function main(): void {
  const itemCount = argument('--items', 5000)
  const textCount = argument('--texts', 50_000)
  const random = seededRandom(argument('--seed', 42))
  const items = buildItems(random, itemCount)
  const texts = buildTexts(random, items, textCount)

  let started = performance.now()
  const matcher = createModelMatcher(items)
  const buildSeconds = (performance.now() - started) / 1000

  started = performance.now()
  const matches: (ModelMatch | null)[] = texts.map((text) =>
    matcher.match(text.manufacturer, text.model, text.category),
  )
  const matchSeconds = (performance.now() - started) / 1000

  const threshold = DEFAULT_MATCH_THRESHOLD
  let withTruth = 0
  let accepted = 0
  let acceptedCorrect = 0
  let acceptedWithoutTruth = 0
  let topOneCorrect = 0
  const methods: Record<string, number> = {}
  texts.forEach((text, index) => {
    const match = matches[index]
    if (text.truth !== null) withTruth += 1
    if (match !== null && match.itemId === text.truth) topOneCorrect += 1
    if (match === null || match.confidence < threshold) return
    accepted += 1
    methods[match.method] = (methods[match.method] ?? 0) + 1
    if (match.itemId === text.truth) acceptedCorrect += 1
    if (text.truth === null) acceptedWithoutTruth += 1
  })

  const unmatched: UnmatchedModel[] = texts.map((text) => ({
    manufacturer: text.manufacturer,
    model: text.model,
    category: text.category,
    assets: 1 + Math.floor(random() ** 4 * 500),
  }))
  started = performance.now()
  const proposals = proposeMappingRules(unmatched, matcher, { top: 1000 })
  const proposeSeconds = (performance.now() - started) / 1000

  console.log(
    JSON.stringify(
      {
        items: items.length,
        texts: texts.length,
        textsWithTrueMatch: withTruth,
        buildSeconds: round(buildSeconds),
        matchSeconds: round(matchSeconds),
        microsecondsPerMatch: round((matchSeconds * 1e6) / texts.length, 1),
        threshold,
        acceptedAtThreshold: accepted,
        acceptedByMethod: methods,
        precision: round(acceptedCorrect / accepted, 4),
        recall: round(acceptedCorrect / withTruth, 4),
        wrongItemAccepted: accepted - acceptedCorrect - acceptedWithoutTruth,
        noTrueMatchAccepted: acceptedWithoutTruth,
        topOneAccuracyIgnoringThreshold: round(topOneCorrect / withTruth, 4),
        proposals: {
          rules: proposals.rules.length,
          seconds: round(proposeSeconds),
          top1000ShareOfAssets: round(proposals.topShare, 4),
        },
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      null,
      2,
    ),
  )
}

main()
