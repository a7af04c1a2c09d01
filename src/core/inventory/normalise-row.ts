/**
 * Row normalisation: one raw row of a known format → an asset, a datacenter, or the findings that
 * explain why it was rejected. Built once per file from its column plan; the returned function is the
 * import hot path (a million rows), so it reads cells by precomputed index, caches the parse of
 * repeated texts (types, countries, statuses, entities) and allocates little beyond the result.
 */
import type { CategoryRule, ColumnPlan } from '../formats/format-profiles.js'
import type { Finding, FindingCode, FindingSeverity } from '../quality/finding.js'
import type { Asset, AssetField, AssetStatus, Datacenter, DayNumber, Ownership } from './asset.js'
import type { CategoryId } from './categories.js'
import type { InventoryRecord } from './inventory-records.js'
import { yearsOf, type UnitChoices } from '../formats/unit-choices.js'
import { isoDateOf } from './day-number.js'
import {
  categoryOfModelText,
  categoryOfProcurementCode,
  categoryOfTypeText,
  isTabletModel,
  isTrueFlag,
  isVirtualMachineModel,
  operatingSystemFamilyOf,
  parseChassisType,
  parseCountry,
  parseDate,
  parseMonths,
  parseNumber,
  parseOwnership,
  parsePercent,
  parseStatus,
  readItemDescription,
  type Parsed,
  type ProcurementCodeKind,
} from './parse-values.js'

export type NormaliseOptions = {
  /** Category used when neither the type nor the model tells it (e.g. a file of monitors). */
  categoryHint: CategoryId | null
  /** Organisation used when a row has none; `['(unknown)']` when null. */
  defaultOrganisationPath: string[] | null
  /** ISO alpha-2 country used when a row has none. */
  defaultCountry: string
  /** The campaign's reference day: purchase dates after it are flagged. */
  referenceDay: DayNumber
  /**
   * Units of the columns whose unit the format does not state (NumEcoEval `dureeUsage*`, `chargeMoy`). The
   * import decides them first (src/app/import-inventory.ts); absent, durations are years and loads a
   * percentage when above 1.
   */
  units?: UnitChoices
}

/** A row as the io layer hands it over: 1-based physical line, cells, and a reading problem if any. */
export type RowToNormalise = {
  line: number
  values: string[]
  problem?: { code: string; message: string }
}

export type NormalisedRow =
  | { kind: 'asset'; asset: Asset; findings: Finding[] }
  | { kind: 'datacenter'; datacenter: Datacenter; findings: Finding[] }
  | { kind: 'record'; record: InventoryRecord; findings: Finding[] }
  | { kind: 'rejected'; findings: Finding[] }

/** Lifetimes above this are kept but flagged (`out_of_range`). */
const MAXIMUM_PLAUSIBLE_LIFETIME_YEARS = 15
/** 5,000 W on average all year long: 5 kW × 8,760 h. Above it the yearly energy is flagged. */
const MAXIMUM_PLAUSIBLE_POWER_WATTS = 5000
const HOURS_PER_YEAR = 8760
const MAXIMUM_PLAUSIBLE_ANNUAL_KWH = (MAXIMUM_PLAUSIBLE_POWER_WATTS * HOURS_PER_YEAR) / 1000
const POWER_LIMIT_TEXT = '5,000'
/** PUE outside this range is physically impossible (below) or implausible (above): ignored. */
const MINIMUM_PUE = 1
const MAXIMUM_PUE = 5
const UNKNOWN_ORGANISATION = '(unknown)'
/** Distinct texts cached per file for each memoised parse; beyond, values are parsed every time. */
const CACHE_LIMIT = 20_000
/** GLPI names its root entity this way; it carries no information in a path. */
const ROOT_ENTITY_NAMES: ReadonlySet<string> = new Set(['Entité racine', 'Root entity'])
/** Categories a computer operating system (Windows, macOS, Linux) can run on, as a model text tells them. */
const COMPUTER_CATEGORIES: ReadonlySet<CategoryId> = new Set<CategoryId>([
  'laptop',
  'desktop',
  'thin-client',
  'tablet',
  'server',
  'virtual-machine',
])
const DAYS_PER_YEAR = 365.25
/**
 * Dates that stand in for a missing purchase date (device-management records), with what they are. The
 * earliest one present is used: a device is at least as old as its oldest trace.
 */
const PURCHASE_DATE_PROXIES: readonly (readonly [string, string])[] = [
  ['enrollmentDate', 'the enrollment in device management'],
  ['firstSeenDate', 'the creation of the device record'],
  ['systemInstallDate', 'the installation of the operating system'],
]
/** Category-code columns of purchase orders and the code lists they hold. */
const PROCUREMENT_CODE_FIELDS: readonly (readonly [string, ProcurementCodeKind])[] = [
  ['unspscCode', 'unspsc'],
  ['cpvCode', 'cpv'],
  ['categoryCode', 'any'],
]

