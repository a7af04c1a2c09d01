/**
 * One behavioural suite for every store engine: the same operations (the ones the CLI, the API and the
 * dashboard call) run on a workspace opened by `open`, with the same exact expectations. DuckDB and PostgreSQL
 * must give the same figures to the last digit a double can carry.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpenedWorkspace } from '../../src/cli/cli-io.js'
import { authenticate, createUser, signIn } from '../../src/app/users.js'
import { computeCampaignFootprint } from '../../src/app/compute-campaign-footprint.js'
import {
  campaignStatus,
  closeCampaign,
  openCampaign,
  reviewOrganisation,
} from '../../src/app/campaign-workflow.js'
import {
  OPERATION_INPUTS,
  OPERATIONS,
  type OperationId,
  type OperationInput,
  type OperationOutput,
} from '../../src/app/operations.js'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'e2e')

export type StoreOpener = () => Promise<OpenedWorkspace>

/** Registers the contract suite for one engine. */
export function describeStoreContract(engine: string, open: StoreOpener): void {
  describe(`store contract on ${engine}`, () => {
    let workspace: OpenedWorkspace
    beforeEach(async () => {
      workspace = await open()
    })
    afterEach(async () => {
      await workspace.close()
    })

    async function call<Id extends OperationId>(id: Id, input: unknown): Promise<OperationOutput<Id>> {
      const parsed = OPERATION_INPUTS[id].parse(input) as OperationInput<Id>
      const operation = OPERATIONS[id] as unknown as (
        deps: unknown,
        input: OperationInput<Id>,
      ) => Promise<OperationOutput<Id>>
      return operation(workspace.deps, parsed)
    }

    const importFixtures = () =>
      call('inventory.import', {
        files: ['numecoeval-datacenters.csv', 'numecoeval-equipements.csv', 'glpi-parc.csv'].map((name) => ({
          path: join(FIXTURES, name),
          label: name,
        })),
        campaignYear: 2025,
        defaultCampaignYear: 2025,
      })

    it('names its engine', () => {
      expect(workspace.deps.store.engine).toBe(engine)
    })

    it('imports the fixtures whole, rows accepted and quarantined exactly as on every engine', async () => {
      const result = await importFixtures()
      expect(
        result.imports.map((entry) => [
          entry.format,
          entry.rowsRead,
          entry.rowsAccepted,
          entry.rowsQuarantined,
        ]),
      ).toEqual([
        ['numecoeval-datacenter', 2, 2, 0],
        // line 5: dateAchat 2023-13-01 (month 13)
        ['numecoeval-physical', 4, 3, 1],
        // line 6: 31/02/2021 is not a date; line 7: type "Divers" is no known category
        ['glpi', 9, 7, 2],
      ])
      const history = await call('imports.list', { campaignYear: 2025 })
      expect(history.items.map((entry: { fileName: string }) => entry.fileName)).toEqual([
        'numecoeval-datacenters.csv',
        'numecoeval-equipements.csv',
        'glpi-parc.csv',
      ])
    })

    it('gives the golden footprint total and the same organisation × category breakdown', async () => {
      await importFixtures()
      const footprint = await call('footprint.get', { campaignYear: 2025, by: ['organisation', 'category'] })
      // fixtures/e2e/golden-footprint.json (computed by the DuckDB store): 10 assets, 11 units, 1,602.147 kgCO2e.
      expect(footprint.assets).toBe(10)
      expect(footprint.quantity).toBe(11)
      expect(footprint.total.climateKgCo2e).toBeCloseTo(1602.1467881814697, 9)
      expect(footprint.annualKwh).toBeCloseTo(10187.2475, 9)
      const byKey = Object.fromEntries(
        footprint.breakdown.map((row: Record<string, unknown>) => [
          `${String(row['organisation'])} | ${String(row['category'])}`,
          Math.round((row['climateKgCo2e'] as number) * 1e6) / 1e6,
        ]),
      )
      expect(byKey).toEqual(EXPECTED_BREAKDOWN)
    })

    it('reports quality per source with the quarantined lines and reasons', async () => {
      await importFixtures()
      const report = await call('quality.report', { campaignYear: 2025 })
      const sample = (report.quarantineSample as { fileName: string; line: number }[]).map((row) => [
        row.fileName,
        row.line,
      ])
      expect(sample).toEqual([
        ['numecoeval-equipements.csv', 5],
        ['glpi-parc.csv', 6],
        ['glpi-parc.csv', 7],
      ])
    })

    it('explains one asset with the same trace', async () => {
      await importFixtures()
      await call('footprint.get', { campaignYear: 2025 })
      const explanation = (await call('asset.explain', {
        campaignYear: 2025,
        asset: 'PC-69-0002',
      })) as unknown as {
        asset: {
          id: number
          importId: number
          sourceLine: number
          hostname: string
          fileName: string
          organisationPath: string[]
        }
        footprint: { annualKwh: number }
      }
      expect(explanation.asset.hostname).toBe('PC-69-0002')
      expect(explanation.asset.fileName).toBe('glpi-parc.csv')
      // Ids are allocated the same way: 2 datacenters (no asset), 3 NumEcoEval assets, then GLPI line 5 is asset 5.
      expect([explanation.asset.id, explanation.asset.importId, explanation.asset.sourceLine]).toEqual([
        5, 3, 5,
      ])
      expect(explanation.asset.organisationPath).toEqual(['CNAM', 'CPAM Rhône', 'Site Lyon 3'])
      expect(explanation.footprint.annualKwh).toBeCloseTo(EXPECTED_EXPLAIN_KWH, 9)
    })

    it('lists the organisations the imports created', async () => {
      await importFixtures()
      const organisations = await call('organisations.list', { campaignYear: 2025 })
      expect(organisations.items.length).toBe(EXPECTED_ORGANISATIONS)
    })

    it('keeps users, sessions, API tokens and login failures (hashes only)', async () => {
      const { access } = workspace.deps
      const alice = await access.addUser({
        login: 'Alice',
        displayName: 'Alice Martin',
        passwordHash: '$argon2id$fake',
        role: 'contributor',
        scope: ['CNAM', 'CPAM Rhône'],
        createdMs: 1_000,
        disabledMs: null,
      })
      const bob = await access.addUser({
        login: 'bob',
        displayName: 'Bob',
        passwordHash: null,
        role: 'administrator',
        scope: null,
        createdMs: 2_000,
        disabledMs: null,
      })
      expect([alice.id, bob.id]).toEqual([1, 2])
      expect(await access.findUserByLogin('ALICE')).toEqual({ ...alice, id: 1 })
      expect((await access.findUserById(2))?.login).toBe('bob')
      expect(await access.findUserById(3)).toBeNull()
      expect((await access.listUsers()).map((user) => user.login)).toEqual(['Alice', 'bob'])

      await access.addSession({ tokenHash: 's1', userId: 1, csrfHash: 'c1', createdMs: 10, expiresMs: 100 })
      await access.addSession({ tokenHash: 's2', userId: 1, csrfHash: 'c2', createdMs: 10, expiresMs: 500 })
      await access.addSession({ tokenHash: 's3', userId: 2, csrfHash: 'c3', createdMs: 10, expiresMs: 500 })
      expect(await access.findSession('s2')).toEqual({
        tokenHash: 's2',
        userId: 1,
        csrfHash: 'c2',
        createdMs: 10,
        expiresMs: 500,
      })
      await access.deleteExpiredSessions(100)
      expect(await access.findSession('s1')).toBeNull()
      await access.deleteSession('s3')
      expect(await access.findSession('s3')).toBeNull()

      const first = await access.addApiToken({
        tokenHash: 't1',
        userId: 1,
        name: 'ci',
        createdMs: 20,
        expiresMs: null,
      })
      const second = await access.addApiToken({
        tokenHash: 't2',
        userId: 2,
        name: 'bi',
        createdMs: 30,
        expiresMs: 900,
      })
      const third = await access.addApiToken({
        tokenHash: 't3',
        userId: 1,
        name: 'old',
        createdMs: 40,
        expiresMs: null,
      })
      expect([first.id, second.id, third.id]).toEqual([1, 2, 3])
      await access.touchApiToken(1, 50)
      await access.revokeApiToken(3, 60)
      await access.revokeApiToken(3, 70)
      expect(await access.findApiToken('t1')).toEqual({ ...first, lastUsedMs: 50 })
      expect((await access.listApiTokens(1)).map((token) => [token.name, token.revokedMs])).toEqual([
        ['ci', null],
        ['old', 60],
      ])
      expect((await access.listApiTokens(null)).map((token) => token.id)).toEqual([1, 2, 3])

      await access.disableUser(1, 80)
      expect((await access.findUserById(1))?.disabledMs).toBe(80)
      expect(await access.findSession('s2')).toBeNull()
      expect((await access.listApiTokens(1)).map((token) => token.revokedMs)).toEqual([80, 60])
      expect((await access.findApiToken('t2'))?.revokedMs).toBeNull()

      await access.addLoginFailure('Alice', '10.0.0.1', 100)
      await access.addLoginFailure('alice', '10.0.0.2', 200)
      await access.addLoginFailure('carol', '10.0.0.1', 300)
      await access.addLoginFailure('alice', '10.0.0.3', 400)
      const failures = await access.loginFailures('ALICE', '10.0.0.1', 150)
      expect([[...failures.byLogin].sort(), [...failures.byAddress].sort()]).toEqual([[200, 400], [300]])
      await access.clearLoginFailures('Alice')
      const after = await access.loginFailures('alice', '10.0.0.1', 0)
      expect([after.byLogin, after.byAddress]).toEqual([[], [100, 300]].map((times) => times.slice(1)))
    })

    it('signs in with a password, authenticates the session and throttles failures', async () => {
      const deps = workspace.deps
      await importFixtures()
      await createUser(deps, {
        login: 'alice',
        displayName: null,
        role: 'contributor',
        organisation: 'CPAM Rhône',
        password: 'correct horse battery',
        nowMs: 1_000,
      })
      const signedIn = await signIn(deps, {
        login: 'Alice',
        password: 'correct horse battery',
        address: '127.0.0.1',
        nowMs: 2_000,
      })
      expect(signedIn.user.login).toBe('alice')
      const session = await authenticate(deps, {
        sessionToken: signedIn.sessionToken,
        bearerToken: null,
        nowMs: 3_000,
      })
      expect([session.via, session.actor.login, session.actor.scope]).toEqual([
        'session',
        'alice',
        ['CNAM', 'CPAM Rhône'],
      ])
      await expect(
        signIn(deps, { login: 'alice', password: 'wrong password!', address: '10.1.1.1', nowMs: 4_000 }),
      ).rejects.toMatchObject({ code: 'unauthenticated' })
      const failures = await deps.access.loginFailures('alice', '10.1.1.1', 0)
      expect([failures.byLogin, failures.byAddress]).toEqual([[4_000], [4_000]])
      const audit = await deps.access.listAuditEvents({ limit: 10, offset: 0, action: null })
      expect(
        audit.items.map((event) => event.action).filter((action) => action !== 'inventory.import'),
      ).toEqual(['session.refused', 'session.create', 'user.create'])
    })

    it('saves scenarios, actions and tariffs', async () => {
      const { plans } = workspace.deps
      const perimeter = { organisation: 'CNAM > CPAM Rhône', categories: ['laptop' as const], sites: [] }
      const saved = await plans.saveScenario({
        name: 'Lifetime',
        description: null,
        levers: ['lifetime-extension:years=2'],
        perimeter,
      })
      expect([saved.scenario.id, saved.isReplaced]).toEqual([1, false])
      expect(saved.scenario.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      const replaced = await plans.saveScenario({
        name: 'lifetime',
        description: 'two more years',
        levers: ['lifetime-extension:years=3'],
        perimeter: { organisation: null, categories: [], sites: ['Lyon'] },
      })
      expect([replaced.scenario.id, replaced.isReplaced, replaced.scenario.name]).toEqual([
        1,
        true,
        'lifetime',
      ])
      await plans.saveScenario({
        name: 'Alpha',
        description: null,
        levers: ['power-off:policy=nights'],
        perimeter,
      })
      expect((await plans.listScenarios()).map((scenario) => [scenario.id, scenario.name])).toEqual([
        [2, 'Alpha'],
        [1, 'lifetime'],
      ])
      expect((await plans.findScenario('LIFETIME'))?.perimeter).toEqual({
        organisation: null,
        categories: [],
        sites: ['Lyon'],
      })
      expect([await plans.removeScenario('alpha'), await plans.removeScenario('alpha')]).toEqual([
        true,
        false,
      ])

      const action = await plans.addAction({
        lever: 'power-off:policy=nights-weekends',
        perimeter,
        owner: 'DSI',
        startDay: 20_454,
        status: 'planned',
        note: null,
      })
      expect([action.id, action.owner, action.status, action.perimeter]).toEqual([
        1,
        'DSI',
        'planned',
        perimeter,
      ])
      const updated = await plans.updateAction(1, { status: 'in-progress', note: 'started' })
      expect([updated?.status, updated?.note, updated?.startDay]).toEqual(['in-progress', 'started', 20_454])
      expect(await plans.updateAction(9, { status: 'done' })).toBeNull()
      expect((await plans.listActions()).map((entry) => entry.id)).toEqual([1])

      await plans.setTariff({ organisation: 'CNAM', eurosPerKwh: 0.2, source: 'contract 2025' })
      await plans.setTariff({ organisation: 'CNAM > CPAM Rhône', eurosPerKwh: 0.25, source: null })
      await plans.setTariff({ organisation: 'CNAM', eurosPerKwh: 0.21, source: 'contract 2026' })
      expect(await plans.listTariffs()).toEqual([
        { organisation: 'CNAM', eurosPerKwh: 0.21, source: 'contract 2026' },
        { organisation: 'CNAM > CPAM Rhône', eurosPerKwh: 0.25, source: null },
      ])
      expect([await plans.removeTariff('CNAM'), await plans.removeTariff('CNAM')]).toEqual([true, false])
      await importFixtures()
      expect((await plans.listCampaigns()).map((campaign) => campaign.year)).toEqual([2025])
    })

    it('imports telemetry: unreadable lines by line and column, impossible rows set apart, usage matched', async () => {
      await importFixtures()
      const result = await call('inventory.import', {
        files: [{ path: join(FIXTURES, 'telemetrie.csv'), label: 'telemetrie.csv' }],
        campaignYear: 2025,
        defaultCampaignYear: 2025,
      })
      const [telemetry] = result.imports as unknown as {
        rowsRead: number
        rowsAccepted: number
        rowsQuarantined: number
        assumptions: string[]
      }[]
      expect(telemetry).toMatchObject({ rowsRead: 6, rowsAccepted: 3, rowsQuarantined: 3 })
      expect(telemetry!.assumptions[0]).toBe(
        '2 device(s) matched to assets by host name or serial number, 1 not matched',
      )
      const quarantined = await workspace.deps.store.quarantine(
        workspace.deps.store === undefined ? 0 : 1,
        20,
      )
      expect(
        quarantined
          .filter((row) => row.fileName === 'telemetrie.csv')
          .map((row) => [row.line, row.findings[0]!.column, row.findings[0]!.code, row.raw]),
      ).toEqual([
        // the device and day of an impossible row are known, not its line (as DuckDB's bulk reader gives it)
        [0, 'heures_allumage', 'out_of_range', ['2025-12-04', 'PC-69-0002', '25', '3']],
        [3, 'heures_allumage', 'malformed_row', ['2025-12-02;PC-69-0001;xx;6']],
        [4, 'date', 'malformed_row', ['2025-13-02;PC-69-0002;24;3']],
      ])
      const usage = await workspace.deps.store.usageBySite(1)
      expect(usage.map((row) => [row.organisation, row.site, row.devices, row.poweredHoursPerYear])).toEqual(
        EXPECTED_USAGE,
      )
      const footprint = await call('footprint.get', { campaignYear: 2025 })
      expect(footprint.total.climateKgCo2e).toBeCloseTo(EXPECTED_TOTAL_WITH_TELEMETRY, 9)
      const around = await workspace.deps.plans.telemetryAround(
        { organisation: 'CNAM > CPAM Rhône', categories: [], sites: [] },
        20_425, // 2025-12-03
      )
      expect(around).toEqual({
        before: { devices: 1, deviceDays: 1, poweredHours: 9.5, activeHours: 6 },
        after: { devices: 1, deviceDays: 1, poweredHours: 24, activeHours: 3 },
      })
    })

    it('runs the campaign workflow: open, board, review, close with frozen results', async () => {
      const deps = workspace.deps
      await importFixtures()
      const opened = await openCampaign(deps, {
        year: 2025,
        perimeter: 'CNAM',
        expect: 'computers',
        referential: null,
        members: [],
        atMs: 1_000,
      })
      expect([opened.version, opened.organisations, opened.expected]).toEqual([1, 2, ['computers']])
      expect((await deps.campaigns.members(1)).map((member) => member.path.join(' > '))).toEqual([
        'CNAM > CPAM Bouches-du-Rhône',
        'CNAM > CPAM Rhône',
      ])
      const board = await campaignStatus(deps, { campaignYear: 2025, filter: null, sort: 'code' })
      expect(
        board.organisations.map((row) => [
          row.code,
          row.status,
          row.units,
          row.workstations,
          row.qualityScore,
        ]),
      ).toEqual(EXPECTED_BOARD)
      await reviewOrganisation(deps, {
        campaignYear: 2025,
        organisation: 'CPAM Rhône',
        decision: 'validate',
        comment: 'ok',
        atMs: 2_000,
      })
      expect(
        (await deps.campaigns.reviews(1)).map((review) => [review.path.at(-1), review.decision]),
      ).toEqual([['CPAM Rhône', 'validate']])
      const closed = await closeCampaign(deps, { campaignYear: 2025, atMs: 3_000 })
      expect([closed.version, closed.organisations]).toEqual([1, 3])
      expect(closed.climateKgCo2e).toBeCloseTo(EXPECTED_FROZEN_TOTAL, 9)
      const setups = await deps.campaigns.setups(1)
      expect(setups.map((setup) => [setup.version, setup.state, setup.openedMs, setup.closedMs])).toEqual([
        [1, 'closed', 1_000, 3_000],
      ])
      const frozen = await deps.campaigns.frozenResults(1, 1)
      expect(
        frozen.map((row) => [
          row.path.join(' > '),
          row.domain,
          row.quantity,
          Math.round(row.climateKgCo2e * 1e6) / 1e6,
        ]),
      ).toEqual(EXPECTED_FROZEN)
      await deps.campaigns.addReminders(1, [
        { organisationId: 2, address: 'a@example.org', status: 'sent', error: null, atMs: 4_000 },
      ])
    })

    it('recomputes only the organisations whose data changed, to the same figures as a full pass', async () => {
      const deps = workspace.deps
      await importFixtures()
      const campaign = (await deps.store.findCampaign(2025))!
      const full = await computeCampaignFootprint(deps, { campaign })
      expect([full.assets, full.recomputedOrganisations]).toEqual([10, undefined])
      expect((await deps.campaigns.computedSignatures(campaign.id)).size).toBe(EXPECTED_SIGNATURES)
      expect((await computeCampaignFootprint(deps, { campaign })).isUpToDate).toBe(true)
      const folder = await mkdtemp(join(tmpdir(), 'empreinte-contract-'))
      const extra = join(folder, 'marseille.csv')
      await writeFile(
        extra,
        'name,status,manufacturer,model,type,serial,purchase_date\nPC-13-0100,active,Lenovo,ThinkPad T14,laptop,PF9NEW1,2023-02-01\n',
      )
      await call('inventory.import', {
        files: [{ path: extra, label: 'marseille.csv' }],
        organisation: 'CNAM > CPAM Bouches-du-Rhône',
        campaignYear: 2025,
        defaultCampaignYear: 2025,
      })
      const incremental = await computeCampaignFootprint(deps, { campaign })
      expect(incremental.recomputedOrganisations).toBe(1)
      const afterIncremental = await call('footprint.get', { campaignYear: 2025, by: ['organisation'] })
      await computeCampaignFootprint(deps, { campaign, force: true })
      const afterFull = await call('footprint.get', { campaignYear: 2025, by: ['organisation'] })
      expect(afterIncremental.total.climateKgCo2e).toBeCloseTo(afterFull.total.climateKgCo2e, 9)
      expect(afterFull.total.climateKgCo2e).toBeCloseTo(EXPECTED_TOTAL_WITH_EXTRA, 9)
      expect(afterIncremental.assets).toBe(11)
    })
  })
}

// Figures of the DuckDB reference run, which PostgreSQL must give too.
// PC-69-0002: 24 h on its one valid day × 365; PC-69-0001: 9.5 h × 365.
const EXPECTED_USAGE: unknown[] = [
  ['CNAM > CPAM Rhône > Site Lyon 3', 'Bâtiment A - Étage 1', 1, 8760],
  ['CNAM > CPAM Rhône > Site Lyon 3', 'Bâtiment A - Étage 2', 1, 3467.5],
]
// The golden total with the two Lyon computers' measured hours instead of the 1,760 h/yr default.
const EXPECTED_TOTAL_WITH_TELEMETRY = 1629.9261983064694
const EXPECTED_BOARD: unknown[] = [
  ['CPAM Bouches-du-Rhône', 'submitted', 3, 1, 91.7],
  ['CPAM Rhône', 'submitted', 3, 2, 100],
]
// The golden total (fixtures/e2e/golden-footprint.json), frozen at closing.
const EXPECTED_FROZEN_TOTAL = 1602.1467881814697
// Per organisation and domain; they add up to the golden total.
const EXPECTED_FROZEN: unknown[] = [
  ['CNAM', 'datacenters', 4, 1386.627883],
  ['CNAM > CPAM Bouches-du-Rhône', 'printing', 1, 7.426505],
  ['CNAM > CPAM Bouches-du-Rhône', 'telephony', 1, 40.23279],
  ['CNAM > CPAM Bouches-du-Rhône', 'workstations', 2, 67.983691],
  ['CNAM > CPAM Rhône > Site Lyon 3', 'workstations', 3, 99.87592],
]
// Organisations with rows (CNAM, CPAM Bouches-du-Rhône, Site Lyon 3) + datacenters (-1) + overrides (-2)
// + cloud lines (-3).
const EXPECTED_SIGNATURES = 6
// The golden 1,602.146788 kgCO2e plus one ThinkPad T14 bought 2023-02-01 in CPAM Bouches-du-Rhône.
const EXPECTED_TOTAL_WITH_EXTRA = 1668.0616241062814

// The DuckDB store's figures (the reference engine, rounded to 1e-6 kgCO2e); they add up to the golden total
// 1,602.146788: 1,201.05499 + 185.572893 + 67.983691 + 40.981033 + 40.23279 + 39.777687 + 19.1172 + 7.426505.
const EXPECTED_BREAKDOWN: Record<string, number> = {
  'CNAM | server': 1201.05499,
  'CNAM | network-switch': 185.572893,
  'CNAM > CPAM Bouches-du-Rhône | laptop': 67.983691,
  'CNAM > CPAM Rhône > Site Lyon 3 | laptop': 40.981033,
  'CNAM > CPAM Bouches-du-Rhône | smartphone': 40.23279,
  'CNAM > CPAM Rhône > Site Lyon 3 | desktop': 39.777687,
  'CNAM > CPAM Rhône > Site Lyon 3 | monitor': 19.1172,
  'CNAM > CPAM Bouches-du-Rhône | printer': 7.426505,
}
// Desktop without telemetry: 70 W × 1,760 h/yr (8 h × 220 working days) = 123.2 kWh.
const EXPECTED_EXPLAIN_KWH = 123.2
// CNAM, CNAM > CPAM Rhône, CNAM > CPAM Rhône > Site Lyon 3, CNAM > CPAM Bouches-du-Rhône.
const EXPECTED_ORGANISATIONS = 4
