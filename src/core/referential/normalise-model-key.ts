/**
 * The text key under which `Referential.matching` looks a model up (NumEcoEval "ref_matching_item").
 * Lower case, accents stripped, whitespace collapsed, well-known manufacturer spellings unified.
 * See docs/methodology/footprint.md#reference-item.
 */

/**
 * Canonical manufacturer → other spellings met in inventories. Where they come from: the "system manufacturer"
 * string that firmware reports through SMBIOS/DMI and that GLPI, OCS Inventory, Intune and SCCM copy verbatim
 * ("Dell Inc.", "LENOVO", "ASUSTeK COMPUTER INC.", "Hewlett-Packard"), the companies' registered names, and brand
 * changes (Toshiba PCs became Dynabook, MMD makes Philips monitors, Polycom became Poly). Spellings are written
 * lower case; punctuation is kept as reported because `normaliseModelKey` keeps it.
 */
export const MANUFACTURER_SPELLINGS: ReadonlyArray<
  readonly [canonical: string, spellings: readonly string[]]
> = [
  ['dell', ['dell inc.', 'dell inc', 'dell technologies', 'dell computer corporation', 'dell emc']],
  [
    'hp',
    [
      'hewlett-packard',
      'hewlett packard',
      'hewlett-packard company',
      'hp inc.',
      'hp inc',
      'hp development company',
    ],
  ],
  ['hpe', ['hewlett packard enterprise', 'hewlett-packard enterprise', 'hp enterprise']],
  ['lenovo', ['lenovo group limited', 'lenovo group', 'lenovo (beijing) limited']],
  ['apple', ['apple inc.', 'apple inc', 'apple computer, inc.', 'apple computer']],
  ['microsoft', ['microsoft corporation', 'microsoft corp.', 'microsoft corp']],
  ['samsung', ['samsung electronics co., ltd.', 'samsung electronics', 'samsung electronics co ltd']],
  ['asus', ['asustek computer inc.', 'asustek computer inc', 'asustek', 'asustek computer']],
  ['acer', ['acer inc.', 'acer inc', 'acer incorporated']],
  [
    'fujitsu',
    [
      'fujitsu technology solutions',
      'fujitsu siemens computers',
      'fujitsu limited',
      'fujitsu client computing',
    ],
  ],
  ['cisco', ['cisco systems, inc.', 'cisco systems', 'cisco systems inc']],
  ['huawei', ['huawei technologies co., ltd.', 'huawei technologies', 'huawei device co., ltd.']],
  ['xiaomi', ['xiaomi inc.', 'xiaomi communications co., ltd.', 'redmi']],
  ['brother', ['brother industries, ltd.', 'brother industries']],
  ['canon', ['canon inc.', 'canon inc']],
  ['epson', ['seiko epson corporation', 'seiko epson']],
  ['kyocera', ['kyocera document solutions', 'kyocera mita']],
  ['ricoh', ['ricoh company, ltd.', 'ricoh company', 'nashuatec']],
  ['xerox', ['xerox corporation', 'fuji xerox']],
  ['lexmark', ['lexmark international', 'lexmark international, inc.']],
  ['konica minolta', ['konica-minolta', 'konicaminolta', 'konica minolta business solutions']],
  ['sharp', ['sharp corporation']],
  ['toshiba', ['toshiba corporation', 'dynabook', 'dynabook inc.', 'dynabook inc']],
  ['panasonic', ['panasonic corporation', 'panasonic connect']],
  ['getac', ['getac technology corporation', 'getac technology']],
  ['zebra', ['zebra technologies', 'zebra technologies corporation']],
  ['honeywell', ['honeywell international', 'honeywell international inc.']],
  ['iiyama', ['iiyama corporation']],
  ['philips', ['mmd', 'mmd-monitors & displays', 'mmd monitors & displays', 'philips consumer lifestyle']],
  ['viewsonic', ['viewsonic corporation']],
  ['eizo', ['eizo corporation', 'eizo nanao']],
  ['aoc', ['aoc international']],
  ['lg', ['lg electronics', 'lg electronics inc.', 'goldstar']],
  ['benq', ['benq corporation']],
  ['supermicro', ['super micro computer', 'super micro computer, inc.', 'super micro']],
  ['netapp', ['netapp, inc.', 'netapp inc']],
  ['juniper', ['juniper networks', 'juniper networks, inc.']],
  ['aruba', ['aruba networks', 'aruba, a hewlett packard enterprise company']],
  ['fortinet', ['fortinet, inc.', 'fortinet inc']],
  ['poly', ['polycom', 'polycom, inc.', 'plantronics']],
  ['yealink', ['yealink network technology']],
  ['alcatel-lucent', ['alcatel lucent', 'alcatel-lucent enterprise', 'ale international']],
  ['avaya', ['avaya inc.', 'avaya inc']],
  ['google', ['google llc', 'google inc.']],
  ['motorola', ['motorola mobility', 'motorola mobility llc', 'motorola solutions']],
  ['nokia', ['hmd global', 'nokia corporation']],
  ['oneplus', ['oneplus technology']],
  ['oppo', ['guangdong oppo mobile telecommunications']],
  ['crosscall', ['crosscall sas']],
  ['fairphone', ['fairphone b.v.', 'fairphone bv']],
]

const MANUFACTURER_ALIASES: ReadonlyMap<string, string> = new Map(
  MANUFACTURER_SPELLINGS.flatMap(([canonical, spellings]) =>
    spellings.map((spelling) => [spelling, canonical] as const),
  ),
)

const COMBINING_MARKS = /[\u0300-\u036f]/g
const WHITESPACE = /\s+/g

const NON_ASCII = /[^\p{ASCII}]/u

function normaliseText(text: string): string {
  // accents only exist outside ASCII: skip the costly decomposition for the common case
  const decomposed = NON_ASCII.test(text) ? text.normalize('NFD').replace(COMBINING_MARKS, '') : text
  return decomposed.toLowerCase().replace(WHITESPACE, ' ').trim()
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