/** Builds a reusable normaliser for one file (column plan computed once). */
export function createRowNormaliser(
  plan: ColumnPlan,
  options: NormaliseOptions,
): (row: RowToNormalise) => NormalisedRow {
  return plan.profile.kind === 'datacenters'
    ? createDatacenterNormaliser(plan, options)
    : createAssetNormaliser(plan, options)
}

/** One column of the plan: its index (-1 when absent) and its original header text. */
export type Column = { index: number; name: string | null }

/** The column of `field` in the plan (index -1 when the file has none). */
export function columnOf(plan: ColumnPlan, field: string): Column {
  const index = plan.fieldIndex[field]
  return index === undefined ? { index: -1, name: null } : { index, name: plan.header[index] ?? field }
}

/** Trimmed cell text, null when the column is absent, the row too short or the cell empty. */
export function cellAt(values: string[], index: number): string | null {
  if (index < 0 || index >= values.length) return null
  const raw = values[index]
  const length = raw.length
  if (length === 0) return null
  // Most cells need no trimming: skip the copy when both ends are visible characters.
  if (
    raw.charCodeAt(0) > 32 &&
    raw.charCodeAt(length - 1) > 32 &&
    raw.charCodeAt(0) !== 160 &&
    raw.charCodeAt(length - 1) !== 160
  ) {
    return raw
  }
  const text = raw.trim()
  return text === '' ? null : text
}

function finding(
  line: number,
  column: string | null,
  code: FindingCode,
  severity: FindingSeverity,
  message: string,
  value: string | null,
): Finding {
  return { line, column, code, severity, message, value }
}

/** Caches a parse of repeated cell texts (types, countries…) for one file. */
function memoise<T>(parse: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>()
  return (text) => {
    const cached = cache.get(text)
    if (cached !== undefined) return cached
    const value = parse(text)
    if (cache.size < CACHE_LIMIT) cache.set(text, value)
    return value
  }
}

/** `"CNAM > CPAM 75 > Site Paris 11"` → ['CNAM', 'CPAM 75', 'Site Paris 11'], without GLPI's root entity. */
function splitOrganisationPath(text: string, separator: string): string[] {
  const parts = text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '')
  return parts.length > 1 && ROOT_ENTITY_NAMES.has(parts[0]) ? parts.slice(1) : parts
}

/** Checks shared by every kind of row; returns the rejection findings, or null when the row can be read. */
export function rejectUnreadable(row: RowToNormalise, columnCount: number): Finding[] | null {
  if (row.problem) return [finding(row.line, null, 'malformed_row', 'rejected', row.problem.message, null)]
  const cellCount = row.values.length
  if (cellCount < columnCount / 2 || cellCount > columnCount * 2) {
    const message = `The row has ${cellCount} cells but the header has ${columnCount} columns`
    return [finding(row.line, null, 'column_count', 'rejected', message, null)]
  }
  for (const value of row.values) if (value.trim() !== '') return null
  return [finding(row.line, null, 'missing_value', 'rejected', 'The row is empty', null)]
}

function expectedDateText(plan: ColumnPlan): string {
  return plan.profile.dateOrder === 'dmy' ? 'dd/mm/yyyy' : 'yyyy-mm-dd'
}

