/**
 * NumEcoEval physical-equipment indicators, one per equipment × criterion × lifecycle step, with the engine's
 * semantics as the G4IT conformance fixtures show them (docs/methodology/numecoeval.md lists each rule with its
 * evidence):
 *   embodied steps (FABRICATION, DISTRIBUTION, FIN_DE_VIE): impact = (quantity × factor × utilisationRate) / lifetime
 *   UTILISATION:  impact = quantity × annualKwh × (mix × PUE) × utilisationRate      (PUE for servers in a datacenter)
 * lifetime = whole days from purchase to retirement (or the calculation date) / 365, else the item type's
 * default lifespan, else the hypothesis dureeVieParDefaut. The impact is a line total (quantity included) per
 * year. Errors are data: status ERREUR with NumEcoEval's cause. Pure, IEEE-754 doubles, no rounding.
 */
import { daysBetween, type NeDatacenter, type NePhysicalEquipment } from './inputs.js'
import { formatJavaDouble as j } from './java-double.js'
import type { NeReferentialIndex, NeStep } from './referential-index.js'
import type { NeCriterion, NeItemImpact, NeItemType } from './referential-tables.js'

/** Where G4IT 3.x (NumEcoEval 2.x) and the 2023 engine (1.x) differ; see docs/methodology/numecoeval.md. */
export type NeProfile = {
  id: 'g4it-3' | 'numecoeval-1'
  /** A lifetime under one year is brought to 1 (G4IT 3.x documentation) or used as is (1.x rows). */
  clampLifetimeBelowOneYear: boolean
  /** A retirement date after the calculation date is replaced by the calculation date (seen in 1.x rows). */
  capRetirementAtCalculationDate: boolean
  /** Whose electricity: the datacenter's country for every hosted equipment (3.x) or for servers only (1.x). */
  mixLocation: 'datacenter-for-every-equipment' | 'datacenter-for-servers'
}

export const G4IT_3_PROFILE: NeProfile = {
  id: 'g4it-3',
  clampLifetimeBelowOneYear: true,
  capRetirementAtCalculationDate: false,
  mixLocation: 'datacenter-for-every-equipment',
}

export const NUMECOEVAL_1_PROFILE: NeProfile = {
  id: 'numecoeval-1',
  clampLifetimeBelowOneYear: false,
  capRetirementAtCalculationDate: true,
  mixLocation: 'datacenter-for-servers',
}

export type NeEvaluationOptions = {
  /** The engine's "today" (ISO date): end of the lifetime of equipment without a retirement date. */
  calculationDate: string
  /** Criterion codes or labels; default: every criterion of the referential. */
  criteria?: string[]
  /** Default: the lifecycle steps of the referential. */
  steps?: NeStep[]
  profile: NeProfile
}

export type NeErrorCode =
  | 'lifetime_undetermined'
  | 'unknown_item_impact'
  | 'missing_electricity_consumption'
  | 'missing_electricity_mix'
  | 'source_indicator_error'

/** NumEcoEval's own messages, so that an error row can be compared with the reference engine's. */
export const NE_ERROR_MESSAGES: Record<NeErrorCode, string> = {
  lifetime_undetermined: "La durée de vie de l'équipement n'a pas pu être déterminée",
  unknown_item_impact: 'Référentiel Impact Equipement inconnue',
  missing_electricity_consumption: 'Donnée de consommation electrique manquante',
  missing_electricity_mix: 'Donnée de mix électrique manquante',
  source_indicator_error: "L'indicateur d'impact de l'équipement source est en erreur",
}

/** The NumEcoEval error cause named in a trace or message, or null when it names none. */
export function errorCodeOf(text: string): NeErrorCode | null {
  const folded = text.toLowerCase()
  for (const [code, message] of Object.entries(NE_ERROR_MESSAGES)) {
    if (folded.includes(message.toLowerCase())) return code as NeErrorCode
  }
  return null
}

export type NeTraceInput = {
  name: string
  value: number | string | null
  unit: string
  origin: 'input' | 'referential' | 'hypothesis' | 'computed' | 'default'
  /** The referential row: table file and line, source and version as written there. */
  factor?: { id: string; source: string; version: string; origin: string }
}

