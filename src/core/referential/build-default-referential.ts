/**
 * The default referential v1.1 ("empreinte-default@1.1.0"), built from ADEME's published publicodes model.
 * Every number read from ADEME comes from the model object given as argument (never hard-coded here);
 * the few figures ADEME lacks are flagged placeholders. See docs/methodology/default-referential.md.
 */
import { CATEGORY_IDS, type CategoryId } from '../inventory/categories.js'
import {
  BASE_IMPACTS_CRITERIA,
  BASE_IMPACTS_ELECTRICITY,
  BASE_IMPACTS_SOURCE,
} from './electricity-base-impacts.js'
import {
  OWID_EMBER_KG_CO2E_PER_KWH_2024,
  OWID_EMBER_KG_CO2E_PER_KWH_BY_YEAR,
  OWID_EMBER_SOURCE,
  OWID_EMBER_YEARLY_SOURCE,
  WORLD_ELECTRICITY_KEY,
} from './electricity-owid-ember.js'
import {
  CRITERIA,
  type CriterionId,
  type ElectricityMix,
  type EmbodiedFactors,
  type Factor,
  type Hypotheses,
  type ReferenceItem,
  type Referential,
} from './referential.js'

export const DEFAULT_REFERENTIAL_ID = 'empreinte-default'
export const DEFAULT_REFERENTIAL_VERSION = '1.1.0'
/** Version of `@incubateur-ademe/publicodes-acv-numerique` whose model this referential reads. */
export const ADEME_MODEL_VERSION = '2.1.0'

/** Office usage profile: 8 h/day × 220 working days (engineering assumption, methodology §3.8/§3.11). */
export const OFFICE_HOURS_PER_YEAR = 8 * 220
const WORKING_DAYS_PER_YEAR = 220
const HOURS_PER_YEAR = 24 * 365
const WATT_HOURS_PER_KWH = 1000
const GRAMS_PER_KG = 1000

const ADEME_DAYS_PER_YEAR_RULE = 'publicodes-commun . jours par an'
const ADEME_FRENCH_MIX_RULE = 'publicodes-commun . mix électrique . empreinte carbone'
const NUMECOEVAL_HYPOTHESES = 'NumEcoEval / G4IT referential ref_hypothesis.csv (Apache-2.0)'
const OFFICE_PROFILE_NOTE =
  'Professional use: active power × office profile of 8 h/day × 220 working days = 1,760 h/yr ' +
  '(engineering assumption, methodology §3.11 and anchors §0); ADEME\'s own "profil utilisation théorique" ' +
  'describes personal use.'

type Model = Readonly<Record<string, unknown>>

function ademeSource(rule: string): string {
  return `ADEME publicodes-acv-numerique ${ADEME_MODEL_VERSION} (MIT), rule "${rule}"`
}

/** Reads a numeric rule of the ADEME model, checking its unit; throws an Error naming the rule otherwise. */
function readRule(model: Model, rule: string, unit: string): number {
  const entry = model[rule]
  if (typeof entry !== 'object' || entry === null) {
    throw new Error(`ADEME model ${ADEME_MODEL_VERSION}: rule "${rule}" is missing`)
  }
  const record = entry as Record<string, unknown>
  const value = record['valeur']
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`ADEME model ${ADEME_MODEL_VERSION}: rule "${rule}" has no numeric "valeur"`)
  }
  if (record['unité'] !== undefined && record['unité'] !== unit) {
    throw new Error(
      `ADEME model ${ADEME_MODEL_VERSION}: rule "${rule}" is in "${String(record['unité'])}", expected "${unit}"`,
    )
  }
  return value
}

function ruleNote(model: Model, rule: string): string | undefined {
  const entry = model[rule]
  if (typeof entry !== 'object' || entry === null) return undefined
  const note = (entry as Record<string, unknown>)['note']
  return typeof note === 'string' ? note.trim() : undefined
}

type FactorOptions = { note?: string; isPlaceholder?: boolean }

function factor(
  id: string,
  value: number,
  unit: string,
  source: string,
  options: FactorOptions = {},
): Factor {
  const result: Factor = { id, value, unit, source }
  if (options.isPlaceholder === true) result.isPlaceholder = true
  if (options.note !== undefined) result.note = options.note
  return result
}

type AdemeUsage = 'office' | 'personal-profile' | 'printer'
type AdemeDevice = {
  category: CategoryId
  itemId: string
  rule: string
  label: string
  usage: AdemeUsage
  note?: string
}

