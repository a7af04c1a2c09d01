import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemo } from '../src/app/build-demo.js'
import { getFootprint, type FootprintReport } from '../src/app/get-footprint.js'
import { openWorkspace } from '../src/main.js'
import { usageReport } from '../src/app/usage-report.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'

const silent = { start() {}, advance() {}, stop() {} }

describe('the demo workspace (40 bodies, 8,000 seats: the reference case scaled down)', () => {
  let directory: string
  let workspace: OpenedWorkspace
  let byDomain: FootprintReport
  let byDomainPhase: FootprintReport
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-demo-'))
    workspace = await openWorkspace(directory, { create: true, progress: silent })
    await buildDemo(workspace.deps, { directory: join(directory, 'files'), organisations: 40, workstations: 8000, seed: 42 })
    byDomain = await getFootprint(workspace.deps, { campaignYear: null, by: ['domain'], organisation: null })
    byDomainPhase = await getFootprint(workspace.deps, { campaignYear: null, by: ['domain', 'phase'], organisation: null })
  })
  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  const share = (report: FootprintReport, domain: string): number =>
    report.breakdown.filter((row) => row.domain === domain).reduce((sum, row) => sum + row.shareOfClimate, 0)

  it('puts end-user equipment near 90% and datacenters near 10% of the climate footprint', () => {
    const datacenters = share(byDomain, 'datacenters')
    const endUser = share(byDomain, 'workstations') + share(byDomain, 'telephony') + share(byDomain, 'printing')
    expect(datacenters).toBeGreaterThan(0.07)
    expect(datacenters).toBeLessThan(0.13)
    expect(endUser).toBeGreaterThan(0.87)
    expect(endUser).toBeLessThan(0.93)
    expect(share(byDomain, 'workstations')).toBeGreaterThan(0.8)
  })

  it('makes manufacturing the larger part of the workstation footprint', () => {
    const workstations = byDomainPhase.breakdown.filter((row) => row.domain === 'workstations')
    const total = workstations.reduce((sum, row) => sum + row.climateKgCo2e, 0)
    const manufacturing = workstations.find((row) => row.phase === 'manufacturing')!.climateKgCo2e
    expect(manufacturing / total).toBeGreaterThan(0.6)
  })

  it('finds from telemetry the sites that leave machines on at night and weekends', async () => {
    const usage = await usageReport(workspace.deps, { campaignYear: null })
    // Office use measured over one week: about 7.5–10 h × 5 days → 2,000–2,600 h/yr; left on: 24 × 365 = 8,760 h/yr.
    const worst = usage.sites[0]!
    const best = usage.sites[usage.sites.length - 1]!
    expect(worst.poweredHoursPerYear).toBeGreaterThan(5000)
    expect(best.poweredHoursPerYear).toBeLessThan(3000)
    expect(usage.devices).toBe(8000)
  })

  it('is deterministic: the same seed gives the same total to the gram', () => {
    // Pinned from a run: any change of the generator, the importers, the referential or the engine shows here.
    expect(Math.round(byDomain.total.climateKgCo2e * 1000)).toBe(PINNED_TOTAL_GRAMS)
    expect(byDomain.assets).toBe(PINNED_ASSETS)
  })
})

const PINNED_TOTAL_GRAMS = 1_191_971_113
const PINNED_ASSETS = 25_557
