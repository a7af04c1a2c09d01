import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpApp } from '../src/http/create-http-app.js'
import { serveHttp, type RunningServer } from '../src/http/serve.js'
import { openWorkspace } from '../src/main.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { createAdministratorToken } from './support/api-token.js'

const ROOT = join(import.meta.dirname, '..')
const silent = { start() {}, advance() {}, stop() {} }
const CLIENTS = 20
/** Files imported one after the other (several formats; some devices appear in two of them). */
const FILES = [
  'fixtures/e2e/glpi-parc.csv',
  'fixtures/formats/ocs-cp1252.csv',
  'fixtures/formats/sccm.csv',
].map((path) => join(ROOT, path))

type Step = { kind: 'import'; file: string } | { kind: 'reconcile' }
/** Imports, each followed by a reconciliation (a recomputation across sources). */
const STEPS: Step[] = FILES.flatMap((file): Step[] => [{ kind: 'import', file }, { kind: 'reconcile' }])

type Send = (path: string, init?: RequestInit) => Promise<Response>

async function perform(send: Send, step: Step): Promise<void> {
  let response: Response
  if (step.kind === 'import') {
    const form = new FormData()
    form.append('file', new Blob([await readFile(step.file)]), basename(step.file))
    form.append('campaign', '2025')
    response = await send('/api/imports', { method: 'POST', body: form })
  } else {
    response = await send('/api/reconciliation?campaign=2025', { method: 'POST' })
  }
  if (response.status !== (step.kind === 'import' ? 201 : 200))
    throw new Error(`${step.kind}: ${response.status} ${await response.text()}`)
}

/** What the dashboard reads: the total (and its breakdown by organisation) and the organisation tree. */
async function readState(send: Send): Promise<{ total: number; breakdownSum: number; tree: string }> {
  const [footprint, organisations] = await Promise.all([
    send('/api/footprint?campaign=2025&by=organisation'),
    send('/api/organisations?campaign=2025&limit=1000'),
  ])
  if (footprint.status !== 200 || organisations.status !== 200)
    throw new Error(`status ${footprint.status} / ${organisations.status}: ${await footprint.text()}`)
  const body = (await footprint.json()) as {
    total: { climateKgCo2e: number }
    breakdown: { climateKgCo2e: number }[]
  }
  return {
    total: body.total.climateKgCo2e,
    breakdownSum: body.breakdown.reduce((sum, row) => sum + row.climateKgCo2e, 0),
    tree: JSON.stringify(((await organisations.json()) as { items: unknown }).items),
  }
}

async function openWithToken(
  directory: string,
): Promise<{ workspace: OpenedWorkspace; app: Hono; token: string }> {
  const workspace = await openWorkspace(directory, { create: true, progress: silent })
  const token = await createAdministratorToken(workspace.deps)
  const app = createHttpApp(workspace.deps, {
    uploadDirectory: join(directory, 'uploads'),
    logger: (message, error) => {
      throw new Error(`unexpected server error: ${message} ${String(error)}`)
    },
  })
  return { workspace, app, token }
}

describe('imports and recomputations while 20 clients read the dashboard API', () => {
  let directory: string
  /** Totals and organisation trees of every consistent state: after each step, in order. */
  const totals: number[] = []
  const trees = new Set<string>()

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-concurrency-'))
    // The reference: the same steps, one after the other, the state read after each.
    const reference = await openWithToken(join(directory, 'reference'))
    const send: Send = (path, init) =>
      Promise.resolve(
        reference.app.request(path, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string>),
            authorization: `Bearer ${reference.token}`,
          },
        }),
      )
    try {
      for (const step of STEPS) {
        await perform(send, step)
        const state = await readState(send)
        totals.push(state.total)
        trees.add(state.tree)
      }
    } finally {
      await reference.workspace.close()
    }
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('answers every read with 200 and a state that existed (before or after a step), never a torn one', async () => {
    // Every import and every reconciliation changes the state read, so a torn read would show.
    expect(new Set(totals.map((total) => total.toFixed(6))).size).toBe(FILES.length)
    const { workspace, app, token } = await openWithToken(join(directory, 'served'))
    let server: RunningServer | null = null
    try {
      server = await serveHttp(app, { port: 0 })
      const url = server.url
      const send: Send = (path, init) =>
        fetch(`${url}${path}`, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` },
        })
      // The first import, so that the campaign exists before the readers start.
      await perform(send, STEPS[0]!)
      let isDone = false
      const seen: { total: number; breakdownSum: number; tree: string }[] = []
      const readers = Array.from({ length: CLIENTS }, async () => {
        while (!isDone) seen.push(await readState(send))
      })
      const writer = (async () => {
        try {
          for (const step of STEPS.slice(1)) await perform(send, step)
          // Let the readers see the final state too.
          await new Promise((resolve) => setTimeout(resolve, 200))
        } finally {
          isDone = true
        }
      })()
      await Promise.all([writer, ...readers])

      expect(seen.length).toBeGreaterThan(CLIENTS)
      const expected = totals.map((total) => total.toFixed(6))
      const unexpected = seen.filter((state) => !expected.includes(state.total.toFixed(6)))
      expect(unexpected).toEqual([])
      // Each answer agrees with itself (breakdown rows add up to the total) and its tree is a whole state.
      for (const state of seen) expect(state.breakdownSum).toBeCloseTo(state.total, 6)
      expect(seen.filter((state) => !trees.has(state.tree))).toEqual([])
      // The final state is the reference's final state.
      const final = await readState(send)
      expect(final.total.toFixed(6)).toBe(expected.at(-1))
    } finally {
      await server?.close()
      await workspace.close()
    }
  }, 180_000)
})
