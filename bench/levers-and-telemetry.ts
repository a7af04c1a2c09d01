/**
 * Benchmark for the levers issue, on the demo fleet (500 bodies, 100,000 seats) or a given workspace:
 *   npm run build && node dist/bench/levers-and-telemetry.js [--days 365]
 * 1. builds the demo in a fresh workspace; 2. writes `days` days of daily telemetry for its 100,000 computers
 * (36.5 M rows for 365 days) and imports it through `empreinte import` (DuckDB bulk reader); 3. aggregates usage
 * per site; 4. evaluates a two-lever scenario over every asset; 5. projects a 10-year trajectory for each of the
 * 500 bodies. Prints one JSON document with the seconds of each step.
 * Targets: telemetry 36.5 M rows < 30 s, per-site aggregation < 2 s, scenario over 1 M assets < 300 ms,
 * 10-year trajectory for 500 organisations < 2 s.
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { buildDemo } from '../src/app/build-demo.js'
import { reconcileIfNeeded } from '../src/app/compute-campaign-footprint.js'
import { importInventory } from '../src/app/import-inventory.js'
import { projectFleetTrajectory } from '../src/app/project-fleet-trajectory.js'
import { runScenario } from '../src/app/run-scenario.js'
import { usageReport } from '../src/app/usage-report.js'
import { openWorkspace } from '../src/main.js'

const silent = { start() {}, advance() {}, stop() {} }

async function writeTelemetry(file: string, hostnames: string[], days: number): Promise<number> {
  const stream = createWriteStream(file)
  const write = (text: string): Promise<void> =>
    new Promise((resolve) => (stream.write(text) ? resolve() : stream.once('drain', () => resolve())))
  await write('date;poste;heures_allumage;heures_actives\n')
  let rows = 0
  const first = Date.UTC(2025, 0, 1)
  for (let day = 0; day < days; day++) {
    const date = new Date(first + day * 86_400_000).toISOString().slice(0, 10)
    const isWeekend = new Date(first + day * 86_400_000).getUTCDay() % 6 === 0
    let chunk = ''
    for (let index = 0; index < hostnames.length; index++) {
      const isLeftOn = index % 10 < 3
      const active = isWeekend ? 0 : 5 + (index % 4)
      chunk += `${date};${hostnames[index]};${isLeftOn ? 24 : isWeekend ? 0 : active + 2};${active}\n`
      rows++
      if (chunk.length > 1 << 20) {
        await write(chunk)
        chunk = ''
      }
    }
    await write(chunk)
  }
  await new Promise((resolve) => stream.end(resolve))
  return rows
}

async function main(): Promise<void> {
  setFlagsFromString('--max-semi-space-size=64')
  const daysIndex = process.argv.indexOf('--days')
  const days = daysIndex > 0 ? Number(process.argv[daysIndex + 1]) : 365
  const directory = await mkdtemp(join(tmpdir(), 'empreinte-bench-levers-'))
  const workspace = await openWorkspace(directory, { create: true, progress: silent })
  const deps = workspace.deps
  const seconds = (start: number): number => Math.round((performance.now() - start) / 10) / 100
  try {
    let start = performance.now()
    const demo = await buildDemo(deps, {
      directory: join(directory, 'files'),
      organisations: 500,
      workstations: 100_000,
      seed: 42,
    })
    const demoSeconds = seconds(start)
    // The demo's sources are reconciled once, as the first footprint shown would; timed apart from the scenario.
    start = performance.now()
    await reconcileIfNeeded(deps, (await deps.store.findCampaign(demo.campaign))!)
    const reconcileSeconds = seconds(start)
    const computers = await deps.files.readTable(join(directory, 'files', 'glpi-ordinateurs.csv'))
    const hostnames: string[] = []
    for await (const batch of computers.batches) for (const row of batch) hostnames.push(row.values[0]!)
    const file = join(directory, 'telemetry-year.csv')
    start = performance.now()
    const rows = await writeTelemetry(file, hostnames, days)
    const writeSeconds = seconds(start)
    const campaign = (await deps.store.findCampaign(demo.campaign))!
    start = performance.now()
    const imported = await importInventory(deps, {
      file,
      format: 'auto',
      campaign,
      organisationPath: null,
      categoryHint: null,
      defaultCountry: 'FR',
    })
    const telemetrySeconds = seconds(start)
    start = performance.now()
    const usage = await usageReport(deps, { campaignYear: demo.campaign })
    const usageSeconds = seconds(start)
    const simulate = () =>
      runScenario(deps, {
        campaignYear: demo.campaign,
        levers: [
          'lifetime-extension:years=2,categories=laptop+desktop+monitor',
          'power-off:policy=nights-weekends',
        ],
        organisation: null,
        groupDepth: 2,
      })
    // First run after the import: reads the rows from DuckDB (and keeps them); then the warm runs of a dashboard.
    start = performance.now()
    const scenario = await simulate()
    const scenarioSeconds = seconds(start)
    const warmSeconds: number[] = []
    for (let run = 0; run < 3; run++) {
      start = performance.now()
      const again = await simulate()
      warmSeconds.push(seconds(start))
      if (JSON.stringify(again) !== JSON.stringify(scenario))
        throw new Error('warm scenario differs from the first')
    }
    start = performance.now()
    const trajectories = await projectFleetTrajectory(deps, {
      campaignYear: demo.campaign,
      levers: ['lifetime-extension:years=2,categories=laptop+desktop+monitor'],
      organisation: null,
      endYear: demo.campaign + 10,
      target: { targetYear: demo.campaign + 5, reductionShare: 0.2 },
      groupDepth: 2,
    })
    const bodies = trajectories.byOrganisation
    const trajectorySeconds = seconds(start)
    console.log(
      JSON.stringify(
        {
          demoSeconds,
          reconcileSeconds,
          telemetry: {
            days,
            rows,
            bytes: (await stat(file)).size,
            writeSeconds,
            importSeconds: telemetrySeconds,
            rowsAccepted: imported.rowsAccepted,
            assumptions: imported.assumptions,
          },
          usagePerSiteSeconds: usageSeconds,
          sites: usage.sites.length,
          scenario: {
            assets: scenario.baseline.quantity,
            seconds: scenarioSeconds,
            warmSeconds,
            savedKgCo2e: scenario.savings.climateKgCo2e,
            savedShare: scenario.savings.climateShare,
          },
          trajectories: { organisations: bodies.length, seconds: trajectorySeconds },
          peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        },
        null,
        2,
      ),
    )
  } finally {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  }
}

await main()
