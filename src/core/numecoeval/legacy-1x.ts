/**
 * Replaying NumEcoEval 1.x indicator rows (G4IT's June-2023 test data): the factors the run used are mostly
 * only inside the traces (`{formule:…,valeurReferentielImpactEquipement:…}`), so the referential is rebuilt from
 * the traces (factor per item × criterion × step, annual kWh per item, mix per country × criterion), and
 * empreinte then computes every indicator from the input rows (dates, quantity, datacenter, PUE, server flag,
 * default lifetime) with the 1.x profile and the run's calculation date. A row that does not match is
 * explained only with evidence taken from the data: its trace shows dates other than the input row's (the row
 * was edited after the run) and empreinte gives the stored value with the trace's dates; or its stored value
 * contradicts its own trace's formula. Pure.
 */
import {
  compareIndicatorRows,
  indicatorKey,
  physicalComputedRows,
  relativeError,
  type ExpectedRow,
  type FileReport,
} from './conformance.js'
import type { NeDatacenter, NePhysicalEquipment } from './inputs.js'
import { formatJavaDouble } from './java-double.js'
import {
  computePhysicalIndicators,
  errorCodeOf,
  NUMECOEVAL_1_PROFILE,
  type NeEvaluationOptions,
} from './physical-equipment.js'
import { ELECTRICITY_MIX_CATEGORY, indexReferential, toNumEcoEvalStep } from './referential-index.js'
import {
  columnKey,
  emptyReferential,
  parseDecimal,
  type CellTable,
  type NeItemImpact,
  type NeReferential,
} from './referential-tables.js'

/** Item name given to the factors of an equipment whose input row names no item. */
export const RUN_ITEM_PREFIX = 'item-of-run:'

export type LegacyTraceValue = string | { [key: string]: LegacyTraceValue }

/** Parses a 1.x trace: JSON-like without quotes; values run to the next `,` or `}`. */
export function parseLegacyTrace(text: string): Record<string, LegacyTraceValue> {
  let position = 0
  const parseObject = (): Record<string, LegacyTraceValue> => {
    const result: Record<string, LegacyTraceValue> = {}
    position += 1 // '{'
    while (position < text.length && text[position] !== '}') {
      const colon = text.indexOf(':', position)
      if (colon < 0) break
      const key = text.slice(position, colon).trim()
      position = colon + 1
      if (text[position] === '{') result[key] = parseObject()
      else {
        let end = position
        while (end < text.length && text[end] !== ',' && text[end] !== '}') end += 1
        result[key] = text.slice(position, end)
        position = end
      }
      if (text[position] === ',') position += 1
    }
    position += 1 // '}'
    return result
  }
  return text.trim().startsWith('{') ? parseObject() : {}
}

const textAt = (object: LegacyTraceValue | undefined, ...path: string[]): string | null => {
  let current = object
  for (const part of path) {
    if (current === undefined || typeof current === 'string') return null
    current = current[part]
  }
  return typeof current === 'string' ? current : null
}
const numberAt = (object: LegacyTraceValue | undefined, ...path: string[]): number | null => {
  const text = textAt(object, ...path)
  if (text === null) return null
  const value = parseDecimal(text)
  return Number.isNaN(value) ? null : value
}

/** Operands of a 1.x formula: `Quantité(1.0) * ConsoElecAnMoyenne(3504.0)` → { Quantité: 1, … }. */
function formulaOperands(formula: string): Record<string, number> {
  const operands: Record<string, number> = {}
  for (const match of formula.matchAll(/([A-Za-zéÉ]+)\(([^()]*)\)/g)) {
    const value = parseDecimal(match[2] ?? '')
    if (!Number.isNaN(value)) operands[match[1] ?? ''] = value
  }
  return operands
}

/** The value a 1.x trace's own formula gives (the `/ 365` of the use-phase text is cosmetic: not applied). */
export function valueOfLegacyFormula(formula: string): number | null {
  const operands = formulaOperands(formula)
  const quantity = operands['Quantité']
  if (quantity === undefined) return null
  const conso = operands['ConsoElecAnMoyenne']
  const mix = operands['MixElectrique']
  if (conso !== undefined && mix !== undefined) return quantity * conso * mix
  const factor = operands['referentielImpactEquipement']
  const lifetime = operands['dureeVie']
  if (factor !== undefined && lifetime !== undefined) return (quantity * factor) / lifetime
  return null
}

export type LegacyExpectedRow = ExpectedRow & {
  equipment: string
  step: string
  criterion: string
  unit: string
  parsedTrace: Record<string, LegacyTraceValue>
  calculationDate: string
}

