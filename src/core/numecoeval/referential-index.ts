/**
 * Lookups over a NumEcoEval referential as the engine needs them. Criteria may be written as codes
 * (`CLIMATE_CHANGE`) or labels (`Climate change`), lifecycle steps as G4IT codes (`MANUFACTURING`) or NumEcoEval
 * codes (`FABRICATION`): both are folded to one key. Rows of a subscriber (an organisation's own referential)
 * take precedence over the global rows (empty subscriber), as G4IT does; other subscribers' rows are ignored.
 */
import type {
  NeCriterion,
  NeHypothesis,
  NeItemImpact,
  NeItemType,
  NeReferential,
  NeSustainablePackage,
} from './referential-tables.js'

/** NumEcoEval lifecycle step codes (used in the indicator exports) and their G4IT referential codes. */
export const STEP_G4IT_CODES = {
  FABRICATION: 'MANUFACTURING',
  DISTRIBUTION: 'TRANSPORTATION',
  UTILISATION: 'USING',
  FIN_DE_VIE: 'END_OF_LIFE',
} as const
export type NeStep = keyof typeof STEP_G4IT_CODES
export const NE_STEPS = Object.keys(STEP_G4IT_CODES) as NeStep[]

/** `MANUFACTURING` or `FABRICATION` → `FABRICATION`; null when the code is neither. */
export function toNumEcoEvalStep(code: string): NeStep | null {
  const upper = code.trim().toUpperCase()
  for (const step of NE_STEPS) if (step === upper || STEP_G4IT_CODES[step] === upper) return step
  return null
}

export const ELECTRICITY_MIX_CATEGORY = 'electricity-mix'

export type NeReferentialIndex = {
  criteria: NeCriterion[]
  /** Criterion code or label (folded) → criterion; a criterion missing from the criteria table keeps its text. */
  criterionOf(text: string): NeCriterion
  itemImpact(item: string, criterion: string, step: NeStep): NeItemImpact | undefined
  /** Average annual electricity of an item, kWh/yr: its USING row for the criterion first, then any of its rows. */
  itemElectricity(item: string, criterion: string): NeItemImpact | undefined
  electricityMix(criterion: string, location: string): NeItemImpact | undefined
  itemType(type: string): NeItemType | undefined
  matchingItem(model: string): string | undefined
  hypothesis(code: string): NeHypothesis | undefined
  sustainablePackage(criterion: NeCriterion): NeSustainablePackage | undefined
  lifecycleSteps: NeStep[]
}

const fold = (text: string): string => text.trim().toLowerCase()

export function indexReferential(referential: NeReferential, subscriber = ''): NeReferentialIndex {
  const criteriaByKey = new Map<string, NeCriterion>()
  for (const criterion of referential.criteria) {
    criteriaByKey.set(fold(criterion.code), criterion)
    criteriaByKey.set(fold(criterion.label), criterion)
  }
  const criterionOf = (text: string): NeCriterion =>
    criteriaByKey.get(fold(text)) ?? { code: text.trim(), label: text.trim(), description: '', unit: '' }
  const isVisible = (rowSubscriber: string): boolean => rowSubscriber === '' || rowSubscriber === subscriber
  /** Puts a row unless a subscriber's row already holds the key. */
  const put = <T extends { subscriber: string }>(map: Map<string, T>, key: string, row: T): void => {
    if (!isVisible(row.subscriber)) return
    const existing = map.get(key)
    if (existing && existing.subscriber !== '' && row.subscriber === '') return
    map.set(key, row)
  }
  const impacts = new Map<string, NeItemImpact>()
  const electricity = new Map<string, NeItemImpact>()
  const mixes = new Map<string, NeItemImpact>()
  for (const row of referential.itemImpacts) {
    const criterion = criterionOf(row.criterion).code
    if (row.category === ELECTRICITY_MIX_CATEGORY) {
      // The step of a mix row is a placeholder (G4IT tags them MANUFACTURING): it is not a key.
      put(mixes, `${criterion}\u0000${fold(row.location)}`, row)
      continue
    }
    const step = toNumEcoEvalStep(row.lifecycleStep)
    if (step !== null) put(impacts, `${row.name}\u0000${criterion}\u0000${step}`, row)
    if (row.avgElectricityConsumptionKwhPerYear !== null) {
      if (step === 'UTILISATION') put(electricity, `${row.name}\u0000${criterion}`, row)
      if (!electricity.has(`${row.name}\u0000*`)) put(electricity, `${row.name}\u0000*`, row)
    }
  }
  const types = new Map<string, NeItemType>()
  for (const row of referential.itemTypes) put(types, fold(row.type), row)
  const matching = new Map<string, { subscriber: string; target: string }>()
  for (const row of referential.matchingItems) {
    put(matching, row.itemSource, { subscriber: row.subscriber, target: row.refItemTarget })
  }
  const hypotheses = new Map<string, NeHypothesis>()
  for (const row of referential.hypotheses) put(hypotheses, row.code, row)
  const packages = new Map<string, NeSustainablePackage>()
  for (const row of referential.sustainablePackages) packages.set(fold(row.criterionLabel), row)
  const steps = referential.lifecycleSteps
    .map((row) => toNumEcoEvalStep(row.code))
    .filter((step): step is NeStep => step !== null)
  return {
    criteria: referential.criteria,
    criterionOf,
    itemImpact: (item, criterion, step) => impacts.get(`${item}\u0000${criterionOf(criterion).code}\u0000${step}`),
    itemElectricity: (item, criterion) =>
      electricity.get(`${item}\u0000${criterionOf(criterion).code}`) ?? electricity.get(`${item}\u0000*`),
    electricityMix: (criterion, location) => mixes.get(`${criterionOf(criterion).code}\u0000${fold(location)}`),
    itemType: (type) => types.get(fold(type)),
    matchingItem: (model) => matching.get(model)?.target,
    hypothesis: (code) => hypotheses.get(code),
    sustainablePackage: (criterion) =>
      packages.get(fold(criterion.label)) ?? packages.get(fold(criterion.code)),
    lifecycleSteps: NE_STEPS.filter((step) => steps.includes(step)),
  }
}
