/**
 * NumEcoEval evaluation inputs (datacenters, physical equipment, virtual equipment, applications) read from the
 * NumEcoEval / G4IT input CSVs (`nomEquipementPhysique`, `dateAchat`…) or from NumEcoEval 1.x table dumps
 * (`nom_equipement_physique`, `date_achat`…): both namings are one column once underscores and case are
 * ignored. Dates are accepted as yyyy-MM-dd, yyyyMMdd or dd/MM/yyyy; numbers with `.` or `,`; an empty
 * quantity is 1 (README of the G4IT conformance fixtures, rule R22). Pure.
 */
import { dayNumberOf, isoDateOf } from '../inventory/day-number.js'
import { columnKey, parseDecimal, type CellTable, type TableProblem } from './referential-tables.js'

export type NeDatacenter = { name: string; label: string; pue: number | null; location: string | null; entity: string }

export type NePhysicalEquipment = {
  line: number
  name: string
  model: string
  quantity: number
  datacenter: string | null
  /** ISO dates (yyyy-mm-dd). */
  purchaseDate: string | null
  retirementDate: string | null
  type: string
  status: string
  countryOfUse: string | null
  /** Declared annual electricity of one unit, kWh per year. */
  annualKwh: number | null
  entity: string
  /** NumEcoEval 1.x rows carry these, copied from the referential at load time; null when absent. */
  isServer: boolean | null
  defaultLifetimeYears: number | null
  refItemTarget: string | null
  refItemDefault: string | null
}

export type NeVirtualEquipment = {
  line: number
  name: string
  host: string
  /** Explicit allocation share in [0,1] (`cleRepartition`). */
  allocationKey: number | null
  vcpu: number | null
  /** `calcul` (compute) or `stockage` (storage). */
  kind: string
  storageGb: number | null
  quantity: number
  cluster: string
  entity: string
}

export type NeApplication = {
  line: number
  name: string
  environment: string
  virtualEquipment: string
  host: string
  domain: string
  subDomain: string
  entity: string
}

export type NeInputs = {
  datacenters: NeDatacenter[]
  physicalEquipments: NePhysicalEquipment[]
  virtualEquipments: NeVirtualEquipment[]
  applications: NeApplication[]
}

/** Parses yyyy-MM-dd (a time part is ignored), yyyyMMdd or dd/MM/yyyy into an ISO date; null when not a date. */
export function parseNumEcoEvalDate(cell: string): string | null {
  const text = cell.trim()
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text)
  const match: string[] | null = iso
    ? [iso[1] ?? '', iso[2] ?? '', iso[3] ?? '']
    : french
      ? [french[3] ?? '', french[2] ?? '', french[1] ?? '']
      : null
  if (!match) return null
  const [yearText = '', monthText = '', dayText = ''] = match
  const [year, month, day] = [Number(yearText), Number(monthText), Number(dayText)]
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const result = isoDateOf(dayNumberOf(year, month, day))
  return result === `${yearText}-${monthText}-${dayText}` ? result : null
}

