/**
 * Access control and security of the HTTP API (docs/access-control.md), on a two-organisation workspace.
 * Every /api route is enumerated from the app itself (Hono's route table), so a route added later without an
 * access rule fails the first test, and every route is tried by an outsider, a viewer, an expired session and
 * a forged CSRF token.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { importFiles } from '../src/app/import-files.js'
import type { Deps, Progress } from '../src/app/ports.js'
import { createApiToken, createUser, revokeApiToken } from '../src/app/users.js'
import type { OpenedWorkspace } from '../src/cli/cli-io.js'
import { createHttpApp } from '../src/http/create-http-app.js'
import { accessRuleOf, openApiPath, type RouteAccess } from '../src/http/route-access.js'
import { openWorkspace } from '../src/main.js'

const silent: Progress = { start() {}, advance() {}, stop() {} }
const T0 = Date.UTC(2026, 2, 15, 9, 0, 0)
const PASSWORD = 'correct horse battery staple'
const ALPHA = 'CNAM > CPAM Alpha'
const BETA = 'CNAM > CPAM Beta'

// 3 rows in Alpha, 2 in Beta (GLPI format: Nom;Entité;Statut;Fabricant;Modèle;Type;Numéro de série…).
const GLPI_HEADER =
  "Nom;Entité;Statut;Fabricant;Modèle;Type;Numéro de série;Lieu;Date d'achat;Date de réforme;Utilisateur"
const INVENTORY = [
  GLPI_HEADER,
  `ALPHA-PC-1;${ALPHA};En service;Dell;Latitude 5420;Ordinateur portable;ALPHASN1;Lyon;15/03/2021;;`,
  `ALPHA-PC-2;${ALPHA};En service;Dell;Latitude 5420;Ordinateur portable;ALPHASN2;Lyon;15/03/2021;;`,
  `ALPHA-SCR-1;${ALPHA} > Site Nord;En service;Dell;P2419H;Écran;ALPHASN3;Lyon;15/03/2021;;`,
  `BETA-PC-1;${BETA};En service;Lenovo;ThinkPad T14;Ordinateur portable;BETASN1;Nantes;01/06/2022;;`,
  `BETA-PC-2;${BETA};En service;Lenovo;ThinkPad T14;Ordinateur portable;BETASN2;Nantes;01/06/2022;;`,
].join('\n')

type Principal = 'admin' | 'analyst' | 'alpha' | 'beta' | 'viewer'

/** Sample values for path parameters, all pointing at Alpha's data (the outsider is Beta's contributor). */
const PATH_SAMPLES: Record<string, string> = {
  key: 'ALPHA-PC-1',
  organisation: ALPHA,
  login: 'alpha',
  id: '1',
  table: 'assets',
}

