/**
 * The eco-design store (projects, estimate snapshots, RGESN criteria and answers) behaves the same on DuckDB
 * and on PostgreSQL: same scenario, same exact answers.
 */
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedWorkspace } from '../../src/cli/cli-io.js'
import { OPERATION_INPUTS, OPERATIONS } from '../../src/app/operations.js'
import { loadRgesn } from '../../src/app/rgesn.js'
import { openPostgresWorkspace, openWorkspace } from '../../src/main.js'
import { startPostgres, type PostgresServer } from '../support/postgres-server.js'

const silent = { start: () => undefined, advance: () => undefined, stop: () => undefined }
const service = {
  service: 'Permits portal',
  users: { count: 1000, hoursPerYear: 10, terminals: [{ type: 'laptop', share: 0 }] },
  network: [{ gbPerYear: 10_000 }],
}

let server: PostgresServer
beforeAll(async () => {
  server = await startPostgres()
}, 60_000)
afterAll(async () => {
  await server.stop()
})

async function scenario(workspace: OpenedWorkspace): Promise<unknown> {
  const deps = workspace.deps
  await OPERATIONS['project.add'](
    deps,
    OPERATION_INPUTS['project.add'].parse({
      project: { name: 'Permits', owner: 'DSI', phase: 'idea', service },
      atMs: 1_000,
    }),
  )
  await OPERATIONS['project.estimate'](deps, { project: 'permits', description: null, atMs: 2_000 })
  await OPERATIONS['project.phase'](deps, { project: 'Permits', phase: 'design' })
  await OPERATIONS['project.estimate'](deps, {
    project: 'Permits',
    description: OPERATION_INPUTS['project.estimate'].shape.description.parse({
      ...service,
      network: [{ gbPerYear: 5_000 }],
    }),
    atMs: 3_000,
  })
  await loadRgesn(deps, { file: 'fixtures/rgesn/sample-referentiel.json', atMs: 4_000 })
  await OPERATIONS['rgesn.answer'](deps, {
    project: 'Permits',
    answers: [
      { criterion: '1.1', answer: 'yes', note: null },
      { criterion: '3.1', answer: 'not-applicable', note: 'No data' },
    ],
    atMs: 5_000,
  })
  await OPERATIONS['rgesn.answer'](deps, {
    project: 'Permits',
    answers: [{ criterion: '1.2', answer: 'yes', note: null }],
    atMs: 6_000,
  })
  const gate = await OPERATIONS['project.gate'](deps, { project: null })
  const score = await OPERATIONS['rgesn.score'](deps, { project: 'Permits' })
  const list = await OPERATIONS['project.list'](deps)
  return { gate, score, list }
}

describe('eco-design store', () => {
  it('gives the same gate, list and RGESN score on DuckDB and PostgreSQL', async () => {
    const duck = await openWorkspace(':memory:', { create: true, progress: silent })
    const postgres = await openPostgresWorkspace(await server.createDatabase(), tmpdir(), {
      create: true,
      progress: silent,
    })
    try {
      const onDuck = (await scenario(duck)) as {
        gate: { projects: { phases: { change: { climateKgCo2e: number; percent: number } | null }[] }[] }
        score: { met: number; applicable: number; history: { atMs: number; met: number }[] }
      }
      const onPostgres = await scenario(postgres)
      expect(onPostgres).toEqual(onDuck)
      // design − idea = (5,000 − 10,000) GB × 0.00926934695867389 kgCO2e/GB = −46.34673479336945; −50 %
      const change = onDuck.gate.projects[0]!.phases[1]!.change!
      expect(change.climateKgCo2e).toBeCloseTo(-46.34673479336945, 9)
      expect(change.percent).toBeCloseTo(-50, 9)
      // 1.1 and 1.2 met of 6 − 1 not applicable: 2 / 5; after the first answers 1 / 5
      expect([onDuck.score.met, onDuck.score.applicable]).toEqual([2, 5])
      expect(onDuck.score.history.map((point) => [point.atMs, point.met])).toEqual([
        [5_000, 1],
        [6_000, 2],
      ])
    } finally {
      await duck.close()
      await postgres.close()
    }
  })
})