/** How one indicator was obtained: NumEcoEval's formula text (Java number format) and every operand. */
export type NeTrace = { formula: string; inputs: NeTraceInput[]; defaultsAssumed: string[] }

export type NeIndicatorStatus = 'OK' | 'ERREUR'

export type NePhysicalIndicator = {
  equipmentName: string
  equipmentType: string
  status: string
  entity: string
  step: NeStep
  criterion: NeCriterion
  indicatorStatus: NeIndicatorStatus
  /** Line total (quantity included) per year, in the criterion's unit; null on error. */
  impact: number | null
  /** impact / individual sustainable package of the criterion (people equivalent); null when unknown. */
  sipImpact: number | null
  quantity: number
  /** annualKwh × quantity, kWh per year (UTILISATION only). */
  averagePowerConsumptionKwhPerYear: number | null
  lifetimeYears: number | null
  /** The referential item used and how it was found. */
  item: string | null
  impactSource: 'MODELE' | 'TYPE' | null
  location: string | null
  error?: { code: NeErrorCode; message: string }
  trace: NeTrace
}

type Lifetime =
  | {
      isKnown: true
      years: number
      inputs: NeTraceInput[]
      defaultsAssumed: string[]
      purchaseDate: string | null
      endDate: string | null
    }
  | { isKnown: false; inputs: NeTraceInput[] }

const originOf = (row: { origin?: { file: string; line: number } }): string =>
  row.origin ? `${row.origin.file}:${row.origin.line}` : ''

function factorInput(name: string, row: NeItemImpact, value: number, unit: string): NeTraceInput {
  return {
    name,
    value,
    unit,
    origin: 'referential',
    factor: {
      id: `${row.name}/${row.criterion}/${row.lifecycleStep}${row.location ? `/${row.location}` : ''}`,
      source: row.source,
      version: row.version,
      origin: originOf(row),
    },
  }
}

function lifetimeOf(
  equipment: NePhysicalEquipment,
  itemType: NeItemType | undefined,
  index: NeReferentialIndex,
  options: NeEvaluationOptions,
): Lifetime {
  const inputs: NeTraceInput[] = []
  const defaultsAssumed: string[] = []
  let years: number
  let purchaseDate: string | null = null
  let endDate: string | null = null
  if (equipment.purchaseDate !== null) {
    purchaseDate = equipment.purchaseDate
    endDate = equipment.retirementDate ?? options.calculationDate
    inputs.push({ name: 'dateAchat', value: purchaseDate, unit: 'date', origin: 'input' })
    if (equipment.retirementDate === null) {
      defaultsAssumed.push(`no retirement date: the lifetime runs to the calculation date ${options.calculationDate}`)
    } else if (options.profile.capRetirementAtCalculationDate && equipment.retirementDate > options.calculationDate) {
      endDate = options.calculationDate
      defaultsAssumed.push(
        `retirement date ${equipment.retirementDate} is after the calculation date: capped at ${options.calculationDate}`,
      )
    }
    inputs.push({ name: 'dateRetrait', value: endDate, unit: 'date', origin: equipment.retirementDate === endDate ? 'input' : 'default' })
    const days = daysBetween(purchaseDate, endDate)
    if (days <= 0) return { isKnown: false, inputs }
    years = days / 365
    inputs.push({ name: 'days', value: days, unit: 'd', origin: 'computed' })
  } else if (equipment.defaultLifetimeYears !== null) {
    years = equipment.defaultLifetimeYears
    inputs.push({ name: 'dureeVieDefaut', value: years, unit: 'yr', origin: 'input' })
    defaultsAssumed.push(`no purchase date: default lifetime of the row, ${j(years)} years`)
  } else if (itemType?.defaultLifespanYears != null) {
    years = itemType.defaultLifespanYears
    inputs.push({
      name: 'itemType.defaultLifespan',
      value: years,
      unit: 'yr',
      origin: 'referential',
      factor: { id: `itemType/${itemType.type}`, source: itemType.source, version: itemType.version, origin: originOf(itemType) },
    })
    defaultsAssumed.push(`no purchase date: default lifespan of type ${itemType.type}, ${j(years)} years`)
  } else {
    const hypothesis = index.hypothesis('dureeVieParDefaut')
    const value = hypothesis ? Number(hypothesis.value) : Number.NaN
    if (!Number.isFinite(value) || value <= 0) return { isKnown: false, inputs }
    years = value
    inputs.push({ name: 'dureeVieParDefaut', value, unit: 'yr', origin: 'hypothesis' })
    defaultsAssumed.push(`no purchase date nor type lifespan: hypothesis dureeVieParDefaut, ${j(value)} years`)
  }
  if (options.profile.clampLifetimeBelowOneYear && years < 1) {
    defaultsAssumed.push(`lifetime ${j(years)} years is under one year: brought to 1`)
    years = 1
  }
  inputs.push({ name: 'dureeVie', value: years, unit: 'yr', origin: 'computed' })
  return { isKnown: true, years, inputs, defaultsAssumed, purchaseDate, endDate }
}

