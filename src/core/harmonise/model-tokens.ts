/**
 * Free-text model names → the tokens the model matcher compares, and manufacturer names → one canonical
 * spelling. Pure and deterministic. The rules are listed in docs/methodology/model-matching.md#tokens.
 */
import { foldText } from '../inventory/fold-text.js'
import { MANUFACTURER_SPELLINGS } from '../referential/normalise-model-key.js'

/** Words that say what kind of thing it is or who sells it, never which model: dropped everywhere. */
const NOISE_WORDS: ReadonlySet<string> = new Set([
  'notebook',
  'laptop',
  'pc',
  'computer',
  'desktop',
  'monitor',
  'smartphone',
  'phone',
  'ordinateur',
  'portable',
  'fixe',
  'ecran',
  'moniteur',
  'telephone',
  'imprimante',
  'printer',
  'serveur',
  'server',
  'series',
  'serie',
  'inc',
  'corp',
  'corporation',
  'ltd',
  'llc',
  'gmbh',
  'tm',
  'the',
  'with',
  'avec',
])

/** Bracketed groups made only of these are trademark marks: "(R)", "(TM)", "(C)". */
const MARK_WORDS: ReadonlySet<string> = new Set(['r', 'tm', 'c'])

/** Processor hints ("Core i5-1145G7", "(Ryzen 5)"): the word and the number right after it are dropped. */
const CPU_WORDS: ReadonlySet<string> = new Set([
  'i3',
  'i5',
  'i7',
  'i9',
  'intel',
  'amd',
  'core',
  'ryzen',
  'celeron',
  'pentium',
  'xeon',
  'athlon',
  'vpro',
  'cpu',
  'processor',
])

/** Units of memory, storage and clock speed: "16GB", "16 Go", "512 To", "2.4 GHz". */
const SIZE_UNITS: ReadonlySet<string> = new Set(['gb', 'go', 'tb', 'to', 'mb', 'mo', 'ghz', 'mhz'])
const SIZE_TOKEN = /^\d+(?:gb|go|tb|to|mb|mo|ghz|mhz)$/
const DIGITS = /^\d+$/
const LETTERS = /^[a-z]+$/
const GENERATION = /^gen(\d+)$/
const BRACKET_GROUP = /[([{]([^)\]}]*)[)\]}]/g

/** Legal-form words that follow a company name ("Zebra Technologies Corp."), tried off when no alias fits. */
const COMPANY_SUFFIXES: ReadonlySet<string> = new Set([
  'inc',
  'corp',
  'corporation',
  'co',
  'ltd',
  'limited',
  'llc',
  'gmbh',
  'sa',
  'sas',
  'ag',
  'plc',
  'bv',
  'technologies',
  'technology',
  'electronics',
  'computer',
  'computers',
  'international',
  'group',
  'systems',
])

/** Folded spelling ("dell inc", "hewlett packard", "konica minolta") → canonical manufacturer. */
const MANUFACTURER_BY_FOLDED: ReadonlyMap<string, string> = new Map(
  MANUFACTURER_SPELLINGS.flatMap(([canonical, spellings]) =>
    [canonical, ...spellings].map((spelling) => [foldText(spelling), canonical] as const),
  ),
)
const LONGEST_ALIAS_WORDS = 4

/** One model text taken apart: canonical manufacturer (null when unknown) and the model tokens, in order. */
export type ModelText = { manufacturer: string | null; tokens: string[] }

/**
 * Canonical manufacturer of a free text: folded, looked up in the alias table, else with its legal-form
 * suffixes removed ("ASUSTeK COMPUTER INC." → "asus", "Zebra Technologies Corp." → "zebra",
 * "Écrans Français" → "ecrans francais"). Null for blank text.
 */
export function canonicalManufacturer(text: string | null): string | null {
  if (text === null) return null
  const folded = foldText(text)
  if (folded === '') return null
  const known = MANUFACTURER_BY_FOLDED.get(folded)
  if (known !== undefined) return known
  const words = folded.split(' ')
  while (words.length > 1 && COMPANY_SUFFIXES.has(words[words.length - 1])) words.pop()
  const stripped = words.join(' ')
  return MANUFACTURER_BY_FOLDED.get(stripped) ?? stripped
}

