/**
 * Row normalisation of the NumEcoEval / G4IT files that are not physical equipment: virtual equipment,
 * applications, non-IT operations, messaging and entities (docs/formats.md). Each row becomes a typed record,
 * or the findings that explain why it was rejected, with the same sentences as asset rows.
 */
import type { ColumnPlan, RecordKind } from '../formats/format-profiles.js'
import { fractionOf, type LoadUnit } from '../formats/unit-choices.js'
import type { Finding, FindingCode } from '../quality/finding.js'
import { cloudProviderOf, cloudRegionOf, findCcfInstance, providersOfRegion } from '../cloud/cloud-lines.js'
import type { CloudProvider } from '../cloud/ccf-coefficients.js'
import { dayNumberOf } from './day-number.js'
import type {
  Application,
  CloudEmissionsLine,
  CloudUsageLine,
  DataQuality,
  Entity,
  InfrastructureType,
  InventoryRecord,
  MessagingVolume,
  NonItOperation,
  VirtualEquipment,
  VirtualEquipmentType,
} from './inventory-records.js'
import {
  cellAt,
  columnOf,
  missingMessage,
  rejectUnreadable,
  type Column,
  type NormalisedRow,
  type NormaliseOptions,
  type RowToNormalise,
} from './normalise-row.js'
import { parseNumber } from './parse-values.js'

const UNKNOWN_ORGANISATION = '(unknown)'
const QUALITIES: ReadonlySet<string> = new Set<DataQuality>(['BASSE', 'MOYENNE', 'HAUTE'])
const INFRASTRUCTURE_TYPES: ReadonlySet<string> = new Set<InfrastructureType>([
  'NON_CLOUD_SERVERS',
  'CLOUD_SERVICES',
])
const VIRTUAL_EQUIPMENT_TYPES: ReadonlySet<string> = new Set<VirtualEquipmentType>(['calcul', 'stockage'])
/** Fields a G4IT cloud instance needs (anchors §D.2). */
const CLOUD_FIELDS = ['provider', 'instanceType', 'location', 'averageLoad', 'annualUsageHours'] as const
const MINIMUM_YEAR = 1900
const MAXIMUM_YEAR = 2199

/** The record kinds, by the kind of their format profile. */
const RECORD_KINDS: ReadonlySet<RecordKind> = new Set<RecordKind>([
  'virtual-equipment',
  'applications',
  'non-it-operations',
  'messaging',
  'entities',
  'cloud-usage',
  'cloud-emissions',
])

/** True for the formats whose rows become typed records (not assets, not datacenters). */
export function isRecordKind(kind: RecordKind): boolean {
  return RECORD_KINDS.has(kind)
}

/** Reads the cells of one row at a time, collecting findings; built once per file. */
type RowReader = {
  column(field: string): Column
  text(field: string): string | null
  /** The cell, or a rejection (`missing_value`) saying what needs it. */
  required(field: string, need: string): string | null
  /** A number, rejected when it is not one or when it is negative. */
  number(field: string): number | null
  /** A quantity: 1 when the cell is empty (imputed), rejected unless positive. */
  quantity(field: string): number
  /** A fraction of 1 (`0.25` or `25 %`), rejected outside 0 to 1. */
  share(field: string): number | null
  /** A load in the import's unit, converted to a fraction of 1; rejected outside 0 to 100 %. */
  load(field: string, unit: LoadUnit | undefined): number | null
  /** One of `allowed` (matched case-insensitively); rejected otherwise. */
  oneOf<T extends string>(field: string, allowed: ReadonlySet<string>, fallback: T | null): T | null
  quality(field: string): DataQuality | null
  organisation(): string[]
  warn(field: string, code: FindingCode, message: string, value: string | null): void
  reject(field: string, code: FindingCode, message: string, value: string | null): void
}

type ReaderState = { line: number; values: string[]; findings: Finding[]; isRejected: boolean }

