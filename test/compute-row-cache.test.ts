/**
 * Repeated scenarios on an unchanged campaign evaluate the rows kept in memory (src/app/compute-row-cache.ts):
 * same answer as the first run, no second read from the store, and a new read once an import changed the campaign.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { importFiles } from '../src/app/import-files.js'
import type { Progress } from '../src/app/ports.js'
import { runScenario } from '../src/app/run-scenario.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { openWorkspace } from '../src/main.js'
import { buildPlansWorkspace, F_LAPTOP } from './support/plans-workspace.js'

const silent: Progress = { start() {}, advance() {}, stop() {} }

describe('compute rows kept in memory between scenarios', () => {
  let folder: string
  let workspace: OpenedWorkspace
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'empreinte-row-cache-'))
    workspace = await openWorkspace(await buildPlansWorkspace(folder), { create: false, progress: silent })
  }, 60_000)
  afterAll(async () => {
    await workspace.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('answers the same from memory, and reads again after an import', async () => {
    const { deps } = workspace
    const reads = vi.spyOn(deps.store, 'readComputeRows')
    const simulate = () =>
      runScenario(deps, {
        campaignYear: 2025,
        levers: ['lifetime-extension:years=2,categories=laptop', 'power-off'],
        organisation: 'Caisse',
        sites: ['Lyon', 'Vienne'],
        groupDepth: 2,
      })
    const first = await simulate()
    const second = await simulate()
    expect(reads).toHaveBeenCalledTimes(1)
    expect(second).toEqual(first)
    // 12 laptops, 185.09 kgCO2e each over 7 years, lifetime 5 → 7 years: × 2/7.
    expect(first.byLever[0]!.savings.climateKgCo2e).toBeCloseTo(((12 * F_LAPTOP) / 7) * (2 / 7), 6)

    const file = join(folder, 'more-laptops.csv')
    await writeFile(
      file,
      'organisation;site;category;hostname;quantity;purchaseDate;lifetimeYears;annualKwh;country;status\n' +
        'Caisse > Agence Lyon;Lyon;laptop;LT-99;6;;7;30;FR;in-use\n',
    )
    await importFiles(deps, {
      files: [{ path: file, label: 'more-laptops.csv' }],
      format: 'auto',
      organisation: null,
      campaignYear: 2025,
      category: null,
      defaultCampaignYear: 2025,
    })
    const after = await simulate()
    expect(reads).toHaveBeenCalledTimes(2)
    expect(after.byLever[0]!.savings.climateKgCo2e).toBeCloseTo(((18 * F_LAPTOP) / 7) * (2 / 7), 6)
    expect(await simulate()).toEqual(after)
    expect(reads).toHaveBeenCalledTimes(2)
  }, 60_000)
})