/** Canonical manufacturer when the text is a spelling in the alias table ("Hewlett-Packard" → "hp"), else null. */
export function knownManufacturer(text: string): string | null {
  return MANUFACTURER_BY_FOLDED.get(foldText(text)) ?? null
}

/**
 * Manufacturer and model tokens of one inventory line. The model text may start with a manufacturer
 * ("DELL INC. Latitude 5420"): it is taken off and used when the manufacturer column is blank.
 * @example analyseModelText('Hewlett-Packard', 'HP EliteBook 840 G8 Notebook PC') // { manufacturer: 'hp', tokens: ['elitebook', '840', 'g8'] }
 */
export function analyseModelText(manufacturer: string | null, model: string | null): ModelText {
  let maker = canonicalManufacturer(manufacturer)
  if (model === null) return { manufacturer: maker, tokens: [] }
  const words = splitWords(model)
  const prefix = manufacturerPrefix(words, maker)
  if (prefix !== null) {
    maker ??= prefix.manufacturer
    words.splice(0, prefix.wordCount)
  }
  return { manufacturer: maker, tokens: mergeShortPrefixes(dropNoise(words, maker)) }
}

/** Lower-case words of a model text, bracketed processor and trademark hints removed. */
function splitWords(model: string): string[] {
  const withoutHints = model.replace(BRACKET_GROUP, (_group, inside: string) =>
    isHintGroup(inside) ? ' ' : ` ${inside} `,
  )
  const folded = foldText(withoutHints)
  return folded === '' ? [] : folded.split(' ')
}

function isHintGroup(inside: string): boolean {
  const folded = foldText(inside)
  if (folded === '') return true
  const words = folded.split(' ')
  if (words.every((word) => MARK_WORDS.has(word))) return true
  return words.some((word) => CPU_WORDS.has(word) || SIZE_TOKEN.test(word) || SIZE_UNITS.has(word))
}

function manufacturerPrefix(
  words: readonly string[],
  known: string | null,
): { manufacturer: string; wordCount: number } | null {
  const longest = Math.min(LONGEST_ALIAS_WORDS, words.length - 1)
  for (let wordCount = longest; wordCount >= 1; wordCount--) {
    const text = words.slice(0, wordCount).join(' ')
    const manufacturer = MANUFACTURER_BY_FOLDED.get(text) ?? (text === known ? known : undefined)
    if (manufacturer !== undefined) return { manufacturer, wordCount }
  }
  return null
}

function dropNoise(words: readonly string[], manufacturer: string | null): string[] {
  const kept: string[] = []
  for (let index = 0; index < words.length; index++) {
    const word = words[index]
    if (CPU_WORDS.has(word)) {
      const next = words[index + 1]
      if (next !== undefined && !CPU_WORDS.has(next) && hasDigit(next)) index++
      continue
    }
    if (DIGITS.test(word) && index + 1 < words.length && SIZE_UNITS.has(words[index + 1])) {
      index++
      continue
    }
    if (SIZE_TOKEN.test(word) || NOISE_WORDS.has(word) || word === manufacturer) continue
    kept.push(word)
  }
  return kept
}

/** "G 8" → "g8", "DL 360" → "dl360", "Gen 9" / "Gen9" → "g9": the same model number however it is spaced. */
function mergeShortPrefixes(words: readonly string[]): string[] {
  const merged: string[] = []
  for (let index = 0; index < words.length; index++) {
    let word = words[index]
    const next = words[index + 1]
    if (next !== undefined && word.length <= 3 && LETTERS.test(word) && DIGITS.test(next)) {
      word += next
      index++
    }
    merged.push(word.replace(GENERATION, 'g$1'))
  }
  return merged
}

/** True when the token carries a model number ("5420", "g8", "x1", "p2422h"). */
export function hasDigit(token: string): boolean {
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index)
    if (code >= 48 && code <= 57) return true
  }
  return false
}
