/**
 * Benchmark: the HTTP API under concurrent load on a large workspace (issues 6 and 7).
 *   npx tsx bench/api-load.ts [--rows 1000000] [--file /tmp/glpi-1m.csv] [--workspace DIR] [--postgres]
 *     [--duration 60] [--clients 50] [--page-clients 20] [--page-duration 30] [--timeout 30]
 * Builds a workspace from a generated GLPI file (import, reconciliation, forced compute; or reuses DIR when it
 * already holds a workspace), creates an administrator API token, serves the API on 127.0.0.1 (free port),
 * warms every request up (and times each one alone, one after the other), then runs autocannon in this process:
 *   (a) the overview page's requests, then the organisations page's requests: `--page-clients` connections for
 *       `--page-duration` s each; p50/p95/p99 per set and per request (targets: p95 < 150 ms with 20 clients);
 *   (b) every request of both pages mixed: `--clients` connections for `--duration` s; requests, errors
 *       (non-2xx + socket errors + timeouts; target 0) and p99.
 * `--postgres` runs the same on a throw-away PostgreSQL 15 on loopback (test/support/postgres-server.ts).
 * Latencies are measured by autocannon on the same event loop as the server (2-core machine: no spare core for a
 * separate client process); the process's own request rate is low (the server answers through one serial queue),
 * so the client's share is small. Prints one JSON document with the load average before and after each phase.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { endOfYearDay } from '../src/app/campaigns.js'
import { computeCampaignFootprint, reconcileIfNeeded } from '../src/app/compute-campaign-footprint.js'
import { importInventory } from '../src/app/import-inventory.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import { serveHttp } from '../src/http/serve.js'
import { DATABASE_FILE, openPostgresWorkspace, openWorkspace } from '../src/main.js'
import { createAdministratorToken } from '../test/support/api-token.js'
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.js'

type AutocannonResult = {
  requests: { total: number; average: number }
  latency: { p50: number; p99: number; max: number; average: number }
  errors: number
  timeouts: number
  non2xx: number
  resets: number
  mismatches: number
  duration: number
  statusCodeStats: Record<string, { count: number }>
}
type AutocannonInstance = {
  on(event: 'response', listener: (client: object, status: number, bytes: number, ms: number) => void): void
  on(event: 'reqError', listener: (error: Error) => void): void
  then: Promise<AutocannonResult>['then']
}
type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  timeout: number
  headers: Record<string, string>
  requests: { method: 'GET'; path: string }[]
}) => AutocannonInstance

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at < 0 ? undefined : process.argv[at + 1]
}

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon
const silent = { start() {}, advance() {}, stop() {} }
const CAMPAIGN = 2025
/** autocannon's per-request timeout, in seconds (its default is 10): a longer wait counts as an error. */
const TIMEOUT_SECONDS = Number(option('timeout') ?? 30)

/** What the dashboard's overview page asks for (docs/dashboard.md; the previous campaign's total is left out). */
const OVERVIEW = [
  `/api/footprint?campaign=${CAMPAIGN}&by=domain,phase`,
  `/api/footprint?campaign=${CAMPAIGN}&by=category`,
  `/api/footprint?campaign=${CAMPAIGN}&by=criterion`,
]
/** What the organisations page asks for (tree page, benchmark by organisation × category, quality per body). */
const ORGANISATIONS = [
  `/api/organisations?campaign=${CAMPAIGN}&limit=100`,
  `/api/footprint?campaign=${CAMPAIGN}&by=organisation,category`,
  `/api/quality?campaign=${CAMPAIGN}&sample=0&depth=2`,
]

function load(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100)
}

function percentile(sorted: number[], share: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!
}

function summary(latencies: number[]): Record<string, number | null> {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length === 0 ? null : sorted[sorted.length - 1]!,
  }
}

/** Builds the workspace (or reuses one) and answers it with how long each step took. */
async function prepare(
  postgres: boolean,
): Promise<{ workspace: OpenedWorkspace; steps: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const rows = Number(option('rows') ?? 1_000_000)
  const reuse = option('workspace')
  let server: PostgresServer | null = null
  let directory: string
  let temporary = false
  if (reuse !== undefined) directory = reuse
  else {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-api-load-'))
    temporary = true
  }
  const isBuilt = !postgres && existsSync(join(directory, DATABASE_FILE))
  let workspace: OpenedWorkspace
  if (postgres) {
    server = await startPostgres()
    const url = await server.createDatabase('api_load')
    workspace = await openPostgresWorkspace(url, directory, { create: true, progress: silent })
  } else {
    workspace = await openWorkspace(directory, { create: true, progress: silent })
  }
  const cleanup = async () => {
    await workspace.close()
    if (server !== null) await server.stop()
    if (temporary) await rm(directory, { recursive: true, force: true })
  }
  const steps: Record<string, unknown> = {
    engine: postgres ? 'postgres' : 'duckdb',
    directory,
    reused: isBuilt,
  }
  if (isBuilt) return { workspace, steps, cleanup }
  const file = option('file') ?? (rows === 1_000_000 ? '/tmp/glpi-1m.csv' : `/tmp/glpi-${rows}.csv`)
  if (!existsSync(file)) {
    const started = performance.now()
    const script = existsSync('dist/bench/generate-glpi-file.js')
      ? ['dist/bench/generate-glpi-file.js']
      : ['--import', 'tsx', 'bench/generate-glpi-file.ts']
    await promisify(execFile)(process.execPath, [...script, file, '--rows', String(rows), '--faulty', '0.05'])
    steps['generateSeconds'] = seconds(started)
  }
  const deps = workspace.deps
  const campaign = await deps.store.ensureCampaign(CAMPAIGN, endOfYearDay(CAMPAIGN))
  let started = performance.now()
  const imported = await importInventory(deps, {
    file,
    format: 'auto',
    campaign,
    organisationPath: null,
    categoryHint: null,
    defaultCountry: 'FR',
  })
  steps['file'] = file
  steps['rowsRead'] = imported.rowsRead
  steps['rowsAccepted'] = imported.rowsAccepted
  steps['importSeconds'] = seconds(started)
  started = performance.now()
  await reconcileIfNeeded(deps, campaign)
  steps['reconcileSeconds'] = seconds(started)
  started = performance.now()
  const computed = await computeCampaignFootprint(deps, { campaign, force: true })
  steps['computeAssets'] = computed.assets
  steps['computeSeconds'] = seconds(started)
  steps['loadAfterBuild'] = load()
  return { workspace, steps, cleanup }
}