function createRowReader(plan: ColumnPlan, options: NormaliseOptions, state: ReaderState): RowReader {
  const columns = new Map<string, Column>()
  const column = (field: string): Column => {
    let found = columns.get(field)
    if (!found) columns.set(field, (found = columnOf(plan, field)))
    return found
  }
  const nameOf = (field: string): string => column(field).name ?? plan.profile.columns[field]?.[0] ?? field
  const add = (
    field: string,
    code: FindingCode,
    severity: Finding['severity'],
    message: string,
    value: string | null,
  ) => state.findings.push({ line: state.line, column: column(field).name, code, severity, message, value })
  const reject = (field: string, code: FindingCode, message: string, value: string | null): void => {
    add(field, code, 'rejected', message, value)
    state.isRejected = true
  }
  const text = (field: string): string | null => cellAt(state.values, column(field).index)
  const readNumber = (field: string, cell: string): number | null => {
    const parsed = parseNumber(cell)
    if (parsed !== null && parsed.ok) return parsed.value
    reject(field, 'invalid_number', `${nameOf(field)} "${cell}" is not a valid number`, cell)
    return null
  }
  const defaultOrganisationPath = options.defaultOrganisationPath ?? [UNKNOWN_ORGANISATION]
  const organisationMessage = missingMessage(
    column('organisation'),
    'organisation',
    `"${defaultOrganisationPath.join(' > ')}"`,
  )
  const quantityMessage = missingMessage(column('quantity'), 'quantity', '1')

  return {
    column,
    text,
    reject,
    warn: (field, code, message, value) => add(field, code, 'warning', message, value),
    required(field, need) {
      const cell = text(field)
      if (cell === null) {
        const message = column(field).name
          ? `${nameOf(field)} is empty: ${need}`
          : `No ${nameOf(field)} column: ${need}`
        reject(field, 'missing_value', message, null)
      }
      return cell
    },
    number(field) {
      const cell = text(field)
      if (cell === null) return null
      const value = readNumber(field, cell)
      if (value === null || value >= 0) return value
      reject(field, 'out_of_range', `${nameOf(field)} "${cell}" must not be negative`, cell)
      return null
    },
    quantity(field) {
      const cell = text(field)
      if (cell === null) {
        if (column(field).index >= 0) add(field, 'default_imputed', 'imputed', quantityMessage, null)
        return 1
      }
      const value = readNumber(field, cell)
      if (value === null) return 1
      if (value > 0) return value
      reject(field, 'negative_quantity', `${nameOf(field)} "${cell}" must be a positive number`, cell)
      return 1
    },
    share(field) {
      const cell = text(field)
      if (cell === null) return null
      const hasPercentSign = cell.endsWith('%')
      const value = readNumber(field, hasPercentSign ? cell.slice(0, -1) : cell)
      if (value === null) return null
      const share = hasPercentSign ? value / 100 : value
      if (share >= 0 && share <= 1) return share
      reject(field, 'out_of_range', `${nameOf(field)} "${cell}" is not a share between 0 and 1`, cell)
      return null
    },
    load(field, unit) {
      const cell = text(field)
      if (cell === null) return null
      const hasPercentSign = cell.endsWith('%')
      const value = readNumber(field, hasPercentSign ? cell.slice(0, -1) : cell)
      if (value === null) return null
      // Without a unit the import found no fraction-like value: above 1 is a percentage, 0 is 0 either way.
      const fraction = fractionOf(value, unit ?? (value > 1 ? 'percent' : 'fraction'), hasPercentSign)
      if (fraction >= 0 && fraction <= 1) return fraction
      const expected = unit === 'fraction' && !hasPercentSign ? '0 to 1 (--load-unit fraction)' : '0 to 100 %'
      reject(
        field,
        'out_of_range',
        `${nameOf(field)} "${cell}" is not a valid load (expected ${expected})`,
        cell,
      )
      return null
    },
    oneOf<T extends string>(field: string, allowed: ReadonlySet<string>, fallback: T | null): T | null {
      const cell = text(field)
      if (cell === null) return fallback
      for (const value of allowed) if (value.toLowerCase() === cell.toLowerCase()) return value as T
      const message = `${nameOf(field)} "${cell}" is not one of ${[...allowed].join(', ')}`
      reject(field, 'unknown_value', message, cell)
      return null
    },
    quality(field) {
      const cell = text(field)
      if (cell === null) return null
      const upper = cell.toUpperCase()
      if (QUALITIES.has(upper)) return upper as DataQuality
      const message = `${nameOf(field)} "${cell}" is not a known quality (BASSE, MOYENNE, HAUTE): ignored`
      add(field, 'unknown_value', 'warning', message, cell)
      return null
    },
    organisation() {
      const cell = text('organisation')
      if (cell !== null) return [cell]
      add('organisation', 'default_imputed', 'imputed', organisationMessage, null)
      return defaultOrganisationPath.slice()
    },
  }
}

