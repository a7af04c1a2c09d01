import { describe, expect, it } from 'vitest'
import { estimateCloudUsage } from './estimate-cloud-usage.js'

describe('estimateCloudUsage', () => {
  it('estimates an AWS Paris Cascade Lake instance: use from W per vCPU, PUE and grid; embodied by hours and vCPU', () => {
    const estimate = estimateCloudUsage({
      provider: 'aws',
      region: 'eu-west-3',
      architecture: 'Cascade Lake',
      vcpuHours: 1000,
      averageLoad: 0.5,
      // m5.xlarge: CCF total embodied 1,610.79 kgCO2e, 4 vCPU of 96 (m5.24xlarge), one month of 730 h
      embodied: { totalKgCo2e: 1610.79, hours: 730, instanceVcpu: 4, largestVcpu: 96 },
    })
    if (!estimate.isEstimated) throw new Error(estimate.message)
    // W/vCPU = 0.6389493581523519 + 0.5 × 3.3283553762414045 (= 1.66417768812070225) = 2.303127046273054
    // kWh = 1000 × 2.303127046273054 / 1000 = 2.303127046273054
    expect(estimate.kwh).toBeCloseTo(2.303127046273054, 12)
    // use = 2.303127046273054 × 1.135 (AWS PUE) × 0.052 (eu-west-3, EEA) = 0.13593055827103565
    expect(estimate.useKgCo2e).toBeCloseTo(0.13593055827103565, 12)
    // embodied = 1610.79 × 730 / 35040 × 4 / 96 = 1610.79 / 1152 = 1.3982552083333333
    expect(estimate.embodiedKgCo2e).toBeCloseTo(1.3982552083333333, 12)
    expect(estimate.trace.defaultsAssumed).toEqual([])
    const grid = estimate.trace.inputs.find((input) => input.name === 'gridFactor')!
    expect(grid.factor?.id).toBe('ccf/aws/grid/eu-west-3')
    expect(grid.factor?.source).toContain('Apache-2.0')
  })

  it('takes the CCF default load (50 %) and the provider average architecture when they are missing', () => {
    const estimate = estimateCloudUsage({
      provider: 'gcp',
      region: 'us-central1',
      architecture: null,
      vcpuHours: 100,
      averageLoad: null,
      embodied: null,
    })
    if (!estimate.isEstimated) throw new Error(estimate.message)
    // GCP mean min W = (0.6446044454253452 + 0.7128342245989304 + 1.9005681818181814 + 0.4742621527777778
    //   + 0.6389493581523519 + 0.44538981119791665 + 3.0369270833333335 + 2.1694411458333334) / 8 = 1.2528720503921462
    // mean max W = (3.8984738056304855 + 3.3857473048128344 + 5.9688982156043195 + 1.5751872939814815
    //   + 3.6424520285114035 + 1.8719357994791666 + 8.199689511111112 + 8.550185877430936) / 8 = 4.636571229570217
    // W = 1.2528720503921462 + 0.5 × (4.636571229570217 − 1.2528720503921462) = 2.9447216399811813
    // kWh = 100 × 2.9447216399811813 / 1000 = 0.2944721639981181; use × 1.1 × 0.479 = 0.15515738321060843
    expect(estimate.kwh).toBeCloseTo(0.2944721639981181, 12)
    expect(estimate.useKgCo2e).toBeCloseTo(0.15515738321060843, 12)
    expect(estimate.embodiedKgCo2e).toBe(0)
    expect(estimate.trace.defaultsAssumed).toEqual([
      'architecture not given: average of the gcp architectures',
      'average CPU load: CCF default 50 %',
      'embodied: no instance type coefficient given, not counted',
    ])
  })

  it('returns an unknown region as data', () => {
    const estimate = estimateCloudUsage({
      provider: 'azure',
      region: 'mars-north-1',
      architecture: 'Skylake',
      vcpuHours: 1,
      averageLoad: 0.2,
      embodied: null,
    })
    expect(estimate).toMatchObject({ isEstimated: false, code: 'unknown_region' })
  })
})
