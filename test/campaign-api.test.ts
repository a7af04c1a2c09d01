import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpApp } from '../src/http/create-http-app.js'
import { openWorkspace } from '../src/main.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { runCli } from './support/run-cli.js'
import { createAdministratorToken, withToken } from './support/api-token.js'

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
})
