import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { loadRgesn } from '../src/app/rgesn.js'
import { createApiToken, createUser } from '../src/app/users.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import {
  projectEstimateResponse,
  projectGateResponse,
  projectListResponse,
  projectResponse,
  rgesnAnswerResponse,
  rgesnScoreResponse,
} from '../src/http/service-response-schemas.js'
import { openWorkspace } from '../src/main.js'
import { runCli } from './support/run-cli.js'

const SAMPLE_JSON = 'fixtures/rgesn/sample-referentiel.json'
const SAMPLE_CSV = 'fixtures/rgesn/sample-referentiel-version-csv1.csv'
const ANSWERS = 'fixtures/rgesn/answers.csv'
const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 1)
/** ADEME/Arcep fixed-network factor, France (service-factors.ts): 9.26934695867389 gCO2e per GB. */
const FIXED_FR_KG_PER_GB = 0.00926934695867389

// Terminal share 0: the figures are the network tier alone, so they can be checked by hand.
const IDEA_SERVICE = `service: Permits portal
users:
  count: 1000
  hoursPerYear: 10
  terminals:
    - type: laptop
      share: 0
network:
  - gbPerYear: 10000
`
const DESIGN_SERVICE = `service: Permits portal
users:
  count: 1000
  hoursPerYear: 10
  terminals:
    - type: laptop
      share: 0
options:
  - name: fixed
    network:
      - gbPerYear: 8000
  - name: mobile
    network:
      - gbPerYear: 8000
        kind: mobile
`

const parseJson = (text: string): unknown => JSON.parse(text) as unknown

