/**
 * Benchmark: the 1,000,000-row GLPI import, footprint computation and footprint queries on PostgreSQL, and the
 * same steps on DuckDB in the same process (same file, same machine load) for comparison.
 *   npm run build && node dist/bench/generate-glpi-file.js /tmp/glpi-1m.csv --rows 1000000 --faulty 0.05
 *   node dist/bench/postgres-import.js /tmp/glpi-1m.csv --database postgres://postgres@127.0.0.1:5432/empty_db
 *     [--engines postgres,duckdb]
 * The database must be empty (a new one): the bench does not drop anything. EMPREINTE_DATABASE_URL works too.
 * Prints one JSON document per engine: import seconds and rows/s, compute seconds, the two footprint queries,
 * the total (identical on both engines to 1e-6 t) and the process's peak RSS so far.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { setFlagsFromString } from 'node:v8'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { endOfYearDay } from '../src/app/campaigns.js'
import { computeCampaignFootprint, reconcileIfNeeded } from '../src/app/compute-campaign-footprint.js'
import { getFootprint } from '../src/app/get-footprint.js'
import { importInventory } from '../src/app/import-inventory.js'
import { openPostgresWorkspace, openWorkspace } from '../src/main.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'

const silent = { start() {}, advance() {}, stop() {} }

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at < 0 ? undefined : process.argv[at + 1]
}

async function runOn(
  engine: string,
  workspace: OpenedWorkspace,
  file: string,
): Promise<Record<string, unknown>> {
  const deps = workspace.deps
  const campaign = await deps.store.ensureCampaign(2025, endOfYearDay(2025))
  let started = performance.now()
  const imported = await importInventory(deps, {
    file,
    format: 'auto',
    campaign,
    organisationPath: null,
    categoryHint: null,
    defaultCountry: 'FR',
  })
  const importSeconds = (performance.now() - started) / 1000
  started = performance.now()
  await reconcileIfNeeded(deps, campaign)
  const reconcileSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const computed = await computeCampaignFootprint(deps, { campaign, force: true })
  const computeSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const report = await getFootprint(deps, {
    campaignYear: 2025,
    by: ['organisation', 'category'],
    organisation: null,
  })
  const querySeconds = (performance.now() - started) / 1000
  started = performance.now()
  await getFootprint(deps, { campaignYear: 2025, by: ['domain', 'phase'], organisation: null })
  const query2Seconds = (performance.now() - started) / 1000
  return {
    engine,
    rowsRead: imported.rowsRead,
    rowsAccepted: imported.rowsAccepted,
    rowsQuarantined: imported.rowsQuarantined,
    importSeconds: round(importSeconds),
    importRowsPerSecond: Math.round(imported.rowsRead / importSeconds),
    reconcileSeconds: round(reconcileSeconds),
    computeAssets: computed.assets,
    computeSeconds: round(computeSeconds),
    footprintQuerySeconds: {
      byOrganisationCategory: round(querySeconds),
      byDomainPhase: round(query2Seconds),
    },
    totalClimateTonnes: round(report.total.climateKgCo2e / 1000),
    breakdownRows: report.breakdown.length,
    peakRssMiBSoFar: Math.round(process.resourceUsage().maxRSS / 1024),
  }
}

async function main(): Promise<void> {
  setFlagsFromString('--max-semi-space-size=64') // as the empreinte binary does
  const file = process.argv[2]
  const url = option('database') ?? process.env['EMPREINTE_DATABASE_URL']
  const engines = (option('engines') ?? 'postgres,duckdb').split(',')
  if (file === undefined || file.startsWith('--') || (engines.includes('postgres') && url === undefined))
    throw new Error(
      'usage: node dist/bench/postgres-import.js FILE --database postgres://… [--engines postgres,duckdb]',
    )
  const directory = await mkdtemp(join(tmpdir(), 'empreinte-bench-pg-'))
  const results: Record<string, unknown>[] = []
  try {
    for (const engine of engines) {
      const workspace =
        engine === 'postgres'
          ? await openPostgresWorkspace(url!, directory, { create: true, progress: silent })
          : await openWorkspace(join(directory, 'duckdb'), { create: true, progress: silent })
      try {
        if (engine === 'postgres' && (await workspace.deps.store.latestCampaign()) !== null)
          throw new Error(`${url} already holds a workspace: give a new, empty database.`)
        results.push(await runOn(engine, workspace, file))
      } finally {
        await workspace.close()
      }
    }
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
  console.log(JSON.stringify({ file, results }, null, 2))
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

await main()
