/**
 * Reference item of an inventory line (NumEcoEval impact source MODEL | TYPE):
 *   item = referential.matching[normaliseModelKey(manufacturer, model)] ?? referential.defaultItemByCategory[category]
 * See docs/methodology/footprint.md#reference-item.
 */
import type { CategoryId } from '../inventory/categories.js'
import { normaliseModelKey } from '../referential/normalise-model-key.js'
import type { ReferenceItem, Referential } from '../referential/referential.js'

export type MatchedBy = 'model' | 'category-default'
export type ItemResolution = { item: ReferenceItem; matchedBy: MatchedBy }

function itemById(referential: Referential, itemId: string, reason: string): ReferenceItem {
  const item = referential.items.get(itemId)
  if (item === undefined) {
    throw new Error(
      `Referential ${referential.id}@${referential.version}: ${reason} names unknown item "${itemId}"`,
    )
  }
  return item
}

/** The item a model text is mapped to, or undefined when the referential has no mapping for it. */
export function matchModel(
  referential: Referential,
  manufacturer: string | null,
  model: string | null,
): ReferenceItem | undefined {
  if (referential.matching.size === 0 || (manufacturer === null && model === null)) return undefined
  const key = normaliseModelKey(manufacturer, model)
  const itemId = referential.matching.get(key)
  return itemId === undefined ? undefined : itemById(referential, itemId, `matching "${key}"`)
}

/** The category's default item (NumEcoEval "refItemParDefaut"). */
export function categoryDefaultItem(referential: Referential, category: CategoryId): ReferenceItem {
  const itemId = referential.defaultItemByCategory[category]
  if (itemId === undefined) {
    throw new Error(
      `Referential ${referential.id}@${referential.version}: no default item for category "${category}"`,
    )
  }
  return itemById(referential, itemId, `the default of category "${category}"`)
}

/** Model match first, else the category default. */
export function resolveReferenceItem(
  referential: Referential,
  category: CategoryId,
  manufacturer: string | null,
  model: string | null,
): ItemResolution {
  const matched = matchModel(referential, manufacturer, model)
  if (matched !== undefined) return { item: matched, matchedBy: 'model' }
  return { item: categoryDefaultItem(referential, category), matchedBy: 'category-default' }
}

/** Above this many distinct (manufacturer, model) pairs the match cache starts over. */
const MODEL_CACHE_LIMIT = 100_000

/**
 * Cached item resolution for hot loops: `byModel` returns the compiled form of the item a model text matches
 * (null when none), `byCategory` the compiled category default. `compile` turns an item into whatever the
 * caller precomputes per item (factor plans…), once per item.
 */
export function createItemResolver<Compiled>(
  referential: Referential,
  compile: (item: ReferenceItem) => Compiled,
): {
  byModel(manufacturer: string | null, model: string | null): Compiled | null
  byCategory(category: CategoryId): Compiled
} {
  const compiledById = new Map<string, Compiled>()
  const compiledOf = (item: ReferenceItem): Compiled => {
    let compiled = compiledById.get(item.id)
    if (compiled === undefined) {
      compiled = compile(item)
      compiledById.set(item.id, compiled)
    }
    return compiled
  }
  const byCategory = new Map<CategoryId, Compiled>()
  const byModel = new Map<string, Map<string, Compiled | null>>()
  let modelCacheSize = 0
  return {
    byModel(manufacturer, model) {
      const manufacturerKey = manufacturer ?? ''
      const modelKey = model ?? ''
      let models = byModel.get(manufacturerKey)
      let entry = models?.get(modelKey)
      if (entry !== undefined) return entry
      const item = matchModel(referential, manufacturer, model)
      entry = item === undefined ? null : compiledOf(item)
      if (modelCacheSize >= MODEL_CACHE_LIMIT) {
        byModel.clear()
        modelCacheSize = 0
        models = undefined
      }
      if (models === undefined) {
        models = new Map()
        byModel.set(manufacturerKey, models)
      }
      models.set(modelKey, entry)
      modelCacheSize += 1
      return entry
    },
    byCategory(category) {
      let compiled = byCategory.get(category)
      if (compiled === undefined) {
        compiled = compiledOf(categoryDefaultItem(referential, category))
        byCategory.set(category, compiled)
      }
      return compiled
    },
  }
}