function createAssetNormaliser(
  plan: ColumnPlan,
  options: NormaliseOptions,
): (row: RowToNormalise) => NormalisedRow {
  const columnCount = plan.header.length
  const expectedDate = expectedDateText(plan)
  const organisationColumn = columnOf(plan, 'organisation')
  const parentOrganisationColumn = columnOf(plan, 'parentOrganisation')
  const siteColumn = columnOf(plan, 'site')
  const datacenterColumn = columnOf(plan, 'datacenter')
  const categoryColumn = columnOf(plan, 'category')
  const manufacturerColumn = columnOf(plan, 'manufacturer')
  const modelColumn = columnOf(plan, 'model')
  const serialColumn = columnOf(plan, 'serial')
  const hostnameColumn = columnOf(plan, 'hostname')
  const quantityColumn = columnOf(plan, 'quantity')
  const purchaseColumn = columnOf(plan, 'purchaseDate')
  const startupColumn = columnOf(plan, 'startupDate')
  const retirementColumn = columnOf(plan, 'retirementDate')
  const lifetimeColumn = columnOf(plan, 'lifetimeYears')
  const annualKwhColumn = columnOf(plan, 'annualKwh')
  const utilisationColumn = columnOf(plan, 'utilisationRate')
  const ownershipColumn = columnOf(plan, 'ownership')
  const countryColumn = columnOf(plan, 'country')
  const statusColumn = columnOf(plan, 'status')
  const endOfLifeColumn = columnOf(plan, 'endOfLife')
  const purchaseCostColumn = columnOf(plan, 'purchaseCost')
  const descriptionColumn = columnOf(plan, 'description')
  const proxyDates = PURCHASE_DATE_PROXIES.map(([field, meaning]) => ({
    column: columnOf(plan, field),
    meaning,
  })).filter((proxy) => proxy.column.index >= 0)

  const defaultOrganisationPath = options.defaultOrganisationPath ?? [UNKNOWN_ORGANISATION]
  const defaultOrganisationText = defaultOrganisationPath.join(' > ')
  const { categoryHint, defaultCountry, referenceDay } = options
  const referenceDate = isoDateOf(referenceDay)
  const imputedMessages = {
    organisation: missingMessage(organisationColumn, 'organisation', `"${defaultOrganisationText}"`),
    quantity: missingMessage(quantityColumn, 'quantity', '1'),
    country: missingMessage(countryColumn, 'country', defaultCountry),
    status: missingMessage(statusColumn, 'status', 'in-use'),
    category: categoryColumn.name
      ? `No category: ${categoryColumn.name} is empty and no category hint was given`
      : 'No category: there is no type column and no category hint was given',
  }

  const categoryOfType = memoise(categoryOfTypeText)
  const categoryOfModel = memoise(categoryOfModelText)
  const countryOf = memoise(parseCountry)
  const statusOf = memoise(parseStatus)
  const ownershipOf = memoise(parseOwnership)
  const separator = plan.profile.organisationSeparator
  const organisationPathOf = memoise((text) => (separator ? splitOrganisationPath(text, separator) : [text]))
  const categoryRule = createCategoryRule(plan, categoryOfType, categoryOfModel, categoryHint)
  const lifetimeUnit =
    plan.profile.ambiguousUnits?.['lifetimeYears'] === 'usageDurationUnit'
      ? (options.units?.usageDurationUnit ?? 'years')
      : 'years'

  // Per-row state shared by the helpers below, reset at the start of each row (no closure per row).
  let line = 0
  let findings: Finding[] = []
  let isRejected = false
  const reject = (column: Column, code: FindingCode, message: string, value: string | null): void => {
    findings.push(finding(line, column.name, code, 'rejected', message, value))
    isRejected = true
  }
  const readNumber = (column: Column, text: string | null): number | null => {
    if (text === null) return null
    const parsed = parseNumber(text)
    if (parsed !== null && parsed.ok) return parsed.value
    reject(column, 'invalid_number', `${column.name} "${text}" is not a valid number`, text)
    return null
  }
  const readDate = (column: Column, text: string | null): DayNumber | null => {
    if (text === null) return null
    const parsed = parseDate(text)
    if (parsed !== null && parsed.ok) return parsed.value
    reject(
      column,
      'invalid_date',
      `${column.name} "${text}" is not a valid date (expected ${expectedDate})`,
      text,
    )
    return null
  }

  const warnEndOfLife = (code: FindingCode, message: string, text: string): null => {
    findings.push(finding(line, endOfLifeColumn.name, code, 'warning', message, text))
    return null
  }
  const readEndOfLife = (
    text: string,
    purchaseDay: DayNumber | null,
    purchaseText: string | null,
  ): number | null => {
    const name = endOfLifeColumn.name
    const months = parseMonths(text)
    let years: number
    if (months !== null) years = months / 12
    else {
      const parsed = parseDate(text)
      if (parsed === null || !parsed.ok)
        return warnEndOfLife(
          'unknown_value',
          `${name} "${text}" is neither a date nor a number of months: ignored`,
          text,
        )
      if (purchaseDay === null)
        return warnEndOfLife(
          'unknown_value',
          `${name} "${text}" gives no lifetime without a purchase date: ignored`,
          text,
        )
      years = Math.round(((parsed.value - purchaseDay) / DAYS_PER_YEAR) * 100) / 100
    }
    if (years <= 0) {
      const after =
        months === null
          ? ` is not after ${purchaseColumn.name} "${purchaseText}"`
          : ' is not a positive number of months'
      return warnEndOfLife('out_of_range', `${name} "${text}"${after}: ignored`, text)
    }
    if (years > MAXIMUM_PLAUSIBLE_LIFETIME_YEARS)
      warnEndOfLife(
        'out_of_range',
        `${name} "${text}" means more than ${MAXIMUM_PLAUSIBLE_LIFETIME_YEARS} years`,
        text,
      )
    return years
  }

  return (row) => {
    const unreadable = rejectUnreadable(row, columnCount)
    if (unreadable) return { kind: 'rejected', findings: unreadable }
    const values = row.values
    line = row.line
    findings = []
    isRejected = false
    const imputed: AssetField[] = []

    // Organisation: "A > B > C", under the parent organisation when the file names one (G4IT nomOrganisation).
    const organisationText = cellAt(values, organisationColumn.index)
    const parentOrganisationText = cellAt(values, parentOrganisationColumn.index)
    let organisationPath: string[]
    if (organisationText === null && parentOrganisationText === null) {
      organisationPath = defaultOrganisationPath.slice()
      imputed.push('organisation')
      findings.push(
        finding(
          line,
          organisationColumn.name,
          'default_imputed',
          'imputed',
          imputedMessages.organisation,
          null,
        ),
      )
    } else if (parentOrganisationText === null) {
      // Shared between rows of the same entity (read-only): consumers may key caches on its identity.
      organisationPath = organisationPathOf(organisationText as string)
    } else {
      organisationPath =
        organisationText === null
          ? [parentOrganisationText]
          : [parentOrganisationText, ...organisationPathOf(organisationText)]
    }

    // Category: the type text, else the model text, else the file's hint; other formats have their own rule.
    const typeText = cellAt(values, categoryColumn.index)
    const model = cellAt(values, modelColumn.index) ?? cellAt(values, descriptionColumn.index)
    let category: CategoryId | null
    if (categoryRule === null) {
      category =
        (typeText === null ? null : categoryOfType(typeText)) ??
        (model === null ? null : categoryOfModel(model)) ??
        categoryHint
      if (category === null) {
        if (typeText === null) reject(categoryColumn, 'unknown_category', imputedMessages.category, null)
        else
          reject(
            categoryColumn,
            'unknown_category',
            `${categoryColumn.name} "${typeText}" is not a known category`,
            typeText,
          )
      }
    } else {
      const inferred = categoryRule.categoryOf(values, typeText)
      category = inferred.category
      if (inferred.imputedMessage !== null) {
        imputed.push('category')
        findings.push(
          finding(
            line,
            inferred.column.name,
            'default_imputed',
            'imputed',
            inferred.imputedMessage,
            inferred.value,
          ),
        )
      }
      if (category === null) {
        const failure = categoryRule.explainFailure(values)
        reject(failure.column, 'unknown_category', failure.message, failure.value)
      }
    }

    // Quantity: a positive number, 1 when empty.
    const quantityText = cellAt(values, quantityColumn.index)
    let quantity = 1
    // A column the format does not have is a file-level convention (one unit, default country, in use),
    // reported once by the import; only an empty cell in a present column counts as imputed for that row.
    if (quantityText === null) {
      if (quantityColumn.index >= 0) imputed.push('quantity')
      if (quantityColumn.index >= 0)
        findings.push(
          finding(line, quantityColumn.name, 'default_imputed', 'imputed', imputedMessages.quantity, null),
        )
    } else {
      const parsed = readNumber(quantityColumn, quantityText)
      if (parsed !== null && parsed <= 0) {
        reject(
          quantityColumn,
          'negative_quantity',
          `${quantityColumn.name} "${quantityText}" must be a positive number`,
          quantityText,
        )
      } else if (parsed !== null) quantity = parsed
    }

    // Dates: purchase (GLPI falls back on the startup date), retirement.
    const purchaseText = cellAt(values, purchaseColumn.index)
    let purchaseDay = readDate(purchaseColumn, purchaseText)
    let purchaseDateText = purchaseText
    let purchaseDateColumn = purchaseColumn
    if (purchaseText === null) {
      const startupText = cellAt(values, startupColumn.index)
      const startupDay = readDate(startupColumn, startupText)
      if (startupDay !== null) {
        purchaseDay = startupDay
        purchaseDateText = startupText
        purchaseDateColumn = startupColumn
        imputed.push('purchaseDate')
        const message = `${purchaseColumn.name ?? 'Purchase date'} is empty: purchase date set to ${startupColumn.name} "${startupText}"`
        findings.push(finding(line, startupColumn.name, 'default_imputed', 'imputed', message, startupText))
      }
    }
    if (purchaseDay === null && purchaseText === null && proxyDates.length > 0) {
      // Device-management dates stand in for the purchase date: the earliest readable one.
      let proxyMeaning = ''
      for (const proxy of proxyDates) {
        const text = cellAt(values, proxy.column.index)
        if (text === null) continue
        const parsed = parseDate(text)
        if (parsed === null || !parsed.ok) {
          const message = `${proxy.column.name} "${text}" is not a valid date (expected ${expectedDate}): ignored`
          findings.push(finding(line, proxy.column.name, 'invalid_date', 'warning', message, text))
        } else if (purchaseDay === null || parsed.value < purchaseDay) {
          purchaseDay = parsed.value
          purchaseDateText = text
          purchaseDateColumn = proxy.column
          proxyMeaning = proxy.meaning
        }
      }
      if (purchaseDay !== null) {
        imputed.push('purchaseDate')
        const message =
          `${purchaseColumn.name ? `${purchaseColumn.name} is empty` : 'No purchase date'}: purchase date set to ` +
          `${purchaseDateColumn.name} "${purchaseDateText}", ${proxyMeaning} (a proxy: the device may be older)`
        findings.push(
          finding(line, purchaseDateColumn.name, 'default_imputed', 'imputed', message, purchaseDateText),
        )
      }
    }
    if (purchaseDay !== null && purchaseDay > referenceDay) {
      const message = `${purchaseDateColumn.name} "${purchaseDateText}" is after the reference date ${referenceDate}`
      findings.push(
        finding(line, purchaseDateColumn.name, 'future_date', 'warning', message, purchaseDateText),
      )
    }
    const retirementText = cellAt(values, retirementColumn.index)
    let retirementDay = readDate(retirementColumn, retirementText)
    if (retirementDay !== null && purchaseDay !== null && retirementDay < purchaseDay) {
      const message =
        `${retirementColumn.name} "${retirementText}" is before ${purchaseDateColumn.name} "${purchaseDateText}": ` +
        'retirement date ignored'
      findings.push(finding(line, retirementColumn.name, 'date_order', 'warning', message, retirementText))
      retirementDay = null
    }

    // Numbers: lifetime, yearly energy, utilisation rate.
    const lifetimeText = cellAt(values, lifetimeColumn.index)
    const lifetimeRead = readNumber(lifetimeColumn, lifetimeText)
    let lifetimeYears = lifetimeRead === null ? null : yearsOf(lifetimeRead, lifetimeUnit)
    if (lifetimeYears !== null && lifetimeYears <= 0) {
      const message = `${lifetimeColumn.name} "${lifetimeText}" is not a positive number of years: ignored`
      findings.push(finding(line, lifetimeColumn.name, 'out_of_range', 'warning', message, lifetimeText))
      lifetimeYears = null
    } else if (lifetimeYears !== null && lifetimeYears > MAXIMUM_PLAUSIBLE_LIFETIME_YEARS) {
      const message = `${lifetimeColumn.name} "${lifetimeText}" is more than ${MAXIMUM_PLAUSIBLE_LIFETIME_YEARS} years`
      findings.push(finding(line, lifetimeColumn.name, 'out_of_range', 'warning', message, lifetimeText))
    }
    const annualKwhText = cellAt(values, annualKwhColumn.index)
    let annualKwh = readNumber(annualKwhColumn, annualKwhText)
    if (annualKwh !== null && annualKwh < 0) {
      const message = `${annualKwhColumn.name} "${annualKwhText}" is a negative energy: ignored`
      findings.push(finding(line, annualKwhColumn.name, 'out_of_range', 'warning', message, annualKwhText))
      annualKwh = null
    } else if (annualKwh !== null && annualKwh > MAXIMUM_PLAUSIBLE_ANNUAL_KWH) {
      const message =
        `${annualKwhColumn.name} "${annualKwhText}" kWh per year means more than ` +
        `${POWER_LIMIT_TEXT} W on average`
      findings.push(finding(line, annualKwhColumn.name, 'out_of_range', 'warning', message, annualKwhText))
    }
    const utilisationText = cellAt(values, utilisationColumn.index)
    let utilisationRate: number | null = null
    if (utilisationText !== null) {
      const parsed = parsePercent(utilisationText)
      if (parsed !== null && parsed.ok) utilisationRate = parsed.value
      else {
        const message = `${utilisationColumn.name} "${utilisationText}" is not a valid rate (expected 0 to 1 or 0 to 100 %)`
        reject(utilisationColumn, 'invalid_number', message, utilisationText)
      }
    }

    // Snipe-IT's EOL: a planned end-of-life date (lifetime from the purchase date) or a number of months.
    const endOfLifeText = lifetimeText === null ? cellAt(values, endOfLifeColumn.index) : null
    if (endOfLifeText !== null) lifetimeYears = readEndOfLife(endOfLifeText, purchaseDay, purchaseDateText)

    // Prices are checked, not stored (the asset has no cost field yet).
    const purchaseCostText = cellAt(values, purchaseCostColumn.index)
    if (purchaseCostText !== null) {
      const parsed = parseNumber(purchaseCostText)
      if (parsed === null || !parsed.ok) {
        const message = `${purchaseCostColumn.name} "${purchaseCostText}" is not a valid number: ignored`
        findings.push(
          finding(line, purchaseCostColumn.name, 'invalid_number', 'warning', message, purchaseCostText),
        )
      }
    }

    // Ownership, country, status.
    const ownershipText = cellAt(values, ownershipColumn.index)
    let ownership: Ownership | null = null
    if (ownershipText !== null) {
      const parsed = ownershipOf(ownershipText)
      if (parsed !== null && parsed.ok) ownership = parsed.value
      else {
        const message = `${ownershipColumn.name} "${ownershipText}" is not a known ownership (COPE, BYOD, company, personal): ignored`
        findings.push(finding(line, ownershipColumn.name, 'unknown_value', 'warning', message, ownershipText))
      }
    }
    const countryText = cellAt(values, countryColumn.index)
    let country = defaultCountry
    const parsedCountry: Parsed<string> | null = countryText === null ? null : countryOf(countryText)
    if (parsedCountry === null) {
      if (countryColumn.index >= 0) imputed.push('country')
      if (countryColumn.index >= 0)
        findings.push(
          finding(line, countryColumn.name, 'default_imputed', 'imputed', imputedMessages.country, null),
        )
    } else if (parsedCountry.ok) country = parsedCountry.value
    else {
      imputed.push('country')
      const message = `${countryColumn.name} "${countryText}" is not a known country: country set to ${defaultCountry}`
      findings.push(finding(line, countryColumn.name, 'unknown_value', 'imputed', message, countryText))
    }
    const statusText = cellAt(values, statusColumn.index)
    let status: AssetStatus = 'in-use'
    const parsedStatus: Parsed<AssetStatus> | null = statusText === null ? null : statusOf(statusText)
    if (parsedStatus === null) {
      if (statusColumn.index >= 0) imputed.push('status')
      if (statusColumn.index >= 0)
        findings.push(
          finding(line, statusColumn.name, 'default_imputed', 'imputed', imputedMessages.status, null),
        )
    } else if (parsedStatus.ok) status = parsedStatus.value
    else {
      imputed.push('status')
      const message = `${statusColumn.name} "${statusText}" is not a known status (in use, stock, retired): status set to in-use`
      findings.push(finding(line, statusColumn.name, 'unknown_value', 'imputed', message, statusText))
    }

    if (isRejected || category === null) return { kind: 'rejected', findings }
    const asset: Asset = {
      sourceLine: line,
      organisationPath,
      site: cellAt(values, siteColumn.index),
      datacenter: cellAt(values, datacenterColumn.index),
      category,
      manufacturer: cellAt(values, manufacturerColumn.index),
      model,
      serial: cellAt(values, serialColumn.index),
      hostname: cellAt(values, hostnameColumn.index),
      quantity,
      purchaseDay,
      retirementDay,
      lifetimeYears,
      annualKwh,
      utilisationRate,
      ownership,
      country,
      status,
      imputed,
    }
    return { kind: 'asset', asset, findings }
  }
}

