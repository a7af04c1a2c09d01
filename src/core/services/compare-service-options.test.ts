import ademeModelJson from '@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { buildDefaultReferential } from '../referential/build-default-referential.js'
import { compareServiceOptions } from './compare-service-options.js'
import { estimateServiceOption } from './estimate-service.js'
import type { ServiceOption } from './service-description.js'

const referential = buildDefaultReferential(ademeModelJson as Record<string, unknown>)

const noCosts = {
  electricityEurosPerKwh: null,
  serverEuros: null,
  storageArrayEuros: null,
  cloudEurosPerVcpuHour: null,
  cloudEurosPerGbMonth: null,
}

const onPremises: ServiceOption = {
  name: 'on-premises',
  users: {
    count: 1000,
    hoursPerYear: 100,
    country: 'FR',
    terminals: [{ type: 'laptop', share: 1, deviceHoursPerYear: null }],
  },
  network: [{ gbPerYear: 1000, kind: 'fixed', zone: 'FR' }],
  hosting: { kind: 'datacenter', pue: 1.5, country: 'FR', hostVcpu: null, hostStorageGb: null },
  compute: [{ name: 'app', count: 2, vcpu: 8, memoryGb: 16, hoursPerYear: 8760 }],
  storage: { initialGb: 100, growthGbPerYear: 200, retentionYears: 5, copies: 2 },
  transactionsPerYear: 1_000_000,
  costs: noCosts,
}
const cloud: ServiceOption = {
  ...onPremises,
  name: 'cloud-paris',
  hosting: { kind: 'cloud', region: 'aws/eu-west-3' },
}

const climate = (estimate: ReturnType<typeof estimateServiceOption>, tier: string, phase: string) =>
  estimate.trace.lines
    .filter((line) => line.criterion === 'climate-change' && line.tier === tier && line.phase === phase)
    .reduce((sum, line) => sum + line.value, 0)

describe('estimateServiceOption', () => {
  const estimate = estimateServiceOption(onPremises, referential)

  it('allocates a laptop to the service by time share over 8760 h per year (NumEcoEval digital-service rule)', () => {
    // device-years = 1000 users × 100 h / 8760 h = 11.415525114155251
    // manufacturing = 11.415525 × 170 kgCO2e (ADEME) / 5 years = 388.1278538812785
    expect(climate(estimate, 'terminals', 'manufacturing')).toBeCloseTo(388.1278538812785, 9)
    // distribution = 11.415525 × 12.3 / 5 = 28.08219178082192; end of life = 11.415525 × 2.79 / 5 = 6.36986301369863
    expect(climate(estimate, 'terminals', 'distribution')).toBeCloseTo(28.08219178082192, 9)
    expect(climate(estimate, 'terminals', 'end-of-life')).toBeCloseTo(6.36986301369863, 9)
    // use = 1000 × 100 h × 26.5 W / 1000 = 2650 kWh × 0.0519 kgCO2e/kWh (FR) = 137.535
    expect(climate(estimate, 'terminals', 'use')).toBeCloseTo(137.535, 9)
    expect(estimate.byTier.terminals.climateKgCo2e).toBeCloseTo(560.1149086757991, 9)
  })

  it('counts the network per GB with the ADEME fixed-line France factor', () => {
    // 1000 GB × 9.26934695867389 gCO2e/GB = 9.26934695867389 kgCO2e
    expect(estimate.byTier.network.climateKgCo2e).toBeCloseTo(9.26934695867389, 12)
  })

  it('takes a vCPU share of a 32-vCPU host server and a GB share of a 6144 GB storage bay', () => {
    // app: share = 2 VMs × 8 vCPU / 32 = 0.5; manufacturing = 0.5 × 748 / 5 = 74.8
    // app use = 0.5 × 3504 kWh × PUE 1.5 × 0.0519 = 136.3932
    // data: stored = (100 + 200 × 5) × 2 copies = 2200 GB; share = 2200 / 6144 = 0.3580729166666667
    //   manufacturing = 0.358073 × 461 / 5 = 33.01432291666667; use = 0.358073 × 2628 × 1.5 × 0.0519 = 73.25806640625
    expect(climate(estimate, 'datacenter', 'manufacturing')).toBeCloseTo(74.8 + 33.01432291666667, 9)
    expect(climate(estimate, 'datacenter', 'use')).toBeCloseTo(136.3932 + 73.25806640625, 9)
    // back-end electricity = 0.5 × 3504 × 1.5 + 0.358073 × 2628 × 1.5 = 2628 + 1411.5234375 kWh
    expect(estimate.backendKwhPerYear).toBeCloseTo(4039.5234375, 9)
  })

  it('totals per year, per user and per transaction, with a trace on every line', () => {
    // 560.1149086757991 + 9.26934695867389 + 317.46558932291667 = 886.8498449573897
    expect(estimate.climateKgCo2e).toBeCloseTo(886.8498449573897, 9)
    expect(estimate.climateKgCo2ePerUser).toBeCloseTo(0.8868498449573897, 12)
    expect(estimate.climateKgCo2ePerTransaction).toBeCloseTo(0.0008868498449573897, 15)
    expect(estimate.byCriterion['climate-change']?.coverage).toBe('terminals, network, datacenter')
    // Water: ADEME gives it for terminals' embodied phases only. 11.415525 × (194000 + 51.6 + 638000) / 5
    expect(estimate.byCriterion['water-use']?.value).toBeCloseTo((11.415525114155251 * 832051.6) / 5, 6)
    expect(estimate.byCriterion['water-use']?.coverage).toBe('terminals')
    for (const line of estimate.trace.lines) expect(line.inputs.length).toBeGreaterThan(1)
    expect(estimate.trace.defaultsAssumed).toContain('host server of 32 vCPU')
  })

  it('costs the back-end: electricity at 0.20 €/kWh and a yearly share of server and bay prices', () => {
    // electricity 4039.5234375 kWh × 0.2 = 807.9046875 €; server 0.5 × 6000 / 5 = 600 €;
    // bay 0.358073 × 20000 / 5 = 1432.2916666666667 €
    expect(estimate.euros.electricityEuros).toBeCloseTo(807.9046875, 9)
    expect(estimate.euros.equipmentEuros).toBeCloseTo(2032.2916666666667, 9)
    expect(estimate.euros.totalEuros).toBeCloseTo(807.9046875 + 600 + 1432.2916666666667, 9)
  })

  it('estimates a cloud region with the CCF coefficients', () => {
    const inCloud = estimateServiceOption(cloud, referential)
    // W/vCPU = 0.63895 + 0.5 × (3.96730 − 0.63895) = 2.303127046273054
    // kWh = 2 × 8 × 8760 vCPU-h × 2.303127 / 1000 + 2 × 16 × 8760 GB-h × 0.000392 = 432.69172680563133
    // use = 432.6917 × PUE 1.135 × 0.052 kgCO2e/kWh (eu-west-3) = 25.53746571606836
    // storage use = 2.2 TB × 1.2 Wh/TB-h × 8760 / 1000 × 1.135 × 0.052 = 1.364920128
    expect(climate(inCloud, 'datacenter', 'use')).toBeCloseTo(25.53746571606836 + 1.364920128, 9)
    // embodied = 2 × 1610.79 × 8760 h / (4 × 8760) × 8 / 96 = 67.11625
    expect(climate(inCloud, 'datacenter', 'manufacturing')).toBeCloseTo(67.11625, 9)
    // euros = 140160 vCPU-h × 0.05 + 2200 GB × 0.10 × 12 = 7008 + 2640
    expect(inCloud.euros.cloudEuros).toBeCloseTo(9648, 9)
    expect(inCloud.euros.electricityEuros).toBe(0)
  })

  it('refuses an unknown cloud region', () => {
    expect(() =>
      estimateServiceOption({ ...cloud, hosting: { kind: 'cloud', region: 'aws/mars-1' } }, referential),
    ).toThrow('Option "cloud-paris": unknown cloud region "aws/mars-1"')
  })
})

