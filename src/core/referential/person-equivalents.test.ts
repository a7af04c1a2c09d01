import { describe, expect, it } from 'vitest'
import { toPersonEquivalents } from './person-equivalents.js'

describe('toPersonEquivalents', () => {
  it('divides each annual impact by the JRC individual sustainable package, and leaves water out', () => {
    // 85,125 kgCO2e / 851.25 = 100 people; 250 mol H+ eq / 125 = 2 people; water has no package
    const result = toPersonEquivalents({ 'climate-change': 85125, acidification: 250, 'water-use': 1000 })
    expect(result.map((entry) => [entry.criterion, entry.personEquivalents, entry.package.unit])).toEqual([
      ['climate-change', 100, 'kgCO2e/person/yr'],
      ['acidification', 2, 'mol H+ eq/person/yr'],
    ])
    expect(result[0]!.package.source).toContain('JRC')
  })
})
