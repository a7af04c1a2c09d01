/**
 * Resolves the distinct models of a campaign to reference items, once per model, in this order:
 *   1. a mapping rule naming a reference item (method "rule", confidence 1);
 *   2. the referential's own matching table on the normalised key (method "model", confidence 1);
 *   3. a fuzzy match of the free text against the referential's models and items, kept when its confidence
 *      reaches the threshold (method "fuzzy", with its confidence);
 *   4. otherwise the category default (method "category-default", flagged in the quality report).
 * The result is folded into a copy of the referential (`withResolvedModels`): its matching table gains the
 * keys resolved by rule or fuzzy match, so that the calculator, the levers and `explain` all use the same item.
 */
import type { CategoryId } from '../inventory/categories.js'
import { normaliseModelKey } from '../referential/normalise-model-key.js'
import type { Referential } from '../referential/referential.js'
import { createRuleLookup, type MappingRule } from './mapping-rules.js'

export type ModelText = {
  id: number
  category: CategoryId
  manufacturer: string | null
  model: string | null
}

export type ResolutionMethod = 'rule' | 'model' | 'fuzzy' | 'category-default'

export type ModelResolution = {
  modelId: number
  key: string
  itemId: string
  method: ResolutionMethod
  /** 1 for a rule or an exact key; the matcher's score for a fuzzy match; 0 for a category default. */
  confidence: number
  ruleId: number | null
}

/** A fuzzy matcher: the best reference item for a free text, with a confidence from 0 to 1, or null. */
export type FuzzyMatch = (
  manufacturer: string | null,
  model: string | null,
  category: CategoryId,
) => { itemId: string; confidence: number } | null

/**
 * One resolution per model text.
 * @example resolveModels(models, { referential, rules: [], fuzzy: null, threshold: 0.8 })
 */
export function resolveModels(
  models: readonly ModelText[],
  options: {
    referential: Referential
    rules: readonly MappingRule[]
    fuzzy: FuzzyMatch | null
    threshold: number
  },
): ModelResolution[] {
  const { referential, fuzzy, threshold } = options
  const rules = createRuleLookup(options.rules.filter((rule) => rule.referenceItem !== null))
  return models.map((model) => {
    const key =
      model.manufacturer === null && model.model === null
        ? ''
        : normaliseModelKey(model.manufacturer, model.model)
    const defaultItem = referential.defaultItemByCategory[model.category]
    const base = { modelId: model.id, key }
    if (key === '')
      return { ...base, itemId: defaultItem, method: 'category-default', confidence: 0, ruleId: null }
    const rule = rules.ruleForKey(key)
    if (rule !== null && referential.items.has(rule.referenceItem!)) {
      return { ...base, itemId: rule.referenceItem!, method: 'rule', confidence: 1, ruleId: rule.id }
    }
    const exact = referential.matching.get(key)
    if (exact !== undefined) return { ...base, itemId: exact, method: 'model', confidence: 1, ruleId: null }
    const found = fuzzy === null ? null : fuzzy(model.manufacturer, model.model, model.category)
    if (found !== null && found.confidence >= threshold && referential.items.has(found.itemId)) {
      return { ...base, itemId: found.itemId, method: 'fuzzy', confidence: found.confidence, ruleId: null }
    }
    return { ...base, itemId: defaultItem, method: 'category-default', confidence: 0, ruleId: null }
  })
}

/**
 * A copy of the referential whose matching table also maps the keys resolved by a rule or a fuzzy match.
 * Its version names the resolution (`+rules.<fingerprint>`) so that results computed with it say so and are
 * recomputed when the rules change.
 */
export function withResolvedModels(
  referential: Referential,
  resolutions: readonly ModelResolution[],
  fingerprint: string,
): Referential {
  const added = resolutions.filter(
    (resolution) =>
      (resolution.method === 'rule' || resolution.method === 'fuzzy') &&
      referential.matching.get(resolution.key) !== resolution.itemId,
  )
  if (added.length === 0 && fingerprint === '') return referential
  const matching = new Map(referential.matching)
  for (const resolution of added) matching.set(resolution.key, resolution.itemId)
  return {
    ...referential,
    version: fingerprint === '' ? referential.version : `${referential.version}+${fingerprint}`,
    matching,
  }
}

/** A short stable text naming a rule set and a matcher threshold (FNV-1a over the rules' content). */
export function resolutionFingerprint(rules: readonly MappingRule[], matcherVersion: string): string {
  if (rules.length === 0 && matcherVersion === '') return ''
  let hash = 0x811c9dc5
  const text =
    matcherVersion +
    '|' +
    [...rules]
      .sort((a, b) => a.id - b.id)
      .map((rule) => `${rule.pattern}=${rule.referenceItem ?? ''}`)
      .join('|')
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `rules.${rules.filter((rule) => rule.referenceItem !== null).length}.${hash.toString(16).padStart(8, '0')}`
}
