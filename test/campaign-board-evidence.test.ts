/**
 * The campaign board built from the stored per-organisation evidence (docs/campaigns.md#performance) answers
 * exactly what the board answered when it re-aggregated every asset on each call: the board JSON of this
 * workspace was recorded with that earlier implementation (__snapshots__/campaign-board-*.json) and must not
 * change. A re-upload refreshes only the organisation that changed (plus the duplicate-serial counts it moves
 * elsewhere), and the result equals a rebuild of the whole table.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeCampaignFootprint } from '../src/app/compute-campaign-footprint.js'
import { openWorkspace } from '../src/main.js'
import { runCli } from './support/run-cli.js'

const NOW = Date.UTC(2026, 1, 2, 9, 0)
const silent = { start() {}, advance() {}, stop() {} }

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

describe('campaign board from stored evidence', () => {
  let directory: string
  let workspace: string
  const cli = (argv: string[]) => runCli([...argv, '--workspace', workspace], NOW)
  const file = async (name: string, text: string): Promise<string> => {
    const path = join(directory, name)
    await writeFile(path, text)
    return path
  }
  const board = async (): Promise<string> => {
    const status = await cli(['campaign', 'status', '--campaign', '2025', '--json'])
    expect(status.stderr).toBe('')
    return JSON.stringify(JSON.parse(status.stdout), null, 2) + '\n'
  }

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-board-evidence-'))
    workspace = join(directory, 'workspace')
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('answers the same board as the re-aggregating one, before and after a re-upload', async () => {
    const ok = async (argv: string[]): Promise<void> => {
      const result = await cli(argv)
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
    }
    await ok([
      'import',
      await file('alpha-2024.csv', csv(laptops('A24-', 10))),
      '--organisation',
      'CNAM > Alpha',
      '--campaign',
      '2024',
    ])
    await ok([
      'campaign',
      'open',
      '2025',
      '--perimeter',
      'CNAM',
      '--expect',
      'computers,monitors,phones,purchases',
      '--headcounts',
      await file(
        'headcounts.csv',
        'organisation;headcount;contact\nAlpha;10;alpha@example.org\nBeta;100;beta@example.org\nGamma;50;\nDelta;;delta@example.org\n',
      ),
    ])
    // Alpha: 13 laptops (one serial also in Beta's file), one line with a bad quantity, monitors and phones,
    // a purchase file, and 3 desktops at one of its sites (its subtree).
    await ok([
      'import',
      await file(
        'alpha-computers.csv',
        csv([
          ...laptops('A25-', 12),
          ['laptop', 'Dell', 'Latitude 5420', 'SHARED-1', '1', '2022-03-01'],
          ['laptop', 'Dell', 'Latitude 5420', 'BAD1', '-3', '2022-03-01'],
        ]),
      ),
      '--organisation',
      'Alpha',
      '--campaign',
      '2025',
    ])
    await ok([
      'import',
      await file(
        'alpha-others.csv',
        csv([
          ['monitor', 'Dell', 'P2422H', 'M1', '5', '2021-06-01'],
          ['smartphone', 'Apple', 'iPhone 12', 'P1', '2', '2021-06-01'],
          ['monitor', 'Dell', 'P2422H', 'M2', '1', '2031-06-01'],
        ]),
      ),
      '--organisation',
      'Alpha',
      '--source',
      'others',
      '--campaign',
      '2025',
    ])
    await ok([
      'import',
      join(process.cwd(), 'fixtures/formats/purchases-cp1252.csv'),
      '--format',
      'purchases',
      '--organisation',
      'Alpha',
      '--source',
      'purchases',
      '--campaign',
      '2025',
    ])
    await ok([
      'import',
      await file('alpha-site.csv', csv([['desktop', 'HP', 'EliteDesk 800 G6', 'S1', '3', '2020-01-15']])),
      '--organisation',
      'CNAM > Alpha > Site Lyon',
      '--source',
      'site',
      '--campaign',
      '2025',
    ])
    // Beta: 20 desktops and the laptop whose serial Alpha also lists; Delta: monitors without serials.
    await ok([
      'import',
      await file(
        'beta-computers.csv',
        csv([
          ['desktop', 'HP', 'EliteDesk 800 G6', 'B1', '20', '2020-01-15'],
          ['laptop', 'Dell', 'Latitude 5420', 'SHARED-1', '1', '2022-03-01'],
        ]),
      ),
      '--organisation',
      'Beta',
      '--campaign',
      '2025',
    ])
    await ok([
      'import',
      await file('delta-monitors.csv', csv([['monitor', 'Acme', 'Screen 9', '', '4', '']])),
      '--organisation',
      'Delta',
      '--campaign',
      '2025',
    ])
    await expect(await board()).toMatchFileSnapshot('__snapshots__/campaign-board-1.json')

    // Beta re-uploads its computers without the shared serial: Beta changes, and Alpha's duplicate count too
    // (its own rows did not change).
    await ok([
      'import',
      await file(
        'beta-computers-2.csv',
        csv([['desktop', 'HP', 'EliteDesk 800 G6', 'B1', '18', '2020-01-15']]),
      ),
      '--organisation',
      'Beta',
      '--campaign',
      '2025',
    ])
    {
      // The computation refreshes the counts of the organisations it recomputes, not all 5 of the campaign.
      const opened = await openWorkspace(workspace, { create: false, progress: silent })
      try {
        const deps = opened.deps
        const refresh = deps.campaigns.refreshOrganisationEvidence!
        const refreshed: (readonly number[] | undefined)[] = []
        deps.campaigns.refreshOrganisationEvidence = (campaignId, organisationIds, previous) => {
          refreshed.push(organisationIds)
          return refresh(campaignId, organisationIds, previous)
        }
        const campaign = (await deps.store.findCampaign(2025))!
        const computed = await computeCampaignFootprint(deps, { campaign })
        // Beta's rows, and Alpha's laptop SHARED-1, no longer merged with Beta's.
        expect(computed.recomputedOrganisations).toBe(2)
        expect(refreshed.map((ids) => ids?.length)).toEqual([2])
      } finally {
        await opened.close()
      }
    }
    await ok(['campaign', 'review', 'Alpha', '--validate'])
    const afterReupload = await board()
    await expect(afterReupload).toMatchFileSnapshot('__snapshots__/campaign-board-2.json')

    // Counting every organisation again gives the same board.
    {
      const opened = await openWorkspace(workspace, { create: false, progress: silent })
      try {
        const campaign = (await opened.deps.store.findCampaign(2025))!
        await opened.deps.campaigns.refreshOrganisationEvidence!(campaign.id, undefined, null)
      } finally {
        await opened.close()
      }
    }
    expect(await board()).toBe(afterReupload)
  })

  it('takes the headcount from the NumEcoEval entity records when the headcounts file gives none', async () => {
    workspace = join(directory, 'workspace-entities')
    const ok = async (argv: string[]): Promise<string> => {
      const result = await cli(argv)
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      return result.stdout
    }
    await ok([
      'import',
      await file('alpha.csv', csv(laptops('A', 13))),
      '--organisation',
      'CNAM > Alpha',
      '--campaign',
      '2025',
    ])
    await ok([
      'import',
      await file(
        'beta.csv',
        csv([
          ['desktop', 'HP', 'EliteDesk 800 G6', 'B1', '30', '2020-01-15'],
          ['laptop', 'Dell', 'Latitude 5420', 'B2', '1', '2022-03-01'],
        ]),
      ),
      '--organisation',
      'CNAM > Beta',
      '--campaign',
      '2025',
    ])
    await ok([
      'campaign',
      'open',
      '2025',
      '--perimeter',
      'CNAM',
      '--expect',
      'computers',
      '--headcounts',
      await file('headcounts-2.csv', 'organisation;headcount;contact\nAlpha;10;\nBeta;;\nGamma;;\n'),
    ])
    // The NumEcoEval entity file: Beta's headcount (the name in another case), Alpha's (the headcounts file
    // wins), an entity that is no member.
    const imported = JSON.parse(
      await ok([
        'import',
        await file(
          'entites.csv',
          'nomEntite;nbCollaborateurs;responsableEntite;responsableNumeriqueResponsable\nALPHA;999;A;B\nbeta;100;C;D\nAilleurs;50;E;F\n',
        ),
        '--campaign',
        '2025',
        '--json',
      ]),
    )
    expect(imported.imports[0]).toMatchObject({ format: 'numecoeval-entity', rowsAccepted: 3 })
    const status = JSON.parse(await ok(['campaign', 'status', '--campaign', '2025', '--json']))
    expect(
      status.organisations.map((row: Record<string, unknown>) => [
        row.code,
        row.headcount,
        row.headcountSource,
        row.workstations,
        (row.anomalies as { code: string; message: string }[])
          .filter((anomaly) => anomaly.code === 'workstations-per-employee')
          .map((anomaly) => anomaly.message),
      ]),
    ).toEqual([
      // 13 laptops for 10 employees: 1.3, within 0.8–2.0.
      ['Alpha', 10, 'headcounts-file', 13, []],
      // 31 workstations for the 100 employees of the entity file: 0.31, below 0.8.
      ['Beta', 100, 'entities', 31, ['0.31 workstations per employee (31 for 100 employees)']],
      ['Gamma', null, null, 0, []],
    ])
  })
})