type RecordBuilder = (read: RowReader, line: number) => InventoryRecord | null

/** Builds the normaliser of one file of typed records (column plan computed once). */
export function createRecordNormaliser(
  plan: ColumnPlan,
  options: NormaliseOptions,
): (row: RowToNormalise) => NormalisedRow {
  const state: ReaderState = { line: 0, values: [], findings: [], isRejected: false }
  const read = createRowReader(plan, options, state)
  const build = recordBuilder(plan.profile.kind, options)
  const columnCount = plan.header.length
  return (row) => {
    const unreadable = rejectUnreadable(row, columnCount)
    if (unreadable) return { kind: 'rejected', findings: unreadable }
    state.line = row.line
    state.values = row.values
    state.findings = []
    state.isRejected = false
    const record = build(read, row.line)
    if (state.isRejected || record === null) return { kind: 'rejected', findings: state.findings }
    return { kind: 'record', record, findings: state.findings }
  }
}

function recordBuilder(kind: RecordKind, options: NormaliseOptions): RecordBuilder {
  if (kind === 'virtual-equipment')
    return (read, line) => readVirtualEquipment(read, line, options.units?.loadUnit)
  if (kind === 'applications') return readApplication
  if (kind === 'non-it-operations') return readNonItOperation
  if (kind === 'messaging') return readMessaging
  if (kind === 'entities') return readEntity
  if (kind === 'cloud-usage')
    return (read, line) => readCloudUsage(read, line, options.units?.loadUnit, options.referenceDay)
  if (kind === 'cloud-emissions') return (read, line) => readCloudEmissions(read, line, options.referenceDay)
  throw new Error(`The ${kind} format has no record normaliser.`)
}

function readVirtualEquipment(
  read: RowReader,
  line: number,
  loadUnit: LoadUnit | undefined,
): VirtualEquipment | null {
  const name = read.required('name', 'a virtual equipment needs a name')
  const infrastructureType = read.oneOf<InfrastructureType>(
    'infrastructureType',
    INFRASTRUCTURE_TYPES,
    'NON_CLOUD_SERVERS',
  )
  const record: VirtualEquipment = {
    kind: 'virtual-equipment',
    sourceLine: line,
    organisationPath: read.organisation(),
    name: name ?? '',
    physicalEquipment: read.text('physicalEquipment'),
    physicalEquipmentSource: read.text('physicalEquipmentSource'),
    infrastructureType: infrastructureType ?? 'NON_CLOUD_SERVERS',
    quantity: read.quantity('quantity'),
    allocationShare: read.share('allocationShare'),
    vcpu: read.number('vcpu'),
    cluster: read.text('cluster'),
    annualKwh: read.number('annualKwh'),
    type: read.oneOf<VirtualEquipmentType>('type', VIRTUAL_EQUIPMENT_TYPES, null),
    storageCapacity: read.number('storageCapacity'),
    provider: read.text('provider'),
    instanceType: read.text('instanceType'),
    location: read.text('location'),
    averageLoad: read.load('averageLoad', loadUnit),
    annualUsageHours: read.number('annualUsageHours'),
    dataSource: read.text('dataSource'),
    quality: read.quality('quality'),
  }
  if (record.infrastructureType === 'CLOUD_SERVICES') {
    for (const field of CLOUD_FIELDS) read.required(field, 'a CLOUD_SERVICES instance needs it')
  } else if (name !== null && record.physicalEquipment === null) {
    const host = read.column('physicalEquipment').name ?? 'nomEquipementPhysique'
    read.warn(
      'physicalEquipment',
      'missing_value',
      `${host} is empty: the virtual equipment "${name}" has no host to take its share from`,
      null,
    )
  }
  return record
}

function readApplication(read: RowReader, line: number): Application {
  const name = read.required('name', 'an application needs a name')
  const environmentType = read.required('environmentType', 'an application needs an environment type')
  return {
    kind: 'application',
    sourceLine: line,
    organisationPath: read.organisation(),
    name: name ?? '',
    environmentType: environmentType ?? '',
    virtualEquipment: read.text('virtualEquipment'),
    virtualEquipmentSource: read.text('virtualEquipmentSource'),
    domain: read.text('domain'),
    subDomain: read.text('subDomain'),
    physicalEquipment: read.text('physicalEquipment'),
    dataSource: read.text('dataSource'),
    quality: read.quality('quality'),
  }
}

