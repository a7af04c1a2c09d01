/**
 * The text key under which `Referential.matching` looks a model up (NumEcoEval "ref_matching_item").
 * Lower case, accents stripped, whitespace collapsed, well-known manufacturer spellings unified.
 * See docs/methodology/footprint.md#reference-item.
 */

const MANUFACTURER_ALIASES: ReadonlyMap<string, string> = new Map([
  ['dell inc.', 'dell'],
  ['dell inc', 'dell'],
  ['dell technologies', 'dell'],
  ['dell computer corporation', 'dell'],
  ['hewlett-packard', 'hp'],
  ['hewlett packard', 'hp'],
  ['hewlett-packard company', 'hp'],
  ['hp inc.', 'hp'],
  ['hp inc', 'hp'],
  ['hewlett packard enterprise', 'hpe'],
  ['hewlett-packard enterprise', 'hpe'],
  ['lenovo group limited', 'lenovo'],
  ['apple inc.', 'apple'],
  ['apple inc', 'apple'],
  ['microsoft corporation', 'microsoft'],
  ['samsung electronics co., ltd.', 'samsung'],
  ['samsung electronics', 'samsung'],
  ['asustek computer inc.', 'asus'],
  ['asustek computer inc', 'asus'],
  ['acer inc.', 'acer'],
  ['fujitsu technology solutions', 'fujitsu'],
  ['fujitsu siemens computers', 'fujitsu'],
  ['cisco systems, inc.', 'cisco'],
  ['cisco systems', 'cisco'],
])

const COMBINING_MARKS = /[\u0300-\u036f]/g
const WHITESPACE = /\s+/g

function normaliseText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(WHITESPACE, ' ').trim()
}

/** Canonical manufacturer text: normalised, then mapped through the alias table ("DELL INC." → "dell"). */
export function normaliseManufacturer(manufacturer: string): string {
  const text = normaliseText(manufacturer)
  return MANUFACTURER_ALIASES.get(text) ?? text
}

/**
 * Key for `Referential.matching`: "<manufacturer> <model>", normalised. The manufacturer is not repeated
 * when the model text already starts with it ("HP" + "HP EliteBook 840" → "hp elitebook 840").
 */
export function normaliseModelKey(manufacturer: string | null, model: string | null): string {
  const maker = manufacturer === null ? '' : normaliseManufacturer(manufacturer)
  const name = model === null ? '' : normaliseText(model)
  if (maker === '') return name
  if (name === '') return maker
  if (name === maker || name.startsWith(`${maker} `)) return name
  return `${maker} ${name}`
}
