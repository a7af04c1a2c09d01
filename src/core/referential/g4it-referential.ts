/**
 * Adapter between the NumEcoEval / G4IT referential tables (core/numecoeval/referential-tables.ts) and
 * empreinte's referential model (referential.ts), both ways. Pure. See docs/referentials.md.
 *
 * Tables → model (`referentialFromG4itTables`):
 *   - every item named by a global item-impact row (empty subscriber; a subscriber's rows are left out) becomes
 *     a reference item; its MANUFACTURING / TRANSPORTATION / END_OF_LIFE rows are its embodied factors per
 *     criterion (a missing step counts 0, said in the factor's note); its USING rows are not factors (empreinte
 *     computes the use phase from kWh × mix × PUE, as NumEcoEval does) but carry `avg_electricity_consumption`;
 *   - item types give categories (type name → empreinte category), each category's default item
 *     (`ref_default_item`) and lifetime (`default_lifespan`); other items take hypothesis `dureeVieParDefaut`;
 *   - `ref_matching_item` maps model texts to items; every item name also matches itself;
 *   - rows of category `electricity-mix` are the mixes, keyed by the ISO code ending their name
 *     (`Electricity Mix FR`), else by their location text;
 *   - hypotheses `PUEParDefaut`, `dureeVieParDefaut`, `taux_utilisation_COPE`, `taux_utilisation_BYOD`.
 * What the tables lack comes from `fallback` (the default referential), named in `description` and in every
 * such factor's own source: categories without an item type, the world electricity mix, the minimum lifetime
 * and the default country.
 */
import { CATEGORY_IDS, type CategoryId } from '../inventory/categories.js'
import { ELECTRICITY_MIX_CATEGORY, indexReferential, toNumEcoEvalStep } from '../numecoeval/referential-index.js'
import {
  emptyReferential,
  type NeItemImpact,
  type NeReferential,
} from '../numecoeval/referential-tables.js'
import { WORLD_ELECTRICITY_KEY } from './electricity-owid-ember.js'
import { normaliseModelKey } from './normalise-model-key.js'
import { personPackageOf } from './person-equivalents.js'
import {
  CRITERIA,
  type CriterionId,
  type ElectricityMix,
  type EmbodiedFactors,
  type Factor,
  type ReferenceItem,
  type Referential,
} from './referential.js'

/** G4IT criterion codes and empreinte criterion ids. */
export const G4IT_CRITERION_CODES: Readonly<Record<string, CriterionId>> = {
  CLIMATE_CHANGE: 'climate-change',
  PARTICULATE_MATTER: 'particulate-matter',
  IONISING_RADIATION: 'ionising-radiation',
  ACIDIFICATION: 'acidification',
  RESOURCE_USE: 'resource-use-minerals-metals',
  OZONE_DEPLETION: 'ozone-depletion',
  PHOTOCHEMICAL_OZONE_FORMATION: 'photochemical-ozone-formation',
  EUTROPHICATION_FRESHWATER: 'eutrophication-freshwater',
  EUTROPHICATION_MARINE: 'eutrophication-marine',
  EUTROPHICATION_TERRESTRIAL: 'eutrophication-terrestrial',
  RESOURCE_USE_FOSSILS: 'resource-use-fossils',
  WATER_USE: 'water-use',
  PRIMARY_ENERGY: 'primary-energy',
}

