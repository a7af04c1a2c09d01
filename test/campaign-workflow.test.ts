import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCampaignFootprint } from '../src/app/compute-campaign-footprint.js'
import { openWorkspace } from '../src/main.js'
import { runCli } from './support/run-cli.js'
import { startSmtpServer, type TestSmtpServer } from './support/smtp-server.js'

const NOW = Date.UTC(2026, 1, 2, 9, 0)
const silent = { start() {}, advance() {}, stop() {} }

/** A generic CSV with every field given, so that nothing is imputed. */
const csv = (rows: string[][]): string =>
  [
    'category;manufacturer;model;serial;quantity;purchaseDate;country;lifetimeYears;annualKwh;utilisationRate;status;ownership',
    ...rows.map((row) => [...row, 'FR', '5', '30', '0.5', 'in-service', 'company'].join(';')),
  ].join('\n') + '\n'

const laptops = (prefix: string, count: number): string[][] =>
  Array.from({ length: count }, (_, index) => [
    'laptop',
    'Dell',
    'Latitude 5420',
    `${prefix}${1000 + index}`,
    '1',
    '2022-03-01',
  ])

describe('empreinte campaign: open, collect, track, review, remind, close, restate, publish', () => {
  let directory: string
  let workspace: string
  let smtp: TestSmtpServer
  const cli = (argv: string[]) => runCli([...argv, '--workspace', workspace], NOW)
  const file = async (name: string, text: string): Promise<string> => {
    const path = join(directory, name)
    await writeFile(path, text)
    return path
  }

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-campaign-'))
    workspace = join(directory, 'workspace')
    smtp = await startSmtpServer()
  })
  afterAll(async () => {
    await smtp.close()
    await rm(directory, { recursive: true, force: true })
  })

  it('runs the whole workflow', async () => {
    // Previous campaign: Alpha had 10 laptops.
    const previous = await file('alpha-2024.csv', csv(laptops('A24-', 10)))
    expect(
      (await cli(['import', previous, '--organisation', 'CNAM > Alpha', '--campaign', '2024'])).code,
    ).toBe(0)

    const headcounts = await file(
      'headcounts.csv',
      'organisation;headcount;contact\nAlpha;10;alpha@example.org\nBeta;100;beta@example.org\nGamma;50;gamma@example.org\n',
    )
    const opened = await cli([
      'campaign',
      'open',
      '2025',
      '--perimeter',
      'CNAM',
      '--expect',
      'computers,monitors,phones',
      '--headcounts',
      headcounts,
      '--json',
    ])
    expect(opened.stderr).toBe('')
    expect(JSON.parse(opened.stdout)).toMatchObject({
      campaign: 2025,
      version: 1,
      perimeter: 'CNAM',
      expected: ['computers', 'monitors', 'phones'],
      organisations: 3,
    })

    // Alpha sends its computers (13 laptops, one line with a negative quantity), monitors and phones.
    const alphaComputers = await file(
      'alpha-computers.csv',
      csv([...laptops('A25-', 13), ['laptop', 'Dell', 'Latitude 5420', 'BAD1', '-3', '2022-03-01']]),
    )
    const alphaOthers = await file(
      'alpha-others.csv',
      csv([
        ['monitor', 'Dell', 'P2422H', 'M1', '5', '2021-06-01'],
        ['smartphone', 'Apple', 'iPhone 12', 'P1', '2', '2021-06-01'],
      ]),
    )
    const alphaImport = await cli([
      'import',
      alphaComputers,
      '--organisation',
      'Alpha',
      '--campaign',
      '2025',
      '--json',
    ])
    expect(alphaImport.code).toBe(0)
    expect(JSON.parse(alphaImport.stdout).imports[0]).toMatchObject({
      rowsRead: 14,
      rowsAccepted: 13,
      rowsQuarantined: 1,
    })
    expect(
      (
        await cli([
          'import',
          alphaOthers,
          '--organisation',
          'Alpha',
          '--source',
          'others',
          '--campaign',
          '2025',
        ])
      ).code,
    ).toBe(0)
    // Beta sends 20 desktops only.
    const betaComputers = await file(
      'beta-computers.csv',
      csv([['desktop', 'HP', 'EliteDesk 800 G6', 'B1', '20', '2020-01-15']]),
    )
    expect((await cli(['import', betaComputers, '--organisation', 'Beta', '--campaign', '2025'])).code).toBe(
      0,
    )

    const status = await cli(['campaign', 'status', '--campaign', '2025', '--json'])
    expect(status.stderr).toBe('')
    const board = JSON.parse(status.stdout)
    expect(board.counts).toMatchObject({ total: 3, 'not-started': 1, collecting: 1, submitted: 1 })
    const brief = (row: Record<string, unknown>) => ({
      code: row.code,
      status: row.status,
      sourcesReceived: row.sourcesReceived,
      sourcesExpected: row.sourcesExpected,
      qualityScore: row.qualityScore,
      units: row.units,
      quarantinedRows: row.quarantinedRows,
      anomalies: (row.anomalies as { code: string }[]).map((anomaly) => anomaly.code),
    })
    // Alpha: 13 laptops + 5 monitors + 2 phones = 20 units, up 100 % on its 10 laptops of 2024; no model of
    // these files is in the default referential (category defaults). Beta: 20 desktops for 100 employees
    // = 0.2 workstations per employee (< 0.8). Quality: every field given, nothing imputed → 100.
    expect(board.organisations.map(brief)).toEqual([
      {
        code: 'Alpha',
        status: 'submitted',
        sourcesReceived: 3,
        sourcesExpected: 3,
        qualityScore: 100,
        units: 20,
        quarantinedRows: 1,
        anomalies: ['fleet-change', 'unmatched-models'],
      },
      {
        code: 'Beta',
        status: 'collecting',
        sourcesReceived: 1,
        sourcesExpected: 3,
        qualityScore: 100,
        units: 20,
        quarantinedRows: 0,
        anomalies: ['unmatched-models', 'workstations-per-employee'],
      },
      {
        code: 'Gamma',
        status: 'not-started',
        sourcesReceived: 0,
        sourcesExpected: 3,
        qualityScore: 0,
        units: 0,
        quarantinedRows: 0,
        anomalies: [],
      },
    ])
    const missing = JSON.parse(
      (await cli(['campaign', 'status', '--filter', 'missing', '--sort', 'received', '--json'])).stdout,
    )
    expect(missing.organisations.map((row: { code: string }) => row.code)).toEqual(['Gamma', 'Beta'])
    const exported = join(directory, 'to-chase.csv')
    expect((await cli(['campaign', 'status', '--filter', 'to-chase', '--export', exported])).code).toBe(0)
    const exportedLines = (await readFile(exported, 'utf8')).trim().split(/\r?\n/)
    expect(exportedLines).toHaveLength(3)
    expect(exportedLines[1]).toMatch(/^\uFEFF?CNAM > Beta;collecting;1;3;monitors, phones;100;20;20;100;0;/)

    // Review: validate Alpha, send Beta back; a decision without a comment is refused for a send-back.
    expect((await cli(['campaign', 'review', 'Alpha', '--validate'])).code).toBe(0)
    const noComment = await cli(['campaign', 'review', 'Beta', '--send-back'])
    expect(noComment.code).toBe(2)
    expect(noComment.stderr).toMatch(/needs a comment/)
    expect(
      (await cli(['campaign', 'review', 'Beta', '--send-back', '--comment', 'monitors and phones missing']))
        .code,
    ).toBe(0)
    const gammaReview = await cli(['campaign', 'review', 'Gamma', '--validate'])
    expect(gammaReview.stderr).toBe(
      'empreinte: Cannot validate CNAM > Gamma: the organisation has sent no data yet.\n',
    )
    const reviewed = JSON.parse((await cli(['campaign', 'status', '--json'])).stdout)
    expect(reviewed.organisations.map((row: { status: string }) => row.status)).toEqual([
      'validated',
      'sent-back',
      'not-started',
    ])
    expect(reviewed.organisations[1].lastDecision).toEqual({
      decision: 'send-back',
      comment: 'monitors and phones missing',
      actor: 'local',
      atMs: NOW,
    })
    {
      const opened = await openWorkspace(workspace, { create: false, progress: silent })
      try {
        const audit = await opened.deps.access.listAuditEvents({ limit: 10, offset: 0, action: null })
        expect(
          audit.items
            .filter((event) => event.action.startsWith('campaign.review'))
            .map((event) => [event.action, event.organisation, event.actor]),
        ).toEqual([
          ['campaign.review.send-back', 'CNAM > Beta', 'local'],
          ['campaign.review.validate', 'CNAM > Alpha', 'local'],
        ])
      } finally {
        await opened.close()
      }
    }

    // Reminders: the organisations to chase (Beta sent back, Gamma not started), by e-mail through a real
    // SMTP server on the loopback.
    const reminded = await cli([
      'campaign',
      'remind',
      '--smtp',
      `smtp://127.0.0.1:${smtp.port}`,
      '--from',
      'national@example.org',
      '--json',
    ])
    expect(reminded.stderr).toBe('')
    expect(JSON.parse(reminded.stdout)).toMatchObject({ toChase: 2, sent: 2, failed: 0 })
    expect(smtp.messages.map((message) => [message.from, message.to])).toEqual([
      ['national@example.org', ['beta@example.org']],
      ['national@example.org', ['gamma@example.org']],
    ])
    expect(smtp.messages[0]!.data).toContain('Subject: Campaign 2025: your inventory files for Beta')
    expect(smtp.messages[0]!.data).toContain('Your data was sent back by local: monitors and phones missing')
    expect(smtp.messages[1]!.data).toContain(
      'Sources still expected: computers, monitors, phones (received 0 of 3).',
    )

    // A re-upload by Beta recomputes only Beta, and the totals equal a full recomputation.
    const betaMonitors = await file(
      'beta-monitors.csv',
      csv([['monitor', 'HP', 'E24 G4', 'BM1', '20', '2020-01-15']]),
    )
    expect((await cli(['import', betaMonitors, '--organisation', 'Beta', '--source', 'monitors'])).code).toBe(
      0,
    )
    {
      const opened = await openWorkspace(workspace, { create: false, progress: silent })
      try {
        const deps = opened.deps
        const campaign = (await deps.store.findCampaign(2025))!
        const incremental = await computeCampaignFootprint(deps, { campaign })
        // Only Beta's two lines (20 desktops, 20 monitors) go through the calculator again.
        expect(incremental).toMatchObject({ isUpToDate: false, recomputedOrganisations: 1, assets: 2 })
        const afterIncremental = await deps.store.footprint(campaign.id, ['organisation', 'domain'])
        const full = await computeCampaignFootprint(deps, { campaign, force: true })
        expect(full.recomputedOrganisations).toBeUndefined()
        expect(full.assets).toBe(17) // 13 laptops + 1 monitor line + 1 phone line (Alpha), 2 lines (Beta)
        // Same figures, up to the last bit of a floating-point sum taken in another order.
        const afterFull = await deps.store.footprint(campaign.id, ['organisation', 'domain'])
        expect(afterFull.breakdown.map((row) => [row.keys, row.quantity, row.assets])).toEqual(
          afterIncremental.breakdown.map((row) => [row.keys, row.quantity, row.assets]),
        )
        for (const [criterion, value] of Object.entries(afterFull.totals))
          expect(
            Math.abs(value - afterIncremental.totals[criterion as keyof typeof afterFull.totals]!),
          ).toBeLessThanOrEqual(Math.abs(value) * 1e-12)
      } finally {
        await opened.close()
      }
    }

    // Close: results frozen; later imports refused.
    const footprint = JSON.parse((await cli(['footprint', '--campaign', '2025', '--json'])).stdout)
    const closed = await cli(['campaign', 'close', '--json'])
    expect(closed.stderr).toBe('')
    const closedJson = JSON.parse(closed.stdout)
    expect(closedJson).toMatchObject({ campaign: 2025, version: 1, organisations: 2 })
    expect(closedJson.climateKgCo2e).toBeCloseTo(footprint.total.climateKgCo2e, 6)
    const refused = await cli(['import', betaMonitors, '--organisation', 'Beta', '--campaign', '2025'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^empreinte: Campaign 2025 is closed: its inputs and results are frozen\./)
    const closedBoard = JSON.parse((await cli(['campaign', 'status', '--json'])).stdout)
    expect(closedBoard).toMatchObject({ state: 'closed', version: 1, counts: { closed: 3 } })

    // Restatement: a new version, the first one kept.
    const restated = await cli([
      'campaign',
      'restate',
      '--referential',
      closedBoard.referential,
      '--note',
      'methodology review',
      '--json',
    ])
    expect(restated.stderr).toBe('')
    expect(JSON.parse(restated.stdout)).toMatchObject({ campaign: 2025, version: 2 })
    const wrongReferential = await cli(['campaign', 'restate', '--referential', 'other@9'])
    // A referential that is neither the default nor an imported version (docs/referentials.md) is refused.
    expect(wrongReferential.stderr).toMatch(/Referential "other@9" is neither the built-in default nor an imported version/)

    // Publish: one page per organisation and the national consolidation.
    const published = join(directory, 'published')
    const publish = await cli(['campaign', 'publish', published, '--json'])
    expect(publish.stderr).toBe('')
    expect((await readdir(published)).sort()).toEqual([
      'index.html',
      'national.json',
      'organisation-001.html',
      'organisation-002.html',
      'organisation-003.html',
    ])
    const national = JSON.parse(await readFile(join(published, 'national.json'), 'utf8'))
    expect(national).toMatchObject({ campaign: 2025, version: 2, unit: 'kgCO2e per year' })
    expect(national.climateKgCo2e).toBeCloseTo(footprint.total.climateKgCo2e, 6)
    // Alpha (13 workstations) and Beta (20) are both in the band under 100 at depth 2: each against the
    // median of the two.
    expect(
      national.organisations.map((row: { code: string; group: string; groupSize: number }) => [
        row.code,
        row.group,
        row.groupSize,
      ]),
    ).toEqual([
      ['Alpha', 'depth 2, under-100', 3],
      ['Beta', 'depth 2, under-100', 3],
      ['Gamma', 'depth 2, under-100', 3],
    ])
    const alphaPage = await readFile(join(published, 'organisation-001.html'), 'utf8')
    expect(alphaPage).toContain('<h1>CNAM &gt; Alpha</h1>')
  })
})
