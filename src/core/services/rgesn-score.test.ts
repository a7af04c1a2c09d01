import { describe, expect, it } from 'vitest'
import { scoreRgesn, type RgesnAnswer, type RgesnCriterion } from './rgesn-score.js'

const criterion = (id: string, family: string): RgesnCriterion => ({
  version: 't',
  id,
  family,
  title: id,
  url: null,
})
const criteria = [criterion('1', 'A'), criterion('2', 'A'), criterion('3', 'B'), criterion('4', 'B')]
const answer = (id: string, value: RgesnAnswer['answer'], atMs: number): RgesnAnswer => ({
  criterion: id,
  answer: value,
  note: null,
  atMs,
})

describe('scoreRgesn', () => {
  it('scores met / applicable, in-progress and unanswered counting as not met', () => {
    const score = scoreRgesn(criteria, [
      answer('1', 'yes', 10),
      answer('2', 'in-progress', 10),
      answer('3', 'not-applicable', 10),
      answer('2', 'yes', 20), // replaces the in-progress answer
      answer('9', 'yes', 20), // not a loaded criterion: ignored
    ])
    // met 1, 2 → 2; applicable 4 − 1 = 3; 2 / 3
    expect(score).toMatchObject({ met: 2, applicable: 3, unanswered: 1, notApplicable: 1, ignoredAnswers: 1 })
    expect(score.score).toBe(2 / 3)
    // A: 2 / 2 = 1; B: 0 / (2 − 1) = 0
    expect(score.byFamily.map((family) => [family.family, family.score])).toEqual([
      ['A', 1],
      ['B', 0],
    ])
    // At 10: met 1 of 3 applicable; at 20: 2 of 3.
    expect(score.history.map((point) => [point.atMs, point.met, point.applicable])).toEqual([
      [10, 1, 3],
      [20, 2, 3],
    ])
  })

  it('has no score when every criterion is not applicable', () => {
    const score = scoreRgesn([criterion('1', 'A')], [answer('1', 'not-applicable', 1)])
    expect([score.applicable, score.score]).toEqual([0, null])
  })
})