/** Item type names (G4IT / NumEcoEval, English or French) → empreinte category; first match wins. */
const TYPE_CATEGORIES: readonly [RegExp, CategoryId][] = [
  [/thin[- ]?client|client l[eé]ger/i, 'thin-client'],
  [/laptop|portable|notebook/i, 'laptop'],
  [/desktop|ordinateur fixe|\bpc\b|unit[eé] centrale/i, 'desktop'],
  [/monitor|screen|[eé]cran/i, 'monitor'],
  [/smartphone|mobile phone|t[eé]l[eé]phone mobile/i, 'smartphone'],
  [/tablet|tablette/i, 'tablet'],
  [/landline|desk[- ]?phone|t[eé]l[eé]phone fixe|ip phone/i, 'desk-phone'],
  [/printer|imprimante|copieur|multifonction/i, 'printer'],
  [/switch|commutateur/i, 'network-switch'],
  [/router|routeur/i, 'router'],
  [/wi-?fi|access point|borne/i, 'wifi-access-point'],
  [/storage|stockage|baie|san\b|nas\b/i, 'storage'],
  [/server|serveur/i, 'server'],
]

/** The empreinte category of a G4IT item type or item name, or null when none fits. */
export function categoryOfG4itType(text: string): CategoryId | null {
  for (const [pattern, category] of TYPE_CATEGORIES) if (pattern.test(text)) return category
  return null
}

const EMBODIED_STEPS = { FABRICATION: 'manufacturing', DISTRIBUTION: 'distribution', FIN_DE_VIE: 'end-of-life' } as const

const numberOf = (text: string | undefined): number | null => {
  if (text === undefined) return null
  const value = Number(text.trim().replace(',', '.'))
  return Number.isFinite(value) ? value : null
}

