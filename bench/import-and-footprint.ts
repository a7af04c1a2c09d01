/**
 * Benchmark: import a large inventory file into a fresh workspace, compute the footprint and query it.
 *   npm run build && node dist/bench/generate-glpi-file.js /tmp/glpi-1m.csv --rows 1000000 --faulty 0.05
 *   node dist/bench/import-and-footprint.js /tmp/glpi-1m.csv
 * With a second source (reconciliation across sources, see generate-intune-file):
 *   node dist/bench/generate-intune-file.js /tmp/glpi-1m.csv /tmp/intune-600k.csv --share 0.6
 *   node dist/bench/import-and-footprint.js /tmp/glpi-1m.csv /tmp/intune-600k.csv
 * Prints one JSON document: rows/s and peak RSS (MiB) of the import, compute time, footprint query time,
 * peak RSS of the whole run.
 * Targets (issue "backbone"): import ≥ 200,000 rows/s end to end, peak memory < 1.5 GB; footprint of
 * 1,000,000 assets < 1 s.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { setFlagsFromString } from 'node:v8'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { endOfYearDay } from '../src/app/campaigns.js'
import { computeCampaignFootprint } from '../src/app/compute-campaign-footprint.js'
import { getFootprint } from '../src/app/get-footprint.js'
import { importInventory } from '../src/app/import-inventory.js'
import { reconcileIfNeeded } from '../src/app/compute-campaign-footprint.js'
import { proposeForCampaign } from '../src/app/mapping.js'
import { openWorkspace } from '../src/main.js'

const silent = { start() {}, advance() {}, stop() {} }

async function main(): Promise<void> {
  setFlagsFromString('--max-semi-space-size=64') // as the empreinte binary does
  const files = process.argv.slice(2).filter((argument) => !argument.startsWith('--'))
  if (files.length === 0) throw new Error('usage: node dist/bench/import-and-footprint.js FILE… [--keep]')
  const directory = await mkdtemp(join(tmpdir(), 'empreinte-bench-'))
  const workspace = await openWorkspace(directory, { create: true, progress: silent })
  const deps = workspace.deps
  try {
    const campaign = await deps.store.ensureCampaign(2025, endOfYearDay(2025))
    // Two mapping rules, so that the import applies rules to every batch as an industrialised run would.
    await deps.store.saveMappingRules(
      [
        {
          pattern: 'dell latitude*',
          referenceItem: 'ademe-laptop',
          category: null,
          lifetimeYears: 5,
          annualKwh: null,
          utilisationRate: null,
          note: null,
        },
        {
          pattern: 'hp elitedesk*',
          referenceItem: null,
          category: 'desktop',
          lifetimeYears: null,
          annualKwh: 80,
          utilisationRate: null,
          note: null,
        },
      ],
      { replaceAll: true },
    )
    let started = performance.now()
    const record = { rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0 }
    const importSecondsPerFile: number[] = []
    for (const file of files) {
      const fileStarted = performance.now()
      const imported = await importInventory(deps, {
        file,
        format: 'auto',
        campaign,
        organisationPath: null,
        categoryHint: null,
        defaultCountry: 'FR',
      })
      importSecondsPerFile.push(round((performance.now() - fileStarted) / 1000))
      record.rowsRead += imported.rowsRead
      record.rowsAccepted += imported.rowsAccepted
      record.rowsQuarantined += imported.rowsQuarantined
    }
    const importSeconds = (performance.now() - started) / 1000
    const importPeakRssMiB = peakRssMiB()
    started = performance.now()
    const reconciliation = await reconcileIfNeeded(deps, campaign)
    const reconcileSeconds = (performance.now() - started) / 1000
    started = performance.now()
    const proposals = await proposeForCampaign(deps, campaign, 20)
    const proposeSeconds = (performance.now() - started) / 1000
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
    console.log(
      JSON.stringify(
        {
          files,
          importSecondsPerFile,
          rowsRead: record.rowsRead,
          reconcileSeconds: Number(reconcileSeconds.toFixed(2)),
          reconciledDevices: reconciliation?.devices ?? 0,
          reconciliationConflicts: reconciliation?.conflicts ?? [],
          reconciledBySerial: reconciliation?.bySerial ?? 0,
          reconciledByHostname: reconciliation?.byHostname ?? 0,
          proposeSeconds: Number(proposeSeconds.toFixed(2)),
          proposedRulesShare: Number(proposals.listedShare.toFixed(3)),
          importThroughReconcileRowsPerSecond: Math.round(
            record.rowsRead / (importSeconds + reconcileSeconds),
          ),
          rowsAccepted: record.rowsAccepted,
          rowsQuarantined: record.rowsQuarantined,
          importSeconds: round(importSeconds),
          importRowsPerSecond: Math.round(record.rowsRead / importSeconds),
          importPeakRssMiB,
          computeAssets: computed.assets,
          computeSeconds: round(computeSeconds),
          footprintQuerySeconds: {
            byOrganisationCategory: round(querySeconds),
            byDomainPhase: round(query2Seconds),
          },
          computePlusQuerySeconds: round(computeSeconds + querySeconds),
          totalClimateTonnes: round(report.total.climateKgCo2e / 1000),
          breakdownRows: report.breakdown.length,
          peakRssMiB: peakRssMiB(),
        },
        null,
        2,
      ),
    )
  } finally {
    await workspace.close()
    if (!process.argv.includes('--keep')) await rm(directory, { recursive: true, force: true })
  }
}

/** Peak resident memory of the process so far (every thread, DuckDB included), in MiB. */
function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

await main()