describe('empreinte project', () => {
  let folder = ''
  let workspace: string[] = []
  const cli = (argv: string[], day: number) => runCli([...argv, ...workspace], T0 + day * DAY)

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'empreinte-projects-'))
    workspace = ['--workspace', join(folder, 'workspace')]
    await writeFile(join(folder, 'idea.yaml'), IDEA_SERVICE)
    await writeFile(join(folder, 'design.yaml'), DESIGN_SERVICE)
  })

  it('snapshots an estimate per phase and shows the change at each gate', async () => {
    const added = await cli(
      [
        'project',
        'add',
        'Permits',
        '--owner',
        'DSI',
        '--phase',
        'idea',
        '--service',
        join(folder, 'idea.yaml'),
        '--json',
      ],
      1,
    )
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    expect(projectResponse.parse(parseJson(added.stdout))).toMatchObject({
      name: 'Permits',
      owner: 'DSI',
      phase: 'idea',
      service: 'Permits portal',
      serviceFile: 'idea.yaml',
      createdAt: '2026-01-02T00:00:00.000Z',
      estimates: 0,
    })

    const idea = await cli(['project', 'estimate', 'Permits', '--json'], 2)
    expect(idea.code).toBe(0)
    const ideaEstimate = projectEstimateResponse.parse(parseJson(idea.stdout))
    // 10,000 GB × 0.00926934695867389 kgCO2e/GB = 92.6934695867389 kgCO2e/yr; / 1,000 users = 0.0926934695867389
    expect(ideaEstimate).toMatchObject({ phase: 'idea', bestOption: 'Permits portal', euros: 0 })
    expect(ideaEstimate.climateKgCo2e).toBeCloseTo(10_000 * FIXED_FR_KG_PER_GB, 9)
    expect(ideaEstimate.climateKgCo2e).toBeCloseTo(92.6934695867389, 9)
    expect(ideaEstimate.climateKgCo2ePerUser).toBeCloseTo(0.0926934695867389, 12)

    expect((await cli(['project', 'phase', 'Permits', 'design'], 3)).code).toBe(0)
    const design = await cli(['project', 'estimate', 'Permits', join(folder, 'design.yaml'), '--json'], 4)
    expect(design.code).toBe(0)
    const designEstimate = projectEstimateResponse.parse(parseJson(design.stdout))
    // fixed: 8,000 GB × 0.00926934695867389 = 74.15477566939111 kgCO2e/yr beats mobile (8,000 × 0.0246836791969497)
    expect(designEstimate.bestOption).toBe('fixed')
    expect(designEstimate.climateKgCo2e).toBeCloseTo(74.15477566939111, 9)
    expect(designEstimate.comparison.options.map((option) => option.name)).toEqual(['fixed', 'mobile'])

    // The design file became the project's description: the run-phase estimate reuses it.
    expect((await cli(['project', 'phase', 'Permits', 'run'], 5)).code).toBe(0)
    expect((await cli(['project', 'estimate', 'Permits'], 6)).code).toBe(0)

    const gate = await cli(['project', 'gate', 'Permits', '--json'], 7)
    expect(gate.code).toBe(0)
    const [permits] = projectGateResponse.parse(parseJson(gate.stdout)).projects
    expect(
      permits!.phases.map((phase) => [phase.phase, phase.isCurrent, phase.estimate?.bestOption ?? null]),
    ).toEqual([
      ['idea', false, 'Permits portal'],
      ['design', false, 'fixed'],
      ['build', false, null],
      ['run', true, 'fixed'],
    ])
    const [ideaGate, designGate, buildGate, runGate] = permits!.phases
    expect(ideaGate!.change).toBeNull()
    expect(ideaGate!.estimate!.at).toBe('2026-01-03T00:00:00.000Z')
    // design − idea = 74.15477566939111 − 92.6934695867389 = −18.53869391734778 kgCO2e, / 92.69… = −20 %
    expect(designGate!.change!.sincePhase).toBe('idea')
    expect(designGate!.change!.climateKgCo2e).toBeCloseTo(-18.53869391734778, 9)
    expect(designGate!.change!.percent).toBeCloseTo(-20, 9)
    expect(designGate!.change!.climateKgCo2ePerUser).toBeCloseTo(-0.01853869391734778, 12)
    expect(buildGate!.estimate).toBeNull()
    expect(buildGate!.change).toBeNull()
    // run is compared with design, the previous phase that has an estimate (build has none): no change.
    expect(runGate!.change).toEqual({
      sincePhase: 'design',
      climateKgCo2e: 0,
      percent: 0,
      climateKgCo2ePerUser: 0,
      euros: 0,
    })

    const text = await cli(['project', 'gate'], 7)
    expect(text.stdout).toContain('design  2026-01-05  fixed')
    expect(text.stdout).toContain('-18.54 vs idea  -20.00 %')

    const list = projectListResponse.parse(parseJson((await cli(['project', 'list', '--json'], 7)).stdout))
    expect(list.projects).toEqual([
      {
        name: 'Permits',
        owner: 'DSI',
        phase: 'run',
        service: 'Permits portal',
        serviceFile: 'design.yaml',
        createdAt: '2026-01-02T00:00:00.000Z',
        estimates: 3,
        latestEstimate: {
          phase: 'run',
          at: '2026-01-07T00:00:00.000Z',
          bestOption: 'fixed',
          climateKgCo2e: list.projects[0]!.latestEstimate!.climateKgCo2e,
        },
      },
    ])
    expect(list.projects[0]!.latestEstimate!.climateKgCo2e).toBeCloseTo(74.15477566939111, 9)
  })

  it('scores the RGESN answers per family and keeps the history', async () => {
    const loaded = await cli(['rgesn', 'load', SAMPLE_JSON, '--json'], 10)
    expect(loaded.stderr).toBe('')
    expect(parseJson(loaded.stdout)).toEqual({
      version: 'sample-v2',
      file: 'sample-referentiel.json',
      criteria: 6,
      families: [
        { family: 'Stratégie', criteria: 2 },
        { family: 'Interface', criteria: 2 },
        { family: 'Hébergement', criteria: 2 },
      ],
    })
    const fromFile = await cli(['rgesn', 'answer', 'Permits', '--file', ANSWERS, '--json'], 11)
    expect(fromFile.stderr).toBe('')
    const first = rgesnAnswerResponse.parse(parseJson(fromFile.stdout))
    // yes: 1.1, 2.2 (oui) = 2 met; 3.1 not applicable → 6 − 1 = 5 applicable; 2 / 5 = 0.4
    expect([first.recorded, first.score.met, first.score.applicable, first.score.score]).toEqual([
      5, 2, 5, 0.4,
    ])
    expect(
      (await cli(['rgesn', 'answer', 'Permits', '1.2', 'yes', '--note', 'Budget agreed'], 12)).code,
    ).toBe(0)

    const score = rgesnScoreResponse.parse(
      parseJson((await cli(['rgesn', 'score', 'Permits', '--json'], 13)).stdout),
    )
    // 1.2 in-progress → yes: 3 met / 5 applicable = 0.6
    expect(score).toMatchObject({
      project: 'Permits',
      version: 'sample-v2',
      criteria: 6,
      met: 3,
      notMet: 1,
      inProgress: 0,
      notApplicable: 1,
      unanswered: 1,
      applicable: 5,
      score: 0.6,
      ignoredAnswers: 0,
    })
    // Stratégie 2 / 2; Interface 1 / 2 (2.1 "non"); Hébergement 0 / 1 (3.1 n/a, 3.2 unanswered)
    expect(
      score.byFamily.map((family) => [family.family, family.met, family.applicable, family.score]),
    ).toEqual([
      ['Stratégie', 2, 2, 1],
      ['Interface', 1, 2, 0.5],
      ['Hébergement', 0, 1, 0],
    ])
    expect(score.history.map((point) => [point.at, point.met, point.applicable, point.score])).toEqual([
      ['2026-01-12T00:00:00.000Z', 2, 5, 0.4],
      ['2026-01-13T00:00:00.000Z', 3, 5, 0.6],
    ])
    expect(score.items.find((item) => item.id === '1.2')).toMatchObject({
      answer: 'yes',
      note: 'Budget agreed',
    })
    expect(score.items.find((item) => item.id === '2.1')).toMatchObject({
      answer: 'no',
      note: 'Not tested yet',
    })

    const text = (await cli(['rgesn', 'score', 'Permits'], 13)).stdout
    expect(text).toContain('score 60.0 % (3 met / 5 applicable of 6 criteria)')
    expect(text).toContain('Interface      1   1            0           0    0           2  50.0 %')
  })

  it('loads the criteria from a CSV (id;thematique;critere), the version from the file name', async () => {
    const loaded = await cli(['rgesn', 'load', SAMPLE_CSV, '--json'], 20)
    expect(loaded.stderr).toBe('')
    expect(parseJson(loaded.stdout)).toMatchObject({ version: 'csv1', criteria: 6 })
    // The version loaded last is in use; the answers keep counting (same criterion ids).
    const score = rgesnScoreResponse.parse(
      parseJson((await cli(['rgesn', 'score', 'Permits', '--json'], 21)).stdout),
    )
    expect([score.version, score.met, score.applicable, score.items[0]!.url]).toEqual(['csv1', 3, 5, null])
  })

  it('names file, line and column of every bad criterion or answer', async () => {
    const badJson = join(folder, 'bad-criteria.json')
    await writeFile(
      badJson,
      '{\n  "version": "t",\n  "criteres": [\n    { "id": "1.1", "thematique": "A", "critere": "x" },\n    { "id": "1.2", "thematique": "A" },\n    { "id": "1.3", "thematique": "", "critere": "z" }\n  ]\n}\n',
    )
    const json = await cli(['rgesn', 'load', badJson], 30)
    expect(json.code).toBe(2)
    expect(json.stderr).toContain(`${badJson}:5:5: criteres[1].critere is missing`)
    expect(json.stderr).toContain(`${badJson}:6:34: criteres[2].thematique must be a non-empty text`)

    const badCsv = join(folder, 'bad-criteria.csv')
    await writeFile(badCsv, 'id;thematique;critere\n1.1;A;First\n1.2;;Second\n')
    const csv = await cli(['rgesn', 'load', badCsv], 30)
    expect(csv.code).toBe(2)
    expect(csv.stderr).toContain(`${badCsv}:3:2: empty thematique`)

    const badAnswers = join(folder, 'bad-answers.csv')
    await writeFile(badAnswers, 'criterion;answer\n1.1;maybe\n')
    const answers = await cli(['rgesn', 'answer', 'Permits', '--file', badAnswers], 30)
    expect(answers.code).toBe(2)
    expect(answers.stderr).toContain(
      `${badAnswers}:2:2: "maybe" is not an answer (use yes, no, not-applicable, in-progress)`,
    )

    const unknown = await cli(['rgesn', 'answer', 'Permits', '9.9', 'yes'], 30)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown RGESN criterion "9.9"')
  })

  it('refuses an unknown phase, a duplicate project and an unknown project', async () => {
    const phase = await cli(['project', 'phase', 'Permits', 'deploy'], 40)
    expect([phase.code, phase.stderr]).toEqual([
      2,
      'empreinte: Phase "deploy" is unknown: use idea, design, build, run.\n',
    ])
    const duplicate = await cli(['project', 'add', 'permits', '--owner', 'X'], 40)
    expect(duplicate.code).toBe(1)
    expect(duplicate.stderr).toContain('A project named "permits" already exists.')
    const missing = await cli(['project', 'gate', 'Nope'], 40)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('No project "Nope"')
    const noDescription = await cli(['project', 'add', 'Bare', '--owner', 'X'], 40)
    expect(noDescription.code).toBe(0)
    const estimate = await cli(['project', 'estimate', 'Bare'], 40)
    expect(estimate.code).toBe(2)
    expect(estimate.stderr).toContain('Project "Bare" has no service description')
  })
})

