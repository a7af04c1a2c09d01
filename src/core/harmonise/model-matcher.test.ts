import { describe, expect, it } from 'vitest'
import { CATEGORY_IDS, type CategoryId } from '../inventory/categories.js'
import type { Factor, ReferenceItem, Referential } from '../referential/referential.js'
import {
  DEFAULT_MATCH_THRESHOLD,
  createModelMatcher,
  matcherCandidatesOf,
  type MatcherCandidate,
} from './model-matcher.js'

// Token weights: a model-number token (has a digit) 3, a word 1.
// "Latitude 5420" = latitude 1 + 5420 3 = 4; "EliteBook 840 G8" = 1 + 3 + 3 = 7;
// "ThinkPad X1 Carbon Gen 9" = thinkpad 1 + x1 3 + carbon 1 + g9 3 = 8.
const CANDIDATES: MatcherCandidate[] = [
  { itemId: 'dell-latitude-5420', manufacturer: 'Dell', model: 'Latitude 5420', category: 'laptop' },
  { itemId: 'dell-latitude-5430', manufacturer: 'Dell', model: 'Latitude 5430', category: 'laptop' },
  { itemId: 'hp-elitebook-840-g8', manufacturer: 'HP', model: 'EliteBook 840 G8', category: 'laptop' },
  {
    itemId: 'lenovo-x1-carbon-g9',
    manufacturer: 'Lenovo',
    model: 'ThinkPad X1 Carbon Gen 9',
    category: 'laptop',
  },
  { itemId: 'dell-p2422h', manufacturer: 'Dell', model: 'P2422H', category: 'monitor' },
]
const matcher = createModelMatcher(CANDIDATES)

describe('createModelMatcher', () => {
  it.each([
    // exact normalised key: "DELL INC." is an alias of "dell", spaces collapse → "dell latitude 5420"
    ['DELL INC.', 'Latitude  5420', 'dell-latitude-5420', 1, 'exact'],
    // same token set once aliases and noise are gone: 0.95
    ['Hewlett-Packard', 'HP EliteBook 840 G8 Notebook PC', 'hp-elitebook-840-g8', 0.95, 'normalised'],
    ['DELL INC.', 'Latitude 5420 (i5)', 'dell-latitude-5420', 0.95, 'normalised'],
    ['LENOVO', 'ThinkPad X1 Carbon Gen9 Core i7-1185G7 16 Go', 'lenovo-x1-carbon-g9', 0.95, 'normalised'],
    // manufacturer read from the model text, reordered words
    [null, 'HP G8 EliteBook 840', 'hp-elitebook-840-g8', 0.95, 'normalised'],
    // no manufacturer anywhere: 0.95 × 0.95 = 0.9025
    [null, 'Latitude 5420', 'dell-latitude-5420', 0.9025, 'normalised'],
    // one typo in a word: shared 0.8 × 1 + 3 = 3.8 of 4 on both sides → 0.9 × 0.95 = 0.855
    ['Dell', 'Lattitude 5420', 'dell-latitude-5420', 0.855, 'tokens'],
    // one extra word: candidate covered 4/4, text 4/5 → 0.9 × (0.7 + 0.3 × 0.8) = 0.846
    ['Dell', 'Latitude 5420 Rugged', 'dell-latitude-5420', 0.846, 'tokens'],
    // Lenovo machine type and part number in front: text weight 3 + 3 + 8 = 14, shared 8
    // 0.9 × (0.7 × 8/8 + 0.3 × 8/14) × 0.95 (no manufacturer) = 0.745071 → 0.7451
    [null, '20XW-S0AB00 ThinkPad X1 Carbon Gen 9', 'lenovo-x1-carbon-g9', 0.7451, 'tokens'],
  ])('matches %j %j to %s at %d (%s)', (manufacturer, model, itemId, confidence, method) => {
    expect(matcher.match(manufacturer, model)).toMatchObject({ itemId, confidence, method })
  })

  it('does not match Latitude 5420 to Latitude 5430 above the threshold', () => {
    const only5430 = createModelMatcher([CANDIDATES[1]])
    // shared "latitude" only: 0.9 × (0.7 × 1/4 + 0.3 × 1/4) = 0.225, and the numbers disagree (cap 0.5)
    const match = only5430.match('Dell', 'Latitude 5420')
    expect(match).toEqual({
      itemId: 'dell-latitude-5430',
      confidence: 0.225,
      method: 'tokens',
      candidateText: 'Dell Latitude 5430',
    })
    expect(match!.confidence).toBeLessThan(DEFAULT_MATCH_THRESHOLD)
    // with both present the right number wins
    expect(matcher.match('Dell', 'Latitude 5430 (i7)')?.itemId).toBe('dell-latitude-5430')
  })

  it('caps at 0.5 a candidate whose model number the text lacks', () => {
    // "ThinkPad X1 Carbon" shares 5 of 8, lacks g9: 0.9 × (0.7 × 5/8 + 0.3 × 5/5) = 0.66375 → capped to 0.5
    expect(matcher.match('Lenovo', 'ThinkPad X1 Carbon')).toMatchObject({
      itemId: 'lenovo-x1-carbon-g9',
      confidence: 0.5,
    })
  })

  it('caps at 0.5 when both manufacturers are known and differ', () => {
    // same tokens as Dell Latitude 5420 (0.95) but HP is not Dell
    expect(matcher.match('HP', 'Latitude 5420')).toMatchObject({
      itemId: 'dell-latitude-5420',
      confidence: 0.5,
    })
    // a manufacturer no candidate has is still a different one
    expect(matcher.match('Zebra Technologies', 'Latitude 5420')?.confidence).toBe(0.5)
  })

  it('lowers the confidence by 0.8 when both categories are known and differ', () => {
    expect(matcher.match('DELL INC.', 'Latitude 5420 (i5)', 'monitor')?.confidence).toBe(0.76) // 0.95 × 0.8
    expect(matcher.match('Dell', 'Latitude 5420', 'monitor')?.confidence).toBe(0.8) // exact 1 × 0.8
    expect(matcher.match('DELL INC.', 'Latitude 5420 (i5)', 'laptop')?.confidence).toBe(0.95)
    expect(matcher.match('DELL INC.', 'Latitude 5420 (i5)', 'other')?.confidence).toBe(0.95) // "other" says nothing
    expect(matcher.match('DELL INC.', 'Latitude 5420 (i5)', null)?.confidence).toBe(0.95)
  })

  it('breaks ties by itemId, whatever the candidate order', () => {
    const twins: MatcherCandidate[] = [
      { itemId: 'z-rugged', manufacturer: 'Dell', model: 'Latitude 5420 Rugged', category: 'laptop' },
      { itemId: 'y-extreme', manufacturer: 'Dell', model: 'Latitude 5420 Extreme', category: 'laptop' },
      { itemId: 'b-same', manufacturer: 'Dell', model: 'OptiPlex 7090', category: 'desktop' },
      { itemId: 'a-same', manufacturer: 'Dell Inc.', model: 'OptiPlex 7090', category: 'desktop' },
    ]
    for (const order of [twins, [...twins].reverse()]) {
      const twinMatcher = createModelMatcher(order)
      // each covers 4 of its 5: 0.9 × (0.7 × 4/5 + 0.3 × 4/4) = 0.774
      expect(twinMatcher.match('Dell', 'Latitude 5420')).toMatchObject({
        itemId: 'y-extreme',
        confidence: 0.774,
      })
      expect(twinMatcher.match('Dell', 'OptiPlex 7090')).toMatchObject({ itemId: 'a-same', method: 'exact' })
    }
  })

  it('answers null when nothing shares a token or there is no text', () => {
    expect(matcher.match('Apple', 'iPhone 12')).toBeNull()
    expect(matcher.match(null, null)).toBeNull()
    expect(matcher.match('Dell', 'Notebook PC')).toBeNull() // only noise words
  })
})