const ADEME_DEVICES: readonly AdemeDevice[] = [
  {
    category: 'laptop',
    itemId: 'ademe-laptop',
    rule: 'acv . ordinateur portable',
    label: 'Laptop (ADEME average)',
    usage: 'office',
  },
  {
    category: 'desktop',
    itemId: 'ademe-desktop-pro',
    rule: 'acv . ordinateur fixe pro',
    label: 'Desktop computer, professional, without screen (ADEME average)',
    usage: 'office',
  },
  {
    category: 'monitor',
    itemId: 'ademe-monitor',
    rule: 'acv . écran',
    label: 'Computer monitor, 24" (ADEME average)',
    usage: 'office',
  },
  {
    category: 'smartphone',
    itemId: 'ademe-smartphone',
    rule: 'acv . smartphone',
    label: 'Smartphone (ADEME average)',
    usage: 'personal-profile',
  },
  {
    category: 'tablet',
    itemId: 'ademe-tablet',
    rule: 'acv . tablette',
    label: 'Tablet (ADEME average)',
    usage: 'personal-profile',
  },
  {
    category: 'printer',
    itemId: 'ademe-printer',
    rule: 'acv . imprimante',
    label: 'Printer (ADEME, home-printer scale)',
    usage: 'printer',
    note:
      'Home-printer scale: office laser printers and multifunction devices have no open embodied figure ' +
      '(methodology §4.1 gap); expect an underestimate for office fleets.',
  },
]

const EMBODIED_PHASES = [
  ['manufacturing', 'fabrication'],
  ['distribution', 'distribution'],
  ['end-of-life', 'fin de vie'],
] as const

function ademeEmbodied(
  model: Model,
  device: AdemeDevice,
  criterion: CriterionId,
  branch: 'carbone' | 'eau',
): EmbodiedFactors {
  const modelUnit = branch === 'carbone' ? 'gCO2e' : 'l'
  const entries = EMBODIED_PHASES.map(([phase, ademePhase]) => {
    const rule = `${device.rule} . ${branch} . ${ademePhase}`
    const raw = readRule(model, rule, modelUnit)
    const value = branch === 'carbone' ? raw / GRAMS_PER_KG : raw
    const unit = branch === 'carbone' ? 'kgCO2e' : 'L'
    const notes = [device.note, ruleNote(model, rule)].filter((text): text is string => text !== undefined)
    const options: FactorOptions = notes.length > 0 ? { note: notes.join(' ') } : {}
    return [
      phase,
      factor(`${device.itemId}/${criterion}/${phase}`, value, unit, ademeSource(rule), options),
    ] as const
  })
  return Object.fromEntries(entries) as EmbodiedFactors
}

function ademeAnnualKwh(model: Model, device: AdemeDevice): Factor {
  const powerRule = `${device.rule} . consommation en mode actif`
  const profileRule = `${device.rule} . profil utilisation théorique`
  const watts = readRule(model, powerRule, 'W')
  const id = `${device.itemId}/annual-kwh`
  switch (device.usage) {
    case 'office':
      return factor(
        id,
        (watts * OFFICE_HOURS_PER_YEAR) / WATT_HOURS_PER_KWH,
        'kWh/yr',
        ademeSource(powerRule),
        {
          note: `${watts} W × ${OFFICE_HOURS_PER_YEAR} h/yr. ${OFFICE_PROFILE_NOTE}`,
        },
      )
    case 'personal-profile': {
      const hoursPerDay = readRule(model, profileRule, 'h/jour')
      const days = readRule(model, ADEME_DAYS_PER_YEAR_RULE, 'jour/an')
      return factor(
        id,
        (watts * hoursPerDay * days) / WATT_HOURS_PER_KWH,
        'kWh/yr',
        `${ademeSource(powerRule)} × rule "${profileRule}" × rule "${ADEME_DAYS_PER_YEAR_RULE}"`,
        {
          note: `${watts} W × ${hoursPerDay} h/day × ${days} days (ADEME usage profile, kept for mobile devices).`,
        },
      )
    }
    case 'printer': {
      const hoursPerDay = readRule(model, profileRule, 'h/jour')
      return factor(
        id,
        (watts * hoursPerDay * WORKING_DAYS_PER_YEAR) / WATT_HOURS_PER_KWH,
        'kWh/yr',
        `${ademeSource(powerRule)} × rule "${profileRule}"`,
        {
          note:
            `${watts} W × ${hoursPerDay} h/day × ${WORKING_DAYS_PER_YEAR} working days ` +
            '(ADEME daily profile over office working days, engineering assumption).',
        },
      )
    }
  }
}