describe('access control of every /api route', () => {
  let directory: string
  let workspace: OpenedWorkspace
  let deps: Deps
  let app: Hono
  let clock = T0
  const tokens = {} as Record<Principal, string>
  const logged: string[] = []

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-access-'))
    workspace = await openWorkspace(join(directory, 'workspace'), { create: true, progress: silent })
    deps = workspace.deps
    const file = join(directory, 'parc.csv')
    await writeFile(file, INVENTORY)
    await importFiles(deps, {
      files: [{ path: file, label: 'parc.csv' }],
      format: 'auto',
      organisation: null,
      campaignYear: 2025,
      category: null,
      defaultCampaignYear: 2025,
    })
    const users: [Principal, 'administrator' | 'analyst' | 'contributor' | 'viewer', string | null][] = [
      ['admin', 'administrator', null],
      ['analyst', 'analyst', null],
      ['alpha', 'contributor', ALPHA],
      ['beta', 'contributor', BETA],
      ['viewer', 'viewer', BETA],
    ]
    for (const [login, role, organisation] of users) {
      await createUser(deps, { login, displayName: null, role, organisation, password: PASSWORD, nowMs: T0 })
      tokens[login] = (await createApiToken(deps, { login, name: 'tests', expiresDays: 30, nowMs: T0 })).token
    }
    app = createHttpApp(deps, {
      uploadDirectory: join(directory, 'uploads'),
      now: () => clock,
      logger: (message, error) => logged.push(`${message} ${String(error)}`),
    })
  })

  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  /** Every route Hono has registered under /api (middleware and the catch-all excluded). */
  const registeredRoutes = (): { method: string; path: string; rule: RouteAccess | null }[] => {
    const seen = new Set<string>()
    return app.routes
      .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
      .map((route) => ({
        method: route.method,
        path: route.path,
        rule: accessRuleOf(route.method, route.path),
      }))
      .filter(
        (route) => !seen.has(`${route.method} ${route.path}`) && seen.add(`${route.method} ${route.path}`),
      )
  }
  const protectedRoutes = () => registeredRoutes().filter((route) => route.rule?.permission !== null)

  const urlOf = (route: { path: string; rule: RouteAccess | null }, organisation = ALPHA): string => {
    let url = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
      encodeURIComponent(name === 'organisation' ? organisation : (PATH_SAMPLES[name] ?? 'x')),
    )
    const scope = route.rule?.scope
    if (scope?.kind === 'organisation' && scope.in === 'query') {
      url += `?${scope.name}=${encodeURIComponent(organisation)}`
    }
    return url
  }

  const bodyOf = (
    route: { method: string; path: string; rule: RouteAccess | null },
    organisation = ALPHA,
  ) => {
    if (route.method === 'GET' || route.method === 'DELETE') return {}
    if (route.path === '/api/imports') {
      const form = new FormData()
      form.append('file', new File([INVENTORY.split('\n').slice(0, 2).join('\n')], 'other.csv'))
      form.append('organisation', organisation)
      return { body: form }
    }
    const scope = route.rule?.scope
    const json =
      route.path === '/api/tokens'
        ? { name: 'probe' }
        : scope?.kind === 'organisation' && scope.in === 'body'
          ? { [scope.name]: organisation }
          : {}
    return { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } }
  }

  const call = (
    route: { method: string; path: string; rule: RouteAccess | null },
    headers: Record<string, string>,
    organisation = ALPHA,
  ) => {
    const init = bodyOf(route, organisation) as { body?: BodyInit; headers?: Record<string, string> }
    return app.request(urlOf(route, organisation), {
      method: route.method,
      ...(init.body === undefined ? {} : { body: init.body }),
      headers: { ...init.headers, ...headers },
    })
  }
  const bearer = (who: Principal) => ({ authorization: `Bearer ${tokens[who]}` })

  async function signIn(login: Principal): Promise<{ cookie: string; csrf: string }> {
    const response = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: PASSWORD }),
    })
    expect(response.status).toBe(201)
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(
      /^empreinte_session=[A-Za-z0-9_-]{43}; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/,
    )
    const body = (await response.json()) as { csrfToken: string }
    return { cookie: setCookie.split(';')[0]!, csrf: body.csrfToken }
  }

  it('declares an access rule for every route registered under /api and every route of the API description', async () => {
    const routes = registeredRoutes()
    expect(routes.length).toBeGreaterThanOrEqual(20)
    expect(
      routes.filter((route) => route.rule === null).map((route) => `${route.method} ${route.path}`),
    ).toEqual([])
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const undocumented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => accessRuleOf(method, path) === null)
        .map((method) => `${method} ${path}`),
    )
    expect(undocumented).toEqual([])
  })

  it('answers 401 to an anonymous caller on every route but health, description, docs and sign-in', async () => {
    const open = registeredRoutes().filter((route) => route.rule?.permission === null)
    expect(open.map((route) => `${route.method} ${openApiPath(route.path)}`).sort()).toEqual([
      'GET /api/docs',
      'GET /api/health',
      'GET /api/openapi.json',
      'POST /api/session',
    ])
    for (const route of protectedRoutes()) {
      const response = await call(route, {})
      expect(response.status, `${route.method} ${route.path}`).toBe(401)
    }
  })

  it("refuses Beta's contributor every route aimed at Alpha's data (404 for named data, 403 for writes and whole-workspace routes)", async () => {
    for (const route of protectedRoutes()) {
      const response = await call(route, bearer('beta'))
      const text = await response.text()
      const scope = route.rule!.scope
      const label = `${route.method} ${route.path} → ${response.status} ${text.slice(0, 200)}`
      if (
        scope.kind === 'workspace' ||
        route.rule!.permission === 'manage-users' ||
        route.rule!.permission === 'read-audit'
      ) {
        expect(response.status, label).toBe(403)
      } else if (scope.kind === 'organisation' && route.method !== 'GET') {
        expect(response.status, label).toBe(403)
      } else if (scope.kind === 'organisation' || scope.kind === 'resource') {
        expect(response.status, label).toBe(404)
      } else if (scope.kind === 'self' && /:[a-z]+/.test(route.path)) {
        // Someone else's token (id 1 is the administrator's) is "not found": ids do not leak.
        expect(response.status, label).toBe(404)
      } else {
        // filtered and self: answered, but nothing of Alpha in the answer.
        expect(response.status, label).toBeLessThan(300)
        expect(text, label).not.toContain('Alpha')
        expect(text, label).not.toContain('ALPHA')
      }
    }
  })

  it('refuses a viewer every route that writes (403), even within their own organisation', async () => {
    const writes = protectedRoutes().filter(
      (route) => route.method !== 'GET' && route.rule!.permission !== 'read',
    )
    expect(writes.length).toBeGreaterThanOrEqual(5)
    for (const route of writes) {
      const response = await call(route, bearer('viewer'), BETA)
      expect(response.status, `${route.method} ${route.path}`).toBe(403)
    }
  })

  it('answers 401 on every route to a session that has expired (8 hours after sign-in)', async () => {
    const session = await signIn('analyst')
    clock = T0 + 8 * 3_600_000 + 1
    try {
      for (const route of protectedRoutes()) {
        const response = await call(route, { cookie: session.cookie, 'x-csrf-token': session.csrf })
        expect(response.status, `${route.method} ${route.path}`).toBe(401)
      }
    } finally {
      clock = T0
    }
  })

  it('refuses every unsafe request made with the session cookie and a missing or forged CSRF token (403)', async () => {
    const session = await signIn('admin')
    const unsafe = protectedRoutes().filter((route) => route.method !== 'GET')
    for (const route of unsafe) {
      const attempts: Record<string, string>[] = [
        { cookie: session.cookie },
        { cookie: session.cookie, 'x-csrf-token': 'forged' + session.csrf.slice(6) },
      ]
      for (const headers of attempts) {
        const response = await call(route, headers, BETA)
        const body = (await response.json()) as { error: { message: string } }
        expect(response.status, `${route.method} ${route.path}`).toBe(403)
        expect(body.error.message).toMatch(/X-CSRF-Token/)
      }
    }
    // The right token is accepted: the administrator signs out.
    const out = await app.request('/api/session', {
      method: 'DELETE',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    })
    expect(out.status).toBe(200)
    expect((await app.request('/api/session', { headers: { cookie: session.cookie } })).status).toBe(401)
  })

  it("limits a contributor's reads to their subtree when no organisation is named", async () => {
    const footprint = await app.request('/api/footprint?by=organisation', { headers: bearer('beta') })
    expect(footprint.status).toBe(200)
    const body = (await footprint.json()) as {
      organisation: string
      assets: number
      breakdown: { organisation: string }[]
    }
    // Beta holds 2 of the 5 lines.
    expect(body.organisation).toBe(BETA)
    expect(body.assets).toBe(2)
    expect(body.breakdown.map((row) => row.organisation)).toEqual([BETA])
    const organisations = (await (
      await app.request('/api/organisations', { headers: bearer('alpha') })
    ).json()) as {
      items: { path: string; totalAssets: number }[]
    }
    expect(organisations.items.map((item) => [item.path, item.totalAssets])).toEqual([
      [ALPHA, 3],
      [`${ALPHA} > Site Nord`, 1],
    ])
    const own = await app.request(`/api/assets/BETA-PC-1/explanation`, { headers: bearer('beta') })
    expect(own.status).toBe(200)
  })

  it("refuses a contributor's upload whose rows name another organisation, with the line, and imports nothing", async () => {
    const form = new FormData()
    form.append(
      'file',
      new File([[GLPI_HEADER, INVENTORY.split('\n')[4], INVENTORY.split('\n')[1]].join('\n')], 'mixed.csv'),
    )
    const response = await app.request('/api/imports', {
      method: 'POST',
      body: form,
      headers: bearer('beta'),
    })
    expect(response.status).toBe(403)
    const body = (await response.json()) as { error: { message: string } }
    expect(body.error.message).toBe(
      `mixed.csv, line 3: organisation "${ALPHA}" is outside your perimeter (${BETA}); nothing was imported.`,
    )
    const imports = (await (await app.request('/api/imports', { headers: bearer('admin') })).json()) as {
      total: number
    }
    expect(imports.total).toBe(1)
  })

  it('accepts a bearer token without CSRF, and refuses a revoked or expired one (401)', async () => {
    const created = await createApiToken(deps, { login: 'analyst', name: 'short', expiresDays: 1, nowMs: T0 })
    const headers = { authorization: `Bearer ${created.token}` }
    expect((await app.request('/api/reconciliation', { method: 'POST', headers })).status).toBe(200)
    clock = T0 + 86_400_000
    expect((await app.request('/api/footprint', { headers })).status).toBe(401)
    clock = T0
    await revokeApiToken(deps, { id: created.id, nowMs: T0 })
    const revoked = await app.request('/api/footprint', { headers })
    expect(revoked.status).toBe(401)
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toBe(
      'Unknown or revoked API token.',
    )
    expect(
      (await app.request('/api/footprint', { headers: { authorization: 'Bearer not-a-token' } })).status,
    ).toBe(401)
  })

  it('refuses the sixth sign-in within 15 minutes after five failures (429, Retry-After), even with the right password', async () => {
    const attempt = (password: string) =>
      app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'alpha', password }),
      })
    for (let failure = 0; failure < 5; failure++)
      expect((await attempt('wrong password ' + failure)).status).toBe(401)
    const refused = await attempt(PASSWORD)
    expect(refused.status).toBe(429)
    // Five failures at T0: the oldest leaves the 15-minute window at T0 + 900 s.
    expect(refused.headers.get('retry-after')).toBe('900')
    clock = T0 + 15 * 60_000
    try {
      expect((await attempt(PASSWORD)).status).toBe(201)
    } finally {
      clock = T0
    }
  })

  it('never logs a password or a token, and stores only their hashes', async () => {
    const output: string[] = []
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi
        .spyOn(console, level)
        .mockImplementation((...parts: unknown[]) => void output.push(parts.map(String).join(' '))),
    )
    try {
      const session = await signIn('viewer')
      await app.request('/api/footprint', { headers: { cookie: session.cookie } })
      await app.request('/api/footprint', { headers: bearer('viewer') })
      await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'viewer', password: 'not the password at all' }),
      })
      const everything = [...output, ...logged].join('\n')
      for (const secret of [
        PASSWORD,
        'not the password at all',
        session.csrf,
        session.cookie.split('=')[1]!,
        tokens.viewer,
      ]) {
        expect(everything).not.toContain(secret)
      }
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    const database = await readFile(join(directory, 'workspace', 'workspace.duckdb')).catch(() =>
      Buffer.alloc(0),
    )
    expect(database.includes(Buffer.from(PASSWORD))).toBe(false)
    expect(database.includes(Buffer.from(tokens.viewer))).toBe(false)
  })

  it('writes imports, users, tokens and sign-ins to the audit log, readable by administrators only', async () => {
    const response = await app.request('/api/audit?limit=1000', { headers: bearer('admin') })
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      items: { actor: string; action: string; target: string | null }[]
    }
    const actions = new Set(body.items.map((item) => item.action))
    for (const action of [
      'inventory.import',
      'user.create',
      'token.create',
      'token.revoke',
      'session.create',
      'session.refused',
      'reconciliation.run',
    ]) {
      expect(actions, action).toContain(action)
    }
    expect(body.items.find((item) => item.action === 'inventory.import')).toMatchObject({
      actor: 'local',
      target: 'parc.csv',
    })
    expect((await app.request('/api/audit', { headers: bearer('analyst') })).status).toBe(403)
  })
})

