/**
 * The compute rows of a campaign kept in memory as typed arrays, so that repeated scenarios on the same campaign
 * (dashboard sliders, scenario comparisons, action progress) evaluate without reading the rows from the store
 * again: reading and decoding them is about half of a scenario over the demo fleet (bench/README.md).
 *
 * Valid while the campaign's assets revision (every inventory or telemetry import bumps it) and the referential
 * stay the same; kept per store (one process owns a workspace file), at most MAX_ENTRIES campaigns per store.
 */
import type { CategoryId } from '../core/inventory/categories.js'
import type { FootprintInput } from '../core/footprint/compute-footprint.js'
import type { ComputeBatch, WorkspaceStore } from './ports.js'

const MAX_ENTRIES = 2
/** datacenterPue: not hosted in a datacenter (undefined) and hosted with an unknown PUE (null). */
const NOT_HOSTED = -1
const UNKNOWN_PUE = -2

type ModelEntry = { category: CategoryId; manufacturer: string | null; model: string | null }

/** The rows of one campaign, column by column; null cells are NaN (numbers) or -1 (indexes). */
class CachedComputeRows implements ComputeBatch {
  length = 0
  private capacity = 1024
  private assetIds = new Float64Array(this.capacity)
  private modelIndex = new Int32Array(this.capacity)
  private organisationIndex = new Int32Array(this.capacity)
  private siteIndex = new Int32Array(this.capacity)
  private countryIndex = new Int32Array(this.capacity)
  private ownershipIndex = new Int32Array(this.capacity)
  private numbers = new Float64Array(this.capacity * 8)
  private readonly models: ModelEntry[] = []
  private readonly modelIds = new Map<string, number>()
  private readonly texts: (string | null)[] = []
  private readonly textIds = new Map<string | null, number>()
  readonly hasSites: boolean

  constructor(hasSites: boolean) {
    this.hasSites = hasSites
    if (!hasSites) this.site = undefined
  }

  private textId(text: string | null): number {
    let id = this.textIds.get(text)
    if (id === undefined) {
      id = this.texts.length
      this.texts.push(text)
      this.textIds.set(text, id)
    }
    return id
  }

  private grow(): void {
    this.capacity *= 2
    const grown = <T extends Float64Array | Int32Array>(array: T, factor = 1): T => {
      const copy = new (array.constructor as new (length: number) => T)(this.capacity * factor)
      copy.set(array)
      return copy
    }
    this.assetIds = grown(this.assetIds)
    this.modelIndex = grown(this.modelIndex)
    this.organisationIndex = grown(this.organisationIndex)
    this.siteIndex = grown(this.siteIndex)
    this.countryIndex = grown(this.countryIndex)
    this.ownershipIndex = grown(this.ownershipIndex)
    this.numbers = grown(this.numbers, 8)
  }

  /** Appends row `index` of `batch` (already filled into `input`); false when the row cannot be kept. */
  append(batch: ComputeBatch, index: number, input: FootprintInput): boolean {
    if (input.electricityOverride !== undefined && input.electricityOverride !== null) return false
    if (this.length === this.capacity) this.grow()
    const row = this.length
    const modelKey = `${input.category}\u0000${input.manufacturer ?? '\u0001'}\u0000${input.model ?? '\u0001'}`
    let model = this.modelIds.get(modelKey)
    if (model === undefined) {
      model = this.models.length
      this.models.push({ category: input.category, manufacturer: input.manufacturer, model: input.model })
      this.modelIds.set(modelKey, model)
    }
    this.assetIds[row] = batch.assetId(index)
    this.modelIndex[row] = model
    this.organisationIndex[row] = this.textId(batch.organisation(index))
    this.siteIndex[row] = this.hasSites ? this.textId(batch.site!(index)) : -1
    this.countryIndex[row] = this.textId(input.country)
    this.ownershipIndex[row] = this.textId(input.ownership)
    const base = row * 8
    const numbers = this.numbers
    numbers[base] = input.quantity
    numbers[base + 1] = input.purchaseDay ?? NaN
    numbers[base + 2] = input.retirementDay ?? NaN
    numbers[base + 3] = input.lifetimeYears ?? NaN
    numbers[base + 4] = input.annualKwh ?? NaN
    numbers[base + 5] = input.utilisationRate ?? NaN
    numbers[base + 6] = input.poweredHoursPerYear ?? NaN
    numbers[base + 7] =
      input.datacenterPue === undefined
        ? NOT_HOSTED
        : input.datacenterPue === null
          ? UNKNOWN_PUE
          : input.datacenterPue
    this.length += 1
    return true
  }

  assetId(index: number): number {
    return this.assetIds[index]!
  }
  organisation(index: number): string {
    return this.texts[this.organisationIndex[index]!]!
  }
  site?: (index: number) => string | null = (index) => this.texts[this.siteIndex[index]!] ?? null

  fill(index: number, input: FootprintInput): void {
    const model = this.models[this.modelIndex[index]!]!
    const numbers = this.numbers
    const base = index * 8
    const nullable = (value: number): number | null => (value !== value ? null : value)
    input.category = model.category
    input.manufacturer = model.manufacturer
    input.model = model.model
    input.quantity = numbers[base]!
    input.purchaseDay = nullable(numbers[base + 1]!)
    input.retirementDay = nullable(numbers[base + 2]!)
    input.lifetimeYears = nullable(numbers[base + 3]!)
    input.annualKwh = nullable(numbers[base + 4]!)
    input.utilisationRate = nullable(numbers[base + 5]!)
    input.poweredHoursPerYear = nullable(numbers[base + 6]!)
    const pue = numbers[base + 7]!
    input.datacenterPue = pue === NOT_HOSTED ? undefined : pue === UNKNOWN_PUE ? null : pue
    input.ownership = this.texts[this.ownershipIndex[index]!] as FootprintInput['ownership']
    input.country = this.texts[this.countryIndex[index]!]!
  }
}

const cache = new WeakMap<WorkspaceStore, Map<string, CachedComputeRows>>()

/**
 * The campaign's compute rows: from memory when `key` (campaign, assets revision, referential) was read before,
 * else from the store, kept for the next call while they are read. `key` null = do not cache.
 * @example for await (const batch of computeRows(deps.store, campaign.id, `${campaign.id}/7/ademe@2.1.0`, row)) …
 */
export async function* computeRows(
  store: WorkspaceStore,
  campaignId: number,
  key: string | null,
  scratch: FootprintInput,
): AsyncIterable<ComputeBatch> {
  const entries = cache.get(store) ?? new Map<string, CachedComputeRows>()
  const cached = key === null ? undefined : entries.get(key)
  if (cached !== undefined) {
    // Most recently used last.
    entries.delete(key!)
    entries.set(key!, cached)
    yield cached
    return
  }
  let building: CachedComputeRows | null = null
  for await (const batch of store.readComputeRows(campaignId)) {
    if (key !== null && building === null) building = new CachedComputeRows(batch.site !== undefined)
    if (building !== null) {
      for (let index = 0; index < batch.length; index++) {
        batch.fill(index, scratch)
        if (!building.append(batch, index, scratch)) {
          building = null
          key = null
          break
        }
      }
    }
    yield batch
  }
  if (key === null) return
  building ??= new CachedComputeRows(false)
  entries.set(key, building)
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  cache.set(store, entries)
}
