import ademeModelJson from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { NETWORK_KG_CO2E_PER_GB } from './service-factors.js'

const model: Record<string, unknown> = ademeModelJson

describe('NETWORK_KG_CO2E_PER_GB', () => {
  it.each([
    ['fixed-FR', 'fixe FR'],
    ['mobile-FR', 'mobile FR'],
    ['fixed-EU', 'fixe EU'],
    ['mobile-EU', 'mobile EU'],
  ] as const)('%s equals the ADEME model rule "facteur réseau %s" (gCO2e/Go → kg)', (id, zone) => {
    const rule = model[`transmission par défaut . facteur réseau ${zone}`] as
      { valeur?: unknown; unité?: unknown } | undefined
    expect(rule?.unité).toBe('gCO2e/Go')
    expect(NETWORK_KG_CO2E_PER_GB[id].value).toBeCloseTo(Number(rule?.valeur) / 1000, 15)
  })
})