/** A category found by a format's rule; `imputedMessage` is set when it is a default rather than a reading. */
type InferredCategory = {
  category: CategoryId | null
  imputedMessage: string | null
  column: Column
  value: string | null
}

/** How a format's rule finds a row's category, and why it found none. */
type CategoryRuleReader = {
  categoryOf: (values: string[], typeText: string | null) => InferredCategory
  explainFailure: (values: string[]) => { column: Column; message: string; value: string | null }
}

/** The category reader of a format with its own rule (memoised per file), or null for `type-then-model`. */
function createCategoryRule(
  plan: ColumnPlan,
  categoryOfType: (text: string) => CategoryId | null,
  categoryOfModel: (text: string) => CategoryId | null,
  categoryHint: CategoryId | null,
): CategoryRuleReader | null {
  const rule: CategoryRule = plan.profile.categoryRule ?? 'type-then-model'
  if (rule === 'type-then-model') return null
  const modelColumn = columnOf(plan, 'model')
  const modelName = modelColumn.name ?? 'Model'
  const isVirtualModel = memoise(isVirtualMachineModel)
  const found = (category: CategoryId | null, column: Column): InferredCategory => ({
    category,
    imputedMessage: null,
    column,
    value: null,
  })
  const noCategory = found(null, modelColumn)

  if (rule === 'procurement') {
    const codeReaders = PROCUREMENT_CODE_FIELDS.map(([field, kind]) => ({
      column: columnOf(plan, field),
      categoryOf: memoise((text: string) => categoryOfProcurementCode(text, kind)),
    })).filter((reader) => reader.column.index >= 0)
    const descriptionColumn = columnOf(plan, 'description')
    const descriptionName = descriptionColumn.name ?? 'Description'
    const describe = memoise(readItemDescription)
    return {
      categoryOf(values, typeText) {
        for (const reader of codeReaders) {
          const code = cellAt(values, reader.column.index)
          const category = code === null ? null : reader.categoryOf(code)
          if (category !== null) return found(category, reader.column)
        }
        if (typeText !== null) {
          const category = categoryOfType(typeText)
          if (category !== null) return found(category, noCategory.column)
        }
        const description = cellAt(values, descriptionColumn.index)
        const reading = description === null ? null : describe(description)
        if (reading !== null && reading.kind === 'device') return found(reading.category, descriptionColumn)
        if (reading !== null && reading.kind === 'accessory') return noCategory
        const model = cellAt(values, modelColumn.index)
        return found((model === null ? null : categoryOfModel(model)) ?? categoryHint, modelColumn)
      },
      explainFailure(values) {
        const description = cellAt(values, descriptionColumn.index)
        const reading = description === null ? null : describe(description)
        if (reading !== null && reading.kind === 'accessory') {
          const message = `${descriptionName} "${description}" names an accessory or a service ("${reading.word}"), not a device`
          return { column: descriptionColumn, message, value: description }
        }
        const parts: string[] = []
        for (const reader of codeReaders) {
          const code = cellAt(values, reader.column.index)
          if (code !== null) parts.push(`${reader.column.name} "${code}" is not a known IT equipment code`)
        }
        const model = cellAt(values, modelColumn.index)
        if (description !== null) parts.push(`${descriptionName} "${description}" does not name a device`)
        else if (model !== null) parts.push(`${modelName} "${model}" does not name a device`)
        else parts.push(`${descriptionName} is empty`)
        const column =
          descriptionColumn.index >= 0 ? descriptionColumn : (codeReaders[0]?.column ?? modelColumn)
        return { column, message: `No category: ${parts.join(', and ')}`, value: description ?? model }
      },
    }
  }

  const operatingSystemColumn = columnOf(plan, 'operatingSystem')
  const familyOf = memoise(operatingSystemFamilyOf)

  if (rule === 'operating-system') {
    const isTablet = memoise(isTabletModel)
    const osName = operatingSystemColumn.name ?? 'Operating system'
    return {
      categoryOf(values, typeText) {
        const model = cellAt(values, modelColumn.index)
        if (model !== null && isVirtualModel(model)) return found('virtual-machine', modelColumn)
        if (typeText !== null) {
          const category = categoryOfType(typeText)
          if (category !== null) return found(category, noCategory.column)
        }
        const system = cellAt(values, operatingSystemColumn.index)
        const family = system === null ? null : familyOf(system)
        if (family === 'computer') {
          const fromModel = model === null ? null : categoryOfModel(model)
          if (fromModel !== null && COMPUTER_CATEGORIES.has(fromModel)) return found(fromModel, modelColumn)
          const modelPart =
            model === null
              ? `${modelName} is empty`
              : `${modelName} "${model}" does not tell a laptop from a desktop`
          return {
            category: 'laptop',
            imputedMessage: `${modelPart}: the ${system} device is counted as a laptop`,
            column: operatingSystemColumn,
            value: system,
          }
        }
        if (family === 'phone')
          return found(model !== null && isTablet(model) ? 'tablet' : 'smartphone', operatingSystemColumn)
        if (family !== null) return found(family, operatingSystemColumn)
        return found((model === null ? null : categoryOfModel(model)) ?? categoryHint, modelColumn)
      },
      explainFailure(values) {
        const system = cellAt(values, operatingSystemColumn.index)
        const model = cellAt(values, modelColumn.index)
        const message = noCategoryMessage(osName, system, null, modelName, model)
        return { column: operatingSystemColumn, message, value: system }
      },
    }
  }

  // Chassis (SCCM, OCS): what the inventory agent measured decides before any text.
  const chassisColumn = columnOf(plan, 'chassisType')
  const chassisName = chassisColumn.name ?? 'Chassis type'
  const virtualMachineColumn = columnOf(plan, 'virtualMachine')
  const chassisOf = memoise(parseChassisType)
  return {
    categoryOf(values, typeText) {
      const flag = cellAt(values, virtualMachineColumn.index)
      if (flag !== null && isTrueFlag(flag)) return found('virtual-machine', virtualMachineColumn)
      const model = cellAt(values, modelColumn.index)
      if (model !== null && isVirtualModel(model)) return found('virtual-machine', modelColumn)
      if (typeText !== null) {
        const category = categoryOfType(typeText)
        if (category !== null) return found(category, noCategory.column)
      }
      const chassis = cellAt(values, chassisColumn.index)
      const reading = chassis === null ? null : chassisOf(chassis)
      if (reading !== null && reading.category !== null) return found(reading.category, chassisColumn)
      const fromModel = model === null ? null : categoryOfModel(model)
      if (fromModel !== null) return found(fromModel, modelColumn)
      const system = cellAt(values, operatingSystemColumn.index)
      if (system !== null && familyOf(system) === 'server') return found('server', operatingSystemColumn)
      return found(categoryHint, chassisColumn)
    },
    explainFailure(values) {
      const chassis = cellAt(values, chassisColumn.index)
      const note = chassis === null ? null : (chassisOf(chassis)?.name ?? null)
      const message = noCategoryMessage(
        chassisName,
        chassis,
        note,
        modelName,
        cellAt(values, modelColumn.index),
      )
      return { column: chassisColumn, message, value: chassis }
    },
  }
}

