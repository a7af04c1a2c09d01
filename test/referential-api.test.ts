import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { createApiToken, createUser } from '../src/app/users.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import {
  applicationExplanationResponse,
  applicationFootprintResponse,
  referentialDiffResponse,
  referentialImportResponse,
  referentialListResponse,
  referentialUseResponse,
  virtualMachineExplanationResponse,
} from '../src/http/referential-response-schemas.js'
import { footprintResponse } from '../src/http/response-schemas.js'
import { openWorkspace } from '../src/main.js'
import { createAdministratorToken } from './support/api-token.js'
import { runCli } from './support/run-cli.js'
import { sharedData } from './support/shared-data.js'

// The same files and skip rule as test/referential-versions.test.ts (G4IT Apache-2.0 files in the shared folder).
const SHARED = sharedData()
const NOMINAL_REFERENTIAL = join(SHARED, 'g4it-conformance', 'eval_nominal', 'referential')
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats', 'numecoeval')
const hasShared = existsSync(NOMINAL_REFERENTIAL)
if (!hasShared) console.warn(`referential-api.test.ts: ${NOMINAL_REFERENTIAL} (G4IT Apache-2.0 files) is absent: tests skipped`)

const silent = { start() {}, advance() {}, stop() {} }
const T0 = Date.UTC(2026, 0, 1)

