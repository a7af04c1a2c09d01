import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWorkspace } from '../src/main.js'
import type { NeReferential } from '../src/core/numecoeval/referential-tables.js'
import { runCli } from './support/run-cli.js'
import { sharedData } from './support/shared-data.js'

const SHARED = sharedData()
const OPEN_REFERENTIAL = join(SHARED, 'g4it-numecoeval-referential', 'referential')
const NOMINAL_REFERENTIAL = join(SHARED, 'g4it-conformance', 'eval_nominal', 'referential')
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats', 'numecoeval')
const hasShared = existsSync(OPEN_REFERENTIAL) && existsSync(NOMINAL_REFERENTIAL)
if (!hasShared) console.warn(`referential-versions.test.ts: ${SHARED} (G4IT Apache-2.0 files) is absent: tests skipped`)

let workspace: string
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'empreinte-referential-'))
})
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true })
})

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli([...argv, '--workspace', workspace])
}
async function json<T>(...argv: string[]): Promise<T> {
  const result = await cli(...argv, '--json')
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as T
}
/** The stored tables of a version, without the file:line each row came from. */
async function storedTables(name: string, version: string): Promise<NeReferential> {
  const opened = await openWorkspace(workspace, { create: false, progress: { start() {}, advance() {}, stop() {} } })
  try {
    const stored = (await opened.deps.referentials.list()).find((entry) => entry.name === name && entry.version === version)!
    const tables = await opened.deps.referentials.tables(stored.id)
    for (const rows of Object.values(tables)) for (const row of rows as { origin?: unknown }[]) delete row.origin
    return tables
  } finally {
    await opened.close()
  }
}