/** Turns G4IT tables into an empreinte referential `id@version`, completing what they lack from `fallback`. */
export function referentialFromG4itTables(
  tables: NeReferential,
  identity: { id: string; version: string },
  fallback: Referential,
): Referential {
  const label = `${identity.id}@${identity.version}`
  const index = indexReferential(tables)
  const criterionOf = (text: string): CriterionId | undefined => {
    const criterion = index.criterionOf(text)
    const byCode = G4IT_CRITERION_CODES[criterion.code.toUpperCase()]
    if (byCode) return byCode
    const folded = criterion.label.trim().toLowerCase()
    return (Object.keys(CRITERIA) as CriterionId[]).find((id) => CRITERIA[id].label.toLowerCase() === folded)
  }
  const sourceOf = (row: { source: string; origin?: { file: string; line: number } }): string =>
    `${label}: ${row.source === '' ? 'no source given' : row.source}` +
    (row.origin ? ` (${row.origin.file}:${row.origin.line})` : '')
  const global = <T extends { subscriber: string }>(rows: readonly T[]): T[] => rows.filter((row) => row.subscriber === '')

  // Items: embodied factors per criterion and step, annual electricity.
  type Draft = { factors: Map<CriterionId, Partial<Record<keyof EmbodiedFactors, Factor>>>; kwh: NeItemImpact | null }
  const drafts = new Map<string, Draft>()
  const mixes = new Map<string, ElectricityMix>()
  for (const row of global(tables.itemImpacts)) {
    const criterion = criterionOf(row.criterion)
    if (row.category === ELECTRICITY_MIX_CATEGORY) {
      if (criterion === undefined) continue
      const code = /Electricity Mix ([A-Z]{2,})$/i.exec(row.name)?.[1]?.toUpperCase() ?? row.location.trim()
      const mix = mixes.get(code) ?? { country: code, factors: {} }
      mix.factors[criterion] = {
        id: `${label}/${row.name}/${row.criterion}`,
        value: row.value,
        unit: `${row.unit === '' ? CRITERIA[criterion].unit : row.unit}/kWh`,
        source: sourceOf(row),
      }
      mixes.set(code, mix)
      continue
    }
    const draft = drafts.get(row.name) ?? { factors: new Map(), kwh: null }
    drafts.set(row.name, draft)
    if (row.avgElectricityConsumptionKwhPerYear !== null && draft.kwh === null) draft.kwh = row
    const step = toNumEcoEvalStep(row.lifecycleStep)
    if (criterion === undefined || step === null || step === 'UTILISATION') continue
    const phase = EMBODIED_STEPS[step]
    const phases = draft.factors.get(criterion) ?? {}
    phases[phase] = {
      id: `${label}/${row.name}/${row.criterion}/${row.lifecycleStep}`,
      value: row.value,
      unit: `${CRITERIA[criterion].unit}/unit`,
      source: sourceOf(row),
    }
    draft.factors.set(criterion, phases)
  }

  // Item types: category, default item and lifetime.
  const hypothesis = (code: string): { value: number; factor: Factor } | null => {
    const row = index.hypothesis(code)
    const value = numberOf(row?.value)
    if (row === undefined || value === null) return null
    return { value, factor: { id: `${label}/hypothesis/${code}`, value, unit: '', source: sourceOf(row) } }
  }
  const pue = hypothesis('PUEParDefaut')
  const lifetime = hypothesis('dureeVieParDefaut')
  const company = hypothesis('taux_utilisation_COPE')
  const personal = hypothesis('taux_utilisation_BYOD')
  const defaultLifetime: Factor = lifetime
    ? { ...lifetime.factor, unit: 'years' }
    : { ...fallback.hypotheses.defaultLifetimeYears, note: `not in ${label}: from ${fallback.id}@${fallback.version}` }
  const typeOfItem = new Map<string, { category: CategoryId | null; lifetime: Factor | null }>()
  const defaultItemOf = new Map<CategoryId, string>()
  for (const type of global(tables.itemTypes)) {
    const category = categoryOfG4itType(type.type)
    const itemLifetime: Factor | null =
      type.defaultLifespanYears === null
        ? null
        : {
            id: `${label}/itemType/${type.type}/default_lifespan`,
            value: type.defaultLifespanYears,
            unit: 'years',
            source: sourceOf(type),
          }
    if (type.refDefaultItem !== null && drafts.has(type.refDefaultItem)) {
      typeOfItem.set(type.refDefaultItem, { category, lifetime: itemLifetime })
      if (category !== null && !defaultItemOf.has(category)) defaultItemOf.set(category, type.refDefaultItem)
    }
  }

  const items = new Map<string, ReferenceItem>()
  const zero = (item: string, criterion: CriterionId, phase: string): Factor => ({
    id: `${label}/${item}/${criterion}/${phase}`,
    value: 0,
    unit: `${CRITERIA[criterion].unit}/unit`,
    source: label,
    note: `no ${phase} row for this item and criterion in ${label}: counted 0`,
  })
  for (const [name, draft] of drafts) {
    const embodied: Partial<Record<CriterionId, EmbodiedFactors>> = {}
    for (const [criterion, phases] of draft.factors) {
      embodied[criterion] = {
        manufacturing: phases.manufacturing ?? zero(name, criterion, 'manufacturing'),
        distribution: phases.distribution ?? zero(name, criterion, 'distribution'),
        'end-of-life': phases['end-of-life'] ?? zero(name, criterion, 'end-of-life'),
      }
    }
    const type = typeOfItem.get(name)
    const kwh = draft.kwh
    items.set(name, {
      id: name,
      label: kwh?.description || name,
      category: type?.category ?? categoryOfG4itType(name) ?? 'other',
      embodied,
      annualKwh: kwh
        ? {
            id: `${label}/${name}/avg_electricity_consumption`,
            value: kwh.avgElectricityConsumptionKwhPerYear ?? 0,
            unit: 'kWh/yr',
            source: sourceOf(kwh),
          }
        : {
            id: `${label}/${name}/avg_electricity_consumption`,
            value: 0,
            unit: 'kWh/yr',
            source: label,
            isPlaceholder: true,
            note: `no avg_electricity_consumption for this item in ${label}: give the annual kWh in the inventory`,
          },
      lifetimeYears: type?.lifetime ?? defaultLifetime,
    })
  }

  // Categories the tables do not cover keep the fallback's default item (its factors keep their own source).
  const defaultItemByCategory = {} as Record<CategoryId, string>
  const fromFallback: CategoryId[] = []
  for (const category of CATEGORY_IDS) {
    const own = defaultItemOf.get(category)
    if (own !== undefined) {
      defaultItemByCategory[category] = own
      continue
    }
    const fallbackId = fallback.defaultItemByCategory[category]
    const fallbackItem = fallback.items.get(fallbackId)
    if (fallbackItem === undefined) continue
    fromFallback.push(category)
    const id = items.has(fallbackId) ? `${fallback.id}/${fallbackId}` : fallbackId
    items.set(id, { ...fallbackItem, id })
    defaultItemByCategory[category] = id
  }

  const matching = new Map<string, string>()
  for (const row of global(tables.matchingItems)) {
    if (items.has(row.refItemTarget)) matching.set(normaliseModelKey(null, row.itemSource), row.refItemTarget)
  }
  for (const name of drafts.keys()) {
    const key = normaliseModelKey(null, name)
    if (!matching.has(key)) matching.set(key, name)
  }

  const notes: string[] = []
  const world = fallback.electricity.get(WORLD_ELECTRICITY_KEY)
  if (!mixes.has(WORLD_ELECTRICITY_KEY) && world !== undefined) {
    mixes.set(WORLD_ELECTRICITY_KEY, world)
    notes.push(`world electricity mix from ${fallback.id}@${fallback.version}`)
  }
  if (fromFallback.length > 0)
    notes.push(`categories without an item type (${fromFallback.join(', ')}) from ${fallback.id}@${fallback.version}`)
  const fallbackNote = (factor: Factor, code: string): Factor => ({
    ...factor,
    note: `no hypothesis ${code} in ${label}: from ${fallback.id}@${fallback.version}`,
  })
  return {
    id: identity.id,
    version: identity.version,
    description:
      `NumEcoEval / G4IT referential ${label}: ${drafts.size} items, ${mixes.size} electricity mixes` +
      (notes.length > 0 ? `; ${notes.join('; ')}` : ''),
    items,
    defaultItemByCategory,
    matching,
    electricity: mixes,
    hypotheses: {
      defaultPue: pue ? { ...pue.factor, unit: 'ratio' } : fallbackNote(fallback.hypotheses.defaultPue, 'PUEParDefaut'),
      defaultLifetimeYears: lifetime
        ? defaultLifetime
        : fallbackNote(fallback.hypotheses.defaultLifetimeYears, 'dureeVieParDefaut'),
      minimumLifetimeYears: fallback.hypotheses.minimumLifetimeYears,
      companyUtilisationRate: company
        ? { ...company.factor, unit: 'ratio' }
        : fallbackNote(fallback.hypotheses.companyUtilisationRate, 'taux_utilisation_COPE'),
      personalUtilisationRate: personal
        ? { ...personal.factor, unit: 'ratio' }
        : fallbackNote(fallback.hypotheses.personalUtilisationRate, 'taux_utilisation_BYOD'),
      defaultCountry: fallback.hypotheses.defaultCountry,
    },
  }
}