function readNonItOperation(read: RowReader, line: number): NonItOperation {
  const name = read.required('name', 'a non-IT item needs a name')
  const type = read.required('type', 'a non-IT item needs a type')
  return {
    kind: 'non-it-operation',
    sourceLine: line,
    organisationPath: read.organisation(),
    name: name ?? '',
    quantity: read.quantity('quantity'),
    type: type ?? '',
    lifetimeYears: read.number('lifetimeYears'),
    location: read.text('location'),
    datacenter: read.text('datacenter'),
    description: read.text('description'),
    annualKwh: read.number('annualKwh'),
    dataSource: read.text('dataSource'),
    quality: read.quality('quality'),
  }
}

function readMessaging(read: RowReader, line: number): MessagingVolume | null {
  const mailsSent = requiredNumber(read, 'mailsSent')
  const mailsSentTimesRecipients = requiredNumber(read, 'mailsSentTimesRecipients')
  const totalVolume = requiredNumber(read, 'totalVolume')
  const monthText = read.required('monthYear', 'a messaging line needs its month (MMAAAA)')
  const period = monthText === null ? null : parseMonthYear(monthText)
  if (monthText !== null && period === null) {
    const name = read.column('monthYear').name ?? 'MoisAnnee'
    const message = `${name} "${monthText}" is not a month written MMAAAA (e.g. 032024 for March 2024)`
    read.reject('monthYear', 'invalid_date', message, monthText)
  }
  const organisationPath = read.organisation()
  if (mailsSent === null || mailsSentTimesRecipients === null || totalVolume === null || period === null)
    return null
  return {
    kind: 'messaging',
    sourceLine: line,
    organisationPath,
    mailsSent,
    mailsSentTimesRecipients,
    totalVolume,
    year: period.year,
    month: period.month,
  }
}

function requiredNumber(read: RowReader, field: string): number | null {
  if (read.required(field, 'the messaging volumes are mandatory') === null) return null
  return read.number(field)
}

function readEntity(read: RowReader, line: number): Entity {
  const name = read.required('name', 'an entity needs a name')
  return {
    kind: 'entity',
    sourceLine: line,
    organisationPath: name === null ? [] : [name],
    name: name ?? '',
    staffCount: read.number('staffCount'),
    manager: read.text('manager'),
    digitalManager: read.text('digitalManager'),
  }
}

/**
 * NumEcoEval's `MoisAnnee`, an integer MMAAAA: `032024` → March 2024. Written as a number the leading zero
 * goes (`32024`), so five digits are read as MAAAA. Null when it is not a month of a plausible year.
 */
export function parseMonthYear(text: string): { year: number; month: number } | null {
  if (!/^\d{5,6}$/.test(text)) return null
  const number = Number(text)
  const month = Math.floor(number / 10000)
  const year = number % 10000
  if (month < 1 || month > 12 || year < MINIMUM_YEAR || year > MAXIMUM_YEAR) return null
  return { year, month }
}

/**
 * The provider of a cloud line: its cell, else the only provider having the line's region (an imputed finding);
 * rejected when neither tells it.
 */
function readProvider(read: RowReader, regionText: string | null): CloudProvider | null {
  const cell = read.text('provider')
  const name = read.column('provider').name ?? 'provider'
  if (cell !== null) {
    const provider = cloudProviderOf(cell)
    if (provider === null)
      read.reject('provider', 'unknown_value', `${name} "${cell}" is not one of AWS, Azure, GCP`, cell)
    return provider
  }
  const candidates = regionText === null ? [] : providersOfRegion(regionText)
  if (candidates.length === 1) {
    read.warn(
      'provider',
      'default_imputed',
      `${name} is empty: ${candidates[0]!} (the only provider with region "${regionText!}")`,
      null,
    )
    return candidates[0]!
  }
  read.reject(
    'provider',
    'missing_value',
    `${name} is empty: a cloud line needs its provider (AWS, Azure, GCP)`,
    null,
  )
  return null
}

/**
 * The month of a cloud line as `YYYY-MM`: `2024-03`, `2024-03-01`, `2024-03-01T00:00:00Z`, `202403` or `03/2024`.
 * Rejected when unreadable or outside the 12 months that end with the campaign's reference day (a line of
 * another year would be counted in this one).
 */