describe('compareServiceOptions', () => {
  it('picks the lowest climate per user and says which tier makes the difference', () => {
    const comparison = compareServiceOptions(
      { service: 'Portail', description: null, options: [onPremises, cloud] },
      referential,
    )
    // cloud datacenter tier = 25.53746571606836 + 67.11625 + 1.364920128 = 94.01863584406836
    // cloud total = 560.1149086757991 + 9.26934695867389 + 94.01863584406836 = 663.4028914785413
    const [first, second] = comparison.options
    expect(second?.climateKgCo2e).toBeCloseTo(663.4028914785413, 9)
    expect(comparison.best.name).toBe('cloud-paris')
    expect(second?.isBest).toBe(true)
    expect(first?.isBest).toBe(false)
    // delta vs first = 663.4028914785413 − 886.8498449573897 = −223.4469534788484 kgCO2e; € 9648 − 2840.1963541666665
    expect(second?.deltaVsFirst.climateTCo2e).toBeCloseTo(-0.2234469534788484, 12)
    expect(second?.deltaVsFirst.euros).toBeCloseTo(9648 - (807.9046875 + 600 + 1432.2916666666667), 9)
    expect(first?.deltaVsBest.climateKgCo2e).toBeCloseTo(223.4469534788484, 9)
    // per user 0.663 vs 0.887: gap 0.2234 (25 %), datacenter tier gap (317.4656 − 94.0186) / 1000 = 0.2234
    expect(comparison.best.why).toBe(
      '"cloud-paris" has the lowest climate change per user: 0.663 kgCO2e per user per year, ' +
        '0.223 kgCO2e (25 %) less than "on-premises"; the datacenter tier makes most of the difference ' +
        '(0.223 kgCO2e per user less).',
    )
  })

  it('says when there is only one option', () => {
    const comparison = compareServiceOptions(
      { service: 'Portail', description: null, options: [onPremises] },
      referential,
    )
    expect(comparison.best.why).toBe('"on-premises" is the only option: 0.887 kgCO2e per user per year.')
  })
})
