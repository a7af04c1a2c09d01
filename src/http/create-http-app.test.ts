import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemo } from '../app/build-demo.js'
import { IMPORT_FORMATS, OPERATIONS } from '../app/operations.js'
import type { Progress } from '../app/ports.js'
import type { OpenedWorkspace } from '../cli/cli-io.js'
import { openWorkspace } from '../main.js'
import { API_ROUTES, honoPath } from './api-routes.js'
import { createHttpApp } from './create-http-app.js'
import { createAdministratorToken, withToken } from '../../test/support/api-token.js'
import {
  errorResponse,
  explanationResponse,
  footprintResponse,
  importListResponse,
  importResponse,
  organisationListResponse,
  qualityResponse,
} from './response-schemas.js'

const silent: Progress = { start() {}, advance() {}, stop() {} }
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/e2e/${name}`, import.meta.url))

async function json(response: Response): Promise<unknown> {
  return response.json()
}

describe('createHttpApp on the small demo workspace', () => {
  let directory: string
  let workspace: OpenedWorkspace
  let app: ReturnType<typeof withToken>

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-http-'))
    workspace = await openWorkspace(directory, { create: true, progress: silent })
    await buildDemo(workspace.deps, {
      directory: join(directory, 'demo-files'),
      organisations: 3,
      workstations: 300,
      seed: 42,
    })
    app = withToken(
      createHttpApp(workspace.deps, { uploadDirectory: join(directory, 'uploads') }),
      await createAdministratorToken(workspace.deps),
    )
  })

  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  it('answers GET /api/health with the storage engine', async () => {
    const response = await app.request('/api/health')
    expect(response.status).toBe(200)
    expect(await json(response)).toEqual({ status: 'ok', engine: 'duckdb' })
  })

  it('answers GET /api/footprint by domain and phase with the totals of the whole demo', async () => {
    const response = await app.request('/api/footprint?campaign=2025&by=domain,phase')
    expect(response.status).toBe(200)
    const body = footprintResponse.parse(await json(response))
    // 938 lines = 300 computers + 370 monitors + 234 phones + 20 printers + 14 datacenter servers (seed 42).
    expect(body).toMatchObject({
      campaign: 2025,
      organisation: null,
      assets: 938,
      quantity: 938,
      by: ['domain', 'phase'],
    })
    expect(body.total.climateKgCo2e).toBeCloseTo(47119.291563888604, 6)
    expect(body.breakdown[0]).toMatchObject({
      domain: 'workstations',
      phase: 'manufacturing',
      quantity: 670,
      assets: 670,
    })
    expect(body.breakdown[0]!.climateKgCo2e).toBeCloseTo(30775.108044681012, 6)
    const sum = body.breakdown.reduce((total, row) => total + row.climateKgCo2e, 0)
    expect(sum).toBeCloseTo(body.total.climateKgCo2e, 6)
  })

  it('narrows GET /api/footprint to an organisation named in the query (URL-encoded)', async () => {
    const response = await app.request(
      '/api/footprint?campaign=2025&by=domain&organisation=CPAM%20Rh%C3%B4ne',
    )
    expect(response.status).toBe(200)
    const body = footprintResponse.parse(await json(response))
    expect(body.organisation).toBe('CNAM > CPAM Rhône')
    expect(body.assets).toBe(643)
    expect(body.breakdown.map((row) => [row.domain, row.quantity])).toEqual([
      ['workstations', 467],
      ['telephony', 162],
      ['printing', 14],
    ])
  })

  it('answers GET /api/quality with per-source counts', async () => {
    const response = await app.request('/api/quality?campaign=2025&sample=0')
    expect(response.status).toBe(200)
    const body = qualityResponse.parse(await json(response))
    expect(body.sources.map((source) => [source.fileName, source.rowsRead, source.rowsAccepted])).toEqual([
      ['numecoeval-datacenters.csv', 2, 2],
      ['glpi-ordinateurs.csv', 300, 300],
      ['glpi-moniteurs.csv', 370, 370],
      ['glpi-telephones.csv', 234, 234],
      ['glpi-imprimantes.csv', 20, 20],
      ['numecoeval-equipements-physiques.csv', 14, 14],
      ['telemetrie-postes.csv', 2100, 2100],
    ])
    // 2 + 300 + 370 + 234 + 20 + 14 + 2100 = 3040
    expect(body.totals).toEqual({ rowsRead: 3040, rowsAccepted: 3040, rowsQuarantined: 0, rowsImputed: 0 })
    expect(body.quarantineSample).toEqual([])
  })

  it('answers GET /api/assets/:key/explanation with the trace of the asset named by host name', async () => {
    const response = await app.request('/api/assets/PC-75-000001/explanation')
    expect(response.status).toBe(200)
    const body = explanationResponse.parse(await json(response))
    expect(body.campaign).toBe(2025)
    expect(body.asset).toMatchObject({ id: 1, category: 'desktop', hostname: 'PC-75-000001', quantity: 1 })
    expect(body.footprint).toMatchObject({ referenceItemId: 'ademe-desktop-pro', lifetimeYears: 2.2 })
    // 203 kgCO2e manufacturing of the ADEME desktop / 2.2 years of life = 92.2727…
    expect(body.footprint.impacts['climate-change']!['manufacturing']).toBeCloseTo(92.27272727272727, 9)
    expect(body.trace.defaultsAssumed).toHaveLength(3)
  })

  it('pages GET /api/imports with limit and offset', async () => {
    const response = await app.request('/api/imports?campaign=2025&limit=2&offset=1')
    expect(response.status).toBe(200)
    const body = importListResponse.parse(await json(response))
    expect({ ...body, items: body.items.map((item) => [item.id, item.fileName, item.rowsRead]) }).toEqual({
      campaign: 2025,
      items: [
        [2, 'glpi-ordinateurs.csv', 300],
        [3, 'glpi-moniteurs.csv', 370],
      ],
      total: 7,
      limit: 2,
      offset: 1,
    })
    const all = importListResponse.parse(await json(await app.request('/api/imports')))
    expect([all.items.length, all.total, all.limit, all.offset]).toEqual([7, 7, 100, 0])
  })

  it('lists GET /api/organisations as a depth-first tree, paged', async () => {
    const all = organisationListResponse.parse(await json(await app.request('/api/organisations')))
    expect(all.total).toBe(12)
    expect(all.items[0]).toEqual({
      path: 'CNAM',
      name: 'CNAM',
      parent: null,
      depth: 0,
      assets: 14,
      totalAssets: 938,
      children: 3,
    })
    const response = await app.request('/api/organisations?limit=2&offset=3')
    expect(response.status).toBe(200)
    expect(await json(response)).toEqual({
      campaign: 2025,
      items: [
        {
          path: 'CNAM > CARSAT Bretagne > Site Rennes 2',
          name: 'Site Rennes 2',
          parent: 'CNAM > CARSAT Bretagne',
          depth: 2,
          assets: 59,
          totalAssets: 59,
          children: 0,
        },
        {
          path: 'CNAM > CPAM Paris',
          name: 'CPAM Paris',
          parent: 'CNAM',
          depth: 1,
          assets: 0,
          totalAssets: 95,
          children: 2,
        },
      ],
      total: 12,
      limit: 2,
      offset: 3,
    })
  })

  it('reports every problem of a request at once with 400, under the names the client used', async () => {
    const response = await app.request('/api/footprint?campaign=abc&by=domain,colour&colour=red')
    expect(response.status).toBe(400)
    const body = errorResponse.parse(await json(response))
    expect(body.error.code).toBe('invalid_request')
    expect(body.error.issues).toEqual([
      { path: 'colour', message: 'Unknown parameter; this route takes: campaign, by, organisation, view' },
      { path: 'campaign', message: 'Invalid input: expected number, received string' },
      {
        path: 'by.1',
        message:
          'Invalid option: expected one of "organisation"|"domain"|"category"|"phase"|"site"|"criterion"|"ghg-scope"',
      },
    ])
    const paging = await app.request('/api/imports?limit=0&offset=-1&campaign=1800')
    expect(paging.status).toBe(400)
    expect(errorResponse.parse(await json(paging)).error.issues?.map((issue) => issue.path)).toEqual([
      'campaign',
      'limit',
      'offset',
    ])
  })

  it('answers 404 for an unknown asset, campaign, organisation or route, and 405 for a wrong method', async () => {
    const cases: [string, string, string][] = [
      [
        '/api/assets/NO-SUCH-HOST/explanation',
        'not_found',
        'No asset "NO-SUCH-HOST" in campaign 2025 (give its id, serial number or host name).',
      ],
      ['/api/footprint?campaign=2019', 'no_campaign', 'This workspace has no campaign 2019.'],
      [
        '/api/footprint?organisation=Atlantis',
        'not_found',
        'No organisation named "Atlantis" in this workspace.',
      ],
      ['/api/nothing-here', 'route_not_found', 'No route GET /api/nothing-here; see /api/docs.'],
    ]
    for (const [url, code, message] of cases) {
      const response = await app.request(url)
      expect([url, response.status, await json(response)]).toEqual([url, 404, { error: { code, message } }])
    }
    const wrongMethod = await app.request('/api/imports', { method: 'DELETE' })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST')
  })

  it('answers 404 as JSON for unknown paths when no dashboard is served', async () => {
    const response = await app.request('/campaigns/2025')
    expect(response.status).toBe(404)
    expect(await json(response)).toEqual({
      error: { code: 'route_not_found', message: 'No route GET /campaigns/2025; see /api/docs.' },
    })
  })

  it('describes every route in GET /api/openapi.json', async () => {
    const response = await app.request('/api/openapi.json')
    expect(response.status).toBe(200)
    const document = (await json(response)) as {
      openapi: string
      paths: Record<
        string,
        Record<string, { operationId: string; parameters: { name: string; schema: unknown }[] }>
      >
    }
    expect(document.openapi).toBe('3.1.0')
    const described = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${honoPath(path)}`),
    )
    // The access guard is middleware (ALL /api/*), not a route.
    const registered = app.routes
      .filter((route) => route.path !== '/*' && route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path}`)
    expect(described.sort()).toEqual([...new Set(registered)].sort())
    expect(described.sort()).toEqual(
      [
        'GET /api/health',
        'GET /api/footprint',
        'GET /api/quality',
        'GET /api/assets/:key/explanation',
        'GET /api/imports',
        'GET /api/imports/:id/quarantine',
        'POST /api/imports',
        'GET /api/organisations',
        'POST /api/reconciliation',
        'GET /api/simulation',
        'GET /api/trajectory',
        'GET /api/mapping/proposals',
        'POST /api/mapping/rules',
        'GET /api/exports/:table',
        'GET /api/reports/organisations/:organisation',
        'POST /api/services/estimate',
        'GET /api/projects',
        'POST /api/projects',
        'GET /api/projects/:name/gate',
        'POST /api/projects/:name/estimates',
        'POST /api/projects/:name/phase',
        'GET /api/projects/:name/rgesn',
        'POST /api/projects/:name/rgesn/answers',
        'GET /api/scenarios',
        'POST /api/scenarios',
        'GET /api/scenarios/comparison',
        'DELETE /api/scenarios/:name',
        'GET /api/actions',
        'POST /api/actions',
        'GET /api/actions/progress',
        'POST /api/actions/:id',
        'GET /api/tariffs',
        'POST /api/tariffs',
        'GET /api/referentials',
        'POST /api/referentials',
        'GET /api/referentials/diff',
        'POST /api/referentials/:version/use',
        'GET /api/footprint/applications',
        'GET /api/virtual-equipment/:name/explanation',
        'GET /api/applications/:name/explanation',
        'GET /api/openapi.json',
        'GET /api/docs',
        'POST /api/session',
        'GET /api/session',
        'DELETE /api/session',
        'GET /api/users',
        'POST /api/users',
        'POST /api/users/:login/disable',
        'GET /api/tokens',
        'POST /api/tokens',
        'DELETE /api/tokens/:id',
        'GET /api/audit',
        'GET /api/footprint/diff',
        'GET /api/electricity-overrides',
        'POST /api/electricity-overrides',
        'DELETE /api/electricity-overrides/:id',
        'POST /api/campaigns',
        'GET /api/campaigns/:year/status',
        'POST /api/campaigns/:year/reviews',
        'POST /api/campaigns/:year/close',
        'POST /api/campaigns/:year/restatements',
      ].sort(),
    )
    const operationIds = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    )
    // Every operation has a route, but two that act on the server's own machine: publishing writes report files
    // into a server folder, reminding sends mail through an SMTP server named by the caller (CLI only, by design).
    const cliOnly = ['campaign.publish', 'campaign.remind']
    for (const id of Object.keys(OPERATIONS).filter((id) => !cliOnly.includes(id)))
      expect(operationIds).toContain(id)
    for (const id of cliOnly) expect(operationIds).not.toContain(id)
    expect(
      document.paths['/api/footprint']!['get']!.parameters.find((parameter) => parameter.name === 'by'),
    ).toEqual({
      name: 'by',
      in: 'query',
      required: false,
      description:
        'Comma-separated dimensions: organisation, domain, category, phase, site, criterion, ghg-scope.',
      style: 'form',
      explode: false,
      schema: {
        default: [],
        type: 'array',
        items: {
          type: 'string',
          enum: ['organisation', 'domain', 'category', 'phase', 'site', 'criterion', 'ghg-scope'],
        },
      },
    })
    expect(
      document.paths['/api/imports']!['get']!.parameters.find((parameter) => parameter.name === 'campaign')!
        .schema,
    ).toEqual({
      type: 'integer',
      minimum: 1990,
      maximum: 2100,
    })
    const upload = (
      document.paths['/api/imports']!['post'] as unknown as {
        requestBody: {
          content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }>
        }
      }
    ).requestBody.content['multipart/form-data']!.schema
    expect(Object.keys(upload.properties)).toEqual([
      'file',
      'format',
      'organisation',
      'campaign',
      'category',
      'usageDurationUnit',
      'loadUnit',
    ])
    expect(upload.required).toEqual(['file'])
  })

  it('serves GET /api/docs as a self-contained page listing each operation', async () => {
    const response = await app.request('/api/docs')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    )
    const page = await response.text()
    for (const route of API_ROUTES) expect(page).toContain(`<code>${route.path}</code>`)
    expect(page).not.toMatch(/<script|<link|@import|(src|href)="(https?:)?\/\//)
  })
})

describe('createHttpApp uploads (POST /api/imports)', () => {
  let directory: string
  let uploads: string
  let workspace: OpenedWorkspace
  let app: ReturnType<typeof withToken>

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-http-upload-'))
    uploads = join(directory, 'uploads')
    workspace = await openWorkspace(directory, { create: true, progress: silent })
    // No campaign yet: the first import lands in last year's campaign, last year taken from this clock.
    app = withToken(
      createHttpApp(workspace.deps, { uploadDirectory: uploads, now: () => Date.UTC(2026, 2, 15) }),
      await createAdministratorToken(workspace.deps),
    )
  })

  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  const upload = async (name: string, content: Uint8Array | string, fields: Record<string, string> = {}) => {
    const form = new FormData()
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name)
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    return app.request('/api/imports', { method: 'POST', body: form })
  }

  it('imports an uploaded GLPI export and answers like `empreinte import --json`', async () => {
    const response = await upload('glpi-parc.csv', await readFile(fixture('glpi-parc.csv')))
    expect(response.status).toBe(201)
    const body = importResponse.parse(await json(response))
    expect(body.campaign).toBe(2025)
    expect(body.imports).toHaveLength(1)
    expect(body.imports[0]).toMatchObject({
      file: 'glpi-parc.csv',
      format: 'glpi',
      kind: 'assets',
      encoding: 'windows-1252',
      delimiter: ';',
      headerLine: 3,
      rowsRead: 9,
      rowsAccepted: 7,
      rowsQuarantined: 2,
      rowsImputed: 0,
      isAlreadyImported: false,
      unknownColumns: [],
      assumptions: [
        'no quantity column: each row counts 1 unit',
        'no country column: every row is used in FR',
      ],
    })
    expect(body.imports[0]!.findings.map((finding) => [finding.line, finding.code])).toEqual([
      [6, 'invalid_date'],
      [7, 'unknown_category'],
    ])
    const listed = importListResponse.parse(await json(await app.request('/api/imports')))
    expect(listed.items.map((item) => [item.fileName, item.rowsAccepted])).toEqual([['glpi-parc.csv', 7]])
    // The temporary copy is gone once imported.
    expect(await readdir(uploads)).toEqual([])
  })

  it('recognises the same file uploaded twice', async () => {
    const response = await upload('glpi-parc.csv', await readFile(fixture('glpi-parc.csv')), {
      campaign: '2025',
    })
    expect(response.status).toBe(201)
    expect(importResponse.parse(await json(response)).imports[0]).toMatchObject({
      isAlreadyImported: true,
      rowsRead: 9,
    })
  })

  it('keeps only the base name of a file name that tries to leave the upload folder', async () => {
    const content =
      (await readFile(fixture('glpi-parc.csv'), 'latin1')) +
      'PC-69-0099;CNAM > CPAM Rhône > Site Lyon 3;En service;DELL;OptiPlex 7090;Ordinateur fixe;ZZZ999;;01/01/2022;;\r\n'
    const response = await upload('../../evil\\..\\glpi-parc-2.csv', Buffer.from(content, 'latin1'))
    expect(response.status).toBe(201)
    const body = importResponse.parse(await json(response))
    expect(body.imports[0]).toMatchObject({
      file: 'glpi-parc-2.csv',
      rowsRead: 10,
      rowsAccepted: 8,
      isAlreadyImported: false,
    })
    const listed = importListResponse.parse(await json(await app.request('/api/imports')))
    expect(listed.items.map((item) => item.fileName)).toEqual(['glpi-parc.csv', 'glpi-parc-2.csv'])
    // Nothing was written beside the upload folder, and the upload folder is empty again.
    expect((await readdir(directory)).filter((name) => !name.startsWith('workspace.duckdb'))).toEqual([
      'uploads',
    ])
    expect(await readdir(uploads)).toEqual([])
  })

  it('refuses an upload over the limit with 413, from Content-Length or while streaming', async () => {
    const limited = withToken(
      createHttpApp(workspace.deps, { uploadDirectory: uploads, maxUploadBytes: 1024 }),
      await createAdministratorToken(workspace.deps),
    )
    const expected = {
      error: {
        code: 'payload_too_large',
        message:
          "The upload is larger than the limit of 1 KiB; split the file or raise the server's upload limit.",
      },
    }
    const form = new FormData()
    form.append('file', new Blob([await readFile(fixture('glpi-parc.csv'))]), 'glpi-parc.csv')
    const declared = await limited.request('/api/imports', { method: 'POST', body: form })
    expect([declared.status, await json(declared)]).toEqual([413, expected])
    // Chunked: no Content-Length, so the limit is found while reading.
    const boundary = 'test-boundary-413'
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`
    const chunks = [head, ...Array.from({ length: 8 }, () => 'x'.repeat(512)), `\r\n--${boundary}--\r\n`]
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift()
        if (next === undefined) controller.close()
        else controller.enqueue(new TextEncoder().encode(next))
      },
    })
    const streamed = await limited.request('/api/imports', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      duplex: 'half',
    } as RequestInit)
    expect([streamed.status, await json(streamed)]).toEqual([413, expected])
    expect(await readdir(uploads)).toEqual([])
  })

  it('reports a missing file and bad fields at once with 400', async () => {
    const form = new FormData()
    form.append('format', 'excel')
    form.append('campaign', 'last')
    form.append('colour', 'red')
    const response = await app.request('/api/imports', { method: 'POST', body: form })
    expect(response.status).toBe(400)
    expect(errorResponse.parse(await json(response)).error.issues).toEqual([
      {
        path: 'colour',
        message:
          'Unknown parameter; this route takes: file, format, organisation, campaign, category, usageDurationUnit, loadUnit',
      },
      { path: 'file', message: 'Give at least one file to import' },
      {
        path: 'format',
        // The list grows with the format profiles: auto, then every profile, then telemetry.
        message: `Invalid option: expected one of ${IMPORT_FORMATS.map((format) => `"${format}"`).join('|')}`,
      },
      { path: 'campaign', message: 'Invalid input: expected number, received string' },
    ])
  })

  it('answers 415 for a body that is not multipart', async () => {
    const response = await app.request('/api/imports', {
      method: 'POST',
      body: JSON.stringify({ file: 'x' }),
      headers: { 'content-type': 'application/json' },
    })
    expect([response.status, errorResponse.parse(await json(response)).error.code]).toEqual([
      415,
      'unsupported_media_type',
    ])
  })

  it('answers 422 for a file that cannot be imported (unknown header, empty file)', async () => {
    const unknown = await upload('unknown-header.csv', await readFile(fixture('unknown-header.csv')))
    expect([unknown.status, errorResponse.parse(await json(unknown)).error.code]).toEqual([
      422,
      'unknown_format',
    ])
    const empty = await upload('vide.csv', '')
    expect([empty.status, await json(empty)]).toEqual([
      422,
      { error: { code: 'empty_file', message: 'vide.csv: the file is empty, nothing to import.' } },
    ])
    expect(await readdir(uploads)).toEqual([])
  })
})

