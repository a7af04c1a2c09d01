import type { CategoryId } from './categories.js'

/** A calendar day as days since 1970-01-01 (UTC). Integers keep the core free of Date objects. */
export type DayNumber = number

export type Ownership = 'company' | 'personal'
export type AssetStatus = 'in-use' | 'stock' | 'retired'

/** Field names of the canonical (normalised) inventory line; also the generic CSV columns. */
export const ASSET_FIELDS = [
  'organisation',
  'site',
  'datacenter',
  'category',
  'manufacturer',
  'model',
  'serial',
  'hostname',
  'quantity',
  'purchaseDate',
  'retirementDate',
  'lifetimeYears',
  'annualKwh',
  'utilisationRate',
  'ownership',
  'country',
  'status',
] as const
export type AssetField = (typeof ASSET_FIELDS)[number]

/**
 * One inventory line after normalisation. `organisationPath` goes from the root body down
 * (e.g. ['CNAM', 'CPAM 75']). `imputed` names the fields filled with a default.
 */
export type Asset = {
  sourceLine: number
  organisationPath: string[]
  site: string | null
  datacenter: string | null
  category: CategoryId
  manufacturer: string | null
  model: string | null
  serial: string | null
  hostname: string | null
  quantity: number
  purchaseDay: DayNumber | null
  retirementDay: DayNumber | null
  lifetimeYears: number | null
  annualKwh: number | null
  utilisationRate: number | null
  ownership: Ownership | null
  /** ISO 3166-1 alpha-2 country of use, upper case. */
  country: string
  status: AssetStatus
  imputed: AssetField[]
}

/** A datacenter line (NumEcoEval DataCenter file). */
export type Datacenter = {
  sourceLine: number
  shortName: string
  longName: string | null
  pue: number | null
  country: string
  organisationPath: string[]
}