describe.skipIf(!hasShared)('referential import, export, list (G4IT files)', () => {
  it('imports the open G4IT referential folder, exports it and re-imports identical tables', async () => {
    const imported = await json<{ referential: string; format: string; skipped: string[]; counts: Record<string, number> }>(
      'referential', 'import', OPEN_REFERENTIAL, '--name', 'g4it-open', '--version', '2024',
    )
    expect(imported.referential).toBe('g4it-open@2024')
    expect(imported.format).toBe('g4it')
    // ref_device_type, ref_network_type and ref_server_host hold no referential table: left out, named.
    expect(imported.skipped.map((file) => file.split('/').pop())).toEqual([
      'ref_device_type.csv', 'ref_network_type.csv', 'ref_server_host.csv',
    ])
    // 1,518 rows = 11 criteria × 138 locations (wc -l 1519 minus the header).
    expect(imported.counts).toEqual({
      criteria: 5, lifecycleSteps: 4, itemTypes: 6, itemImpacts: 1518, hypotheses: 4, matchingItems: 9, sustainablePackages: 16,
    })
    const out = join(workspace, 'export')
    const exported = await json<{ files: { file: string; rows: number }[] }>('referential', 'export', out, '--version', 'g4it-open@2024')
    expect(exported.files.map((file) => [file.file.split('/').pop(), file.rows])).toEqual([
      ['ref_criterion.csv', 5], ['ref_lifecycle_step.csv', 4], ['ref_item_type.csv', 6], ['ref_item_impact.csv', 1518],
      ['ref_hypothesis.csv', 4], ['ref_matching_item.csv', 9], ['ref_sustainable_individual_package.csv', 16],
    ])
    await json('referential', 'import', out, '--name', 'g4it-open', '--version', 'round-trip')
    expect(await storedTables('g4it-open', 'round-trip')).toEqual(await storedTables('g4it-open', '2024'))
  }, 60_000)

  it('reads the NumEcoEval naming too, and writes it back as G4IT files', async () => {
    await json('referential', 'import', NOMINAL_REFERENTIAL, '--name', 'nominal', '--version', '1')
    const out = join(workspace, 'nominal-g4it')
    await json('referential', 'export', out, '--version', 'nominal@1')
    const again = await json<{ format: string }>('referential', 'import', out, '--name', 'nominal', '--version', '2')
    expect(again.format).toBe('g4it')
    expect(await storedTables('nominal', '2')).toEqual(await storedTables('nominal', '1'))
    const listing = await json<{ referentials: { referential: string; kind: string }[] }>('referential', 'list')
    expect(listing.referentials.map((entry) => [entry.referential, entry.kind])).toEqual([
      ['empreinte-default@1.1.0', 'default'], ['nominal@1', 'imported'], ['nominal@2', 'imported'],
    ])
  }, 60_000)

  it('exports the built-in default as G4IT files that import back', async () => {
    const out = join(workspace, 'default')
    const exported = await json<{ referential: string; files: { file: string; rows: number }[] }>('referential', 'export', out)
    expect(exported.referential).toBe('empreinte-default@1.1.0')
    const imported = await json<{ counts: Record<string, number> }>('referential', 'import', out, '--name', 'default-copy')
    const rows = Object.fromEntries(exported.files.map((file) => [file.file.split('/').pop(), file.rows]))
    expect(imported.counts.itemImpacts).toBe(rows['ref_item_impact.csv'])
    expect(imported.counts.itemTypes).toBe(rows['ref_item_type.csv'])
  }, 60_000)

  it('refuses the whole import on a bad cell, naming file, line and column', async () => {
    const folder = join(workspace, 'bad')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'ref_hypothesis.csv'), 'code;value;source;description;subscriber;version\nPUEParDefaut;1.5;me;;;\n')
    await writeFile(
      join(folder, 'ref_item_impact.csv'),
      'criterion;lifecycle_step;name;category;avg_electricity_consumption;description;location;level;source;tier;unit;value;subscriber;version\n' +
        'CLIMATE_CHANGE;MANUFACTURING;laptop-1;IT;20;;France;;me;;;100;;\n' +
        'CLIMATE_CHANGE;MANUFACTURING;laptop-2;IT;20;;France;;me;;;cent;;\n',
    )
    const result = await cli('referential', 'import', folder, '--name', 'bad')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`empreinte: ${join(folder, 'ref_item_impact.csv')}, line 3, column 12 (value): "cent" is not a number\n`)
    const listing = await json<{ referentials: unknown[] }>('referential', 'list')
    expect(listing.referentials).toHaveLength(1)
  }, 60_000)
})