describe('createHttpApp errors', () => {
  it('logs an unexpected error once and answers a bare 500', async () => {
    const workspace = await openWorkspace(':memory:', { create: true, progress: silent })
    const token = await createAdministratorToken(workspace.deps)
    await workspace.close()
    const logged: string[] = []
    const app = withToken(
      createHttpApp(workspace.deps, {
        logger: (message, error) => logged.push(`${message}: ${String(error)}`),
      }),
      token,
    )
    const response = await app.request('/api/imports')
    expect(response.status).toBe(500)
    expect(await json(response)).toEqual({ error: { code: 'internal', message: 'Internal error' } })
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/^empreinte: unexpected error while answering a request: Error: /)
  })
})

describe('createHttpApp static dashboard', () => {
  let directory: string
  let workspace: OpenedWorkspace
  let app: Hono

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-http-static-'))
    const web = join(directory, 'web')
    await mkdir(join(web, 'assets'), { recursive: true })
    await writeFile(join(web, 'index.html'), '<!doctype html><title>empreinte</title>')
    await writeFile(join(web, 'assets', 'app-1a2b.js'), 'console.log(1)')
    await writeFile(join(web, 'logo.svg'), '<svg/>')
    await writeFile(join(directory, 'secret.txt'), 'do not serve')
    workspace = await openWorkspace(':memory:', { create: true, progress: silent })
    app = createHttpApp(workspace.deps, { staticDirectory: web })
  })

  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  it('serves files with their content type, and index.html for page paths', async () => {
    const cases: [string, number, string, string][] = [
      ['/', 200, 'text/html; charset=utf-8', '<!doctype html><title>empreinte</title>'],
      ['/assets/app-1a2b.js', 200, 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['/logo.svg', 200, 'image/svg+xml', '<svg/>'],
      [
        '/campaigns/2025/organisations',
        200,
        'text/html; charset=utf-8',
        '<!doctype html><title>empreinte</title>',
      ],
    ]
    for (const [url, status, type, text] of cases) {
      const response = await app.request(url)
      expect([url, response.status, response.headers.get('content-type'), await response.text()]).toEqual([
        url,
        status,
        type,
        text,
      ])
    }
    const hashed = await app.request('/assets/app-1a2b.js')
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const head = await app.request('/', { method: 'HEAD' })
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '39', ''])
  })

  it('answers 404 for a missing asset file and keeps /api answers as JSON', async () => {
    const missing = await app.request('/assets/missing.js')
    expect([missing.status, errorResponse.parse(await json(missing)).error.code]).toEqual([
      404,
      'route_not_found',
    ])
    const api = await app.request('/api/nothing')
    expect([api.status, errorResponse.parse(await json(api)).error.code]).toEqual([404, 'route_not_found'])
  })

  it('refuses paths that would leave the folder', async () => {
    for (const url of [
      '/..%2fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/.env',
    ]) {
      const response = await app.request(url)
      expect([url, response.status, await json(response)]).toEqual([
        url,
        403,
        { error: { code: 'forbidden_path', message: 'This path is not allowed.' } },
      ])
    }
    // A literal "/../" is resolved by URL parsing before routing: it can only reach files inside the folder.
    const resolved = await app.request('/../secret.txt')
    expect(resolved.status).toBe(404)
    expect(await resolved.text()).not.toContain('do not serve')
  })
})
