import ademeModel from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { buildDefaultReferential } from '../referential/build-default-referential.js'
import { buildTrajectoryInput } from './build-trajectory-input.js'
import { DEFAULT_ECONOMIC_ASSUMPTIONS } from './economic-assumptions.js'
import { parseLevers } from './parse-levers.js'

const referential = buildDefaultReferential(ademeModel)
const base = {
  referential,
  prices: DEFAULT_ECONOMIC_ASSUMPTIONS,
  startYear: 2025,
  endYear: 2030,
  target: undefined,
}

describe('buildTrajectoryInput', () => {
  it('turns age counts into cohorts, spreading undated devices over the lifetime', () => {
    const built = buildTrajectoryInput({
      ...base,
      counts: [
        { category: 'laptop', ageYears: 0, quantity: 2 },
        { category: 'laptop', ageYears: 1, quantity: 2 },
        { category: 'laptop', ageYears: null, quantity: 5 },
      ],
      levers: parseLevers(['lifetime-extension:years=2,categories=laptop']).levers,
    })
    if ('unsupportedLever' in built) throw new Error('unexpected')
    // 5 undated laptops over ages 0–4 (ADEME lifetime 5 years): one each → [2+1, 2+1, 1, 1, 1]
    expect(built.trajectory.categories).toEqual([
      {
        category: 'laptop',
        ageCounts: [3, 3, 1, 1, 1],
        expectedLifetimeYears: 5,
        // ADEME laptop 170 + 12.3 + 2.79 kgCO2e; 26.5 W × 1,760 h = 46.64 kWh; 900 € (default assumption)
        embodiedKgCo2ePerUnit: 185.09,
        annualKwhPerUnit: 46.64,
        unitPriceEuros: 900,
      },
    ])
    expect(built.trajectory.scenario).toEqual({
      fromYear: 2026,
      lifetimeExtensionYears: { laptop: 2 },
      kwhFactor: {},
    })
    expect(built.trajectory.gridKgCo2ePerKwh).toBe(0.0519)
  })

  it('scales kWh for power-off from always-on hours, and refuses a lever the renewal model cannot take', () => {
    const powerOff = buildTrajectoryInput({
      ...base,
      counts: [],
      levers: parseLevers(['power-off:policy=nights-weekends']).levers,
    })
    if ('unsupportedLever' in powerOff) throw new Error('unexpected')
    // 2,860 / 8,760 = 0.326484…
    expect(Object.values(powerOff.trajectory.scenario.kwhFactor!)[0]).toBeCloseTo(2860 / 8760, 12)
    const screens = buildTrajectoryInput({
      ...base,
      counts: [],
      levers: parseLevers(['fewer-screens:perSeat=1']).levers,
    })
    expect('unsupportedLever' in screens && screens.unsupportedLever.id).toBe('fewer-screens')
  })
})
