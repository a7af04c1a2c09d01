import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATIONS } from '../app/operations.js'
import type { Progress } from '../app/ports.js'
import type { OpenedWorkspace } from '../cli/cli-io.js'
import { openWorkspace } from '../main.js'
import { addAdministrator, signInHeaders } from '../../test/support/sign-in.js'
import { createHttpApp } from './create-http-app.js'
import {
  errorResponse,
  mappingProposalsResponse,
  mappingRuleResponse,
  scenarioResponse,
  trajectoryResponse,
} from './response-schemas.js'

const silent: Progress = { start() {}, advance() {}, stop() {} }
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/e2e/${name}`, import.meta.url))

/** A GLPI file whose entity and model are formula-injection attempts. */
const HOSTILE_FILE =
  'Nom;Entité;Statut;Fabricant;Modèle;Type;Numéro de série;Lieu;Date d\'achat\r\n' +
  'PC-X-1;"=HYPERLINK(""http://evil/"";""clic"")";En service;Dell;@SUM(A1);Ordinateur portable;SN-X-1;B;15/03/2021\r\n'

describe('dashboard routes on a workspace holding the GLPI fixture', () => {
  let directory: string
  let workspace: OpenedWorkspace
  let app: Hono
  let headers: Record<string, string>
  /** A request as the signed-in administrator. */
  const call = (path: string, init: RequestInit = {}): Promise<Response> =>
    Promise.resolve(app.request(path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } }))

  const upload = async (path: string, name: string): Promise<Response> => {
    const form = new FormData()
    form.append('file', new Blob([await readFile(path)]), name)
    form.append('campaign', '2025')
    return call('/api/imports', { method: 'POST', body: form })
  }

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-dashboard-routes-'))
    workspace = await openWorkspace(directory, { create: true, progress: silent })
    app = createHttpApp(workspace.deps, { uploadDirectory: join(directory, 'uploads') })
    await addAdministrator(workspace.deps)
    headers = await signInHeaders(app)
    expect((await upload(fixture('glpi-parc.csv'), 'glpi-parc.csv')).status).toBe(201)
    await writeFile(join(directory, 'hostile.csv'), HOSTILE_FILE)
    expect((await upload(join(directory, 'hostile.csv'), 'hostile.csv')).status).toBe(201)
  })

  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  it('GET /api/simulation runs the levers given as repeated parameters, as the use case does', async () => {
    const levers = ['lifetime-extension:years=2,categories=laptop+desktop', 'power-off:policy=nights-weekends']
    const query = levers.map((lever) => `lever=${encodeURIComponent(lever)}`).join('&')
    const response = await call(`/api/simulation?campaign=2025&${query}`)
    expect(response.status).toBe(200)
    const body = scenarioResponse.parse(await response.json())
    const direct = await OPERATIONS['scenario.simulate'](workspace.deps, {
      campaignYear: 2025,
      levers,
      organisation: null,
      groupDepth: 2,
    })
    expect(body).toEqual(JSON.parse(JSON.stringify(direct)))
    expect(body.levers).toEqual(levers)
    // Each lever's text is completed with its defaults: power-off names its target hours and categories.
    expect(body.byLever.map((effect) => effect.text)).toEqual([
      'lifetime-extension:years=2,categories=laptop+desktop',
      'power-off:policy=nights-weekends,targetHours=2860,categories=laptop+desktop+thin-client+monitor',
    ])
    // The scenario is the baseline minus the saving, whatever the levers did.
    expect(body.scenario.climateKgCo2e).toBeCloseTo(body.baseline.climateKgCo2e - body.savings.climateKgCo2e, 9)
    expect(body.savings.climateKgCo2e).toBeGreaterThan(0)
  })

  it('GET /api/simulation without a lever answers 400 naming the parameter', async () => {
    const response = await call('/api/simulation?campaign=2025')
    expect(response.status).toBe(400)
    const body = errorResponse.parse(await response.json())
    expect(body.error.issues).toEqual([{ path: 'lever', message: 'Give at least one lever' }])
  })

  it('GET /api/trajectory projects each year from the campaign to `to`, with the target checked', async () => {
    const response = await call(
      '/api/trajectory?campaign=2025&to=2030&target=30&lever=' +
        encodeURIComponent('lifetime-extension:years=2,categories=laptop+desktop'),
    )
    expect(response.status).toBe(200)
    const body = trajectoryResponse.parse(await response.json())
    // 2025 to 2030 inclusive: 6 years.
    expect(body.baseline.map((year) => year.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030])
    expect(body.scenario).toHaveLength(6)
    expect(body.target).not.toBeNull()
    const lastSaving = body.savings[body.savings.length - 1]!
    expect(body.cumulative.amortisedTCo2e).toBeCloseTo(lastSaving.cumulativeAmortisedTCo2e, 9)
  })

  it('GET /api/mapping/proposals lists the unresolved models; POST /api/mapping/rules accepts one', async () => {
    const before = mappingProposalsResponse.parse(
      await (await call('/api/mapping/proposals?campaign=2025&limit=50')).json(),
    )
    expect(before.proposals.length).toBeGreaterThan(0)
    const chosen = before.proposals[0]!
    const item = chosen.suggestion?.itemId ?? chosen.currentItem
    const saved = await call(
      `/api/mapping/rules?pattern=${encodeURIComponent(chosen.pattern)}&item=${encodeURIComponent(item)}`,
      { method: 'POST' },
    )
    expect(saved.status).toBe(200)
    const rule = mappingRuleResponse.parse(await saved.json())
    expect(rule).toMatchObject({ isNew: true, rule: { pattern: chosen.pattern } })
    const after = mappingProposalsResponse.parse(
      await (await call('/api/mapping/proposals?campaign=2025&limit=50')).json(),
    )
    expect(after.proposals.map((proposal) => proposal.pattern)).not.toContain(chosen.pattern)
    // The accepted rule's units left the unresolved count.
    expect(after.unresolvedAssets).toBe(before.unresolvedAssets - chosen.assets)
  })

  it('GET /api/exports/organisations?format=csv downloads the tree with formula text neutralised', async () => {
    const response = await call('/api/exports/organisations?campaign=2025&format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="empreinte-organisations-2025.csv"',
    )
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
    expect(text.startsWith('\uFEFFpath;name;parent;depth;assets (lines);assets below (lines);children\r\n')).toBe(
      true,
    )
    const lines = text.split('\r\n')
    // The hostile entity becomes a root organisation; its text starts with an apostrophe in every cell.
    const hostile = lines.find((line) => line.includes('HYPERLINK'))!
    expect(hostile).toBe(`"'=HYPERLINK(""http://evil/"";""clic"")";"'=HYPERLINK(""http://evil/"";""clic"")";;0;1;1;0`)
    expect(lines.every((line) => !/(^|;)"?[=+@]/.test(line))).toBe(true)
  })

  it('GET /api/exports/footprint?format=xlsx downloads a workbook whose rows match GET /api/footprint', async () => {
    const response = await call('/api/exports/footprint?campaign=2025&format=xlsx')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    // A ZIP archive starts with the local file header signature "PK\3\4".
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
  })

  it('GET /api/exports/{table} refuses an unknown table with 400', async () => {
    const response = await call('/api/exports/passwords?format=csv')
    expect(response.status).toBe(400)
    const body = errorResponse.parse(await response.json())
    expect(body.error.issues?.[0]?.path).toBe('table')
  })

  it('GET /api/reports/organisations/{organisation} renders the printable report with the API total', async () => {
    const organisation = 'CNAM > CPAM Rhône'
    const footprint = (await (
      await call(`/api/footprint?campaign=2025&organisation=${encodeURIComponent(organisation)}`)
    ).json()) as { total: { climateKgCo2e: number } }
    const response = await call(`/api/reports/organisations/${encodeURIComponent(organisation)}?campaign=2025`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    const html = await response.text()
    expect(html).toContain('<title>Footprint report — CNAM &#62; CPAM Rhône — 2025</title>')
    const tonnes = (footprint.total.climateKgCo2e / 1000).toLocaleString('en-GB', {
      maximumFractionDigits: 1,
      minimumFractionDigits: 1,
    })
    expect(html).toContain(`<p class="total" data-figure="total">${tonnes} tCO2e per year</p>`)
    expect(html).not.toContain('<script')
  })

  it('GET /api/reports/organisations/{organisation} answers 404 for an unknown organisation', async () => {
    const response = await call('/api/reports/organisations/Nowhere?campaign=2025')
    expect(response.status).toBe(404)
  })
})