describe.skipIf(!hasShared)('referential and virtual-equipment routes under /api', () => {
  let directory: string
  let workspace: OpenedWorkspace
  let app: Hono
  let admin: Record<string, string>
  let viewer: Record<string, string>

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-referential-api-'))
    const dir = join(directory, 'workspace')
    const cli = (...argv: string[]) => runCli([...argv, '--workspace', dir])
    expect((await cli('import', join(FIXTURES, 'equipements-physiques.csv'), '--campaign', '2025', '--usage-duration-unit', 'months')).code).toBe(0)
    expect(
      (await cli('import', join(FIXTURES, 'equipements-virtuels.csv'), join(FIXTURES, 'applications-cp1252.csv'), '--campaign', '2025')).code,
    ).toBe(0)
    workspace = await openWorkspace(dir, { create: false, progress: silent })
    app = createHttpApp(workspace.deps, { logger: () => undefined, uploadDirectory: join(directory, 'uploads') })
    admin = { authorization: `Bearer ${await createAdministratorToken(workspace.deps, T0)}` }
    await createUser(workspace.deps, { login: 'reader', displayName: null, role: 'viewer', organisation: null, password: null, nowMs: T0 })
    viewer = { authorization: `Bearer ${(await createApiToken(workspace.deps, { login: 'reader', name: 't', expiresDays: null, nowMs: T0 })).token}` }
  }, 60_000)
  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  const get = async (path: string, headers = admin) => {
    const response = await app.request(path, { headers })
    return { status: response.status, body: (await response.json()) as unknown }
  }
  const upload = async (files: { name: string; text: string }[], fields: Record<string, string>, headers = admin) => {
    const form = new FormData()
    for (const file of files) form.append('file', new File([file.text], file.name))
    for (const [name, value] of Object.entries(fields)) form.append(name, value)
    const response = await app.request('/api/referentials', { method: 'POST', body: form, headers })
    return { status: response.status, body: (await response.json()) as unknown }
  }

  it('uploads, lists, pins (audited; refused to a viewer), explains VMs and applications, and diffs', async () => {
    const names = (await readdir(NOMINAL_REFERENTIAL)).filter((name) => name.endsWith('.csv')).sort()
    const files = await Promise.all(
      names.map(async (name) => ({ name, text: await readFile(join(NOMINAL_REFERENTIAL, name), 'utf8') })),
    )

    // A viewer may not import (manage-rules); nothing is stored.
    expect((await upload(files, { name: 'nominal', version: '1' }, viewer)).status).toBe(403)

    const imported = await upload(files, { name: 'nominal', version: '1' })
    expect(imported.status).toBe(201)
    const result = referentialImportResponse.parse(imported.body)
    expect(result.referential).toBe('nominal@1')
    expect(result.format).toBe('numecoeval')
    // Each file named as sent (never the server's upload folder); rows = lines of each file minus its header.
    expect(result.files.map((file) => [file.file, file.table, file.rows])).toEqual([
      ['criterion.csv', 'criteria', 5],
      ['hypothesis.csv', 'hypotheses', 4],
      ['itemImpact.csv', 'itemImpacts', 8],
      ['itemType.csv', 'itemTypes', 1],
      ['lifecycleStep.csv', 'lifecycleSteps', 1],
      ['sustainable_individual_package.csv', 'sustainablePackages', 16],
    ])
    expect(result.counts).toEqual({
      criteria: 5, lifecycleSteps: 1, itemTypes: 1, itemImpacts: 8, hypotheses: 4, matchingItems: 0, sustainablePackages: 16,
    })
    // Versions never change once imported.
    const again = await upload(files, { name: 'nominal', version: '1' })
    expect(again.status).toBe(409)

    const listed = await get('/api/referentials', viewer)
    expect(listed.status).toBe(200)
    expect(
      referentialListResponse.parse(listed.body).referentials.map((entry) => [entry.referential, entry.kind, entry.campaigns]),
    ).toEqual([
      ['empreinte-default@1.1.0', 'default', [2025]],
      ['nominal@1', 'imported', []],
    ])

    // Pinning changes the workspace's figures: a viewer is refused (403) and nothing changes.
    const refused = await app.request('/api/referentials/nominal%401/use?campaign=2025', { method: 'POST', headers: viewer })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    const pinned = await app.request('/api/referentials/nominal%401/use?campaign=2025', { method: 'POST', headers: admin })
    expect(pinned.status).toBe(200)
    expect(referentialUseResponse.parse(await pinned.json())).toEqual({
      campaign: 2025, referential: 'nominal@1', previous: 'empreinte-default@1.1.0',
    })
    const audit = (await get('/api/audit?action=referential.use')).body as { items: unknown[]; total: number }
    expect(audit.total).toBe(1)
    expect(audit.items[0]).toMatchObject({
      actor: 'tests', action: 'referential.use', target: '2025', organisation: null,
      details: { referential: 'nominal@1', previous: 'empreinte-default@1.1.0' },
    })
    expect(((await get('/api/audit?action=referential.import')).body as { total: number }).total).toBe(1)
    expect(
      referentialListResponse.parse((await get('/api/referentials')).body).referentials.map((entry) => entry.campaigns),
    ).toEqual([[], [2025]])

    // The figures worked out in test/referential-versions.test.ts: srv-esx-01 with eval_nominal (blade-server-1),
    // 4.8 years; use 3200 kWh × 0.0813225 × 1.75 = 455.406; vm-compta-01 holds 8 of the host's 12 vCPU.
    const vm = await get('/api/virtual-equipment/vm-compta-01/explanation?campaign=2025', viewer)
    expect(vm.status).toBe(200)
    const explained = virtualMachineExplanationResponse.parse(vm.body)
    expect(explained.host?.referenceItemId).toBe('blade-server-1')
    expect([explained.vm.rule, explained.vm.shareSource]).toEqual(['vcpu', "vCPU 8 / 12 vCPU of the host's 2 VM(s)"])
    const compta = explained.vm.impacts['climate-change']!
    expect(compta['manufacturing']).toBeCloseTo((463.769410880367 * 8) / 12, 9)
    expect(compta['distribution']).toBeCloseTo((9.65849403416352 * 8) / 12, 9)
    expect(compta['use']).toBeCloseTo(303.604, 9)
    expect(compta['end-of-life']).toBeCloseTo((1.45246573313176 * 8) / 12, 9)
    // The computed referential names the pin, then the workspace's mapping-rule set: nominal@1+rules.0.…
    expect(explained.referential.startsWith('nominal@1+')).toBe(true)

    const paie = await get('/api/applications/Paie/explanation?campaign=2025')
    expect(paie.status).toBe(200)
    const application = applicationExplanationResponse.parse(paie.body)
    expect(application.application.vms).toEqual([
      { vm: 'vm-paie-01', host: 'srv-esx-01', applicationsOnVm: 1, vmShareOfHost: 1 / 3, share: 1 / 3 },
    ])
    expect(application.application.unknownVms).toEqual(['vm-paie-recette'])
    expect(application.application.impacts['climate-change']!['use']).toBeCloseTo(151.802, 9)
    expect(application.vms.map((entry) => [entry.vm.name, entry.host?.name])).toEqual([['vm-paie-01', 'srv-esx-01']])

    const missing = await get('/api/virtual-equipment/vm-nowhere/explanation')
    expect(missing.status).toBe(404)

    const byDomain = await get('/api/footprint/applications?campaign=2025&by=application-domain', viewer)
    expect(byDomain.status).toBe(200)
    const breakdown = applicationFootprintResponse.parse(byDomain.body)
    expect(breakdown.total.climateKgCo2e).toBeCloseTo(930.286370647662, 9)
    expect(breakdown.breakdown.map((row) => [row.keys['application-domain'], row.applications, row.climateKgCo2e])).toEqual([
      ['Finances', 1, expect.closeTo((930.286370647662 * 2) / 3, 9)],
      ['Ressources humaines', 1, expect.closeTo(930.286370647662 / 3, 9)],
    ])
    // "Gestion des stocks" (line 5 of the applications file) is quarantined: its typeEnvironnement is empty.
    const byApplication = applicationFootprintResponse.parse((await get('/api/footprint/applications')).body)
    expect(byApplication.by).toEqual(['application'])
    expect(byApplication.breakdown.map((row) => [row.keys['application'], row.climateKgCo2e])).toEqual([
      ['Comptabilité générale', expect.closeTo((930.286370647662 * 2) / 3, 9)],
      ['Paie', expect.closeTo(930.286370647662 / 3, 9)],
    ])
    // The asset footprint route keeps its dimensions: application views are views of the hosts, not a breakdown.
    expect((await get('/api/footprint?by=application')).status).toBe(400)

    const diff = await get('/api/referentials/diff?from=empreinte-default&to=nominal%401&campaign=2025', viewer)
    expect(diff.status).toBe(200)
    const changes = referentialDiffResponse.parse(diff.body)
    expect([changes.before, changes.after, changes.campaign]).toEqual(['empreinte-default@1.1.0', 'nominal@1', 2025])
    expect(changes.factors).toContainEqual({
      kind: 'embodied', key: 'blade-server-1', criterion: 'climate-change', phase: 'manufacturing',
      before: null, after: 2226.09317222576, unit: 'kgCO2e/unit',
    })
    const footprint = footprintResponse.parse((await get('/api/footprint?campaign=2025')).body)
    expect(footprint.referential.startsWith('nominal@1+')).toBe(true)
    expect(changes.totals.find((total) => total.criterion === 'climate-change')!.after).toBeCloseTo(footprint.total.climateKgCo2e, 6)
    expect((await get('/api/referentials/diff?from=nominal%401&to=nowhere%401')).status).toBe(404)
  }, 120_000)

  it('refuses a bad upload whole, naming the file as sent, line and column', async () => {
    const response = await upload(
      [
        {
          name: 'ref_item_impact.csv',
          text:
            'criterion;lifecycle_step;name;category;avg_electricity_consumption;description;location;level;source;tier;unit;value;subscriber;version\n' +
            'CLIMATE_CHANGE;MANUFACTURING;laptop-1;IT;20;;France;;me;;;100;;\n' +
            'CLIMATE_CHANGE;MANUFACTURING;laptop-2;IT;20;;France;;me;;;cent;;\n',
        },
      ],
      { name: 'bad' },
    )
    expect(response).toEqual({
      status: 422,
      body: { error: { code: 'unknown_format', message: 'ref_item_impact.csv, line 3, column 12 (value): "cent" is not a number' } },
    })
    const listed = referentialListResponse.parse((await get('/api/referentials')).body)
    expect(listed.referentials.map((entry) => entry.referential)).not.toContain('bad@1')
  }, 60_000)
})