/** Reads `ind_indicateur_impact_equipement_physique` rows. */
export function readLegacyExpectedRows(table: CellTable): LegacyExpectedRow[] {
  const keys = table.header.map(columnKey)
  const rows: LegacyExpectedRow[] = []
  for (const { line, values } of table.rows) {
    if (values.every((value) => value.trim() === '')) continue
    const cell = (name: string): string => (values[keys.indexOf(columnKey(name))] ?? '').trim()
    const step = toNumEcoEvalStep(cell('etapeacv')) ?? cell('etapeacv')
    const criterion = cell('critere')
    const status = cell('statut_indicateur') === 'OK' ? 'OK' : 'ERREUR'
    const traceText = cell('trace')
    const trace = parseLegacyTrace(traceText)
    const numeric: { name: string; expected: number }[] = []
    const add = (name: string, value: number | null): void => {
      if (value !== null && Number.isFinite(value)) numeric.push({ name, expected: value })
    }
    const fromCell = (name: string): number | null => (cell(name) === '' ? null : parseDecimal(cell(name)))
    if (status === 'OK') {
      add('unitImpact', fromCell('impact_unitaire'))
      add('averagePowerConsumption', fromCell('conso_elec_moyenne'))
      add('quantity', fromCell('quantite'))
      add('lifetime', numberAt(trace, 'dureeDeVie', 'valeur'))
      add('factor', numberAt(trace, 'valeurReferentielImpactEquipement') ?? numberAt(trace, 'mixElectrique', 'valeur'))
    }
    const equipment = cell('nom_equipement')
    rows.push({
      file: table.file,
      line,
      kind: 'physical',
      key: indicatorKey('physical', equipment, step, criterion.toLowerCase()),
      label: `${equipment} ${step} ${criterion}`,
      status,
      errorCode: status === 'ERREUR' ? errorCodeOf(traceText) : null,
      values: numeric,
      formula: null,
      trace: traceText,
      equipment,
      step,
      criterion,
      unit: cell('unite'),
      parsedTrace: trace,
      calculationDate: cell('date_calcul').slice(0, 10),
    })
  }
  return rows
}

/** Reads `ref_facteurcaracterisation` (1.x factor table) as item impacts. */
export function readLegacyFactorRows(table: CellTable): NeItemImpact[] {
  const keys = table.header.map(columnKey)
  const result: NeItemImpact[] = []
  for (const { line, values } of table.rows) {
    const cell = (name: string): string => (values[keys.indexOf(columnKey(name))] ?? '').trim()
    const value = parseDecimal(cell('valeur'))
    if (Number.isNaN(value)) continue
    const consumption = parseDecimal(cell('conso_elec_moyenne'))
    result.push({
      criterion: cell('critere'),
      lifecycleStep: cell('etapeacv'),
      name: cell('nom'),
      category: cell('categorie'),
      avgElectricityConsumptionKwhPerYear: Number.isNaN(consumption) ? null : consumption,
      description: cell('description'),
      location: cell('localisation'),
      level: cell('niveau'),
      source: cell('source'),
      tier: cell('tiers'),
      unit: cell('unite'),
      value,
      subscriber: '',
      version: '',
      origin: { file: table.file, line },
    })
  }
  return result
}

export type LegacyReplay = {
  report: FileReport
  calculationDate: string
  /** Input rows with a name already seen (identical duplicates in the dump): the last one is used. */
  duplicateInputRows: number
  /** Factors rebuilt from the traces, and the factor-table rows that the traces override (other values). */
  factorsFromTraces: number
  factorRowsOverridden: number
  /** Equipment whose input row names no item but whose traces show the factors the run used. */
  itemsOnlyInTraces: number
  /** Factor keys to which two traces give different values (evidence of edited rows). */
  traceConflicts: string[]
  /** Computed indicators the expected file has no row for (the dump was trimmed). */
  computedWithoutExpectedRow: number
}

/** Mix location of an equipment under the 1.x profile: the datacenter's country for servers, else the row's. */
function locationOf(equipment: NePhysicalEquipment, datacenters: ReadonlyMap<string, NeDatacenter>): string | null {
  const datacenter = equipment.datacenter === null ? undefined : datacenters.get(equipment.datacenter)
  return equipment.isServer && datacenter?.location ? datacenter.location : equipment.countryOfUse
}

