/**
 * The perimeter a scenario or an action applies to: an organisation subtree, categories and sites.
 *   line ∈ perimeter ⇔ (no organisation or path = organisation or path starts with "organisation > ")
 *                      ∧ (no categories or category ∈ categories) ∧ (no sites or site ∈ sites)
 * Text form (command line, saved rows): `organisation=CNAM > CPAM Rhône;categories=laptop+desktop;sites=Lyon+Vienne`.
 * See docs/scenarios.md#perimeter.
 */
import { CATEGORY_IDS, type CategoryId } from '../inventory/categories.js'

const PATH_SEPARATOR = ' > '

/** Empty lists mean "every category" and "every site"; a null organisation means the whole workspace. */
export type Perimeter = {
  /** Organisation path joined with " > ", or null for every organisation. */
  organisation: string | null
  categories: CategoryId[]
  /** Site names (case-insensitive). */
  sites: string[]
}

export const WHOLE_PERIMETER: Perimeter = { organisation: null, categories: [], sites: [] }

/** A fast membership test for one perimeter. */
export type PerimeterTest = {
  /** True when no organisation, category or site restricts the perimeter. */
  isWhole: boolean
  hasOrganisation(path: string): boolean
  has(path: string, category: CategoryId, site: string | null): boolean
}

/** Builds the membership test of a perimeter (organisation answers are cached per path). */
export function createPerimeterTest(perimeter: Perimeter): PerimeterTest {
  const prefix = perimeter.organisation
  const categories = new Set(perimeter.categories)
  const sites = new Set(perimeter.sites.map((site) => site.toLowerCase()))
  const byPath = new Map<string, boolean>()
  const hasOrganisation = (path: string): boolean => {
    if (prefix === null) return true
    let answer = byPath.get(path)
    if (answer === undefined) {
      answer = path === prefix || path.startsWith(prefix + PATH_SEPARATOR)
      byPath.set(path, answer)
    }
    return answer
  }
  return {
    isWhole: prefix === null && categories.size === 0 && sites.size === 0,
    hasOrganisation,
    has: (path, category, site) =>
      hasOrganisation(path) &&
      (categories.size === 0 || categories.has(category)) &&
      (sites.size === 0 || (site !== null && sites.has(site.toLowerCase()))),
  }
}

/**
 * Reads the text form `organisation=…;categories=a+b;sites=x+y` (every part optional, in any order).
 * Errors name the part and the value.
 */
export function parsePerimeter(text: string): { perimeter: Perimeter; errors: string[] } {
  const perimeter: Perimeter = { organisation: null, categories: [], sites: [] }
  const errors: string[] = []
  const seen = new Set<string>()
  for (const part of text.split(';')) {
    if (part.trim() === '') continue
    const equals = part.indexOf('=')
    if (equals < 0) {
      errors.push(
        `Perimeter part "${part.trim()}" has no "=": write name=value (organisation, categories, sites).`,
      )
      continue
    }
    const name = part.slice(0, equals).trim()
    const value = part.slice(equals + 1).trim()
    if (seen.has(name)) errors.push(`Perimeter part "${name}" is given twice.`)
    seen.add(name)
    if (value === '') {
      errors.push(`Perimeter part "${name}" has no value.`)
      continue
    }
    if (name === 'organisation') perimeter.organisation = value
    else if (name === 'categories') {
      const parsed = parseCategoryList(value)
      perimeter.categories = parsed.categories
      errors.push(...parsed.errors)
    } else if (name === 'sites') perimeter.sites = splitList(value)
    else errors.push(`Unknown perimeter part "${name}": use organisation, categories or sites.`)
  }
  return { perimeter, errors }
}

/** Reads `laptop+desktop` (or `laptop,desktop`) into known category ids; unknown ids are errors. */
export function parseCategoryList(text: string): { categories: CategoryId[]; errors: string[] } {
  const categories: CategoryId[] = []
  const errors: string[] = []
  for (const name of splitList(text)) {
    if ((CATEGORY_IDS as readonly string[]).includes(name)) {
      if (!categories.includes(name as CategoryId)) categories.push(name as CategoryId)
    } else errors.push(`Unknown category "${name}" in the perimeter. Known: ${CATEGORY_IDS.join(', ')}.`)
  }
  return { categories, errors }
}

/** Splits `a+b` or `a,b` into trimmed, non-empty items. */
export function splitList(text: string): string[] {
  return text
    .split(/[+,]/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
}

/** The text form of a perimeter (parts left out when they do not restrict); "everything" when whole. */
export function formatPerimeter(perimeter: Perimeter): string {
  const parts: string[] = []
  if (perimeter.organisation !== null) parts.push(`organisation=${perimeter.organisation}`)
  if (perimeter.categories.length > 0) parts.push(`categories=${perimeter.categories.join('+')}`)
  if (perimeter.sites.length > 0) parts.push(`sites=${perimeter.sites.join('+')}`)
  return parts.length === 0 ? 'everything' : parts.join(';')
}
