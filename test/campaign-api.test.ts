import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpApp } from '../src/http/create-http-app.js'
import { openWorkspace } from '../src/main.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { runCli } from './support/run-cli.js'
import { createAdministratorToken, withToken } from './support/api-token.js'
import { createApiToken, createUser } from '../src/app/users.js'
import { importQuarantineResponse } from '../src/http/response-schemas.js'

const silent = { start() {}, advance() {}, stop() {} }

describe('campaign routes under /api', () => {
  let directory: string
  let workspace: OpenedWorkspace
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-campaign-api-'))
    const file = join(directory, 'alpha.csv')
    await writeFile(file, 'category;model;serial;quantity\nlaptop;Latitude 5420;S1;4\nmonitor;P2422H;S2;3\n')
    const dir = join(directory, 'workspace')
    expect(
      (
        await runCli([
          'import',
          file,
          '--organisation',
          'CNAM > Alpha',
          '--campaign',
          '2025',
          '--workspace',
          dir,
        ])
      ).code,
    ).toBe(0)
    const other = join(directory, 'beta.csv')
    await writeFile(other, 'category;model;serial;quantity\nlaptop;Latitude 5420;T1;4\nmonitor;P2422H;T2;3\n')
    expect(
      (
        await runCli([
          'import',
          other,
          '--organisation',
          'CNAM > Beta',
          '--source',
          'b',
          '--campaign',
          '2025',
          '--workspace',
          dir,
        ])
      ).code,
    ).toBe(0)
    workspace = await openWorkspace(dir, { create: false, progress: silent })
  })
  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  it('opens, shows the board, records a review and closes, as the CLI does', async () => {
    const app = withToken(
      createHttpApp(workspace.deps, { logger: () => undefined }),
      await createAdministratorToken(workspace.deps),
    )
    const opened = await app.request(
      '/api/campaigns?year=2025&perimeter=CNAM&expect=computers,monitors,phones',
      {
        method: 'POST',
      },
    )
    expect(opened.status).toBe(201)
    expect(await opened.json()).toMatchObject({
      campaign: 2025,
      organisations: 2,
      expected: ['computers', 'monitors', 'phones'],
    })

    const board = await app.request('/api/campaigns/2025/status?sort=code')
    expect(board.status).toBe(200)
    const body = await board.json()
    // Each sent 4 laptops and 3 monitors: 2 of the 3 expected sources, 7 units.
    expect(
      body.organisations.map((row: Record<string, unknown>) => [
        row.code,
        row.status,
        row.sourcesReceived,
        row.sourcesExpected,
        row.units,
      ]),
    ).toEqual([
      ['Alpha', 'collecting', 2, 3, 7],
      ['Beta', 'collecting', 2, 3, 7],
    ])

    const review = await app.request(
      '/api/campaigns/2025/reviews?organisation=Beta&decision=send-back&comment=phones%20missing',
      {
        method: 'POST',
      },
    )
    expect(review.status).toBe(201)
    expect(await review.json()).toMatchObject({
      organisation: 'CNAM > Beta',
      status: 'sent-back',
      decision: 'send-back',
    })
    const badDecision = await app.request('/api/campaigns/2025/reviews?organisation=Beta&decision=maybe', {
      method: 'POST',
    })
    expect(badDecision.status).toBe(400)

    const closed = await app.request('/api/campaigns/2025/close', { method: 'POST' })
    expect(closed.status).toBe(200)
    expect(await closed.json()).toMatchObject({ campaign: 2025, version: 1, organisations: 2 })
    const again = await app.request('/api/campaigns/2025/close', { method: 'POST' })
    expect(again.status).toBe(409)
  })

  it("answers a contributor's upload with what is wrong, and lists every quarantined line of it", async () => {
    const nowMs = Date.UTC(2026, 0, 1)
    const tokenOf = async (login: string, organisation: string): Promise<string> => {
      await createUser(workspace.deps, {
        login,
        displayName: null,
        role: 'contributor',
        organisation,
        password: null,
        nowMs,
      })
      return (await createApiToken(workspace.deps, { login, name: login, expiresDays: null, nowMs })).token
    }
    const alpha = withToken(
      createHttpApp(workspace.deps, { logger: () => undefined }),
      await tokenOf('alpha', 'CNAM > Alpha'),
    )
    const beta = withToken(
      createHttpApp(workspace.deps, { logger: () => undefined }),
      await tokenOf('beta', 'CNAM > Beta'),
    )
    // 22 lines with a negative quantity (lines 2 to 23), then 1 good line: more than the 20 findings the
    // upload's answer carries.
    const text =
      'category;model;serial;quantity\n' +
      Array.from({ length: 22 }, (_, index) => `laptop;Latitude 5420;Q${index};-1\n`).join('') +
      'laptop;Latitude 5420;OK1;1\n'
    const form = new FormData()
    form.append('file', new Blob([text]), 'ordinateurs.csv')
    form.append('organisation', 'CNAM > Alpha')
    form.append('campaign', '2024')
    const uploaded = await alpha.request('/api/imports', { method: 'POST', body: form })
    expect(uploaded.status).toBe(201)
    const answer = (await uploaded.json()) as {
      imports: {
        rowsRead: number
        rowsAccepted: number
        rowsQuarantined: number
        findings: { line: number }[]
      }[]
    }
    expect(answer.imports[0]).toMatchObject({ rowsRead: 23, rowsAccepted: 1, rowsQuarantined: 22 })
    // The answer samples the first 20 findings only: lines 22 and 23 are not in it.
    expect(answer.imports[0]!.findings.map((finding) => finding.line)).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 2),
    )

    const listed = (await (await alpha.request('/api/imports?campaign=2024')).json()) as {
      items: { id: number; fileName: string }[]
    }
    expect(listed.items.map((item) => item.fileName)).toEqual(['ordinateurs.csv'])
    const id = listed.items[0]!.id
    const quarantine = await alpha.request(`/api/imports/${id}/quarantine?campaign=2024&limit=5&offset=20`)
    expect(quarantine.status).toBe(200)
    const page = importQuarantineResponse.parse(await quarantine.json())
    expect(page).toEqual({
      campaign: 2024,
      import: {
        id,
        fileName: 'ordinateurs.csv',
        organisation: 'CNAM > Alpha',
        rowsRead: 23,
        rowsAccepted: 1,
        rowsQuarantined: 22,
      },
      header: ['category', 'model', 'serial', 'quantity'],
      items: [
        { line: 22, cells: ['laptop', 'Latitude 5420', 'Q20', '-1'], reasons: [REASON] },
        { line: 23, cells: ['laptop', 'Latitude 5420', 'Q21', '-1'], reasons: [REASON] },
      ],
      total: 22,
      limit: 5,
      offset: 20,
    })
    // Another organisation's contributor: not found (its existence does not leak); an administrator reads it.
    const other = await beta.request(`/api/imports/${id}/quarantine?campaign=2024`)
    expect(other.status).toBe(404)
    const admin = withToken(
      createHttpApp(workspace.deps, { logger: () => undefined }),
      await createAdministratorToken(workspace.deps),
    )
    const full = importQuarantineResponse.parse(
      await (await admin.request(`/api/imports/${id}/quarantine?campaign=2024`)).json(),
    )
    expect(full.items.map((item) => item.line)).toEqual(Array.from({ length: 22 }, (_, index) => index + 2))
    expect((await alpha.request(`/api/imports/${id + 100}/quarantine?campaign=2024`)).status).toBe(404)
  })
})

const REASON = 'quantity "-1" must be a positive number'