/** Computes every physical-equipment indicator of the inputs, in input order, then criterion, then step. */
export function computePhysicalIndicators(
  equipments: readonly NePhysicalEquipment[],
  datacenters: readonly NeDatacenter[],
  index: NeReferentialIndex,
  options: NeEvaluationOptions,
): NePhysicalIndicator[] {
  const datacenterByName = new Map(datacenters.map((datacenter) => [datacenter.name, datacenter]))
  const criteria = (options.criteria ?? index.criteria.map((criterion) => criterion.code)).map(index.criterionOf)
  const steps = options.steps ?? index.lifecycleSteps
  const indicators: NePhysicalIndicator[] = []
  for (const equipment of equipments) {
    const itemType = index.itemType(equipment.type)
    const matched = equipment.refItemTarget ?? index.matchingItem(equipment.model) ?? null
    const fallback = equipment.refItemDefault ?? itemType?.refDefaultItem ?? null
    const datacenter = equipment.datacenter === null ? undefined : datacenterByName.get(equipment.datacenter)
    const isServer = equipment.isServer ?? itemType?.isServer ?? false
    const location =
      datacenter?.location && (options.profile.mixLocation === 'datacenter-for-every-equipment' || isServer)
        ? datacenter.location
        : equipment.countryOfUse
    const lifetime = lifetimeOf(equipment, itemType, index, options)
    for (const criterion of criteria) {
      const sip = index.sustainablePackage(criterion)
      for (const step of steps) {
        const base = {
          equipmentName: equipment.name,
          equipmentType: equipment.type,
          status: equipment.status,
          entity: equipment.entity,
          step,
          criterion,
          quantity: equipment.quantity,
          location,
        }
        const fail = (code: NeErrorCode, inputs: NeTraceInput[], item: string | null): NePhysicalIndicator => ({
          ...base,
          indicatorStatus: 'ERREUR',
          impact: null,
          sipImpact: null,
          averagePowerConsumptionKwhPerYear: null,
          lifetimeYears: lifetime.isKnown ? lifetime.years : null,
          item,
          impactSource: null,
          error: { code, message: NE_ERROR_MESSAGES[code] },
          trace: { formula: `ErrCalcFonc : ${NE_ERROR_MESSAGES[code]}`, inputs, defaultsAssumed: [] },
        })
        const withSip = (impact: number): { impact: number; sipImpact: number | null } => ({
          impact,
          sipImpact: sip ? impact / sip.value : null,
        })
        if (step === 'UTILISATION') {
          const itemName = matched ?? fallback
          const itemRow =
            (matched === null ? undefined : index.itemElectricity(matched, criterion.code)) ??
            (fallback === null ? undefined : index.itemElectricity(fallback, criterion.code))
          const quantityInput: NeTraceInput = { name: 'Quantité', value: equipment.quantity, unit: 'unit', origin: 'input' }
          let annualKwh: number
          let kwhInput: NeTraceInput
          if (equipment.annualKwh !== null) {
            annualKwh = equipment.annualKwh
            kwhInput = { name: 'ConsoElecAnMoyenne', value: annualKwh, unit: 'kWh/yr', origin: 'input' }
          } else if (itemRow?.avgElectricityConsumptionKwhPerYear != null) {
            annualKwh = itemRow.avgElectricityConsumptionKwhPerYear
            kwhInput = factorInput('ConsoElecAnMoyenne', itemRow, annualKwh, 'kWh/yr')
          } else {
            indicators.push(fail('missing_electricity_consumption', [quantityInput], itemName))
            continue
          }
          const mixRow = location === null ? undefined : index.electricityMix(criterion.code, location)
          if (!mixRow) {
            indicators.push(fail('missing_electricity_mix', [quantityInput, kwhInput], itemName))
            continue
          }
          const inputs: NeTraceInput[] = [
            quantityInput,
            kwhInput,
            factorInput('valeurReferentielMixElectrique', mixRow, mixRow.value, `${criterion.unit}/kWh`),
          ]
          const defaultsAssumed: string[] = []
          let mix = mixRow.value
          if (isServer && datacenter?.location) {
            let pue = datacenter.pue
            if (pue === null) {
              const hypothesis = index.hypothesis('PUEParDefaut')
              pue = hypothesis ? Number(hypothesis.value) : 1.75
              defaultsAssumed.push(
                `datacenter ${datacenter.name} has no PUE: ${hypothesis ? 'hypothesis PUEParDefaut' : 'NumEcoEval default'} ${j(pue)}`,
              )
              inputs.push({ name: 'dataCenterPue', value: pue, unit: '', origin: hypothesis ? 'hypothesis' : 'default' })
            } else {
              inputs.push({ name: 'dataCenterPue', value: pue, unit: '', origin: 'input' })
            }
            mix = mix * pue
          }
          inputs.push({ name: 'MixElectrique', value: mix, unit: `${criterion.unit}/kWh`, origin: 'computed' })
          const utilisationRate = 1.0
          const impact = equipment.quantity * annualKwh * mix * utilisationRate
          indicators.push({
            ...base,
            ...withSip(impact),
            indicatorStatus: 'OK',
            averagePowerConsumptionKwhPerYear: annualKwh * equipment.quantity,
            lifetimeYears: lifetime.isKnown ? lifetime.years : null,
            item: itemName,
            impactSource: itemName === null ? null : matched !== null ? 'MODELE' : 'TYPE',
            trace: {
              formula:
                `ImpactEquipementPhysique = Quantité(${j(equipment.quantity)}) * ConsoElecAnMoyenne(${j(annualKwh)})` +
                ` * MixElectrique(${j(mix)}) * TauxUtilisation(${j(utilisationRate)})`,
              inputs: [...inputs, { name: 'TauxUtilisation', value: utilisationRate, unit: '', origin: 'default' }],
              defaultsAssumed,
            },
          })
          continue
        }
        const matchedRow = matched === null ? undefined : index.itemImpact(matched, criterion.code, step)
        const fallbackRow = fallback === null ? undefined : index.itemImpact(fallback, criterion.code, step)
        const factorRow = matchedRow ?? fallbackRow
        if (!factorRow) {
          indicators.push(fail('unknown_item_impact', [], matched ?? fallback))
          continue
        }
        if (!lifetime.isKnown) {
          indicators.push(fail('lifetime_undetermined', lifetime.inputs, factorRow.name))
          continue
        }
        const utilisationRate = 1.0
        const impact = (equipment.quantity * factorRow.value * utilisationRate) / lifetime.years
        indicators.push({
          ...base,
          ...withSip(impact),
          indicatorStatus: 'OK',
          averagePowerConsumptionKwhPerYear: null,
          lifetimeYears: lifetime.years,
          item: factorRow.name,
          impactSource: matchedRow ? 'MODELE' : 'TYPE',
          trace: {
            formula:
              `ImpactEquipementPhysique = (Quantité(${j(equipment.quantity)}) * referentielFacteurCaracterisation(` +
              `${j(factorRow.value)}) * TauxUtilisation(${j(utilisationRate)})) / dureeVie(${j(lifetime.years)})`,
            inputs: [
              { name: 'Quantité', value: equipment.quantity, unit: 'unit', origin: 'input' },
              factorInput('referentielFacteurCaracterisation', factorRow, factorRow.value, `${criterion.unit}/unit`),
              { name: 'TauxUtilisation', value: utilisationRate, unit: '', origin: 'default' },
              ...lifetime.inputs,
            ],
            defaultsAssumed: [
              ...lifetime.defaultsAssumed,
              ...(matchedRow ? [] : [`model "${equipment.model}" not matched: default item ${factorRow.name} of type ${equipment.type}`]),
            ],
          },
        })
      }
    }
  }
  return indicators
}
