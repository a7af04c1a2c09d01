/**
 * Pure parsers for inventory cells. Each returns null for an empty cell, `{ ok: true, value }` for a
 * value it understood, or `{ ok: false, reason }` for a value it could not read. They are written with
 * character loops rather than regular expressions because they run once per cell on million-row files.
 */
import type { AssetStatus, DayNumber, Ownership } from './asset.js'
import { isCategoryId, type CategoryId } from './categories.js'
import { dayNumberOf, daysInMonth } from './day-number.js'
import { foldText } from './fold-text.js'

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const NOT_A_NUMBER: Parsed<number> = { ok: false, reason: 'not a number' }
const NOT_A_DATE: Parsed<DayNumber> = { ok: false, reason: 'not a date' }

// ---------------------------------------------------------------------------------------------------
// Numbers

/**
 * Reads a number written the French or the English way: `12`, `-3.5`, `12,5`, `1 234,5` (space, NBSP or
 * narrow NBSP as thousands separator), `1.234,5`, `1,234.5`, `1'234`. A lone comma is a decimal comma.
 */
export function parseNumber(text: string): Parsed<number> | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  if (isPlainDecimal(trimmed)) return { ok: true, value: Number(trimmed) }
  return parseLooseNumber(trimmed)
}

/**
 * Reads a share as a fraction of 1: `80 %` → 0.8, `80` → 0.8 (above 1, read as a percentage), `0.8` → 0.8.
 * Values below 0 or above 100 % are refused.
 */
export function parsePercent(text: string): Parsed<number> | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const isPercentSigned = trimmed.endsWith('%')
  const number = parseNumber(isPercentSigned ? trimmed.slice(0, -1) : trimmed)
  if (number === null || !number.ok) return NOT_A_NUMBER
  const fraction = isPercentSigned || number.value > 1 ? number.value / 100 : number.value
  if (fraction < 0 || fraction > 1) return { ok: false, reason: 'not between 0 and 100 %' }
  return { ok: true, value: fraction }
}

/** Optional minus sign, digits, at most one decimal point, at least one digit. */
function isPlainDecimal(text: string): boolean {
  let digitCount = 0
  let pointCount = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code >= 48 && code <= 57) digitCount++
    else if (code === 46) pointCount++
    else if (!(code === 45 && index === 0)) return false
  }
  return digitCount > 0 && pointCount <= 1
}

