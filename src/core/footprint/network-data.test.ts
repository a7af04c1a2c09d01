import { describe, expect, it } from 'vitest'
import { networkDataImpact } from './network-data.js'

describe('networkDataImpact', () => {
  it('multiplies the GB carried by the ADEME network factor of the kind and zone', () => {
    // a French mobile line using 120 GB/yr (10 GB/month): 120 × 24.6836791969497 / 1000 = 2.962041503633964 kgCO2e
    const mobile = networkDataImpact(120, 'mobile', 'FR')
    expect(mobile.kgCo2e).toBeCloseTo(2.962041503633964, 12)
    expect(mobile.factor.id).toBe('ademe-network/mobile/FR')
    // a German fixed line, 1,000 GB/yr: 1000 × 30.8081869990301 / 1000 = 30.8081869990301 kgCO2e
    expect(networkDataImpact(1000, 'fixed', 'DE')).toMatchObject({
      kgCo2e: 30.8081869990301,
      isApproximation: false,
    })
    // outside Europe the EU factor is an approximation, and says so
    expect(networkDataImpact(1, 'mobile', 'US').isApproximation).toBe(true)
  })
})