function readMonth(read: RowReader, referenceDay: number): string | null {
  const cell = read.text('month')
  if (cell === null) return null
  const name = read.column('month').name ?? 'month'
  const match = /^(\d{4})-?(\d{2})(?:$|[-T ])/.exec(cell) ?? null
  const slashed = match === null ? /^(\d{1,2})\/(\d{4})$/.exec(cell) : null
  const year = match ? Number(match[1]) : slashed ? Number(slashed[2]) : NaN
  const month = match ? Number(match[2]) : slashed ? Number(slashed[1]) : NaN
  if (!(month >= 1 && month <= 12) || !(year >= MINIMUM_YEAR && year <= MAXIMUM_YEAR)) {
    read.reject('month', 'invalid_date', `${name} "${cell}" is not a month (e.g. 2024-03)`, cell)
    return null
  }
  const firstDay = dayNumberOf(year, month, 1)
  if (firstDay > referenceDay || firstDay <= referenceDay - DAYS_IN_CAMPAIGN_WINDOW) {
    read.reject(
      'month',
      'out_of_range',
      `${name} "${cell}" is outside the campaign's 12 months: import it into the campaign of its year`,
      cell,
    )
    return null
  }
  return `${year}-${String(month).padStart(2, '0')}`
}

/** A month starts inside the campaign when its first day is within the 366 days that end with the reference day. */
const DAYS_IN_CAMPAIGN_WINDOW = 366

function readCloudUsage(
  read: RowReader,
  line: number,
  loadUnit: LoadUnit | undefined,
  referenceDay: number,
): CloudUsageLine | null {
  const regionText = read.required('region', 'a cloud usage line needs its region')
  const provider = readProvider(read, regionText)
  const hoursText = read.required('usageHours', 'a cloud usage line needs its instance-hours')
  const usageHours = hoursText === null ? null : read.number('usageHours')
  const instanceType = read.text('instanceType')
  const vcpu = read.number('vcpu')
  const record = {
    service: read.text('service'),
    averageLoad: read.load('averageLoad', loadUnit),
    architecture: read.text('architecture'),
    month: readMonth(read, referenceDay),
    organisationPath: read.organisation(),
  }
  if (provider === null || regionText === null || usageHours === null) return null
  const region = cloudRegionOf(provider, regionText)
  if (region === null) {
    const name = read.column('region').name ?? 'region'
    read.reject(
      'region',
      'unknown_value',
      `${name} "${regionText}" has no ${provider} grid factor in the CCF coefficients`,
      regionText,
    )
    return null
  }
  if (vcpu === null && (instanceType === null || findCcfInstance(provider, instanceType) === null)) {
    const name = read.column('vcpu').name ?? 'vcpu'
    const why =
      instanceType === null
        ? 'no instance type'
        : `instance type "${instanceType}" is not in the CCF catalogue`
    read.reject(
      'vcpu',
      'missing_value',
      `${name} is empty and ${why}: a usage line needs its vCPU count`,
      null,
    )
    return null
  }
  return {
    kind: 'cloud-usage',
    sourceLine: line,
    provider,
    region,
    instanceType,
    usageHours,
    vcpu,
    ...record,
  }
}

function readCloudEmissions(read: RowReader, line: number, referenceDay: number): CloudEmissionsLine | null {
  const region = read.text('region')
  const provider = readProvider(read, region)
  const kilograms = read.number('kgCo2e')
  const tonnes = kilograms === null ? read.number('tonnesCo2e') : null
  if (
    kilograms === null &&
    tonnes === null &&
    read.text('kgCo2e') === null &&
    read.text('tonnesCo2e') === null
  )
    read.required(
      read.column('kgCo2e').index >= 0 || read.column('tonnesCo2e').index < 0 ? 'kgCo2e' : 'tonnesCo2e',
      'a cloud emissions line needs its emissions',
    )
  const record = {
    service: read.text('service'),
    month: readMonth(read, referenceDay),
    organisationPath: read.organisation(),
  }
  const kgCo2e = kilograms ?? (tonnes === null ? null : tonnes * KILOGRAMS_PER_TONNE)
  if (provider === null || kgCo2e === null) return null
  return { kind: 'cloud-emissions', sourceLine: line, provider, region, kgCo2e, ...record }
}

const KILOGRAMS_PER_TONNE = 1000