describe('injection and upload attacks through the API', () => {
  let directory: string
  let workspace: OpenedWorkspace
  let app: Hono
  let headers: Record<string, string>

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'empreinte-injection-'))
    workspace = await openWorkspace(join(directory, 'workspace'), { create: true, progress: silent })
    await createUser(workspace.deps, {
      login: 'admin',
      displayName: null,
      role: 'administrator',
      organisation: null,
      password: PASSWORD,
      nowMs: T0,
    })
    const token = await createApiToken(workspace.deps, {
      login: 'admin',
      name: 'tests',
      expiresDays: null,
      nowMs: T0,
    })
    headers = { authorization: `Bearer ${token.token}` }
    app = createHttpApp(workspace.deps, {
      uploadDirectory: join(directory, 'uploads'),
      now: () => T0,
      maxUploadBytes: 64 * 1024,
    })
  })

  afterAll(async () => {
    await workspace.close()
    await rm(directory, { recursive: true, force: true })
  })

  const upload = (name: string, content: BlobPart, fields: Record<string, string> = {}) => {
    const form = new FormData()
    form.append('file', new File([content], name))
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    return app.request('/api/imports', { method: 'POST', body: form, headers })
  }

  it('stores SQL in CSV header names and values as text, and executes nothing', async () => {
    const csv = [
      // Quoted, so the ";" inside stay in the values (RFC 4180).
      `${GLPI_HEADER};"name'); DROP TABLE asset;--"`,
      `"PC'); DROP TABLE asset;--";"CNAM > CPAM'; DELETE FROM organisation;--";En service;Dell;Latitude 5420;Ordinateur portable;SN1' OR '1'='1;Lyon;15/03/2021;;;x`,
      `PC-2;CNAM > CPAM Beta;En service;Dell;Latitude 5420;Ordinateur portable;SN2;Lyon;15/03/2021;;;y`,
    ].join('\n')
    const response = await upload('injection.csv', csv)
    expect(response.status).toBe(201)
    const body = (await response.json()) as { imports: { rowsAccepted: number; unknownColumns: string[] }[] }
    expect(body.imports[0]!.rowsAccepted).toBe(2)
    expect(body.imports[0]!.unknownColumns).toEqual(["name'); DROP TABLE asset;--"])
    const organisations = (await (await app.request('/api/organisations', { headers })).json()) as {
      items: { path: string }[]
    }
    expect(organisations.items.map((item) => item.path)).toContain(
      "CNAM > CPAM'; DELETE FROM organisation;--",
    )
    const asset = await app.request(
      `/api/assets/${encodeURIComponent("PC'); DROP TABLE asset;--")}/explanation`,
      { headers },
    )
    expect(asset.status).toBe(200)
  })

  it('answers SQL in sort, filter and query parameters with a clear 400 or 404, and the tables stay whole', async () => {
    const footprint = await app.request(
      `/api/footprint?by=${encodeURIComponent('organisation;DROP TABLE asset')}`,
      { headers },
    )
    expect(footprint.status).toBe(400)
    const organisation = await app.request(
      `/api/footprint?organisation=${encodeURIComponent("' OR 1=1 --")}`,
      { headers },
    )
    expect(organisation.status).toBe(404)
    expect(((await organisation.json()) as { error: { message: string } }).error.message).toBe(
      `No organisation named "' OR 1=1 --" in this workspace.`,
    )
    const paging = await app.request(`/api/imports?limit=${encodeURIComponent('1; DROP TABLE import')}`, {
      headers,
    })
    expect(paging.status).toBe(400)
    const audit = await app.request(`/api/audit?action=${encodeURIComponent("x' OR '1'='1")}`, { headers })
    expect(await audit.json()).toMatchObject({ items: [], total: 0 })
    const whole = (await (await app.request('/api/footprint', { headers })).json()) as { assets: number }
    expect(whole.assets).toBe(2)
  })

  it('keeps only the base name of an uploaded file whose name climbs out of the upload folder', async () => {
    const response = await upload(
      '../../../etc/passwd.csv',
      [GLPI_HEADER, 'PC-9;CNAM;En service;Dell;Latitude 5420;Ordinateur portable;SN9;Lyon;15/03/2021;;'].join(
        '\n',
      ),
    )
    expect(response.status).toBe(201)
    expect(((await response.json()) as { imports: { file: string }[] }).imports[0]!.file).toBe('passwd.csv')
  })

  it('refuses an upload over the size limit with 413', async () => {
    const response = await upload('big.csv', GLPI_HEADER + '\n' + 'x;'.repeat(40_000))
    expect(response.status).toBe(413)
  })

  it('refuses a zip-bomb workbook with a clear message and imports nothing', async () => {
    const bomb = await readFile(fileURLToPath(new URL('../fixtures/xlsx/zip-bomb.xlsx', import.meta.url)))
    const response = await upload('bomb.xlsx', bomb)
    const body = (await response.json()) as { error: { message: string } }
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(body.error.message).toMatch(/bomb\.xlsx/)
    const imports = (await (await app.request('/api/imports', { headers })).json()) as { total: number }
    expect(imports.total).toBe(2)
  })
})