describe('/api/projects', () => {
  let workspace: OpenedWorkspace
  const tokens = { analyst: '', viewer: '' }
  beforeAll(async () => {
    workspace = await openWorkspace(':memory:', {
      create: true,
      progress: { start() {}, advance() {}, stop() {} },
    })
    const nowMs = Date.UTC(2026, 0, 5)
    for (const role of ['analyst', 'viewer'] as const) {
      await createUser(workspace.deps, {
        login: role,
        displayName: null,
        role,
        organisation: null,
        password: null,
        nowMs,
      })
      tokens[role] = (
        await createApiToken(workspace.deps, { login: role, name: 'tests', expiresDays: null, nowMs })
      ).token
    }
    await loadRgesn(workspace.deps, { file: SAMPLE_JSON, atMs: Date.UTC(2026, 0, 6) })
  })
  afterAll(async () => workspace.close())

  const send = (
    app: ReturnType<typeof createHttpApp>,
    method: string,
    path: string,
    body?: unknown,
    role: keyof typeof tokens = 'analyst',
  ) =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${tokens[role]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  it('registers a project, estimates it, shows its gate and scores its RGESN answers', async () => {
    const app = createHttpApp(workspace.deps, { logger: () => {} })
    const service = {
      service: 'Permits portal',
      users: { count: 1000, hoursPerYear: 10, terminals: [{ type: 'laptop', share: 0 }] },
      network: [{ gbPerYear: 10_000 }],
    }
    const created = await send(app, 'POST', '/api/projects', {
      name: 'Permits',
      owner: 'DSI',
      phase: 'design',
      service,
    })
    expect(created.status).toBe(201)
    expect(projectResponse.parse(await created.json())).toMatchObject({
      name: 'Permits',
      phase: 'design',
      service: 'Permits portal',
    })
    expect((await send(app, 'POST', '/api/projects', { name: 'PERMITS', owner: 'X' })).status).toBe(409)
    expect((await send(app, 'POST', '/api/projects', { name: 'Other', owner: 'X' }, 'viewer')).status).toBe(
      403,
    )

    const estimated = await send(app, 'POST', '/api/projects/Permits/estimates', null)
    expect(estimated.status).toBe(201)
    const estimate = projectEstimateResponse.parse(await estimated.json())
    // 10,000 GB × 0.00926934695867389 kgCO2e/GB
    expect(estimate.climateKgCo2e).toBeCloseTo(92.6934695867389, 9)
    // A new description (half the traffic) replaces the stored one: 5,000 × 0.00926934695867389 = 46.34673479336945
    const halved = await send(app, 'POST', '/api/projects/Permits/estimates', {
      ...service,
      network: [{ gbPerYear: 5000 }],
    })
    expect(projectEstimateResponse.parse(await halved.json()).climateKgCo2e).toBeCloseTo(46.34673479336945, 9)

    const gate = projectGateResponse.parse(
      await (await send(app, 'GET', '/api/projects/Permits/gate')).json(),
    )
    // Both estimates were taken at design: the gate shows the latest, no earlier phase to compare with.
    expect(gate.projects[0]!.phases[1]!.estimate!.climateKgCo2e).toBeCloseTo(46.34673479336945, 9)
    expect(gate.projects[0]!.phases[1]!.change).toBeNull()
    expect((await send(app, 'GET', '/api/projects/Nope/gate')).status).toBe(404)

    const list = projectListResponse.parse(
      await (await send(app, 'GET', '/api/projects', undefined, 'viewer')).json(),
    )
    expect(list.projects.map((project) => [project.name, project.estimates])).toEqual([['Permits', 2]])

    const answered = await send(app, 'POST', '/api/projects/Permits/rgesn/answers', [
      { criterion: '1.1', answer: 'yes' },
      { criterion: '3.1', answer: 'not-applicable', note: 'No stored data' },
    ])
    expect(answered.status).toBe(201)
    // 1 met / (6 − 1 not applicable) = 0.2
    expect(rgesnAnswerResponse.parse(await answered.json()).score.score).toBe(0.2)
    const bad = await send(app, 'POST', '/api/projects/Permits/rgesn/answers', [
      { criterion: '1.1', answer: 'maybe' },
    ])
    expect(bad.status).toBe(400)

    const score = rgesnScoreResponse.parse(
      await (await send(app, 'GET', '/api/projects/Permits/rgesn')).json(),
    )
    expect([score.met, score.applicable, score.unanswered, score.history.length]).toEqual([1, 5, 4, 1])
  })
})
