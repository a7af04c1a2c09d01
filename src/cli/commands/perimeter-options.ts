import { AppError } from '../../app/errors.js'
import type { CategoryId } from '../../core/inventory/categories.js'
import { parseCategoryList, parsePerimeter, splitList } from '../../core/scenarios/perimeter.js'
import type { ParsedOptions } from '../parse-options.js'

/** The perimeter given by `--perimeter organisation=…;categories=…;sites=…` or by `--organisation/--categories/--sites`. */
export function perimeterOptions(
  options: ParsedOptions,
): { organisation: string | null; categories: CategoryId[]; sites: string[] } | null {
  const hasParts = options.organisation !== null || options.categories !== null || options.sites !== null
  if (options.perimeter !== null) {
    if (hasParts) {
      throw new AppError(
        'invalid_argument',
        'Give the perimeter either as --perimeter "organisation=…;categories=…;sites=…" or with --organisation, --categories and --sites, not both.',
      )
    }
    const parsed = parsePerimeter(options.perimeter)
    if (parsed.errors.length > 0) throw new AppError('invalid_argument', parsed.errors.join('\n'))
    return parsed.perimeter
  }
  if (!hasParts) return null
  const categories =
    options.categories === null ? { categories: [], errors: [] } : parseCategoryList(options.categories)
  if (categories.errors.length > 0) throw new AppError('invalid_argument', categories.errors.join('\n'))
  return {
    organisation: options.organisation,
    categories: categories.categories,
    sites: options.sites === null ? [] : splitList(options.sites),
  }
}
