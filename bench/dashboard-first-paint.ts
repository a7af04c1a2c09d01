/**
 * First meaningful paint of the dashboard (target: under 2 s): a signed-in browser opens the overview and we
 * time, from navigation start, the first paint and the moment the total figure (tCO2e) is on screen — which
 * needs the JavaScript, GET /api/session and three footprint queries. Each run is a cold page load (new
 * browser context, empty cache) against a warm server; the first load, which computes the footprint, is
 * reported apart.
 *
 * Run after `npm run build`:
 *   node dist/bench/dashboard-first-paint.js [--organisations 500] [--workstations 100000] [--runs 5]
 * It builds a demo workspace of that size in a temporary folder (the `empreinte demo` default: 500 bodies,
 * 100,000 seats) and drives Debian's Chromium (/usr/bin/chromium or $EMPREINTE_CHROMIUM).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { buildDemo } from '../src/app/build-demo.js'
import type { Progress } from '../src/app/ports.js'
import { createUser } from '../src/app/users.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import { serveHttp } from '../src/http/serve.js'
import { openWorkspace } from '../src/main.js'

const TARGET_MS = 2000
const { values } = parseArgs({
  options: {
    organisations: { type: 'string', default: '500' },
    workstations: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
  },
})
const silent: Progress = { start() {}, advance() {}, stop() {} }
const login = 'bench'
const password = 'bench passphrase, long enough'

const directory = await mkdtemp(join(tmpdir(), 'empreinte-first-paint-'))
const workspace = await openWorkspace(join(directory, 'workspace'), { create: true, progress: silent })
try {
  let startedAt = performance.now()
  await buildDemo(workspace.deps, {
    directory: join(directory, 'demo-files'),
    organisations: Number(values.organisations),
    workstations: Number(values.workstations),
    seed: 42,
  })
  const demoSeconds = (performance.now() - startedAt) / 1000
  await createUser(workspace.deps, {
    login,
    displayName: null,
    role: 'administrator',
    organisation: null,
    password,
    nowMs: Date.now(),
  })
  const staticDirectory = fileURLToPath(new URL('../web', import.meta.url))
  const server = await serveHttp(createHttpApp(workspace.deps, { staticDirectory }), { port: 0 })
  const browser = await chromium.launch({
    executablePath: process.env['EMPREINTE_CHROMIUM'] || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  })
  try {
    const measure = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      // Sign in through the API (sets the session cookie in this context), then a cold load of the overview.
      const answer = await page.request.post(`${server.url}/api/session`, { data: { login, password } })
      if (answer.status() !== 201) throw new Error(`sign-in failed: ${answer.status()}`)
      await page.goto(`${server.url}/#/overview`, { waitUntil: 'commit' })
      await page.getByTestId('overview-total').waitFor({ timeout: 60_000 })
      const timings = await page.evaluate(() => ({
        meaningfulMs: performance.now(),
        firstPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      }))
      await context.close()
      return timings
    }
    startedAt = performance.now()
    const first = await measure()
    const runs = []
    for (let run = 0; run < Number(values.runs); run++) runs.push(await measure())
    const meaningful = runs.map((run) => Math.round(run.meaningfulMs)).sort((left, right) => left - right)
    const median = meaningful[Math.floor(meaningful.length / 2)]!
    console.log(
      JSON.stringify(
        {
          organisations: Number(values.organisations),
          workstations: Number(values.workstations),
          demoSeconds: Math.round(demoSeconds * 10) / 10,
          firstLoadWithComputeMs: Math.round(first.meaningfulMs),
          firstContentfulPaintMs: runs.map((run) => (run.firstPaintMs === null ? null : Math.round(run.firstPaintMs))),
          firstMeaningfulPaintMs: meaningful,
          medianFirstMeaningfulPaintMs: median,
          targetMs: TARGET_MS,
          isMet: median < TARGET_MS,
        },
        null,
        2,
      ),
    )
  } finally {
    await browser.close()
    await server.close()
  }
} finally {
  await workspace.close()
  await rm(directory, { recursive: true, force: true })
}
