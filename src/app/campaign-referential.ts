import {
  createModelMatcher,
  DEFAULT_MATCH_THRESHOLD,
  matcherCandidatesOf,
} from '../core/harmonise/model-matcher.js'
import {
  resolutionFingerprint,
  resolveModels,
  withResolvedModels,
  type FuzzyMatch,
  type ModelResolution,
} from '../core/harmonise/resolve-models.js'
import type { MappingRule } from '../core/harmonise/mapping-rules.js'
import type { Referential } from '../core/referential/referential.js'
import { selectElectricityYear } from '../core/referential/electricity-year.js'
import { overridesFingerprint } from '../core/footprint/electricity-override.js'
import type { Campaign, Deps } from './ports.js'
import { campaignBaseReferential } from './referential-catalogue.js'

/** Names the matcher and its threshold in the referential's version, so results say how models were matched. */
const MATCHER_VERSION = `fuzzy${DEFAULT_MATCH_THRESHOLD}`

export type CampaignReferential = {
  referential: Referential
  /** How each model of the campaign was resolved, by model id. */
  resolutions: Map<number, ModelResolution>
  rules: MappingRule[]
}

/** A fuzzy matcher over the referential's models and item labels (built once per referential object). */
const matchers = new WeakMap<Referential, FuzzyMatch>()
function fuzzyMatcherOf(referential: Referential): FuzzyMatch {
  let fuzzy = matchers.get(referential)
  if (fuzzy === undefined) {
    const matcher = createModelMatcher(matcherCandidatesOf(referential))
    fuzzy = (manufacturer, model, category) => matcher.match(manufacturer, model, category)
    matchers.set(referential, fuzzy)
  }
  return fuzzy
}

/**
 * The id@version a campaign's results are computed with: the referential, the mapping rules, the matcher and
 * the electricity overrides (when there are some).
 */
export async function campaignReferentialId(deps: Deps, campaign: Campaign | null = null): Promise<string> {
  // The version the campaign is pinned to (referential-catalogue.ts), else the built-in default.
  const referential = await campaignBaseReferential(deps, campaign)
  const fingerprint = resolutionFingerprint(await deps.store.listMappingRules(), MATCHER_VERSION)
  const electricity = overridesFingerprint(await deps.electricity.list())
  return `${referential.id}@${referential.version}+${fingerprint}${electricity === '' ? '' : `+${electricity}`}`
}

/**
 * The referential a campaign is computed with: the loaded one, plus the models of the campaign that a mapping
 * rule or a fuzzy match resolves (core/harmonise/resolve-models.ts). `modelIds` limits the work to a few models
 * (explaining one asset); `electricityYear` picks another year's grid factors (campaign diff).
 */
export async function loadCampaignReferential(
  deps: Deps,
  campaign: Campaign,
  options: { modelIds?: readonly number[]; electricityYear?: number; base?: Referential } = {},
): Promise<CampaignReferential> {
  // `base`: another referential than the campaign's pin (referential diff compares two).
  const base = options.base ?? (await campaignBaseReferential(deps, campaign))
  const rules = await deps.store.listMappingRules()
  const models = await deps.store.campaignModels(campaign.id, options.modelIds)
  const resolved = resolveModels(models, {
    referential: base,
    rules,
    fuzzy: fuzzyMatcherOf(base),
    threshold: DEFAULT_MATCH_THRESHOLD,
  })
  // The campaign's year picks the yearly grid factors (core/referential/electricity-year.ts).
  const referential = selectElectricityYear(
    withResolvedModels(base, resolved, resolutionFingerprint(rules, MATCHER_VERSION)),
    options.electricityYear ?? campaign.year,
  )
  return { referential, resolutions: new Map(resolved.map((item) => [item.modelId, item])), rules }
}