/**
 * Why neither a primary column (chassis type, operating system) nor the model tells the category:
 * `ChassisTypes0 "{2}" (Unknown) does not tell the device category, nor does Model0 "X1"`.
 */
function noCategoryMessage(
  primaryName: string,
  primaryText: string | null,
  note: string | null,
  modelName: string,
  model: string | null,
): string {
  if (primaryText === null && model === null)
    return `${primaryName} and ${modelName} are empty: no device category`
  if (primaryText === null)
    return `${primaryName} is empty, and ${modelName} "${model}" does not tell the device category`
  const primary = `${primaryName} "${primaryText}"${note === null ? '' : ` (${note})`}`
  return model === null
    ? `${primary} does not tell the device category, and ${modelName} is empty`
    : `${primary} does not tell the device category, nor does ${modelName} "${model}"`
}

/** `Entité is empty: organisation set to "(unknown)"`, or `No organisation column: …` when absent. */
export function missingMessage(column: Column, what: string, defaultText: string): string {
  return column.name
    ? `${column.name} is empty: ${what} set to ${defaultText}`
    : `No ${what} column: ${what} set to ${defaultText}`
}

function createDatacenterNormaliser(
  plan: ColumnPlan,
  options: NormaliseOptions,
): (row: RowToNormalise) => NormalisedRow {
  const columnCount = plan.header.length
  const shortNameColumn = columnOf(plan, 'shortName')
  const longNameColumn = columnOf(plan, 'longName')
  const pueColumn = columnOf(plan, 'pue')
  const countryColumn = columnOf(plan, 'country')
  const organisationColumn = columnOf(plan, 'organisation')
  const separator = plan.profile.organisationSeparator
  const defaultOrganisationPath = options.defaultOrganisationPath ?? [UNKNOWN_ORGANISATION]
  const organisationMessage = missingMessage(
    organisationColumn,
    'organisation',
    `"${defaultOrganisationPath.join(' > ')}"`,
  )
  const countryMessage = missingMessage(countryColumn, 'country', options.defaultCountry)
  const shortNameMessage = shortNameColumn.name
    ? `${shortNameColumn.name} is empty: a datacenter needs a short name`
    : 'No datacenter short name column'

  return (row) => {
    const unreadable = rejectUnreadable(row, columnCount)
    if (unreadable) return { kind: 'rejected', findings: unreadable }
    const { line, values } = row
    const findings: Finding[] = []
    let isRejected = false

    const shortName = cellAt(values, shortNameColumn.index)
    if (shortName === null) {
      findings.push(finding(line, shortNameColumn.name, 'missing_value', 'rejected', shortNameMessage, null))
      isRejected = true
    }
    const pueText = cellAt(values, pueColumn.index)
    let pue: number | null = null
    if (pueText !== null) {
      const parsed = parseNumber(pueText)
      if (parsed === null || !parsed.ok) {
        findings.push(
          finding(
            line,
            pueColumn.name,
            'invalid_number',
            'rejected',
            `${pueColumn.name} "${pueText}" is not a valid number`,
            pueText,
          ),
        )
        isRejected = true
      } else if (parsed.value < MINIMUM_PUE || parsed.value > MAXIMUM_PUE) {
        const message = `${pueColumn.name} "${pueText}" is outside ${MINIMUM_PUE} to ${MAXIMUM_PUE}: ignored`
        findings.push(finding(line, pueColumn.name, 'out_of_range', 'warning', message, pueText))
      } else pue = parsed.value
    }
    const countryText = cellAt(values, countryColumn.index)
    let country = options.defaultCountry
    const parsedCountry = countryText === null ? null : parseCountry(countryText)
    if (parsedCountry === null) {
      findings.push(finding(line, countryColumn.name, 'default_imputed', 'imputed', countryMessage, null))
    } else if (parsedCountry.ok) country = parsedCountry.value
    else {
      const message = `${countryColumn.name} "${countryText}" is not a known country: country set to ${options.defaultCountry}`
      findings.push(finding(line, countryColumn.name, 'unknown_value', 'imputed', message, countryText))
    }
    const organisationText = cellAt(values, organisationColumn.index)
    let organisationPath: string[]
    if (organisationText === null) {
      organisationPath = defaultOrganisationPath.slice()
      findings.push(
        finding(line, organisationColumn.name, 'default_imputed', 'imputed', organisationMessage, null),
      )
    } else
      organisationPath = separator ? splitOrganisationPath(organisationText, separator) : [organisationText]

    if (isRejected || shortName === null) return { kind: 'rejected', findings }
    const datacenter: Datacenter = {
      sourceLine: line,
      shortName,
      longName: cellAt(values, longNameColumn.index),
      pue,
      country,
      organisationPath,
    }
    return { kind: 'datacenter', datacenter, findings }
  }
}
