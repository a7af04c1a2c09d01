import { ASSET_FIELDS, type Asset, type AssetField, type AssetStatus, type Ownership } from './asset.js'
import { CATEGORY_IDS, type CategoryId } from './categories.js'

/** Column codes of statuses (index = code). Stores keep these codes: append only, never reorder. */
export const STATUS_CODES: readonly AssetStatus[] = ['in-use', 'stock', 'retired']
/** Column codes of ownership: 0 = unknown, 1 = company, 2 = personal. Append only. */
export const OWNERSHIP_CODES: readonly (Ownership | null)[] = [null, 'company', 'personal']
const STATUSES = STATUS_CODES
const OWNERSHIPS = OWNERSHIP_CODES

/** The fields named by an imputed bit mask over ASSET_FIELDS. */
export function imputedFieldsOf(mask: number): AssetField[] {
  return ASSET_FIELDS.filter((_, bit) => (mask & (1 << bit)) !== 0)
}
const PATH_SEPARATOR = ' > '

/**
 * A batch of assets stored column by column: numbers in typed arrays (NaN stands for "none"), texts in
 * arrays. It crosses a worker boundary cheaply (typed arrays are transferred, not copied) and lets a
 * store append without building one object per asset.
 */
export type AssetColumns = {
  length: number
  sourceLine: Int32Array
  quantity: Float64Array
  purchaseDay: Float64Array
  retirementDay: Float64Array
  lifetimeYears: Float64Array
  annualKwh: Float64Array
  utilisationRate: Float64Array
  category: Uint8Array
  status: Uint8Array
  ownership: Uint8Array
  imputedMask: Int32Array
  /** Organisation path joined with " > ". */
  organisation: string[]
  site: (string | null)[]
  datacenter: (string | null)[]
  manufacturer: (string | null)[]
  model: (string | null)[]
  serial: (string | null)[]
  hostname: (string | null)[]
  country: string[]
}

/** Empty columns able to hold `capacity` assets. */
export function createAssetColumns(capacity: number): AssetColumns {
  return {
    length: 0,
    sourceLine: new Int32Array(capacity),
    quantity: new Float64Array(capacity),
    purchaseDay: new Float64Array(capacity),
    retirementDay: new Float64Array(capacity),
    lifetimeYears: new Float64Array(capacity),
    annualKwh: new Float64Array(capacity),
    utilisationRate: new Float64Array(capacity),
    category: new Uint8Array(capacity),
    status: new Uint8Array(capacity),
    ownership: new Uint8Array(capacity),
    imputedMask: new Int32Array(capacity),
    organisation: [],
    site: [],
    datacenter: [],
    manufacturer: [],
    model: [],
    serial: [],
    hostname: [],
    country: [],
  }
}

const orNaN = (value: number | null): number => (value === null ? Number.NaN : value)
const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value)

/** Appends one asset; returns false when the columns are full. `joinedPaths` caches joined organisation paths. */
export function appendAsset(
  columns: AssetColumns,
  asset: Asset,
  joinedPaths: WeakMap<readonly string[], string>,
): boolean {
  const index = columns.length
  if (index >= columns.sourceLine.length) return false
  columns.sourceLine[index] = asset.sourceLine
  columns.quantity[index] = asset.quantity
  columns.purchaseDay[index] = orNaN(asset.purchaseDay)
  columns.retirementDay[index] = orNaN(asset.retirementDay)
  columns.lifetimeYears[index] = orNaN(asset.lifetimeYears)
  columns.annualKwh[index] = orNaN(asset.annualKwh)
  columns.utilisationRate[index] = orNaN(asset.utilisationRate)
  columns.category[index] = CATEGORY_IDS.indexOf(asset.category)
  columns.status[index] = STATUSES.indexOf(asset.status)
  columns.ownership[index] = OWNERSHIPS.indexOf(asset.ownership)
  let mask = 0
  for (const field of asset.imputed) mask |= 1 << ASSET_FIELDS.indexOf(field)
  columns.imputedMask[index] = mask
  let path = joinedPaths.get(asset.organisationPath)
  if (path === undefined) {
    path = asset.organisationPath.join(PATH_SEPARATOR)
    joinedPaths.set(asset.organisationPath, path)
  }
  columns.organisation.push(path)
  columns.site.push(asset.site)
  columns.datacenter.push(asset.datacenter)
  columns.manufacturer.push(asset.manufacturer)
  columns.model.push(asset.model)
  columns.serial.push(asset.serial)
  columns.hostname.push(asset.hostname)
  columns.country.push(asset.country)
  columns.length = index + 1
  return true
}

/** Builds columns from asset objects (small batches, tests). */
export function toAssetColumns(assets: readonly Asset[]): AssetColumns {
  const columns = createAssetColumns(assets.length)
  const joined = new WeakMap<readonly string[], string>()
  for (const asset of assets) appendAsset(columns, asset, joined)
  return columns
}

/** Reads asset `index` back as an object. */
export function assetAt(columns: AssetColumns, index: number): Asset {
  const mask = columns.imputedMask[index]!
  return {
    sourceLine: columns.sourceLine[index]!,
    organisationPath: columns.organisation[index]!.split(PATH_SEPARATOR),
    site: columns.site[index]!,
    datacenter: columns.datacenter[index]!,
    category: CATEGORY_IDS[columns.category[index]!] as CategoryId,
    manufacturer: columns.manufacturer[index]!,
    model: columns.model[index]!,
    serial: columns.serial[index]!,
    hostname: columns.hostname[index]!,
    quantity: columns.quantity[index]!,
    purchaseDay: orNull(columns.purchaseDay[index]!),
    retirementDay: orNull(columns.retirementDay[index]!),
    lifetimeYears: orNull(columns.lifetimeYears[index]!),
    annualKwh: orNull(columns.annualKwh[index]!),
    utilisationRate: orNull(columns.utilisationRate[index]!),
    ownership: OWNERSHIPS[columns.ownership[index]!]!,
    country: columns.country[index]!,
    status: STATUSES[columns.status[index]!]!,
    imputed: imputedFieldsOf(mask),
  }
}

/** The typed arrays of a batch, for zero-copy transfer to another thread. */
export function transferablesOf(columns: AssetColumns): ArrayBuffer[] {
  return [
    columns.sourceLine,
    columns.quantity,
    columns.purchaseDay,
    columns.retirementDay,
    columns.lifetimeYears,
    columns.annualKwh,
    columns.utilisationRate,
    columns.category,
    columns.status,
    columns.ownership,
    columns.imputedMask,
  ].map((array) => array.buffer as ArrayBuffer)
}