function parseLooseNumber(text: string): Parsed<number> {
  let compact = ''
  for (let index = 0; index < text.length; index++) {
    const character = text[index]
    if (character === ' ' || character === '\u00a0' || character === '\u202f' || character === "'") continue
    if (character === '+' && compact === '') continue
    compact += character
  }
  const commaCount = countOf(compact, ',')
  const pointCount = countOf(compact, '.')
  let decimalSeparator = ''
  let thousandsSeparator = ''
  if (commaCount > 0 && pointCount > 0) {
    const isCommaLast = compact.lastIndexOf(',') > compact.lastIndexOf('.')
    decimalSeparator = isCommaLast ? ',' : '.'
    thousandsSeparator = isCommaLast ? '.' : ','
  } else if (commaCount > 0) {
    if (commaCount === 1) decimalSeparator = ','
    else thousandsSeparator = ','
  } else if (pointCount > 1) {
    thousandsSeparator = '.'
  } else if (pointCount === 1) {
    decimalSeparator = '.'
  }
  if (decimalSeparator !== '' && countOf(compact, decimalSeparator) > 1) return NOT_A_NUMBER
  const decimalAt = decimalSeparator === '' ? -1 : compact.indexOf(decimalSeparator)
  let integerPart = decimalAt < 0 ? compact : compact.slice(0, decimalAt)
  const fractionPart = decimalAt < 0 ? '' : compact.slice(decimalAt + 1)
  if (thousandsSeparator !== '') {
    const groups = integerPart.split(thousandsSeparator)
    const first = groups[0].startsWith('-') ? groups[0].slice(1) : groups[0]
    if (first.length < 1 || first.length > 3) return NOT_A_NUMBER
    for (let index = 1; index < groups.length; index++) if (groups[index].length !== 3) return NOT_A_NUMBER
    integerPart = groups.join('')
  }
  const canonical = fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`
  if (!isPlainDecimal(canonical) || fractionPart.includes('-')) return NOT_A_NUMBER
  return { ok: true, value: Number(canonical) }
}

function countOf(text: string, character: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) if (text[index] === character) count++
  return count
}

// ---------------------------------------------------------------------------------------------------
// Dates

/** Excel serial of 1970-01-01 (Excel counts from 1899-12-30 once past its 1900 leap-year bug). */
const EXCEL_SERIAL_OF_EPOCH = 25_569
const FIRST_EXCEL_SERIAL = 10_000 // 1927-05-18: smaller integers are not plausible purchase dates
const LAST_EXCEL_SERIAL = 99_999 // 2173-10-14
const FIRST_YEAR = 1900
const LAST_YEAR = 2199

/**
 * Reads a calendar day: `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd` (also `yyyy/mm/dd`) or `yyyymmdd`,
 * optionally followed by a time (` HH:MM`, ` HH:MM:SS`, `THH:MM:SSZ`, `THH:MM:SS.sss+01:00`, ignored),
 * or an Excel serial day number (a plain integer from 10000 to 99999, e.g. 43831 = 2020-01-01).
 * Impossible days (`31/02/2020`) are refused.
 */
export function parseDate(text: string): Parsed<DayNumber> | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const length = trimmed.length
  let index = 0
  let first = 0
  while (index < length && isDigitCode(trimmed.charCodeAt(index)))
    first = first * 10 + trimmed.charCodeAt(index++) - 48
  const firstLength = index
  if (firstLength === 0) return NOT_A_DATE
  if (index === length) {
    if (firstLength === 8) return compactDate(first)
    if (first < FIRST_EXCEL_SERIAL || first > LAST_EXCEL_SERIAL) return NOT_A_DATE
    return { ok: true, value: first - EXCEL_SERIAL_OF_EPOCH }
  }
  const separator = trimmed.charCodeAt(index)
  if (separator !== 47 && separator !== 45 && separator !== 46) return NOT_A_DATE // '/', '-', '.'
  index++
  const secondStart = index
  let second = 0
  while (index < length && isDigitCode(trimmed.charCodeAt(index)))
    second = second * 10 + trimmed.charCodeAt(index++) - 48
  const secondLength = index - secondStart
  if (index >= length || trimmed.charCodeAt(index) !== separator) return NOT_A_DATE
  index++
  const thirdStart = index
  let third = 0
  while (index < length && isDigitCode(trimmed.charCodeAt(index)))
    third = third * 10 + trimmed.charCodeAt(index++) - 48
  const thirdLength = index - thirdStart
  if (secondLength < 1 || secondLength > 2) return NOT_A_DATE
  let year: number
  let day: number
  if (firstLength === 4 && thirdLength >= 1 && thirdLength <= 2) {
    year = first
    day = third
  } else if (firstLength <= 2 && thirdLength === 4) {
    year = third
    day = first
  } else {
    return NOT_A_DATE
  }
  if (index < length && !isTimeSuffix(trimmed, index)) return NOT_A_DATE
  const month = second
  if (year < FIRST_YEAR || year > LAST_YEAR) return { ok: false, reason: `year ${year} out of range` }
  if (month < 1 || month > 12) return { ok: false, reason: `no month ${month}` }
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'no such day' }
  return { ok: true, value: dayNumberOf(year, month, day) }
}

/**
 * `yyyymmdd` as NumEcoEval / G4IT accept it (g4it-conformance README, rule R22): `20200708` is 2020-07-08.
 * A `ddmmyyyy` text never reads as one: its 5th and 6th digits (the century) are no month.
 */
function compactDate(digits: number): Parsed<DayNumber> {
  const year = Math.floor(digits / 10_000)
  const month = Math.floor(digits / 100) % 100
  const day = digits % 100
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return NOT_A_DATE
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'no such day' }
  return { ok: true, value: dayNumberOf(year, month, day) }
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57
}

const TIME_ZONE_OFFSET = /^[+-]\d{2}(:?\d{2})?$/

/** ` HH:MM`, ` HH:MM:SS`, `THH:MM:SS`, each optionally with `.fraction` and `Z` or `±HH:MM`. */
function isTimeSuffix(text: string, start: number): boolean {
  const introducer = text[start]
  if (introducer !== ' ' && introducer !== 'T') return false
  let index = start + 1
  let hours = 0
  const hoursStart = index
  while (index - hoursStart < 2 && isDigitCode(text.charCodeAt(index)))
    hours = hours * 10 + text.charCodeAt(index++) - 48
  if (index === hoursStart || hours > 23 || text[index] !== ':') return false
  const minutes = readTwoDigits(text, index + 1)
  if (minutes < 0 || minutes > 59) return false
  index += 3
  if (text[index] === ':') {
    const seconds = readTwoDigits(text, index + 1)
    if (seconds < 0 || seconds > 60) return false
    index += 3
    if (text[index] === '.' || text[index] === ',') {
      const fractionStart = ++index
      while (isDigitCode(text.charCodeAt(index))) index++
      if (index === fractionStart) return false
    }
  }
  if (index === text.length) return true
  if (text[index] === 'Z') return index + 1 === text.length
  return TIME_ZONE_OFFSET.test(text.slice(index))
}

/** The two-digit number at `index`, or -1. */
function readTwoDigits(text: string, index: number): number {
  const tens = text.charCodeAt(index)
  const units = text.charCodeAt(index + 1)
  return isDigitCode(tens) && isDigitCode(units) ? (tens - 48) * 10 + units - 48 : -1
}

// ---------------------------------------------------------------------------------------------------
// Countries

/** ISO 3166-1 alpha-2, alpha-3, then English and French names and common variants. */
export const COUNTRIES: readonly (readonly string[])[] = [
  ['AT', 'AUT', 'Austria', 'Autriche'],
  ['BE', 'BEL', 'Belgium', 'Belgique'],
  ['BG', 'BGR', 'Bulgaria', 'Bulgarie'],
  ['HR', 'HRV', 'Croatia', 'Croatie'],
  ['CY', 'CYP', 'Cyprus', 'Chypre'],
  ['CZ', 'CZE', 'Czechia', 'Czech Republic', 'Tchéquie', 'République tchèque'],
  ['DK', 'DNK', 'Denmark', 'Danemark'],
  ['EE', 'EST', 'Estonia', 'Estonie'],
  ['FI', 'FIN', 'Finland', 'Finlande'],
  ['FR', 'FRA', 'France', 'France métropolitaine', 'Metropolitan France'],
  ['DE', 'DEU', 'Germany', 'Allemagne', 'Deutschland'],
  ['GR', 'GRC', 'Greece', 'Grèce'],
  ['HU', 'HUN', 'Hungary', 'Hongrie'],
  ['IE', 'IRL', 'Ireland', 'Irlande'],
  ['IT', 'ITA', 'Italy', 'Italie'],
  ['LV', 'LVA', 'Latvia', 'Lettonie'],
  ['LT', 'LTU', 'Lithuania', 'Lituanie'],
  ['LU', 'LUX', 'Luxembourg'],
  ['MT', 'MLT', 'Malta', 'Malte'],
  ['NL', 'NLD', 'Netherlands', 'The Netherlands', 'Holland', 'Pays-Bas'],
  ['PL', 'POL', 'Poland', 'Pologne'],
  ['PT', 'PRT', 'Portugal'],
  ['RO', 'ROU', 'Romania', 'Roumanie'],
  ['SK', 'SVK', 'Slovakia', 'Slovaquie'],
  ['SI', 'SVN', 'Slovenia', 'Slovénie'],
  ['ES', 'ESP', 'Spain', 'Espagne'],
  ['SE', 'SWE', 'Sweden', 'Suède'],
  [
    'GB',
    'GBR',
    'United Kingdom',
    'UK',
    'Great Britain',
    'England',
    'Royaume-Uni',
    'Grande-Bretagne',
    'Angleterre',
  ],
  ['CH', 'CHE', 'Switzerland', 'Suisse'],
  ['US', 'USA', 'United States', 'United States of America', 'États-Unis', "États-Unis d'Amérique"],
  ['CN', 'CHN', 'China', 'Chine'],
  ['NO', 'NOR', 'Norway', 'Norvège'],
  ['IS', 'ISL', 'Iceland', 'Islande'],
  ['LI', 'LIE', 'Liechtenstein'],
  ['MC', 'MCO', 'Monaco'],
  ['AD', 'AND', 'Andorra', 'Andorre'],
  ['CA', 'CAN', 'Canada'],
  ['JP', 'JPN', 'Japan', 'Japon'],
  ['IN', 'IND', 'India', 'Inde'],
  ['BR', 'BRA', 'Brazil', 'Brésil'],
  ['MA', 'MAR', 'Morocco', 'Maroc'],
  ['DZ', 'DZA', 'Algeria', 'Algérie'],
  ['TN', 'TUN', 'Tunisia', 'Tunisie'],
  ['SN', 'SEN', 'Senegal', 'Sénégal'],
  ['CI', 'CIV', "Côte d'Ivoire", 'Ivory Coast'],
  ['AU', 'AUS', 'Australia', 'Australie'],
  ['RU', 'RUS', 'Russia', 'Russian Federation', 'Russie'],
  ['TR', 'TUR', 'Turkey', 'Türkiye', 'Turquie'],
  ['UA', 'UKR', 'Ukraine'],
  ['MX', 'MEX', 'Mexico', 'Mexique'],
  ['ZA', 'ZAF', 'South Africa', 'Afrique du Sud'],
  ['SG', 'SGP', 'Singapore', 'Singapour'],
  ['KR', 'KOR', 'South Korea', 'Korea', 'Corée du Sud'],
  ['IL', 'ISR', 'Israel', 'Israël'],
  ['AE', 'ARE', 'United Arab Emirates', 'Émirats arabes unis'],
  ['RE', 'REU', 'Réunion', 'La Réunion'],
  ['GP', 'GLP', 'Guadeloupe'],
  ['MQ', 'MTQ', 'Martinique'],
  ['GF', 'GUF', 'French Guiana', 'Guyane', 'Guyane française'],
  ['YT', 'MYT', 'Mayotte'],
  ['NC', 'NCL', 'New Caledonia', 'Nouvelle-Calédonie'],
  ['PF', 'PYF', 'French Polynesia', 'Polynésie française'],
  ['PM', 'SPM', 'Saint Pierre and Miquelon', 'Saint-Pierre-et-Miquelon'],
]

const COUNTRY_BY_KEY: ReadonlyMap<string, string> = new Map(
  COUNTRIES.flatMap((names) => names.map((name) => [compactKey(name), names[0]] as const)),
)

/** ISO 3166-1 alpha-2 code (upper case) of a country written as a code or an English or French name. */
export function parseCountry(text: string): Parsed<string> | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const code = COUNTRY_BY_KEY.get(compactKey(trimmed))
  return code === undefined ? { ok: false, reason: 'not a known country' } : { ok: true, value: code }
}

/** Folded text without spaces: `"États-Unis"` → `"etatsunis"`, `"U.S.A."` → `"usa"`. */
function compactKey(text: string): string {
  return foldText(text).replaceAll(' ', '')
}

// ---------------------------------------------------------------------------------------------------
// Status and ownership

const STATUS_BY_TEXT: ReadonlyMap<string, AssetStatus> = new Map<string, AssetStatus>([
  ...words(
    [
      'en service',
      'en fonction',
      'en fonctionnement',
      'en utilisation',
      'en production',
      'production',
      'actif',
      'active',
      'utilise',
      'attribue',
      'affecte',
      'en pret',
      'en reparation',
      'en maintenance',
      'in use',
      'in service',
      'in production',
      'deployed',
      'assigned',
      'used',
      'in repair',
      'out for repair',
      'out for diagnostics',
    ],
    'in-use',
  ),
  ...words(
    [
      'en stock',
      'stock',
      'en reserve',
      'disponible',
      'non utilise',
      'inutilise',
      'in stock',
      'not used',
      'spare',
      'ready to deploy',
      'deployable',
      'pending',
    ],
    'stock',
  ),
  ...words(
    [
      'reforme',
      'a reformer',
      'rebut',
      'mis au rebut',
      'hors service',
      'hs',
      'detruit',
      'recycle',
      'vendu',
      'donne',
      'vole',
      'perdu',
      'retired',
      'decommissioned',
      'disposed',
      'out of service',
      'broken',
      'stolen',
      'lost',
      'archived',
      'broken not fixable',
      'lost stolen',
    ],
    'retired',
  ),
])

const OWNERSHIP_BY_TEXT: ReadonlyMap<string, Ownership> = new Map<string, Ownership>([
  ...words(
    [
      'cope',
      'cobo',
      'cyod',
      'company',
      'corporate',
      'entreprise',
      'societe',
      'professionnel',
      'professional',
    ],
    'company',
  ),
  ...words(['byod', 'personal', 'personnel', 'personnelle', 'prive', 'private', 'employee'], 'personal'),
])

function words<T extends string>(texts: readonly string[], value: T): [string, T][] {
  return texts.map((text) => [text, value])
}

/** Asset status from free text: `En service`/`In use` → in-use, `En stock`/`Not used` → stock, `Réformé`/`Retired` → retired. */
export function parseStatus(text: string): Parsed<AssetStatus> | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const status =
    STATUS_BY_TEXT.get(foldText(trimmed)) ??
    (isStatusId(trimmed) ? trimmed : undefined) ??
    statusOfLabelAndMeta(trimmed)
  return status === undefined ? { ok: false, reason: 'not a known status' } : { ok: true, value: status }
}

/**
 * Snipe-IT writes a status as `Label (meta)`: `Ready to Deploy (deployed)` is checked out, so in use;
 * otherwise the label decides (`Out for Repair (undeployable)`), then the meta (`Stockroom (deployable)`).
 */
function statusOfLabelAndMeta(text: string): AssetStatus | undefined {
  const openAt = text.lastIndexOf('(')
  if (openAt <= 0 || !text.endsWith(')')) return undefined
  const meta = foldText(text.slice(openAt + 1, -1))
  if (meta === 'deployed') return 'in-use'
  return STATUS_BY_TEXT.get(foldText(text.slice(0, openAt))) ?? STATUS_BY_TEXT.get(meta)
}

function isStatusId(text: string): text is AssetStatus {
  return text === 'in-use' || text === 'stock' || text === 'retired'
}

/** Ownership from free text: `COPE`/`company` → company, `BYOD`/`personal` → personal. */
export function parseOwnership(text: string): Parsed<Ownership> | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const ownership = OWNERSHIP_BY_TEXT.get(foldText(trimmed))
  return ownership === undefined
    ? { ok: false, reason: 'not a known ownership' }
    : { ok: true, value: ownership }
}

// ---------------------------------------------------------------------------------------------------
// Categories

/**
 * Keywords of a type text, most specific first: phrases decide before the single words they contain
 * ("téléphone portable" is a smartphone, "portable" alone a laptop). Matched on whole folded words.
 */
const TYPE_KEYWORDS: readonly (readonly [string, CategoryId])[] = [
  ['telephone portable', 'smartphone'],
  ['telephone mobile', 'smartphone'],
  ['mobile phone', 'smartphone'],
  ['station de travail mobile', 'laptop'],
  ['mobile workstation', 'laptop'],
  ['ordinateur portable', 'laptop'],
  ['ordinateur fixe', 'desktop'],
  ['ordinateur de bureau', 'desktop'],
  ['unite centrale', 'desktop'],
  ['pc fixe', 'desktop'],
  ['pc de bureau', 'desktop'],
  ['mini pc', 'desktop'],
  ['station de travail', 'desktop'],
  ['all in one', 'desktop'],
  ['client leger', 'thin-client'],
  ['thin client', 'thin-client'],
  ['telephone ip', 'desk-phone'],
  ['telephone fixe', 'desk-phone'],
  ['poste telephonique', 'desk-phone'],
  ['desk phone', 'desk-phone'],
  ['ip phone', 'desk-phone'],
  ['borne wifi', 'wifi-access-point'],
  ['borne wi fi', 'wifi-access-point'],
  ['point d acces', 'wifi-access-point'],
  ['access point', 'wifi-access-point'],
  ['baie de stockage', 'storage'],
  ['storage array', 'storage'],
  ['machine virtuelle', 'virtual-machine'],
  ['virtual machine', 'virtual-machine'],
  ['dedicated server', 'server'],
  ['shared server', 'server'],
  ['laptop', 'laptop'],
  ['notebook', 'laptop'],
  ['ultrabook', 'laptop'],
  ['portable', 'laptop'],
  ['smartphone', 'smartphone'],
  ['mobile', 'smartphone'],
  ['tablette', 'tablet'],
  ['tablet', 'tablet'],
  ['ecran', 'monitor'],
  ['moniteur', 'monitor'],
  ['monitor', 'monitor'],
  ['screen', 'monitor'],
  ['display', 'monitor'],
  ['imprimante', 'printer'],
  ['multifonction', 'printer'],
  ['mfp', 'printer'],
  ['copieur', 'printer'],
  ['photocopieur', 'printer'],
  ['traceur', 'printer'],
  ['printer', 'printer'],
  ['routeur', 'router'],
  ['router', 'router'],
  ['switch', 'network-switch'],
  ['switches', 'network-switch'],
  ['commutateur', 'network-switch'],
  ['wifi', 'wifi-access-point'],
  ['stockage', 'storage'],
  ['storage', 'storage'],
  ['nas', 'storage'],
  ['san', 'storage'],
  ['serveur', 'server'],
  ['server', 'server'],
  ['desktop', 'desktop'],
  ['workstation', 'desktop'],
  ['tour', 'desktop'],
  ['tower', 'desktop'],
  ['vm', 'virtual-machine'],
  ['network', 'network-switch'],
  ['reseau', 'network-switch'],
]

/** Product lines whose name tells the category, checked on the model text before the type keywords. */
const MODEL_LINE_KEYWORDS: readonly (readonly [string, CategoryId])[] = [
  ['virtual platform', 'virtual-machine'],
  ['virtualbox', 'virtual-machine'],
  ['cloud pc', 'virtual-machine'],
  ['galaxy tab', 'tablet'],
  ['ipad', 'tablet'],
  ['iphone', 'smartphone'],
  ['galaxy', 'smartphone'],
  ['thinkpad', 'laptop'],
  ['latitude', 'laptop'],
  ['elitebook', 'laptop'],
  ['probook', 'laptop'],
  ['zbook', 'laptop'],
  ['macbook', 'laptop'],
  ['thinkbook', 'laptop'],
  ['ideapad', 'laptop'],
  ['travelmate', 'laptop'],
  ['expertbook', 'laptop'],
  ['zenbook', 'laptop'],
  ['vivobook', 'laptop'],
  ['dynabook', 'laptop'],
  ['toughbook', 'laptop'],
  ['surface pro', 'laptop'],
  ['surface laptop', 'laptop'],
  ['surface book', 'laptop'],
  ['surface go', 'laptop'],
  ['surface studio', 'desktop'],
  ['mac mini', 'desktop'],
  ['mac pro', 'desktop'],
  ['mac studio', 'desktop'],
  ['thinkstation', 'desktop'],
  ['optiplex', 'desktop'],
  ['thinkcentre', 'desktop'],
  ['elitedesk', 'desktop'],
  ['prodesk', 'desktop'],
  ['imac', 'desktop'],
  ['thinkvision', 'monitor'],
  ['ultrasharp', 'monitor'],
  ['poweredge', 'server'],
  ['proliant', 'server'],
  ['thinksystem', 'server'],
  ['primergy', 'server'],
  ['laserjet', 'printer'],
  ['officejet', 'printer'],
  ['pagewide', 'printer'],
  ['imagerunner', 'printer'],
  ['workcentre', 'printer'],
  ['versalink', 'printer'],
  ['ecosys', 'printer'],
  ['bizhub', 'printer'],
  ['catalyst', 'network-switch'],
]

const MODEL_KEYWORDS = [...MODEL_LINE_KEYWORDS, ...TYPE_KEYWORDS]
const PADDED_TYPE_KEYWORDS = TYPE_KEYWORDS.map(([keyword, category]) => [` ${keyword} `, category] as const)
const PADDED_MODEL_KEYWORDS = MODEL_KEYWORDS.map(([keyword, category]) => [` ${keyword} `, category] as const)
const KEYWORD_WORDS: ReadonlySet<string> = new Set(MODEL_KEYWORDS.flatMap(([keyword]) => keyword.split(' ')))

/** Category named by a type text (`Ordinateur portable`, `Laptop`, `Dedicated Server`, `thin-client`…), or null. */
export function categoryOfTypeText(text: string): CategoryId | null {
  return categoryOfText(text, PADDED_TYPE_KEYWORDS)
}

/** Category suggested by a model text (`Latitude 5420`, `Physical Server unknown`…), or null. */
export function categoryOfModelText(text: string): CategoryId | null {
  return categoryOfText(text, PADDED_MODEL_KEYWORDS)
}

/**
 * Category of an inventory line from its type text (FR or EN), else its model text, else the hint
 * (e.g. from a file that holds only monitors), else null.
 */
export function inferCategory(
  typeText: string | null,
  modelText: string | null,
  hint: CategoryId | null,
): CategoryId | null {
  return (
    (typeText ? categoryOfTypeText(typeText) : null) ??
    (modelText ? categoryOfModelText(modelText) : null) ??
    hint
  )
}

function categoryOfText(
  text: string,
  keywords: readonly (readonly [string, CategoryId])[],
): CategoryId | null {
  const lowered = text.trim().toLowerCase()
  if (isCategoryId(lowered)) return lowered
  const padded = ` ${singularWords(foldText(lowered))} `
  for (const [keyword, category] of keywords) if (padded.includes(keyword)) return category
  return null
}

/** Drops a plural "s" when only the singular is a keyword word: "serveurs" → "serveur"; "nas", "access" stay. */
function singularWords(folded: string): string {
  if (!folded.includes('s')) return folded
  return folded
    .split(' ')
    .map((word) =>
      word.endsWith('s') && !KEYWORD_WORDS.has(word) && KEYWORD_WORDS.has(word.slice(0, -1))
        ? word.slice(0, -1)
        : word,
    )
    .join(' ')
}

// ---------------------------------------------------------------------------------------------------
// Device-management hints: chassis types, virtual machines, operating systems

/**
 * SMBIOS system-enclosure types (DMTF DSP0134, Win32_SystemEnclosure.ChassisTypes): code, name, category.
 * Codes without a category (other, unknown, docking station, expansion and blade chassis…) do not tell one.
 */
const CHASSIS_TYPES: readonly (readonly [number, string, CategoryId | null])[] = [
  [1, 'Other', null],
  [2, 'Unknown', null],
  [3, 'Desktop', 'desktop'],
  [4, 'Low Profile Desktop', 'desktop'],
  [5, 'Pizza Box', 'desktop'],
  [6, 'Mini Tower', 'desktop'],
  [7, 'Tower', 'desktop'],
  [8, 'Portable', 'laptop'],
  [9, 'Laptop', 'laptop'],
  [10, 'Notebook', 'laptop'],
  [11, 'Hand Held', 'tablet'],
  [12, 'Docking Station', null],
  [13, 'All in One', 'desktop'],
  [14, 'Sub Notebook', 'laptop'],
  [15, 'Space-saving', 'desktop'],
  [16, 'Lunch Box', 'desktop'],
  [17, 'Main System Chassis', 'server'],
  [18, 'Expansion Chassis', null],
  [19, 'SubChassis', null],
  [20, 'Bus Expansion Chassis', null],
  [21, 'Peripheral Chassis', null],
  [22, 'RAID Chassis', null],
  [23, 'Rack Mount Chassis', 'server'],
  [24, 'Sealed-case PC', 'desktop'],
  [25, 'Multi-system chassis', null],
  [26, 'Compact PCI', null],
  [27, 'Advanced TCA', null],
  [28, 'Blade', null],
  [29, 'Blade Enclosure', null],
  [30, 'Tablet', 'tablet'],
  [31, 'Convertible', 'laptop'],
  [32, 'Detachable', 'laptop'],
  [33, 'IoT Gateway', null],
  [34, 'Embedded PC', null],
  [35, 'Mini PC', 'desktop'],
  [36, 'Stick PC', 'desktop'],
]

/** Other spellings of chassis names (dmidecode, older WMI texts). */
const CHASSIS_NAME_VARIANTS: readonly (readonly [string, number])[] = [
  ['Main Server Chassis', 17],
  ['Handheld', 11],
  ['Space Saving', 15],
  ['Rack Mount', 23],
  ['Sealed Case PC', 24],
]

const CHASSIS_BY_CODE: ReadonlyMap<number, readonly [number, string, CategoryId | null]> = new Map(
  CHASSIS_TYPES.map((entry) => [entry[0], entry] as const),
)
const CHASSIS_BY_NAME: ReadonlyMap<string, readonly [number, string, CategoryId | null]> = new Map([
  ...CHASSIS_TYPES.map((entry) => [compactKey(entry[1]), entry] as const),
  ...CHASSIS_NAME_VARIANTS.map(([name, code]) => [compactKey(name), CHASSIS_BY_CODE.get(code)!] as const),
])

/** What a chassis cell says: the category (null when it tells none) and the SMBIOS name, for messages. */
export type ChassisReading = { category: CategoryId | null; name: string | null }

/**
 * Reads a chassis type: SMBIOS codes as SCCM stores them (`10`, `{10}`, `{3,12}`: the first code that names
 * a category wins) or a chassis name as OCS Inventory shows it (`Notebook`, `Mini Tower`, `Rack Mount Chassis`),
 * else a type text (`Portable`). Null for an empty cell.
 */
export function parseChassisType(text: string): ChassisReading | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  let firstName: string | null = null
  let code = -1
  for (let index = 0; index <= trimmed.length; index++) {
    const charCode = index < trimmed.length ? trimmed.charCodeAt(index) : -1
    if (isDigitCode(charCode)) {
      code = (code < 0 ? 0 : code * 10) + charCode - 48
      continue
    }
    if (code < 0) continue
    const entry = CHASSIS_BY_CODE.get(code)
    if (entry !== undefined && entry[2] !== null) return { category: entry[2], name: entry[1] }
    firstName ??= entry === undefined ? null : entry[1]
    code = -1
  }
  if (firstName !== null || hasDigit(trimmed)) return { category: null, name: firstName }
  const named = CHASSIS_BY_NAME.get(compactKey(trimmed))
  if (named !== undefined) return { category: named[2], name: named[1] }
  return { category: categoryOfTypeText(trimmed), name: null }
}

function hasDigit(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (isDigitCode(text.charCodeAt(index))) return true
  return false
}

const VIRTUAL_MODEL_WORDS: readonly string[] = [
  ' virtual machine ',
  ' virtual platform ',
  ' virtualbox ',
  ' kvm ',
  ' qemu ',
  ' hvm domu ',
  ' cloud pc ',
]

/**
 * True for the model texts hypervisors report (`Virtual Machine` for Hyper-V, `VMware Virtual Platform`,
 * `VMware7,1`, `VirtualBox`, `KVM`, `HVM domU` for Xen, `Cloud PC Enterprise…` for Windows 365).
 */
export function isVirtualMachineModel(text: string): boolean {
  const folded = foldText(text)
  if (folded.startsWith('vmware')) return true
  const padded = ` ${folded} `
  for (const word of VIRTUAL_MODEL_WORDS) if (padded.includes(word)) return true
  return false
}

/** True for `1`, `true`, `yes`, `oui`, `vrai` (any case); false otherwise, empty included. */
export function isTrueFlag(text: string): boolean {
  if (text === '1') return true
  const lowered = text.trim().toLowerCase()
  return lowered === '1' || lowered === 'true' || lowered === 'yes' || lowered === 'oui' || lowered === 'vrai'
}

/** What an operating system says of the device: a computer, a phone (or a tablet), a tablet, or a server. */
export type OperatingSystemFamily = 'computer' | 'phone' | 'tablet' | 'server'

/**
 * Family of an operating-system text: `Windows`, `Microsoft Windows 11 Enterprise`, `macOS`, `Linux`,
 * `ChromeOS` → computer; `iOS`, `Android…` → phone; `iPadOS` → tablet; any `… Server …` → server. Null when
 * unknown (`Windows Holographic`, empty).
 */
export function operatingSystemFamilyOf(text: string): OperatingSystemFamily | null {
  const folded = foldText(text)
  if (folded === '') return null
  const padded = ` ${folded} `
  if (padded.includes(' server ')) return 'server'
  if (padded.includes(' ipados ')) return 'tablet'
  if (
    padded.includes(' ios ') ||
    padded.includes(' android') ||
    padded.includes(' windows phone ') ||
    padded.includes(' windows mobile ')
  )
    return 'phone'
  if (padded.includes(' holographic ')) return null
  if (
    padded.includes(' windows ') ||
    padded.includes(' macos ') ||
    padded.includes(' mac os ') ||
    padded.includes(' os x ') ||
    padded.includes(' linux ') ||
    padded.includes(' ubuntu ') ||
    padded.includes(' chromeos ') ||
    padded.includes(' chrome os ')
  )
    return 'computer'
  return null
}

/** Samsung tablet model codes (`SM-T500`, `SM-X700`), folded. */
const SAMSUNG_TABLET_CODE = /^sm [tx]\d/

/** True when a mobile device's model names a tablet: `iPad…`, `Galaxy Tab S9`, `Lenovo Tab M10`, `SM-T500`. */
export function isTabletModel(text: string): boolean {
  const folded = foldText(text)
  if (folded.startsWith('ipad') || SAMSUNG_TABLET_CODE.test(folded)) return true
  const padded = ` ${folded} `
  return (
    padded.includes(' ipad') ||
    padded.includes(' tab ') ||
    padded.includes(' tb ') ||
    padded.includes(' tablet ') ||
    padded.includes(' tablette ')
  )
}

// ---------------------------------------------------------------------------------------------------
// Procurement hints: UNSPSC and CPV codes, item descriptions

/** UNSPSC commodity codes of IT equipment (methodology §6.6; to be checked against the current UNSPSC). */
const UNSPSC_CATEGORIES: ReadonlyMap<string, CategoryId> = new Map<string, CategoryId>([
  ['43211501', 'server'],
  ['43211502', 'server'],
  ['43211503', 'laptop'],
  ['43211506', 'thin-client'],
  ['43211507', 'desktop'],
  ['43211508', 'desktop'],
  ['43211509', 'tablet'],
  ['43211902', 'monitor'],
  ['43191501', 'smartphone'],
  ['43222609', 'router'],
  ['43222612', 'network-switch'],
  ['43212105', 'printer'],
])

/** UNSPSC classes (first six digits) whose every commodity is one category: printers, displays. */
const UNSPSC_CLASS_CATEGORIES: ReadonlyMap<string, CategoryId> = new Map<string, CategoryId>([
  ['432121', 'printer'],
  ['432119', 'monitor'],
])

/** CPV codes (EU public procurement vocabulary, without the check digit) of IT equipment (methodology §6.6). */
const CPV_CATEGORIES: ReadonlyMap<string, CategoryId> = new Map<string, CategoryId>([
  ['30213100', 'laptop'],
  ['30213200', 'tablet'],
  ['30213300', 'desktop'],
  ['30231300', 'monitor'],
  ['30231310', 'monitor'],
  ['30232100', 'printer'],
  ['30232110', 'printer'],
  ['32250000', 'smartphone'],
  ['32552100', 'desk-phone'],
  ['32413100', 'router'],
  ['48820000', 'server'],
])

export type ProcurementCodeKind = 'unspsc' | 'cpv' | 'any'

/**
 * Category of a UNSPSC or CPV code: `43211503`, `43.21.15.03`, `30213100-6` (the CPV check digit is ignored),
 * `30213100-6 Ordinateurs portables`. Null when the cell holds no 8-digit code or an unknown one.
 */
export function categoryOfProcurementCode(text: string, kind: ProcurementCodeKind): CategoryId | null {
  let digits = ''
  for (let index = 0; index < text.length && digits.length < 8; index++) {
    const code = text.charCodeAt(index)
    if (isDigitCode(code)) digits += text[index]
    else if (digits !== '' && code !== 46 && code !== 32) break // dots and spaces may group the digits
  }
  if (digits.length < 8) return null
  const unspsc =
    kind === 'cpv'
      ? undefined
      : (UNSPSC_CATEGORIES.get(digits) ?? UNSPSC_CLASS_CATEGORIES.get(digits.slice(0, 6)))
  if (unspsc !== undefined) return unspsc
  return kind === 'unspsc' ? null : (CPV_CATEGORIES.get(digits) ?? null)
}

/** Words that make a purchase line an accessory or a service rather than a device. */
const ACCESSORY_WORDS: readonly string[] = [
  'sacoche',
  'housse',
  'etui',
  'sac a dos',
  'cable',
  'cordon',
  'adaptateur',
  'chargeur',
  'station d accueil',
  'replicateur de port',
  'souris',
  'clavier',
  'casque',
  'webcam',
  'stylet',
  'toner',
  'cartouche',
  'garantie',
  'licence',
  'filtre de confidentialite',
  'bag',
  'backpack',
  'sleeve',
  'dock',
  'docking station',
  'port replicator',
  'charger',
  'adapter',
  'mouse',
  'keyboard',
  'headset',
  'stylus',
  'cartridge',
  'warranty',
  'care pack',
  'license',
  'privacy filter',
]
const PADDED_ACCESSORY_WORDS = ACCESSORY_WORDS.map((word) => ` ${word} `)

/** What a purchase-line description names: a device category, an accessory or service (with the word), or nothing. */
export type DescriptionReading =
  { kind: 'device'; category: CategoryId } | { kind: 'accessory'; word: string } | { kind: 'unknown' }

const UNKNOWN_DESCRIPTION: DescriptionReading = { kind: 'unknown' }

/**
 * Reads an item description (`Ordinateur portable HP ProBook 450 G8`, `Sacoche pour ordinateur portable`,
 * `Laptop bag 15.6"`). The earliest keyword decides, as descriptions name the item first; a device word
 * directly followed by an accessory word (`laptop bag`, `monitor cable`) is an accessory.
 */
export function readItemDescription(text: string): DescriptionReading {
  const padded = ` ${singularWords(foldText(text))} `
  let deviceAt = -1
  let deviceEnd = -1
  let category: CategoryId | null = null
  for (const [keyword, keywordCategory] of PADDED_MODEL_KEYWORDS) {
    const at = padded.indexOf(keyword)
    if (at >= 0 && (deviceAt < 0 || at < deviceAt)) {
      deviceAt = at
      deviceEnd = at + keyword.length - 1
      category = keywordCategory
    }
  }
  let accessoryAt = -1
  let accessory = ''
  for (let index = 0; index < PADDED_ACCESSORY_WORDS.length; index++) {
    const at = padded.indexOf(PADDED_ACCESSORY_WORDS[index])
    if (at >= 0 && (accessoryAt < 0 || at < accessoryAt)) {
      accessoryAt = at
      accessory = ACCESSORY_WORDS[index]
    }
  }
  if (accessoryAt >= 0 && (category === null || accessoryAt < deviceAt || accessoryAt === deviceEnd))
    return { kind: 'accessory', word: accessory }
  return category === null ? UNKNOWN_DESCRIPTION : { kind: 'device', category }
}

// ---------------------------------------------------------------------------------------------------
// Durations

/**
 * Reads a duration in months (`36`, `36 months`, `36 mois`), as Snipe-IT's EOL of a model. Null when the
 * text is not a plain count of months.
 */
export function parseMonths(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed.startsWith('-')) return null
  let folded = foldText(trimmed)
  for (const unit of [' months', ' month', ' mois'])
    if (folded.endsWith(unit)) folded = folded.slice(0, -unit.length)
  return isPlainDecimal(folded) ? Number(folded) : null
}
