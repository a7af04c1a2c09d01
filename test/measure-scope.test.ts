import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/run-cli.js'
import { createApiToken, createUser } from '../src/app/users.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import { openWorkspace } from '../src/main.js'
import { createAdministratorToken } from './support/api-token.js'

// Two servers of 1,000 kWh/yr outside any datacenter (PUE 1, no ownership: utilisation 1), campaign 2022.
const INVENTORY = [
  'organisation,site,category,serial,quantity,purchaseDate,annualKwh,country',
  'Org > A,Lyon,server,SRV-A,1,2020-01-01,1000,FR',
  'Org > B,Berlin,server,SRV-B,1,2020-01-01,1000,DE',
].join('\n')

type Explanation = {
  footprint: { impacts: Record<string, { use: number }> }
  trace: {
    phases: {
      criterion: string
      phase: string
      inputs: { name: string; origin: string; factor?: { id: string; source: string } }[]
    }[]
  }
}

describe('scope of the measure: every criterion, yearly grid factors, overrides, person-equivalents', () => {
  let workspace = ''
  const cli = (argv: string[]) => runCli([...argv, '--workspace', workspace])
  const useOf = async (serial: string, criterion: string): Promise<number> =>
    (JSON.parse((await cli(['explain', serial, '--campaign', '2022', '--json'])).stdout) as Explanation)
      .footprint.impacts[criterion]!.use

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'empreinte-scope-'))
    const file = join(workspace, 'servers.csv')
    await writeFile(file, INVENTORY)
    const imported = await cli(['import', file, '--format', 'generic', '--campaign', '2022', '--json'])
    expect(imported.code).toBe(0)
  })
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true })
  })

  it("uses the campaign year's grid factor: Germany 2022 is 0.42 kgCO2e/kWh, France ADEME 0.0519", async () => {
    expect(await useOf('SRV-B', 'climate-change')).toBeCloseTo(420, 9) // 1000 × 0.42
    expect(await useOf('SRV-A', 'climate-change')).toBeCloseTo(51.9, 9) // 1000 × 0.0519
  })

  it('carries every criterion of the mix in footprint --json, with its unit', async () => {
    const report = JSON.parse(
      (await cli(['footprint', '--campaign', '2022', '--by', 'criterion', '--json'])).stdout,
    ) as {
      units: Record<string, string>
      total: { byCriterion: Record<string, number> }
      breakdown: { criterion: string; byCriterion: Record<string, number> }[]
    }
    // ionising radiation: 1000 × 3.23443 (FR) + 1000 × 0.958296 (DE) = 4192.726 kBq U-235 eq/yr
    expect(report.total.byCriterion['ionising-radiation']).toBeCloseTo(4192.726, 6)
    expect(report.units['ionising-radiation']).toBe('kBq U-235 eq')
    // 11 criteria for servers (ADEME has no water figure for them)
    expect(Object.keys(report.total.byCriterion)).toHaveLength(11)
    const fossils = report.breakdown.find((row) => row.criterion === 'resource-use-fossils')!
    // 1000 × 9.31353 + 1000 × 8.74769 = 18061.22 MJ/yr
    expect(fossils.byCriterion['resource-use-fossils']).toBeCloseTo(18061.22, 6)
    const text = (await cli(['footprint', '--campaign', '2022', '--by', 'criterion'])).stdout
    expect(text).toContain('kBq U-235 eq/yr')
  })

  it('normalises the totals to person-equivalents (JRC packages)', async () => {
    const report = JSON.parse(
      (await cli(['footprint', '--campaign', '2022', '--normalise', 'person-equivalents', '--json'])).stdout,
    ) as {
      total: { climateKgCo2e: number }
      personEquivalents: { criterion: string; personEquivalents: number }[]
    }
    const climate = report.personEquivalents.find((entry) => entry.criterion === 'climate-change')!
    expect(climate.personEquivalents).toBeCloseTo(report.total.climateKgCo2e / 851.25, 12)
    const bad = await cli(['footprint', '--normalise', 'people'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Unknown --normalise "people"')
  })

  it('applies an organisation override to its subtree only, shows it in the trace, and removes it', async () => {
    const set = await cli([
      'electricity',
      'set',
      '--organisation',
      'Org > A',
      '--kgco2e-per-kwh',
      '0.01',
      '--source',
      'green contract 2022',
    ])
    expect(set.code).toBe(0)
    expect(set.stdout).toContain('0.01 kgCO2e/kWh for organisation Org > A')
    expect(await useOf('SRV-A', 'climate-change')).toBeCloseTo(10, 9) // 1000 × 0.01
    expect(await useOf('SRV-B', 'climate-change')).toBeCloseTo(420, 9) // unchanged
    expect(await useOf('SRV-A', 'ionising-radiation')).toBeCloseTo(3234.43, 6) // other criteria unchanged
    const explanation = JSON.parse(
      (await cli(['explain', 'SRV-A', '--campaign', '2022', '--json'])).stdout,
    ) as Explanation
    const use = explanation.trace.phases.find(
      (phase) => phase.criterion === 'climate-change' && phase.phase === 'use',
    )!
    const factor = use.inputs.find((input) => input.name === 'electricityFactor')!
    expect([factor.origin, factor.factor?.source]).toEqual(['override', 'green contract 2022'])
    // The stored results follow: total use = 10 + 420
    const report = JSON.parse(
      (await cli(['footprint', '--campaign', '2022', '--by', 'phase', '--json'])).stdout,
    ) as {
      breakdown: { phase: string; climateKgCo2e: number }[]
    }
    expect(report.breakdown.find((row) => row.phase === 'use')!.climateKgCo2e).toBeCloseTo(430, 9)
    const list = JSON.parse((await cli(['electricity', 'list', '--json'])).stdout) as {
      overrides: { id: number }[]
    }
    expect(list.overrides).toHaveLength(1)
    expect((await cli(['electricity', 'remove', String(list.overrides[0]!.id)])).code).toBe(0)
    expect(await useOf('SRV-A', 'climate-change')).toBeCloseTo(51.9, 9)
  })

  it('overrides a site by name, which wins over its organisation, and refuses a factor in g/kWh', async () => {
    await cli(['electricity', 'set', '--organisation', 'Org', '--kgco2e-per-kwh', '0.2'])
    await cli([
      'electricity',
      'set',
      '--site',
      'Berlin',
      '--kgco2e-per-kwh',
      '0.05',
      '--source',
      'on-site PPA',
    ])
    expect(await useOf('SRV-A', 'climate-change')).toBeCloseTo(200, 9) // organisation Org: 1000 × 0.2
    expect(await useOf('SRV-B', 'climate-change')).toBeCloseTo(50, 9) // site Berlin: 1000 × 0.05
    const bad = await cli(['electricity', 'set', '--organisation', 'Org', '--kgco2e-per-kwh', '52'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('divided by 1000')
  })

  it('sets, lists and removes overrides through the API, audited, and refuses a viewer', async () => {
    const opened = await openWorkspace(workspace, {
      create: false,
      progress: { start: () => {}, advance: () => {}, stop: () => {} },
    })
    try {
      const app = createHttpApp(opened.deps, { logger: () => undefined })
      const admin = { authorization: `Bearer ${await createAdministratorToken(opened.deps)}` }
      await createUser(opened.deps, {
        login: 'reader',
        displayName: null,
        role: 'viewer',
        organisation: null,
        password: null,
        nowMs: 0,
      })
      const viewerToken = await createApiToken(opened.deps, {
        login: 'reader',
        name: 't',
        expiresDays: null,
        nowMs: 0,
      })
      const viewer = { authorization: `Bearer ${viewerToken.token}` }
      const body = JSON.stringify({ organisation: 'Org > B', kgCo2ePerKwh: 0.1, source: 'PPA 2022' })
      const post = (headers: Record<string, string>) =>
        app.request('/api/electricity-overrides', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body,
        })
      expect((await post(viewer)).status).toBe(403)
      const created = await post(admin)
      expect(created.status).toBe(200)
      const override = (await created.json()) as {
        id: number
        organisationPath: string[]
        kgCo2ePerKwh: number
      }
      expect([override.organisationPath, override.kgCo2ePerKwh]).toEqual([['Org', 'B'], 0.1])
      const listed = (await (
        await app.request('/api/electricity-overrides', { headers: viewer })
      ).json()) as {
        overrides: { id: number }[]
      }
      expect(listed.overrides.map((item) => item.id)).toContain(override.id)
      const audit = (await (await app.request('/api/audit', { headers: admin })).json()) as {
        items: { action: string; target: string }[]
      }
      expect(audit.items.map((event) => [event.action, event.target])).toContainEqual([
        'electricity.set',
        'Org > B',
      ])
      const removed = await app.request(`/api/electricity-overrides/${override.id}`, {
        method: 'DELETE',
        headers: admin,
      })
      expect([removed.status, await removed.json()]).toEqual([200, { removed: override.id }])
      const again = await app.request(`/api/electricity-overrides/${override.id}`, {
        method: 'DELETE',
        headers: admin,
      })
      expect(again.status).toBe(404)
    } finally {
      await opened.close()
    }
  })
})
