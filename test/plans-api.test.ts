/**
 * Saved scenarios, action plans and tariffs through the HTTP API (in-process), on the workspace of
 * test/scenarios-and-actions.test.ts (test/support/plans-workspace.ts): the same use cases and figures as the
 * CLI, and each organisation's users confined to their subtree (docs/access-control.md).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Progress } from '../src/app/ports.js'
import { createApiToken, createUser } from '../src/app/users.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import {
  actionListResponse,
  actionProgressResponse,
  actionResponse,
  scenarioComparisonResponse,
  scenarioListResponse,
  scenarioSaveResponse,
  tariffListResponse,
} from '../src/http/plan-response-schemas.js'
import { openWorkspace } from '../src/main.js'
import { buildPlansWorkspace, F_DESKTOP, F_LAPTOP, MIX } from './support/plans-workspace.js'

const silent: Progress = { start() {}, advance() {}, stop() {} }
const T0 = Date.UTC(2026, 0, 15)
const LYON = 'Caisse > Agence Lyon'
const VIENNE = 'Caisse > Agence Vienne'
type Who = 'analyst' | 'lyon' | 'vienne' | 'viewer'

describe('scenarios, actions and tariffs over HTTP', () => {
  let folder: string
  let workspace: OpenedWorkspace
  let app: Hono
  const tokens = {} as Record<Who, string>

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'empreinte-plans-api-'))
    workspace = await openWorkspace(await buildPlansWorkspace(folder), { create: false, progress: silent })
    const users: [Who, 'analyst' | 'contributor' | 'viewer', string | null][] = [
      ['analyst', 'analyst', null],
      ['lyon', 'contributor', LYON],
      ['vienne', 'contributor', VIENNE],
      ['viewer', 'viewer', VIENNE],
    ]
    for (const [login, role, organisation] of users) {
      await createUser(workspace.deps, {
        login,
        displayName: null,
        role,
        organisation,
        password: null,
        nowMs: T0,
      })
      tokens[login] = (
        await createApiToken(workspace.deps, { login, name: 'tests', expiresDays: null, nowMs: T0 })
      ).token
    }
    app = createHttpApp(workspace.deps, { now: () => T0 })
  }, 60_000)
  afterAll(async () => {
    await workspace.close()
    await rm(folder, { recursive: true, force: true })
  })

  const send = async (who: Who, method: string, url: string, body?: unknown) => {
    const response = await app.request(url, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: response.status, body: (await response.json()) as unknown }
  }
  const errorOf = (answer: { body: unknown }) =>
    (answer.body as { error: { code: string; message: string } }).error

  it('saves, lists, compares (ranked, exact figures) and removes scenarios, each user within their subtree', async () => {
    const laptops = await send('analyst', 'POST', '/api/scenarios', {
      name: 'laptops-2y',
      levers: ['lifetime-extension:years=2,categories=laptop'],
      organisation: 'Caisse',
      description: 'keep laptops two more years',
    })
    expect(laptops.status).toBe(201)
    expect(scenarioSaveResponse.parse(laptops.body)).toMatchObject({
      scenario: { name: 'laptops-2y', perimeterText: 'organisation=Caisse' },
      isReplaced: false,
    })
    // No organisation given: a contributor's scenario covers their own subtree.
    const desktops = await send('vienne', 'POST', '/api/scenarios', {
      name: 'desktops-2y',
      levers: ['lifetime-extension:categories=desktop'],
      sites: ['vienne'],
    })
    expect(desktops.status).toBe(201)
    expect(scenarioSaveResponse.parse(desktops.body).scenario).toMatchObject({
      levers: ['lifetime-extension:years=2,categories=desktop'],
      perimeter: { organisation: VIENNE, categories: [], sites: ['vienne'] },
    })

    // Vienne's contributor may not plan for Lyon, nor take over a scenario name of the whole tree.
    const lyon = await send('vienne', 'POST', '/api/scenarios', {
      name: 'lyon-power-off',
      levers: ['power-off'],
      organisation: LYON,
    })
    expect(lyon.status).toBe(403)
    expect(errorOf(lyon).message).toBe(
      `"${LYON}" is outside your perimeter (Caisse > Agence Vienne): you may only write for it and below.`,
    )
    const takeOver = await send('vienne', 'POST', '/api/scenarios', {
      name: 'LAPTOPS-2Y',
      levers: ['power-off'],
    })
    expect(takeOver.status).toBe(409)
    const byViewer = await send('viewer', 'POST', '/api/scenarios', { name: 'v', levers: ['power-off'] })
    expect(byViewer.status).toBe(403)
    const badLever = await send('analyst', 'POST', '/api/scenarios', { name: 'x', levers: ['power-of'] })
    expect(badLever.status).toBe(400)

    const names = async (who: Who) =>
      scenarioListResponse.parse((await send(who, 'GET', '/api/scenarios')).body).scenarios.map((s) => s.name)
    expect(await names('analyst')).toEqual(['desktops-2y', 'laptops-2y'])
    expect(await names('vienne')).toEqual(['desktops-2y'])
    expect(await names('lyon')).toEqual([])

    const compared = await send(
      'analyst',
      'GET',
      '/api/scenarios/comparison?name=desktops-2y&name=laptops-2y',
    )
    expect(compared.status).toBe(200)
    const comparison = scenarioComparisonResponse.parse(compared.body)
    expect(comparison.campaign).toBe(2025)
    expect(comparison.scenarios.map((row) => [row.rank, row.name, row.eurosRank, row.assets])).toEqual([
      [1, 'laptops-2y', 1, 2],
      [2, 'desktops-2y', 2, 1],
    ])
    const [first, second] = comparison.scenarios
    // Same figures as `empreinte scenario compare`: 12 × 185.09 / 7 × 2/7 = 90.656327 kgCO2e/yr, 617.142857 €/yr.
    expect(first!.climateKgCo2e).toBeCloseTo(((12 * F_LAPTOP) / 7) * (2 / 7), 6)
    expect(first!.baselineClimateKgCo2e).toBeCloseTo(
      (12 * F_LAPTOP) / 7 + 360 * MIX + F_DESKTOP + 600 * MIX,
      6,
    )
    expect(first!.euros).toBeCloseTo(12 * 900 * (1 / 5 - 1 / 7), 6)
    // Desktops at Vienne, 6 → 8 years: 211.46 × 2/8 = 52.865 kgCO2e/yr, 6 × 700 € × (1/6 − 1/8) = 175 €/yr.
    expect(second!.climateKgCo2e).toBeCloseTo((F_DESKTOP * 2) / 8, 6)
    expect(second!.euros).toBeCloseTo(175, 6)

    // Vienne's contributor compares what lies in Vienne; Caisse's scenario is "not found" to them.
    const own = scenarioComparisonResponse.parse(
      (await send('vienne', 'GET', '/api/scenarios/comparison')).body,
    )
    expect(own.scenarios.map((row) => row.name)).toEqual(['desktops-2y'])
    expect(own.scenarios[0]!.climateKgCo2e).toBeCloseTo(52.865, 9)
    const hidden = await send('vienne', 'GET', '/api/scenarios/comparison?name=laptops-2y')
    expect(hidden.status).toBe(404)
    expect(errorOf(hidden).message).toBe('No saved scenario named "laptops-2y". Saved: desktops-2y.')
    const none = scenarioComparisonResponse.parse(
      (await send('lyon', 'GET', '/api/scenarios/comparison')).body,
    )
    expect(none).toEqual({ campaign: 2025, referential: null, scenarios: [] })

    expect((await send('vienne', 'DELETE', '/api/scenarios/laptops-2y')).status).toBe(404)
    expect((await send('analyst', 'DELETE', '/api/scenarios/laptops-2y')).body).toEqual({
      removed: 'laptops-2y',
    })
    expect(await names('analyst')).toEqual(['desktops-2y'])
  }, 60_000)

  it('records and updates actions and answers their progress with the CLI figures, within each subtree', async () => {
    const lifetime = await send('analyst', 'POST', '/api/actions', {
      lever: 'lifetime-extension:years=2,categories=laptop',
      categories: ['laptop'],
      owner: 'DSI Caisse',
      start: '2025-01-01',
      status: 'in-progress',
    })
    expect(lifetime.status).toBe(201)
    expect(actionResponse.parse(lifetime.body)).toMatchObject({
      id: 1,
      start: '2025-01-01',
      status: 'in-progress',
    })
    const powerOff = await send('lyon', 'POST', '/api/actions', {
      lever: 'power-off',
      sites: ['Lyon'],
      owner: 'Agence Lyon',
      start: '2025-06-01',
    })
    expect(powerOff.status).toBe(201)
    expect(actionResponse.parse(powerOff.body)).toMatchObject({
      id: 2,
      perimeter: { organisation: LYON, categories: [], sites: ['Lyon'] },
      status: 'planned',
    })
    const foreign = await send('vienne', 'POST', '/api/actions', {
      lever: 'power-off',
      organisation: LYON,
      owner: 'x',
      start: '2025-06-01',
    })
    expect(foreign.status).toBe(403)
    expect((await send('vienne', 'POST', '/api/actions/2', { status: 'done' })).status).toBe(404)
    const moved = await send('lyon', 'POST', '/api/actions/2', { perimeter: { organisation: VIENNE } })
    expect(moved.status).toBe(403)
    const done = await send('lyon', 'POST', '/api/actions/2', { status: 'done' })
    expect(done.status).toBe(200)
    expect(actionResponse.parse(done.body).status).toBe('done')
    expect((await send('lyon', 'POST', '/api/actions/2', {})).status).toBe(400)

    const ids = async (who: Who) =>
      actionListResponse.parse((await send(who, 'GET', '/api/actions')).body).actions.map((a) => a.id)
    expect(await ids('analyst')).toEqual([1, 2])
    expect(await ids('lyon')).toEqual([2])
    expect(await ids('vienne')).toEqual([])

    const progress = actionProgressResponse.parse(
      (await send('analyst', 'GET', '/api/actions/progress?id=1')).body,
    )
    const [action] = progress.actions
    // Expected on 2024: 10 × 185.09 / 5 × 2/7 = 105.765714 kgCO2e/yr; measured 12 laptops kept longer: × 1.2.
    expect(action!.expected!.campaign).toBe(2024)
    expect(action!.expected!.savings.climateKgCo2e).toBeCloseTo(((10 * F_LAPTOP) / 5) * (2 / 7), 6)
    expect(action!.measured!.climateKgCo2e.attributed).toBeCloseTo(12 * F_LAPTOP * (2 / 35), 6)
    expect(action!.achievedShareOfExpected).toBeCloseTo(1.2, 9)
    const lyonProgress = actionProgressResponse.parse(
      (await send('lyon', 'GET', '/api/actions/progress')).body,
    )
    expect(lyonProgress.actions.map((entry) => entry.action.id)).toEqual([2])
    // 300 kWh of Lyon inventory in 2024, assumed always on: 300 × (1 − 2,860 / 8,760) kWh/yr saved.
    expect(lyonProgress.actions[0]!.expected!.savings.kwh).toBeCloseTo(300 * (1 - 2860 / 8760), 6)
    expect((await send('lyon', 'GET', '/api/actions/progress?id=1')).status).toBe(404)
  }, 60_000)

  it('sets tariffs for an organisation of the subtree only, and prices the actions with them', async () => {
    const caisse = await send('analyst', 'POST', '/api/tariffs', {
      organisation: 'Caisse',
      eurosPerKwh: 0.25,
      source: 'contrat 2025',
    })
    expect(caisse).toEqual({
      status: 200,
      body: { organisation: 'Caisse', eurosPerKwh: 0.25, source: 'contrat 2025' },
    })
    expect(
      (await send('vienne', 'POST', '/api/tariffs', { organisation: VIENNE, eurosPerKwh: 0.15 })).status,
    ).toBe(200)
    const foreign = await send('vienne', 'POST', '/api/tariffs', { organisation: LYON, eurosPerKwh: 0.1 })
    expect(foreign.status).toBe(403)
    const tariffs = async (who: Who) =>
      tariffListResponse
        .parse((await send(who, 'GET', '/api/tariffs')).body)
        .tariffs.map((tariff) => [tariff.organisation, tariff.eurosPerKwh])
    expect(await tariffs('analyst')).toEqual([
      ['Caisse', 0.25],
      [VIENNE, 0.15],
    ])
    expect(await tariffs('vienne')).toEqual([[VIENNE, 0.15]])
    // Lyon follows its parent Caisse: 0.25 €/kWh on the 202.054795 kWh/yr the power-off policy saves.
    const progress = actionProgressResponse.parse(
      (await send('lyon', 'GET', '/api/actions/progress?id=2')).body,
    )
    expect(progress.actions[0]!.expected!.savings.euros).toBeCloseTo(300 * (1 - 2860 / 8760) * 0.25, 6)
  }, 60_000)
})