describe('matcherCandidatesOf', () => {
  const factor: Factor = { id: 'test', value: 1, unit: 'kgCO2e', source: 'test' }
  const item = (id: string, label: string, category: CategoryId): ReferenceItem => ({
    id,
    label,
    category,
    embodied: {},
    annualKwh: factor,
    lifetimeYears: factor,
  })
  const items = [
    item('default-laptop', 'Laptop (average)', 'laptop'),
    item('konica-c250i', 'Konica Minolta bizhub C250i', 'printer'),
    item('dell-5420', 'Latitude 5420 laptop', 'laptop'),
  ]
  const referential: Referential = {
    id: 'test',
    version: '1',
    description: 'test',
    items: new Map(items.map((entry) => [entry.id, entry])),
    defaultItemByCategory: Object.fromEntries(
      CATEGORY_IDS.map((category) => [category, 'default-laptop']),
    ) as Record<CategoryId, string>,
    matching: new Map([
      ['dell latitude 5420', 'dell-5420'],
      ['konica minolta bizhub c250i', 'konica-c250i'],
      ['unknownbrand thing 1', 'default-laptop'],
    ]),
    electricity: new Map(),
    hypotheses: {
      defaultPue: factor,
      defaultLifetimeYears: factor,
      minimumLifetimeYears: factor,
      companyUtilisationRate: factor,
      personalUtilisationRate: factor,
      defaultCountry: 'FR',
    },
  }

  it('splits the canonical manufacturer off matching keys and adds labels of non-default items', () => {
    expect(matcherCandidatesOf(referential)).toEqual([
      { itemId: 'dell-5420', manufacturer: 'dell', model: 'latitude 5420', category: 'laptop' },
      { itemId: 'konica-c250i', manufacturer: 'konica minolta', model: 'bizhub c250i', category: 'printer' },
      { itemId: 'default-laptop', manufacturer: null, model: 'unknownbrand thing 1', category: 'laptop' },
      {
        itemId: 'konica-c250i',
        manufacturer: null,
        model: 'Konica Minolta bizhub C250i',
        category: 'printer',
      },
      { itemId: 'dell-5420', manufacturer: null, model: 'Latitude 5420 laptop', category: 'laptop' },
    ])
  })

  it('gives a matcher that finds the referential items', () => {
    const fromReferential = createModelMatcher(matcherCandidatesOf(referential))
    // "KONICA-MINOLTA" is an alias of "konica minolta": the key is the referential's own
    expect(fromReferential.match('KONICA-MINOLTA', 'bizhub C250i')).toMatchObject({
      itemId: 'konica-c250i',
      confidence: 1,
      method: 'exact',
    })
    // manufacturer read from the model text, trademark mark and "Series" dropped
    expect(fromReferential.match(null, 'KONICA MINOLTA bizhub C250i (R) Series')).toMatchObject({
      itemId: 'konica-c250i',
      confidence: 0.95,
      method: 'normalised',
    })
  })
})