function ademeDeviceItem(model: Model, device: AdemeDevice): ReferenceItem {
  const lifetimeRule = `${device.rule} . durée de vie théorique`
  return {
    id: device.itemId,
    label: device.label,
    category: device.category,
    embodied: {
      'climate-change': ademeEmbodied(model, device, 'climate-change', 'carbone'),
      'water-use': ademeEmbodied(model, device, 'water-use', 'eau'),
    },
    annualKwh: ademeAnnualKwh(model, device),
    powerWatts: factor(
      `${device.itemId}/power`,
      readRule(model, `${device.rule} . consommation en mode actif`, 'W'),
      'W',
      ademeSource(`${device.rule} . consommation en mode actif`),
    ),
    lifetimeYears: factor(
      `${device.itemId}/lifetime`,
      readRule(model, lifetimeRule, 'an'),
      'years',
      ademeSource(lifetimeRule),
    ),
  }
}

/** Climate embodied factors where only a manufacturing (or whole-construction) figure exists. */
function manufacturingOnly(
  itemId: string,
  manufacturingKg: number,
  source: string,
  options: FactorOptions,
): EmbodiedFactors {
  const zeroNote = `Not covered separately: ${options.note ?? 'the source gives one figure only'}`
  const zeroOptions: FactorOptions = { note: zeroNote, isPlaceholder: options.isPlaceholder }
  return {
    manufacturing: factor(
      `${itemId}/climate-change/manufacturing`,
      manufacturingKg,
      'kgCO2e',
      source,
      options,
    ),
    distribution: factor(`${itemId}/climate-change/distribution`, 0, 'kgCO2e', source, zeroOptions),
    'end-of-life': factor(`${itemId}/climate-change/end-of-life`, 0, 'kgCO2e', source, zeroOptions),
  }
}

function alwaysOnKwh(itemId: string, watts: number, source: string, options: FactorOptions): Factor {
  return factor(`${itemId}/annual-kwh`, (watts * HOURS_PER_YEAR) / WATT_HOURS_PER_KWH, 'kWh/yr', source, {
    ...options,
    note: `${watts} W × ${HOURS_PER_YEAR} h/yr (always on). ${options.note ?? ''}`.trim(),
  })
}

type Construction = { category: CategoryId; itemId: string; prefix: string; label: string }

function ademeConstructionItem(model: Model, spec: Construction, powerKwh: Factor): ReferenceItem {
  const constructionRule = `${spec.prefix} . construction`
  const lifetimeRule = `${spec.prefix} . durée de vie`
  return {
    id: spec.itemId,
    label: spec.label,
    category: spec.category,
    embodied: {
      'climate-change': manufacturingOnly(
        spec.itemId,
        readRule(model, constructionRule, 'gCO2e') / GRAMS_PER_KG,
        ademeSource(constructionRule),
        {
          note:
            'ADEME gives one total "construction" figure: all of it is counted as manufacturing, ' +
            'distribution and end of life are 0.',
        },
      ),
    },
    annualKwh: powerKwh,
    lifetimeYears: factor(
      `${spec.itemId}/lifetime`,
      readRule(model, lifetimeRule, 'an'),
      'years',
      ademeSource(lifetimeRule),
    ),
  }
}

const GAP_NOTE =
  'No open figure exists (methodology §4.1 gaps): engineering placeholder, replace when data is available.'
const ENGINEERING = 'empreinte engineering placeholder'

function placeholderItem(
  category: CategoryId,
  label: string,
  manufacturing: { kg: number; source: string; note: string },
  annualKwh: Factor,
  lifetime: { years: number; source: string },
): ReferenceItem {
  const itemId = `placeholder-${category}`
  return {
    id: itemId,
    label,
    category,
    embodied: {
      'climate-change': manufacturingOnly(itemId, manufacturing.kg, manufacturing.source, {
        isPlaceholder: true,
        note: manufacturing.note,
      }),
    },
    annualKwh,
    lifetimeYears: factor(`${itemId}/lifetime`, lifetime.years, 'years', lifetime.source, {
      isPlaceholder: true,
      note: GAP_NOTE,
    }),
  }
}

