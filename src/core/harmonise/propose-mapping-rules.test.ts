import { describe, expect, it } from 'vitest'
import { createModelMatcher } from './model-matcher.js'
import { proposeMappingRules, type UnmatchedModel } from './propose-mapping-rules.js'

const matcher = createModelMatcher([
  { itemId: 'dell-latitude-5420', manufacturer: 'Dell', model: 'Latitude 5420', category: 'laptop' },
  { itemId: 'hp-elitebook-840-g8', manufacturer: 'HP', model: 'EliteBook 840 G8', category: 'laptop' },
  {
    itemId: 'lenovo-x1-carbon-g9',
    manufacturer: 'Lenovo',
    model: 'ThinkPad X1 Carbon Gen 9',
    category: 'laptop',
  },
])

const UNMATCHED: UnmatchedModel[] = [
  { manufacturer: 'Lenovo', model: 'ThinkPad X1 Carbon', category: 'laptop', assets: 5 },
  { manufacturer: 'DELL INC.', model: 'latitude 5420 (i5)', category: 'laptop', assets: 25 },
  { manufacturer: 'HP', model: 'EliteBook 840 G8 Notebook PC', category: 'laptop', assets: 50 },
  { manufacturer: 'Acme', model: 'Widget 9', category: 'other', assets: 50 },
  { manufacturer: null, model: null, category: null, assets: 10 },
  { manufacturer: 'Dell', model: 'Latitude 5420 (i5)', category: 'laptop', assets: 40 },
]

describe('proposeMappingRules', () => {
  it('merges texts with the same key and ranks rules by assets, then pattern', () => {
    const proposals = proposeMappingRules(UNMATCHED, matcher, { top: 2 })
    expect(proposals.rules).toEqual([
      // "DELL INC." + "latitude 5420 (i5)" and "Dell" + "Latitude 5420 (i5)" share the key: 25 + 40 = 65;
      // the texts shown are the larger entry's (40)
      {
        pattern: 'dell latitude 5420 (i5)',
        manufacturer: 'Dell',
        model: 'Latitude 5420 (i5)',
        category: 'laptop',
        assets: 65,
        suggestion: { itemId: 'dell-latitude-5420', confidence: 0.95, method: 'normalised' },
      },
      // 50 and 50: "acme widget 9" sorts before "hp elitebook…"; Acme shares no token with any candidate
      {
        pattern: 'acme widget 9',
        manufacturer: 'Acme',
        model: 'Widget 9',
        category: 'other',
        assets: 50,
        suggestion: null,
      },
      {
        pattern: 'hp elitebook 840 g8 notebook pc',
        manufacturer: 'HP',
        model: 'EliteBook 840 G8 Notebook PC',
        category: 'laptop',
        assets: 50,
        suggestion: { itemId: 'hp-elitebook-840-g8', confidence: 0.95, method: 'normalised' },
      },
      // best match is capped at 0.5 (lacks "Gen 9"), below the default threshold 0.7
      {
        pattern: 'lenovo thinkpad x1 carbon',
        manufacturer: 'Lenovo',
        model: 'ThinkPad X1 Carbon',
        category: 'laptop',
        assets: 5,
        suggestion: null,
      },
    ])
    // total 5 + 25 + 50 + 50 + 10 (blank, no rule) + 40 = 180; top 2 = 65 + 50 = 115
    expect(proposals.totalAssets).toBe(180)
    expect(proposals.topAssets).toBe(115)
    expect(proposals.topShare).toBe(115 / 180)
  })

  it('keeps weaker suggestions when asked to', () => {
    const proposals = proposeMappingRules(UNMATCHED, matcher, { top: 10, minimumConfidence: 0.4 })
    expect(proposals.rules[3].suggestion).toEqual({
      itemId: 'lenovo-x1-carbon-g9',
      confidence: 0.5,
      method: 'tokens',
    })
    expect(proposals.topAssets).toBe(170) // every rule: 180 minus the 10 blank ones
  })

  it('does not depend on the input order', () => {
    const forward = proposeMappingRules(UNMATCHED, matcher, { top: 3 })
    const backward = proposeMappingRules([...UNMATCHED].reverse(), matcher, { top: 3 })
    expect(backward).toEqual(forward)
  })

  it('reports a zero share when nothing is unmatched', () => {
    expect(proposeMappingRules([], matcher, { top: 5 })).toEqual({
      rules: [],
      totalAssets: 0,
      topAssets: 0,
      topShare: 0,
    })
  })
})
