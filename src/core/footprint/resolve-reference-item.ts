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
