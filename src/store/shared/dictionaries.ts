/**
 * In-memory copy of the small dictionary tables (organisation, site, model, country), extended during an import
 * and written at commit. Shared by both engines: only the query that loads it differs.
 */
import type { CategoryId } from '../../core/inventory/categories.js'

/** One result row, as both engines' adapters answer it. */
export type Row = unknown[]

export const PATH_SEPARATOR = ' > '
export const KEY_SEPARATOR = '\u0000'

/** An id as read by either engine: DuckDB answers BIGINT as bigint, PostgreSQL as a string. */
const toNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value))

export class Dictionaries {
  organisations = new Map<string, number>()
  private readonly organisationByPath = new WeakMap<readonly string[], number>()
  /** Site ids by organisation id, then by name (no joined key string to build per look-up). */
  private readonly siteByOrganisation = new Map<number, Map<string, number>>()
  models = new Map<string, number>()
  private readonly modelByCategory = new Map<string, Map<string | null, Map<string | null, number>>>()
  countries = new Map<string, number>()
  newCountries: Row[] = []
  newOrganisations: Row[] = []
  newSites: Row[] = []
  newModels: Row[] = []
  private nextOrganisation = 1
  private nextSite = 1
  private nextModel = 1
  private nextCountry = 1

  /** Loads the dictionaries through the engine's query function (`text` → rows). */
  static async load(query: (text: string) => Promise<Row[]>): Promise<Dictionaries> {
    const dictionaries = new Dictionaries()
    for (const [id, path] of await query('SELECT id, path FROM organisation')) {
      dictionaries.organisations.set(path as string, toNumber(id))
      dictionaries.nextOrganisation = Math.max(dictionaries.nextOrganisation, toNumber(id) + 1)
    }
    for (const [id, organisationId, name] of await query('SELECT id, organisation_id, name FROM site')) {
      dictionaries.sitesOf(toNumber(organisationId)).set(name as string, toNumber(id))
      dictionaries.nextSite = Math.max(dictionaries.nextSite, toNumber(id) + 1)
    }
    for (const [id, category, manufacturer, model] of await query(
      'SELECT id, category, manufacturer, model FROM model',
    )) {
      dictionaries.models.set(
        `${category}${KEY_SEPARATOR}${manufacturer ?? ''}${KEY_SEPARATOR}${model ?? ''}`,
        toNumber(id),
      )
      dictionaries.nextModel = Math.max(dictionaries.nextModel, toNumber(id) + 1)
    }
    for (const [id, code] of await query('SELECT id, code FROM country')) {
      dictionaries.countries.set(code as string, toNumber(id))
      dictionaries.nextCountry = Math.max(dictionaries.nextCountry, toNumber(id) + 1)
    }
    return dictionaries
  }

  country(code: string): number {
    const known = this.countries.get(code)
    if (known !== undefined) return known
    const id = this.nextCountry++
    this.countries.set(code, id)
    this.newCountries.push([id, code])
    return id
  }

  organisation(path: readonly string[]): number {
    const cached = this.organisationByPath.get(path)
    if (cached !== undefined) return cached
    const id = this.organisationOfKey(path)
    this.organisationByPath.set(path, id)
    return id
  }

  /** The id of an organisation given by its joined path ("CNAM > CPAM Rhône"), created when new. */
  organisationOfPath(joinedPath: string): number {
    const known = this.organisations.get(joinedPath)
    if (known !== undefined) return known
    return this.organisationOfKey(joinedPath.split(PATH_SEPARATOR))
  }

  private organisationOfKey(path: readonly string[]): number {
    const key = path.join(PATH_SEPARATOR)
    const known = this.organisations.get(key)
    if (known !== undefined) return known
    const parentId = path.length > 1 ? this.organisationOfKey(path.slice(0, -1)) : null
    const id = this.nextOrganisation++
    this.organisations.set(key, id)
    this.newOrganisations.push([id, parentId, path[path.length - 1], key, path.length])
    return id
  }

  site(organisationId: number, name: string): number {
    const byName = this.sitesOf(organisationId)
    const known = byName.get(name)
    if (known !== undefined) return known
    const id = this.nextSite++
    byName.set(name, id)
    this.newSites.push([id, organisationId, name])
    return id
  }

  private sitesOf(organisationId: number): Map<string, number> {
    let byName = this.siteByOrganisation.get(organisationId)
    if (!byName) this.siteByOrganisation.set(organisationId, (byName = new Map()))
    return byName
  }

  model(category: CategoryId, manufacturer: string | null, model: string | null): number {
    let byManufacturer = this.modelByCategory.get(category)
    if (!byManufacturer) this.modelByCategory.set(category, (byManufacturer = new Map()))
    let byModel = byManufacturer.get(manufacturer)
    if (!byModel) byManufacturer.set(manufacturer, (byModel = new Map()))
    const cached = byModel.get(model)
    if (cached !== undefined) return cached
    const id = this.modelOfKey(category, manufacturer, model)
    byModel.set(model, id)
    return id
  }

  private modelOfKey(category: CategoryId, manufacturer: string | null, model: string | null): number {
    const key = `${category}${KEY_SEPARATOR}${manufacturer ?? ''}${KEY_SEPARATOR}${model ?? ''}`
    const known = this.models.get(key)
    if (known !== undefined) return known
    const id = this.nextModel++
    this.models.set(key, id)
    this.newModels.push([id, category, manufacturer, model])
    return id
  }
}
