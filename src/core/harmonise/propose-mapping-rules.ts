/**
 * Mapping-rule proposals for the model texts that found no exact match, largest fleet share first, so that
 * reviewing the first few proposals settles most assets. See docs/methodology/model-matching.md#proposals.
 */
import type { CategoryId } from '../inventory/categories.js'
import { normaliseModelKey } from '../referential/normalise-model-key.js'
import { DEFAULT_MATCH_THRESHOLD, type MatchMethod, type ModelMatcher } from './model-matcher.js'

/** One distinct inventory text that did not match exactly, with the number of assets (quantities) it covers. */
export type UnmatchedModel = {
  manufacturer: string | null
  model: string | null
  category: CategoryId | null
  assets: number
}

export type MappingSuggestion = { itemId: string; confidence: number; method: MatchMethod }

/** A rule to review: `pattern` is the normalised key (`normaliseModelKey`) the rule would be saved under. */
export type ProposedMappingRule = {
  pattern: string
  manufacturer: string | null
  model: string | null
  category: CategoryId | null
  assets: number
  suggestion: MappingSuggestion | null
}

export type ProposeMappingRulesOptions = {
  /** How many proposals `topShare` counts. */
  top: number
  /** Suggestions below this confidence are left out (the rule is proposed with `suggestion: null`). */
  minimumConfidence?: number
}

export type MappingRuleProposals = {
  rules: ProposedMappingRule[]
  /** Assets of every unmatched text, including blank ones that cannot become a rule. */
  totalAssets: number
  topAssets: number
  /** topAssets / totalAssets, 0 when there is nothing unmatched. */
  topShare: number
}

/**
 * Groups the unmatched texts by normalised key (texts that differ only in case, spacing or manufacturer
 * spelling make one rule), sums their assets, asks the matcher for a suggestion and ranks the rules by assets
 * (descending), then pattern. The displayed texts and category are those of the group's largest entry.
 * @example proposeMappingRules([{ manufacturer: 'Dell', model: 'Latitude 5420', category: 'laptop', assets: 120 }], matcher, { top: 20 })
 */
export function proposeMappingRules(
  unmatched: readonly UnmatchedModel[],
  matcher: ModelMatcher,
  options: ProposeMappingRulesOptions,
): MappingRuleProposals {
  const minimumConfidence = options.minimumConfidence ?? DEFAULT_MATCH_THRESHOLD
  const groups = new Map<string, { largest: UnmatchedModel; assets: number }>()
  let totalAssets = 0
  for (const entry of unmatched) {
    totalAssets += entry.assets
    const pattern = normaliseModelKey(entry.manufacturer, entry.model)
    if (pattern === '') continue
    const group = groups.get(pattern)
    if (group === undefined) groups.set(pattern, { largest: entry, assets: entry.assets })
    else {
      group.assets += entry.assets
      if (isLarger(entry, group.largest)) group.largest = entry
    }
  }
  const rules: ProposedMappingRule[] = []
  for (const [pattern, { largest, assets }] of groups) {
    const match = matcher.match(largest.manufacturer, largest.model, largest.category)
    const suggestion =
      match === null || match.confidence < minimumConfidence
        ? null
        : { itemId: match.itemId, confidence: match.confidence, method: match.method }
    const { manufacturer, model, category } = largest
    rules.push({ pattern, manufacturer, model, category, assets, suggestion })
  }
  rules.sort(byAssetsThenPattern)
  const topAssets = rules.slice(0, Math.max(0, options.top)).reduce((sum, rule) => sum + rule.assets, 0)
  return { rules, totalAssets, topAssets, topShare: totalAssets === 0 ? 0 : topAssets / totalAssets }
}

/** More assets wins; on a tie the text that sorts first, so the result does not depend on input order. */
function isLarger(entry: UnmatchedModel, current: UnmatchedModel): boolean {
  if (entry.assets !== current.assets) return entry.assets > current.assets
  return textOf(entry) < textOf(current)
}

function textOf(entry: UnmatchedModel): string {
  return `${entry.manufacturer ?? ''}\u0000${entry.model ?? ''}\u0000${entry.category ?? ''}`
}

function byAssetsThenPattern(left: ProposedMappingRule, right: ProposedMappingRule): number {
  if (left.assets !== right.assets) return right.assets - left.assets
  return left.pattern < right.pattern ? -1 : left.pattern > right.pattern ? 1 : 0
}