function seconds(started: number): number {
  return Math.round(performance.now() - started) / 1000
}

/** One autocannon run; per-request latencies follow each connection's turn through `paths`. */
async function hammer(
  url: string,
  token: string,
  paths: string[],
  connections: number,
  duration: number,
): Promise<Record<string, unknown>> {
  const loadBefore = load()
  const perPath = paths.map(() => [] as number[])
  const all: number[] = []
  const turns = new WeakMap<object, number>()
  const socketErrors: Record<string, number> = {}
  const instance = autocannon({
    url,
    connections,
    duration,
    timeout: TIMEOUT_SECONDS,
    headers: { authorization: `Bearer ${token}` },
    requests: paths.map((path) => ({ method: 'GET', path })),
  })
  instance.on('response', (client, status, _bytes, ms) => {
    const turn = turns.get(client) ?? 0
    turns.set(client, turn + 1)
    if (status < 200 || status >= 300) return
    perPath[turn % paths.length]!.push(ms)
    all.push(ms)
  })
  instance.on('reqError', (error) => {
    socketErrors[error.message] = (socketErrors[error.message] ?? 0) + 1
  })
  const result = await instance
  const non2xx = Object.entries(result.statusCodeStats)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => ({ code, count }))
  return {
    connections,
    durationSeconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    errors: result.non2xx + result.errors + result.mismatches,
    non2xx: result.non2xx,
    non2xxByStatus: non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    socketErrorMessages: socketErrors,
    latencyMs: summary(all),
    autocannonLatencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    perRequestMs: Object.fromEntries(paths.map((path, index) => [path, summary(perPath[index]!)])),
    loadBefore,
    loadAfter: load(),
  }
}

async function main(): Promise<void> {
  setFlagsFromString('--max-semi-space-size=64') // as the empreinte binary does
  const postgres = process.argv.includes('--postgres')
  const duration = Number(option('duration') ?? 60)
  const clients = Number(option('clients') ?? 50)
  const pageClients = Number(option('page-clients') ?? 20)
  const pageDuration = Number(option('page-duration') ?? 30)
  const loadAtStart = load()
  const built = performance.now()
  const { workspace, steps, cleanup } = await prepare(postgres)
  steps['buildSeconds'] = seconds(built)
  try {
    const token = await createAdministratorToken(workspace.deps)
    const server = await serveHttp(createHttpApp(workspace.deps, { logger: () => {} }), { port: 0 })
    try {
      // Warm-up: every request once (the first footprint after a build may finish the computation), then
      // three times alone, one after the other: the service time of each request with an empty queue.
      const alone: Record<string, number[]> = {}
      for (const round of [0, 1, 2, 3]) {
        for (const path of [...OVERVIEW, ...ORGANISATIONS]) {
          const started = performance.now()
          const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } })
          const body = await response.arrayBuffer()
          const ms = Math.round((performance.now() - started) * 10) / 10
          if (!response.ok) throw new Error(`${path}: ${response.status} ${new TextDecoder().decode(body)}`)
          if (round > 0) (alone[path] ??= []).push(ms)
          else alone[`${path} (first)`] = [ms, body.byteLength]
        }
      }
      const overview = await hammer(server.url, token, OVERVIEW, pageClients, pageDuration)
      const organisations = await hammer(server.url, token, ORGANISATIONS, pageClients, pageDuration)
      const mixed = await hammer(server.url, token, [...OVERVIEW, ...ORGANISATIONS], clients, duration)
      console.log(
        JSON.stringify(
          {
            ...steps,
            loadAtStart,
            timeoutSeconds: TIMEOUT_SECONDS,
            aloneMs: alone,
            overview,
            organisations,
            mixed,
            targets: {
              pagesP95Under150Ms:
                (overview['latencyMs'] as { p95: number }).p95 < 150 &&
                (organisations['latencyMs'] as { p95: number }).p95 < 150,
              mixedErrorsZero: mixed['errors'] === 0,
            },
            peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
          },
          null,
          2,
        ),
      )
    } finally {
      await server.close()
    }
  } finally {
    await cleanup()
  }
}

await main()