function placeholderItems(): ReferenceItem[] {
  const placeholder = { isPlaceholder: true }
  return [
    placeholderItem(
      'thin-client',
      'Thin client (placeholder)',
      {
        kg: 45,
        source: 'Boavizta PCF dataset median, methodology §4.1',
        note: `Median manufacturing of 16 Dell Wyse product carbon footprints (ODbL). ${GAP_NOTE}`,
      },
      factor(
        'placeholder-thin-client/annual-kwh',
        41,
        'kWh/yr',
        'Boavizta PCF dataset median TEC, methodology §4.1',
        {
          isPlaceholder: true,
          note: `Typical energy consumption (ENERGY STAR TEC) median of thin-client PCFs. ${GAP_NOTE}`,
        },
      ),
      { years: 5, source: `${ENGINEERING}, methodology §4.1 (5–7 years in practice)` },
    ),
    placeholderItem(
      'desk-phone',
      'Desk / IP phone (placeholder)',
      {
        kg: 25,
        source: `${ENGINEERING}, methodology §4.1 (order of a basic mobile phone)`,
        note: GAP_NOTE,
      },
      alwaysOnKwh('placeholder-desk-phone', 3, `${ENGINEERING}, methodology §4.1 (PoE 2–5 W)`, {
        ...placeholder,
        note: GAP_NOTE,
      }),
      { years: 8, source: 'G4IT ref_device_type.csv "landline-phone-1" (Apache-2.0), methodology §4.2' },
    ),
    placeholderItem(
      'wifi-access-point',
      'Wi-Fi access point (placeholder)',
      {
        kg: 20,
        source: `${ENGINEERING}, methodology §4.1 (no open PCF for enterprise access points)`,
        note: GAP_NOTE,
      },
      alwaysOnKwh('placeholder-wifi-access-point', 12, `${ENGINEERING}, methodology §4.1 (PoE 10–15 W)`, {
        ...placeholder,
        note: GAP_NOTE,
      }),
      { years: 5, source: `${ENGINEERING}, methodology §4.1 (4–5 years)` },
    ),
    placeholderItem(
      'storage',
      'Storage array (placeholder)',
      {
        kg: 461,
        source: 'Boavizta factors (HDD 31.1 kgCO2e), methodology §3.9',
        note: `10 HDD × 31.1 kgCO2e + 150 kgCO2e chassis = 461 kgCO2e. ${GAP_NOTE}`,
      },
      alwaysOnKwh('placeholder-storage', 300, `${ENGINEERING}, methodology §3.9`, {
        ...placeholder,
        note: GAP_NOTE,
      }),
      { years: 5, source: `${ENGINEERING}, methodology §4.1` },
    ),
    placeholderItem(
      'virtual-machine',
      'Virtual machine (no embodied impact of its own)',
      {
        kg: 0,
        source: `${ENGINEERING}, methodology §3.2`,
        note: 'A virtual machine has no embodied impact of its own: it is allocated from its host (issue: measure).',
      },
      factor('placeholder-virtual-machine/annual-kwh', 0, 'kWh/yr', `${ENGINEERING}, methodology §3.2`, {
        isPlaceholder: true,
        note: 'Electricity is counted on the host server (issue: measure).',
      }),
      { years: 1, source: `${ENGINEERING}, methodology §3.2 (annual allocation)` },
    ),
  ]
}

/** "other": the desktop item's values, flagged as a category fallback placeholder. */
function otherItem(desktop: ReferenceItem): ReferenceItem {
  const note = `Category fallback: values of "${desktop.id}" for equipment of unknown kind. ${GAP_NOTE}`
  const copy = (original: Factor, id: string): Factor =>
    factor(id, original.value, original.unit, original.source, { isPlaceholder: true, note })
  const embodied: Partial<Record<CriterionId, EmbodiedFactors>> = {}
  for (const [criterion, factors] of Object.entries(desktop.embodied) as [CriterionId, EmbodiedFactors][]) {
    embodied[criterion] = {
      manufacturing: copy(factors.manufacturing, `placeholder-other/${criterion}/manufacturing`),
      distribution: copy(factors.distribution, `placeholder-other/${criterion}/distribution`),
      'end-of-life': copy(factors['end-of-life'], `placeholder-other/${criterion}/end-of-life`),
    }
  }
  return {
    id: 'placeholder-other',
    label: 'Other equipment (desktop values as placeholder)',
    category: 'other',
    embodied,
    annualKwh: copy(desktop.annualKwh, 'placeholder-other/annual-kwh'),
    lifetimeYears: copy(desktop.lifetimeYears, 'placeholder-other/lifetime'),
  }
}