const CODE_OF_CRITERION = new Map<CriterionId, string>(
  Object.entries(G4IT_CRITERION_CODES).map(([code, id]) => [id, code]),
)
const STEP_CODES = { manufacturing: 'MANUFACTURING', distribution: 'TRANSPORTATION', 'end-of-life': 'END_OF_LIFE' } as const

/**
 * An empreinte referential as G4IT tables (to export the built-in default): one item type per category (its
 * default item and lifetime), the embodied rows of every item with its annual kWh, the mixes of the referential
 * (the yearly climate factors are those of `electricity`, the year the referential was selected for), the
 * hypotheses, the model matching and the people-equivalent packages.
 */
export function referentialToG4itTables(referential: Referential): NeReferential {
  const tables = emptyReferential()
  const criteria = new Set<CriterionId>()
  for (const item of referential.items.values())
    for (const criterion of Object.keys(item.embodied) as CriterionId[]) criteria.add(criterion)
  for (const mix of referential.electricity.values())
    for (const criterion of Object.keys(mix.factors) as CriterionId[]) criteria.add(criterion)
  const ordered = (Object.keys(CRITERIA) as CriterionId[]).filter((id) => criteria.has(id))
  for (const id of ordered) {
    tables.criteria.push({ code: CODE_OF_CRITERION.get(id) ?? id, label: CRITERIA[id].label, description: '', unit: CRITERIA[id].unit })
  }
  for (const [code, stepLabel] of [
    ['MANUFACTURING', 'Manufacturing'],
    ['TRANSPORTATION', 'Transportation'],
    ['USING', 'Using'],
    ['END_OF_LIFE', 'End of life'],
  ] as const) {
    tables.lifecycleSteps.push({ code, label: stepLabel })
  }
  const version = `${referential.id}@${referential.version}`
  for (const category of CATEGORY_IDS) {
    const itemId = referential.defaultItemByCategory[category]
    const item = itemId === undefined ? undefined : referential.items.get(itemId)
    if (item === undefined) continue
    tables.itemTypes.push({
      type: category,
      category: 'EquipementPhysique',
      comment: item.label,
      defaultLifespanYears: item.lifetimeYears.value,
      isServer: category === 'server' || category === 'storage',
      source: item.lifetimeYears.source,
      refDefaultItem: item.id,
      subscriber: '',
      version,
    })
  }
  for (const item of referential.items.values()) {
    for (const criterion of ordered) {
      const factors = item.embodied[criterion]
      if (factors === undefined) continue
      for (const phase of ['manufacturing', 'distribution', 'end-of-life'] as const) {
        const factor = factors[phase]
        tables.itemImpacts.push({
          criterion: CODE_OF_CRITERION.get(criterion) ?? criterion,
          lifecycleStep: STEP_CODES[phase],
          name: item.id,
          category: item.category,
          avgElectricityConsumptionKwhPerYear: item.annualKwh.value,
          description: item.label,
          location: '',
          level: '',
          source: factor.source,
          tier: '',
          unit: CRITERIA[criterion].unit,
          value: factor.value,
          subscriber: '',
          version,
        })
      }
    }
  }
  for (const mix of referential.electricity.values()) {
    for (const criterion of ordered) {
      const factor = mix.factors[criterion]
      if (factor === undefined) continue
      tables.itemImpacts.push({
        criterion: CODE_OF_CRITERION.get(criterion) ?? criterion,
        lifecycleStep: 'MANUFACTURING',
        name: `Electricity Mix ${mix.country}`,
        category: ELECTRICITY_MIX_CATEGORY,
        avgElectricityConsumptionKwhPerYear: null,
        description: '',
        location: mix.country,
        level: '0-Base data',
        source: factor.source,
        tier: '',
        unit: '',
        value: factor.value,
        subscriber: '',
        version,
      })
    }
  }
  const { hypotheses } = referential
  for (const [code, factor] of [
    ['PUEParDefaut', hypotheses.defaultPue],
    ['dureeVieParDefaut', hypotheses.defaultLifetimeYears],
    ['taux_utilisation_COPE', hypotheses.companyUtilisationRate],
    ['taux_utilisation_BYOD', hypotheses.personalUtilisationRate],
  ] as const) {
    tables.hypotheses.push({ code, value: String(factor.value), source: factor.source, description: factor.note ?? '', subscriber: '', version })
  }
  for (const [source, target] of referential.matching) tables.matchingItems.push({ itemSource: source, refItemTarget: target, subscriber: '' })
  for (const id of ordered) {
    const factor = personPackageOf(id)
    if (factor !== undefined)
      tables.sustainablePackages.push({ criterionLabel: CRITERIA[id].label, planetaryBoundary: null, source: factor.source, value: factor.value })
  }
  return tables
}
