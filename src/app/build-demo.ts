import { generateDemoFleet } from '../core/demo/generate-demo-fleet.js'
import { generateDemoTelemetry } from '../core/demo/generate-demo-telemetry.js'
import { endOfYearDay } from './campaigns.js'
import { importInventory, type ImportInventoryResult } from './import-inventory.js'
import type { Campaign, Deps } from './ports.js'

/** The demo's reporting year is fixed so that the demo never drifts with the wall clock. */
export const DEMO_YEAR = 2025

export type DemoResult = { directory: string; campaign: number; imports: ImportInventoryResult[] }

/**
 * Builds the demo workspace: a deterministic synthetic fleet shaped like the reference case, written as
 * real GLPI and NumEcoEval files, then imported through the same importers a user would use.
 */
export async function buildDemo(
  deps: Deps,
  input: { directory: string; organisations: number; workstations: number; seed: number },
): Promise<DemoResult> {
  const tables = generateDemoFleet({
    seed: input.seed,
    referenceYear: DEMO_YEAR,
    organisations: input.organisations,
    workstations: input.workstations,
  })
  await deps.files.ensureDirectory(input.directory)
  const campaign = await deps.store.ensureCampaign(DEMO_YEAR, endOfYearDay(DEMO_YEAR))
  // Datacenters first so that equipment hosted in them finds its PUE.
  const ordered = [...tables].sort((left, right) => rank(left.format) - rank(right.format))
  const imports: ImportInventoryResult[] = []
  for (const table of ordered) {
    const path = deps.files.join(input.directory, table.fileName)
    await deps.files.writeTable(path, {
      header: table.header,
      rows: table.rows,
      delimiter: table.delimiter,
      encoding: table.encoding,
    })
    imports.push(await importDemoFile(deps, path, campaign))
  }
  // One week of power-state telemetry for every computer, imported after the inventory it refers to.
  const computers = tables.find((table) => table.fileName === 'glpi-ordinateurs.csv')
  if (computers) {
    const telemetry = generateDemoTelemetry(computers, input.seed, DEMO_YEAR)
    const path = deps.files.join(input.directory, telemetry.fileName)
    await deps.files.writeTable(path, telemetry)
    imports.push(await importDemoFile(deps, path, campaign))
  }
  return { directory: input.directory, campaign: campaign.year, imports }
}

function importDemoFile(deps: Deps, file: string, campaign: Campaign): Promise<ImportInventoryResult> {
  return importInventory(deps, {
    file,
    format: 'auto',
    campaign,
    organisationPath: null,
    categoryHint: null,
    defaultCountry: 'FR',
  })
}

function rank(format: string): number {
  return format === 'numecoeval-datacenter' ? 0 : 1
}