/** Replays the 1.x rows: rebuilds the referential from the traces, computes, compares, explains mismatches. */
export function replayLegacyIndicators(input: {
  expected: CellTable
  equipments: readonly NePhysicalEquipment[]
  datacenters: readonly NeDatacenter[]
  factorTable?: CellTable
  tolerance: number
}): LegacyReplay {
  const expected = readLegacyExpectedRows(input.expected)
  const calculationDate = expected[0]?.calculationDate ?? ''
  // A row without item reference (neither target nor default) still got factors in the run: they are known only
  // from its traces, so they are filed under an item named after the equipment.
  const equipmentByName = new Map<string, NePhysicalEquipment>()
  let itemsOnlyInTraces = 0
  for (const equipment of input.equipments) {
    const hasItem = equipment.refItemTarget !== null || equipment.refItemDefault !== null
    equipmentByName.set(
      equipment.name,
      hasItem ? equipment : { ...equipment, refItemDefault: `${RUN_ITEM_PREFIX}${equipment.name}` },
    )
  }
  const duplicateInputRows = input.equipments.length - equipmentByName.size
  const datacenterByName = new Map(input.datacenters.map((datacenter) => [datacenter.name, datacenter]))

  // Criteria as the rows name them, each with its most frequent unit.
  const unitVotes = new Map<string, Map<string, number>>()
  for (const row of expected) {
    const votes = unitVotes.get(row.criterion) ?? new Map<string, number>()
    votes.set(row.unit, (votes.get(row.unit) ?? 0) + 1)
    unitVotes.set(row.criterion, votes)
  }
  const referential: NeReferential = emptyReferential()
  for (const [label, votes] of unitVotes) {
    const unit = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''
    referential.criteria.push({ code: label, label, description: '', unit })
  }
  referential.lifecycleSteps = ['FABRICATION', 'DISTRIBUTION', 'UTILISATION', 'FIN_DE_VIE'].map((code) => ({ code, label: code }))

  const rowsByKey = new Map<string, NeItemImpact>()
  const traceConflicts: string[] = []
  const addFromTrace = (key: string, row: NeItemImpact): void => {
    const existing = rowsByKey.get(key)
    if (existing === undefined) rowsByKey.set(key, row)
    else if (existing.value !== row.value || existing.avgElectricityConsumptionKwhPerYear !== row.avgElectricityConsumptionKwhPerYear) {
      traceConflicts.push(`${key}: ${existing.value} (line ${existing.origin?.line ?? '?'}) vs ${row.value} (line ${row.origin?.line ?? '?'})`)
    }
  }
  for (const row of expected) {
    if (row.status !== 'OK') continue
    const equipment = equipmentByName.get(row.equipment)
    const item = equipment?.refItemTarget ?? equipment?.refItemDefault ?? null
    const base = {
      criterion: row.criterion,
      description: 'rebuilt from a NumEcoEval 1.x trace',
      level: '',
      tier: '',
      unit: '',
      subscriber: '',
      version: '',
      origin: { file: row.file, line: row.line },
    }
    if (row.step === 'UTILISATION') {
      const consumption = numberAt(row.parsedTrace, 'consoElecAnMoyenne', 'valeurReferentielConsoElecMoyenne')
      if (item !== null && consumption !== null) {
        addFromTrace(`${item}|${row.criterion}|USING`, {
          ...base,
          lifecycleStep: 'UTILISATION',
          name: item,
          category: 'annual-consumption',
          avgElectricityConsumptionKwhPerYear: consumption,
          location: '',
          source: textAt(row.parsedTrace, 'consoElecAnMoyenne', 'sourceReferentielImpactEquipement') ?? '',
          value: 0,
        })
      }
      const mix = numberAt(row.parsedTrace, 'mixElectrique', 'valeurReferentielMixElectrique')
      const location = equipment ? locationOf(equipment, datacenterByName) : null
      if (mix !== null && location !== null) {
        addFromTrace(`mix|${row.criterion}|${location.toLowerCase()}`, {
          ...base,
          lifecycleStep: 'FABRICATION',
          name: `Electricity mix ${location}`,
          category: ELECTRICITY_MIX_CATEGORY,
          avgElectricityConsumptionKwhPerYear: null,
          location,
          source: textAt(row.parsedTrace, 'mixElectrique', 'sourceReferentielMixElectrique') ?? '',
          value: mix,
        })
      }
      continue
    }
    const factor = numberAt(row.parsedTrace, 'valeurReferentielImpactEquipement')
    if (item !== null && factor !== null) {
      addFromTrace(`${item}|${row.criterion}|${row.step}`, {
        ...base,
        lifecycleStep: row.step,
        name: item,
        category: '',
        avgElectricityConsumptionKwhPerYear: null,
        location: '',
        source: textAt(row.parsedTrace, 'sourceReferentielImpactEquipement') ?? '',
        value: factor,
      })
    }
  }
  const factorsFromTraces = rowsByKey.size
  for (const equipment of equipmentByName.values()) {
    const item = equipment.refItemDefault ?? ''
    if (item.startsWith(RUN_ITEM_PREFIX) && [...rowsByKey.values()].some((row) => row.name === item)) itemsOnlyInTraces += 1
  }
  let factorRowsOverridden = 0
  const fileRows = input.factorTable ? readLegacyFactorRows(input.factorTable) : []
  for (const row of fileRows) {
    const step = toNumEcoEvalStep(row.lifecycleStep)
    const key =
      row.category === ELECTRICITY_MIX_CATEGORY
        ? `mix|${row.criterion}|${row.location.toLowerCase()}`
        : `${row.name}|${row.criterion}|${step === 'UTILISATION' ? 'USING' : (step ?? row.lifecycleStep)}`
    if (rowsByKey.has(key)) factorRowsOverridden += 1
    else rowsByKey.set(key, row)
  }
  referential.itemImpacts = [...rowsByKey.values()]

  const index = indexReferential(referential)
  const options: NeEvaluationOptions = { calculationDate, profile: NUMECOEVAL_1_PROFILE }
  const equipments = [...equipmentByName.values()]
  const computed = physicalComputedRows(
    computePhysicalIndicators(equipments, input.datacenters, index, options),
  )
  const expectedKeys = new Set(expected.map((row) => row.key))
  const computedWithoutExpectedRow = [...computed.keys()].filter((key) => !expectedKeys.has(key)).length

  const explain = (row: ExpectedRow): string | null => {
    const legacy = row as LegacyExpectedRow
    const equipment = equipmentByName.get(legacy.equipment)
    if (!equipment) return null
    // (1) Inputs edited after the run: the trace's dates differ from the row's, and they give the stored value.
    const tracePurchase = textAt(legacy.parsedTrace, 'dureeDeVie', 'dateAchat')
    const traceEnd = textAt(legacy.parsedTrace, 'dureeDeVie', 'dateRetrait')
    if (tracePurchase !== null && traceEnd !== null) {
      const usedEnd =
        equipment.retirementDate === null || equipment.retirementDate > calculationDate
          ? calculationDate
          : equipment.retirementDate
      if (tracePurchase !== equipment.purchaseDate || traceEnd !== usedEnd) {
        const asRun = { ...equipment, purchaseDate: tracePurchase, retirementDate: traceEnd }
        const replayed = physicalComputedRows(computePhysicalIndicators([asRun], input.datacenters, index, options)).get(
          row.key,
        )
        const isReproduced = row.values.every(({ name, expected: value }) => {
          const actual = replayed?.values[name]
          return typeof actual === 'number' && relativeError(actual, value) < input.tolerance
        })
        if (isReproduced) {
          return (
            `input row edited after the reference run: the trace used ${tracePurchase} → ${traceEnd}, the input now ` +
            `reads ${equipment.purchaseDate ?? '(none)'} → ${equipment.retirementDate ?? '(none)'}; with the trace's ` +
            `dates empreinte reproduces every value`
          )
        }
      }
    }
    // (2) The stored value contradicts the row's own formula, which empreinte reproduces.
    const formula = textAt(legacy.parsedTrace, 'formule')
    const fromFormula = formula === null ? null : valueOfLegacyFormula(formula)
    const stored = row.values.find((value) => value.name === 'unitImpact')?.expected
    const ours = computed.get(row.key)?.values['unitImpact']
    if (
      fromFormula !== null &&
      stored !== undefined &&
      typeof ours === 'number' &&
      relativeError(stored, fromFormula) >= input.tolerance &&
      relativeError(ours, fromFormula) < input.tolerance
    ) {
      const unitNote =
        legacy.unit !== (index.criterionOf(legacy.criterion).unit || legacy.unit)
          ? `; its unit "${legacy.unit}" is not the criterion's "${index.criterionOf(legacy.criterion).unit}"`
          : ''
      return (
        `hand-edited row: the stored value ${formatJavaDouble(stored)} contradicts its own trace, whose formula gives ` +
        `${formatJavaDouble(fromFormula)} = empreinte's value${unitNote}`
      )
    }
    return null
  }
  const report = compareIndicatorRows(input.expected.file, 'physical', expected, computed, input.tolerance, explain)
  return {
    report,
    calculationDate,
    duplicateInputRows,
    factorsFromTraces,
    factorRowsOverridden,
    itemsOnlyInTraces,
    traceConflicts,
    computedWithoutExpectedRow,
  }
}