describe.skipIf(!hasShared)('a campaign pinned to an imported referential; VMs and applications', () => {
  it('computes hosts with the pinned item impacts, mix and PUE; VMs and applications as shares of them', async () => {
    await cli('import', join(FIXTURES, 'equipements-physiques.csv'), '--campaign', '2025', '--usage-duration-unit', 'months')
    await cli('import', join(FIXTURES, 'equipements-virtuels.csv'), join(FIXTURES, 'applications-cp1252.csv'), '--campaign', '2025')
    await json('referential', 'import', NOMINAL_REFERENTIAL, '--name', 'nominal', '--version', '1')
    const pinned = await json<{ referential: string; previous: string }>('referential', 'use', 'nominal@1', '--campaign', '2025')
    expect(pinned).toEqual({ campaign: 2025, referential: 'nominal@1', previous: 'empreinte-default@1.1.0' })

    // srv-esx-01: type Server → itemType refDefaultItem blade-server-1; bought 2021-03-15, reference day 2025-12-31:
    // lifetime 1752 / 365 = 4.8 years. Manufacturing 1 × 2226.09317222576 / 4.8 = 463.769410880367;
    // distribution 46.3607713639849 / 4.8 = 9.65849403416352; end of life 6.97183551903243 / 4.8 = 1.45246573313176;
    // use 3200 kWh (input) × 0.0813225 (Electricity Mix FR) × 1.75 (PUEParDefaut: DC-NORD has no PUE) = 455.406.
    // vm-compta-01: 8 vCPU of 8 + 4 on the host → 2/3; vm-paie-01 → 1/3.
    const vm = await json<{ vm: { rule: string; share: number; shareSource: string; impacts: Record<string, Record<string, number>> }; host: { referenceItemId: string } }>(
      'explain', '--vm', 'vm-compta-01', '--campaign', '2025',
    )
    expect(vm.host.referenceItemId).toBe('blade-server-1')
    expect(vm.vm.rule).toBe('vcpu')
    expect(vm.vm.shareSource).toBe("vCPU 8 / 12 vCPU of the host's 2 VM(s)")
    const compta = vm.vm.impacts['climate-change']!
    expect(compta['manufacturing']).toBeCloseTo((463.769410880367 * 8) / 12, 9) // 309.179607253578
    expect(compta['distribution']).toBeCloseTo((9.65849403416352 * 8) / 12, 9) // 6.43899602277568
    expect(compta['use']).toBeCloseTo(303.604, 9) // 455.406 × 8 / 12
    expect(compta['end-of-life']).toBeCloseTo((1.45246573313176 * 8) / 12, 9) // 0.968310488754504

    // vm-stock-01 on srv-esx-02: its cleRepartition 0.5 is the share (input line 4).
    const stock = await json<{ vm: { rule: string; share: number; shareSource: string } }>('explain', '--vm', 'vm-stock-01', '--campaign', '2025')
    expect([stock.vm.rule, stock.vm.share, stock.vm.shareSource]).toEqual(['allocation-key', 0.5, 'cleRepartition 0.5 (input line 4)'])

    // Applications: one row on each VM, so each gets its VM whole; "Paie" also names vm-paie-recette (unknown).
    const paie = await json<{ application: { vms: unknown[]; unknownVms: string[]; impacts: Record<string, Record<string, number>> } }>(
      'explain', '--application', 'Paie', '--campaign', '2025',
    )
    expect(paie.application.vms).toEqual([{ vm: 'vm-paie-01', host: 'srv-esx-01', applicationsOnVm: 1, vmShareOfHost: 1 / 3, share: 1 / 3 }])
    expect(paie.application.unknownVms).toEqual(['vm-paie-recette'])
    expect(paie.application.impacts['climate-change']!['use']).toBeCloseTo(151.802, 9) // 455.406 / 3

    const byApplication = await json<{ total: { climateKgCo2e: number }; breakdown: { keys: Record<string, string>; climateKgCo2e: number }[] }>(
      'footprint', '--by', 'application-domain', '--campaign', '2025',
    )
    // The two applications share srv-esx-01 whole: 463.769410880367 + 9.65849403416352 + 455.406 + 1.45246573313176.
    expect(byApplication.total.climateKgCo2e).toBeCloseTo(930.286370647662, 9)
    expect(byApplication.breakdown.map((row) => [row.keys['application-domain'], row.climateKgCo2e])).toEqual([
      ['Finances', expect.closeTo((930.286370647662 * 2) / 3, 9)],
      ['Ressources humaines', expect.closeTo(930.286370647662 / 3, 9)],
    ])

    // The diff against the default names the changed factors and recomputes the campaign under each in memory.
    const diff = await json<{ factors: { kind: string; key: string }[]; totals: { criterion: string; after: number }[] }>(
      'referential', 'diff', 'empreinte-default', 'nominal@1', '--campaign', '2025',
    )
    expect(diff.factors).toContainEqual({
      kind: 'embodied', key: 'blade-server-1', criterion: 'climate-change', phase: 'manufacturing',
      before: null, after: 2226.09317222576, unit: 'kgCO2e/unit',
    })
    expect(diff.factors).toContainEqual(expect.objectContaining({ kind: 'category-default', key: 'server' }))
    const footprint = await json<{ total: { climateKgCo2e: number } }>('footprint', '--campaign', '2025')
    expect(diff.totals.find((total) => total.criterion === 'climate-change')!.after).toBeCloseTo(footprint.total.climateKgCo2e, 6)
  }, 120_000)
})