/** The other criteria of a country's mix from Base IMPACTS (via NumEcoEval / G4IT), climate change left out. */
function baseImpactsFactors(country: string, isClimateIncluded: boolean): ElectricityMix['factors'] {
  const values = BASE_IMPACTS_ELECTRICITY[country]
  const factors: ElectricityMix['factors'] = {}
  if (values === undefined) return factors
  BASE_IMPACTS_CRITERIA.forEach((criterion, index) => {
    if (criterion === 'climate-change' && !isClimateIncluded) return
    factors[criterion] = factor(
      `electricity/${country}/${criterion}`,
      values[index]!,
      `${CRITERIA[criterion].unit}/kWh`,
      BASE_IMPACTS_SOURCE,
      {
        note:
          criterion === 'climate-change'
            ? 'No ADEME or Our World in Data figure for this country: Base IMPACTS 2.01 (reference year about 2011).'
            : 'Base IMPACTS 2.01 (reference year about 2011), as published by NumEcoEval / G4IT.',
      },
    )
  })
  return factors
}

function electricityMixes(model: Model): Map<string, ElectricityMix> {
  const mixes = new Map<string, ElectricityMix>()
  // Every Base IMPACTS country first (all 11 criteria), then the better climate figures replace theirs.
  for (const country of Object.keys(BASE_IMPACTS_ELECTRICITY)) {
    mixes.set(country, { country, factors: baseImpactsFactors(country, true) })
  }
  mixes.set('FR', {
    country: 'FR',
    factors: {
      ...baseImpactsFactors('FR', false),
      'climate-change': factor(
        'electricity/FR/climate-change',
        readRule(model, ADEME_FRENCH_MIX_RULE, 'kgCO2e/kWh'),
        'kgCO2e/kWh',
        ademeSource(ADEME_FRENCH_MIX_RULE),
        {
          note:
            'ADEME Base Empreinte "Electricité/2024 - mix moyen/consommation": French consumption mix, ' +
            'smoothed over 2021–2024.',
        },
      ),
    },
  })
  for (const [country, kgPerKwh] of Object.entries(OWID_EMBER_KG_CO2E_PER_KWH_2024)) {
    const isWorld = country === WORLD_ELECTRICITY_KEY
    mixes.set(country, {
      country,
      factors: {
        ...baseImpactsFactors(country, false),
        'climate-change': factor(
          `electricity/${country}/climate-change`,
          kgPerKwh,
          'kgCO2e/kWh',
          OWID_EMBER_SOURCE,
          {
            note: isWorld
              ? 'World average generation intensity, used for countries without a mix of their own.'
              : 'Production-based (generation) carbon intensity.',
          },
        ),
      },
    })
  }
  return mixes
}

/** Our World in Data / Ember climate factors per country and year (France keeps ADEME's smoothed figure). */
function climateElectricityByYear(): Map<string, Map<number, Factor>> {
  const byCountry = new Map<string, Map<number, Factor>>()
  for (const [country, years] of Object.entries(OWID_EMBER_KG_CO2E_PER_KWH_BY_YEAR)) {
    const byYear = new Map<number, Factor>()
    for (const [year, kgPerKwh] of Object.entries(years)) {
      byYear.set(
        Number(year),
        factor(
          `electricity/${country}/climate-change/${year}`,
          kgPerKwh,
          'kgCO2e/kWh',
          OWID_EMBER_YEARLY_SOURCE,
          {
            note: `Production-based (generation) carbon intensity of ${year}.`,
          },
        ),
      )
    }
    byCountry.set(country, byYear)
  }
  return byCountry
}

