import { describe, expect, it } from 'vitest'
import { detectAnomalies } from './anomaly-rules.js'
import { benchmarkOrganisations, median, sizeBandOf } from './benchmark.js'
import { parseExpectedSources, receivedSources } from './expected-sources.js'
import { organisationStatus, reviewRefusal } from './organisation-status.js'

describe('parseExpectedSources', () => {
  it('reads kinds in canonical order, each once', () => {
    expect(parseExpectedSources('telemetry, computers,monitors,computers')).toEqual({
      kinds: ['computers', 'monitors', 'telemetry'],
    })
  })
  it('names the unknown kinds', () => {
    expect(parseExpectedSources('computers,faxes')).toEqual({
      error:
        'Unknown expected source(s) "faxes"; use computers, monitors, phones, printers, servers, network, purchases, telemetry.',
    })
  })
})

describe('receivedSources', () => {
  it('counts inventory categories, purchase units and telemetry devices as evidence', () => {
    const received = receivedSources(['computers', 'monitors', 'phones', 'purchases', 'telemetry'], {
      inventoryUnitsByCategory: { 'thin-client': 3, monitor: 0, tablet: 2 },
      purchaseUnits: 0,
      telemetryDevices: 12,
    })
    // thin clients are computers, tablets are phones; no monitor units, no purchases.
    expect(received).toEqual(['computers', 'phones', 'telemetry'])
  })
})

describe('organisationStatus', () => {
  const base = { sourcesExpected: 3, isCampaignClosed: false, lastDecision: null }
  it.each([
    [{ ...base, sourcesReceived: 0, lastUpload: null }, 'not-started'],
    [{ ...base, sourcesReceived: 2, lastUpload: 10 }, 'collecting'],
    [{ ...base, sourcesReceived: 3, lastUpload: 10 }, 'submitted'],
    [
      {
        ...base,
        sourcesReceived: 3,
        lastUpload: 10,
        lastDecision: { decision: 'validate', afterUpload: 20 },
      },
      'validated',
    ],
    [
      {
        ...base,
        sourcesReceived: 3,
        lastUpload: 10,
        lastDecision: { decision: 'send-back', afterUpload: 20 },
      },
      'sent-back',
    ],
    // An upload after the decision puts the organisation back to collection.
    [
      {
        ...base,
        sourcesReceived: 2,
        lastUpload: 30,
        lastDecision: { decision: 'send-back', afterUpload: 20 },
      },
      'collecting',
    ],
    [{ ...base, sourcesReceived: 3, lastUpload: 10, isCampaignClosed: true }, 'closed'],
  ] as const)('%j → %s', (facts, expected) => {
    expect(organisationStatus(facts)).toBe(expected)
  })
  it('refuses decisions that change nothing or come too early or too late', () => {
    expect(reviewRefusal('not-started', 'validate')).toBe('the organisation has sent no data yet')
    expect(reviewRefusal('validated', 'validate')).toBe('the organisation is already validated')
    expect(reviewRefusal('validated', 'send-back')).toBeNull()
    expect(reviewRefusal('collecting', 'validate')).toBeNull()
    expect(reviewRefusal('closed', 'send-back')).toMatch(/closed/)
  })
})

describe('detectAnomalies', () => {
  it('flags a fleet up more than 20 %, a high unmatched share and too many workstations per employee', () => {
    const anomalies = detectAnomalies({
      units: 130,
      previousUnits: 100,
      unmatchedUnits: 52,
      workstationUnits: 90,
      headcount: 40,
    })
    // 130 / 100 − 1 = 0.30 > 0.20; 52 / 130 = 0.40 > 0.30; 90 / 40 = 2.25 > 2.0
    expect(anomalies.map((anomaly) => [anomaly.code, anomaly.value])).toEqual([
      ['fleet-change', 0.30000000000000004],
      ['unmatched-models', 0.4],
      ['workstations-per-employee', 2.25],
    ])
    expect(anomalies[0]!.message).toBe('fleet up 30 % since the previous campaign (100 → 130 units)')
  })
  it('stays silent within the bounds and without a previous campaign or headcount', () => {
    // 119 / 100 − 1 = 0.19; 30 / 119 = 0.252; 80 / 100 = 0.8 (bound included)
    expect(
      detectAnomalies({
        units: 119,
        previousUnits: 100,
        unmatchedUnits: 30,
        workstationUnits: 80,
        headcount: 100,
      }),
    ).toEqual([])
    expect(
      detectAnomalies({
        units: 10,
        previousUnits: null,
        unmatchedUnits: null,
        workstationUnits: 10,
        headcount: null,
      }),
    ).toEqual([])
  })
  it('flags a fleet down more than 20 %', () => {
    // 70 / 100 − 1 = −0.30
    const [anomaly] = detectAnomalies({
      units: 70,
      previousUnits: 100,
      unmatchedUnits: 0,
      workstationUnits: 0,
      headcount: null,
    })
    expect(anomaly!.message).toBe('fleet down 30 % since the previous campaign (100 → 70 units)')
  })
})

describe('benchmarkOrganisations', () => {
  it('compares each organisation with the median of its depth and size band', () => {
    expect(sizeBandOf(99)).toBe('under-100')
    expect(sizeBandOf(100)).toBe('100-499')
    expect(sizeBandOf(2500)).toBe('2000-and-more')
    expect(median([3, 1, 2, 10])).toBe(2.5)
    const rows = benchmarkOrganisations([
      { code: 'A', depth: 2, workstations: 200, climateKgCo2e: 20_000 }, // 100 kg/ws
      { code: 'B', depth: 2, workstations: 400, climateKgCo2e: 60_000 }, // 150 kg/ws
      { code: 'C', depth: 2, workstations: 300, climateKgCo2e: 60_000 }, // 200 kg/ws
      { code: 'D', depth: 2, workstations: 50, climateKgCo2e: 1_000 }, // 20 kg/ws, other band
    ])
    // Group depth 2, 100-499: median(100, 150, 200) = 150; A: 100 / 150 − 1 = −1/3
    expect(rows[0]).toMatchObject({
      group: 'depth 2, 100-499',
      groupSize: 3,
      kgCo2ePerWorkstation: 100,
      groupMedianKgCo2ePerWorkstation: 150,
    })
    expect(rows[0]!.gapToMedian).toBeCloseTo(-1 / 3, 12)
    expect(rows[3]).toMatchObject({ group: 'depth 2, under-100', groupSize: 1, gapToMedian: 0 })
  })
})
