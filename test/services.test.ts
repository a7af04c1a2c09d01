import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { createApiToken, createUser } from '../src/app/users.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import { serviceEstimateResponse } from '../src/http/service-response-schemas.js'
import { openWorkspace } from '../src/main.js'
import { runCli } from './support/run-cli.js'

const example = 'docs/examples/service-portal.yaml'

describe('empreinte service estimate', () => {
  it('answers options[] with name, climateKgCo2e and climateKgCo2ePerUser, and the best option', async () => {
    const result = await runCli(['service', 'estimate', example, '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const answer = serviceEstimateResponse.parse(JSON.parse(result.stdout))
    expect(answer.options.map((option) => option.name)).toEqual([
      'on-premises',
      'cloud-paris',
      'cloud-frankfurt',
      'on-premises-short-retention',
    ])
    const [onPremises, paris, frankfurt, shortRetention] = answer.options
    // Same users and traffic everywhere: terminals and network are equal, the datacenter tier differs.
    expect(paris!.byTier.terminals.climateKgCo2e).toBe(onPremises!.byTier.terminals.climateKgCo2e)
    // Network: 40,000 GB × 9.26934695867389 g/GB = 370.7738783469556 kgCO2e
    expect(onPremises!.byTier.network.climateKgCo2e).toBeCloseTo(370.7738783469556, 9)
    // On premises, 5-year retention: compute share (2 × 4 + 8) / 32 = 0.5 of a 748 kgCO2e / 5 yr server
    // = 74.8; use 0.5 × 3504 kWh × PUE 1.6 × 0.0519 = 145.48608; data (200 + 150 × 5) × 2 = 1900 GB of 6144:
    // 0.30924479166666669 × (461 / 5 + 2628 × 1.6 × 0.0519) = 28.512369791666668 + 67.48621875
    expect(onPremises!.byTier.datacenter.climateKgCo2e).toBeCloseTo(
      74.8 + 145.48608 + 28.512369791666668 + 67.48621875,
      9,
    )
    // One-year retention keeps (200 + 150) × 2 = 700 GB: less stored data, less datacenter footprint.
    expect(shortRetention!.byTier.datacenter.climateKgCo2e).toBeLessThan(
      onPremises!.byTier.datacenter.climateKgCo2e,
    )
    // Frankfurt's grid (0.338 kg/kWh) weighs more than Paris' (0.052) for the same instances.
    expect(frankfurt!.climateKgCo2e).toBeGreaterThan(paris!.climateKgCo2e)
    expect(answer.best.name).toBe('cloud-paris')
    expect(paris!.isBest).toBe(true)
    expect(answer.best.why).toContain('the datacenter tier makes most of the difference')
    expect(paris!.climateKgCo2ePerTransaction).toBeCloseTo(paris!.climateKgCo2e / 2_000_000, 15)
  })

  it('prints the options side by side with the best marked', async () => {
    const result = await runCli(['service', 'estimate', example])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('* cloud-paris')
    expect(result.stdout).toContain('per user, kgCO2e/yr')
    expect(result.stdout).toContain('* Best: "cloud-paris" has the lowest climate change per user')
  })

  it('names file, line and column of a bad value', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'empreinte-services-'))
    const file = join(folder, 'bad.yaml')
    await writeFile(
      file,
      'service: S\nusers:\n  count: 10\n  hoursPerYear: 99999\n  terminals: [{ type: laptop }]\n',
    )
    const result = await runCli(['service', 'estimate', file])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${file}:4:17: users.hoursPerYear: Too big: expected number to be <=8760`)
  })
})

describe('POST /api/services/estimate', () => {
  let workspace: OpenedWorkspace
  let authorization = ''
  beforeAll(async () => {
    workspace = await openWorkspace(':memory:', {
      create: true,
      progress: { start() {}, advance() {}, stop() {} },
    })
    // The API needs a signed-in caller: a viewer's token (reading is all an estimate needs).
    const nowMs = Date.UTC(2026, 0, 5)
    await createUser(workspace.deps, {
      login: 'architect',
      displayName: null,
      role: 'viewer',
      organisation: null,
      password: null,
      nowMs,
    })
    const { token } = await createApiToken(workspace.deps, {
      login: 'architect',
      name: 'tests',
      expiresDays: null,
      nowMs,
    })
    authorization = `Bearer ${token}`
  })
  afterAll(async () => workspace.close())

  it('answers the same comparison as the command line for the same description', async () => {
    const app = createHttpApp(workspace.deps, { logger: () => {} })
    const body = parse(await readFile(example, 'utf8')) as unknown
    const response = await app.request('/api/services/estimate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    const answer = serviceEstimateResponse.parse(await response.json())
    const cli = JSON.parse((await runCli(['service', 'estimate', example, '--json'])).stdout) as typeof answer
    expect(answer).toEqual(cli)
  })

  it('lists every problem of an invalid description', async () => {
    const app = createHttpApp(workspace.deps, { logger: () => {} })
    const response = await app.request('/api/services/estimate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ service: 'S', options: [{ name: 'a' }] }),
    })
    expect(response.status).toBe(400)
    const answer = (await response.json()) as { error: { message: string } }
    expect(answer.error.message).toContain('options.0.users')
  })

  it('is described in the OpenAPI document with a JSON request body', async () => {
    const app = createHttpApp(workspace.deps, { logger: () => {} })
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, unknown> } } }>
    }
    expect(Object.keys(document.paths['/api/services/estimate']?.post?.requestBody?.content ?? {})).toEqual([
      'application/json',
    ])
  })
})