function hypotheses(): Hypotheses {
  return {
    defaultPue: factor('hypothesis/default-pue', 1.75, 'ratio', `${NUMECOEVAL_HYPOTHESES}, "PUEParDefaut"`, {
      note: 'Used for equipment hosted in a datacenter whose PUE is unknown.',
    }),
    defaultLifetimeYears: factor(
      'hypothesis/default-lifetime',
      2,
      'years',
      `${NUMECOEVAL_HYPOTHESES}, "dureeVieParDefaut"`,
    ),
    minimumLifetimeYears: factor(
      'hypothesis/minimum-lifetime',
      1,
      'years',
      'G4IT documentation, environmental footprint assessment methodology (Apache-2.0): ' +
        '"when lifespan is less than 1 year, the system brings it to 1"',
    ),
    companyUtilisationRate: factor(
      'hypothesis/company-utilisation-rate',
      0.8,
      'ratio',
      `${NUMECOEVAL_HYPOTHESES}, "taux_utilisation_COPE"`,
      { note: 'Company-owned, personally enabled equipment (COPE).' },
    ),
    personalUtilisationRate: factor(
      'hypothesis/personal-utilisation-rate',
      0.57,
      'ratio',
      `${NUMECOEVAL_HYPOTHESES}, "taux_utilisation_BYOD"`,
      { note: 'Personal equipment used for work (BYOD).' },
    ),
    defaultCountry: 'FR',
  }
}

/** Builds the default referential v1 from the parsed ADEME publicodes-acv-numerique model (pure). */
export function buildDefaultReferential(ademeModel: Readonly<Record<string, unknown>>): Referential {
  const ademeItems = ADEME_DEVICES.map((device) => ademeDeviceItem(ademeModel, device))
  const desktop = ademeItems.find((item) => item.category === 'desktop')
  if (desktop === undefined) throw new Error('Default referential: the desktop item is missing')
  const serverKwh = readRule(ademeModel, 'serveur . puissance en mode actif', 'W')
  const items: ReferenceItem[] = [
    ...ademeItems,
    ademeConstructionItem(
      ademeModel,
      { category: 'server', itemId: 'ademe-server', prefix: 'serveur', label: 'Rack server (ADEME average)' },
      factor(
        'ademe-server/annual-kwh',
        (serverKwh * HOURS_PER_YEAR) / WATT_HOURS_PER_KWH,
        'kWh/yr',
        ademeSource('serveur . puissance en mode actif'),
        { note: `${serverKwh} W × ${HOURS_PER_YEAR} h/yr (always on).` },
      ),
    ),
    ademeConstructionItem(
      ademeModel,
      {
        category: 'network-switch',
        itemId: 'ademe-network-switch',
        prefix: 'switch',
        label: 'Network switch (ADEME, datacenter)',
      },
      alwaysOnKwh(
        'ademe-network-switch',
        150,
        `${ENGINEERING}, methodology §4.1 (48-port switch 40–100 W + PoE load)`,
        {
          isPlaceholder: true,
          note: 'ADEME gives no power for switches.',
        },
      ),
    ),
    ademeConstructionItem(
      ademeModel,
      { category: 'router', itemId: 'ademe-router', prefix: 'routeur', label: 'Router (ADEME)' },
      alwaysOnKwh('ademe-router', 20, `${ENGINEERING}, methodology §4.1`, {
        isPlaceholder: true,
        note: 'ADEME gives no power for routers.',
      }),
    ),
    ...placeholderItems(),
    otherItem(desktop),
  ]
  const defaultItemByCategory = {} as Record<CategoryId, string>
  for (const item of items) defaultItemByCategory[item.category] = item.id
  const missing = CATEGORY_IDS.filter((category) => defaultItemByCategory[category] === undefined)
  if (missing.length > 0) throw new Error(`Default referential: no default item for ${missing.join(', ')}`)
  return {
    id: DEFAULT_REFERENTIAL_ID,
    version: DEFAULT_REFERENTIAL_VERSION,
    description:
      `Default referential v${DEFAULT_REFERENTIAL_VERSION}: device factors and French electricity mix from ` +
      `ADEME publicodes-acv-numerique ${ADEME_MODEL_VERSION} (MIT), other countries from ${OWID_EMBER_YEARLY_SOURCE}, ` +
      `other criteria of the electricity mixes from ${BASE_IMPACTS_SOURCE}, ` +
      'hypotheses from NumEcoEval / G4IT (Apache-2.0), flagged placeholders where no open figure exists.',
    items: new Map(items.map((item) => [item.id, item])),
    defaultItemByCategory,
    matching: new Map(),
    electricity: electricityMixes(ademeModel),
    climateElectricityByYear: climateElectricityByYear(),
    hypotheses: hypotheses(),
  }
}