/** Whole calendar days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const dayOf = (iso: string): number =>
    dayNumberOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))
  return dayOf(to) - dayOf(from)
}

type Reader = {
  text(...names: string[]): string
  number(...names: string[]): number | null
  date(...names: string[]): string | null
  boolean(...names: string[]): boolean | null
}

function readRows<T>(
  table: CellTable,
  required: string[],
  build: (read: Reader, line: number) => T,
): { records: T[]; problems: TableProblem[] } {
  const keys = table.header.map(columnKey)
  const problems: TableProblem[] = []
  const missing = required.filter((name) => !keys.includes(columnKey(name)))
  if (missing.length > 0) {
    return {
      records: [],
      problems: missing.map((name) => ({
        file: table.file,
        line: table.headerLine,
        column: 0,
        columnName: name,
        message: `missing column "${name}" in the header`,
      })),
    }
  }
  const records: T[] = []
  for (const row of table.rows) {
    if (row.values.every((cell) => cell.trim() === '')) continue
    let isValid = true
    const locate = (names: string[]): number => {
      for (const name of names) {
        const index = keys.indexOf(columnKey(name))
        if (index >= 0) return index
      }
      return -1
    }
    const cellOf = (names: string[]): { index: number; text: string } => {
      const index = locate(names)
      const raw = index < 0 ? '' : (row.values[index] ?? '').trim()
      return { index, text: raw === 'NULL' || raw === 'null' ? '' : raw }
    }
    const fail = (index: number, message: string): void => {
      isValid = false
      problems.push({ file: table.file, line: row.line, column: index + 1, columnName: table.header[index] ?? '', message })
    }
    const read: Reader = {
      text: (...names) => cellOf(names).text,
      number: (...names) => {
        const { index, text } = cellOf(names)
        if (text === '') return null
        const value = parseDecimal(text)
        if (Number.isNaN(value)) fail(index, `"${text}" is not a number`)
        return Number.isNaN(value) ? null : value
      },
      date: (...names) => {
        const { index, text } = cellOf(names)
        if (text === '') return null
        const value = parseNumEcoEvalDate(text)
        if (value === null) fail(index, `"${text}" is not a date (yyyy-MM-dd, yyyyMMdd or dd/MM/yyyy)`)
        return value
      },
      boolean: (...names) => {
        const { index, text } = cellOf(names)
        if (text === '') return null
        if (/^(true|1)$/i.test(text)) return true
        if (/^(false|0)$/i.test(text)) return false
        fail(index, `"${text}" is not true or false`)
        return null
      },
    }
    const record = build(read, row.line)
    const nameIndex = locate([required[0] ?? ''])
    if (isValid && nameIndex >= 0 && (row.values[nameIndex] ?? '').trim() === '') {
      fail(nameIndex, 'a value is required')
    }
    if (isValid) records.push(record)
  }
  return { records, problems }
}

export function parseDatacenters(table: CellTable): { records: NeDatacenter[]; problems: TableProblem[] } {
  return readRows(table, ['nomCourtDatacenter'], (read) => ({
    name: read.text('nomCourtDatacenter'),
    label: read.text('nomLongDatacenter'),
    pue: read.number('pue'),
    location: read.text('localisation') || null,
    entity: read.text('nomEntite'),
  }))
}

export function parsePhysicalEquipments(table: CellTable): { records: NePhysicalEquipment[]; problems: TableProblem[] } {
  return readRows(table, ['nomEquipementPhysique', 'type'], (read, line) => ({
    line,
    name: read.text('nomEquipementPhysique'),
    model: read.text('modele'),
    quantity: read.number('quantite') ?? 1,
    datacenter: read.text('nomCourtDatacenter') || null,
    purchaseDate: read.date('dateAchat'),
    retirementDate: read.date('dateRetrait'),
    type: read.text('type'),
    status: read.text('statut'),
    countryOfUse: read.text('paysDUtilisation', 'pays_utilisation') || null,
    annualKwh: read.number('consoElecAnnuelle'),
    entity: read.text('nomEntite'),
    isServer: read.boolean('serveur'),
    defaultLifetimeYears: read.number('dureeVieDefaut'),
    refItemTarget: read.text('refEquipementCible') || null,
    refItemDefault: read.text('refEquipementParDefaut') || null,
  }))
}

export function parseVirtualEquipments(table: CellTable): { records: NeVirtualEquipment[]; problems: TableProblem[] } {
  return readRows(table, ['nomEquipementVirtuel', 'nomEquipementPhysique'], (read, line) => ({
    line,
    name: read.text('nomEquipementVirtuel'),
    host: read.text('nomEquipementPhysique'),
    allocationKey: read.number('cleRepartition'),
    vcpu: read.number('vCPU'),
    kind: read.text('typeEqv'),
    storageGb: read.number('capaciteStockage'),
    quantity: read.number('quantite') ?? 1,
    cluster: read.text('cluster'),
    entity: read.text('nomEntite'),
  }))
}

export function parseApplications(table: CellTable): { records: NeApplication[]; problems: TableProblem[] } {
  return readRows(table, ['nomApplication', 'nomEquipementVirtuel'], (read, line) => ({
    line,
    name: read.text('nomApplication'),
    environment: read.text('typeEnvironnement'),
    virtualEquipment: read.text('nomEquipementVirtuel'),
    host: read.text('nomEquipementPhysique'),
    domain: read.text('domaine'),
    subDomain: read.text('sousDomaine'),
    entity: read.text('nomEntite'),
  }))
}
